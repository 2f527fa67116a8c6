//! The notice (公示) of a project for a period, for the village board: the project, its
//! target, the period's donations, disbursements with their purpose, carry-overs, and
//! the balance, with signature lines. Private people are masked (张* / 欧阳**) — donors
//! and payees alike —, 匿名 stays 匿名, companies and organisations are shown in full,
//! and no phone number appears.

use chrono::{NaiveDate, NaiveDateTime};

use super::statement::{self, scope_label};
use super::{Report, Section, Value};
use crate::db::{Scope, Selection, Store};
use crate::domain::messages as m;
use crate::domain::phone::mask_name;
use crate::domain::privacy::{mask_numbers, mask_people};
use crate::domain::{CarryOver, Disbursement, Donation, DonorType, Lang, Project};
use crate::ops::{OpsError, OpsResult};

/// A donor as a public notice names them.
pub fn donor_shown(d: &Donation, lang: Lang) -> String {
    match (&d.donor_name, d.donor_type) {
        (None, _) => m::report_anonymous(lang).to_string(),
        (Some(n), DonorType::Company | DonorType::Organisation) => n.clone(),
        (Some(n), DonorType::Individual | DonorType::NativeVillager) => mask_name(n),
        // 其他: a government office matching a gift, or a person.
        (Some(n), DonorType::Other) => mask_people(n),
    }
}

/// A payee as a public notice names them.
pub fn payee_shown(payee: &str) -> String {
    mask_people(payee)
}

fn selected<R: crate::db::Stored>(store: &Store, sel: &Selection) -> OpsResult<Vec<R>> {
    let mut out = Vec::new();
    store.each_selected::<R, OpsError>(sel, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// The notice of `project` for `from..=to`.
pub fn build(
    store: &Store,
    project: &str,
    from: NaiveDate,
    to: NaiveDate,
    lang: Lang,
    now: NaiveDateTime,
) -> OpsResult<Report> {
    let st = statement::build(store, Scope::Project(project.to_string()), from, to)?;
    let p: Project = store
        .get(project)?
        .ok_or_else(|| OpsError::NoSuchRecord { kind: crate::domain::Kind::Project, code: project.to_string() })?;
    let sel = Selection { villages: Vec::new(), projects: vec![project.to_string()], from: Some(from), to: Some(to) };
    let mut donations: Vec<Donation> = selected(store, &sel)?;
    let mut disbursements: Vec<Disbursement> = selected(store, &sel)?;
    let mut carries: Vec<CarryOver> = selected(store, &sel)?;
    if donations.is_empty() && disbursements.is_empty() && carries.is_empty() {
        return Err(OpsError::NoActivity { project: project.to_string() });
    }
    donations.sort_by(|a, b| (a.donated_on, &a.donation_ref).cmp(&(b.donated_on, &b.donation_ref)));
    disbursements.sort_by(|a, b| (a.paid_on, &a.disbursement_ref).cmp(&(b.paid_on, &b.disbursement_ref)));
    carries.sort_by(|a, b| (a.transferred_on, &a.transfer_ref).cmp(&(b.transferred_on, &b.transfer_ref)));

    let f = &st.flows;
    let donation_rows = donations
        .iter()
        .map(|d| {
            vec![
                Value::Date(d.donated_on),
                Value::text(donor_shown(d, lang)),
                Value::text(d.donor_type.label(lang)),
                Value::text(if d.matching { m::report_col_matching(lang) } else { "" }),
                Value::Money(d.amount),
            ]
        })
        .collect();
    let donated = crate::domain::Money::from_fen(f.donations_public.fen() + f.donations_matching.fen());
    let disbursement_rows = disbursements
        .iter()
        .map(|d| {
            vec![
                Value::Date(d.paid_on),
                Value::text(payee_shown(&d.payee)),
                Value::text(mask_numbers(&d.purpose)),
                Value::Money(d.amount),
            ]
        })
        .collect();
    let carry_rows = carries
        .iter()
        .map(|c| {
            let (direction, other) = if c.from_project == project {
                (m::report_carried_out_to(lang), &c.to_project)
            } else {
                (m::report_carried_in_from(lang), &c.from_project)
            };
            vec![
                Value::Date(c.transferred_on),
                Value::text(direction),
                Value::text(other.clone()),
                Value::text(mask_numbers(&c.reason)),
                Value::Money(c.amount),
            ]
        })
        .collect();
    let sum_row = |label: &str, fen: i64, width: usize| {
        let mut row = vec![Value::text(label)];
        row.extend(std::iter::repeat_n(Value::Empty, width - 2));
        row.push(Value::Money(crate::domain::Money::from_fen(fen)));
        row
    };
    let total = m::report_total(lang);
    Ok(Report {
        title: m::report_notice_title(lang, &p.title),
        meta: vec![
            scope_label(&st.scope, &st.name, lang),
            m::report_notice_meta(lang, st.from, st.to, p.target.display()),
            m::report_balances(lang, st.opening.display(), st.closing.display()),
        ],
        sections: vec![
            Section {
                heading: m::report_notice_donations(lang, donations.len()),
                columns: vec![
                    m::html_date(lang).into(),
                    m::report_col_donor(lang).into(),
                    m::report_col_donor_type(lang).into(),
                    m::report_col_matching(lang).into(),
                    m::html_amount(lang).into(),
                ],
                rows: donation_rows,
                total: Some(sum_row(total, donated.fen(), 5)),
                empty: Some(m::report_none_in_period(lang).into()),
            },
            Section {
                heading: m::report_notice_disbursements(lang, disbursements.len()),
                columns: vec![
                    m::html_date(lang).into(),
                    m::html_payee(lang).into(),
                    m::html_purpose(lang).into(),
                    m::html_amount(lang).into(),
                ],
                rows: disbursement_rows,
                total: Some(sum_row(total, f.disbursed.fen(), 4)),
                empty: Some(m::report_none_in_period(lang).into()),
            },
            Section {
                heading: m::report_notice_carry_overs(lang).into(),
                columns: vec![
                    m::html_date(lang).into(),
                    m::report_col_direction(lang).into(),
                    m::html_project(lang).into(),
                    m::report_col_reason(lang).into(),
                    m::html_amount(lang).into(),
                ],
                rows: carry_rows,
                total: None,
                empty: Some(m::report_none_in_period(lang).into()),
            },
            Section {
                heading: m::report_summary_heading(lang).into(),
                columns: vec![m::report_col_item(lang).into(), m::report_col_amount(lang).into()],
                rows: vec![
                    vec![Value::text(m::report_opening(lang)), Value::Money(st.opening)],
                    vec![Value::text(m::report_col_donations(lang)), Value::Money(donated)],
                    vec![Value::text(m::report_col_carried_in(lang)), Value::Money(f.carried_in)],
                    vec![Value::text(m::report_col_disbursed(lang)), Value::Money(f.disbursed)],
                    vec![Value::text(m::report_col_carried_out(lang)), Value::Money(f.carried_out)],
                ],
                total: Some(vec![Value::text(m::report_closing(lang)), Value::Money(st.closing)]),
                empty: None,
            },
        ],
        signatures: vec![
            m::report_sign_handler(lang).into(),
            m::report_sign_reviewer(lang).into(),
            m::report_sign_seal(lang).into(),
            m::report_sign_date(lang).into(),
        ],
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    })
}
