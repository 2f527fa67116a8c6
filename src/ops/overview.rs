//! The figures of the overview: what an office, an inspector or a trainer sees first.

use chrono::{Datelike, NaiveDate};

use crate::db::{DbResult, ProjectRow, Store, Summary};
use crate::domain::ProjectStatus;

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
    let due = super::report::due::open_duties(store, today, DUE_WITHIN_DAYS, None)?;
    Ok(Overview {
        summary: Some(store.summary()?),
        donors: store.donor_count()?,
        anonymous: store.anonymous_gifts()?,
        months: store.donations_by_month(start)?,
        statuses: store.projects_by_status()?,
        attention: store.attention(today, LARGE_BALANCE_FEN, 5)?,
        due: due.iter().take(5).cloned().collect(),
        due_count: due.len(),
    })
}
