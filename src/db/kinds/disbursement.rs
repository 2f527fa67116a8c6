//! 拨付 rows: the total paid out of a project never exceeds its donations.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::{DbError, DbResult};
use crate::db::record::{Stored, is_overdisbursed, reference};
use crate::db::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::{Disbursement, Kind, Rule};

impl Stored for Disbursement {
    const KIND: Kind = Kind::Disbursement;
    const TABLE: &'static str = "disbursements";
    const CODE_COLUMN: &'static str = "ref";
    const COLUMNS: &'static [&'static str] =
        &["ref", "project_id", "amount_fen", "paid_on", "payee", "purpose", "handled_by", "note"];
    const SELECT: &'static str = "SELECT t.ref, p.code, t.amount_fen, t.paid_on, t.payee, t.purpose, \
        t.handled_by, t.note FROM disbursements t JOIN projects p ON p.id = t.project_id";

    fn code(&self) -> &str {
        &self.disbursement_ref
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let project = reference(
            conn,
            Kind::Disbursement,
            &self.disbursement_ref,
            key::PROJECT_CODE,
            Kind::Project,
            &self.project_code,
        )?;
        Ok(vec![
            self.disbursement_ref.clone().into(),
            project.into(),
            self.amount.fen().into(),
            sql::date(self.paid_on).into(),
            self.payee.clone().into(),
            self.purpose.clone().into(),
            self.handled_by.clone().into(),
            self.note.clone().into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Disbursement {
            disbursement_ref: r.get(0)?,
            project_code: r.get(1)?,
            amount: sql::money(r.get(2)?),
            paid_on: r.get::<_, Date>(3)?.0,
            payee: r.get(4)?,
            purpose: r.get(5)?,
            handled_by: r.get(6)?,
            note: r.get(7)?,
        })
    }

    fn explain(conn: &Connection, id: Option<i64>, rec: Option<&Self>, e: DbError) -> DbError {
        let Some(rec) = rec.filter(|_| is_overdisbursed(&e)) else {
            return e;
        };
        // Figures as they stand without this disbursement's old amount.
        let figures = conn.query_row(
            "SELECT raised_public_fen + raised_matching_fen + carried_in_fen + opening_fen, \
                 disbursed_fen + carried_out_fen - coalesce( \
                 (SELECT amount_fen FROM disbursements WHERE id = ?2 AND project_id = projects.id), 0) \
             FROM projects WHERE office = focus_office() AND code = ?1",
            rusqlite::params![rec.project_code, id],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        );
        let (raised, disbursed) = figures.unwrap_or_default();
        DbError::Rejected {
            kind: Kind::Disbursement,
            code: rec.disbursement_ref.clone(),
            field: key::AMOUNT,
            rule: Rule::Overdisbursed { raised_fen: raised, disbursed_fen: disbursed, amount_fen: rec.amount.fen() },
        }
    }
}
