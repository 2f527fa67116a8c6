//! What an import does beyond putting rows, inside its batch: the opening balances of a
//! period export, and — when a city or province database takes a county's newer export —
//! removing the county's records the new export no longer holds.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::Batch;
use super::error::DbResult;
use super::record::{Stored, load};
use super::sql;
use crate::domain::{Kind, Office};

/// What became of one opening balance (期初余额) of a period export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpeningOutcome {
    /// Set: the project had no records before the period.
    Set,
    /// Already so: the balance the database computes on that day is the same.
    Unchanged,
    /// Replaced (a roll-up replaces a county's opening balances with its new export's).
    Replaced,
    /// The database computes another balance on that day (in fen).
    Differs(i64),
    /// No project of the office in focus has that code.
    Unknown,
}

/// What removing the records a new export no longer holds did for one kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Swept {
    pub removed: u64,
    /// A record the new export no longer holds that records it still holds refer to:
    /// (its code, the sheet of those records). Nothing of this kind was removed.
    pub still_referred: Option<(String, &'static str)>,
}

impl Batch<'_> {
    /// Applies the opening balances of a period export beginning on `on` to the projects
    /// of the office in focus. A roll-up (`replace`) gives the county's projects exactly
    /// these (the others none); otherwise a project with no records before `on` takes its
    /// opening balance, and one with records must already hold that balance on the day.
    pub fn apply_openings(
        &mut self,
        rows: &[(String, i64)],
        on: NaiveDate,
        replace: bool,
    ) -> DbResult<(Vec<OpeningOutcome>, u64)> {
        self.end_bulk()?;
        let day = sql::date(on);
        let before = sql::date(on.pred_opt().unwrap_or(on));
        let mut held = std::collections::HashMap::new();
        if replace {
            let mut stmt = self.tx.prepare_cached(
                "SELECT code, opening_fen, opening_on FROM projects WHERE office = focus_office() AND opening_on IS NOT NULL",
            )?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get::<_, i64>(1)?, r.get::<_, String>(2)?))))?;
            for row in rows {
                let (code, v) = row?;
                held.insert(code, v);
            }
            self.tx.execute(
                "UPDATE projects SET opening_fen = 0, opening_on = NULL WHERE office = focus_office() \
                 AND opening_on IS NOT NULL",
                [],
            )?;
        }
        let mut out = Vec::with_capacity(rows.len());
        let listed: std::collections::HashSet<&str> = rows.iter().map(|(c, _)| c.as_str()).collect();
        let cleared = held.keys().filter(|c| !listed.contains(c.as_str())).count() as u64;
        for (code, fen) in rows {
            let found: Option<(i64, i64, Option<String>)> = self
                .tx
                .prepare_cached(
                    "SELECT id, opening_fen, opening_on FROM projects WHERE office = focus_office() AND code = ?1",
                )?
                .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            let Some((id, opening, opening_on)) = found else {
                out.push(OpeningOutcome::Unknown);
                continue;
            };
            if replace {
                self.set_opening(id, *fen, &day)?;
                let same = held.get(code).is_some_and(|(f, d)| f == fen && *d == day);
                out.push(if same { OpeningOutcome::Unchanged } else { OpeningOutcome::Replaced });
                continue;
            }
            let earlier: i64 =
                self.tx.prepare_cached(&format!("SELECT {}", EARLIER))?.query_row(params![id, before], |r| r.get(0))?;
            if earlier == 0 && opening == 0 && opening_on.is_none() {
                self.set_opening(id, *fen, &day)?;
                out.push(OpeningOutcome::Set);
                continue;
            }
            let sql = format!("SELECT {}", super::kinds::balance_on_sql("?1", "?2", "NULL"));
            let balance: i64 = self.tx.prepare_cached(&sql)?.query_row(params![id, before], |r| r.get(0))?;
            out.push(if balance == *fen { OpeningOutcome::Unchanged } else { OpeningOutcome::Differs(balance) });
        }
        Ok((out, cleared))
    }

    fn set_opening(&self, id: i64, fen: i64, day: &str) -> DbResult<()> {
        self.tx
            .prepare_cached("UPDATE projects SET opening_fen = ?2, opening_on = ?3 WHERE id = ?1")?
            .execute(params![id, fen, day])?;
        Ok(())
    }

    /// Projects of the office in focus whose records begin with an opening balance and
    /// that hold money moved before it: (code, the opening's day).
    pub fn records_before_opening(&self) -> DbResult<Vec<(String, NaiveDate)>> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT p.code, p.opening_on FROM projects p WHERE p.office = focus_office() \
             AND p.opening_on IS NOT NULL AND ({}) > 0 ORDER BY p.code",
            EARLIER.replace("?1", "p.id").replace("?2", "date(p.opening_on, '-1 day')")
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, sql::Date>(1)?.0)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes the records of `R` of the office in focus whose row ids are not in `kept`
    /// (each with its audit row), children before parents: a record still referred to
    /// stops the removal and is named.
    pub fn sweep<R: Stored>(&mut self, kept: &mut [i64]) -> DbResult<Swept> {
        self.end_bulk()?;
        kept.sort_unstable();
        let sql = super::record::sql_once("sweep", R::TABLE, || {
            format!("SELECT count(*) FROM {} WHERE office = focus_office()", R::TABLE)
        });
        let held: i64 = self.tx.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
        if held as usize <= kept.len() {
            return Ok(Swept::default());
        }
        let sql = super::record::sql_once("sweep_ids", R::TABLE, || {
            format!("SELECT id FROM {} WHERE office = focus_office()", R::TABLE)
        });
        let mut stale = Vec::new();
        {
            let mut stmt = self.tx.prepare_cached(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if kept.binary_search(&id).is_err() {
                    stale.push(id);
                }
            }
        }
        let mut out = Swept::default();
        for &id in &stale {
            if let Some((what, _)) = R::dependents(self.tx, id)? {
                let code = load::<R>(self.tx, id)?.map(|r| r.code().to_string()).unwrap_or_default();
                out.still_referred = Some((code, what));
                return Ok(out);
            }
        }
        for id in stale {
            let before: Option<R> = load(self.tx, id)?;
            super::record::delete_row::<R>(self.tx, id)?;
            if let Some(before) = before {
                self.log.record(self.tx, "delete", R::KIND, before.code(), Some(&before), None::<&R>)?;
            }
            out.removed += 1;
        }
        Ok(out)
    }

    /// Names the database's office inside the batch, when it has none yet (an empty
    /// database taking an office's own export).
    pub fn name_office_if_unset(&self, office: &Office) -> DbResult<bool> {
        let named = self
            .tx
            .prepare_cached("INSERT INTO office(id, code, name) VALUES (1, ?1, ?2) ON CONFLICT(id) DO NOTHING")?
            .execute(params![i64::from(office.code.number()), office.name])?;
        Ok(named > 0)
    }

    /// The villages of the office in focus whose 12-digit codes name another county than
    /// `county`.
    pub fn villages_of_another(&self, county: crate::domain::DivisionCode) -> DbResult<Vec<String>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT code FROM villages WHERE office = focus_office() AND length(code) = 12 \
             AND code NOT GLOB '*[^0-9]*' AND substr(code, 1, 6) <> ?1 ORDER BY code",
        )?;
        let rows = stmt.query_map([county.to_string()], |r| r.get::<_, String>(0))?;
        let codes: Vec<String> = rows.collect::<Result<_, _>>()?;
        Ok(codes.into_iter().filter(|c| crate::domain::DivisionCode::of_village(c).is_some()).collect())
    }
}

/// How many donations, disbursements and carry-overs of project `?1` are dated on or
/// before day `?2`.
const EARLIER: &str = "(SELECT count(*) FROM donations WHERE project_id = ?1 AND donated_on <= ?2) \
    + (SELECT count(*) FROM disbursements WHERE project_id = ?1 AND paid_on <= ?2) \
    + (SELECT count(*) FROM carry_overs WHERE (from_project_id = ?1 OR to_project_id = ?1) AND transferred_on <= ?2)";

/// The kinds a sweep goes through: children before their parents.
pub const SWEEP_ORDER: [Kind; 8] = [
    Kind::Disclosure,
    Kind::CarryOver,
    Kind::Shift,
    Kind::Disbursement,
    Kind::Donation,
    Kind::Volunteer,
    Kind::Project,
    Kind::Village,
];
