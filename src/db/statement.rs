//! The money that moved in and out of a set of projects between two dates, summed from
//! the rows themselves (not the running totals), by month when asked: what statements,
//! notices and summaries are made of.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use super::sql;
use crate::domain::Money;

/// Whose money: one project, the projects of one village, or the whole office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Scope {
    Project(String),
    Village(String),
    Office,
}

impl Scope {
    /// SQL selecting the ids of the scope's projects (`?1` is the code).
    fn projects(&self) -> &'static str {
        match self {
            Scope::Project(_) => "SELECT id FROM projects WHERE office = focus_office() AND code = ?1",
            Scope::Village(_) => {
                "SELECT id FROM projects WHERE village_id = \
                 (SELECT id FROM villages WHERE office = focus_office() AND code = ?1)"
            }
            Scope::Office => "SELECT id FROM projects WHERE ?1 IS NULL",
        }
    }

    fn code(&self) -> Option<&str> {
        match self {
            Scope::Project(c) | Scope::Village(c) => Some(c),
            Scope::Office => None,
        }
    }
}

/// Money in and out over a period, in fen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flows {
    pub donations_public: Money,
    pub donations_matching: Money,
    pub carried_in: Money,
    pub disbursed: Money,
    pub carried_out: Money,
}

impl Flows {
    /// In less out, in fen (negative when more went out than came in).
    pub fn net_fen(&self) -> i64 {
        self.donations_public.fen() + self.donations_matching.fen() + self.carried_in.fen()
            - self.disbursed.fen()
            - self.carried_out.fen()
    }

    fn add(&mut self, other: &Flows) {
        let sum = |a: Money, b: Money| Money::from_fen(a.fen() + b.fen());
        self.donations_public = sum(self.donations_public, other.donations_public);
        self.donations_matching = sum(self.donations_matching, other.donations_matching);
        self.carried_in = sum(self.carried_in, other.carried_in);
        self.disbursed = sum(self.disbursed, other.disbursed);
        self.carried_out = sum(self.carried_out, other.carried_out);
    }
}

/// Puts the two sums a flows query reads into their fields.
type SetFlows = fn(&mut Flows, Money, Money);

/// The earliest and latest dates the store accepts, for open-ended periods.
const FIRST: &str = "0000-01-01";
const LAST: &str = "9999-12-31";

impl Store {
    /// The flows of `scope` dated within `from..=to` (`None`: from the beginning / to
    /// the end), in total and, with `by_month`, per `YYYY-MM` in order.
    pub fn flows(
        &self,
        scope: &Scope,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        by_month: bool,
    ) -> DbResult<(Flows, Vec<(String, Flows)>)> {
        let set = scope.projects();
        let from = from.map_or(FIRST.to_string(), sql::date);
        let to = to.map_or(LAST.to_string(), sql::date);
        let queries: [(&str, SetFlows); 3] = [
            (
                "SELECT substr(donated_on, 1, 7), sum(amount_fen * (1 - matching)), sum(amount_fen * matching) \
                 FROM donations WHERE project_id IN ({set}) AND donated_on BETWEEN ?2 AND ?3 GROUP BY 1",
                |f, a, b| {
                    f.donations_public = a;
                    f.donations_matching = b;
                },
            ),
            (
                "SELECT substr(paid_on, 1, 7), sum(amount_fen), 0 \
                 FROM disbursements WHERE project_id IN ({set}) AND paid_on BETWEEN ?2 AND ?3 GROUP BY 1",
                |f, a, _| f.disbursed = a,
            ),
            (
                // Into the set from outside it, and out of it to outside it, counted
                // apart: a carry-over between two projects of the set is both.
                "SELECT substr(transferred_on, 1, 7), \
                        sum(CASE WHEN to_project_id IN ({set}) THEN amount_fen ELSE 0 END), \
                        sum(CASE WHEN from_project_id IN ({set}) THEN amount_fen ELSE 0 END) \
                 FROM carry_overs WHERE (to_project_id IN ({set}) OR from_project_id IN ({set})) \
                   AND transferred_on BETWEEN ?2 AND ?3 GROUP BY 1",
                |f, a, b| {
                    f.carried_in = a;
                    f.carried_out = b;
                },
            ),
        ];
        let mut months: std::collections::BTreeMap<String, Flows> = std::collections::BTreeMap::new();
        for (query, apply) in queries {
            let query = query.replace("{set}", set);
            let mut stmt = self.conn.prepare_cached(&query)?;
            let rows = stmt.query_map(params![scope.code(), from, to], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
            })?;
            for row in rows {
                let (month, a, b) = row?;
                let mut f = Flows::default();
                apply(&mut f, Money::from_fen(a), Money::from_fen(b));
                months.entry(month).or_default().add(&f);
            }
        }
        let mut total = Flows::default();
        for f in months.values() {
            total.add(f);
        }
        Ok((total, if by_month { months.into_iter().collect() } else { Vec::new() }))
    }

    /// The opening balances (期初余额) of the scope's projects: what period exports
    /// brought as their balance on the day their records begin.
    pub fn openings(&self, scope: &Scope) -> DbResult<Money> {
        let sql = format!("SELECT coalesce(sum(opening_fen), 0) FROM projects WHERE id IN ({})", scope.projects());
        let fen: i64 = self.conn.prepare_cached(&sql)?.query_row(params![scope.code()], |r| r.get(0))?;
        Ok(Money::from_fen(fen))
    }

    /// Whether the scope names something that exists (the office always does).
    pub fn scope_exists(&self, scope: &Scope) -> DbResult<bool> {
        let sql = match scope {
            Scope::Project(_) => "SELECT count(*) FROM projects WHERE office = focus_office() AND code = ?1",
            Scope::Village(_) => "SELECT count(*) FROM villages WHERE office = focus_office() AND code = ?1",
            Scope::Office => return Ok(true),
        };
        Ok(self.conn.query_row(sql, [scope.code()], |r| r.get::<_, i64>(0))? > 0)
    }

    /// The balance of one project at the end of `day`, from its rows (a second way to the
    /// figure a statement closes with, for checks).
    pub fn project_balance_on(&self, code: &str, day: NaiveDate) -> DbResult<Option<i64>> {
        let sql = format!(
            "SELECT {} FROM projects WHERE office = focus_office() AND code = ?1",
            super::kinds::balance_on_sql("projects.id", "?2", "NULL")
        );
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row(&sql, params![code, sql::date(day)], |r| r.get(0)).optional()?)
    }
}

/// A project's dates and status, for its disclosure calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarProject {
    pub code: String,
    pub title: String,
    pub village_name: String,
    pub status: crate::domain::ProjectStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// The disclosures it made: (kind, period from, period to, published on).
    pub disclosures: Vec<(crate::domain::DisclosureKind, NaiveDate, NaiveDate, NaiveDate)>,
}

impl Store {
    /// Every project's dates, status and disclosures, without its words (code, title and
    /// village left empty), by office and code, with its row id: the disclosure calendar
    /// of tens of thousands of projects, whose words only the most urgent need
    /// ([`Store::project_words`]).
    pub fn calendar_dates(&self) -> DbResult<Vec<(i64, CalendarProject)>> {
        use crate::domain::ProjectStatus;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.status, p.start_date, p.end_date FROM projects p ORDER BY p.office, p.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                CalendarProject {
                    code: String::new(),
                    title: String::new(),
                    village_name: String::new(),
                    status: sql::enum_from(&r.get::<_, String>(1)?, ProjectStatus::from_key)?,
                    start_date: r.get::<_, sql::Date>(2)?.0,
                    end_date: r.get::<_, sql::OptDate>(3)?.0,
                    disclosures: Vec::new(),
                },
            ))
        })?;
        let mut out: Vec<(i64, CalendarProject)> = rows.collect::<Result<_, _>>()?;
        self.attach_disclosures(&mut out, None)?;
        Ok(out)
    }

    /// (code, title, village name) of the projects with these row ids. A county's
    /// rolled-up project is titled with its county in front (`东台市·安丰镇助学`): in a
    /// city's database two counties' projects may share a code.
    pub fn project_words(&self, ids: &[i64]) -> DbResult<std::collections::HashMap<i64, (String, String, String)>> {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.code, \
             CASE WHEN p.office = 0 THEN p.title ELSE coalesce(r.name, p.office) || '·' || p.title END, v.name \
             FROM projects p JOIN villages v ON v.id = p.village_id LEFT JOIN rollups r ON r.office = p.office \
             WHERE p.id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every project (or the one with `code`) with its disclosures, in code order.
    pub fn calendar_projects(&self, code: Option<&str>) -> DbResult<Vec<CalendarProject>> {
        use crate::domain::ProjectStatus;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.code, p.title, v.name, p.status, p.start_date, p.end_date FROM projects p \
             JOIN villages v ON v.id = p.village_id \
             WHERE ?1 IS NULL OR (p.office = focus_office() AND p.code = ?1) ORDER BY p.office, p.code",
        )?;
        let rows = stmt.query_map([code], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                CalendarProject {
                    code: r.get(1)?,
                    title: r.get(2)?,
                    village_name: r.get(3)?,
                    status: sql::enum_from(&r.get::<_, String>(4)?, ProjectStatus::from_key)?,
                    start_date: r.get::<_, sql::Date>(5)?.0,
                    end_date: r.get::<_, sql::OptDate>(6)?.0,
                    disclosures: Vec::new(),
                },
            ))
        })?;
        let mut out: Vec<(i64, CalendarProject)> = rows.collect::<Result<_, _>>()?;
        self.attach_disclosures(&mut out, code)?;
        Ok(out.into_iter().map(|(_, p)| p).collect())
    }

    /// Gives each project (by row id) its disclosures, by the end of their periods: every
    /// project's, or only those of the project with `code`.
    fn attach_disclosures(&self, out: &mut [(i64, CalendarProject)], code: Option<&str>) -> DbResult<()> {
        use crate::domain::DisclosureKind;
        let index: std::collections::HashMap<i64, usize> =
            out.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT project_id, kind, period_from, period_to, published_on FROM disclosures \
             WHERE ?1 IS NULL OR project_id = (SELECT id FROM projects WHERE office = focus_office() AND code = ?1) \
             ORDER BY period_to",
        )?;
        let rows = stmt.query_map([code], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                sql::enum_from(&r.get::<_, String>(1)?, DisclosureKind::from_key)?,
                r.get::<_, sql::Date>(2)?.0,
                r.get::<_, sql::Date>(3)?.0,
                r.get::<_, sql::Date>(4)?.0,
            ))
        })?;
        for row in rows {
            let (id, kind, from, to, on) = row?;
            if let Some(i) = index.get(&id) {
                out[*i].1.disclosures.push((kind, from, to, on));
            }
        }
        Ok(())
    }
}

/// One row of the county summary: a village's projects of one category over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    /// The county whose export the village came in (`None`: the database's own).
    pub office: Option<crate::domain::DivisionCode>,
    pub village_code: String,
    pub village_name: String,
    pub category: crate::domain::Category,
    pub flows: Flows,
    /// The balance at the end of the period.
    pub closing: Money,
    /// Donations of the period by donor type, in the template's order of types.
    pub by_donor_type: Vec<Money>,
}

impl Store {
    /// The county summary's rows for `from..=to`: every (village, category) with
    /// projects, by office and village code.
    ///
    /// One pass over each table of money (sequential, not through an index: a city's
    /// database holds twelve million donations, and a report reads most of them), summed
    /// per project in memory, then per village and category.
    pub fn summary_rows(&self, from: NaiveDate, to: NaiveDate) -> DbResult<Vec<SummaryRow>> {
        use crate::domain::{Category, DonorType};
        use std::collections::{BTreeMap, HashMap};
        let (f, t) = (sql::date(from), sql::date(to));
        let types = DonorType::ALL.len();
        // Per project: [public, matching, carried in, disbursed, carried out] in the period,
        // the balance up to its end, and the period's donations by donor type.
        #[derive(Default, Clone)]
        struct Sums {
            flows: [i64; 5],
            closing: i64,
            types: Vec<i64>,
        }
        let mut projects: HashMap<i64, (i64, String)> = HashMap::new();
        let mut sums: HashMap<i64, Sums> = HashMap::new();
        let mut stmt = self.conn.prepare_cached("SELECT id, village_id, category, opening_fen FROM projects")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            projects.insert(id, (r.get(1)?, r.get(2)?));
            sums.insert(id, Sums { closing: r.get(3)?, types: vec![0; types], ..Sums::default() });
        }
        let keys: Vec<&str> = DonorType::ALL.iter().map(|d| d.key()).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT project_id, donated_on >= ?1, amount_fen, matching, donor_type FROM donations \
             WHERE +donated_on <= ?2",
        )?;
        let mut rows = stmt.query(params![f, t])?;
        while let Some(r) = rows.next()? {
            let Some(s) = sums.get_mut(&r.get::<_, i64>(0)?) else { continue };
            let fen: i64 = r.get(2)?;
            s.closing += fen;
            if r.get::<_, bool>(1)? {
                s.flows[if r.get::<_, i64>(3)? != 0 { 1 } else { 0 }] += fen;
                let ty = r.get_ref(4)?.as_str().unwrap_or_default();
                if let Some(i) = keys.iter().position(|k| *k == ty) {
                    s.types[i] += fen;
                }
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT project_id, paid_on >= ?1, amount_fen FROM disbursements WHERE +paid_on <= ?2")?;
        let mut rows = stmt.query(params![f, t])?;
        while let Some(r) = rows.next()? {
            let Some(s) = sums.get_mut(&r.get::<_, i64>(0)?) else { continue };
            let fen: i64 = r.get(2)?;
            s.closing -= fen;
            if r.get::<_, bool>(1)? {
                s.flows[3] += fen;
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_project_id, to_project_id, transferred_on >= ?1, amount_fen FROM carry_overs \
             WHERE transferred_on <= ?2",
        )?;
        let mut rows = stmt.query(params![f, t])?;
        while let Some(r) = rows.next()? {
            let (giver, taker, within, fen): (i64, i64, bool, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if let Some(s) = sums.get_mut(&taker) {
                s.closing += fen;
                if within {
                    s.flows[2] += fen;
                }
            }
            if let Some(s) = sums.get_mut(&giver) {
                s.closing -= fen;
                if within {
                    s.flows[4] += fen;
                }
            }
        }
        // Per (village, category), every pair that has a project.
        let mut pairs: HashMap<(i64, String), Sums> = HashMap::new();
        for (id, (village, category)) in &projects {
            let s = &sums[id];
            let p = pairs
                .entry((*village, category.clone()))
                .or_insert_with(|| Sums { types: vec![0; types], ..Sums::default() });
            for (a, b) in p.flows.iter_mut().zip(s.flows) {
                *a += b;
            }
            p.closing += s.closing;
            for (a, b) in p.types.iter_mut().zip(&s.types) {
                *a += b;
            }
        }
        let mut villages: HashMap<i64, (i64, String, String)> = HashMap::new();
        let mut stmt = self.conn.prepare_cached("SELECT id, office, code, name FROM villages")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            villages.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?));
        }
        let mut ordered: BTreeMap<(i64, String, String), SummaryRow> = BTreeMap::new();
        for ((village, category), s) in pairs {
            let Some((office, code, name)) = villages.get(&village) else { continue };
            let money = Money::from_fen;
            let row = SummaryRow {
                office: u32::try_from(*office).ok().and_then(crate::domain::DivisionCode::from_number),
                village_code: code.clone(),
                village_name: name.clone(),
                category: sql::enum_from(&category, Category::from_key).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
                })?,
                flows: Flows {
                    donations_public: money(s.flows[0]),
                    donations_matching: money(s.flows[1]),
                    carried_in: money(s.flows[2]),
                    disbursed: money(s.flows[3]),
                    carried_out: money(s.flows[4]),
                },
                closing: money(s.closing),
                by_donor_type: s.types.iter().map(|f| money(*f)).collect(),
            };
            ordered.insert((*office, code.clone(), category), row);
        }
        Ok(ordered.into_values().collect())
    }

    /// Hours served (served shifts) per village (office, code) within `from..=to`.
    #[allow(clippy::type_complexity)]
    pub fn served_hours_by_village(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> DbResult<std::collections::HashMap<(Option<crate::domain::DivisionCode>, String), crate::domain::Hours>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.office, v.code, sum(s.hours_tenths) FROM shifts s JOIN volunteers w ON w.id = s.volunteer_id \
             JOIN villages v ON v.id = w.village_id WHERE s.status = 'served' AND s.shift_date BETWEEN ?1 AND ?2 \
             GROUP BY v.office, v.code",
        )?;
        let rows = stmt.query_map(params![sql::date(from), sql::date(to)], |r| {
            let office = u32::try_from(r.get::<_, i64>(0)?).ok().and_then(crate::domain::DivisionCode::from_number);
            Ok(((office, r.get::<_, String>(1)?), crate::domain::Hours::from_tenths(r.get(2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
