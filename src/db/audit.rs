//! The audit log: one row per insert, update, delete or import, with the operator and
//! the record before and after as JSON.
//!
//! Nothing raw is written to it: the JSON carries control and format characters as JSON
//! escapes (`\u009b`, `\u202e`; it means the same, see [`shown::json`]), and the operator's
//! name is stored as [`shown::one_line`] shows it. Whoever reads the log with `sqlite3` in
//! a terminal reads text, never a control sequence.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use crate::domain::Kind;
use crate::domain::shown;

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub operator: String,
    pub action: String,
    pub kind: String,
    pub code: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Writes one audit row inside the caller's transaction.
pub(crate) fn record<T: Serialize>(
    conn: &Connection,
    operator: &str,
    action: &str,
    kind: Kind,
    code: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> DbResult<()> {
    let to_json = |v: Option<&T>| {
        v.map(|v| {
            let mut value = serde_json::to_value(v)?;
            mask_id_number(&mut value);
            serde_json::to_string(&value).map(|j| shown::json(&j).into_owned())
        })
        .transpose()
    };
    let before = to_json(before).map_err(super::DbError::Audit)?;
    let after = to_json(after).map_err(super::DbError::Audit)?;
    conn.prepare_cached(
        "INSERT INTO audit(at, operator, action, kind, code, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        now(),
        shown::one_line(operator),
        action,
        kind.key(),
        shown::one_line(code),
        before,
        after
    ])?;
    Ok(())
}

/// An identity number (a volunteer's 证件号码) never reaches the log whole.
fn mask_id_number(value: &mut serde_json::Value) {
    if let Some(serde_json::Value::String(id)) = value.get_mut(crate::domain::kind::key::ID_NUMBER) {
        *id = crate::domain::id_number::mask_id_number(id);
    }
}

/// Writes one audit row for an operation on many records (an import), with its detail.
pub(crate) fn event(conn: &Connection, operator: &str, action: &str, detail: &serde_json::Value) -> DbResult<()> {
    conn.prepare_cached("INSERT INTO audit(at, operator, action, kind, after) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![now(), shown::one_line(operator), action, action, shown::json(&detail.to_string())])?;
    Ok(())
}

/// The local time with its offset, to the second.
fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl Store {
    /// The latest audit rows, newest first.
    pub fn audit_log(&self, limit: i64) -> DbResult<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, operator, action, kind, code, before, after FROM audit ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                operator: r.get(1)?,
                action: r.get(2)?,
                kind: r.get(3)?,
                code: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
