//! Text rules: trimming, length in characters, control characters, codes.

use super::error::Rule;

/// Checks a single-line text: trimmed, at most `max` characters, no control characters.
pub fn single_line(text: &str, max: usize) -> Result<String, Rule> {
    let t = text.trim();
    if t.chars().any(char::is_control) {
        return Err(Rule::ControlChars);
    }
    check_len(t, max)?;
    Ok(t.to_string())
}

/// Checks a description or note: like [`single_line`] but newlines are allowed
/// (Windows line ends become `\n`).
pub fn multi_line(text: &str, max: usize) -> Result<String, Rule> {
    let t = text.trim().replace("\r\n", "\n");
    if t.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Rule::ControlChars);
    }
    check_len(&t, max)?;
    Ok(t)
}

/// Checks a code: 1–`max` characters without control characters or spaces at the ends;
/// with `alnum`, only ASCII digits and letters (village codes). Invisible characters
/// (zero-width spaces, BOMs) are dropped, so a code that looks the same is the same code.
pub fn code(text: &str, max: usize, alnum: bool) -> Result<String, Rule> {
    let visible = super::normalize::strip_invisible(text);
    let t = super::normalize::fold_width(&visible).trim().to_string();
    if t.is_empty() {
        return Err(Rule::Required);
    }
    if alnum && !t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Rule::CodeChars);
    }
    if t.chars().any(char::is_control) {
        return Err(Rule::ControlChars);
    }
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
    fn skills() {
        assert_eq!(split_skills("驾驶、护理，电工,厨艺;摄影"), ["驾驶", "护理", "电工", "厨艺", "摄影"]);
    }
}
