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

/// Folds width, trims, and lower-cases ASCII: the form in which enumeration labels,
/// keys and headers are compared.
pub fn comparable(s: &str) -> String {
    fold_width(s).trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_and_punctuation() {
        assert_eq!(fold_width("１２３４．５"), "1234.5");
        assert_eq!(fold_width("￥１，２３４"), "￥1,234");
        assert_eq!(fold_width("０８：３０"), "08:30");
        assert_eq!(fold_width("众心村\u{3000}"), "众心村 ");
    }
}
