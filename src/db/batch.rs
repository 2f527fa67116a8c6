//! Many records written in one transaction (an import): each put reports whether the
//! record was inserted, updated, unchanged or conflicts; nothing is kept unless the whole
//! batch is committed.

use rusqlite::Connection;
use serde::Serialize;

use super::error::{DbError, DbResult};
use super::record::{Stored, batch_cache, id_of, load, write, write_unchecked};
use super::{Store, audit};

/// Page cache for a batch, in KiB (the default is 2 MiB).
const BATCH_CACHE_KIB: i64 = 64 * 1024;

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
    tx: &'a Connection,
    operator: String,
    open: bool,
}

impl Store {
    /// Starts a batch; dropping it without [`Batch::commit`] writes nothing.
    pub fn batch(&mut self) -> DbResult<Batch<'_>> {
        self.writable()?;
        // A large write keeps its pages and statement journals in memory instead of
        // spilling them to disk row by row.
        self.conn.pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // References are resolved before each write; checking foreign keys once at commit
        // spares every statement its own journal.
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        batch_cache(true);
        Ok(Batch { tx: &self.conn, operator: self.operator.clone(), open: true })
    }
}

impl Batch<'_> {
    /// Inserts a new record; one with an existing code is unchanged when equal, else a
    /// conflict, or — with `update` — replaced, its old values going to the audit log.
    pub fn put<R: Stored + PartialEq>(&mut self, rec: &R, update: bool) -> DbResult<Outcome> {
        let Some(id) = id_of(self.tx, R::TABLE, R::CODE_COLUMN, rec.code())? else {
            write_unchecked(self.tx, None, rec)?;
            return Ok(Outcome::Inserted);
        };
        let old: R =
            load(self.tx, id)?.ok_or_else(|| DbError::NotFound { kind: R::KIND, code: rec.code().to_string() })?;
        if &old == rec {
            return Ok(Outcome::Unchanged);
        }
        if !update {
            return Ok(Outcome::Conflict(changed_fields(&old, rec)));
        }
        write(self.tx, Some(id), rec)?;
        audit::record(self.tx, &self.operator, "update", R::KIND, rec.code(), Some(&old), Some(rec))?;
        Ok(Outcome::Updated)
    }

    /// Keeps everything, with one audit row describing the whole batch.
    pub fn commit(mut self, action: &str, detail: &serde_json::Value) -> DbResult<()> {
        audit::event(self.tx, &self.operator, action, detail)?;
        self.tx.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }

    /// Discards everything.
    pub fn rollback(mut self) -> DbResult<()> {
        self.open = false;
        self.tx.execute_batch("ROLLBACK")?;
        Ok(())
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.tx.execute_batch("ROLLBACK");
        }
        batch_cache(false);
        // Back to the everyday cache, so the console stays small after an import.
        let _ = self.tx.pragma_update(None, "cache_size", DEFAULT_CACHE);
    }
}

/// The serialised fields (template keys) whose values differ.
fn changed_fields<R: Serialize>(a: &R, b: &R) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect()
}
