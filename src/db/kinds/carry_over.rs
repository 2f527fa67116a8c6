//! 结转 rows: a carry-over never takes the giving project below zero, in total (the
//! projects' limit trigger) and on its own date (checked here, or once at the end of a
//! batch so the rows of an import may come in any order).

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::{DbError, DbResult};
use crate::db::record::{Stored, is_overdisbursed, reference, with_batch_cache};
use crate::db::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::{CarryOver, Kind, Rule};

/// SQL for the balance of project `project` at the end of day `day`, leaving out the
/// carry-over with id `except` (SQL expressions, or parameters).
pub(crate) fn balance_on_sql(project: &str, day: &str, except: &str) -> String {
    format!(
        "(SELECT coalesce(sum(o.opening_fen), 0) FROM projects o WHERE o.id = {project}) \
       + (SELECT coalesce(sum(amount_fen), 0) FROM donations WHERE project_id = {project} AND donated_on <= {day}) \
       + (SELECT coalesce(sum(amount_fen), 0) FROM carry_overs WHERE to_project_id = {project} \
             AND transferred_on <= {day} AND id IS NOT {except}) \
       - (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE project_id = {project} AND paid_on <= {day}) \
       - (SELECT coalesce(sum(amount_fen), 0) FROM carry_overs WHERE from_project_id = {project} \
             AND transferred_on <= {day} AND id IS NOT {except})"
    )
}

impl Stored for CarryOver {
    const KIND: Kind = Kind::CarryOver;
    const TABLE: &'static str = "carry_overs";
    const CODE_COLUMN: &'static str = "ref";
    const COLUMNS: &'static [&'static str] = &[
        "ref",
        "from_project_id",
        "to_project_id",
        "amount_fen",
        "transferred_on",
        "reason",
        "approved_by",
        "approval_ref",
        "note",
    ];
    const SELECT: &'static str = "SELECT t.ref, f.code, r.code, t.amount_fen, t.transferred_on, t.reason, \
        t.approved_by, t.approval_ref, t.note FROM carry_overs t JOIN projects f ON f.id = t.from_project_id \
        JOIN projects r ON r.id = t.to_project_id";

    fn code(&self) -> &str {
        &self.transfer_ref
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let own = &self.transfer_ref;
        let from = reference(conn, Kind::CarryOver, own, key::FROM_PROJECT, Kind::Project, &self.from_project)?;
        let to = reference(conn, Kind::CarryOver, own, key::TO_PROJECT, Kind::Project, &self.to_project)?;
        Ok(vec![
            self.transfer_ref.clone().into(),
            from.into(),
            to.into(),
            self.amount.fen().into(),
            sql::date(self.transferred_on).into(),
            self.reason.clone().into(),
            self.approved_by.clone().into(),
            self.approval_ref.clone().into(),
            self.note.clone().into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(CarryOver {
            transfer_ref: r.get(0)?,
            from_project: r.get(1)?,
            to_project: r.get(2)?,
            amount: sql::money(r.get(3)?),
            transferred_on: r.get::<_, Date>(4)?.0,
            reason: r.get(5)?,
            approved_by: r.get(6)?,
            approval_ref: r.get(7)?,
            note: r.get(8)?,
        })
    }

    /// The balance of the giving project on the carry-over's date must cover it. In a
    /// batch the check waits for the batch's end (`Batch::settle`).
    fn check_unique(&self, conn: &Connection, id: Option<i64>) -> DbResult<()> {
        if with_batch_cache(|_| ()).is_some() {
            return Ok(());
        }
        let Some(from) = crate::db::record::id_of(conn, "projects", "code", &self.from_project)? else {
            return Ok(()); // `values` reports the unknown project.
        };
        let sql = format!("SELECT {}", balance_on_sql("?1", "?2", "?3"));
        let balance: i64 =
            conn.query_row(&sql, rusqlite::params![from, sql::date(self.transferred_on), id], |r| r.get(0))?;
        if balance < self.amount.fen() {
            return Err(self.exceeds(balance));
        }
        Ok(())
    }

    fn explain(conn: &Connection, _id: Option<i64>, rec: Option<&Self>, e: DbError) -> DbError {
        let Some(rec) = rec.filter(|_| is_overdisbursed(&e)) else {
            return e;
        };
        // Over the giving project's whole balance (a later spending depends on it).
        let balance = conn
            .query_row(
                "SELECT raised_public_fen + raised_matching_fen + carried_in_fen + opening_fen - disbursed_fen \
                 - carried_out_fen FROM projects WHERE office = focus_office() AND code = ?1",
                [&rec.from_project],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_or_default();
        rec.exceeds(balance + rec.amount.fen())
    }
}

impl CarryOver {
    fn exceeds(&self, balance_fen: i64) -> DbError {
        DbError::Rejected {
            kind: Kind::CarryOver,
            code: self.transfer_ref.clone(),
            field: key::AMOUNT,
            rule: Rule::CarryOverExceedsBalance {
                project: self.from_project.clone(),
                balance_fen,
                amount_fen: self.amount.fen(),
            },
        }
    }
}
