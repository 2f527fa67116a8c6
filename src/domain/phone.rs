//! Phone numbers: digits with an optional `+86` (or `0086`), spaces and dashes; 7–15 digits.

use super::normalize::fold_width;

/// Cleans a phone number to its digits (dropping a `+86` or `0086` country prefix).
/// `None` when it has other characters or not 7–15 digits after cleaning.
pub fn parse_phone(text: &str) -> Option<String> {
    let folded = fold_width(text);
    let s = folded.trim();
    let s = ["+86", "(+86)", "0086", "(0086)"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    let mut digits = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            _ => return None,
        }
    }
    (7..=15).contains(&digits.len()).then_some(digits)
}

/// Masks the middle of a phone number for inspectors: `13812345678` → `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let keep_head = 3;
    let keep_tail = 4;
    let stars = chars.len() - keep_head - keep_tail;
    let head: String = chars[..keep_head].iter().collect();
    let tail: String = chars[chars.len() - keep_tail..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(stars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_accepted_forms() {
        assert_eq!(parse_phone("13812345678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("+86 138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("0515-8321 1234").as_deref(), Some("051583211234"));
        assert_eq!(parse_phone("８３２１１２３").as_deref(), Some("8321123"));
    }

    #[test]
    fn country_code_0086_is_dropped() {
        assert_eq!(parse_phone("0086 138-1234-5678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("008613812345678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("(0086) 13812345678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("+86 13812345678").as_deref(), Some("13812345678"));
    }

    #[test]
    fn rejects_others() {
        assert_eq!(parse_phone("123456"), None);
        assert_eq!(parse_phone("1234567890123456"), None);
        assert_eq!(parse_phone("138x1234"), None);
        assert_eq!(parse_phone("+1 415 555 0100"), None);
    }

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }
}

/// Masks a person's name for inspectors: `张三` → `张*`, `欧阳娜娜` → `欧***`.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn masks_names() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("吉"), "吉*");
    }
}
