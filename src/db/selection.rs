//! Reading records of a kind in code order, all of them or a consistent subset: some
//! villages and/or projects with everything that belongs to them, within a date range.

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::Store;
use super::error::DbResult;
use super::record::Stored;
use crate::domain::Kind;

/// Which records an export takes. Villages and projects add up: the named villages with
/// all their projects, plus the named projects with their villages. Donations,
/// disbursements and shifts are those of the selected projects and volunteers, dated
/// within `from..=to`; volunteers are those of the selected villages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub villages: Vec<String>,
    pub projects: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

const VSEL: &str = "SELECT id FROM villages WHERE office = focus_office() AND code IN (SELECT value FROM json_each(?2)) \
    UNION SELECT village_id FROM projects WHERE office = focus_office() AND code IN (SELECT value FROM json_each(?3))";
const PSEL: &str = "SELECT id FROM projects WHERE office = focus_office() AND (code IN (SELECT value FROM json_each(?3)) \
    OR village_id IN (SELECT id FROM villages WHERE office = focus_office() AND code IN (SELECT value FROM json_each(?2))))";

/// The WHERE clause of each kind: ?1 all, ?2 village codes, ?3 project codes (JSON
/// arrays), ?4 from, ?5 to. Each uses a prefix of the parameters. Only the records of
/// the office in focus are selected (the database's own, unless turned to a county's).
fn filter(kind: Kind, all: bool) -> String {
    if all {
        // Everything of the office in focus, read along its (office, code) index.
        let dated = |col: &str| format!("t.office = focus_office() AND t.{col} BETWEEN ?4 AND ?5");
        return match kind {
            Kind::Village | Kind::Project | Kind::Volunteer => "t.office = focus_office()".to_string(),
            Kind::Donation => dated("donated_on"),
            Kind::Disbursement => dated("paid_on"),
            Kind::Shift => dated("shift_date"),
            Kind::CarryOver => dated("transferred_on"),
            Kind::Disclosure => dated("period_to"),
        };
    }
    match kind {
        Kind::Village => format!("t.id IN ({VSEL})"),
        Kind::Project => format!("t.id IN ({PSEL})"),
        Kind::Donation => format!("t.project_id IN ({PSEL}) AND t.donated_on BETWEEN ?4 AND ?5"),
        Kind::Disbursement => format!("t.project_id IN ({PSEL}) AND t.paid_on BETWEEN ?4 AND ?5"),
        Kind::Volunteer => format!("t.village_id IN ({VSEL})"),
        Kind::Shift => format!(
            "t.volunteer_id IN (SELECT id FROM volunteers WHERE village_id IN ({VSEL})) \
             AND (t.project_id IS NULL OR t.project_id IN ({PSEL})) AND t.shift_date BETWEEN ?4 AND ?5"
        ),
        // A carry-over goes with a subset only when both its projects do, so that the
        // subset imports on its own (the other project is not in it).
        Kind::CarryOver => format!(
            "t.from_project_id IN ({PSEL}) AND t.to_project_id IN ({PSEL}) AND t.transferred_on BETWEEN ?4 AND ?5"
        ),
        Kind::Disclosure => format!("t.project_id IN ({PSEL}) AND t.period_to BETWEEN ?4 AND ?5"),
    }
}

impl Selection {
    /// True when the selection names no village and no project: everything (dated
    /// records within the range).
    pub fn is_all(&self) -> bool {
        self.villages.is_empty() && self.projects.is_empty()
    }

    fn params(&self) -> [Value; 5] {
        let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string());
        let all = self.is_all();
        [
            Value::Integer(i64::from(all)),
            Value::Text(json(&self.villages)),
            Value::Text(json(&self.projects)),
            Value::Text(self.from.map_or("0000-00-00".into(), |d| d.format("%Y-%m-%d").to_string())),
            Value::Text(self.to.map_or("9999-99-99".into(), |d| d.format("%Y-%m-%d").to_string())),
        ]
    }
}

impl Store {
    /// How many records of `R` the selection holds.
    pub fn count_selected<R: Stored>(&self, sel: &Selection) -> DbResult<u64> {
        let sql = format!("SELECT count(*) FROM {} t WHERE {}", R::TABLE, filter(R::KIND, sel.is_all()));
        let mut stmt = self.conn.prepare(&sql)?;
        let params = sel.params();
        for i in 1..=stmt.parameter_count() {
            stmt.raw_bind_parameter(i, &params[i - 1])?;
        }
        let mut rows = stmt.raw_query();
        let n: i64 = match rows.next()? {
            Some(r) => r.get(0)?,
            None => 0,
        };
        Ok(n as u64)
    }

    /// Each selected project's balance at the end of the day before `from` (what a
    /// period export carries as its opening balance), in code order; projects holding
    /// nothing then are left out.
    pub fn balances_before(&self, sel: &Selection, from: NaiveDate) -> DbResult<Vec<(String, i64)>> {
        let Some(before) = from.pred_opt() else { return Ok(Vec::new()) };
        let sql = format!(
            "SELECT t.code, {} AS b FROM projects t WHERE ({}) AND b <> 0 ORDER BY t.code",
            super::kinds::balance_on_sql("t.id", "?6", "NULL"),
            filter(Kind::Project, sel.is_all())
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut params = sel.params().to_vec();
        params.push(Value::Text(super::sql::date(before)));
        for i in 1..=stmt.parameter_count() {
            stmt.raw_bind_parameter(i, &params[i - 1])?;
        }
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push((row.get(0)?, row.get(1)?));
        }
        Ok(out)
    }

    /// Calls `f` with every selected record of `R`, in code order, without loading them
    /// all at once. Stops at the first error `f` returns.
    pub fn each_selected<R: Stored, E: From<super::DbError>>(
        &self,
        sel: &Selection,
        mut f: impl FnMut(R) -> Result<(), E>,
    ) -> Result<(), E> {
        let sql = format!("{} WHERE {} ORDER BY t.{}", R::SELECT, filter(R::KIND, sel.is_all()), R::CODE_COLUMN);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| E::from(e.into()))?;
        let params = sel.params();
        for i in 1..=stmt.parameter_count() {
            stmt.raw_bind_parameter(i, &params[i - 1]).map_err(|e| E::from(e.into()))?;
        }
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next().map_err(|e| E::from(e.into()))? {
            let rec = R::from_row(row).map_err(|e| E::from(e.into()))?;
            f(rec)?;
        }
        Ok(())
    }
}
