//! Generic insert, update, delete and load of any record kind, each in one transaction
//! with its audit row.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params_from_iter};
use serde::Serialize;

use super::Store;
use super::audit::Log;
use super::batch::changed_fields;
use super::error::{DbError, DbResult};
use crate::domain::{ChangeKind, Kind, Rule};

/// A record kind the store can hold. Implemented in `db::kinds`, one module per kind.
pub trait Stored: Serialize + Sized {
    const KIND: Kind;
    const TABLE: &'static str;
    /// The column holding the record's code (`code` or `ref`).
    const CODE_COLUMN: &'static str;
    /// The written columns, in the order of [`Stored::values`].
    const COLUMNS: &'static [&'static str];
    /// `SELECT … FROM <table> t …` giving the columns [`Stored::from_row`] reads.
    const SELECT: &'static str;

    fn code(&self) -> &str;

    /// The values of [`Stored::COLUMNS`], with references resolved to row ids.
    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>>;

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;

    /// Records that refer to row `id` and forbid deleting it: (what, how many).
    fn dependents(_conn: &Connection, _id: i64) -> DbResult<Option<(&'static str, i64)>> {
        Ok(None)
    }

    /// Uniqueness rules besides the code (donation receipts).
    fn check_unique(&self, _conn: &Connection, _id: Option<i64>) -> DbResult<()> {
        Ok(())
    }

    /// For a donation: what it adds to the running totals (project, fen, matching,
    /// `YYYY-MM`), so a batch of new donations can apply the totals once at the end.
    fn bulk_delta(&self) -> Option<BulkDelta<'_>> {
        None
    }

    /// Turns a failed write into a rule the operator understands, where possible.
    fn explain(_conn: &Connection, _id: Option<i64>, _rec: Option<&Self>, e: DbError) -> DbError {
        e
    }
}

/// What one new donation adds to the running totals.
pub struct BulkDelta<'a> {
    pub project_code: &'a str,
    pub fen: i64,
    pub matching: bool,
    pub month: String,
}

/// The row id of the record with `code` in `table`.
pub(crate) fn id_of(conn: &Connection, table: &'static str, code_col: &str, code: &str) -> DbResult<Option<i64>> {
    let sql = sql_once("id_of", table, || {
        format!("SELECT id FROM {table} WHERE office = focus_office() AND {code_col} = ?1")
    });
    Ok(conn.prepare_cached(sql)?.query_row([code], |r| r.get(0)).optional()?)
}

/// Within a batch (an import), what was already looked up: the ids of referenced records
/// by table and code, and the donor names known to the search index. A batch is one
/// transaction on one thread, so a thread-local cache is exact for its duration.
#[derive(Default)]
pub(crate) struct BatchCache {
    /// Table → code → id (looked up by `&str`, without making a key per row).
    pub(crate) ids: std::collections::HashMap<&'static str, std::collections::HashMap<String, i64>>,
    pub(crate) donors: std::collections::HashSet<String>,
    /// Donor code → donor id (see `db::donors::resolve`).
    pub(crate) donor_codes: std::collections::HashMap<String, i64>,
    /// Donor name → (phone, donor id) of the donors of that name met so far: looked up
    /// by `&str`, so that a row costs no allocation.
    pub(crate) donor_names: std::collections::HashMap<String, Vec<(Option<String>, i64)>>,
    /// A name alone first met by the last gift resolved (for the import's warning).
    pub(crate) new_name_only: Option<String>,
    /// The receipt books, read once per batch (see `db::receipts`).
    pub(crate) books: Option<Vec<super::receipts::Book>>,
}

thread_local! {
    static BATCH_CACHE: std::cell::RefCell<Option<BatchCache>> = const { std::cell::RefCell::new(None) };
}

/// Turns the batch cache on (a batch starts) or off (it ends).
pub(crate) fn batch_cache(on: bool) {
    BATCH_CACHE.with(|c| *c.borrow_mut() = on.then(BatchCache::default));
}

/// Runs `f` on the batch cache, when a batch is running.
pub(crate) fn with_batch_cache<T>(f: impl FnOnce(&mut BatchCache) -> T) -> Option<T> {
    BATCH_CACHE.with(|c| c.borrow_mut().as_mut().map(f))
}

/// The table of a record kind and its code column.
pub(crate) fn table_of(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Village => ("villages", "code"),
        Kind::Project => ("projects", "code"),
        Kind::Volunteer => ("volunteers", "code"),
        Kind::Donation => ("donations", "ref"),
        Kind::Disbursement => ("disbursements", "ref"),
        Kind::Shift => ("shifts", "ref"),
        Kind::CarryOver => ("carry_overs", "ref"),
        Kind::Disclosure => ("disclosures", "ref"),
    }
}

/// The id of a referenced record, or the rule that it does not exist.
pub(crate) fn reference(
    conn: &Connection,
    kind: Kind,
    own: &str,
    field: &'static str,
    target: Kind,
    code: &str,
) -> DbResult<i64> {
    let (table, col) = table_of(target);
    if let Some(Some(id)) = with_batch_cache(|c| c.ids.get(table).and_then(|m| m.get(code)).copied()) {
        return Ok(id);
    }
    let found = id_of(conn, table, col, code)?;
    if let Some(id) = found {
        with_batch_cache(|c| c.ids.entry(table).or_default().insert(code.to_string(), id));
    }
    found.ok_or_else(|| DbError::Rejected {
        kind,
        code: own.to_string(),
        field,
        rule: Rule::UnknownReference { what: target.sheet(), code: code.to_string() },
    })
}

/// The text of a statement, made once per (purpose, table) for the life of the program:
/// an import runs a million rows through a few statements, and building their text for
/// each row cost a tenth of its time. A few dozen short strings in all.
pub(crate) fn sql_once(purpose: &'static str, table: &'static str, make: impl FnOnce() -> String) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Made = HashMap<(&'static str, &'static str), &'static str>;
    static MADE: OnceLock<Mutex<Made>> = OnceLock::new();
    let made = MADE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut made = made.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    made.entry((purpose, table)).or_insert_with(|| Box::leak(make().into_boxed_str()))
}

/// The insert (`update` false) or update statement of a table. Both set the change-set
/// that last wrote the row (`changed_in`); an insert also the one that made it
/// (`created_in`). The change-set is the last parameter.
fn statement<R: Stored>(update: bool) -> &'static str {
    let marks = || (2..R::COLUMNS.len() + 2).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let set = R::COLUMNS.len() + 2;
    if update {
        sql_once("update", R::TABLE, || {
            format!(
                "UPDATE {} SET ({}, changed_in) = ({}, ?{set}) WHERE id = ?1",
                R::TABLE,
                R::COLUMNS.join(", "),
                marks()
            )
        })
    } else {
        sql_once("insert", R::TABLE, || {
            format!(
                "INSERT INTO {}(id, office, {}, created_in, changed_in) VALUES (?1, focus_office(), {}, ?{set}, ?{set})",
                R::TABLE,
                R::COLUMNS.join(", "),
                marks()
            )
        })
    }
}

/// Loads the record at row `id`.
pub(crate) fn load<R: Stored>(conn: &Connection, id: i64) -> DbResult<Option<R>> {
    let sql = format!("{} WHERE t.id = ?1", R::SELECT);
    Ok(conn.prepare_cached(&sql)?.query_row([id], R::from_row).optional()?)
}

/// Loads the record with `code` (one lookup of the unique index on the code).
pub(crate) fn load_by_code<R: Stored>(conn: &Connection, code: &str) -> DbResult<Option<R>> {
    let sql = sql_once("load_by_code", R::TABLE, || {
        format!("{} WHERE t.office = focus_office() AND t.{} = ?1", R::SELECT, R::CODE_COLUMN)
    });
    Ok(conn.prepare_cached(sql)?.query_row([code], R::from_row).optional()?)
}

/// Writes `rec` as a new row (`id` = None) or over row `id` in change-set `set`; returns
/// the row id.
pub(crate) fn write<R: Stored>(conn: &Connection, id: Option<i64>, rec: &R, set: i64) -> DbResult<i64> {
    let code = rec.code();
    if let Some(other) = id_of(conn, R::TABLE, R::CODE_COLUMN, code)?
        && Some(other) != id
    {
        return Err(DbError::Rejected {
            kind: R::KIND,
            code: code.to_string(),
            field: R::KIND.code_field().key,
            rule: Rule::Duplicate,
        });
    }
    write_unchecked(conn, id, rec, set)
}

/// [`write`] for a code the caller has just seen is free.
pub(crate) fn write_unchecked<R: Stored>(conn: &Connection, id: Option<i64>, rec: &R, set: i64) -> DbResult<i64> {
    rec.check_unique(conn, id)?;
    let mut values = rec.values(conn)?;
    values.insert(0, id.map_or(Value::Null, Value::Integer));
    values.push(Value::Integer(set));
    let sql = statement::<R>(id.is_some());
    let result = conn.prepare_cached(sql)?.execute(params_from_iter(values.iter()));
    match result {
        Ok(_) => Ok(id.unwrap_or_else(|| conn.last_insert_rowid())),
        Err(e) => Err(R::explain(conn, id, Some(rec), e.into())),
    }
}

/// Deletes row `id` of `R`'s table, explaining a refusal of the triggers.
pub(crate) fn delete_row<R: Stored>(conn: &Connection, id: i64) -> DbResult<()> {
    let sql = sql_once("delete", R::TABLE, || format!("DELETE FROM {} WHERE id = ?1", R::TABLE));
    match conn.prepare_cached(sql)?.execute([id]) {
        Ok(_) => Ok(()),
        Err(e) => Err(R::explain(conn, Some(id), None, e.into())),
    }
}

/// True when an error is the project rule that disbursements stay within donations.
pub(crate) fn is_overdisbursed(e: &DbError) -> bool {
    matches!(e, DbError::Sqlite(rusqlite::Error::SqliteFailure(_, Some(m))) if m.contains("disbursed_within_raised"))
}

/// Starts a write transaction, taking the write lock at once (so that a busy database
/// is reported before anything is done).
pub(crate) fn begin<'a>(conn: &'a mut Connection, path: &std::path::Path) -> DbResult<rusqlite::Transaction<'a>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(|e| DbError::on_write(path, e))
}

/// After a single change to money (a donation, disbursement or carry-over): refused when
/// some carry-over would then exceed its giving project's balance on its own date.
pub(crate) fn carry_overs_hold<R: Stored>(conn: &Connection, code: &str) -> DbResult<()> {
    if !matches!(R::KIND, Kind::Donation | Kind::Disbursement | Kind::CarryOver) {
        return Ok(());
    }
    let sql = format!(
        "SELECT c.ref, p.code, ({}) + c.amount_fen AS held, c.amount_fen FROM carry_overs c \
         JOIN projects p ON p.id = c.from_project_id WHERE held < c.amount_fen ORDER BY c.transferred_on LIMIT 1",
        super::kinds::balance_on_sql("c.from_project_id", "c.transferred_on", "NULL")
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })
        .optional()?;
    match found {
        None => Ok(()),
        Some((carry_over, project, balance_fen, amount_fen)) => Err(DbError::Rejected {
            kind: R::KIND,
            code: code.to_string(),
            field: R::KIND.code_field().key,
            rule: Rule::BreaksCarryOver { carry_over, project, balance_fen, amount_fen },
        }),
    }
}

impl Store {
    /// The record with this code, if any.
    pub fn get<R: Stored>(&self, code: &str) -> DbResult<Option<R>> {
        match id_of(&self.conn, R::TABLE, R::CODE_COLUMN, code)? {
            Some(id) => load(&self.conn, id),
            None => Ok(None),
        }
    }

    /// Inserts a new record (its code must be new); returns its row id.
    pub fn insert<R: Stored>(&mut self, rec: &R) -> DbResult<i64> {
        self.writable()?;
        self.own_records()?;
        let tx = begin(&mut self.conn, &self.path)?;
        let mut log = Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        let id = write(&tx, None, rec, log.id())?;
        carry_overs_hold::<R>(&tx, rec.code())?;
        log.record(&tx, "insert", R::KIND, rec.code(), None::<&R>, Some(rec))?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(id)
    }

    /// Replaces the record that has `code` (the new record may carry a new code).
    pub fn update<R: Stored + PartialEq>(&mut self, code: &str, rec: &R) -> DbResult<()> {
        self.update_from(code, None, rec)
    }

    /// [`Store::update`] of a record the operator saw as `seen`: when the stored record no
    /// longer equals it (someone else saved it in between), nothing is written and the
    /// error names the fields they changed. The comparison happens inside the write
    /// transaction, so no save can slip between the check and the write.
    pub fn update_from<R: Stored + PartialEq>(&mut self, code: &str, seen: Option<&R>, rec: &R) -> DbResult<()> {
        self.writable()?;
        self.own_records()?;
        let tx = begin(&mut self.conn, &self.path)?;
        let id = id_of(&tx, R::TABLE, R::CODE_COLUMN, code)?
            .ok_or_else(|| DbError::NotFound { kind: R::KIND, code: code.to_string() })?;
        let before: Option<R> = load(&tx, id)?;
        if let (Some(seen), Some(now)) = (seen, before.as_ref())
            && seen != now
        {
            return Err(DbError::Changed { kind: R::KIND, code: code.to_string(), fields: changed_fields(seen, now) });
        }
        // Saved as it is: nothing changed, nothing to log.
        if before.as_ref() == Some(rec) {
            return Ok(());
        }
        let mut log = Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        write(&tx, Some(id), rec, log.id())?;
        carry_overs_hold::<R>(&tx, rec.code())?;
        log.record(&tx, "update", R::KIND, rec.code(), before.as_ref(), Some(rec))?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(())
    }

    /// Deletes the record with `code`; refused while other records refer to it.
    pub fn delete<R: Stored>(&mut self, code: &str) -> DbResult<()> {
        self.writable()?;
        self.own_records()?;
        let tx = begin(&mut self.conn, &self.path)?;
        let id = id_of(&tx, R::TABLE, R::CODE_COLUMN, code)?
            .ok_or_else(|| DbError::NotFound { kind: R::KIND, code: code.to_string() })?;
        if let Some((what, count)) = R::dependents(&tx, id)? {
            return Err(DbError::Rejected {
                kind: R::KIND,
                code: code.to_string(),
                field: R::KIND.code_field().key,
                rule: Rule::InUse { what, count },
            });
        }
        let before: Option<R> = load(&tx, id)?;
        let mut log = Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        delete_row::<R>(&tx, id)?;
        carry_overs_hold::<R>(&tx, code)?;
        log.record(&tx, "delete", R::KIND, code, before.as_ref(), None::<&R>)?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(())
    }
}
