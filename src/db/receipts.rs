//! The receipt register: receipt books (票据簿), the numbers donations hold, and voided
//! numbers. A donation's 票据代码 and 票据号码 link it to the book of that code whose range
//! holds the number (`receipt_book_id`, `receipt_seq`), resolved when it is written.
//!
//! - Once the office has registered a book, a new or changed receipt number must be in
//!   one: else it is refused. Before any book is registered, numbers are kept as given
//!   (an import warns that they cannot be checked).
//! - A number is held by one donation at most (numerically: `7` and `00000007` are one
//!   number), and a voided number is never held again.
//! - The next free number of a book is the one after the highest used or voided: a number
//!   left behind is never handed out again; it is a gap that `xingfu check` reports
//!   until it is voided.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use super::error::{DbError, DbResult};
use super::record::with_batch_cache;
use super::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::receipt::{ReceiptBook, receipt_number};
use crate::domain::{ChangeKind, Donation, Kind, Rule};

/// A stored book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Book {
    pub id: i64,
    pub book: ReceiptBook,
}

/// Where a receipt number belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Located {
    /// No book is registered at all.
    NoBooks,
    /// Books are registered, none holds it.
    Outside,
    In {
        book: i64,
        seq: i64,
    },
}

fn read_books(conn: &Connection) -> DbResult<Vec<Book>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, first_no, last_no, width, received_on FROM receipt_books ORDER BY received_on, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Book {
            id: r.get(0)?,
            book: ReceiptBook {
                code: r.get(1)?,
                first: r.get::<_, i64>(2)?.max(0) as u64,
                last: r.get::<_, i64>(3)?.max(0) as u64,
                width: r.get::<_, i64>(4)?.clamp(1, 20) as usize,
                received_on: r.get::<_, Date>(5)?.0,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The books (read once per batch).
fn books(conn: &Connection) -> DbResult<Vec<Book>> {
    if let Some(Some(books)) = with_batch_cache(|c| c.books.clone()) {
        return Ok(books);
    }
    let books = read_books(conn)?;
    with_batch_cache(|c| c.books = Some(books.clone()));
    Ok(books)
}

/// The book and number of a receipt.
pub(crate) fn locate(conn: &Connection, code: Option<&str>, number: &str) -> DbResult<Located> {
    // The books are the database's own: a county's receipts (rolled up into a city's
    // database) were checked against that county's books.
    if in_county(conn)? {
        return Ok(Located::NoBooks);
    }
    let books = books(conn)?;
    if books.is_empty() {
        return Ok(Located::NoBooks);
    }
    let code = code.unwrap_or("");
    let Some((n, _)) = receipt_number(number) else { return Ok(Located::Outside) };
    Ok(books
        .iter()
        .find(|b| b.book.code == code && b.book.contains(n))
        .map_or(Located::Outside, |b| Located::In { book: b.id, seq: n as i64 }))
}

/// True while the focus is on a county's rolled-up records.
fn in_county(conn: &Connection) -> DbResult<bool> {
    let focus: i64 = conn.prepare_cached("SELECT focus_office()")?.query_row([], |r| r.get(0))?;
    Ok(focus != 0)
}

/// The `(receipt_book_id, receipt_seq)` columns of a donation.
pub(crate) fn columns(conn: &Connection, d: &Donation) -> DbResult<(Option<i64>, Option<i64>)> {
    let Some(no) = &d.receipt_no else { return Ok((None, None)) };
    Ok(match locate(conn, d.receipt_code.as_deref(), no)? {
        Located::In { book, seq } => (Some(book), Some(seq)),
        _ => (None, None),
    })
}

/// The receipt rules of a donation about to be written over row `id` (or new).
pub(crate) fn check(conn: &Connection, d: &Donation, id: Option<i64>) -> DbResult<()> {
    let Some(no) = &d.receipt_no else { return Ok(()) };
    let code = d.receipt_code.clone().unwrap_or_default();
    let reject = |rule: Rule| DbError::Rejected {
        kind: Kind::Donation,
        code: d.donation_ref.clone(),
        field: key::RECEIPT_NO,
        rule,
    };
    // A donation keeps the receipt it had (entered before the books were registered).
    let unchanged = match id {
        Some(id) => {
            let stored: Option<(Option<String>, Option<String>)> = conn
                .prepare_cached("SELECT receipt_code, receipt_no FROM donations WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            stored == Some((d.receipt_code.clone(), d.receipt_no.clone()))
        }
        None => false,
    };
    match locate(conn, d.receipt_code.as_deref(), no)? {
        Located::NoBooks => Ok(()),
        Located::Outside if unchanged => Ok(()),
        Located::Outside => Err(reject(Rule::ReceiptOutsideBooks { code, number: no.clone() })),
        Located::In { book, seq } => {
            let voided = conn
                .prepare_cached("SELECT 1 FROM receipt_voids WHERE book_id = ?1 AND seq = ?2")?
                .exists([book, seq])?;
            if voided && !unchanged {
                return Err(reject(Rule::ReceiptVoided { code, number: no.clone() }));
            }
            let other: Option<i64> = conn
                .prepare_cached("SELECT id FROM donations WHERE receipt_book_id = ?1 AND receipt_seq = ?2")?
                .query_row([book, seq], |r| r.get(0))
                .optional()?;
            match other {
                Some(o) if Some(o) != id => Err(reject(Rule::Duplicate)),
                _ => Ok(()),
            }
        }
    }
}

/// How many numbers of the import's donations cannot be checked because no book is
/// registered.
pub(crate) fn no_books(conn: &Connection) -> DbResult<bool> {
    // A county's receipts are not the database's to check (see `locate`).
    Ok(!in_county(conn)? && books(conn)?.is_empty())
}

/// A book with how its numbers stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookStatus {
    pub id: i64,
    pub book: ReceiptBook,
    pub used: u64,
    pub voided: u64,
    /// Numbers below the highest used or voided that are neither (never handed out again).
    pub gaps: u64,
    /// The first such number.
    pub first_gap: Option<u64>,
    /// Numbers after the highest used or voided.
    pub left: u64,
    /// The next free number, if any is left.
    pub next: Option<u64>,
}

/// One voided number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoidedNumber {
    pub code: String,
    pub number: String,
    pub voided_on: NaiveDate,
    pub reason: Option<String>,
    pub donation_ref: Option<String>,
}

/// A donation and its receipt (or lack of one), for the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptLine {
    pub donation_ref: String,
    pub donated_on: NaiveDate,
    pub donor_name: Option<String>,
    pub project_code: String,
    pub amount: crate::domain::Money,
    pub receipt_code: Option<String>,
    pub receipt_no: Option<String>,
}

fn book_status(conn: &Connection, b: &Book) -> DbResult<BookStatus> {
    let (used, used_max): (i64, Option<i64>) = conn
        .prepare_cached("SELECT count(*), max(receipt_seq) FROM donations WHERE receipt_book_id = ?1")?
        .query_row([b.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (voided, void_max): (i64, Option<i64>) = conn
        .prepare_cached("SELECT count(*), max(seq) FROM receipt_voids WHERE book_id = ?1")?
        .query_row([b.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let high = used_max.max(void_max).map(|h| h.max(0) as u64);
    let taken = (used + voided).max(0) as u64;
    let (gaps, left, next) = match high {
        None => (0, b.book.size(), Some(b.book.first)),
        Some(h) => {
            let below = h - b.book.first + 1;
            let left = b.book.last - h;
            (below.saturating_sub(taken), left, (left > 0).then_some(h + 1))
        }
    };
    let first_gap = if gaps > 0 { first_gap(conn, b)? } else { None };
    Ok(BookStatus {
        id: b.id,
        book: b.book.clone(),
        used: used.max(0) as u64,
        voided: voided.max(0) as u64,
        gaps,
        first_gap,
        left,
        next,
    })
}

/// The first number of a book neither used nor voided below its highest taken one.
fn first_gap(conn: &Connection, b: &Book) -> DbResult<Option<u64>> {
    let found: Option<i64> = conn
        .prepare_cached(
            "WITH taken(n) AS (SELECT receipt_seq FROM donations WHERE receipt_book_id = ?1 \
                 UNION SELECT seq FROM receipt_voids WHERE book_id = ?1) \
             SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM taken WHERE n = ?2) THEN ?2 \
                 ELSE (SELECT min(t.n + 1) FROM taken t WHERE NOT EXISTS (SELECT 1 FROM taken u WHERE u.n = t.n + 1) \
                       AND t.n + 1 <= (SELECT max(n) FROM taken)) END",
        )?
        .query_row(rusqlite::params![b.id, b.book.first as i64], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(found.map(|n| n.max(0) as u64))
}

impl Store {
    /// Every registered book, in the order they were received.
    pub fn receipt_books(&self) -> DbResult<Vec<Book>> {
        read_books(&self.conn)
    }

    /// The highest number donations hold with this receipt code (in a book or not).
    pub fn highest_receipt(&self, code: &str) -> DbResult<Option<u64>> {
        let n: Option<i64> = self.conn.query_row(
            "SELECT max(CAST(receipt_no AS INTEGER)) FROM donations WHERE office = focus_office() AND receipt_code = ?1",
            [code],
            |r| r.get(0),
        )?;
        Ok(n.map(|n| n.max(0) as u64))
    }

    /// Every book with how its numbers stand.
    pub fn receipt_register(&self) -> DbResult<Vec<BookStatus>> {
        read_books(&self.conn)?.iter().map(|b| book_status(&self.conn, b)).collect()
    }

    /// Registers a book; refused when it shares a number with a book of the same code.
    pub fn add_receipt_book(&mut self, book: &ReceiptBook) -> DbResult<i64> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        if let Some(other) = read_books(&tx)?.into_iter().find(|b| b.book.overlaps(book)) {
            return Err(DbError::Refused(Rule::ReceiptOverlap { book: other.book.label() }));
        }
        tx.execute(
            "INSERT INTO receipt_books(code, first_no, last_no, width, received_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                book.code,
                book.first as i64,
                book.last as i64,
                book.width as i64,
                sql::date(book.received_on)
            ],
        )?;
        let id = tx.last_insert_rowid();
        // The numbers of the book that donations already hold (entered before it was
        // registered) now belong to it; one number held twice is refused.
        let held = "receipt_book_id IS NULL AND coalesce(receipt_code, '') = ?1 AND receipt_no NOT GLOB '*[^0-9]*' \
             AND length(receipt_no) BETWEEN 1 AND 18 AND CAST(receipt_no AS INTEGER) BETWEEN ?2 AND ?3";
        let range = rusqlite::params![book.code, book.first as i64, book.last as i64];
        let twice: Option<String> = tx
            .query_row(
                &format!(
                    "SELECT min(ref) FROM donations WHERE {held} GROUP BY CAST(receipt_no AS INTEGER) \
                     HAVING count(*) > 1 LIMIT 1"
                ),
                range,
                |r| r.get(0),
            )
            .optional()?;
        if let Some(code) = twice {
            return Err(DbError::Rejected {
                kind: Kind::Donation,
                code,
                field: key::RECEIPT_NO,
                rule: Rule::Duplicate,
            });
        }
        tx.execute(
            &format!(
                "UPDATE donations SET receipt_book_id = ?4, receipt_seq = CAST(receipt_no AS INTEGER) WHERE {held}"
            ),
            rusqlite::params![book.code, book.first as i64, book.last as i64, id],
        )?;
        let detail = serde_json::to_value(ReceiptBookAudit::of(book)).map_err(DbError::Audit)?;
        let mut log =
            super::audit::Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        log.event(&tx, "receipt_book", &detail)?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        Ok(id)
    }

    /// The next free number: of the first book (in the order received) that has one left,
    /// as (code, number as printed).
    pub fn next_receipt(&self) -> DbResult<(String, String)> {
        next_in(&self.conn, &[])
    }

    /// [`Store::next_receipt`] passing over numbers already given to unsaved slips
    /// (`taken`, as (code, number)).
    pub fn next_receipt_after(&self, taken: &[(String, String)]) -> DbResult<(String, String)> {
        next_in(&self.conn, taken)
    }

    /// Voids a number no donation holds (a spoiled blank receipt).
    pub fn void_receipt(&mut self, code: &str, number: &str, on: NaiveDate, reason: Option<&str>) -> DbResult<()> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        let (book, seq) = match locate(&tx, Some(code), number)? {
            Located::In { book, seq } => (book, seq),
            Located::NoBooks => return Err(DbError::Refused(Rule::NoReceiptBooks)),
            Located::Outside => {
                return Err(DbError::Refused(Rule::ReceiptOutsideBooks { code: code.into(), number: number.into() }));
            }
        };
        let holder: Option<String> = tx
            .prepare_cached("SELECT ref FROM donations WHERE receipt_book_id = ?1 AND receipt_seq = ?2")?
            .query_row([book, seq], |r| r.get(0))
            .optional()?;
        if let Some(donation) = holder {
            return Err(DbError::Refused(Rule::ReceiptInUse { code: code.into(), number: number.into(), donation }));
        }
        insert_void(&tx, book, seq, on, reason, None, code, number)?;
        let detail = serde_json::json!({ "receipt_code": code, "receipt_no": number, "reason": reason });
        let mut log =
            super::audit::Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        log.event(&tx, "receipt_void", &detail)?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        Ok(())
    }

    /// Voids the receipt a donation holds and gives it the next free number, in one
    /// transaction; returns (old number, new code, new number).
    pub fn replace_receipt(
        &mut self,
        donation_ref: &str,
        on: NaiveDate,
        reason: Option<&str>,
    ) -> DbResult<(String, String, String)> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        let id = super::record::id_of(&tx, "donations", "ref", donation_ref)?
            .ok_or_else(|| DbError::NotFound { kind: Kind::Donation, code: donation_ref.to_string() })?;
        let before: Donation = super::record::load(&tx, id)?
            .ok_or_else(|| DbError::NotFound { kind: Kind::Donation, code: donation_ref.to_string() })?;
        let Some(old_no) = before.receipt_no.clone() else {
            return Err(DbError::Refused(Rule::NoReceiptNumber { donation: donation_ref.to_string() }));
        };
        let old_code = before.receipt_code.clone().unwrap_or_default();
        let (book, seq) = match locate(&tx, before.receipt_code.as_deref(), &old_no)? {
            Located::In { book, seq } => (book, seq),
            Located::NoBooks => return Err(DbError::Refused(Rule::NoReceiptBooks)),
            Located::Outside => {
                return Err(DbError::Refused(Rule::ReceiptOutsideBooks { code: old_code, number: old_no }));
            }
        };
        insert_void(&tx, book, seq, on, reason, Some(donation_ref), &old_code, &old_no)?;
        let (code, number) = next_in(&tx, &[])?;
        let after = Donation { receipt_code: Some(code.clone()), receipt_no: Some(number.clone()), ..before.clone() };
        let mut log =
            super::audit::Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        super::record::write(&tx, Some(id), &after, log.id())?;
        let detail = serde_json::json!({
            "receipt_code": old_code, "receipt_no": old_no, "reason": reason, "donation_ref": donation_ref,
        });
        log.event(&tx, "receipt_void", &detail)?;
        log.record(&tx, "update", Kind::Donation, donation_ref, Some(&before), Some(&after))?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        Ok((format!("{old_code} {old_no}"), code, number))
    }

    /// The voided numbers, by book and number.
    pub fn voided_receipts(&self) -> DbResult<Vec<VoidedNumber>> {
        let books = read_books(&self.conn)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT book_id, seq, voided_on, reason, donation_ref FROM receipt_voids ORDER BY book_id, seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Date>(2)?.0, r.get(3)?, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (book, seq, voided_on, reason, donation_ref) = row?;
            let Some(b) = books.iter().find(|b| b.id == book) else { continue };
            out.push(VoidedNumber {
                code: b.book.code.clone(),
                number: b.book.format(seq.max(0) as u64),
                voided_on,
                reason,
                donation_ref,
            });
        }
        Ok(out)
    }

    /// Donations dated in `from..=to` (either end open) without a receipt number, oldest
    /// first, at most `limit`; and how many there are.
    pub fn donations_without_receipt(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: i64,
    ) -> DbResult<(i64, Vec<ReceiptLine>)> {
        self.receipt_lines("d.receipt_no IS NULL", from, to, limit)
    }

    /// Donations holding a receipt in no book, while books are registered.
    pub fn receipts_outside_books(&self, limit: i64) -> DbResult<(i64, Vec<ReceiptLine>)> {
        if read_books(&self.conn)?.is_empty() {
            return Ok((0, Vec::new()));
        }
        self.receipt_lines("d.receipt_no IS NOT NULL AND d.receipt_book_id IS NULL", None, None, limit)
    }

    fn receipt_lines(
        &self,
        cond: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: i64,
    ) -> DbResult<(i64, Vec<ReceiptLine>)> {
        let from = from.map_or_else(|| "0000-00-00".to_string(), sql::date);
        let to = to.map_or_else(|| "9999-99-99".to_string(), sql::date);
        let range = "d.donated_on BETWEEN ?1 AND ?2";
        let count: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM donations d WHERE {cond} AND {range}"),
            [&from, &to],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT d.ref, d.donated_on, d.donor_name, p.code, d.amount_fen, d.receipt_code, d.receipt_no \
             FROM donations d JOIN projects p ON p.id = d.project_id WHERE {cond} AND {range} \
             ORDER BY d.donated_on, d.id LIMIT ?3"
        ))?;
        let rows = stmt.query_map(rusqlite::params![from, to, limit], |r| {
            Ok(ReceiptLine {
                donation_ref: r.get(0)?,
                donated_on: r.get::<_, Date>(1)?.0,
                donor_name: r.get(2)?,
                project_code: r.get(3)?,
                amount: crate::domain::Money::from_fen(r.get(4)?),
                receipt_code: r.get(5)?,
                receipt_no: r.get(6)?,
            })
        })?;
        Ok((count, rows.collect::<Result<_, _>>()?))
    }

    /// What does not add up in the register, for `xingfu check`: numbers skipped without
    /// being voided, books that overlap, voided numbers a donation holds, and receipts in
    /// no book while books are registered.
    pub fn receipt_problems(&self, lang: crate::domain::Lang) -> DbResult<Vec<String>> {
        use crate::domain::messages as m;
        let books = read_books(&self.conn)?;
        let mut out = Vec::new();
        for (i, a) in books.iter().enumerate() {
            for b in &books[i + 1..] {
                if a.book.overlaps(&b.book) {
                    out.push(m::check_receipts_overlap(lang, a.book.label(), b.book.label()));
                }
            }
        }
        for b in &books {
            let s = book_status(&self.conn, b)?;
            if s.gaps > 0 {
                let first = s.first_gap.map(|n| b.book.format(n)).unwrap_or_default();
                out.push(m::check_receipts_gap(lang, b.book.label(), s.gaps, first));
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT b.code, v.seq, b.width, d.ref FROM receipt_voids v JOIN receipt_books b ON b.id = v.book_id \
             JOIN donations d ON d.receipt_book_id = v.book_id AND d.receipt_seq = v.seq ORDER BY b.id, v.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
        })?;
        for row in rows {
            let (code, seq, width, donation) = row?;
            let number = format!("{seq:0width$}", width = width.clamp(1, 20) as usize);
            out.push(m::check_receipts_void_used(lang, code, number, donation));
        }
        let (outside, _) = self.receipts_outside_books(0)?;
        if outside > 0 {
            out.push(m::check_receipts_outside(lang, outside));
        }
        Ok(out)
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_void(
    conn: &Connection,
    book: i64,
    seq: i64,
    on: NaiveDate,
    reason: Option<&str>,
    donation: Option<&str>,
    code: &str,
    number: &str,
) -> DbResult<()> {
    let already =
        conn.prepare_cached("SELECT 1 FROM receipt_voids WHERE book_id = ?1 AND seq = ?2")?.exists([book, seq])?;
    if already {
        return Err(DbError::Refused(Rule::ReceiptAlreadyVoided { code: code.into(), number: number.into() }));
    }
    conn.prepare_cached(
        "INSERT INTO receipt_voids(book_id, seq, voided_on, reason, donation_ref) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![book, seq, sql::date(on), reason, donation])?;
    Ok(())
}

/// The next free number of the first book with one left, passing over `taken`.
fn next_in(conn: &Connection, taken: &[(String, String)]) -> DbResult<(String, String)> {
    let books = read_books(conn)?;
    if books.is_empty() {
        return Err(DbError::Refused(Rule::NoReceiptBooks));
    }
    for b in &books {
        let Some(mut n) = book_status(conn, b)?.next else { continue };
        // Past every number of this book an unsaved slip holds.
        for (code, number) in taken {
            if *code == b.book.code
                && let Some((t, _)) = receipt_number(number)
                && b.book.contains(t)
                && t >= n
            {
                n = t + 1;
            }
        }
        if b.book.contains(n) {
            return Ok((b.book.code.clone(), b.book.format(n)));
        }
    }
    Err(DbError::Refused(Rule::ReceiptsExhausted))
}

/// A book as the audit log records it.
#[derive(Serialize)]
struct ReceiptBookAudit<'a> {
    receipt_code: &'a str,
    first: String,
    last: String,
    received_on: String,
}

impl<'a> ReceiptBookAudit<'a> {
    fn of(b: &'a ReceiptBook) -> Self {
        ReceiptBookAudit {
            receipt_code: &b.code,
            first: b.format(b.first),
            last: b.format(b.last),
            received_on: sql::date(b.received_on),
        }
    }
}
