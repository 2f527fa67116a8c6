//! Service hours: a decimal with at most one decimal place, 0 < h ≤ 24, kept in tenths.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::normalize::fold_width;

/// A number of hours in tenths of an hour (exact, like money).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Hours(i64);

/// Hours are written to JSON as exact text (`"2.5"`).
impl Serialize for Hours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let folded = super::normalize::fold_width(&s);
        let (int, frac) = folded.trim().split_once('.').unwrap_or((folded.trim(), "0"));
        let whole: i64 = int.parse().map_err(serde::de::Error::custom)?;
        let tenth: i64 = frac.parse().map_err(serde::de::Error::custom)?;
        Ok(Hours(whole * 10 + tenth))
    }
}

impl Hours {
    pub const ZERO: Hours = Hours(0);

    pub const fn from_tenths(t: i64) -> Hours {
        Hours(t)
    }

    pub const fn tenths(self) -> i64 {
        self.0
    }

    /// Parses the hours of one shift: `3`, `2.5`, `２．５`; more than one decimal, zero,
    /// negative or above 24 is `None`.
    pub fn parse_shift(text: &str) -> Option<Hours> {
        let folded = fold_width(text);
        let s = folded.trim();
        let s = s.strip_suffix("小时").unwrap_or(s).trim_end();
        let s = s.strip_suffix('h').unwrap_or(s).trim_end();
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f.trim_end_matches('0')),
            None => (s, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        if frac.len() > 1 || int.len() > 3 {
            return None;
        }
        let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let tenth: i64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
        let tenths = whole * 10 + tenth;
        (1..=240).contains(&tenths).then_some(Hours(tenths))
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 10 == 0 { write!(f, "{}", self.0 / 10) } else { write!(f, "{}.{}", self.0 / 10, self.0 % 10) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_shift_hours() {
        assert_eq!(Hours::parse_shift("3"), Some(Hours(30)));
        assert_eq!(Hours::parse_shift("2.5"), Some(Hours(25)));
        assert_eq!(Hours::parse_shift("２．５"), Some(Hours(25)));
        assert_eq!(Hours::parse_shift("24"), Some(Hours(240)));
        assert_eq!(Hours::parse_shift("0.5"), Some(Hours(5)));
        assert_eq!(Hours::parse_shift("2.50"), Some(Hours(25)));
        assert_eq!(Hours::parse_shift("0"), None);
        assert_eq!(Hours::parse_shift("24.5"), None);
        assert_eq!(Hours::parse_shift("2.25"), None);
        assert_eq!(Hours::parse_shift("-1"), None);
        assert_eq!(Hours::parse_shift("abc"), None);
        assert_eq!(Hours(25).to_string(), "2.5");
        assert_eq!(Hours(30).to_string(), "3");
    }
}
