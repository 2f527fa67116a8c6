//! The village card: what an inspector asks on a visit — the village's projects with
//! target, raised (public and matching), disbursed, balance and progress; the last
//! disbursements with payee and purpose; volunteers with the hours they served this
//! year — generated from the database at that moment. As text, and as HTML that prints
//! on one A4 page.

use std::path::Path;

use chrono::{Datelike, NaiveDateTime};

use super::OpsResult;
use super::page;
use crate::db::{DbResult, DisbursementRow, ProjectFigures, Store, VillageFigures, VolunteerYear};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::domain::phone::mask_phone;
use crate::domain::shown::one_line;

/// Everything on a card.
#[derive(Debug, Clone)]
pub struct VillageCard {
    pub village: VillageFigures,
    pub contact: Option<(String, String)>,
    pub projects: Vec<ProjectFigures>,
    /// (project code, disbursement)
    pub disbursements: Vec<(String, DisbursementRow)>,
    pub volunteers: Vec<VolunteerYear>,
    pub year: i32,
    pub generated: NaiveDateTime,
}

/// Builds the card of a village, `None` when there is no such village. Phones are masked
/// when `mask` (inspection).
pub fn build(store: &Store, code: &str, now: NaiveDateTime, mask: bool) -> DbResult<Option<VillageCard>> {
    let Some(village) = store.village_figures(code)? else { return Ok(None) };
    let v = store.get::<crate::domain::Village>(code)?;
    let contact = v.and_then(|v| {
        let phone = v.contact_phone.map(|p| if mask { mask_phone(&p) } else { p }).unwrap_or_default();
        v.contact_name.map(|n| (n, phone))
    });
    let mut volunteers = store.village_volunteer_year(code, now.year())?;
    if mask {
        for w in &mut volunteers {
            w.phone = w.phone.as_deref().map(mask_phone);
        }
    }
    Ok(Some(VillageCard {
        projects: store.village_projects(code)?,
        disbursements: store.village_disbursements(code, 5)?,
        volunteers,
        contact,
        year: now.year(),
        generated: now,
        village,
    }))
}

/// The card as plain text lines, every stored text as [`one_line`] shows it.
pub fn text(c: &VillageCard, lang: Lang) -> Vec<String> {
    let v = &c.village;
    let mut out = vec![format!(
        "{} {}  {} · {}  {}",
        one_line(&v.code),
        one_line(&v.name),
        one_line(&v.town),
        one_line(&v.county),
        v.status.label(lang)
    )];
    if let Some((name, phone)) = &c.contact {
        out.push(m::card_contact(lang, one_line(name), one_line(phone)));
    }
    out.push(m::card_village_figures(
        lang,
        v.projects,
        v.target.display(),
        v.raised.display(),
        v.raised_public.display(),
        v.raised_matching.display(),
        v.disbursed.display(),
        v.balance.display(),
    ));
    out.push(String::new());
    for p in &c.projects {
        let figures = m::card_project_figures(
            lang,
            p.target.display(),
            p.raised.display(),
            p.raised_matching.display(),
            p.disbursed.display(),
            p.balance.display(),
            p.raised.percent_of(p.target),
        );
        out.push(format!("· {} {}  {}  {figures}", one_line(&p.code), one_line(&p.title), p.status.label(lang)));
    }
    if !c.disbursements.is_empty() {
        out.push(String::new());
        out.push(m::card_latest_disbursements(lang).to_string());
        for (project, d) in &c.disbursements {
            out.push(format!(
                "  {}  {}  {}  {}  {}",
                d.paid_on,
                one_line(project),
                d.amount.display(),
                one_line(&d.payee),
                one_line(&d.purpose)
            ));
        }
    }
    out.push(String::new());
    out.push(m::card_volunteer_hours(lang, c.volunteers.len(), c.year));
    for w in &c.volunteers {
        out.push(format!(
            "  {} {}  {}  {}",
            one_line(&w.code),
            one_line(&w.name),
            one_line(w.phone.as_deref().unwrap_or("")),
            w.served_hours
        ));
    }
    out.push(String::new());
    out.push(m::card_generated(lang, c.generated.format("%Y-%m-%d %H:%M")));
    out
}

/// Writes the card as an HTML page to `out`.
pub fn write_html(c: &VillageCard, lang: Lang, out: &Path) -> OpsResult<()> {
    std::fs::write(out, html(c, lang))?;
    Ok(())
}

/// The card as an HTML page that prints on one A4 page.
pub fn html(c: &VillageCard, lang: Lang) -> String {
    let v = &c.village;
    let mut rows = String::new();
    for p in &c.projects {
        let pct = p.raised.percent_of(p.target).min(100);
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td><div class=bar><div style=\"width:{pct}%\"></div></div>{}%</td></tr>\n",
            page::value(&p.code),
            page::value(&p.title),
            p.status.label(lang),
            p.target.grouped(),
            p.raised_public.grouped(),
            p.raised_matching.grouped(),
            p.disbursed.grouped(),
            p.balance.grouped(),
            p.raised.percent_of(p.target)
        ));
    }
    let mut disb = String::new();
    for (project, d) in &c.disbursements {
        disb.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td>{}</td><td>{}</td></tr>\n",
            d.paid_on,
            page::value(project),
            d.amount.grouped(),
            page::value(&d.payee),
            page::value(&d.purpose)
        ));
    }
    let mut vols = String::new();
    for w in &c.volunteers {
        vols.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td></tr>\n",
            page::value(&w.code),
            page::value(&w.name),
            page::value(w.phone.as_deref().unwrap_or("")),
            w.served_hours
        ));
    }
    let contact =
        c.contact.as_ref().map(|(n, p)| m::html_contact(lang, page::value(n), page::value(p))).unwrap_or_default();
    let body = format!(
        r#"<h1>{heading}</h1>
<p class=meta>{town} · {county} · {status} &nbsp; {contact}</p>
<p><b>{t_raised}</b> ¥{raised}{raised_split} &nbsp; <b>{t_disbursed}</b> ¥{disbursed} &nbsp; <b>{t_balance}</b> ¥{balance}</p>
<h2>{t_projects}</h2>
<table class=wide><thead><tr><th>{t_code}</th><th>{t_title}</th><th>{t_status}</th><th>{t_target}</th><th>{t_public}</th><th>{t_matching}</th><th>{t_disbursed}</th><th>{t_balance}</th><th>{t_progress}</th></tr></thead>
{rows}</table>
<h2>{t_latest}</h2>
<table><thead><tr><th>{t_date}</th><th>{t_project}</th><th>{t_amount}</th><th>{t_payee}</th><th>{t_purpose}</th></tr></thead>
{disb}</table>
<h2>{t_volunteers}</h2>
<table><thead><tr><th>{t_code}</th><th>{t_name}</th><th>{t_phone}</th><th>{t_hours}</th></tr></thead>
{vols}</table>
<p class=meta>{generated}</p>
"#,
        heading = m::html_heading(lang, page::value(&v.name), page::value(&v.code)),
        town = page::value(&v.town),
        county = page::value(&v.county),
        status = v.status.label(lang),
        raised = v.raised.grouped(),
        raised_split = m::html_raised_split(lang, v.raised_public.grouped(), v.raised_matching.grouped()),
        disbursed = v.disbursed.grouped(),
        balance = v.balance.grouped(),
        t_raised = m::html_raised(lang),
        t_public = m::html_public(lang),
        t_matching = m::html_matching(lang),
        t_disbursed = m::html_disbursed(lang),
        t_balance = m::html_balance(lang),
        t_projects = m::html_projects(lang),
        t_code = m::html_code(lang),
        t_title = m::html_title_column(lang),
        t_status = m::html_status(lang),
        t_target = m::html_target(lang),
        t_progress = m::html_progress(lang),
        t_latest = m::html_latest(lang),
        t_date = m::html_date(lang),
        t_project = m::html_project(lang),
        t_amount = m::html_amount(lang),
        t_payee = m::html_payee(lang),
        t_purpose = m::html_purpose(lang),
        t_volunteers = m::html_volunteers(lang),
        t_name = m::html_name(lang),
        t_phone = m::html_phone(lang),
        t_hours = m::html_hours(lang),
        generated = m::html_generated(lang, c.generated.format("%Y-%m-%d %H:%M")),
    );
    crate::ops::print::document(lang, &format!("{} · {}", v.name, m::html_title(lang)), &body)
}
