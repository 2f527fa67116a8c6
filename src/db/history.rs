//! Reading the audit log back: change-sets page by page (newest first, filtered by
//! operator, kind and date), the rows of one change-set, and the history of one record.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use super::Store;
use super::audit::{AuditEntry, ENTRY_COLUMNS, entry};
use super::error::DbResult;
use super::lists::{ListQuery, ListRow, SortKey, Where, text};
use super::record::table_of;
use crate::domain::{ChangeKind, Kind};

/// The audit log's one order: by change-set (the console shows it newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LogSort {
    #[default]
    Id,
}

impl SortKey for LogSort {
    const ALL: &'static [LogSort] = &[LogSort::Id];

    fn sql(self) -> &'static str {
        "c.id"
    }
}

/// One change-set as the log lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeSetRow {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub kind: ChangeKind,
    /// The change-set this one reverts.
    pub reverts: Option<i64>,
    /// The change-set that reverted this one.
    pub reverted_by: Option<i64>,
    /// How many audit rows it has.
    pub rows: i64,
    /// Its last row: the single change, or the event describing a batch, an import or a
    /// revert.
    pub last: Option<AuditEntry>,
}

impl ListRow for ChangeSetRow {
    type Sort = LogSort;
}

const SELECT: &str = "SELECT c.id, c.at, c.operator, c.kind, c.reverts, \
    (SELECT r.id FROM change_sets r WHERE r.reverts = c.id), \
    (SELECT count(*) FROM audit a WHERE a.change_set = c.id) FROM change_sets c";

/// One change-set (without its last row), in the caller's connection or transaction.
pub(crate) fn change_set_in(conn: &rusqlite::Connection, id: i64) -> DbResult<Option<ChangeSetRow>> {
    Ok(conn.prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?.query_row([id], row).optional()?)
}

fn row(r: &Row<'_>) -> rusqlite::Result<ChangeSetRow> {
    Ok(ChangeSetRow {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        kind: super::sql::enum_from(&r.get::<_, String>(3)?, ChangeKind::from_key)?,
        reverts: r.get(4)?,
        reverted_by: r.get(5)?,
        rows: r.get(6)?,
        last: None,
    })
}

fn log_where(q: &ListQuery<LogSort>) -> Where {
    let mut w = Where::new();
    if let Some(s) = q.filter.status {
        w.add("c.kind = ?", text(s.key()));
    }
    if let Some(o) = &q.filter.operator {
        w.add("c.operator = ?", text(o));
    }
    // `at` is local time with its offset: the day is its first ten characters.
    if let Some(from) = q.filter.from {
        w.add("c.at >= ?", text(&from.format("%Y-%m-%d").to_string()));
    }
    if let Some(to) = q.filter.to {
        w.add("substr(c.at, 1, 10) <= ?", text(&to.format("%Y-%m-%d").to_string()));
    }
    w
}

impl Store {
    /// How many change-sets the log shows.
    pub fn change_sets_count(&self, q: &ListQuery<LogSort>) -> DbResult<i64> {
        self.count_where("change_sets c", &log_where(q))
    }

    /// One page of change-sets, each with its last row.
    pub fn change_sets_page(&self, q: &ListQuery<LogSort>, offset: i64, limit: i64) -> DbResult<Vec<ChangeSetRow>> {
        let mut rows = self.page(SELECT, log_where(q), q, "c.id", offset, limit, row)?;
        for r in &mut rows {
            r.last = self.last_entry(r.id)?;
        }
        Ok(rows)
    }

    /// One change-set, with its last row.
    pub fn change_set(&self, id: i64) -> DbResult<Option<ChangeSetRow>> {
        match change_set_in(&self.conn, id)? {
            Some(mut r) => {
                r.last = self.last_entry(id)?;
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }

    fn last_entry(&self, set: i64) -> DbResult<Option<AuditEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit a WHERE a.change_set = ?1 ORDER BY a.id DESC LIMIT 1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([set], entry).optional()?)
    }

    /// The rows of a change-set, in the order written, `limit` from `offset`.
    pub fn change_set_entries(&self, set: i64, offset: i64, limit: i64) -> DbResult<Vec<AuditEntry>> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM audit a WHERE a.change_set = ?1 ORDER BY a.id LIMIT ?2 OFFSET ?3");
        let rows = self.conn.prepare_cached(&sql)?.query_map([set, limit, offset], entry)?.collect::<Result<_, _>>();
        Ok(rows?)
    }

    /// The operators named in the log, most recent first (for the log's filter).
    pub fn operators(&self, limit: i64) -> DbResult<Vec<String>> {
        let mut stmt =
            self.conn.prepare("SELECT operator FROM change_sets GROUP BY operator ORDER BY max(id) DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The rows about one record, newest first, following it back through changes of its
    /// code (an update that renamed it); at most `limit`.
    pub fn record_history(&self, kind: Kind, code: &str, limit: i64) -> DbResult<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM audit a WHERE a.kind = ?1 AND a.code = ?2 AND a.id < ?3 \
             ORDER BY a.id DESC LIMIT ?4"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out: Vec<AuditEntry> = Vec::new();
        let mut code = code.to_string();
        let mut before = i64::MAX;
        // A handful of renames at most; the bound keeps a loop of renames finite.
        for _ in 0..16 {
            let rows: Vec<AuditEntry> = stmt
                .query_map(rusqlite::params![kind.key(), code, before, limit - out.len() as i64], entry)?
                .collect::<Result<_, _>>()?;
            let Some(last) = rows.last().cloned() else { break };
            out.extend(rows);
            // The oldest row read renamed the record: go on under its earlier code.
            let earlier = last
                .before
                .as_deref()
                .filter(|_| last.action == "update")
                .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
                .and_then(|b| b.get(kind.code_field().key).and_then(|c| c.as_str().map(str::to_string)));
            match earlier {
                Some(old) if old != code && (out.len() as i64) < limit => {
                    code = old;
                    before = last.id;
                }
                _ => break,
            }
        }
        Ok(out)
    }

    /// The change-sets that made a record and last wrote it, when it exists.
    pub fn record_links(&self, kind: Kind, code: &str) -> DbResult<Option<(Option<i64>, Option<i64>)>> {
        let (table, col) = table_of(kind);
        let sql = format!("SELECT created_in, changed_in FROM {table} WHERE {col} = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([code], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    }
}
