//! Text by display width: Chinese characters take two columns, and nothing is ever cut
//! in the middle of one; a cut is shown with a marker.
//!
//! Every text drawn through [`fit`], [`pad`], [`pad_right`] and [`wrap`] is first made
//! safe by [`shown`]: a control character or bidi control that reached the database any
//! way at all shows as an escape (`\u{1b}`), a line break as `⏎`.

use unicode_width::UnicodeWidthChar;

use crate::domain::shown::{Lines, shown};

/// The display width of a text.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` cut to at most `max` columns; when cut, the last column is `marker`.
pub fn fit(s: &str, max: usize, marker: char) -> String {
    let s = &*shown(s, Lines::One);
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let room = max - 1;
    for c in s.chars() {
        if c == '\n' || c == '\r' || c == '\t' {
            break;
        }
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    // A wide character that did not fit leaves a gap: fill it so the width is exact.
    while used < room {
        out.push(' ');
        used += 1;
    }
    out.push(marker);
    out
}

/// Items laid out in lines of at most `max` columns, two spaces apart, in order; an item
/// wider than a line has a line of its own.
pub fn pack<S: AsRef<str>>(items: &[S], max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for item in items.iter().map(AsRef::as_ref).filter(|i| !i.is_empty()) {
        match lines.last_mut() {
            Some(line) if width(line) + 2 + width(item) <= max => {
                line.push_str("  ");
                line.push_str(item);
            }
            _ => lines.push(item.to_string()),
        }
    }
    lines
}

/// `s` cut into lines of at most `max` display columns, never splitting a character (a
/// wide character that does not fit moves to the next line). A line is broken after its
/// last space when there is one in its second half, so words and `label value` pairs stay
/// together; spaces at a break are dropped.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let s = &*shown(s, Lines::One);
    let max = max.max(2);
    let mut lines = Vec::new();
    let mut line: Vec<(char, usize)> = Vec::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            // Break after the last space in the second half of the line, else here.
            let half = max / 2;
            let mut at_col = 0;
            let mut cut = None;
            for (i, (ch, cw)) in line.iter().enumerate() {
                at_col += cw;
                if *ch == ' ' && at_col > half {
                    cut = Some(i + 1);
                }
            }
            let rest = match cut {
                Some(i) => line.split_off(i),
                None => Vec::new(),
            };
            let text: String = line.iter().map(|(ch, _)| *ch).collect();
            lines.push(text.trim_end().to_string());
            line = rest.into_iter().skip_while(|(ch, _)| *ch == ' ').collect();
            used = line.iter().map(|(_, cw)| cw).sum();
        }
        if !(line.is_empty() && c == ' ' && !lines.is_empty()) {
            line.push((c, w));
            used += w;
        }
    }
    lines.push(line.iter().map(|(ch, _)| *ch).collect());
    lines
}

/// `s` cut and padded to exactly `w` columns.
pub fn pad(s: &str, w: usize, marker: char) -> String {
    let mut t = fit(s, w, marker);
    let mut used = width(&t);
    while used < w {
        t.push(' ');
        used += 1;
    }
    t
}

/// `s` cut and padded to exactly `w` columns, right-aligned (numbers).
pub fn pad_right(s: &str, w: usize, marker: char) -> String {
    let t = fit(s, w, marker);
    let used = width(&t);
    format!("{}{t}", " ".repeat(w.saturating_sub(used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width_with_a_marker() {
        assert_eq!(fit("众心村助学项目", 8, '…'), "众心村 …");
        assert_eq!(width(&fit("众心村助学项目", 8, '…')), 8);
        assert_eq!(fit("众心村助学项目", 9, '~'), "众心村助~");
        assert_eq!(fit("abc", 8, '…'), "abc");
        assert_eq!(pad("吉𠮷", 6, '…'), "吉𠮷  ");
        assert_eq!(pad("a\nb", 4, '…'), "a⏎b ");
        assert_eq!(pad("\u{1b}[31m", 11, '…'), "\\u{1b}[31m ");
        assert_eq!(fit("\u{202e}众心村", 8, '…'), "\\u{202e…");
        assert_eq!(pad_right("¥1.00", 8, '…'), "   ¥1.00");
    }
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_character_and_each_line_fits() {
        let text = "后台任务尚未完成。现在退出将放弃本次导入或导出，数据库保持原样。确定退出？ab";
        let lines = wrap(text, 9);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| width(l) <= 9), "{lines:?}");
        assert_eq!(wrap("", 10), vec![String::new()]);
        // Breaks after a space when one stands in the second half of the line.
        assert_eq!(wrap("已筹 ¥0.00  已拨付 ¥0.00", 16), vec!["已筹 ¥0.00", "已拨付 ¥0.00"]);
        assert_eq!(wrap("the quick brown fox", 10), vec!["the quick", "brown fox"]);
    }
}
