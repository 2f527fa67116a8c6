//! Turning the text values of one row (a spreadsheet row or a form) into typed values,
//! collecting every broken rule instead of stopping at the first.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};

use super::date::{parse_date, parse_time};
use super::enums::Enumeration;
use super::error::{FieldError, Rule};
use super::hours::Hours;
use super::money::{Money, strip_thousands};
use super::normalize::fold_width;
use super::phone::parse_phone;
use super::text;

/// Where a row's values come from: the value of a field by its English key.
pub trait Source {
    fn value(&self, key: &str) -> Option<&str>;
}

impl Source for HashMap<&str, String> {
    fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(String::as_str)
    }
}

impl Source for HashMap<String, String> {
    fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(String::as_str)
    }
}

impl Source for [(&str, &str)] {
    fn value(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

impl<const N: usize> Source for [(&str, &str); N] {
    fn value(&self, key: &str) -> Option<&str> {
        self.as_slice().value(key)
    }
}

/// Reads fields from a [`Source`]; each reader returns a value (a default when the
/// field is broken) and records what was wrong. [`RowParser::finish`] gives the record
/// or every error.
pub struct RowParser<'a, S: Source + ?Sized> {
    source: &'a S,
    errors: Vec<FieldError>,
}

impl<'a, S: Source + ?Sized> RowParser<'a, S> {
    pub fn new(source: &'a S) -> Self {
        RowParser { source, errors: Vec::new() }
    }

    /// The raw value, `None` when absent or only spaces.
    fn raw(&self, key: &str) -> Option<&'a str> {
        self.source.value(key).filter(|v| !v.trim().is_empty())
    }

    /// Records a broken rule for a field.
    pub fn fail(&mut self, field: &'static str, value: &str, rule: Rule) {
        self.errors.push(FieldError { field, value: value.to_string(), rule });
    }

    /// A required field parsed with `parse`.
    pub fn req<T: Default>(&mut self, key: &'static str, parse: impl Fn(&str) -> Result<T, Rule>) -> T {
        match self.raw(key) {
            None => {
                self.fail(key, "", Rule::Required);
                T::default()
            }
            Some(v) => match parse(v) {
                Ok(t) => t,
                Err(rule) => {
                    self.fail(key, v, rule);
                    T::default()
                }
            },
        }
    }

    /// An optional field parsed with `parse`: `None` when empty.
    pub fn opt<T>(&mut self, key: &'static str, parse: impl Fn(&str) -> Result<T, Rule>) -> Option<T> {
        let v = self.raw(key)?;
        match parse(v) {
            Ok(t) => Some(t),
            Err(rule) => {
                self.fail(key, v, rule);
                None
            }
        }
    }

    /// An enumeration, its default when empty.
    pub fn choice<E: Enumeration + Default>(&mut self, key: &'static str) -> E {
        self.opt(key, parse_choice::<E>).unwrap_or_default()
    }

    /// A record with a cross-field rule checked by the caller.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The record, or every error found.
    pub fn finish<T>(self, record: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() { Ok(record) } else { Err(self.errors) }
    }
}

/// A single-line text of at most `max` characters.
pub fn text(max: usize) -> impl Fn(&str) -> Result<String, Rule> {
    move |s| text::single_line(s, max)
}

/// A note or description of at most `max` characters (newlines allowed).
pub fn long_text(max: usize) -> impl Fn(&str) -> Result<String, Rule> {
    move |s| text::multi_line(s, max)
}

/// A code of 1–`max` characters.
pub fn code(max: usize) -> impl Fn(&str) -> Result<String, Rule> {
    move |s| text::code(s, max, false)
}

/// A number printed on a document (a receipt's code or number): single-line text of at
/// most `max` characters, without invisible characters, so uniqueness means what it shows.
pub fn printed_number(max: usize) -> impl Fn(&str) -> Result<String, Rule> {
    move |s| text::single_line(&super::normalize::strip_invisible(s), max)
}

/// An 18-digit resident identity number with a right check character.
pub fn id_number(s: &str) -> Result<String, Rule> {
    super::id_number::parse_id_number(s).ok_or(Rule::IdNumber)
}

/// A village code: 1–20 digits and letters.
pub fn village_code(s: &str) -> Result<String, Rule> {
    text::code(s, 20, true)
}

/// Money ≥ 0.
pub fn money(s: &str) -> Result<Money, Rule> {
    Money::parse(s).map_err(Rule::Money)
}

/// Money > 0.
pub fn positive_money(s: &str) -> Result<Money, Rule> {
    let m = money(s)?;
    if m.fen() == 0 { Err(Rule::NotPositive) } else { Ok(m) }
}

pub fn date(s: &str) -> Result<NaiveDate, Rule> {
    parse_date(s).map_err(Rule::Date)
}

pub fn time(s: &str) -> Result<NaiveTime, Rule> {
    parse_time(s).ok_or(Rule::Time)
}

pub fn phone(s: &str) -> Result<String, Rule> {
    parse_phone(s).ok_or(Rule::Phone)
}

pub fn hours(s: &str) -> Result<Hours, Rule> {
    Hours::parse_shift(s).ok_or(Rule::Hours)
}

/// A whole number ≥ 0 (`1200`, `1,200`, `１２００`; a numeric cell's `1200.0`).
pub fn integer(s: &str) -> Result<i64, Rule> {
    let folded = fold_width(s);
    let t = folded.trim();
    let t = t.strip_suffix(".0").or_else(|| t.strip_suffix(".00")).unwrap_or(t);
    let digits = strip_thousands(t).ok_or(Rule::Integer)?;
    if digits.is_empty() || digits.len() > 12 {
        return Err(Rule::Integer);
    }
    digits.parse().map_err(|_| Rule::Integer)
}

pub fn parse_choice<E: Enumeration>(s: &str) -> Result<E, Rule> {
    E::parse_value(s).ok_or_else(|| Rule::Choice { choices: E::all_choices() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_numbers_lose_invisible_characters() {
        assert_eq!(printed_number(20)("\u{FEFF}00000001\u{200B}"), Ok("00000001".to_string()));
        assert_eq!(code(64)("D0001\u{200B}"), Ok("D0001".to_string()));
        assert_eq!(village_code("\u{FEFF}320904104209"), Ok("320904104209".to_string()));
    }
}
