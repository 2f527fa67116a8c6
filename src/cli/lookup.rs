//! `xingfu lookup`: print a card per hit, as text or JSON. Opens the database read-only.

use std::path::Path;

use crate::db::{DonationLine, OpenMode, ProjectFigures, Store};
use crate::domain::messages as m;
use crate::domain::shown::{self, one_line};
use crate::domain::{ANONYMOUS, Lang, Money};
use crate::ops::OpsError;
use crate::ops::lookup::{Card, lookup};

use super::Exit;

pub fn run(lang: Lang, db: &Path, query: &str, json: bool, limit: i64, mask_names: bool) -> Result<Exit, OpsError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    let mut cards = lookup(&store, query, limit.max(1))?;
    if mask_names {
        crate::ops::lookup::mask_names(&mut cards);
    }
    if json {
        let text = serde_json::to_string_pretty(&cards)?;
        // The same JSON, with control and format characters as JSON escapes.
        out!("{}", shown::json(&text));
        return Ok(Exit::Ok);
    }
    if cards.is_empty() {
        out!("{}", m::nothing_matches(lang, one_line(query)));
        return Ok(Exit::Ok);
    }
    for (i, card) in cards.iter().enumerate() {
        if i > 0 {
            out!();
        }
        out_text!("{}", render(card, lang));
    }
    Ok(Exit::Ok)
}

/// A card as plain text lines; every stored text as [`one_line`] shows it.
pub fn render(card: &Card, lang: Lang) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match card {
        Card::Village { village: v, projects, volunteers } => {
            line(m::village_heading(
                lang,
                one_line(&v.code),
                one_line(&v.name),
                one_line(&v.town),
                one_line(&v.county),
                v.status.label(lang),
            ));
            let money = figures(lang, [v.target, v.raised, v.raised_matching, v.disbursed, v.balance], None);
            line(format!("  {}", m::village_projects(lang, v.projects, money)));
            for p in projects {
                line(project_line(p, lang));
            }
            let names: Vec<String> =
                volunteers.iter().map(|w| m::served_by(lang, one_line(&w.name), w.served_hours)).collect();
            line(format!("  {}", m::village_volunteers(lang, v.volunteers, v.served_hours, m::list(lang, &names))));
        }
        Card::Project { project: p, latest_donations } => {
            line(m::project_heading(
                lang,
                one_line(&p.code),
                one_line(&p.title),
                one_line(&p.village_code),
                one_line(&p.village_name),
                p.category.label(lang),
                p.status.label(lang),
            ));
            line(project_line(p, lang));
            donation_lines(&mut line, latest_donations, lang);
        }
        Card::Donor { donor: d, latest_donations } => {
            line(m::donor_heading(lang, one_line(&d.name)));
            line(format!("  {}", m::donor_totals(lang, d.donations, d.total.display(), d.first, d.last)));
            donation_lines(&mut line, latest_donations, lang);
        }
        Card::Volunteer { volunteer: w } => {
            line(m::volunteer_heading(
                lang,
                one_line(&w.code),
                one_line(&w.name),
                one_line(&w.village_code),
                one_line(&w.village_name),
                w.status.label(lang),
            ));
            line(format!("  {}", m::volunteer_served(lang, w.served_hours, w.shifts_scheduled)));
            if let Some(skills) = &w.skills {
                line(format!("  {}", m::skills(lang, one_line(skills))));
            }
        }
    }
    out
}

fn project_line(p: &ProjectFigures, lang: Lang) -> String {
    let pct = p.raised.percent_of(p.target);
    let money = figures(lang, [p.target, p.raised, p.raised_matching, p.disbursed, p.balance], Some(pct));
    format!("  · {} {}  {money}", one_line(&p.code), one_line(&p.title))
}

/// `目标 ¥…  已筹 ¥…（[n%，]配捐 ¥…）  已拨付 ¥…  结余 ¥…` from target, raised, matching,
/// disbursed and balance.
fn figures(lang: Lang, [target, raised, matching, disbursed, balance]: [Money; 5], pct: Option<i64>) -> String {
    let (target, raised, matching) = (target.display(), raised.display(), matching.display());
    let (disbursed, balance) = (disbursed.display(), balance.display());
    match pct {
        Some(pct) => m::figures_with_percent(lang, target, raised, pct, matching, disbursed, balance),
        None => m::figures(lang, target, raised, matching, disbursed, balance),
    }
}

fn donation_lines(line: &mut impl FnMut(String), donations: &[DonationLine], lang: Lang) {
    if donations.is_empty() {
        return;
    }
    line(format!("  {}", m::latest_donations(lang)));
    for d in donations {
        let matching = if d.matching { m::matching_mark(lang) } else { "" };
        line(format!(
            "    {}  {}  {}  {}{}  {}",
            d.donated_on,
            one_line(d.donor_name.as_deref().unwrap_or(ANONYMOUS)),
            d.amount.display(),
            one_line(&d.project_code),
            matching,
            one_line(&d.donation_ref)
        ));
    }
}
