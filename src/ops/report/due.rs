//! The disclosure calendar (慈善法 2023, 慈善组织信息公开办法), as TEMPLATE.md states it:
//! a project that runs longer than six months discloses at least once every three months
//! from its start date; every project makes a final disclosure within three months of its
//! end date (or of being closed). A quarter's disclosure is met by a 公示记录 whose period
//! reaches the quarter's end.
//!
//! Our decision where the rule is silent: a quarter's disclosure falls due one month after
//! the quarter ends (it cannot cover a quarter before the quarter is over, and a month is
//! what offices need to prepare and publish it). A project still open without an end date
//! counts as running longer than six months once six months have passed.

use chrono::{Months, NaiveDate, NaiveDateTime};

use super::{Report, Section, Value};
use crate::db::DbResult;
use crate::db::{CalendarProject, Store};
use crate::domain::messages as m;
use crate::domain::{DisclosureKind, Lang};

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Duty {
    /// The disclosure of the quarter `from..=to`.
    Quarter { from: NaiveDate, to: NaiveDate },
    /// The final disclosure after the project ended on `end`.
    Final { end: NaiveDate },
}

/// One disclosure a project owes or owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub project: String,
    pub title: String,
    pub village: String,
    pub duty: Duty,
    pub due_on: NaiveDate,
    /// When it was published, if it was.
    pub met_on: Option<NaiveDate>,
}

impl Due {
    /// The period a disclosure meeting this duty covers (for the form that records one).
    pub fn period(&self, start: NaiveDate) -> (NaiveDate, NaiveDate, DisclosureKind) {
        match self.duty {
            Duty::Quarter { from, to } => (from, to, DisclosureKind::Periodic),
            Duty::Final { end } => (start, end, DisclosureKind::Final),
        }
    }
}

const QUARTER: Months = Months::new(3);

/// Every disclosure `p` owes, as of `today`, that falls due by `until` (later ones are not
/// listed yet). Only disclosures published by `today` count: one dated in the future is
/// not a disclosure yet.
pub fn duties(p: &CalendarProject, today: NaiveDate, until: NaiveDate) -> Vec<Due> {
    owed(p, today, until)
        .into_iter()
        .map(|(duty, due_on, met_on)| Due {
            project: p.code.clone(),
            title: p.title.clone(),
            village: p.village_name.clone(),
            duty,
            due_on,
            met_on,
        })
        .collect()
}

/// [`duties`] without the project's words: (duty, due on, met on).
fn owed(p: &CalendarProject, today: NaiveDate, until: NaiveDate) -> Vec<(Duty, NaiveDate, Option<NaiveDate>)> {
    let closed = p.status.is_closed();
    // A closed project without an end date ended, for the rule, today; a closed project
    // with an end date still to come ended when it was closed, which is by today.
    let end = match (p.end_date, closed) {
        (Some(e), true) => Some(e.min(today)),
        (Some(e), false) => Some(e),
        (None, true) => Some(today),
        (None, false) => None,
    };
    let long = match end {
        Some(end) => p.start_date.checked_add_months(Months::new(6)).is_some_and(|six| end > six),
        None => p.start_date.checked_add_months(Months::new(6)).is_some_and(|six| until > six),
    };
    let made: Vec<_> = p.disclosures.iter().filter(|d| d.3 <= today).collect();
    let reaches = |from: NaiveDate, to: NaiveDate, day: NaiveDate| from <= day && day <= to;
    // A quarter: any disclosure whose period reaches the quarter's end.
    let quarter_met =
        |day: NaiveDate| made.iter().filter(|(_, from, to, _)| reaches(*from, *to, day)).map(|d| d.3).min();
    // The final one: a 结项 disclosure, or one whose period reaches the end, published after it.
    let final_met = |end: NaiveDate| {
        made.iter()
            .filter(|(k, from, to, on)| *k == DisclosureKind::Final || (reaches(*from, *to, end) && *on >= end))
            .map(|d| d.3)
            .min()
    };
    let mut out = Vec::new();
    let item = |duty: Duty, due_on: NaiveDate, met_on: Option<NaiveDate>| (duty, due_on, met_on);
    if long {
        let mut from = p.start_date;
        while let Some(next) = from.checked_add_months(QUARTER) {
            let Some(to) = next.pred_opt() else { break };
            // Quarters that end with or after the project are the final disclosure's.
            if end.is_some_and(|e| to >= e) {
                break;
            }
            let Some(due_on) = to.checked_add_months(Months::new(1)) else { break };
            if due_on > until {
                break;
            }
            out.push(item(Duty::Quarter { from, to }, due_on, quarter_met(to)));
            from = next;
        }
    }
    if let Some(end) = end
        && let Some(due_on) = end.checked_add_months(QUARTER)
        && due_on <= until
    {
        out.push(item(Duty::Final { end }, due_on, final_met(end)));
    }
    out
}

/// What is not yet disclosed and falls due by `today + within` days, most urgent first.
pub fn open_duties(store: &Store, today: NaiveDate, within: u32, project: Option<&str>) -> DbResult<Vec<Due>> {
    if let Some(code) = project
        && store.get::<crate::domain::Project>(code)?.is_none()
    {
        return Err(crate::db::DbError::NotFound { kind: crate::domain::Kind::Project, code: code.to_string() });
    }
    let horizon = today.checked_add_days(chrono::Days::new(u64::from(within))).unwrap_or(NaiveDate::MAX);
    let mut all: Vec<Due> = store
        .calendar_projects(project)?
        .iter()
        .flat_map(|p| duties(p, today, horizon))
        .filter(|d| d.met_on.is_none())
        .collect();
    all.sort_by(|a, b| (a.due_on, &a.project).cmp(&(b.due_on, &b.project)));
    Ok(all)
}

/// The `limit` most urgent of [`open_duties`] (of every project) and how many there are
/// in all, without making the words of the others: a city's database holds tens of
/// thousands of projects, each owing a disclosure a quarter.
pub fn soonest(store: &Store, today: NaiveDate, within: u32, limit: usize) -> DbResult<(Vec<Due>, usize)> {
    let horizon = today.checked_add_days(chrono::Days::new(u64::from(within))).unwrap_or(NaiveDate::MAX);
    let projects = store.calendar_dates()?;
    let mut count = 0;
    // (due on, the project's place in code order, duty): the order of `open_duties`.
    let mut top: Vec<(NaiveDate, usize, Duty)> = Vec::new();
    for (i, (_, p)) in projects.iter().enumerate() {
        for (duty, due_on, met) in owed(p, today, horizon) {
            if met.is_some() {
                continue;
            }
            count += 1;
            top.push((due_on, i, duty));
            if top.len() >= limit.max(1) * 64 {
                top.sort();
                top.truncate(limit);
            }
        }
    }
    top.sort();
    top.truncate(limit);
    let ids: Vec<i64> = top.iter().map(|(_, i, _)| projects[*i].0).collect();
    let words = store.project_words(&ids)?;
    let due = top
        .into_iter()
        .map(|(due_on, i, duty)| {
            let (project, title, village) = words.get(&projects[i].0).cloned().unwrap_or_default();
            Due { project, title, village, duty, due_on, met_on: None }
        })
        .collect();
    Ok((due, count))
}

/// A duty in words: `2024-01-01–2024-03-31 定期` / `结项（2024-06-30 结束）`.
pub fn duty_text(d: &Duty, lang: Lang) -> String {
    match d {
        Duty::Quarter { from, to } => m::report_duty_quarter(lang, from, to),
        Duty::Final { end } => m::report_duty_final(lang, end),
    }
}

/// Days past due (negative: days left).
pub fn days_late(d: &Due, today: NaiveDate) -> i64 {
    (today - d.due_on).num_days()
}

/// The open duties as a report.
pub fn report(items: &[Due], today: NaiveDate, within: u32, lang: Lang, now: NaiveDateTime) -> Report {
    let rows = items
        .iter()
        .map(|d| {
            let late = days_late(d, today);
            let state = if late > 0 { m::report_overdue_days(lang, late) } else { m::report_due_in_days(lang, -late) };
            vec![
                Value::Date(d.due_on),
                Value::text(state),
                Value::text(d.project.clone()),
                Value::text(d.title.clone()),
                Value::text(d.village.clone()),
                Value::text(duty_text(&d.duty, lang)),
            ]
        })
        .collect();
    Report {
        title: m::report_due_title(lang).into(),
        meta: vec![m::report_due_meta(lang, today, within)],
        sections: vec![Section {
            heading: m::report_due_heading(lang).into(),
            columns: vec![
                m::report_col_due_on(lang).into(),
                m::report_col_state(lang).into(),
                m::html_code(lang).into(),
                m::html_project(lang).into(),
                m::report_col_village(lang).into(),
                m::report_col_duty(lang).into(),
            ],
            rows,
            total: None,
            empty: Some(m::report_nothing_due(lang).into()),
        }],
        signatures: Vec::new(),
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    }
}
