//! What the console shows of the selected village, project or volunteer.

use crate::db::{DbResult, DisbursementRow, DonationLine, ProjectFigures, ShiftRow, Store, VillageFigures};
use crate::domain::Village;

/// The selected village: its figures and its contact (name, phone).
#[derive(Debug, Clone, Default)]
pub struct VillageDetail {
    pub figures: Option<VillageFigures>,
    pub contact: Option<(String, String)>,
}

/// The selected project: its figures and its three latest donations.
#[derive(Debug, Clone, Default)]
pub struct ProjectDetail {
    pub figures: Option<ProjectFigures>,
    pub recent: Vec<DonationLine>,
    /// Its carry-overs, in and out, latest first.
    pub carry_overs: Vec<crate::domain::CarryOver>,
}

/// Disbursements and shifts shown beside their project or volunteer, at most this many.
const SHOWN: i64 = 200;

pub fn village(store: &Store, code: Option<&str>) -> DbResult<VillageDetail> {
    let Some(code) = code else { return Ok(VillageDetail::default()) };
    Ok(VillageDetail {
        figures: store.village_figures(code)?,
        contact: store
            .get::<Village>(code)?
            .and_then(|v| v.contact_name.map(|n| (n, v.contact_phone.unwrap_or_default()))),
    })
}

pub fn project(store: &Store, code: Option<&str>) -> DbResult<ProjectDetail> {
    let Some(code) = code else { return Ok(ProjectDetail::default()) };
    let sel = crate::db::Selection { projects: vec![code.to_string()], ..Default::default() };
    let mut carry_overs = Vec::new();
    store.each_selected::<crate::domain::CarryOver, crate::db::DbError>(&sel, |c| {
        carry_overs.push(c);
        Ok(())
    })?;
    carry_overs.sort_by(|a, b| (b.transferred_on, &b.transfer_ref).cmp(&(a.transferred_on, &a.transfer_ref)));
    Ok(ProjectDetail { figures: store.project_figures(code)?, recent: store.latest_donations(code, 3)?, carry_overs })
}

/// The latest disbursements of a project, newest first.
pub fn disbursements(store: &Store, project: Option<&str>) -> DbResult<Vec<DisbursementRow>> {
    match project {
        Some(code) => store.disbursements_of(code, 50),
        None => Ok(Vec::new()),
    }
}

/// A volunteer's shifts by date.
pub fn shifts(store: &Store, volunteer: Option<&str>) -> DbResult<Vec<ShiftRow>> {
    match volunteer {
        Some(code) => store.shifts_of(code, SHOWN),
        None => Ok(Vec::new()),
    }
}
