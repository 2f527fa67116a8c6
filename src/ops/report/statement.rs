//! The statement of a project, a village or the office for a period: opening balance,
//! money in (donations public and 配捐 apart, carry-overs in), money out (disbursements,
//! carry-overs out), closing balance, and the same by month. Opening + flows = closing,
//! exactly.

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::{Report, Section, Value, period};
use crate::db::{Flows, Scope, Store};
use crate::domain::messages as m;
use crate::domain::{Kind, Lang, Money, Project, Village};
use crate::ops::{OpsError, OpsResult};

/// A statement's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub scope: Scope,
    /// The project's title or the village's name (empty for the office).
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub opening: Money,
    pub flows: Flows,
    pub closing: Money,
    /// Per month of the period with activity: its flows and the balance at its end.
    pub months: Vec<(String, Flows, Money)>,
}

/// The name of what a scope names, or the error that it does not exist.
pub fn scope_name(store: &Store, scope: &Scope) -> OpsResult<String> {
    match scope {
        Scope::Project(code) => store
            .get::<Project>(code)?
            .map(|p| p.title)
            .ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Project, code: code.clone() }),
        Scope::Village(code) => store
            .get::<Village>(code)?
            .map(|v| v.name)
            .ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Village, code: code.clone() }),
        Scope::Office => Ok(String::new()),
    }
}

/// Works out the statement of `scope` for `from..=to`.
pub fn build(store: &Store, scope: Scope, from: NaiveDate, to: NaiveDate) -> OpsResult<Statement> {
    let (from, to) = period(from, to)?;
    let name = scope_name(store, &scope)?;
    // What period exports brought as opening balances (期初余额), then the flows before.
    let opening = store.openings(&scope)?.fen()
        + match from.checked_sub_days(Days::new(1)) {
            Some(before) => store.flows(&scope, None, Some(before), false)?.0.net_fen(),
            None => 0,
        };
    let (flows, by_month) = store.flows(&scope, Some(from), Some(to), true)?;
    let mut running = opening;
    let months = by_month
        .into_iter()
        .map(|(month, f)| {
            running += f.net_fen();
            (month, f, Money::from_fen(running))
        })
        .collect();
    Ok(Statement {
        scope,
        name,
        from,
        to,
        opening: Money::from_fen(opening),
        flows,
        closing: Money::from_fen(opening + flows.net_fen()),
        months,
    })
}

/// Whose statement, in words: `项目 ZX-2021-01 众心村大病救助`.
pub fn scope_label(scope: &Scope, name: &str, lang: Lang) -> String {
    match scope {
        Scope::Project(code) => m::report_scope_project(lang, code, name),
        Scope::Village(code) => m::report_scope_village(lang, code, name),
        Scope::Office => m::report_whole_office(lang).to_string(),
    }
}

/// The columns of a flows row, after its first.
pub fn flow_columns(lang: Lang) -> Vec<String> {
    vec![
        m::report_col_public(lang).into(),
        m::report_col_matching(lang).into(),
        m::report_col_carried_in(lang).into(),
        m::report_col_disbursed(lang).into(),
        m::report_col_carried_out(lang).into(),
    ]
}

pub fn flow_values(f: &Flows) -> Vec<Value> {
    vec![
        Value::Money(f.donations_public),
        Value::Money(f.donations_matching),
        Value::Money(f.carried_in),
        Value::Money(f.disbursed),
        Value::Money(f.carried_out),
    ]
}

/// The statement as a report.
pub fn report(st: &Statement, lang: Lang, now: NaiveDateTime) -> Report {
    let f = &st.flows;
    let summary = vec![
        vec![Value::text(m::report_opening(lang)), Value::Money(st.opening)],
        vec![Value::text(m::report_col_public(lang)), Value::Money(f.donations_public)],
        vec![Value::text(m::report_col_matching(lang)), Value::Money(f.donations_matching)],
        vec![Value::text(m::report_col_carried_in(lang)), Value::Money(f.carried_in)],
        vec![Value::text(m::report_col_disbursed(lang)), Value::Money(f.disbursed)],
        vec![Value::text(m::report_col_carried_out(lang)), Value::Money(f.carried_out)],
    ];
    let mut columns = vec![m::report_col_month(lang).to_string()];
    columns.extend(flow_columns(lang));
    columns.push(m::report_col_closing(lang).into());
    let rows = st
        .months
        .iter()
        .map(|(month, f, closing)| {
            let mut row = vec![Value::text(month.clone())];
            row.extend(flow_values(f));
            row.push(Value::Money(*closing));
            row
        })
        .collect();
    let mut total = vec![Value::text(m::report_total(lang))];
    total.extend(flow_values(f));
    total.push(Value::Money(st.closing));
    Report {
        title: m::report_statement_title(lang).into(),
        meta: vec![scope_label(&st.scope, &st.name, lang), m::report_period(lang, st.from, st.to)],
        sections: vec![
            Section {
                heading: m::report_summary_heading(lang).into(),
                columns: vec![m::report_col_item(lang).into(), m::report_col_amount(lang).into()],
                rows: summary,
                total: Some(vec![Value::text(m::report_closing(lang)), Value::Money(st.closing)]),
                empty: None,
            },
            Section {
                heading: m::report_by_month(lang).into(),
                columns,
                rows,
                total: Some(total),
                empty: Some(m::report_no_activity_in_period(lang).into()),
            },
        ],
        signatures: Vec::new(),
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    }
}
