//! Reverting a change-set: its changes undone in one transaction, as a new change-set of
//! kind `revert` whose rows say what was undone. Nothing is erased from the log.
//!
//! - A record the change-set inserted is deleted, one it updated gets its old values
//!   back, one it deleted is inserted again — each only while the record is as the
//!   change-set left it (the change-set still wrote it last, or it holds the same values).
//! - An import's new records carry no row each: they are found by the change-set that
//!   made them (`created_in`, within the row ids the import recorded) and deleted in bulk,
//!   dependants first; what a revert deletes this way is counted in its row, not listed.
//! - The project limits are checked once on the final state, as for an import.
//!
//! Whatever no longer applies refuses the whole revert with a [`Conflict`] naming it.

use rusqlite::{Connection, OptionalExtension};
use serde::de::DeserializeOwned;

use super::audit::AuditEntry;
use super::batch::Batch;
use super::error::{DbError, DbResult};
use super::record::{Stored, delete_row, id_of, load, table_of, write};
use super::{ChangeSetRow, Store};
use crate::domain::messages as m;
use crate::domain::*;

/// Why a change-set cannot be reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// It was reverted already, by this change-set.
    AlreadyReverted { by: i64 },
    /// A record it wrote was changed again since, by this change-set (when known).
    ChangedSince { kind: Kind, code: String, by: Option<Box<ChangeSetRow>> },
    /// A record it wrote no longer exists.
    Gone { kind: Kind, code: String },
    /// A record it deleted exists again.
    Recreated { kind: Kind, code: String },
    /// Undoing it would break a rule (records that depend on it, money already
    /// disbursed, a reference that no longer exists).
    Breaks { kind: Kind, code: String, rule: Rule },
    /// It was made before records were linked to their change-sets.
    Legacy,
    /// It reverted an import: the records it deleted are not kept one by one.
    RevertOfImport,
    /// The migration that started the chain.
    Migration,
    /// It registered receipt numbers or issued a certificate: the register keeps every
    /// number and serial it has given out.
    Register,
    /// A platform project's link was changed again since.
    LinkChanged { platform_id: String },
    /// It rolled up counties' exports: a county's data is replaced by its next export,
    /// or the backup taken before the import is put back.
    RollUp,
}

impl Conflict {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Conflict::AlreadyReverted { by } => m::revert_already(lang, by),
            Conflict::ChangedSince { kind, code, by: Some(by) } => {
                // `2026-11-29T10:05:00+08:00` to the minute: `2026-11-29 10:05`.
                let at = by.at.get(..16).map_or(by.at.clone(), |a| a.replace('T', " "));
                m::revert_changed_since(lang, kind.one(lang), code, by.id, &by.operator, at)
            }
            Conflict::ChangedSince { kind, code, by: None } => m::revert_changed(lang, kind.one(lang), code),
            Conflict::Gone { kind, code } => m::revert_gone(lang, kind.one(lang), code),
            Conflict::Recreated { kind, code } => m::revert_recreated(lang, kind.one(lang), code),
            Conflict::Breaks { kind, code, rule } => match rule {
                Rule::ProjectOverdisbursed { .. }
                | Rule::CarryOverExceedsBalance { .. }
                | Rule::BreaksCarryOver { .. } => m::revert_breaks_money(lang, rule.message(lang)),
                _ => m::revert_breaks(lang, kind.one(lang), code, rule.message(lang)),
            },
            Conflict::Legacy => m::revert_legacy(lang).into(),
            Conflict::RevertOfImport => m::revert_of_import(lang).into(),
            Conflict::Migration => m::revert_migration(lang).into(),
            Conflict::Register => m::revert_register(lang).into(),
            Conflict::LinkChanged { platform_id } => m::revert_link_changed(lang, platform_id),
            Conflict::RollUp => m::revert_rollup(lang).into(),
        }
    }
}

/// Calls `$f::<R>(args)` with `R` the record type of `$kind`.
macro_rules! by_kind {
    ($kind:expr, $f:ident ( $($arg:expr),* )) => {
        match $kind {
            Kind::Village => $f::<Village>($($arg),*),
            Kind::Project => $f::<Project>($($arg),*),
            Kind::Donation => $f::<Donation>($($arg),*),
            Kind::Disbursement => $f::<Disbursement>($($arg),*),
            Kind::Volunteer => $f::<Volunteer>($($arg),*),
            Kind::Shift => $f::<Shift>($($arg),*),
            Kind::CarryOver => $f::<CarryOver>($($arg),*),
            Kind::Disclosure => $f::<Disclosure>($($arg),*),
        }
    };
}

/// What a revert did, for its row.
#[derive(Debug, Default)]
struct Done {
    deleted: u64,
    restored: u64,
    reinserted: u64,
    /// Records of an import deleted in bulk, without a row each.
    bulk: std::collections::BTreeMap<&'static str, u64>,
}

/// Rows of the change-set read at a time (an import may have updated many records).
const CHUNK: i64 = 1000;

impl Store {
    /// Reverts change-set `target` as a new change-set of this store's operator, and
    /// returns the new one's id. `backup` names the verified copy taken before (an
    /// import's revert), for the record. Refused, with nothing changed, when it no longer
    /// applies or would break a rule.
    pub fn revert(&mut self, target: i64, backup: Option<&std::path::Path>) -> DbResult<i64> {
        let set = self.change_set(target)?.ok_or(DbError::ChangeSetNotFound(target))?;
        let legacy = self.before_chain(target)?;
        if let Some(by) = set.reverted_by {
            return Err(refused(target, Conflict::AlreadyReverted { by }));
        }
        let started = self.batch_of(ChangeKind::Revert, Some(target));
        // The unique index on `reverts`: another console reverted it meanwhile.
        if let Err(DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _))) = &started
            && f.code == rusqlite::ErrorCode::ConstraintViolation
        {
            drop(started);
            let by = self.change_set(target)?.and_then(|s| s.reverted_by).unwrap_or_default();
            return Err(refused(target, Conflict::AlreadyReverted { by }));
        }
        let mut batch = started?;
        let refuse = |c: Conflict| Err(refused(target, c));
        match set.kind {
            ChangeKind::Migration => return refuse(Conflict::Migration),
            ChangeKind::Batch | ChangeKind::Import if legacy => return refuse(Conflict::Legacy),
            ChangeKind::Revert if bulk_deleted(set.last.as_ref()) > 0 => return refuse(Conflict::RevertOfImport),
            ChangeKind::Import if rolled_up(set.last.as_ref()) => return refuse(Conflict::RollUp),
            _ => {}
        }
        if registers(batch.conn(), target)? {
            return refuse(Conflict::Register);
        }
        batch.defer_limits()?;
        let mut done = Done::default();
        undo_rows(&mut batch, target, &mut done).map_err(|e| as_conflict(target, e))?;
        if set.kind == ChangeKind::Import {
            delete_imported(&mut batch, target, set.last.as_ref(), &mut done).map_err(|e| as_conflict(target, e))?;
        }
        if let Some(b) = batch.settle()?.into_iter().next() {
            return refuse(Conflict::Breaks { kind: Kind::Project, code: b.project, rule: b.rule });
        }
        let bulk: u64 = done.bulk.values().sum();
        let mut detail = serde_json::json!({
            "reverts": target,
            "deleted": done.deleted,
            "restored": done.restored,
            "reinserted": done.reinserted,
            "bulk_deleted": bulk,
        });
        if bulk > 0 {
            detail["bulk"] = serde_json::json!(done.bulk);
        }
        if let Some(b) = backup {
            detail["backup"] = serde_json::json!(b.display().to_string());
        }
        batch.commit("revert", &detail).map_err(|e| as_conflict(target, e))
    }

    /// True when the change-set was made before the chain started on this database (a
    /// migration came after it): its records are not linked to it.
    fn before_chain(&self, id: i64) -> DbResult<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM change_sets WHERE kind = 'migration' AND id > ?1 LIMIT 1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

fn refused(change_set: i64, why: Conflict) -> DbError {
    DbError::RevertRefused { change_set, why: Box::new(why) }
}

/// A rule refused while undoing: the revert's conflict.
fn as_conflict(target: i64, e: DbError) -> DbError {
    match e {
        DbError::Rejected { kind, code, rule, .. } => refused(target, Conflict::Breaks { kind, code, rule }),
        other => other,
    }
}

/// How many records a revert deleted without a row each (from its row's detail).
fn bulk_deleted(last: Option<&AuditEntry>) -> u64 {
    detail(last).and_then(|d| d["bulk_deleted"].as_u64()).unwrap_or(0)
}

/// Whether an import rolled up counties' exports (from its row's detail).
fn rolled_up(last: Option<&AuditEntry>) -> bool {
    detail(last).and_then(|d| d["rollups"].as_array().map(|r| !r.is_empty())).unwrap_or(false)
}

fn detail(last: Option<&AuditEntry>) -> Option<serde_json::Value> {
    last.and_then(|e| e.after.as_deref()).and_then(|a| serde_json::from_str(a).ok())
}

/// Undoes the change-set's rows about single records, newest first.
fn undo_rows(batch: &mut Batch<'_>, target: i64, done: &mut Done) -> DbResult<()> {
    let conn = batch.conn();
    let mut before = i64::MAX;
    loop {
        let rows: Vec<AuditEntry> = conn
            .prepare_cached(&format!(
                "SELECT {} FROM audit a WHERE a.change_set = ?1 AND a.id < ?2 ORDER BY a.id DESC LIMIT ?3",
                super::audit::ENTRY_COLUMNS
            ))?
            .query_map(rusqlite::params![target, before, CHUNK], super::audit::entry)?
            .collect::<Result<_, _>>()?;
        let Some(last) = rows.last() else { return Ok(()) };
        before = last.id;
        for row in &rows {
            if row.action == "link" || row.action == "unlink" {
                undo_link(batch, target, row)?;
                done.restored += 1;
                continue;
            }
            let Some(kind) = Kind::ALL.into_iter().find(|k| k.key() == row.kind) else { continue };
            match row.action.as_str() {
                "insert" => by_kind!(kind, undo_insert(batch, target, row))?,
                "update" => by_kind!(kind, undo_update(batch, target, row))?,
                "delete" => by_kind!(kind, undo_delete(batch, target, row))?,
                _ => continue,
            }
            match row.action.as_str() {
                "insert" => done.deleted += 1,
                "update" => done.restored += 1,
                _ => done.reinserted += 1,
            }
        }
    }
}

/// A platform project's link (or its removal) undone: linked again as it was before,
/// while it is still as the change-set left it.
fn undo_link(batch: &mut Batch<'_>, target: i64, row: &AuditEntry) -> DbResult<()> {
    let conn = batch.conn();
    let detail = detail(Some(row)).unwrap_or_default();
    let Some(platform_id) = detail["platform_id"].as_str().map(str::to_string) else { return Ok(()) };
    let left = if row.action == "link" { detail["project"].as_str() } else { None };
    let before = detail["before"].as_str();
    let now = super::links::linked(conn, &platform_id)?;
    if now.as_deref() != left {
        return Err(refused(target, Conflict::LinkChanged { platform_id }));
    }
    if !super::links::relink(conn, &platform_id, before, &super::audit::now(None))? {
        let code = before.unwrap_or_default().to_string();
        let rule = Rule::UnknownReference { what: Kind::Project.sheet(), code: code.clone() };
        return Err(refused(target, Conflict::Breaks { kind: Kind::Project, code, rule }));
    }
    let (action, detail) = match before {
        Some(b) => ("link", serde_json::json!({ "platform_id": platform_id, "project": b, "before": left })),
        None => ("unlink", serde_json::json!({ "platform_id": platform_id, "before": left })),
    };
    batch.log_mut().event(conn, action, &detail)
}

/// The record as the change-set's row shows it (its `before` or `after`).
fn parse<R: DeserializeOwned>(json: Option<&str>) -> DbResult<Option<R>> {
    json.map(|j| serde_json::from_str(j).map_err(DbError::Audit)).transpose()
}

/// Refused unless row `id` of `R` is as change-set `target` left it: written last by it,
/// or holding the values it wrote (`after`).
fn unchanged_since<R: Stored + PartialEq>(conn: &Connection, target: i64, id: i64, after: Option<&R>) -> DbResult<()> {
    let sql = format!("SELECT changed_in FROM {} WHERE id = ?1", R::TABLE);
    let changed_in: Option<i64> = conn.query_row(&sql, [id], |r| r.get(0))?;
    if changed_in == Some(target) {
        return Ok(());
    }
    let current: Option<R> = load(conn, id)?;
    if let (Some(after), Some(current)) = (after, current.as_ref())
        && after == current
    {
        return Ok(());
    }
    let code = current.as_ref().map(|c| c.code().to_string()).unwrap_or_default();
    let by = match changed_in {
        Some(by) => super::history::change_set_in(conn, by)?.map(Box::new),
        None => None,
    };
    Err(refused(target, Conflict::ChangedSince { kind: R::KIND, code, by }))
}

/// The row id of the record a change-set's `row` wrote, refused unless the record is
/// still as the change-set left it (`after`).
fn as_left<R: Stored + PartialEq>(conn: &Connection, target: i64, code: &str, after: Option<&R>) -> DbResult<i64> {
    let Some(id) = id_of(conn, R::TABLE, R::CODE_COLUMN, code)? else {
        return Err(refused(target, Conflict::Gone { kind: R::KIND, code: code.to_string() }));
    };
    unchanged_since::<R>(conn, target, id, after)?;
    Ok(id)
}

/// The record the change-set inserted is deleted.
fn undo_insert<R: Stored + PartialEq + DeserializeOwned>(
    batch: &mut Batch<'_>,
    target: i64,
    row: &AuditEntry,
) -> DbResult<()> {
    let conn = batch.conn();
    let code = row.code.clone().unwrap_or_default();
    let after: Option<R> = parse(row.after.as_deref())?;
    let id = as_left::<R>(conn, target, &code, after.as_ref())?;
    if let Some((what, count)) = R::dependents(conn, id)? {
        return Err(refused(target, Conflict::Breaks { kind: R::KIND, code, rule: Rule::InUse { what, count } }));
    }
    let current: Option<R> = load(conn, id)?;
    delete_row::<R>(conn, id)?;
    batch.log_mut().record(conn, "delete", R::KIND, &code, current.as_ref(), None)
}

/// The record the change-set updated gets its values from before.
fn undo_update<R: Stored + PartialEq + DeserializeOwned>(
    batch: &mut Batch<'_>,
    target: i64,
    row: &AuditEntry,
) -> DbResult<()> {
    let conn = batch.conn();
    let code = row.code.clone().unwrap_or_default();
    let (Some(before), after) = (parse::<R>(row.before.as_deref())?, parse::<R>(row.after.as_deref())?) else {
        return Ok(());
    };
    let id = as_left::<R>(conn, target, &code, after.as_ref())?;
    let current: Option<R> = load(conn, id)?;
    let set = batch.change_set();
    write(conn, Some(id), &before, set)?;
    // The record holds again what an earlier change-set wrote: it is again that one's (an
    // import whose record was edited and the edit undone can itself be reverted).
    restore_writer::<R>(conn, id, before.code(), row.id)?;
    batch.log_mut().record(conn, "update", R::KIND, before.code(), current.as_ref(), Some(&before))
}

/// Sets row `id`'s `changed_in` to the change-set that wrote the record before audit row
/// `row` (its previous row, or the change-set that made it).
fn restore_writer<R: Stored>(conn: &Connection, id: i64, code: &str, row: i64) -> DbResult<()> {
    let earlier: Option<Option<i64>> = conn
        .prepare_cached(
            "SELECT change_set FROM audit WHERE kind = ?1 AND code = ?2 AND id < ?3 \
             AND (action = 'insert' OR action = 'update') ORDER BY id DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![R::KIND.key(), code, row], |r| r.get(0))
        .optional()?;
    match earlier {
        Some(set) => {
            conn.execute(&format!("UPDATE {} SET changed_in = ?2 WHERE id = ?1", R::TABLE), rusqlite::params![id, set])?
        }
        None => conn.execute(&format!("UPDATE {} SET changed_in = created_in WHERE id = ?1", R::TABLE), [id])?,
    };
    Ok(())
}

/// The record the change-set deleted is inserted again.
fn undo_delete<R: Stored + PartialEq + DeserializeOwned>(
    batch: &mut Batch<'_>,
    target: i64,
    row: &AuditEntry,
) -> DbResult<()> {
    let conn = batch.conn();
    let Some(before) = parse::<R>(row.before.as_deref())? else { return Ok(()) };
    if id_of(conn, R::TABLE, R::CODE_COLUMN, before.code())?.is_some() {
        return Err(refused(target, Conflict::Recreated { kind: R::KIND, code: before.code().to_string() }));
    }
    let set = batch.change_set();
    write(conn, None, &before, set)?;
    batch.log_mut().record(conn, "insert", R::KIND, before.code(), None, Some(&before))
}

/// An import's new records, deleted in bulk, dependants first.
fn delete_imported(batch: &mut Batch<'_>, target: i64, last: Option<&AuditEntry>, done: &mut Done) -> DbResult<()> {
    let conn = batch.conn();
    let ids = detail(last).map(|d| d["ids"].clone()).unwrap_or_default();
    for kind in Kind::ALL.into_iter().rev() {
        let (table, col) = table_of(kind);
        let Some([lo, hi]) = ids.get(table).and_then(|r| serde_json::from_value::<[i64; 2]>(r.clone()).ok()) else {
            continue;
        };
        let mine = format!("{table} WHERE id BETWEEN ?1 AND ?2 AND created_in = ?3");
        let changed: Option<(String, Option<i64>)> = conn
            .query_row(
                &format!("SELECT {col}, changed_in FROM {mine} AND changed_in IS NOT ?3 LIMIT 1"),
                rusqlite::params![lo, hi, target],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((code, by)) = changed {
            let by = match by {
                Some(by) => super::history::change_set_in(conn, by)?.map(Box::new),
                None => None,
            };
            return Err(refused(target, Conflict::ChangedSince { kind, code, by }));
        }
        // Villages, projects and volunteers are few: each is checked for records of other
        // change-sets that still depend on it.
        if matches!(kind, Kind::Village | Kind::Project | Kind::Volunteer) {
            let rows: Vec<(i64, String)> = conn
                .prepare(&format!("SELECT id, {col} FROM {mine}"))?
                .query_map(rusqlite::params![lo, hi, target], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (id, code) in rows {
                if let Some((what, count)) = by_kind!(kind, dependents_of(conn, id))? {
                    return Err(refused(target, Conflict::Breaks { kind, code, rule: Rule::InUse { what, count } }));
                }
            }
        }
        let params = rusqlite::params![lo, hi, target];
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {mine}"), params, |r| r.get(0))?;
        if n == 0 {
            continue;
        }
        // As many rows as the table holds, or most of it: its indexes are built again once
        // before the commit instead of being updated row by row.
        batch.set_aside_indexes(kind, n as u64)?;
        if kind == Kind::Donation {
            delete_donations_in_bulk(conn, &mine, params)?;
        } else {
            conn.execute(&format!("DELETE FROM {mine}"), params)?;
        }
        done.bulk.insert(kind.key(), n as u64);
    }
    Ok(())
}

/// The delete triggers of donations, set aside while many are deleted at once.
const DELETE_TRIGGERS: [&str; 2] = ["donations_ad", "donation_months_ad"];

/// Deletes the donations `FROM {mine}` selects, applying what they take from the running
/// totals once per project and month instead of once per row (the triggers are set
/// aside meanwhile, in the same transaction).
fn delete_donations_in_bulk(conn: &Connection, mine: &str, params: impl rusqlite::Params + Copy) -> DbResult<()> {
    let mut triggers = Vec::new();
    for name in DELETE_TRIGGERS {
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", [name], |r| r.get(0))?;
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
        triggers.push(sql);
    }
    conn.execute(
        &format!(
            "UPDATE projects SET raised_public_fen = raised_public_fen - d.public, \
                 raised_matching_fen = raised_matching_fen - d.matching, donation_count = donation_count - d.n \
             FROM (SELECT project_id, sum(amount_fen * (1 - matching)) AS public, sum(amount_fen * matching) AS matching, \
                          count(*) AS n FROM {mine} GROUP BY project_id) d \
             WHERE projects.id = d.project_id"
        ),
        params,
    )?;
    conn.execute(
        &format!(
            "UPDATE donation_months SET total_fen = total_fen - m.total, count = count - m.n \
             FROM (SELECT substr(donated_on, 1, 7) AS month, sum(amount_fen) AS total, count(*) AS n \
                   FROM {mine} GROUP BY 1) m \
             WHERE donation_months.month = m.month"
        ),
        params,
    )?;
    conn.execute(&format!("DELETE FROM {mine}"), params)?;
    for sql in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(())
}

fn dependents_of<R: Stored>(conn: &Connection, id: i64) -> DbResult<Option<(&'static str, i64)>> {
    R::dependents(conn, id)
}

/// True when change-set `id` registered a receipt book or a voided number, or issued a
/// certificate: what the register has given out stays given out.
fn registers(conn: &Connection, id: i64) -> DbResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM audit WHERE change_set = ?1 \
             AND (action = 'receipt_book' OR action = 'receipt_void' OR action = 'certificate') LIMIT 1",
        )?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}
