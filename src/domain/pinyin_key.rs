//! Search keys: a name's lower-case text plus its pinyin initials, every reading of a
//! heteronym included (重庆 gives both `cq` and `zq`).

use pinyin::ToPinyinMulti;

/// At most this many initials combinations are indexed per name; names with more
/// heteronyms than that keep the combinations of their first readings.
const MAX_COMBINATIONS: usize = 16;

/// Every distinct string of pinyin initials of `name` (non-Chinese letters and digits
/// are kept as they are, lower-cased; other characters are skipped).
pub fn initials(name: &str) -> Vec<String> {
    let mut combos: Vec<String> = vec![String::new()];
    for c in name.chars() {
        let mut letters: Vec<char> = Vec::new();
        if let Some(multi) = c.to_pinyin_multi() {
            for p in multi {
                if let Some(l) = p.first_letter().chars().next()
                    && !letters.contains(&l)
                {
                    letters.push(l);
                }
            }
        } else if c.is_ascii_alphanumeric() {
            letters.push(c.to_ascii_lowercase());
        }
        if letters.is_empty() {
            continue;
        }
        let mut next = Vec::with_capacity(combos.len() * letters.len());
        for (i, l) in letters.iter().enumerate() {
            for combo in &combos {
                if i > 0 && next.len() >= MAX_COMBINATIONS {
                    break;
                }
                let mut s = combo.clone();
                s.push(*l);
                next.push(s);
            }
        }
        combos = next;
    }
    combos.retain(|s| !s.is_empty());
    combos
}

/// The text stored for searching a record: its code, its name (lower-case) and every
/// initials string, separated by spaces. A query matches when it is a part of this key.
pub fn search_key(code: &str, name: &str) -> String {
    let mut key = format!("{} {}", code.to_lowercase(), name.to_lowercase());
    for i in initials(name) {
        key.push(' ');
        key.push_str(&i);
    }
    key
}

/// The form a query takes before matching a search key.
pub fn query_form(q: &str) -> String {
    super::normalize::fold_width(q).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_with_heteronyms() {
        assert!(initials("众心村").contains(&"zxc".to_string()));
        let cq = initials("重庆");
        assert!(cq.contains(&"zq".to_string()) && cq.contains(&"cq".to_string()), "{cq:?}");
        assert!(initials("A区3号").contains(&"aq3h".to_string()));
    }

    #[test]
    fn combinations_are_bounded() {
        let many = initials("重重重重重重重重重重");
        assert!(many.len() <= MAX_COMBINATIONS * 2, "{}", many.len());
        assert!(many.contains(&"zzzzzzzzzz".to_string()));
    }

    #[test]
    fn key_holds_code_name_and_initials() {
        let k = search_key("320904104209", "众心村委会");
        assert!(k.contains("320904104209"));
        assert!(k.contains("众心"));
        assert!(k.contains("zxcwh"));
    }
}
