//! The figures of the overview: what an office, an inspector or a trainer sees first.

use chrono::{Datelike, NaiveDate};

use crate::db::{DbResult, OfficeFigures, ProjectRow, Store, Summary};
use crate::domain::division::Level;
use crate::domain::{Office, ProjectStatus};

/// The overview figures.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    pub summary: Option<Summary>,
    pub donors: i64,
    /// Gifts without a donor's name (匿名), not among `donors`.
    pub anonymous: i64,
    /// (YYYY-MM, fen) for the last 12 months.
    pub months: Vec<(String, i64)>,
    pub statuses: Vec<(ProjectStatus, i64)>,
    /// Projects that need attention (past their end, or holding a large balance).
    pub attention: Vec<ProjectRow>,
    /// Disclosures overdue or due within a month, most urgent first (at most five), and
    /// how many there are in all.
    pub due: Vec<super::report::due::Due>,
    pub due_count: usize,
    /// The database's office (stored or inferred).
    pub office: Option<Office>,
    /// Per office holding records, when more than one does (a city or province database
    /// with its counties' exports): each county's figures, by code, the database's own
    /// first.
    pub offices: Vec<OfficeLine>,
}

/// One office of the overview's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeLine {
    pub name: String,
    /// The city it lies in, in a province's database (the table groups by it).
    pub city: Option<String>,
    pub figures: OfficeFigures,
}

/// The overview lists disclosures falling due within this many days.
pub const DUE_WITHIN_DAYS: u32 = 30;

/// A balance above this many fen not yet disbursed needs attention (¥10,000).
const LARGE_BALANCE_FEN: i64 = 1_000_000;

/// The overview as of `today`: totals, donors, donations per month for the last year, projects
/// by status, and the five projects that most need attention.
pub fn figures(store: &Store, today: NaiveDate) -> DbResult<Overview> {
    let from = today - chrono::Duration::days(366);
    let start = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
    let (due, due_count) = super::report::due::soonest(store, today, DUE_WITHIN_DAYS, 5)?;
    Ok(Overview {
        summary: Some(store.summary()?),
        donors: store.donor_count()?,
        anonymous: store.anonymous_gifts()?,
        months: store.donations_by_month(start)?,
        statuses: store.projects_by_status()?,
        attention: store.attention(today, LARGE_BALANCE_FEN, 5)?,
        due,
        due_count,
        office: store.office_or_inferred()?,
        offices: office_lines(store)?,
    })
}

/// The offices holding records, when there is more than one, with their names: a
/// county's as its export named it; the database's own as its office.
pub fn office_lines(store: &Store) -> DbResult<Vec<OfficeLine>> {
    let held = store.held_offices()?;
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let own = store.office_or_inferred()?;
    let province = own.as_ref().is_some_and(|o| o.level() == Level::Province);
    let mut lines = Vec::new();
    for f in store.office_figures()? {
        let (name, city) = match f.office {
            None if f.villages == 0 && f.projects == 0 => continue,
            None => (own.as_ref().map(|o| o.name.clone()).unwrap_or_default(), None),
            Some(code) => {
                let name = held.iter().find(|h| h.code == code).map(|h| h.name.clone());
                let city = code.city().and_then(|c| c.name()).map(str::to_string).filter(|_| province);
                (name.or_else(|| code.name().map(str::to_string)).unwrap_or_else(|| code.to_string()), city)
            }
        };
        lines.push(OfficeLine { name, city, figures: f });
    }
    // A province's table goes city by city (stable: counties stay in code order).
    lines.sort_by_key(|l| l.figures.office.and_then(|c| c.city()).filter(|_| province));
    Ok(if lines.len() > 1 { lines } else { Vec::new() })
}
