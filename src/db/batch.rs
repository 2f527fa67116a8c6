//! Many records written in one transaction (an import): each put reports whether the
//! record was inserted, updated, unchanged or conflicts; nothing is kept unless the whole
//! batch is committed.

use rusqlite::Connection;
use serde::Serialize;

use super::error::{DbError, DbResult};
use super::schema::MAX_PROJECT_TOTAL_FEN;
use crate::domain::kind::key;
use crate::domain::{Kind, Rule};
use std::collections::HashMap;

use super::Store;
use super::audit::Log;
use super::record::{Stored, batch_cache, id_of, load_by_code, with_batch_cache, write, write_unchecked};
use crate::domain::ChangeKind;

/// Page cache for a batch, in KiB (the default is 2 MiB). 64 MiB was no faster for a
/// million-row import and held 48 MB more at its peak (issue 16).
const BATCH_CACHE_KIB: i64 = 16 * 1024;

/// Page cache for a batch that adds to a table with its indexes kept, in KiB.
const KEPT_INDEX_CACHE_KIB: i64 = 256 * 1024;

/// SQLite's default page cache setting (2,000 KiB).
const DEFAULT_CACHE: i64 = -2000;

/// What a put did (or would do) with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Inserted,
    Updated,
    Unchanged,
    /// A record with this code exists with other values in these fields (English keys).
    Conflict(Vec<String>),
}

/// An open transaction for many writes; dropped without [`Batch::commit`], it rolls back.
pub struct Batch<'a> {
    pub(super) tx: &'a Connection,
    /// The database file, for messages.
    path: std::path::PathBuf,
    /// The batch's change-set: every record it writes points to it, and its audit rows
    /// are appended to the chain through it.
    pub(super) log: Log,
    /// True when each inserted record gets an audit row of its own (a batch entry, a
    /// revert); an import keeps its inserts linked through `created_in` only.
    audit_inserts: bool,
    /// Per table: the lowest and highest row id inserted (an import's revert reads them).
    inserted: HashMap<&'static str, (i64, i64)>,
    /// Where the store keeps the id of its last committed change-set.
    last: &'a std::cell::Cell<Option<i64>>,
    /// The operator, for the audit rows a roll-up writes.
    pub(super) operator: String,
    /// The store's focus (whose records the batch reads and writes), put back when the
    /// batch ends.
    pub(super) focus: std::sync::Arc<std::sync::atomic::AtomicI64>,
    focus_before: i64,
    /// The row ids of the records put, by kind, when asked for ([`Batch::track_ids`]).
    tracked: Option<std::collections::BTreeMap<Kind, Vec<i64>>>,
    open: bool,
    bulk: Option<Bulk>,
    /// True while the project limits are checked only at [`Batch::settle`].
    deferred: bool,
    /// Projects whose running totals a bulk run could not apply within the limits.
    breaches: Vec<Breach>,
    /// True while the rows put are ones the database already has (a re-import).
    known_run: bool,
    /// The stored records of the codes of the rows about to be put, read in one query
    /// (a `HashMap<String, Option<R>>` of one kind): a re-import compares them in bulk.
    prefetched: Option<Box<dyn std::any::Any>>,
    journal: super::journal::JournalGuard,
    /// Secondary indexes dropped for this batch, built again before it commits.
    set_aside: Vec<super::indexes::SetAside>,
    /// The row ids of the prefetched codes, while ids are tracked.
    prefetched_ids: Option<HashMap<String, i64>>,
}

/// A project that breaks a limit once the batch's writes are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub project: String,
    pub rule: Rule,
    /// The carry-over (结转单号) that breaks it, when one record does.
    pub carry_over: Option<String>,
}

/// The insert triggers of donations, set aside while a run of new donations is written;
/// their totals are applied once when the run ends (inside the same transaction, so a
/// rollback restores everything).
struct Bulk {
    triggers: Vec<String>,
    /// project id → (public fen, matching fen, count)
    projects: HashMap<i64, (i64, i64, i64)>,
    /// `YYYY-MM` → (fen, count)
    months: HashMap<String, (i64, i64)>,
}

/// The triggers a run of new donations does without.
const BULK_TRIGGERS: [&str; 2] = ["donations_ai", "donation_months_ai"];

impl Store {
    /// Starts an import's batch; dropping it without [`Batch::commit`] writes nothing.
    pub fn batch(&mut self) -> DbResult<Batch<'_>> {
        self.batch_of(ChangeKind::Import, None)
    }

    /// Starts a batch as a change-set of `kind` (`reverts`: the change-set a revert undoes).
    pub fn batch_of(&mut self, kind: ChangeKind, reverts: Option<i64>) -> DbResult<Batch<'_>> {
        self.writable()?;
        self.own_records()?;
        // A large write keeps its pages and statement journals in memory instead of
        // spilling them to disk row by row.
        self.conn.pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| DbError::on_write(&self.path, e))?;
        // References are resolved before each write; checking foreign keys once at commit
        // spares every statement its own journal.
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        let log = match Log::begin(&self.conn, self.now(), &self.operator, kind, reverts) {
            Ok(log) => log,
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        };
        batch_cache(true);
        let focus = self.focus_handle();
        let focus_before = focus.load(std::sync::atomic::Ordering::Relaxed);
        Ok(Batch {
            tx: &self.conn,
            path: self.path.clone(),
            log,
            audit_inserts: kind != ChangeKind::Import,
            inserted: HashMap::new(),
            last: &self.last_change_set,
            operator: self.operator.clone(),
            focus,
            focus_before,
            tracked: None,
            open: true,
            bulk: None,
            deferred: false,
            breaches: Vec::new(),
            known_run: false,
            prefetched: None,
            journal: self.journal.clone(),
            set_aside: Vec::new(),
            prefetched_ids: None,
        })
    }
}

impl Batch<'_> {
    /// Checks the project limits (disbursements within donations) once, on the batch's
    /// final state, instead of after every row: an import may lower one donation and add
    /// another in any order. [`Batch::commit`] refuses a final state that breaks them.
    pub fn defer_limits(&mut self) -> DbResult<()> {
        if !self.deferred {
            self.tx.execute("INSERT INTO deferred_checks(since) VALUES (datetime('now'))", [])?;
            self.deferred = true;
        }
        Ok(())
    }

    /// A project's end date, if it has one.
    pub fn project_end(&self, project: &str) -> DbResult<Option<chrono::NaiveDate>> {
        use rusqlite::OptionalExtension;
        let end: Option<Option<String>> = self
            .tx
            .prepare_cached("SELECT end_date FROM projects WHERE office = focus_office() AND code = ?1")?
            .query_row([project], |r| r.get(0))
            .optional()?;
        Ok(end.flatten().and_then(|e| chrono::NaiveDate::parse_from_str(&e, "%Y-%m-%d").ok()))
    }

    /// The refs of the project's donations dated after its end date.
    pub fn gifts_after_end(&self, project: &str) -> DbResult<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT d.ref FROM projects p JOIN donations d ON d.project_id = p.id \
             WHERE p.office = focus_office() AND p.code = ?1 AND p.end_date IS NOT NULL \
               AND d.donated_on > p.end_date",
        )?;
        let rows = stmt.query_map([project], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The balance of a completed or closed project that still holds money (or less
    /// than nothing); `None` for a running project or one that holds nothing.
    pub fn closed_balance(&self, project: &str) -> DbResult<Option<i64>> {
        use rusqlite::OptionalExtension;
        let balance: Option<i64> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM projects p WHERE p.office = focus_office() AND p.code = ?1 \
                 AND (p.status = 'completed' OR p.status = 'closed')",
                super::sql::BALANCE
            ))?
            .query_row([project], |r| r.get(0))
            .optional()?;
        Ok(balance.filter(|b| *b != 0))
    }

    /// Before a batch of `incoming` records of `kind`: when that is large against the
    /// table (an empty table, or more than about half its rows), drops its secondary
    /// indexes until [`Batch::rebuild_indexes`] (or the commit) builds them once over the
    /// finished table. Returns whether it did.
    pub fn set_aside_indexes(&mut self, kind: Kind, incoming: u64) -> DbResult<bool> {
        let (table, _) = super::record::table_of(kind);
        if incoming == 0 {
            return Ok(false);
        }
        // An earlier unit of the batch (a county's export) set them aside already.
        if self.set_aside.iter().any(|s| s.table == table) {
            return Ok(true);
        }
        if !super::indexes::is_large(super::indexes::rows(self.tx, table)?, incoming) {
            // Rows added to a large table with its indexes kept land all over each index:
            // a larger cache keeps those pages instead of writing and reading them again.
            self.tx.pragma_update(None, "cache_size", -KEPT_INDEX_CACHE_KIB)?;
            return Ok(false);
        }
        let dropped = super::indexes::set_aside(self.tx, table)?;
        let any = !dropped.is_empty();
        self.set_aside.extend(dropped);
        Ok(any)
    }

    /// How many indexes [`Batch::rebuild_indexes`] will build.
    pub fn indexes_set_aside(&self) -> u64 {
        self.set_aside.len() as u64
    }

    /// Builds the indexes set aside again; `progress(done, total)` after each.
    pub fn rebuild_indexes(&mut self, progress: &mut dyn FnMut(u64, u64)) -> DbResult<()> {
        let indexes = std::mem::take(&mut self.set_aside);
        // The sorts behind the indexes take as much memory as the page cache allows: the
        // batch's own, whatever a unit of the batch asked for before.
        if !indexes.is_empty() {
            self.tx.pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
        }
        super::indexes::rebuild(self.tx, &indexes, progress)
    }

    /// Applies what is pending and returns every project that breaks a limit in the
    /// batch's final state (empty when the batch may be committed).
    pub fn settle(&mut self) -> DbResult<Vec<Breach>> {
        self.end_bulk()?;
        let mut found = self.breaches.clone();
        // Money in (donations, carry-overs in) against money out (disbursements,
        // carry-overs out).
        let mut stmt = self.tx.prepare_cached(
            "SELECT code, raised_public_fen + raised_matching_fen + carried_in_fen + opening_fen, \
                    disbursed_fen + carried_out_fen FROM projects \
             WHERE office = focus_office() AND disbursed_fen + carried_out_fen \
                   > raised_public_fen + raised_matching_fen + carried_in_fen + opening_fen \
             ORDER BY code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Breach {
                project: r.get(0)?,
                rule: Rule::ProjectOverdisbursed {
                    project: r.get(0)?,
                    raised_fen: r.get(1)?,
                    disbursed_fen: r.get(2)?,
                },
                carry_over: None,
            })
        })?;
        for row in rows {
            found.push(row?);
        }
        // Each carry-over within its giving project's balance on its own date.
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT c.ref, p.code, c.amount_fen, ({}) AS balance FROM carry_overs c \
             JOIN projects p ON p.id = c.from_project_id WHERE c.office = focus_office() AND balance < c.amount_fen \
             ORDER BY c.ref",
            super::kinds::balance_on_sql("c.from_project_id", "c.transferred_on", "c.id")
        ))?;
        let rows = stmt.query_map([], |r| {
            let project: String = r.get(1)?;
            Ok(Breach {
                project: project.clone(),
                rule: Rule::CarryOverExceedsBalance { project, balance_fen: r.get(3)?, amount_fen: r.get(2)? },
                carry_over: Some(r.get(0)?),
            })
        })?;
        for row in rows {
            found.push(row?);
        }
        Ok(found)
    }

    /// The next free number of the serials `<prefix><number>` of donations, read inside
    /// this batch's write lock, so two consoles saving at once never draw the same one.
    pub fn next_donation_serial(&self, prefix: &str) -> DbResult<u64> {
        // Every serial with this prefix sorts between the prefix and the prefix with its
        // last character raised by one: a range of the unique index, not a scan.
        let mut end = prefix.to_string();
        let last = end.pop().map_or('\u{1}', |c| char::from_u32(c as u32 + 1).unwrap_or(char::MAX));
        end.push(last);
        let mut stmt = self
            .tx
            .prepare_cached("SELECT ref FROM donations WHERE office = focus_office() AND ref >= ?1 AND ref < ?2")?;
        let mut highest = 0u64;
        let mut rows = stmt.query(rusqlite::params![prefix, end])?;
        while let Some(row) = rows.next()? {
            let serial: String = row.get(0)?;
            if let Some(n) = serial.strip_prefix(prefix).and_then(|n| n.parse::<u64>().ok()) {
                highest = highest.max(n);
            }
        }
        Ok(highest + 1)
    }

    /// Keeps (`on`) the row ids of the records put from now on, for [`Batch::take_tracked`]:
    /// a roll-up knows which of a county's records its new export still holds.
    pub fn track_ids(&mut self, on: bool) {
        self.tracked = on.then(std::collections::BTreeMap::new);
        self.prefetched_ids = None;
    }

    /// The row ids kept by kind since [`Batch::track_ids`] (or the last take).
    pub fn take_tracked(&mut self) -> std::collections::BTreeMap<Kind, Vec<i64>> {
        self.tracked.as_mut().map(std::mem::take).unwrap_or_default()
    }

    fn track(&mut self, kind: Kind, id: i64) {
        if let Some(ids) = self.tracked.as_mut() {
            ids.entry(kind).or_default().push(id);
        }
    }

    /// Of these donor names (gifts with neither phone nor donor code), those that donors
    /// with a phone or a code share, with how many such donors (see `db::donors`).
    pub fn ambiguous_donors(&self, names: &[&str]) -> DbResult<Vec<(String, i64)>> {
        super::donors::ambiguous_names(self.tx, names)
    }

    /// The donor name given alone that the last put met for the first time in this batch.
    pub fn take_new_name_only(&self) -> Option<String> {
        with_batch_cache(|c| c.new_name_only.take()).flatten()
    }

    /// True when the office has registered no receipt book (receipt numbers cannot be
    /// checked).
    pub fn no_receipt_books(&self) -> DbResult<bool> {
        super::receipts::no_books(self.tx)
    }

    /// True while the rows put are ones the database already has: a reader of rows should
    /// [`Batch::prefetch`] the next ones.
    pub fn in_known_run(&self) -> bool {
        self.known_run
    }

    /// Reads the stored records of `codes` (of kind `R`) in one query, for the puts that
    /// follow: a re-import compares its rows with them in bulk instead of one lookup a row.
    pub fn prefetch<R: Stored + 'static>(&mut self, codes: &[&str]) -> DbResult<()> {
        let json = serde_json::to_string(codes)
            .map_err(|e| DbError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        let sql = super::record::sql_once("prefetch", R::TABLE, || {
            format!(
                "{} WHERE t.office = focus_office() AND t.{} IN (SELECT value FROM json_each(?1))",
                R::SELECT,
                R::CODE_COLUMN
            )
        });
        let mut map: std::collections::HashMap<String, Option<R>> =
            codes.iter().map(|c| (c.to_string(), None)).collect();
        let mut stmt = self.tx.prepare_cached(sql)?;
        for row in stmt.query_map([json], R::from_row)? {
            let rec = row?;
            map.insert(rec.code().to_string(), Some(rec));
        }
        self.prefetched = Some(Box::new(map));
        if self.tracked.is_some() {
            let sql = super::record::sql_once("prefetch_ids", R::TABLE, || {
                format!(
                    "SELECT {c}, id FROM {t} WHERE office = focus_office() AND {c} IN (SELECT value FROM json_each(?1))",
                    c = R::CODE_COLUMN,
                    t = R::TABLE
                )
            });
            let json = serde_json::to_string(codes)
                .map_err(|e| DbError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
            let mut stmt = self.tx.prepare_cached(sql)?;
            let ids = stmt.query_map([json], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
            self.prefetched_ids = Some(ids.collect::<Result<_, _>>()?);
        }
        Ok(())
    }

    /// The prefetched stored record of `code`: `Some(None)` when it is known not to be
    /// stored, `None` when it was not prefetched.
    fn take_prefetched<R: 'static>(&mut self, code: &str) -> Option<Option<R>> {
        self.prefetched.as_mut()?.downcast_mut::<std::collections::HashMap<String, Option<R>>>()?.remove(code)
    }

    /// Inserts a new record; one with an existing code is unchanged when equal, else a
    /// conflict, or — with `update` — replaced, its old values going to the audit log.
    pub fn put<R: Stored + PartialEq + 'static>(&mut self, rec: &R, update: bool) -> DbResult<Outcome> {
        // Rows come in runs: a first import is all new rows, a re-import all known ones.
        // Within a run of new rows insert first, and look at the record only when the code
        // turns out to be taken; within a run of known rows look first (in bulk, when the
        // rows were prefetched), and insert only when the code is free.
        let known = if self.known_run {
            match self.take_prefetched::<R>(rec.code()) {
                Some(stored) => stored,
                None => load_by_code::<R>(self.tx, rec.code())?,
            }
        } else {
            None
        };
        let old: R = match known {
            Some(old) => old,
            None => {
                if self.try_insert(rec)? {
                    self.known_run = false;
                    // The row's id before an audit row is written after it.
                    if self.tracked.is_some() {
                        let id = self.tx.last_insert_rowid();
                        self.track(R::KIND, id);
                    }
                    if self.audit_inserts {
                        self.log.record(self.tx, "insert", R::KIND, rec.code(), None::<&R>, Some(rec))?;
                    }
                    return Ok(Outcome::Inserted);
                }
                self.known_run = true;
                load_by_code(self.tx, rec.code())?
                    .ok_or_else(|| DbError::NotFound { kind: R::KIND, code: rec.code().to_string() })?
            }
        };
        // An unchanged row (a re-import) leaves the run of new donations going: ending it
        // puts the triggers back, and the next new row would set them aside again.
        if &old == rec {
            if self.tracked.is_some() {
                let id = match self.prefetched_ids.as_mut().and_then(|m| m.remove(rec.code())) {
                    Some(id) => id,
                    None => id_of(self.tx, R::TABLE, R::CODE_COLUMN, rec.code())?
                        .ok_or_else(|| DbError::NotFound { kind: R::KIND, code: rec.code().to_string() })?,
                };
                self.track(R::KIND, id);
            }
            return Ok(Outcome::Unchanged);
        }
        let id = id_of(self.tx, R::TABLE, R::CODE_COLUMN, rec.code())?
            .ok_or_else(|| DbError::NotFound { kind: R::KIND, code: rec.code().to_string() })?;
        self.track(R::KIND, id);
        if !update {
            return Ok(Outcome::Conflict(changed_fields(&old, rec)));
        }
        self.end_bulk()?;
        write(self.tx, Some(id), rec, self.log.id())?;
        self.log.record(self.tx, "update", R::KIND, rec.code(), Some(&old), Some(rec))?;
        Ok(Outcome::Updated)
    }

    /// Inserts `rec` as new; `Ok(false)` when its code is already taken (nothing written).
    fn try_insert<R: Stored>(&mut self, rec: &R) -> DbResult<bool> {
        let delta = rec.bulk_delta();
        if delta.is_some() {
            self.start_bulk()?;
        } else {
            self.end_bulk()?;
        }
        match write_unchecked(self.tx, None, rec, self.log.id()) {
            Ok(id) => {
                let range = self.inserted.entry(R::TABLE).or_insert((id, id));
                *range = (range.0.min(id), range.1.max(id));
            }
            Err(e) if code_taken::<R>(&e) => return Ok(false),
            // A receipt (or another rule) can clash with the record's own earlier copy:
            // when the code exists, the caller compares with it.
            Err(e) if id_of(self.tx, R::TABLE, R::CODE_COLUMN, rec.code())?.is_some() => {
                drop(e);
                return Ok(false);
            }
            Err(e) => return Err(e),
        }
        let Some(delta) = delta else { return Ok(true) };
        let project = with_batch_cache(|c| c.ids.get("projects").and_then(|m| m.get(delta.project_code)).copied());
        match (project.flatten(), self.bulk.as_mut()) {
            (Some(pid), Some(bulk)) => {
                let p = bulk.projects.entry(pid).or_default();
                // Saturating: a sum past the limit is refused in `end_bulk`, never wrapped.
                if delta.matching {
                    p.1 = p.1.saturating_add(delta.fen);
                } else {
                    p.0 = p.0.saturating_add(delta.fen);
                }
                p.2 += 1;
                let m = bulk.months.entry(delta.month).or_default();
                m.0 = m.0.saturating_add(delta.fen);
                m.1 += 1;
                Ok(true)
            }
            _ => Err(DbError::BulkWithoutProject { project: delta.project_code.to_string() }),
        }
    }

    /// Sets the donation insert triggers aside for a run of new donations.
    fn start_bulk(&mut self) -> DbResult<()> {
        if self.bulk.is_some() {
            return Ok(());
        }
        let mut triggers = Vec::new();
        for name in BULK_TRIGGERS {
            let sql: String = self.tx.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            self.tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            triggers.push(sql);
        }
        self.bulk = Some(Bulk { triggers, projects: HashMap::new(), months: HashMap::new() });
        Ok(())
    }

    /// Applies the totals of the run of new donations and puts the triggers back.
    pub(super) fn end_bulk(&mut self) -> DbResult<()> {
        let Some(bulk) = self.bulk.take() else { return Ok(()) };
        let mut stmt = self.tx.prepare_cached(
            "UPDATE projects SET raised_public_fen = raised_public_fen + ?2, \
             raised_matching_fen = raised_matching_fen + ?3, donation_count = donation_count + ?4 WHERE id = ?1",
        )?;
        for (id, (public, matching, count)) in &bulk.projects {
            let within = public.checked_add(*matching).is_some_and(|sum| sum <= MAX_PROJECT_TOTAL_FEN);
            let over = !within
                || match stmt.execute(rusqlite::params![id, public, matching, count]) {
                    Ok(_) => false,
                    Err(e) if is_over_limit(&e) => true,
                    Err(e) => return Err(e.into()),
                };
            if over {
                let project: String =
                    self.tx.query_row("SELECT code FROM projects WHERE id = ?1", [id], |r| r.get(0))?;
                self.breaches.push(Breach {
                    project: project.clone(),
                    rule: Rule::TotalTooLarge { project },
                    carry_over: None,
                });
            }
        }
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO donation_months(month, total_fen, count) VALUES (?1, ?2, ?3) \
             ON CONFLICT(month) DO UPDATE SET total_fen = total_fen + excluded.total_fen, count = count + excluded.count",
        )?;
        // A project past its limit refuses the batch, which is then rolled back: its months
        // need no totals (and could pass what an integer holds).
        let months = if self.breaches.is_empty() { bulk.months.iter().collect() } else { Vec::new() };
        for (month, (fen, count)) in months {
            stmt.execute(rusqlite::params![month, fen, count])?;
        }
        for sql in &bulk.triggers {
            self.tx.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Keeps everything, with one audit row describing the whole batch (its `detail`, with
    /// the range of row ids inserted in each table added as `ids`); refused, with nothing
    /// kept, when the final state breaks a project limit. Returns the batch's change-set.
    pub fn commit(mut self, action: &str, detail: &serde_json::Value) -> DbResult<i64> {
        // A long import: the journal may have been deleted while it ran.
        super::guard_journal(self.tx, &self.journal)?;
        if let Some(b) = self.settle()?.into_iter().next() {
            return Err(DbError::Rejected {
                kind: Kind::Project,
                code: b.project,
                field: key::PROJECT_CODE,
                rule: b.rule,
            });
        }
        if self.deferred {
            self.tx.execute("DELETE FROM deferred_checks", [])?;
            self.deferred = false;
        }
        self.rebuild_indexes(&mut |_, _| {})?;
        let mut detail = detail.clone();
        if let (serde_json::Value::Object(map), false) = (&mut detail, self.inserted.is_empty()) {
            let ids: serde_json::Map<String, serde_json::Value> = self
                .inserted
                .iter()
                .map(|(table, (lo, hi))| (table.to_string(), serde_json::json!([lo, hi])))
                .collect();
            map.insert("ids".into(), serde_json::Value::Object(ids));
        }
        self.log.event(self.tx, action, &detail)?;
        self.log.finish()?;
        self.tx.execute_batch("COMMIT").map_err(|e| DbError::on_write(&self.path, e))?;
        self.open = false;
        self.last.set(Some(self.log.id()));
        Ok(self.log.id())
    }

    /// The batch's change-set.
    pub fn change_set(&self) -> i64 {
        self.log.id()
    }

    /// The batch's change-set log (for the revert beside it).
    pub(crate) fn log_mut(&mut self) -> &mut Log {
        &mut self.log
    }

    /// Discards everything.
    pub fn rollback(mut self) -> DbResult<()> {
        self.open = false;
        self.tx.execute_batch("ROLLBACK")?;
        Ok(())
    }
}

impl<'a> Batch<'a> {
    /// The connection of the batch's transaction (for the revert beside it).
    pub(crate) fn conn(&self) -> &'a Connection {
        self.tx
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        batch_cache(false);
        self.focus.store(self.focus_before, std::sync::atomic::Ordering::Relaxed);
        // Back to the everyday cache, so the console stays small after an import.
        let _ = self.tx.pragma_update(None, "cache_size", DEFAULT_CACHE);
    }
}

/// True when a statement was aborted because a project's total would pass its limit.
pub(crate) fn is_over_limit(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(_, Some(m)) if m.contains("raised_within_limit"))
}

/// True when an insert failed only because the record's code is taken.
fn code_taken<R: Stored>(e: &DbError) -> bool {
    match e {
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, Some(msg))) => {
            f.code == rusqlite::ErrorCode::ConstraintViolation
                && msg.ends_with(&format!("{}.{}", R::TABLE, R::CODE_COLUMN))
        }
        DbError::Rejected { rule: crate::domain::Rule::Duplicate, field, .. } => *field == R::KIND.code_field().key,
        _ => false,
    }
}

/// The serialised fields (template keys) whose values differ.
pub(crate) fn changed_fields<R: Serialize>(a: &R, b: &R) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect()
}
