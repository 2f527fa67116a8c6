//! Small conversions between domain values and SQL values.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

use crate::domain::{Hours, Money};

/// A project's balance in SQL (projects aliased `p`): what it raised (public and
/// matching) and has not disbursed. Mirrors [`Money::balance`], the one definition.
pub const BALANCE: &str = "(p.raised_public_fen + p.raised_matching_fen + p.carried_in_fen + p.opening_fen \
     - p.disbursed_fen - p.carried_out_fen)";

/// Dates are stored as `YYYY-MM-DD` text.
pub fn date(d: NaiveDate) -> String {
    use chrono::Datelike;
    // A million rows of an import each store a date: chrono's formatter reads its format
    // string every time; four-digit years need none of it.
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

pub fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(date)
}

pub fn parse_date(s: &str) -> FromSqlResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| FromSqlError::Other(Box::new(e)))
}

/// Times are stored as `HH:MM` text.
pub fn time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

pub fn parse_time(s: &str) -> FromSqlResult<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|e| FromSqlError::Other(Box::new(e)))
}

/// A stored date column.
pub struct Date(pub NaiveDate);

impl FromSql for Date {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_date(v.as_str()?).map(Date)
    }
}

/// A stored optional date column.
pub struct OptDate(pub Option<NaiveDate>);

impl FromSql for OptDate {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        match v {
            ValueRef::Null => Ok(OptDate(None)),
            other => parse_date(other.as_str()?).map(|d| OptDate(Some(d))),
        }
    }
}

/// A stored enumeration key.
pub fn enum_from<T>(v: &str, parse: fn(&str) -> Option<T>) -> FromSqlResult<T> {
    parse(v).ok_or_else(|| FromSqlError::Other(format!("unknown value {v}").into()))
}

/// Reads money from an INTEGER fen column.
pub fn money(fen: i64) -> Money {
    Money::from_fen(fen)
}

/// Reads hours from an INTEGER tenths column.
pub fn hours(tenths: i64) -> Hours {
    Hours::from_tenths(tenths)
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn dates_are_stored_as_chrono_writes_them() {
        for (y, m, d) in [(1990, 1, 1), (2024, 2, 29), (2100, 12, 31), (999, 3, 4), (10_000, 1, 1), (-5, 6, 7)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(date(day), day.format("%Y-%m-%d").to_string());
        }
    }
}
