//! Donors with a record of their own (`donor_records`): a person or an organisation with
//! a name, a phone and, from a fundraising platform, a donor code. Every named gift links
//! to one, resolved when it is written (form, batch entry, import alike):
//!
//! 1. a gift with a donor code (捐赠人编号) is that code's donor; a code seen for the first
//!    time is given to the donor of the same name and phone that has none, else starts a
//!    new donor;
//! 2. else a gift with a phone is the donor of the same name and phone;
//! 3. else (a name alone) it is the donor of that name with neither phone nor code: one
//!    such donor per name, kept apart from any donor of the same name with a phone or a
//!    code, never merged into one (an import warns about it).
//!
//! Anonymous gifts have no donor.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use super::record::with_batch_cache;
use super::sql::{self, Date};
use crate::domain::{Donation, DonorKind, Money};

/// The donor a gift belongs to (creating it when new); `None` for an anonymous gift.
pub(crate) fn resolve(conn: &Connection, d: &Donation) -> DbResult<Option<i64>> {
    let Some(name) = d.donor_name.as_deref() else { return Ok(None) };
    let phone = d.donor_phone.as_deref();
    let cached = with_batch_cache(|c| match &d.donor_code {
        Some(code) => c.donor_codes.get(code.as_str()).copied(),
        None => c.donor_names.get(name).and_then(|ids| ids.iter().find(|(p, _)| p.as_deref() == phone)).map(|x| x.1),
    });
    if let Some(Some(id)) = cached {
        return Ok(Some(id));
    }
    let id = match &d.donor_code {
        Some(code) => by_code(conn, d, name, code)?,
        None => by_name(conn, d, name)?,
    };
    with_batch_cache(|c| match &d.donor_code {
        Some(code) => {
            c.donor_codes.insert(code.clone(), id);
        }
        None => {
            c.donor_names.entry(name.to_string()).or_default().push((d.donor_phone.clone(), id));
            if phone.is_none() {
                c.new_name_only = Some(name.to_string());
            }
        }
    });
    Ok(Some(id))
}

fn insert(conn: &Connection, d: &Donation, name: &str) -> DbResult<i64> {
    let kind = DonorKind::of(d.donor_type, name);
    conn.prepare_cached("INSERT INTO donor_records(code, name, kind, phone) VALUES (?1, ?2, ?3, ?4)")?
        .execute(rusqlite::params![d.donor_code, name, kind.key(), d.donor_phone])?;
    Ok(conn.last_insert_rowid())
}

fn by_code(conn: &Connection, d: &Donation, name: &str, code: &str) -> DbResult<i64> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM donor_records WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    // The donor already known by name and phone gets the platform's code.
    if let Some(phone) = &d.donor_phone {
        let known: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM donor_records WHERE name = ?1 AND phone = ?2 AND +code IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row([name, phone], |r| r.get(0))
            .optional()?;
        if let Some(id) = known {
            conn.prepare_cached("UPDATE donor_records SET code = ?1 WHERE id = ?2")?
                .execute(rusqlite::params![code, id])?;
            return Ok(id);
        }
    }
    insert(conn, d, name)
}

fn by_name(conn: &Connection, d: &Donation, name: &str) -> DbResult<i64> {
    let found: Option<i64> = match &d.donor_phone {
        Some(phone) => conn
            .prepare_cached("SELECT id FROM donor_records WHERE name = ?1 AND phone = ?2 ORDER BY id LIMIT 1")?
            .query_row([name, phone], |r| r.get(0))
            .optional()?,
        None => conn
            .prepare_cached(
                "SELECT id FROM donor_records WHERE name = ?1 AND phone IS NULL AND +code IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row([name], |r| r.get(0))
            .optional()?,
    };
    match found {
        Some(id) => Ok(id),
        None => insert(conn, d, name),
    }
}

/// How many donors share a name with a donor that has neither phone nor code, for each
/// such name among `names`: those gifts cannot be told apart from theirs. One pass over
/// the donors with a phone or a code (an import may name tens of thousands).
pub(crate) fn ambiguous_names(conn: &Connection, names: &[&str]) -> DbResult<Vec<(String, i64)>> {
    let wanted: std::collections::HashSet<&str> = names.iter().copied().collect();
    let mut stmt = conn.prepare_cached(
        "SELECT name, count(*) FROM donor_records WHERE phone IS NOT NULL OR code IS NOT NULL GROUP BY name",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        if wanted.contains(name.as_str()) {
            out.push((name, r.get(1)?));
        }
    }
    Ok(out)
}

/// A donor with what they gave in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonorRecord {
    pub id: i64,
    pub code: Option<String>,
    pub name: String,
    pub kind: DonorKind,
    pub phone: Option<String>,
    pub gifts: i64,
    pub total: Money,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Gifts that hold a receipt number.
    pub receipts: i64,
}

/// One gift in a donor's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonorGift {
    pub donation_ref: String,
    pub donated_on: NaiveDate,
    pub project_code: String,
    pub project_title: String,
    pub village_name: String,
    pub amount: Money,
    pub matching: bool,
    pub receipt_code: Option<String>,
    pub receipt_no: Option<String>,
}

/// What a donor gave in one year, or to one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonorTotal {
    /// The year (`2026`), or the project's code.
    pub key: String,
    /// The project's title and village (empty for a year).
    pub label: String,
    pub gifts: i64,
    pub total: Money,
}

const DONOR_SELECT: &str = "SELECT r.id, r.code, r.name, r.kind, r.phone, \
    (SELECT count(*) FROM donations d WHERE d.donor_id = r.id), \
    (SELECT coalesce(sum(amount_fen), 0) FROM donations d WHERE d.donor_id = r.id), \
    (SELECT min(donated_on) FROM donations d WHERE d.donor_id = r.id), \
    (SELECT max(donated_on) FROM donations d WHERE d.donor_id = r.id), \
    (SELECT count(*) FROM donations d WHERE d.donor_id = r.id AND d.receipt_no IS NOT NULL) \
    FROM donor_records r";

fn donor_row(r: &Row<'_>) -> rusqlite::Result<DonorRecord> {
    Ok(DonorRecord {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        kind: sql::enum_from(&r.get::<_, String>(3)?, DonorKind::from_key)?,
        phone: r.get(4)?,
        gifts: r.get(5)?,
        total: Money::from_fen(r.get(6)?),
        first: r.get::<_, Option<Date>>(7)?.map(|d| d.0),
        last: r.get::<_, Option<Date>>(8)?.map(|d| d.0),
        receipts: r.get(9)?,
    })
}

const GIFT_SELECT: &str = "SELECT d.ref, d.donated_on, p.code, p.title, v.name, d.amount_fen, d.matching, \
    d.receipt_code, d.receipt_no FROM donations d JOIN projects p ON p.id = d.project_id \
    JOIN villages v ON v.id = p.village_id";

fn gift_row(r: &Row<'_>) -> rusqlite::Result<DonorGift> {
    Ok(DonorGift {
        donation_ref: r.get(0)?,
        donated_on: r.get::<_, Date>(1)?.0,
        project_code: r.get(2)?,
        project_title: r.get(3)?,
        village_name: r.get(4)?,
        amount: Money::from_fen(r.get(5)?),
        matching: r.get::<_, i64>(6)? != 0,
        receipt_code: r.get(7)?,
        receipt_no: r.get(8)?,
    })
}

impl Store {
    /// The donor with this id.
    pub fn donor(&self, id: i64) -> DbResult<Option<DonorRecord>> {
        let sql = format!("{DONOR_SELECT} WHERE r.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], donor_row).optional()?)
    }

    /// The donor of a donation (none for an anonymous gift).
    pub fn donor_of(&self, donation_ref: &str) -> DbResult<Option<i64>> {
        let id: Option<Option<i64>> = self
            .conn
            .prepare_cached("SELECT donor_id FROM donations WHERE office = focus_office() AND ref = ?1")?
            .query_row([donation_ref], |r| r.get(0))
            .optional()?;
        Ok(id.flatten())
    }

    /// Donors whose code is `query`, or whose name matches it (any part, or pinyin
    /// initials, through the name index), at most `limit`, those who gave most first.
    pub fn find_donors(&self, query: &str, limit: i64) -> DbResult<Vec<DonorRecord>> {
        let q = crate::domain::pinyin_key::query_form(query);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = format!("%{}%", sql::like_escape(&q));
        let sql = format!(
            "{DONOR_SELECT} WHERE r.code = ?1 OR r.name = ?1 OR r.name IN \
             (SELECT name FROM donors WHERE search_key LIKE ?2 ESCAPE '\\') \
             ORDER BY r.code IS NOT ?1, r.name <> ?1, r.name, r.id LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![query.trim(), pattern, limit], donor_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many other donors have this donor's name.
    pub fn donors_sharing_name(&self, id: i64) -> DbResult<i64> {
        Ok(self.conn.prepare_cached(
            "SELECT count(*) FROM donor_records o JOIN donor_records r ON r.name = o.name WHERE r.id = ?1 AND o.id <> r.id",
        )?
        .query_row([id], |r| r.get(0))?)
    }

    /// One page of a donor's gifts, newest first.
    pub fn donor_gifts(&self, id: i64, offset: i64, limit: i64) -> DbResult<Vec<DonorGift>> {
        let sql =
            format!("{GIFT_SELECT} WHERE d.donor_id = ?1 ORDER BY d.donated_on DESC, d.id DESC LIMIT ?2 OFFSET ?3");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![id, limit, offset], gift_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A donor's gifts dated in `from..=to`, oldest first.
    pub fn donor_gifts_between(&self, id: i64, from: NaiveDate, to: NaiveDate) -> DbResult<Vec<DonorGift>> {
        let sql = format!(
            "{GIFT_SELECT} WHERE d.donor_id = ?1 AND d.donated_on BETWEEN ?2 AND ?3 ORDER BY d.donated_on, d.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![id, sql::date(from), sql::date(to)], gift_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What a donor gave per year, latest first.
    pub fn donor_years(&self, id: i64) -> DbResult<Vec<DonorTotal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(donated_on, 1, 4), count(*), sum(amount_fen) FROM donations WHERE donor_id = ?1 \
                 GROUP BY 1 ORDER BY 1 DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(DonorTotal { key: r.get(0)?, label: String::new(), gifts: r.get(1)?, total: Money::from_fen(r.get(2)?) })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What a donor gave per project, most first.
    pub fn donor_projects(&self, id: i64) -> DbResult<Vec<DonorTotal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, p.title, count(*), sum(d.amount_fen) AS t FROM donations d \
                 JOIN projects p ON p.id = d.project_id WHERE d.donor_id = ?1 \
                 GROUP BY p.id ORDER BY t DESC, p.code",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(DonorTotal { key: r.get(0)?, label: r.get(1)?, gifts: r.get(2)?, total: Money::from_fen(r.get(3)?) })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The donors who gave in `from..=to`, by name.
    pub fn donors_giving_between(&self, from: NaiveDate, to: NaiveDate) -> DbResult<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id FROM donor_records r WHERE EXISTS (SELECT 1 FROM donations d WHERE d.donor_id = r.id \
                 AND d.donated_on BETWEEN ?1 AND ?2) ORDER BY r.name, r.id",
        )?;
        let rows = stmt.query_map([sql::date(from), sql::date(to)], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many donors have a record.
    pub fn donor_record_count(&self) -> DbResult<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM donor_records", [], |r| r.get(0))?)
    }
}
