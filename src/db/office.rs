//! The office a database belongs to, the counties a city or province database holds, and
//! the focus: whose records the lookups by code see.
//!
//! Every record row carries an `office`: 0 for the database's own records, a county's
//! division code for the records rolled up from that county's export. A code is unique
//! within its office. Every statement that finds a record by its code asks for the
//! office in focus through the SQL function `focus_office()`, which reads the store's
//! focus: 0 unless the console (or a roll-up) turned to a county. Lists and totals of the
//! whole database (the overview, the villages grouped by county) read every office.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Store;
use super::error::{DbError, DbResult};
use super::sql::{self, OptDate};
use crate::domain::division::{DivisionCode, OfficeRefusal};
use crate::domain::{Hours, Money, Office};

/// Registers `focus_office()` on a connection; returns the value it reads.
pub(super) fn register_focus(conn: &Connection) -> DbResult<Arc<AtomicI64>> {
    let focus = Arc::new(AtomicI64::new(0));
    let read = Arc::clone(&focus);
    conn.create_scalar_function("focus_office", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(read.load(Ordering::Relaxed))
    })?;
    Ok(focus)
}

/// The number stored in the `office` column for a focus.
fn stored(focus: Option<DivisionCode>) -> i64 {
    focus.map_or(0, |c| i64::from(c.number()))
}

impl Store {
    /// Whose records the lookups by code see: `None` for the database's own.
    pub fn focus(&self) -> Option<DivisionCode> {
        let n = self.focus.load(Ordering::Relaxed);
        u32::try_from(n).ok().and_then(DivisionCode::from_number)
    }

    /// Turns the lookups by code (and new records) to a county's records (`None`: the
    /// database's own).
    pub fn set_focus(&self, focus: Option<DivisionCode>) {
        self.focus.store(stored(focus), Ordering::Relaxed);
        // Ids looked up in a batch belong to the office they were looked up in.
        super::record::with_batch_cache(|c| c.ids.clear());
    }

    /// Refused while the focus is on a county's rolled-up records: they change only with
    /// that county's next export.
    pub(crate) fn own_records(&self) -> DbResult<()> {
        let Some(office) = self.focus() else { return Ok(()) };
        let name = self.held_office(office)?.map(|h| h.name).or_else(|| office.name().map(str::to_string));
        Err(DbError::Office(OfficeRefusal::RolledUp { office, name: name.unwrap_or_else(|| office.to_string()) }))
    }

    /// The focus shared with a batch of this store (set while the batch runs).
    pub(crate) fn focus_handle(&self) -> Arc<AtomicI64> {
        Arc::clone(&self.focus)
    }

    /// The office the database belongs to, as stored.
    pub fn office(&self) -> DbResult<Option<Office>> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row("SELECT code, name FROM office WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(code, name)| {
            let code = DivisionCode::from_number(u32::try_from(code).ok()?)?;
            Some(Office { code, name })
        }))
    }

    /// The office as stored, else the county every village of the database's own records
    /// belongs to (not stored: a read-only look, or a database made before it was named).
    pub fn office_or_inferred(&self) -> DbResult<Option<Office>> {
        match self.office()? {
            Some(o) => Ok(Some(o)),
            None => {
                Ok(super::schema_offices::county_of_villages(&self.conn)?.map(|(code, name)| Office { code, name }))
            }
        }
    }

    /// Names the database's office. Refused when it already belongs to another office,
    /// or when a county is named whose villages are not the ones the database holds.
    pub fn set_office(&mut self, office: &Office) -> DbResult<()> {
        self.writable()?;
        if let Some(current) = self.office()? {
            if current.code == office.code {
                return Ok(());
            }
            return Err(DbError::Office(OfficeRefusal::AlreadyNamed {
                current: current.code,
                current_name: current.name,
                asked: office.code,
            }));
        }
        if office.level() == crate::domain::division::Level::County
            && let Some((county, name)) = super::schema_offices::county_of_villages(&self.conn)?
            && county != office.code
        {
            return Err(DbError::Office(OfficeRefusal::VillagesOfAnother {
                asked: office.code,
                county,
                county_name: name,
            }));
        }
        let tx = super::record::begin(&mut self.conn, &self.path)?;
        let mut log = super::audit::Log::begin(
            &tx,
            super::audit::now(self.clock),
            &self.operator,
            crate::domain::ChangeKind::Single,
            None,
        )?;
        tx.execute(
            "INSERT INTO office(id, code, name) VALUES (1, ?1, ?2)",
            params![i64::from(office.code.number()), office.name],
        )?;
        let detail = serde_json::json!({ "office": office.code.to_string(), "name": office.name });
        log.event(&tx, "office", &detail)?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(())
    }

    /// Every county (or city) whose export this database holds, by code.
    pub fn held_offices(&self) -> DbResult<Vec<HeldOffice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT office, name, exported_at, period_from, period_to, imported_at, files FROM rollups ORDER BY office",
        )?;
        let rows = stmt.query_map([], held_row)?;
        let rows: Vec<Option<HeldOffice>> = rows.collect::<Result<_, _>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// The export of one county the database holds.
    pub fn held_office(&self, code: DivisionCode) -> DbResult<Option<HeldOffice>> {
        held_one(&self.conn, code)
    }

    /// The figures of each office holding records (the database's own first, as 0),
    /// for the overview and the per-county level of reports: one pass over projects,
    /// villages and volunteers each, grouped by office.
    pub fn office_figures(&self) -> DbResult<Vec<OfficeFigures>> {
        use std::collections::BTreeMap;
        #[derive(Default)]
        struct Sums {
            villages: i64,
            projects: i64,
            donations: i64,
            fen: [i64; 5],
            volunteers: i64,
            tenths: i64,
        }
        let mut by: BTreeMap<i64, Sums> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT office, count(*), coalesce(sum(donation_count), 0), coalesce(sum(raised_public_fen), 0), \
             coalesce(sum(raised_matching_fen), 0), coalesce(sum(disbursed_fen), 0), \
             coalesce(sum(carried_in_fen + opening_fen), 0), coalesce(sum(carried_out_fen), 0) \
             FROM projects GROUP BY office",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let s = by.entry(r.get(0)?).or_default();
            s.projects = r.get(1)?;
            s.donations = r.get(2)?;
            for (i, f) in s.fen.iter_mut().enumerate() {
                *f = r.get(3 + i)?;
            }
        }
        let mut stmt = self.conn.prepare_cached("SELECT office, count(*) FROM villages GROUP BY office")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            by.entry(r.get(0)?).or_default().villages = r.get(1)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT office, count(*), coalesce(sum(served_tenths), 0) FROM volunteers GROUP BY office",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let s = by.entry(r.get(0)?).or_default();
            s.volunteers = r.get(1)?;
            s.tenths = r.get(2)?;
        }
        for held in self.held_offices()? {
            by.entry(i64::from(held.code.number())).or_default();
        }
        Ok(by
            .into_iter()
            .map(|(office, s)| {
                let [public, matching, disbursed, came_in, went_out] = s.fen.map(Money::from_fen);
                let raised = Money::from_fen(public.fen() + matching.fen());
                OfficeFigures {
                    office: u32::try_from(office).ok().and_then(DivisionCode::from_number),
                    villages: s.villages,
                    projects: s.projects,
                    donations: s.donations,
                    raised_public: public,
                    raised_matching: matching,
                    raised,
                    disbursed,
                    balance: Money::balance(raised, came_in, disbursed, went_out),
                    volunteers: s.volunteers,
                    served_hours: Hours::from_tenths(s.tenths),
                }
            })
            .collect())
    }

    /// How many villages the database's own records hold.
    pub fn own_villages(&self) -> DbResult<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM villages WHERE office = 0", [], |r| r.get(0))?)
    }

    /// The office of the village with this code, when one office holds it (the console
    /// turns to it when the village is opened).
    pub fn office_of_village(&self, code: &str) -> DbResult<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT office FROM villages WHERE code = ?1 LIMIT 2")?;
        let found: Vec<i64> = stmt.query_map([code], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
    }
}

/// The held export of one county.
fn held_one(conn: &Connection, code: DivisionCode) -> DbResult<Option<HeldOffice>> {
    let row = conn
        .prepare_cached(
            "SELECT office, name, exported_at, period_from, period_to, imported_at, files FROM rollups \
             WHERE office = ?1",
        )?
        .query_row([i64::from(code.number())], held_row)
        .optional()?;
    Ok(row.flatten())
}

fn held_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<HeldOffice>> {
    let code: i64 = r.get(0)?;
    let Some(code) = u32::try_from(code).ok().and_then(DivisionCode::from_number) else { return Ok(None) };
    let exported: String = r.get(2)?;
    let imported: String = r.get(5)?;
    Ok(Some(HeldOffice {
        code,
        name: r.get(1)?,
        exported_at: parse_time(&exported),
        period_from: r.get::<_, OptDate>(3)?.0,
        period_to: r.get::<_, OptDate>(4)?.0,
        imported_at: imported,
        files: r.get(6)?,
    }))
}

/// `YYYY-MM-DD HH:MM:SS` as stored.
pub(crate) fn parse_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()
}

/// A county's export held by a city or province database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldOffice {
    pub code: DivisionCode,
    pub name: String,
    /// When the county exported it (its 来源's 导出时间).
    pub exported_at: Option<NaiveDateTime>,
    /// The period it covers; both `None` for a full export.
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    /// When it was imported here.
    pub imported_at: String,
    /// The files it came in (JSON: path and SHA-256 of each).
    pub files: String,
}

/// The figures of one office's records in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeFigures {
    /// `None` for the database's own records.
    pub office: Option<DivisionCode>,
    pub villages: i64,
    pub projects: i64,
    pub donations: i64,
    pub raised_public: Money,
    pub raised_matching: Money,
    pub raised: Money,
    pub disbursed: Money,
    pub balance: Money,
    pub volunteers: i64,
    pub served_hours: Hours,
}

/// What a roll-up writes about the export it took in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub office: DivisionCode,
    pub name: String,
    pub exported_at: NaiveDateTime,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub format_version: u32,
    /// JSON: the files, with their SHA-256.
    pub files: String,
}

impl super::Batch<'_> {
    /// Turns the batch's lookups by code and its new records to `focus` (`None`: the
    /// database's own records).
    pub fn set_focus(&mut self, focus: Option<DivisionCode>) {
        self.focus.store(stored(focus), Ordering::Relaxed);
        super::record::with_batch_cache(|c| c.ids.clear());
    }

    /// The county export this database holds for `code`, read inside the batch.
    pub fn held(&self, code: DivisionCode) -> DbResult<Option<HeldOffice>> {
        held_one(self.tx, code)
    }

    /// The period of the exports held (every one covers the same): `None` when none is
    /// held; `Some((None, None))` for full exports.
    pub fn held_period(&self) -> DbResult<Option<(Option<NaiveDate>, Option<NaiveDate>)>> {
        let row = self
            .tx
            .prepare_cached("SELECT period_from, period_to FROM rollups ORDER BY office LIMIT 1")?
            .query_row([], |r| Ok((r.get::<_, OptDate>(0)?.0, r.get::<_, OptDate>(1)?.0)))
            .optional()?;
        Ok(row)
    }

    /// Records (or replaces) the county export held.
    pub fn record_rollup(&self, r: &Rollup, now: NaiveDateTime) -> DbResult<()> {
        self.tx.prepare_cached(
            "INSERT OR REPLACE INTO rollups(office, name, exported_at, period_from, period_to, format_version, files, \
             imported_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            i64::from(r.office.number()),
            r.name,
            r.exported_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            sql::opt_date(r.period_from),
            sql::opt_date(r.period_to),
            r.format_version,
            r.files,
            now.format("%Y-%m-%d %H:%M:%S").to_string(),
            crate::domain::shown::one_line(&self.operator),
        ])?;
        Ok(())
    }

    /// How many records of `table` the office in focus holds.
    pub fn count_in_focus(&self, kind: crate::domain::Kind) -> DbResult<u64> {
        let (table, _) = super::record::table_of(kind);
        let sql = super::record::sql_once("count_in_focus", table, || {
            format!("SELECT count(*) FROM {table} WHERE office = focus_office()")
        });
        let n: i64 = self.tx.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(store: &Store, sql: &str) -> String {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("plan");
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).expect("rows");
        rows.map(|r| r.expect("row")).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn lookups_by_code_use_the_office_key_and_lists_keep_their_order_index() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("x.db"), super::super::OpenMode::Create, "t").expect("open");
        let p = plan(&store, "SELECT id FROM donations WHERE office = focus_office() AND ref = 'D1'");
        assert!(p.contains("donations_key"), "{p}");
        let p = plan(
            &store,
            "SELECT d.id FROM donations d JOIN projects p ON p.id = d.project_id WHERE +d.office = focus_office() \
             ORDER BY d.donated_on DESC, d.id DESC LIMIT 20",
        );
        assert!(p.contains("donations_by_date") && !p.contains("TEMP B-TREE"), "{p}");
        let p = plan(&store, "SELECT t.ref FROM donations t WHERE t.office = focus_office() ORDER BY t.ref");
        assert!(p.contains("donations_key") && !p.contains("TEMP B-TREE"), "{p}");
        // A donor's gifts: along (donor, office, date), never every office's.
        let p = plan(
            &store,
            "SELECT d.id FROM donations d JOIN projects p ON p.id = d.project_id WHERE d.office = focus_office() \
             AND d.donor_name IN (SELECT value FROM json_each('[\"王建国\"]')) ORDER BY d.donated_on DESC, d.id DESC LIMIT 20",
        );
        assert!(p.contains("donations_by_donor (donor_name=? AND office=?)"), "{p}");
    }

    #[test]
    fn the_focus_turns_lookups_to_a_county_and_back() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("x.db"), super::super::OpenMode::Create, "t").expect("open");
        let read = |s: &Store| -> i64 { s.conn.query_row("SELECT focus_office()", [], |r| r.get(0)).expect("focus") };
        assert_eq!(read(&store), 0);
        let dafeng = DivisionCode::parse("320904");
        store.set_focus(dafeng);
        assert_eq!((read(&store), store.focus()), (320904, dafeng));
        store.set_focus(None);
        assert_eq!((read(&store), store.focus()), (0, None));
    }
}
