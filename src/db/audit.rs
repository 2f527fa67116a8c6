//! The audit log: one row per insert, update, delete or import, with the operator and
//! the record before and after as JSON, each row in a change-set (a single change, a batch
//! entry, an import, a revert) and in the hash chain ([`super::chain`]).
//!
//! Nothing raw is written to it: the JSON carries control and format characters as JSON
//! escapes (`\u009b`, `\u202e`; it means the same, see [`shown::json`]), and the operator's
//! name is stored as [`shown::one_line`] shows it. Whoever reads the log with `sqlite3` in
//! a terminal reads text, never a control sequence.
//!
//! Rows are appended only inside a write transaction taken with `BEGIN IMMEDIATE`, so the
//! head of the chain read at the start of a change-set is still the head when its rows are
//! written: two consoles on one file keep one chain.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use super::chain::{RowContent, SetHeader, hash, head};
use super::error::{DbError, DbResult};
use crate::domain::shown;
use crate::domain::{ChangeKind, Kind};

/// The action of the row that starts the chain on a database migrated with rows in it.
pub const CHAIN_START: &str = "chain_start";

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub kind: String,
    pub code: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The change-set it belongs to.
    pub change_set: Option<i64>,
}

pub(crate) const ENTRY_COLUMNS: &str =
    "a.id, a.at, a.operator, a.action, a.kind, a.code, a.before, a.after, a.change_set";

pub(crate) fn entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        kind: r.get(4)?,
        code: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        change_set: r.get(8)?,
    })
}

/// An open change-set inside a write transaction: it appends its rows to the chain.
pub(crate) struct Log {
    set: SetHeader,
    /// The last row of the chain (this set's latest, once it has one).
    head: (i64, String),
}

impl Log {
    /// Starts a change-set in the caller's write transaction. Without an operator it
    /// starts (a dry run, a refused import write nothing), and [`Log::finish`] refuses it.
    pub(crate) fn begin(
        conn: &Connection,
        at: String,
        operator: &str,
        kind: ChangeKind,
        reverts: Option<i64>,
    ) -> DbResult<Log> {
        let operator = shown::one_line(operator.trim());
        conn.prepare_cached("INSERT INTO change_sets(at, operator, kind, reverts) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![at, operator, kind.key(), reverts])?;
        let id = conn.last_insert_rowid();
        let head = head(conn)?;
        Ok(Log { set: SetHeader { id, at, operator, kind: kind.key().to_string(), reverts }, head })
    }

    /// Before the caller commits: a change-set without an operator is refused (and the
    /// caller's transaction rolled back).
    pub(crate) fn finish(&self) -> DbResult<()> {
        if self.set.operator.is_empty() {
            return Err(DbError::NoOperator);
        }
        Ok(())
    }

    /// The change-set's id (what the records it writes point to).
    pub(crate) fn id(&self) -> i64 {
        self.set.id
    }

    /// Writes one row for a record, with the record before and after as JSON.
    pub(crate) fn record<T: Serialize>(
        &mut self,
        conn: &Connection,
        action: &str,
        kind: Kind,
        code: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> DbResult<()> {
        // Whole, ID numbers included: an undo gives back exactly what was (the record's own
        // table holds the number whole too); every screen of the log masks it.
        let to_json =
            |v: Option<&T>| v.map(|v| serde_json::to_string(v).map(|j| shown::json(&j).into_owned())).transpose();
        let before = to_json(before).map_err(DbError::Audit)?;
        let after = to_json(after).map_err(DbError::Audit)?;
        let code = shown::one_line(code);
        self.append(conn, action, kind.key(), Some(&code), before.as_deref(), after.as_deref())
    }

    /// Writes one row for an operation on many records (an import, a batch), with its detail.
    pub(crate) fn event(&mut self, conn: &Connection, action: &str, detail: &serde_json::Value) -> DbResult<()> {
        let detail = shown::json(&detail.to_string()).into_owned();
        self.append(conn, action, action, None, None, Some(&detail))
    }

    fn append(
        &mut self,
        conn: &Connection,
        action: &str,
        kind: &str,
        code: Option<&str>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> DbResult<()> {
        let id = self.head.0 + 1;
        let row = RowContent {
            id,
            at: &self.set.at,
            operator: &self.set.operator,
            action,
            kind,
            code,
            before,
            after,
            change_set: Some(self.set.id),
        };
        let h = hash(&self.head.1, &row, Some(&self.set));
        conn.prepare_cached(
            "INSERT INTO audit(id, at, operator, action, kind, code, before, after, change_set, hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![id, row.at, row.operator, action, kind, code, before, after, self.set.id, h])?;
        self.head = (id, h);
        Ok(())
    }
}

/// The local time with its offset, to the second; `fixed` instead of the clock (tests
/// and screenshots).
pub(crate) fn now(fixed: Option<chrono::NaiveDateTime>) -> String {
    use chrono::TimeZone;
    let at = match fixed.map(|f| chrono::Local.from_local_datetime(&f).earliest()) {
        Some(Some(at)) => at,
        _ => chrono::Local::now(),
    };
    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl Store {
    /// The latest audit rows, newest first.
    pub fn audit_log(&self, limit: i64) -> DbResult<Vec<AuditEntry>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit a ORDER BY a.id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit], entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
