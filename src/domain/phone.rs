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

/// Two-character surnames (复姓), kept whole when a name is masked.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "钟离", "澹台", "濮阳", "单于", "呼延", "端木", "百里", "东郭", "南宫", "西门", "独孤", "赫连", "万俟",
    "闻人", "申屠", "太史", "左丘", "第五", "公冶", "仲孙", "宗政",
];

/// A person's name with only the surname shown: `张*`, `欧阳**`.
pub fn mask_name(name: &str) -> String {
    let count = name.chars().count();
    let keep = match COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s)) {
        Some(_) if count > 2 => 2,
        _ => 1,
    };
    let shown: String = name.chars().take(keep).collect();
    if shown.is_empty() {
        return String::new();
    }
    format!("{shown}{}", "*".repeat((count - keep).max(1)))
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn masks_names() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧阳**");
        assert_eq!(mask_name("欧阳"), "欧*");
        assert_eq!(mask_name("吉"), "吉*");
        assert_eq!(mask_name("单𠮷祥"), "单**");
    }
}
