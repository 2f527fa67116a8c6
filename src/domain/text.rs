//! Text rules: trimming, length in characters, control and format characters, codes.
//!
//! The text rule of the template (`docs/TEMPLATE.md`, *Values*): control characters are
//! errors everywhere except the line breaks of notes and descriptions; invisible format
//! characters (bidi controls, zero-width characters and the rest of Unicode category Cf)
//! are errors in codes, names and every single-line value, and are removed from notes and
//! descriptions (the import warns, see [`format_chars`]).

use super::error::Rule;
use super::shown::{is_format, is_line_break};

/// Checks a single-line text: trimmed, at most `max` characters, no control characters
/// (a line break included) and no format characters.
pub fn single_line(text: &str, max: usize) -> Result<String, Rule> {
    let t = text.trim();
    check_chars(t)?;
    check_len(t, max)?;
    Ok(t.to_string())
}

/// No control characters or line breaks, then no format characters (the first is named).
fn check_chars(t: &str) -> Result<(), Rule> {
    if t.chars().any(|c| c.is_control() || is_line_break(c)) {
        return Err(Rule::ControlChars);
    }
    match t.chars().find(|c| is_format(*c)) {
        Some(c) => Err(Rule::FormatChar(c)),
        None => Ok(()),
    }
}

/// Checks a description or note: like [`single_line`] but line breaks are allowed
/// (Windows line ends and the Unicode line separators become `\n`), and format
/// characters are removed rather than refused.
pub fn multi_line(text: &str, max: usize) -> Result<String, Rule> {
    let t: String = text
        .trim()
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !is_format(*c))
        .map(|c| if is_line_break(c) { '\n' } else { c })
        .collect();
    let t = t.trim().to_string();
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Rule::ControlChars);
    }
    check_len(&t, max)?;
    Ok(t)
}

/// How many format characters a note or description loses on import ([`multi_line`]).
pub fn format_chars(text: &str) -> usize {
    text.chars().filter(|c| is_format(*c)).count()
}

/// Checks a code: 1–`max` characters without control characters or spaces at the ends;
/// with `alnum`, only ASCII digits and letters (village codes). The zero-width characters
/// and BOMs of [`INVISIBLE`](super::normalize::INVISIBLE) are dropped, so a code that
/// looks the same is the same code; any other format character (a bidi control) is an
/// error.
pub fn code(text: &str, max: usize, alnum: bool) -> Result<String, Rule> {
    let visible = super::normalize::strip_invisible(text);
    let t = super::normalize::fold_width(&visible).trim().to_string();
    if t.is_empty() {
        return Err(Rule::Required);
    }
    if alnum && !t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Rule::CodeChars);
    }
    check_chars(&t)?;
    check_len(&t, max)?;
    Ok(t)
}

fn check_len(t: &str, max: usize) -> Result<(), Rule> {
    let n = t.chars().count();
    if n > max { Err(Rule::TooLong { max, len: n }) } else { Ok(()) }
}

/// Splits a skills list on `、`, `，`, `,` or `;` (and `；`).
pub fn split_skills(skills: &str) -> Vec<String> {
    skills.split(['、', '，', ',', ';', '；']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert_eq!(single_line("  众心村 ", 50), Ok("众心村".to_string()));
        assert_eq!(single_line("a\nb", 50), Err(Rule::ControlChars));
        assert_eq!(multi_line("a\r\nb", 50), Ok("a\nb".to_string()));
        assert_eq!(multi_line("a\tb", 50), Err(Rule::ControlChars));
        assert_eq!(single_line("𠮷𠮷𠮷", 3), Ok("𠮷𠮷𠮷".to_string()));
        assert_eq!(single_line("𠮷𠮷𠮷𠮷", 3), Err(Rule::TooLong { max: 3, len: 4 }));
        assert_eq!(code("320904104209", 20, true), Ok("320904104209".to_string()));
        assert_eq!(code("3209-04", 20, true), Err(Rule::CodeChars));
        assert_eq!(code("ZX-2021-01", 40, false), Ok("ZX-2021-01".to_string()));
        assert_eq!(code("", 40, false), Err(Rule::Required));
        assert_eq!(code("\u{FEFF}D0001\u{200B}", 64, false), Ok("D0001".to_string()));
        assert_eq!(code("3209041042\u{2060}09", 20, true), Ok("320904104209".to_string()));
        assert_eq!(code("\u{200B}", 40, false), Err(Rule::Required));
    }

    #[test]
    fn format_characters_in_single_line_values_are_errors() {
        assert_eq!(single_line("\u{202E}众心村\u{202C}", 50), Err(Rule::FormatChar('\u{202E}')));
        assert_eq!(single_line("张\u{200B}三", 50), Err(Rule::FormatChar('\u{200B}')));
        assert_eq!(single_line("\u{FEFF}张三", 50), Err(Rule::FormatChar('\u{FEFF}')));
        assert_eq!(single_line("a\u{2066}b", 50), Err(Rule::FormatChar('\u{2066}')));
        assert_eq!(single_line("a\u{AD}b", 50), Err(Rule::FormatChar('\u{AD}')));
        assert_eq!(single_line("a\u{2028}b", 50), Err(Rule::ControlChars));
        assert_eq!(single_line("\u{1b}[31m众心村", 50), Err(Rule::ControlChars));
        assert_eq!(single_line("a\u{9b}b", 50), Err(Rule::ControlChars));
        assert_eq!(code("ZX\u{202E}-01", 40, false), Err(Rule::FormatChar('\u{202E}')));
        // Names in right-to-left scripts, combining marks and emoji are text, not format.
        assert_eq!(single_line("مريم", 50), Ok("مريم".to_string()));
        assert_eq!(single_line("שרה e\u{301} 🙂 𠮷", 50), Ok("שרה e\u{301} 🙂 𠮷".to_string()));
    }

    #[test]
    fn format_characters_are_removed_from_notes() {
        assert_eq!(multi_line("\u{202E}备注\u{200B}\r\n第二行\u{2069}", 50), Ok("备注\n第二行".to_string()));
        assert_eq!(format_chars("\u{202E}备注\u{200B}\r\n第二行\u{2069}"), 3);
        assert_eq!(multi_line("a\u{2028}b", 50), Ok("a\nb".to_string()));
        assert_eq!(multi_line("a\u{1b}b", 50), Err(Rule::ControlChars));
    }

    #[test]
    fn skills() {
        assert_eq!(split_skills("驾驶、护理，电工,厨艺;摄影"), ["驾驶", "护理", "电工", "厨艺", "摄影"]);
    }
}
