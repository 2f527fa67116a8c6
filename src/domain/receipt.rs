//! Receipt books (票据簿): the official donation receipts (公益事业捐赠票据) an office is
//! issued come in books, each a 票据代码 and a range of numbers. A number is used by one
//! donation, or voided; never both, never twice. Printing is the finance system's job;
//! the register says which numbers went where.

use chrono::NaiveDate;
use serde::Serialize;

use super::error::Rule;
use super::normalize::fold_width;

/// The longest a receipt number may be (as the template's 票据号码 column).
pub const MAX_DIGITS: usize = 20;

/// A registered receipt book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptBook {
    /// 票据代码.
    pub code: String,
    /// The first and last number of the book (inclusive).
    pub first: u64,
    pub last: u64,
    /// How many digits its numbers are printed with (leading zeros).
    pub width: usize,
    /// The day the office received it.
    pub received_on: NaiveDate,
}

impl ReceiptBook {
    /// A book from what the operator typed: the code, the first and last number as
    /// printed (`00000001`), and the day received. The numbers are printed with as many
    /// digits as the longer of the two has.
    pub fn parse(code: &str, first: &str, last: &str, received_on: NaiveDate) -> Result<ReceiptBook, Rule> {
        let code = super::row::printed_number(MAX_DIGITS)(code)?;
        if code.is_empty() {
            return Err(Rule::Required);
        }
        let (a, wa) = receipt_number(first).ok_or(Rule::ReceiptNumber)?;
        let (b, wb) = receipt_number(last).ok_or(Rule::ReceiptNumber)?;
        if b < a {
            return Err(Rule::ReceiptRangeBackwards);
        }
        Ok(ReceiptBook { code, first: a, last: b, width: wa.max(wb), received_on })
    }

    /// How many numbers the book holds.
    pub fn size(&self) -> u64 {
        self.last - self.first + 1
    }

    /// A number of the book as printed, with its leading zeros.
    pub fn format(&self, n: u64) -> String {
        format!("{n:0width$}", width = self.width)
    }

    /// Whether the book holds `n`.
    pub fn contains(&self, n: u64) -> bool {
        (self.first..=self.last).contains(&n)
    }

    /// Whether two books of the same code share a number.
    pub fn overlaps(&self, other: &ReceiptBook) -> bool {
        self.code == other.code && self.first <= other.last && other.first <= self.last
    }

    /// `32010226 00000001–00000100`, for messages and reports.
    pub fn label(&self) -> String {
        format!("{} {}–{}", self.code, self.format(self.first), self.format(self.last))
    }
}

/// A receipt number's value and printed width: digits only (full-width folded, spaces
/// around trimmed), at most [`MAX_DIGITS`].
pub fn receipt_number(text: &str) -> Option<(u64, usize)> {
    let folded = fold_width(text);
    let t = folded.trim();
    if t.is_empty() || t.len() > MAX_DIGITS || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Twenty digits may pass u64: such a number belongs to no book.
    Some((t.parse().ok()?, t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default()
    }

    #[test]
    fn a_book_keeps_its_printed_width() {
        let b = ReceiptBook::parse("32010226", "00000001", "00000100", day()).expect("book");
        assert_eq!((b.first, b.last, b.width, b.size()), (1, 100, 8, 100));
        assert_eq!(b.format(7), "00000007");
        assert_eq!(b.label(), "32010226 00000001–00000100");
        assert!(b.contains(100) && !b.contains(101));
    }

    #[test]
    fn bad_books_are_refused() {
        assert_eq!(ReceiptBook::parse("32010226", "100", "1", day()), Err(Rule::ReceiptRangeBackwards));
        assert_eq!(ReceiptBook::parse("32010226", "1a", "9", day()), Err(Rule::ReceiptNumber));
        assert_eq!(ReceiptBook::parse("", "1", "9", day()), Err(Rule::Required));
    }

    #[test]
    fn overlap_is_within_one_code() {
        let a = ReceiptBook::parse("A", "1", "100", day()).expect("a");
        let b = ReceiptBook::parse("A", "100", "200", day()).expect("b");
        let c = ReceiptBook::parse("B", "1", "100", day()).expect("c");
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c));
    }
}
