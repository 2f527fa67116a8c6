//! Printed pages (the village card now; notices, letters and certificates next): every
//! value a user typed is escaped for HTML and isolated, so that it can neither add markup
//! nor change the direction of the text around it.
//!
//! - [`value`] is how a page shows a stored text: made safe by
//!   [`shown`](crate::domain::shown::shown) (control characters and bidi controls as
//!   visible escapes, line breaks as `⏎`), escaped, and wrapped in `<bdi>`. A name in
//!   Arabic or Hebrew then reads right to left inside its own box and leaves the amounts
//!   beside it alone; a U+202E in a name shows as `\u{202e}` and reverses nothing.
//! - [`plain`] is the same without the `<bdi>`, for places that hold text only (`<title>`).
//! - [`STYLE`] holds the rule every page's stylesheet includes, for browsers that know
//!   `unicode-bidi: isolate` but not `<bdi>`.

use crate::domain::shown::{Lines, shown};

/// The stylesheet rule that isolates user text on every page.
pub const STYLE: &str = "bdi { unicode-bidi: isolate; }";

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A user's text as a page shows it: safe, escaped, isolated in `<bdi>`.
pub fn value(text: &str) -> String {
    format!("<bdi>{}</bdi>", plain(text))
}

/// A user's text safe and escaped, not isolated: for text-only places such as `<title>`.
pub fn plain(text: &str) -> String {
    escape(&shown(text, Lines::One))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_isolated() {
        assert_eq!(value("众心村"), "<bdi>众心村</bdi>");
        assert_eq!(value("<b>&\"'"), "<bdi>&lt;b&gt;&amp;&quot;&#39;</bdi>");
        assert_eq!(value("\u{202e}村\u{202c}"), "<bdi>\\u{202e}村\\u{202c}</bdi>");
        assert_eq!(value("\u{1b}[31m"), "<bdi>\\u{1b}[31m</bdi>");
        assert_eq!(plain("a\nb"), "a⏎b");
    }
}
