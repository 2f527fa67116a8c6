//! Full-width to half-width folding, used before any value or header is parsed.

/// Folds full-width ASCII forms (`１２３４．５`, `：`, `，`) and the ideographic space to
/// their half-width equivalents; every other character is kept.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// One character of [`fold_width`].
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Characters that print as nothing: zero-width space, non-joiner and joiner, word
/// joiner, and the byte-order mark (also when it stands inside a file, not at its start).
pub const INVISIBLE: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

/// Drops [`INVISIBLE`] characters: a code that looks the same must be the same code.
pub fn strip_invisible(s: &str) -> String {
    s.chars().filter(|c| !INVISIBLE.contains(c)).collect()
}

/// Drops invisible characters, folds width, trims, and lower-cases ASCII: the form in which enumeration labels,
/// keys and headers are compared.
pub fn comparable(s: &str) -> String {
    fold_width(&strip_invisible(s)).trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_stripped() {
        assert_eq!(strip_invisible("\u{FEFF}D0001\u{200B}"), "D0001");
        assert_eq!(strip_invisible("Z\u{200C}X\u{200D}-\u{2060}1"), "ZX-1");
        assert_eq!(comparable("\u{FEFF}捐赠流水号"), "捐赠流水号");
    }

    #[test]
    fn folds_full_width_digits_and_punctuation() {
        assert_eq!(fold_width("１２３４．５"), "1234.5");
        assert_eq!(fold_width("￥１，２３４"), "￥1,234");
        assert_eq!(fold_width("０８：３０"), "08:30");
        assert_eq!(fold_width("众心村\u{3000}"), "众心村 ");
    }
}
