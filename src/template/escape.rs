//! Keeping text from becoming a formula when a CSV is opened in a spreadsheet.
//!
//! A value that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
//! apostrophe; so does a value that starts with an apostrophe followed by one of those (or by
//! another apostrophe), so that reading strips exactly one apostrophe back off.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn risky_after_apostrophe(rest: &str) -> bool {
    rest.starts_with(TRIGGERS) || rest.starts_with('\'')
}

/// The text to write for `value`.
pub fn protect(value: &str) -> std::borrow::Cow<'_, str> {
    let needs = value.starts_with(TRIGGERS) || value.strip_prefix('\'').is_some_and(risky_after_apostrophe);
    if needs { format!("'{value}").into() } else { value.into() }
}

/// The value of a written text (the inverse of [`protect`]).
pub fn unprotect(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if risky_after_apostrophe(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_never_starts_a_formula() {
        for v in ["=1+1", "+86", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''x", "'a", "'", "普通", "", "a=b"] {
            let w = protect(v);
            assert!(!w.starts_with(TRIGGERS), "{w:?}");
            assert_eq!(unprotect(&w), v, "{v:?}");
        }
        assert_eq!(protect("=1+1"), "'=1+1");
        assert_eq!(protect("众心村"), "众心村");
    }
}
