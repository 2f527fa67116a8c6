//! A donor's history for the console: their record, what they gave by year and by project,
//! and how many other donors share their name.

use crate::db::{DbResult, DonorRecord, DonorTotal, Store};

/// What the donor view shows above the list of gifts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DonorSummary {
    pub donor: DonorRecord,
    pub years: Vec<DonorTotal>,
    pub projects: Vec<DonorTotal>,
    /// Other donors of the same name (kept apart: different phones or codes, or none).
    pub same_name: i64,
}

/// The summary of donor `id`, if there is one.
pub fn summary(store: &Store, id: i64) -> DbResult<Option<DonorSummary>> {
    let Some(donor) = store.donor(id)? else { return Ok(None) };
    Ok(Some(DonorSummary {
        years: store.donor_years(id)?,
        projects: store.donor_projects(id)?,
        same_name: store.donors_sharing_name(id)?,
        donor,
    }))
}
