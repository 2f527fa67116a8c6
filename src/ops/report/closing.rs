//! The closing report of a project (结项): its final statement from its start to its end
//! (or today), what it still owes in disclosures, and what an import left to look at
//! (a closed project with a balance, donations dated after its end).

use chrono::{NaiveDate, NaiveDateTime};

use super::due::{days_late, duties, duty_text};
use super::statement;
use super::{Report, Section, Value};
use crate::db::{Scope, Store};
use crate::domain::messages as m;
use crate::domain::{Kind, Lang, Project, ProjectStatus};
use crate::ops::{OpsError, OpsResult};

pub fn build(store: &Store, code: &str, today: NaiveDate, lang: Lang, now: NaiveDateTime) -> OpsResult<Report> {
    let p: Project =
        store.get(code)?.ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Project, code: code.to_string() })?;
    // From its start to today (or its end, if later): gifts that came late and the
    // carry-over of what was left belong in its final figures.
    let end = p.end_date.unwrap_or(today).max(today).max(p.start_date);
    let st = statement::build(store, Scope::Project(code.to_string()), p.start_date, end)?;
    let mut report = statement::report(&st, lang, now);
    report.title = m::report_closing_title(lang, &p.title);
    report.meta.push(m::report_closing_status(lang, p.status.label(lang), st.closing.display()));

    // Disclosures: every duty up to the final one, met or not.
    let calendar = store.calendar_projects(Some(code))?;
    let horizon = end.max(today).checked_add_months(chrono::Months::new(3)).unwrap_or(end);
    let rows = calendar
        .iter()
        .flat_map(|c| duties(c, today, horizon))
        .map(|d| {
            let state = match d.met_on {
                Some(on) => m::report_met_on(lang, on),
                None if days_late(&d, today) > 0 => m::report_overdue_days(lang, days_late(&d, today)),
                None => m::report_due_in_days(lang, -days_late(&d, today)),
            };
            vec![Value::Date(d.due_on), Value::text(duty_text(&d.duty, lang)), Value::text(state)]
        })
        .collect();
    report.sections.push(Section {
        heading: m::report_disclosures_owed(lang).into(),
        columns: vec![
            m::report_col_due_on(lang).into(),
            m::report_col_duty(lang).into(),
            m::report_col_state(lang).into(),
        ],
        rows,
        total: None,
        empty: Some(m::report_nothing_due(lang).into()),
    });

    // What to look at: late gifts and a closed project still holding money.
    let mut notes = Vec::new();
    let closed = p.status.is_closed();
    if closed && st.closing.fen() != 0 {
        notes.push(vec![Value::text(m::report_closed_with_balance(lang, st.closing.display()))]);
    }
    if let Some(end) = p.end_date {
        let after = store.flows(&Scope::Project(code.to_string()), end.succ_opt(), None, false)?.0;
        let late = after.donations_public.fen() + after.donations_matching.fen();
        if late > 0 {
            let late = crate::domain::Money::from_fen(late).display();
            notes.push(vec![Value::text(m::report_gifts_after_end(lang, end, late))]);
        }
    }
    report.sections.push(Section {
        heading: m::report_to_check(lang).into(),
        columns: vec![m::report_col_item(lang).into()],
        rows: notes,
        total: None,
        empty: Some(m::report_nothing_to_check(lang).into()),
    });
    Ok(report)
}

/// Why a project cannot be closed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// Closed: status 已结项, end date set (today, when it had none).
    Closed,
    /// Already completed or closed.
    AlreadyClosed,
    /// It still holds this much: carry it over or disburse it first.
    HoldsBalance(crate::domain::Money),
}

/// Closes project `code` (结项) when its balance is zero.
pub fn close(store: &mut Store, code: &str, today: NaiveDate) -> OpsResult<Closing> {
    let p: Project =
        store.get(code)?.ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Project, code: code.to_string() })?;
    if p.status.is_closed() {
        return Ok(Closing::AlreadyClosed);
    }
    let figures = store
        .project_figures(code)?
        .ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Project, code: code.to_string() })?;
    if figures.balance.fen() != 0 {
        return Ok(Closing::HoldsBalance(figures.balance));
    }
    // It ends the day it is closed (an end date still to come is brought forward).
    let end = p.end_date.map_or(today, |e| e.min(today)).max(p.start_date);
    let closed = Project { status: ProjectStatus::Completed, end_date: Some(end), ..p.clone() };
    store.update_from(code, Some(&p), &closed)?;
    Ok(Closing::Closed)
}

/// The closed project a console entry would put money into or take it out of, if any:
/// new donations, disbursements and carry-overs into a completed or closed project are
/// refused in the console (an import only warns, as it may carry history).
pub fn closed_target(store: &Store, record: &crate::ops::records::Record) -> crate::db::DbResult<Option<String>> {
    use crate::ops::records::Record;
    let code = match record {
        Record::Donation(d) => &d.project_code,
        Record::Disbursement(d) => &d.project_code,
        Record::CarryOver(c) => &c.to_project,
        _ => return Ok(None),
    };
    Ok(is_closed(store, code)?.then(|| code.clone()))
}

/// Whether project `code` is completed or closed.
pub fn is_closed(store: &Store, code: &str) -> crate::db::DbResult<bool> {
    Ok(store.get::<Project>(code)?.is_some_and(|p| p.status.is_closed()))
}
