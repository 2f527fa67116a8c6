//! 捐赠 rows, and the donor names they add to the search index.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::db::batch::is_over_limit;
use crate::db::error::{DbError, DbResult};
use crate::db::record::{Stored, is_overdisbursed, reference};
use crate::db::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::pinyin_key::search_key;
use crate::domain::{Channel, Donation, DonorType, Kind, Rule};

impl Stored for Donation {
    const KIND: Kind = Kind::Donation;
    const TABLE: &'static str = "donations";
    const CODE_COLUMN: &'static str = "ref";
    const COLUMNS: &'static [&'static str] = &[
        "ref",
        "project_id",
        "donor_name",
        "donor_type",
        "donor_phone",
        "donor_code",
        "donor_id",
        "amount_fen",
        "donated_on",
        "channel",
        "matching",
        "receipt_code",
        "receipt_no",
        "note",
        "receipt_book_id",
        "receipt_seq",
    ];
    const SELECT: &'static str = "SELECT t.ref, p.code, t.donor_name, t.donor_type, t.donor_phone, \
        t.amount_fen, t.donated_on, t.channel, t.matching, t.receipt_code, t.receipt_no, t.note, t.donor_code \
        FROM donations t JOIN projects p ON p.id = t.project_id";

    fn code(&self) -> &str {
        &self.donation_ref
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let project =
            reference(conn, Kind::Donation, &self.donation_ref, key::PROJECT_CODE, Kind::Project, &self.project_code)?;
        if let Some(name) = &self.donor_name {
            add_donor(conn, name)?;
        }
        let donor = crate::db::donors::resolve(conn, self)?;
        let (book, seq) = crate::db::receipts::columns(conn, self)?;
        Ok(vec![
            self.donation_ref.clone().into(),
            project.into(),
            self.donor_name.clone().into(),
            self.donor_type.key().to_string().into(),
            self.donor_phone.clone().into(),
            self.donor_code.clone().into(),
            donor.into(),
            self.amount.fen().into(),
            sql::date(self.donated_on).into(),
            self.channel.key().to_string().into(),
            i64::from(self.matching).into(),
            self.receipt_code.clone().into(),
            self.receipt_no.clone().into(),
            self.note.clone().into(),
            book.into(),
            seq.into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Donation {
            donation_ref: r.get(0)?,
            project_code: r.get(1)?,
            donor_name: r.get(2)?,
            donor_type: sql::enum_from(&r.get::<_, String>(3)?, DonorType::from_key)?,
            donor_phone: r.get(4)?,
            amount: sql::money(r.get(5)?),
            donated_on: r.get::<_, Date>(6)?.0,
            channel: sql::enum_from(&r.get::<_, String>(7)?, Channel::from_key)?,
            matching: r.get::<_, i64>(8)? != 0,
            receipt_code: r.get(9)?,
            receipt_no: r.get(10)?,
            note: r.get(11)?,
            donor_code: r.get(12)?,
        })
    }

    fn bulk_delta(&self) -> Option<crate::db::record::BulkDelta<'_>> {
        Some(crate::db::record::BulkDelta {
            project_code: &self.project_code,
            fen: self.amount.fen(),
            matching: self.matching,
            month: month(self.donated_on),
        })
    }

    fn check_unique(&self, conn: &Connection, id: Option<i64>) -> DbResult<()> {
        crate::db::receipts::check(conn, self, id)?;
        let Some(no) = &self.receipt_no else { return Ok(()) };
        let code = self.receipt_code.clone().unwrap_or_default();
        let other: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM donations WHERE office = focus_office() AND receipt_no = ?1 \
                 AND coalesce(receipt_code, '') = ?2",
            )?
            .query_row(rusqlite::params![no, code], |r| r.get(0))
            .optional()?;
        match other {
            Some(o) if Some(o) != id => Err(DbError::Rejected {
                kind: Kind::Donation,
                code: self.donation_ref.clone(),
                field: key::RECEIPT_NO,
                rule: Rule::Duplicate,
            }),
            _ => Ok(()),
        }
    }

    fn explain(conn: &Connection, id: Option<i64>, rec: Option<&Self>, e: DbError) -> DbError {
        if let (Some(d), DbError::Sqlite(sqlite)) = (rec, &e)
            && is_over_limit(sqlite)
        {
            return DbError::Rejected {
                kind: Kind::Donation,
                code: d.donation_ref.clone(),
                field: key::AMOUNT,
                rule: Rule::TotalTooLarge { project: d.project_code.clone() },
            };
        }
        if !is_overdisbursed(&e) {
            return e;
        }
        // The change would leave the old project's income (donations and carry-overs in)
        // below its spending (disbursements and carry-overs out).
        let figures = id.and_then(|id| {
            conn.query_row(
                "SELECT p.raised_public_fen + p.raised_matching_fen + p.carried_in_fen + p.opening_fen - d.amount_fen, \
                        p.disbursed_fen + p.carried_out_fen, d.ref, p.code \
                 FROM donations d JOIN projects p ON p.id = d.project_id WHERE d.id = ?1",
                [id],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
            )
            .ok()
        });
        let (raised, disbursed, code, project) = figures.unwrap_or_default();
        // Kept in its project, the new amount counts there; moved, the old project loses it all.
        let (raised, code) = match rec {
            Some(d) if d.project_code == project => (raised + d.amount.fen(), d.donation_ref.clone()),
            Some(d) => (raised, d.donation_ref.clone()),
            None => (raised, code),
        };
        DbError::Rejected {
            kind: Kind::Donation,
            code,
            field: key::AMOUNT,
            rule: Rule::Underfunded { raised_fen: raised, disbursed_fen: disbursed },
        }
    }
}

/// A date's month as the month totals key it, `YYYY-MM` (the first seven characters of
/// the stored date, as the triggers take them).
fn month(d: chrono::NaiveDate) -> String {
    let mut s = sql::date(d);
    s.truncate(7);
    s
}

/// Adds a donor name to the search index (once per distinct name; the pinyin key is
/// only computed for a new name).
fn add_donor(conn: &Connection, name: &str) -> DbResult<()> {
    if crate::db::record::with_batch_cache(|c| c.donors.contains(name)) == Some(true) {
        return Ok(());
    }
    let known = conn.prepare_cached("SELECT 1 FROM donors WHERE name = ?1")?.exists([name])?;
    crate::db::record::with_batch_cache(|c| c.donors.insert(name.to_string()));
    if !known {
        conn.prepare_cached("INSERT INTO donors(name, search_key) VALUES (?1, ?2)")?
            .execute(rusqlite::params![name, search_key("", name)])?;
    }
    Ok(())
}
