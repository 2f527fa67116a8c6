//! Money: an exact number of fen (1/100 yuan), never a float.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::normalize::fold_width;

/// The largest amount the template accepts: 1,000,000,000,000 yuan, in fen.
pub const MAX_FEN: i64 = 1_000_000_000_000 * 100;

/// An amount of money in fen. Stored as an integer everywhere; `rust_decimal` only at
/// the edges (parsing and spreadsheet cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Money is written to JSON as exact yuan text (`"1234.50"`), never as a float.
impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Money::parse(&s).map_err(|e| serde::de::Error::custom(format!("{e:?}: {s}")))
    }
}

/// Why a text is not an acceptable amount of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    /// Not a number at all (letters, two decimal points, misplaced commas…).
    NotANumber,
    /// A minus sign or parentheses.
    Negative,
    /// More than two decimals: money is never rounded silently.
    TooManyDecimals,
    /// Above 1,000,000,000,000 yuan.
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(0);

    /// An amount from fen.
    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// The amount as an exact decimal number of yuan (scale 2).
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// An amount from a decimal number of yuan: at most two decimals, not negative,
    /// not above the limit.
    pub fn from_decimal(d: Decimal) -> Result<Money, MoneyError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(MoneyError::Negative);
        }
        let d = d.normalize();
        if d.scale() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let fen = d.checked_mul(Decimal::ONE_HUNDRED).ok_or(MoneyError::TooLarge)?;
        let fen: i64 = fen.try_into().map_err(|_| MoneyError::TooLarge)?;
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(fen))
    }

    /// Parses every money form of the template: `850000`, `850,000.00`, `¥1,234.5`,
    /// `￥1234.50`, `1234.5元`, full-width digits. Rejects negatives, a third decimal
    /// and amounts above the limit.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let folded = fold_width(text);
        let mut s = folded.trim();
        if s.starts_with('-') || s.starts_with('(') || s.starts_with('（') || s.ends_with('-') {
            return Err(MoneyError::Negative);
        }
        for prefix in ["¥", "￥", "RMB", "CNY"] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start();
                break;
            }
        }
        if let Some(rest) = s.strip_suffix("元") {
            s = rest.trim_end();
        }
        if s.starts_with('-') {
            return Err(MoneyError::Negative);
        }
        let s = s.strip_prefix('+').unwrap_or(s);
        let (int_part, frac_part) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        let int_digits = strip_thousands(int_part).ok_or(MoneyError::NotANumber)?;
        if let Some(f) = frac_part {
            if f.is_empty() && int_digits.is_empty() {
                return Err(MoneyError::NotANumber);
            }
            if !f.chars().all(|c| c.is_ascii_digit()) {
                return Err(MoneyError::NotANumber);
            }
        } else if int_digits.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        let frac = frac_part.unwrap_or("");
        // Trailing zeros beyond the second decimal are not extra precision: 1.500 is 1.50.
        let frac_trimmed = if frac.len() > 2 { frac.trim_end_matches('0') } else { frac };
        if frac_trimmed.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let int_digits = int_digits.trim_start_matches('0');
        if int_digits.len() > 13 {
            return Err(MoneyError::TooLarge);
        }
        let yuan: i64 =
            if int_digits.is_empty() { 0 } else { int_digits.parse().map_err(|_| MoneyError::NotANumber)? };
        let mut frac_fen: i64 = 0;
        for (i, c) in frac_trimmed.chars().enumerate() {
            let digit = i64::from(c as u8 - b'0');
            frac_fen += digit * if i == 0 { 10 } else { 1 };
        }
        let fen = yuan.checked_mul(100).and_then(|f| f.checked_add(frac_fen)).ok_or(MoneyError::TooLarge)?;
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(fen))
    }

    /// Adds two amounts; `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The balance (of a project, a village or everything): donations (public and 配捐)
    /// and carry-overs in, less disbursements and carry-overs out. The one definition;
    /// the store's SQL mirrors it in `db::sql::BALANCE`.
    pub fn balance(raised: Money, carried_in: Money, disbursed: Money, carried_out: Money) -> Money {
        Money(raised.0.saturating_add(carried_in.0)).saturating_sub(Money(disbursed.0.saturating_add(carried_out.0)))
    }

    /// Subtracts (balances may be shown negative only if data is broken).
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }

    /// `1234.50` — two decimals, no grouping: the form written to files.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// `¥1,234.50` — grouped with a currency sign: the form shown to people.
    pub fn display(self) -> String {
        format!("¥{}", self.grouped())
    }

    /// `1,234.50` — grouped without a sign.
    pub fn grouped(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let int = (a / 100).to_string();
        let mut out = String::with_capacity(int.len() + int.len() / 3 + 4);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}.{:02}", a % 100)
    }

    /// Percentage of `self` in `of`, in whole per cent (0 when `of` is zero).
    pub fn percent_of(self, of: Money) -> i64 {
        if of.0 <= 0 {
            return 0;
        }
        ((i128::from(self.0) * 100) / i128::from(of.0)) as i64
    }
}

/// Removes thousands separators, accepting them only in their proper places
/// (`1,234,567`); returns the digits, or `None` when anything else is there.
pub(crate) fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return s.chars().all(|c| c.is_ascii_digit()).then(|| s.to_string());
    }
    let groups: Vec<&str> = s.split(',').collect();
    let first = groups.first()?;
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    for g in &groups[1..] {
        if g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some(groups.concat())
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse(s)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fen(s: &str) -> i64 {
        Money::parse(s).map(Money::fen).unwrap_or(-1)
    }

    #[test]
    fn accepts_every_template_form() {
        assert_eq!(fen("850000"), 85_000_000);
        assert_eq!(fen("850,000.00"), 85_000_000);
        assert_eq!(fen("¥1,234.5"), 123_450);
        assert_eq!(fen("￥1234.50"), 123_450);
        assert_eq!(fen("1234.5元"), 123_450);
        assert_eq!(fen("１２３４．５"), 123_450);
        assert_eq!(fen("  0.01 "), 1);
        assert_eq!(fen(".5"), 50);
        assert_eq!(fen("1.500"), 150);
        assert_eq!(fen("1000000000000"), MAX_FEN);
    }

    #[test]
    fn rejects_what_the_template_forbids() {
        assert_eq!(Money::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("¥-5"), Err(MoneyError::Negative));
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("1000000000000.01"), Err(MoneyError::TooLarge));
        assert_eq!(Money::parse("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1,23"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1e3"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse(""), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse("1.2.3"), Err(MoneyError::NotANumber));
    }

    #[test]
    fn formats() {
        let m = Money::from_fen(123_456_789);
        assert_eq!(m.plain(), "1234567.89");
        assert_eq!(m.display(), "¥1,234,567.89");
        assert_eq!(Money::from_fen(5).plain(), "0.05");
    }

    #[test]
    fn decimal_edges() {
        use std::str::FromStr;
        let d = Decimal::from_str("1234.50").unwrap_or_default();
        assert_eq!(Money::from_decimal(d), Ok(Money::from_fen(123_450)));
        let d = Decimal::from_str("0.001").unwrap_or_default();
        assert_eq!(Money::from_decimal(d), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::from_fen(123_450).to_decimal().to_string(), "1234.50");
    }
}
