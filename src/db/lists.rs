//! One page of each console list at a time: scoped (a village's projects, a project's
//! donations…), filtered, searched and sorted in SQL, never a whole table.

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Row, params_from_iter};
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use super::sql::{self, Date, OptDate};
use crate::domain::division::DivisionCode;
use crate::domain::*;

/// What a list shows: its scope, filters, search result and order. `S` is the list's
/// sort keys ([`VillageSort`], [`ProjectSort`], [`DonationSort`], [`VolunteerSort`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery<S> {
    /// Only records of this village (projects, volunteers, donations of its projects).
    pub village: Option<String>,
    /// Only records of this project (donations, disbursements).
    pub project: Option<String>,
    /// What the operator's filter keeps.
    pub filter: Filter,
    /// Only these row ids (a search result), in this order when the list is in its
    /// default order and searching.
    pub only: Option<Vec<i64>>,
    /// Only donations of these donors.
    pub donors: Option<Vec<String>>,
    /// The sort key, and direction.
    pub sort: S,
    pub descending: bool,
}

/// The operator's filter of a list (the filter popup).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this status, or (projects) this category.
    pub status: Option<StatusFilter>,
    pub category: Option<Category>,
    /// Dated records within this range.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only this operator's change-sets (the audit log).
    pub operator: Option<String>,
}

/// A status a list can be filtered by: the status enumeration of the list's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Village(VillageStatus),
    Project(ProjectStatus),
    Volunteer(VolunteerStatus),
    /// The kind of a change-set (the audit log).
    Change(ChangeKind),
}

impl StatusFilter {
    /// The statuses a list of this kind can be filtered by, in the template's order (none
    /// for kinds whose list has no status filter).
    pub fn all(kind: Kind) -> Vec<StatusFilter> {
        match kind {
            Kind::Village => VillageStatus::ALL.iter().map(|s| StatusFilter::Village(*s)).collect(),
            Kind::Project => ProjectStatus::ALL.iter().map(|s| StatusFilter::Project(*s)).collect(),
            Kind::Volunteer => VolunteerStatus::ALL.iter().map(|s| StatusFilter::Volunteer(*s)).collect(),
            Kind::Donation | Kind::Disbursement | Kind::Shift | Kind::CarryOver | Kind::Disclosure => Vec::new(),
        }
    }

    /// The label in the operator's language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::Village(s) => s.label(lang),
            StatusFilter::Project(s) => s.label(lang),
            StatusFilter::Volunteer(s) => s.label(lang),
            StatusFilter::Change(s) => s.label(lang),
        }
    }

    /// The key stored in the status column.
    pub(super) fn key(self) -> &'static str {
        match self {
            StatusFilter::Village(s) => s.key(),
            StatusFilter::Project(s) => s.key(),
            StatusFilter::Volunteer(s) => s.key(),
            StatusFilter::Change(s) => s.key(),
        }
    }
}

/// The keys a list can be sorted by. Each list has its own enum; its SQL is here, its
/// labels are in the console (matched on the enum, so a key cannot lack one).
pub trait SortKey: Copy + Eq + Default + std::fmt::Debug + 'static {
    /// Every key, in the order the console cycles through them; the first is the default.
    const ALL: &'static [Self];

    /// The ORDER BY expression.
    fn sql(self) -> &'static str;

    /// The key after this one, back to the first after the last.
    fn next(self) -> Self {
        let at = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }
}

/// Declares a list's sort keys with their ORDER BY expressions, the first the default.
macro_rules! sort_keys {
    ($(#[$meta:meta])* $name:ident { $first:ident => $first_sql:literal, $($variant:ident => $sql:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            #[default]
            $first,
            $($variant,)*
        }

        impl SortKey for $name {
            const ALL: &'static [$name] = &[$name::$first, $($name::$variant,)*];

            fn sql(self) -> &'static str {
                match self {
                    $name::$first => $first_sql,
                    $($name::$variant => $sql,)*
                }
            }
        }
    };
}

sort_keys! {
    /// Sort keys of the village list (`8`: the raised column of the select).
    VillageSort { Code => "v.code", Name => "v.name", Town => "v.town", Raised => "8", }
}

sort_keys! {
    /// Sort keys of the project list (`9`: the raised column of the select).
    ProjectSort { Code => "p.code", Title => "p.title", Raised => "9", StartDate => "p.start_date", }
}

sort_keys! {
    /// Sort keys of the donation list (by date, newest first, is the console's default).
    DonationSort { Date => "d.donated_on", Amount => "d.amount_fen", Donor => "d.donor_name", Ref => "d.ref", }
}

sort_keys! {
    /// Sort keys of the volunteer list.
    VolunteerSort { Code => "w.code", Name => "w.name", Served => "w.served_tenths", }
}

/// A row of a console list, with the keys the list sorts by.
pub trait ListRow {
    type Sort: SortKey;
}

impl ListRow for VillageRow {
    type Sort = VillageSort;
}

impl ListRow for ProjectRow {
    type Sort = ProjectSort;
}

impl ListRow for DonationRow {
    type Sort = DonationSort;
}

impl ListRow for VolunteerRow {
    type Sort = VolunteerSort;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VillageRow {
    pub id: i64,
    /// The county whose export the village came in (`None`: the database's own).
    pub office: Option<DivisionCode>,
    pub code: String,
    pub name: String,
    pub town: String,
    pub status: VillageStatus,
    pub projects: i64,
    pub raised: Money,
    pub volunteers: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub village_code: String,
    pub village_name: String,
    pub category: Category,
    pub status: ProjectStatus,
    pub target: Money,
    pub raised: Money,
    pub raised_matching: Money,
    pub disbursed: Money,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub donations: i64,
    pub carried_in: Money,
    pub carried_out: Money,
    /// The opening balance (期初余额) a period export brought.
    pub opening: Money,
}

impl ProjectRow {
    pub fn balance(&self) -> Money {
        let came_in = Money::from_fen(self.carried_in.fen().saturating_add(self.opening.fen()));
        Money::balance(self.raised, came_in, self.disbursed, self.carried_out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonationRow {
    pub id: i64,
    pub donation_ref: String,
    pub project_code: String,
    pub donor_name: Option<String>,
    pub donor_type: DonorType,
    pub amount: Money,
    pub donated_on: NaiveDate,
    pub channel: Channel,
    pub matching: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub village_code: String,
    pub village_name: String,
    pub status: VolunteerStatus,
    pub served_hours: Hours,
    pub skills: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftRow {
    pub shift_ref: String,
    pub shift_date: NaiveDate,
    pub start_time: Option<String>,
    pub hours: Hours,
    pub activity: String,
    pub project_code: Option<String>,
    pub status: ShiftStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisbursementRow {
    pub disbursement_ref: String,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub payee: String,
    pub purpose: String,
}

/// Count and sum of the donations a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DonationTotals {
    pub count: i64,
    pub total: Money,
}

/// A WHERE clause with its parameters.
pub(super) struct Where {
    parts: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    pub(super) fn new() -> Where {
        Where { parts: Vec::new(), params: Vec::new() }
    }

    pub(super) fn add(&mut self, sql: &str, value: Value) {
        self.params.push(value);
        self.parts.push(sql.replace('?', &format!("?{}", self.params.len())));
    }

    fn ids(&mut self, column: &str, ids: &[i64]) {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        self.add(&format!("{column} IN (SELECT value FROM json_each(?))"), Value::Text(json));
    }

    fn texts(&mut self, column: &str, texts: &[String]) {
        let json = serde_json::to_string(texts).unwrap_or_else(|_| "[]".into());
        self.add(&format!("{column} IN (SELECT value FROM json_each(?))"), Value::Text(json));
    }

    fn sql(&self) -> String {
        if self.parts.is_empty() { String::new() } else { format!(" WHERE {}", self.parts.join(" AND ")) }
    }
}

pub(super) fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn date_text(d: NaiveDate) -> Value {
    Value::Text(sql::date(d))
}

/// The ORDER BY of a list: a search result in its ranking (when the list is in its
/// default order), else the chosen key.
fn order<S: SortKey>(q: &ListQuery<S>, tiebreak: &str, w: &mut Where) -> String {
    if let Some(ids) = q.only.as_ref().filter(|_| q.sort == S::default() && !q.descending) {
        let json = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        w.params.push(Value::Text(json));
        let n = w.params.len();
        return format!(" ORDER BY (SELECT j.key FROM json_each(?{n}) j WHERE j.value = {tiebreak})");
    }
    let col = q.sort.sql();
    let dir = if q.descending { "DESC" } else { "ASC" };
    // Villages stay together by office (county) whatever they are sorted by.
    let group = if tiebreak == "v.id" { "v.office, " } else { "" };
    format!(" ORDER BY {group}{col} {dir}, {tiebreak} {dir}")
}

const VILLAGE_SELECT: &str = "SELECT v.id, v.code, v.name, v.town, v.status, v.office, \
    (SELECT count(*) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(raised_public_fen + raised_matching_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT count(*) FROM volunteers w WHERE w.village_id = v.id) FROM villages v";

/// A stored office number as the office it names (`None`: the database's own).
fn office_of(n: i64) -> Option<DivisionCode> {
    u32::try_from(n).ok().and_then(DivisionCode::from_number)
}

fn village_row(r: &Row<'_>) -> rusqlite::Result<VillageRow> {
    Ok(VillageRow {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        town: r.get(3)?,
        status: sql::enum_from(&r.get::<_, String>(4)?, VillageStatus::from_key)?,
        office: office_of(r.get(5)?),
        projects: r.get(6)?,
        raised: Money::from_fen(r.get(7)?),
        volunteers: r.get(8)?,
    })
}

fn village_where(q: &ListQuery<VillageSort>) -> Where {
    let mut w = Where::new();
    if let Some(s) = q.filter.status {
        w.add("v.status = ?", text(s.key()));
    }
    if let Some(ids) = &q.only {
        w.ids("v.id", ids);
    }
    w
}

const PROJECT_SELECT: &str = "SELECT p.id, p.code, p.title, v.code, v.name, p.category, p.status, p.target_fen, \
    p.raised_public_fen + p.raised_matching_fen, p.raised_matching_fen, p.disbursed_fen, p.start_date, p.end_date, \
    p.donation_count, p.carried_in_fen, p.carried_out_fen, p.opening_fen \
    FROM projects p JOIN villages v ON v.id = p.village_id";

fn project_row(r: &Row<'_>) -> rusqlite::Result<ProjectRow> {
    Ok(ProjectRow {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        village_code: r.get(3)?,
        village_name: r.get(4)?,
        category: sql::enum_from(&r.get::<_, String>(5)?, Category::from_key)?,
        status: sql::enum_from(&r.get::<_, String>(6)?, ProjectStatus::from_key)?,
        target: Money::from_fen(r.get(7)?),
        raised: Money::from_fen(r.get(8)?),
        raised_matching: Money::from_fen(r.get(9)?),
        disbursed: Money::from_fen(r.get(10)?),
        start_date: r.get::<_, Date>(11)?.0,
        end_date: r.get::<_, OptDate>(12)?.0,
        donations: r.get(13)?,
        carried_in: Money::from_fen(r.get(14)?),
        carried_out: Money::from_fen(r.get(15)?),
        opening: Money::from_fen(r.get(16)?),
    })
}

fn project_where(q: &ListQuery<ProjectSort>) -> Where {
    let mut w = Where::new();
    // The projects of the office in focus (a unary `+`: a filter, never the index).
    match &q.village {
        Some(v) => w.add("v.office = focus_office() AND v.code = ?", text(v)),
        None => w.parts.push("+p.office = focus_office()".into()),
    }
    if let Some(s) = q.filter.status {
        w.add("p.status = ?", text(s.key()));
    }
    if let Some(c) = q.filter.category {
        w.add("p.category = ?", text(c.key()));
    }
    if let Some(ids) = &q.only {
        w.ids("p.id", ids);
    }
    w
}

const DONATION_SELECT: &str = "SELECT d.id, d.ref, p.code, d.donor_name, d.donor_type, d.amount_fen, d.donated_on, \
    d.channel, d.matching FROM donations d JOIN projects p ON p.id = d.project_id";

fn donation_row(r: &Row<'_>) -> rusqlite::Result<DonationRow> {
    Ok(DonationRow {
        id: r.get(0)?,
        donation_ref: r.get(1)?,
        project_code: r.get(2)?,
        donor_name: r.get(3)?,
        donor_type: sql::enum_from(&r.get::<_, String>(4)?, DonorType::from_key)?,
        amount: Money::from_fen(r.get(5)?),
        donated_on: r.get::<_, Date>(6)?.0,
        channel: sql::enum_from(&r.get::<_, String>(7)?, Channel::from_key)?,
        matching: r.get::<_, i64>(8)? != 0,
    })
}

fn donation_where(q: &ListQuery<DonationSort>) -> Where {
    let mut w = Where::new();
    if let Some(p) = &q.project {
        w.add("d.project_id = (SELECT id FROM projects WHERE office = focus_office() AND code = ?)", text(p));
    } else if let Some(v) = &q.village {
        w.add("p.village_id = (SELECT id FROM villages WHERE office = focus_office() AND code = ?)", text(v));
    } else if q.donors.is_some() {
        // A donor's gifts in the office in focus, along (donor, office, date).
        w.parts.push("d.office = focus_office()".into());
    } else {
        w.parts.push("+d.office = focus_office()".into());
    }
    if let Some(from) = q.filter.from {
        w.add("d.donated_on >= ?", date_text(from));
    }
    if let Some(to) = q.filter.to {
        w.add("d.donated_on <= ?", date_text(to));
    }
    if let Some(names) = &q.donors {
        w.texts("d.donor_name", names);
    }
    if let Some(ids) = &q.only {
        w.ids("d.id", ids);
    }
    w
}

const VOLUNTEER_SELECT: &str = "SELECT w.id, w.code, w.name, v.code, v.name, w.status, w.served_tenths, w.skills \
    FROM volunteers w JOIN villages v ON v.id = w.village_id";

fn volunteer_row(r: &Row<'_>) -> rusqlite::Result<VolunteerRow> {
    Ok(VolunteerRow {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        village_code: r.get(3)?,
        village_name: r.get(4)?,
        status: sql::enum_from(&r.get::<_, String>(5)?, VolunteerStatus::from_key)?,
        served_hours: Hours::from_tenths(r.get(6)?),
        skills: r.get(7)?,
    })
}

fn volunteer_where(q: &ListQuery<VolunteerSort>) -> Where {
    let mut w = Where::new();
    match &q.village {
        Some(v) => w.add("v.office = focus_office() AND v.code = ?", text(v)),
        None => w.parts.push("+w.office = focus_office()".into()),
    }
    if let Some(s) = q.filter.status {
        w.add("w.status = ?", text(s.key()));
    }
    if let Some(ids) = &q.only {
        w.ids("w.id", ids);
    }
    w
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn page<T, S: SortKey>(
        &self,
        select: &str,
        mut w: Where,
        q: &ListQuery<S>,
        tiebreak: &str,
        offset: i64,
        limit: i64,
        f: fn(&Row<'_>) -> rusqlite::Result<T>,
    ) -> DbResult<Vec<T>> {
        let filter = w.sql();
        let order = order(q, tiebreak, &mut w);
        let sql = format!("{select}{filter}{order} LIMIT {limit} OFFSET {offset}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.params.iter()), f)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(super) fn count_where(&self, from: &str, w: &Where) -> DbResult<i64> {
        let sql = format!("SELECT count(*) FROM {from}{}", w.sql());
        Ok(self.conn.prepare_cached(&sql)?.query_row(params_from_iter(w.params.iter()), |r| r.get(0))?)
    }

    /// Villages of every office, each county's together (the database's own first).
    pub fn villages_page(&self, q: &ListQuery<VillageSort>, offset: i64, limit: i64) -> DbResult<Vec<VillageRow>> {
        self.page(VILLAGE_SELECT, village_where(q), q, "v.id", offset, limit, village_row)
    }

    pub fn villages_count(&self, q: &ListQuery<VillageSort>) -> DbResult<i64> {
        self.count_where("villages v", &village_where(q))
    }

    pub fn projects_page(&self, q: &ListQuery<ProjectSort>, offset: i64, limit: i64) -> DbResult<Vec<ProjectRow>> {
        self.page(PROJECT_SELECT, project_where(q), q, "p.id", offset, limit, project_row)
    }

    pub fn projects_count(&self, q: &ListQuery<ProjectSort>) -> DbResult<i64> {
        self.count_where("projects p JOIN villages v ON v.id = p.village_id", &project_where(q))
    }

    /// The donations just beyond `edge` in the list's order (`forward`: after it), for
    /// moving through a million rows without OFFSET: an index seek, then `limit` rows.
    pub fn donations_beyond(
        &self,
        q: &ListQuery<DonationSort>,
        edge: &DonationRow,
        forward: bool,
        limit: i64,
    ) -> DbResult<Vec<DonationRow>> {
        let (col, value): (&str, Value) = match q.sort {
            DonationSort::Date => ("d.donated_on", Value::Text(sql::date(edge.donated_on))),
            DonationSort::Amount => ("d.amount_fen", Value::Integer(edge.amount.fen())),
            DonationSort::Donor => {
                ("coalesce(d.donor_name, '')", Value::Text(edge.donor_name.clone().unwrap_or_default()))
            }
            DonationSort::Ref => ("d.ref", Value::Text(edge.donation_ref.clone())),
        };
        // Ascending in the direction of travel?
        let up = q.descending != forward;
        let mut w = donation_where(q);
        w.params.push(value);
        let a = w.params.len();
        w.params.push(Value::Integer(edge.id));
        let b = w.params.len();
        w.parts.push(format!("({col}, d.id) {} (?{a}, ?{b})", if up { ">" } else { "<" }));
        let dir = if up { "ASC" } else { "DESC" };
        let sql = format!("{DONATION_SELECT}{} ORDER BY {col} {dir}, d.id {dir} LIMIT {limit}", w.sql());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(w.params.iter()), donation_row)?;
        let mut out: Vec<DonationRow> = rows.collect::<Result<_, _>>()?;
        if !forward {
            out.reverse();
        }
        Ok(out)
    }

    /// The last `limit` donations of the list, read from its end.
    pub fn donations_last(&self, q: &ListQuery<DonationSort>, limit: i64) -> DbResult<Vec<DonationRow>> {
        let reversed = ListQuery { descending: !q.descending, ..q.clone() };
        let mut out = self.donations_page(&reversed, 0, limit)?;
        out.reverse();
        Ok(out)
    }

    pub fn donations_page(&self, q: &ListQuery<DonationSort>, offset: i64, limit: i64) -> DbResult<Vec<DonationRow>> {
        self.page(DONATION_SELECT, donation_where(q), q, "d.id", offset, limit, donation_row)
    }

    /// How many donations the list holds and their sum: from the running totals when the
    /// list is a whole project, village or everything, else by an indexed query.
    pub fn donation_totals(&self, q: &ListQuery<DonationSort>) -> DbResult<DonationTotals> {
        let plain = q.filter.from.is_none() && q.filter.to.is_none() && q.donors.is_none() && q.only.is_none();
        if plain {
            let (sql, param): (&str, Option<&str>) = match (&q.project, &q.village) {
                (Some(p), _) => (
                    "SELECT donation_count, raised_public_fen + raised_matching_fen FROM projects \
                     WHERE office = focus_office() AND code = ?1",
                    Some(p),
                ),
                (None, Some(v)) => (
                    "SELECT coalesce(sum(donation_count), 0), coalesce(sum(raised_public_fen + raised_matching_fen), 0) \
                     FROM projects WHERE village_id = (SELECT id FROM villages WHERE office = focus_office() AND code = ?1)",
                    Some(v),
                ),
                (None, None) => (
                    "SELECT coalesce(sum(donation_count), 0), coalesce(sum(raised_public_fen + raised_matching_fen), 0) \
                     FROM projects WHERE office = focus_office()",
                    None,
                ),
            };
            let mut stmt = self.conn.prepare_cached(sql)?;
            let map = |r: &Row<'_>| Ok(DonationTotals { count: r.get(0)?, total: Money::from_fen(r.get(1)?) });
            let totals = match param {
                Some(p) => stmt.query_row([p], map),
                None => stmt.query_row([], map),
            };
            return Ok(totals.unwrap_or_default());
        }
        let w = donation_where(q);
        let sql = format!(
            "SELECT count(*), coalesce(sum(d.amount_fen), 0) FROM donations d JOIN projects p ON p.id = d.project_id{}",
            w.sql()
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(params_from_iter(w.params.iter()), |r| {
            Ok(DonationTotals { count: r.get(0)?, total: Money::from_fen(r.get(1)?) })
        })?)
    }

    pub fn volunteers_page(
        &self,
        q: &ListQuery<VolunteerSort>,
        offset: i64,
        limit: i64,
    ) -> DbResult<Vec<VolunteerRow>> {
        self.page(VOLUNTEER_SELECT, volunteer_where(q), q, "w.id", offset, limit, volunteer_row)
    }

    pub fn volunteers_count(&self, q: &ListQuery<VolunteerSort>) -> DbResult<i64> {
        self.count_where("volunteers w JOIN villages v ON v.id = w.village_id", &volunteer_where(q))
    }

    /// A volunteer's shifts, latest first.
    pub fn shifts_of(&self, volunteer: &str, limit: i64) -> DbResult<Vec<ShiftRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.ref, s.shift_date, s.start_time, s.hours_tenths, s.activity, p.code, s.status FROM shifts s \
             LEFT JOIN projects p ON p.id = s.project_id \
             WHERE s.volunteer_id = (SELECT id FROM volunteers WHERE office = focus_office() AND code = ?1) \
             ORDER BY s.shift_date DESC, s.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![volunteer, limit], |r| {
            Ok(ShiftRow {
                shift_ref: r.get(0)?,
                shift_date: r.get::<_, Date>(1)?.0,
                start_time: r.get(2)?,
                hours: Hours::from_tenths(r.get(3)?),
                activity: r.get(4)?,
                project_code: r.get(5)?,
                status: sql::enum_from(&r.get::<_, String>(6)?, ShiftStatus::from_key)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A project's disbursements, latest first.
    pub fn disbursements_of(&self, project: &str, limit: i64) -> DbResult<Vec<DisbursementRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.ref, b.paid_on, b.amount_fen, b.payee, b.purpose FROM disbursements b \
             WHERE b.project_id = (SELECT id FROM projects WHERE office = focus_office() AND code = ?1) \
             ORDER BY b.paid_on DESC, b.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![project, limit], |r| {
            Ok(DisbursementRow {
                disbursement_ref: r.get(0)?,
                paid_on: r.get::<_, Date>(1)?.0,
                amount: Money::from_fen(r.get(2)?),
                payee: r.get(3)?,
                purpose: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `f` with the id and search key of every village, project or volunteer, for
    /// ranking a search without loading rows.
    pub fn each_search_key(&self, kind: Kind, mut f: impl FnMut(i64, &str)) -> DbResult<()> {
        let sql = match kind {
            Kind::Village => "SELECT id, search_key FROM villages",
            Kind::Project => "SELECT id, search_key FROM projects",
            _ => "SELECT id, search_key FROM volunteers",
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(1)?;
            f(r.get(0)?, &key);
        }
        Ok(())
    }

    /// Calls `f` with every donor name and its search key.
    pub fn each_donor_key(&self, mut f: impl FnMut(&str, &str)) -> DbResult<()> {
        let mut stmt = self.conn.prepare_cached("SELECT name, search_key FROM donors")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            let key: String = r.get(1)?;
            f(&name, &key);
        }
        Ok(())
    }

    /// The sum of donations per month from `from` (inclusive), as (YYYY-MM, fen).
    pub fn donations_by_month(&self, from: NaiveDate) -> DbResult<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, total_fen FROM donation_months WHERE month >= substr(?1, 1, 7) AND count > 0 ORDER BY month",
        )?;
        let rows = stmt.query_map([sql::date(from)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many projects there are in each status.
    pub fn projects_by_status(&self) -> DbResult<Vec<(ProjectStatus, i64)>> {
        let mut stmt = self.conn.prepare_cached("SELECT status, count(*) FROM projects GROUP BY status")?;
        let rows =
            stmt.query_map([], |r| Ok((sql::enum_from(&r.get::<_, String>(0)?, ProjectStatus::from_key)?, r.get(1)?)))?;
        let mut out: Vec<(ProjectStatus, i64)> = rows.collect::<Result<_, _>>()?;
        out.sort();
        Ok(out)
    }

    /// Projects that need attention: still fundraising after their end date, or holding
    /// a balance of at least `balance_fen` undisbursed.
    pub fn attention(&self, today: NaiveDate, balance_fen: i64, limit: i64) -> DbResult<Vec<ProjectRow>> {
        let sql = format!(
            "{PROJECT_SELECT} WHERE (p.status = 'fundraising' AND p.end_date < ?1) OR {balance} >= ?2 \
             ORDER BY (p.status = 'fundraising' AND p.end_date < ?1) DESC, {balance} DESC LIMIT ?3",
            balance = sql::BALANCE,
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![sql::date(today), balance_fen, limit], project_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many distinct donors gave (named ones).
    pub fn donor_count(&self) -> DbResult<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM donors", [], |r| r.get(0))?)
    }

    /// How many gifts came from anonymous donors (counted apart from the named donors).
    pub fn anonymous_gifts(&self) -> DbResult<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM donations WHERE donor_name IS NULL", [], |r| r.get(0))?)
    }
}
