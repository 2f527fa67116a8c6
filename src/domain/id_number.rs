//! The 18-digit resident identity number (居民身份证号码, GB 11643): six digits of the
//! place, eight of the birth date, three of sequence and a check character (0–9 or X)
//! computed over the first seventeen (ISO 7064 MOD 11-2).

use chrono::NaiveDate;

use super::normalize::fold_width;

/// The weights of the first seventeen digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder of the weighted sum modulo 11.
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character of seventeen digits, or `None` when they are not seventeen digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(CHECK[(sum % 11) as usize])
}

/// A resident identity number as stored: eighteen characters, `X` upper-case; `None` when
/// it is not eighteen digits (the last may be X), its birth date is impossible, or its
/// check character is wrong. Spaces and full-width characters are folded first.
pub fn parse_id_number(text: &str) -> Option<String> {
    let folded: String = fold_width(text).chars().filter(|c| !c.is_whitespace()).collect();
    let id = folded.to_ascii_uppercase();
    if id.len() != 18 {
        return None;
    }
    let (body, last) = id.split_at(17);
    let born = NaiveDate::parse_from_str(&body[6..14], "%Y%m%d").ok()?;
    if born.format("%Y").to_string().as_str() < "1900" {
        return None;
    }
    (check_char(body)? == last.chars().next()?).then_some(id)
}

/// An identity number as every list, screen and log shows it: the first four and the last
/// four characters, the rest (birth date included) as `*`.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid number made from seventeen digits.
    fn valid(first17: &str) -> String {
        format!("{first17}{}", check_char(first17).unwrap_or('?'))
    }

    #[test]
    fn the_check_character_is_the_standards() {
        // The example of GB 11643-1999.
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert_eq!(parse_id_number("11010519491231002X").as_deref(), Some("11010519491231002X"));
        assert_eq!(parse_id_number("11010519491231002x").as_deref(), Some("11010519491231002X"));
        assert_eq!(parse_id_number(" １１０１０５１９４９１２３１００２Ｘ ").as_deref(), Some("11010519491231002X"));
    }

    #[test]
    fn wrong_numbers_are_refused() {
        let good = valid("32090419900101123");
        assert!(parse_id_number(&good).is_some());
        let last = good.chars().last().unwrap_or('0');
        let wrong = if last == '0' { '1' } else { '0' };
        assert_eq!(parse_id_number(&format!("{}{wrong}", &good[..17])), None, "check character");
        assert_eq!(parse_id_number(&valid("32090419901301123")), None, "month 13");
        assert_eq!(parse_id_number("3209041990010112"), None, "too short");
        assert_eq!(parse_id_number("320904900101123"), None, "the old 15-digit form");
        assert_eq!(parse_id_number("32090419900101123A"), None);
    }

    #[test]
    fn masking_keeps_the_ends_only() {
        assert_eq!(mask_id_number("11010519491231002X"), "1101**********002X");
        assert_eq!(mask_id_number("1234"), "****");
    }
}
