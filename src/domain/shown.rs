//! Untrusted text made safe to show: on a terminal, in a message, on a printed page, in a
//! spreadsheet.
//!
//! Villages send text that others typed or pasted. A value holding `ESC [31m`, an OSC
//! title sequence or the C1 CSI (U+009B) would drive the operator's terminal if printed as
//! it is; a right-to-left override (U+202E) reverses what follows it in a browser. Every
//! place that shows a stored or received value passes it through [`shown`] first: control
//! characters (C0, DEL, C1) and invisible format characters (Unicode category Cf: bidi
//! controls, zero-width characters, the BOM…) become visible escapes such as `\u{1b}`, and
//! line breaks become `⏎` where one line is expected.

use std::borrow::Cow;

/// Where the text is shown: one line (a list cell, a message, a heading) or a block of
/// lines (a note on a card, the output of a command).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Line breaks show as `⏎`.
    One,
    /// Line breaks stay (`\r\n` and a lone `\r` become `\n`).
    Many,
}

/// The mark shown for a line break in a one-line place.
pub const LINE_BREAK: char = '⏎';

/// The invisible format characters (Unicode general category Cf, Unicode 15), as ranges.
const FORMAT: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// An invisible format character (category Cf): a bidi control (U+202A–U+202E,
/// U+2066–U+2069), a zero-width character (U+200B–U+200D, U+2060, U+FEFF), a soft hyphen, a
/// tag character…
pub fn is_format(c: char) -> bool {
    let u = c as u32;
    FORMAT.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// A line break: `\n`, `\r`, or the Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// A character that must never reach a terminal, a page or a cell as it is: a control
/// character (C0, DEL, C1) other than a line break, or a format character.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && !is_line_break(c)) || is_format(c)
}

/// `text` made safe to show: controls and format characters as visible escapes
/// (`\u{1b}`), line breaks as `⏎` in one-line places and as `\n` otherwise. Borrows when
/// there is nothing to change.
pub fn shown(text: &str, lines: Lines) -> Cow<'_, str> {
    let changes = |c: char| is_unsafe(c) || (is_line_break(c) && (lines == Lines::One || c != '\n'));
    if !text.chars().any(changes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_line_break(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(if lines == Lines::One { LINE_BREAK } else { '\n' });
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of `text`, safe to show: [`shown`] with [`Lines::One`], owned.
pub fn one_line(text: &str) -> String {
    shown(text, Lines::One).into_owned()
}

/// JSON text (as `serde_json` writes it) with every unsafe character and line separator
/// written as a JSON escape (`\u009b`, `\u202e`, a surrogate pair above U+FFFF). Such
/// characters stand only inside strings, so the JSON means exactly the same: nothing is
/// lost, nothing raw is shown.
pub fn json(text: &str) -> Cow<'_, str> {
    let changes = |c: char| is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}');
    if !text.chars().any(changes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if changes(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_show_as_escapes() {
        assert_eq!(shown("众心村\u{1b}[31m", Lines::One), "众心村\\u{1b}[31m");
        assert_eq!(shown("\u{1b}]0;pwn\u{7}", Lines::One), "\\u{1b}]0;pwn\\u{7}");
        assert_eq!(shown("a\u{9b}31mb", Lines::One), "a\\u{9b}31mb");
        assert_eq!(shown("a\u{7f}\u{0}\tb", Lines::One), "a\\u{7f}\\u{0}\\u{9}b");
    }

    #[test]
    fn format_characters_show_as_escapes() {
        assert_eq!(shown("\u{202e}村社\u{202c}", Lines::One), "\\u{202e}村社\\u{202c}");
        assert_eq!(shown("D\u{200b}1\u{feff}", Lines::One), "D\\u{200b}1\\u{feff}");
        assert_eq!(shown("\u{2067}x\u{2069}", Lines::Many), "\\u{2067}x\\u{2069}");
        assert!(is_format('\u{E0041}') && is_format('\u{AD}') && !is_format('a') && !is_format('\u{300}'));
    }

    #[test]
    fn line_breaks_by_place() {
        assert_eq!(shown("多行\r\n备注\n三\r四", Lines::One), "多行⏎备注⏎三⏎四");
        assert_eq!(shown("多行\r\n备注\n三\r四", Lines::Many), "多行\n备注\n三\n四");
        assert_eq!(shown("a\u{2028}b", Lines::One), "a⏎b");
    }

    #[test]
    fn safe_text_is_borrowed_unchanged() {
        for s in ["众心村", "吉𠮷", "مرحبا", "שלום", "🙂", "e\u{301}", ""] {
            assert!(matches!(shown(s, Lines::One), Cow::Borrowed(t) if t == s), "{s}");
        }
        assert!(matches!(shown("a\nb", Lines::Many), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_its_meaning() {
        let value = "a\u{9b}b\u{202e}c\u{E0041}";
        let text = serde_json::to_string(&value).unwrap_or_default();
        let safe = json(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).ok().as_deref(), Some(value));
    }
}
