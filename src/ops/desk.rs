//! The console's desk: every read and write the console makes, in one list.
//!
//! The console never holds a [`Store`]; it holds a `Desk`, and a `Desk` offers only what a
//! console may do (the same operations the command line uses, from the modules beside
//! this one). A new thing the console needs from the database is a method here, and its
//! test lives with the operation it calls.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::{
    AuditEntry, ChangeSetRow, DbError, DbResult, DisbursementRow, DonationRow, DonationSort, DonationTotals, ListQuery,
    LogSort, OpenMode, ProjectFigures, ProjectRow, ProjectSort, Scope, Selection, ShiftRow, Store, Stored, Summary,
    VillageRow, VillageSort, VolunteerFigures, VolunteerRow, VolunteerSort,
};
use crate::domain::kind::key;
use crate::domain::{Donation, Kind, Lang, Rule, ShiftStatus};

use super::OpsResult;
use super::audit::HistoryItem;
use super::backup::Backup;
use super::card::VillageCard;
use super::details::{ProjectDetail, VillageDetail};
use super::export::Masking;
use super::export::{ExportCounts, Format};
use super::import::{ImportOptions, ImportReport, Progress};
use super::overview::Overview;
use super::records::Record;
use super::report::due::Due;
use super::training::Sandbox;

/// The console's handle on one office database.
pub struct Desk {
    store: Store,
}

impl From<Store> for Desk {
    fn from(store: Store) -> Desk {
        Desk { store }
    }
}

impl Desk {
    /// Opens the database at `path` (a worker's own connection, for a job).
    pub fn open(path: &Path, mode: OpenMode, operator: &str) -> DbResult<Desk> {
        Store::open(path, mode, operator).map(Desk::from)
    }

    /// Opens the training sandbox (made from the demo data when missing) for `operator`.
    pub fn training(operator: &str) -> OpsResult<(Desk, Sandbox)> {
        let (store, sandbox) = super::training::open(operator)?;
        Ok((Desk::from(store), sandbox))
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    pub fn operator(&self) -> &str {
        self.store.operator()
    }

    /// Another operator takes over; refused when the name is empty.
    pub fn set_operator(&mut self, name: &str) -> DbResult<()> {
        self.store.set_operator(name)
    }

    /// Changes are recorded at `at` instead of the clock's time (tests and screenshots).
    pub fn set_clock(&mut self, at: Option<NaiveDateTime>) {
        self.store.set_clock(at);
    }

    /// The change-set this console committed last.
    pub fn last_change_set(&self) -> Option<i64> {
        self.store.last_change_set()
    }

    // ----- the audit trail -----

    /// The operators the log names, most recent first.
    pub fn operators(&self, limit: i64) -> DbResult<Vec<String>> {
        self.store.operators(limit)
    }

    pub fn change_sets_count(&self, q: &ListQuery<LogSort>) -> DbResult<i64> {
        self.store.change_sets_count(q)
    }

    pub fn change_sets_page(&self, q: &ListQuery<LogSort>, offset: i64, limit: i64) -> DbResult<Vec<ChangeSetRow>> {
        self.store.change_sets_page(q, offset, limit)
    }

    /// The first `limit` rows of a change-set.
    pub fn change_set_entries(&self, id: i64, limit: i64) -> DbResult<Vec<AuditEntry>> {
        self.store.change_set_entries(id, 0, limit)
    }

    pub fn change_set(&self, id: i64) -> DbResult<Option<ChangeSetRow>> {
        self.store.change_set(id)
    }

    /// A change-set and its first `limit` rows, as lines.
    pub fn change_set_lines(
        &self,
        set: &ChangeSetRow,
        lang: Lang,
        masking: Masking,
        limit: i64,
    ) -> DbResult<Vec<String>> {
        super::audit::change_set_lines(&self.store, set, lang, masking, limit)
    }

    /// A record's history, newest first.
    pub fn record_history(
        &self,
        kind: Kind,
        code: &str,
        lang: Lang,
        masking: Masking,
        limit: i64,
    ) -> DbResult<Vec<HistoryItem>> {
        super::audit::record_history(&self.store, kind, code, lang, masking, limit)
    }

    /// Reverts a change-set as this console's operator; returns the new change-set.
    pub fn revert(&mut self, id: i64) -> OpsResult<i64> {
        super::audit::revert(&mut self.store, id)
    }

    // ----- records -----

    pub fn get<R: Stored>(&self, code: &str) -> DbResult<Option<R>> {
        self.store.get(code)
    }

    pub fn load(&self, kind: Kind, code: &str) -> DbResult<Option<Record>> {
        Record::load(&self.store, kind, code)
    }

    /// Saves a form: a new record, or `code` changed from what the form was opened on
    /// (`seen`), refused when someone else changed it meanwhile.
    /// New donations, disbursements and carry-overs into a completed or closed project
    /// are refused.
    /// A shift dated after `today` cannot be saved as served.
    pub fn save(
        &mut self,
        record: &Record,
        code: Option<&str>,
        seen: Option<&Record>,
        today: Option<NaiveDate>,
    ) -> DbResult<()> {
        // New money into a closed project, or money moved into one by an edit.
        let moved = match (record, seen) {
            (Record::Donation(a), Some(Record::Donation(b))) => a.project_code != b.project_code,
            (Record::Disbursement(a), Some(Record::Disbursement(b))) => a.project_code != b.project_code,
            (Record::CarryOver(a), Some(Record::CarryOver(b))) => a.to_project != b.to_project,
            _ => true,
        };
        if code.is_none() || moved {
            self.refuse_closed(record)?;
        }
        if let (Record::Shift(s), Some(today)) = (record, today) {
            super::shifts::not_served_ahead(s, today)?;
        }
        match code {
            Some(code) => record.update(&mut self.store, code, seen),
            None => record.insert(&mut self.store).map(|_| ()),
        }
    }

    pub fn delete(&mut self, kind: Kind, code: &str) -> DbResult<()> {
        Record::delete(&mut self.store, kind, code)
    }

    /// Saves a batch of donations entered on `day`; returns their serials.
    pub fn save_batch(&mut self, donations: &[Donation], day: &str) -> DbResult<Vec<String>> {
        for d in donations.iter().take(1) {
            self.refuse_closed(&Record::Donation(d.clone()))?;
        }
        super::batch::save_donations(&mut self.store, donations, day)
    }

    fn refuse_closed(&self, record: &Record) -> DbResult<()> {
        let closed = super::report::closing::closed_target(&self.store, record)?;
        let Some(project) = closed else { return Ok(()) };
        let (field, rule) = match record {
            Record::CarryOver(_) => (key::TO_PROJECT, Rule::CarryOverToClosed { project }),
            _ => (key::PROJECT_CODE, Rule::ProjectClosed { project }),
        };
        Err(DbError::Rejected {
            kind: record.kind(),
            code: record.texts().first().cloned().unwrap_or_default(),
            field,
            rule,
        })
    }

    /// `base` if no record of `kind` has that code, else the first free `base-2`, `base-3` …
    pub fn free_code(&self, kind: Kind, base: &str) -> DbResult<String> {
        let candidates = (1..1000).map(|n| if n == 1 { base.to_string() } else { format!("{base}-{n}") });
        self.first_free(kind, candidates, base.to_string())
    }

    /// The first of `candidates` that no record of `kind` has, else `fallback`.
    fn first_free(&self, kind: Kind, candidates: impl Iterator<Item = String>, fallback: String) -> DbResult<String> {
        for code in candidates {
            if self.load(kind, &code)?.is_none() {
                return Ok(code);
            }
        }
        Ok(fallback)
    }

    /// The first free serial of `day` in the form batch entry gives (`LR<day>-NNNN`), for
    /// a donation entered on its own.
    pub fn next_donation_serial(&self, day: &str) -> DbResult<String> {
        let candidates = (1..100_000).map(|n| super::batch::serial(day, n));
        self.first_free(Kind::Donation, candidates, super::batch::serial(day, 1))
    }

    /// Whether the project is completed or closed (no new money is entered for it).
    pub fn project_closed(&self, code: &str) -> DbResult<bool> {
        super::report::closing::is_closed(&self.store, code)
    }

    /// Closes a project whose balance is zero (结项).
    pub fn close_project(&mut self, code: &str, today: NaiveDate) -> OpsResult<super::report::closing::Closing> {
        super::report::closing::close(&mut self.store, code, today)
    }

    /// The statement of `scope` for `from..=to`, as lines.
    pub fn statement(
        &self,
        scope: Scope,
        from: NaiveDate,
        to: NaiveDate,
        lang: Lang,
        now: NaiveDateTime,
    ) -> OpsResult<Vec<String>> {
        let st = super::report::statement::build(&self.store, scope, from, to)?;
        Ok(super::report::lines(&super::report::statement::report(&st, lang, now)))
    }

    /// Disclosures not yet made that fall due by `today + within` days, most urgent first.
    pub fn open_duties(&self, today: NaiveDate, within: u32, project: Option<&str>) -> DbResult<Vec<Due>> {
        super::report::due::open_duties(&self.store, today, within, project)
    }

    pub fn mark_shift(&mut self, code: &str, status: ShiftStatus, today: NaiveDate) -> DbResult<()> {
        super::shifts::mark(&mut self.store, code, status, today)
    }

    // ----- offices -----

    /// The office the database belongs to (stored, else inferred from its villages).
    pub fn office(&self) -> DbResult<Option<crate::domain::Office>> {
        self.store.office_or_inferred()
    }

    /// Whether the database has named its office (or can infer it): when not, the
    /// console asks once.
    pub fn office_unknown(&self) -> DbResult<bool> {
        Ok(self.store.office_or_inferred()?.is_none())
    }

    /// Names the database's office from a typed division code.
    pub fn name_office(&mut self, code: &str) -> DbResult<crate::domain::Office> {
        let office = super::office::parse(code, None)?;
        self.store.set_office(&office)?;
        Ok(office)
    }

    /// The county whose rolled-up records the lists and lookups by code show (`None`:
    /// the database's own).
    pub fn focus(&self) -> Option<crate::domain::DivisionCode> {
        self.store.focus()
    }

    /// Refused while the focus is on a county's rolled-up records (they change only with
    /// that county's next export), with the reason.
    pub fn own_records(&self) -> DbResult<()> {
        self.store.own_records()
    }

    /// The county a console opens on in a city's database whose own records hold no
    /// village (the first county held); `None` otherwise.
    pub fn first_county(&self) -> DbResult<Option<crate::domain::DivisionCode>> {
        let held = self.store.held_offices()?;
        if held.is_empty() || self.store.own_villages()? > 0 {
            return Ok(None);
        }
        Ok(held.first().map(|h| h.code))
    }

    pub fn set_focus(&self, focus: Option<crate::domain::DivisionCode>) {
        self.store.set_focus(focus)
    }

    /// The villages detail of a village of `office` (the villages list shows every office).
    pub fn village_detail_in(
        &self,
        office: Option<crate::domain::DivisionCode>,
        code: Option<&str>,
    ) -> DbResult<VillageDetail> {
        let was = self.store.focus();
        self.store.set_focus(office);
        let detail = super::details::village(&self.store, code);
        self.store.set_focus(was);
        detail
    }

    // ----- figures -----

    pub fn overview(&self, today: NaiveDate) -> DbResult<Overview> {
        super::overview::figures(&self.store, today)
    }

    pub fn summary(&self) -> DbResult<Summary> {
        self.store.summary()
    }

    pub fn project_figures(&self, code: &str) -> DbResult<Option<ProjectFigures>> {
        self.store.project_figures(code)
    }

    pub fn volunteer_figures(&self, code: &str) -> DbResult<Option<VolunteerFigures>> {
        self.store.volunteer_figures(code)
    }

    pub fn audit_log(&self, limit: i64) -> DbResult<Vec<AuditEntry>> {
        self.store.audit_log(limit)
    }

    /// A village's card (masked for an inspector).
    pub fn card(&self, code: &str, now: NaiveDateTime, mask: bool) -> DbResult<Option<VillageCard>> {
        super::card::build(&self.store, code, now, mask)
    }

    // ----- lists -----

    pub fn villages_count(&self, q: &ListQuery<VillageSort>) -> DbResult<i64> {
        self.store.villages_count(q)
    }

    pub fn villages_page(&self, q: &ListQuery<VillageSort>, offset: i64, limit: i64) -> DbResult<Vec<VillageRow>> {
        self.store.villages_page(q, offset, limit)
    }

    pub fn projects_count(&self, q: &ListQuery<ProjectSort>) -> DbResult<i64> {
        self.store.projects_count(q)
    }

    pub fn projects_page(&self, q: &ListQuery<ProjectSort>, offset: i64, limit: i64) -> DbResult<Vec<ProjectRow>> {
        self.store.projects_page(q, offset, limit)
    }

    pub fn volunteers_count(&self, q: &ListQuery<VolunteerSort>) -> DbResult<i64> {
        self.store.volunteers_count(q)
    }

    pub fn volunteers_page(
        &self,
        q: &ListQuery<VolunteerSort>,
        offset: i64,
        limit: i64,
    ) -> DbResult<Vec<VolunteerRow>> {
        self.store.volunteers_page(q, offset, limit)
    }

    pub fn donations_page(&self, q: &ListQuery<DonationSort>, offset: i64, limit: i64) -> DbResult<Vec<DonationRow>> {
        self.store.donations_page(q, offset, limit)
    }

    pub fn donations_beyond(
        &self,
        q: &ListQuery<DonationSort>,
        edge: &DonationRow,
        forward: bool,
        limit: i64,
    ) -> DbResult<Vec<DonationRow>> {
        self.store.donations_beyond(q, edge, forward, limit)
    }

    pub fn donations_last(&self, q: &ListQuery<DonationSort>, limit: i64) -> DbResult<Vec<DonationRow>> {
        self.store.donations_last(q, limit)
    }

    pub fn donation_totals(&self, q: &ListQuery<DonationSort>) -> DbResult<DonationTotals> {
        self.store.donation_totals(q)
    }

    /// The count of a donations list (from its totals).
    pub fn donations_count(&self, q: &ListQuery<DonationSort>) -> DbResult<i64> {
        Ok(self.store.donation_totals(q)?.count)
    }

    pub fn village_detail(&self, code: Option<&str>) -> DbResult<VillageDetail> {
        super::details::village(&self.store, code)
    }

    pub fn project_detail(&self, code: Option<&str>) -> DbResult<ProjectDetail> {
        super::details::project(&self.store, code)
    }

    pub fn disbursements(&self, project: Option<&str>) -> DbResult<Vec<DisbursementRow>> {
        super::details::disbursements(&self.store, project)
    }

    pub fn shifts(&self, volunteer: Option<&str>) -> DbResult<Vec<ShiftRow>> {
        super::details::shifts(&self.store, volunteer)
    }

    // ----- search -----

    /// The ids of the records of `kind` best matching `text`.
    pub fn fuzzy_ids(&self, kind: Kind, text: &str, limit: usize) -> DbResult<Vec<i64>> {
        super::search::fuzzy_ids(&self.store, kind, text, limit)
    }

    /// The donor names best matching `text`.
    pub fn fuzzy_donors(&self, text: &str, limit: usize) -> DbResult<Vec<String>> {
        super::search::fuzzy_donors(&self.store, text, limit)
    }

    /// (code, label) pairs for a pick-list.
    pub fn pick(&self, kind: Kind, text: &str, limit: i64) -> DbResult<Vec<(String, String)>> {
        super::search::pick_records(&self.store, kind, text, limit)
    }

    // ----- files -----

    pub fn backup(&self) -> DbResult<Backup> {
        super::backup::backup(&self.store, None)
    }

    /// Puts the training sandbox back to its pristine copy.
    pub fn reset_training(&mut self, sandbox: &Sandbox) -> DbResult<()> {
        super::training::reset(&mut self.store, sandbox)
    }

    /// Imports template files, and files that are not the template through presets.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        with: &super::import::With,
        opts: ImportOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> DbResult<ImportReport> {
        super::import::import_with(&mut self.store, paths, with, opts, progress)
    }

    /// Remembers which project a platform project id stands for.
    pub fn link_platform(&mut self, platform_id: &str, project: &str, label: Option<&str>) -> DbResult<()> {
        self.store.link_platform(platform_id, project, label)
    }

    pub fn export(
        &self,
        out: &Path,
        format: Format,
        sel: &Selection,
        masking: super::export::Masking,
        progress: &mut dyn FnMut(u64, u64),
    ) -> OpsResult<ExportCounts> {
        super::export::export_masked(&self.store, out, format, sel, masking, progress)
    }
}

/// Receipts, donors and certificates (issue 13).
impl Desk {
    /// The next free receipt number, passing over those unsaved slips hold: (code, number).
    pub fn next_receipt_after(&self, taken: &[(String, String)]) -> DbResult<(String, String)> {
        self.store.next_receipt_after(taken)
    }

    /// Voids a donation's receipt and gives it the next free number: (old, code, number).
    pub fn replace_receipt(
        &mut self,
        donation: &str,
        today: NaiveDate,
        reason: &str,
    ) -> DbResult<(String, String, String)> {
        self.store.replace_receipt(donation, today, Some(reason))
    }

    /// The donor of a donation (none for an anonymous gift).
    pub fn donor_of(&self, donation: &str) -> DbResult<Option<i64>> {
        self.store.donor_of(donation)
    }

    /// Donors matching `text`, as (value `#id`, label) for a pick-list; phones masked.
    pub fn pick_donors(&self, text: &str, limit: i64, lang: Lang) -> DbResult<Vec<(String, String)>> {
        Ok(self
            .store
            .find_donors(text, limit)?
            .into_iter()
            .map(|d| {
                let phone = d.phone.as_deref().map(crate::domain::phone::mask_phone).unwrap_or_default();
                let code = d.code.clone().unwrap_or_default();
                let totals = crate::domain::messages::donor_view_totals(lang, d.gifts, d.total.grouped());
                (format!("#{}", d.id), format!("{} {phone} {code} · {totals}", d.name))
            })
            .collect())
    }

    /// A donor's record, totals by year and by project, and how many share the name.
    pub fn donor_view(&self, id: i64) -> DbResult<Option<super::donors::DonorSummary>> {
        super::donors::summary(&self.store, id)
    }

    /// One page of a donor's gifts, newest first.
    pub fn donor_gifts(&self, id: i64, offset: i64, limit: i64) -> DbResult<Vec<crate::db::DonorGift>> {
        self.store.donor_gifts(id, offset, limit)
    }

    /// A volunteer's served hours by year and by project.
    pub fn volunteer_hours(&self, code: &str) -> DbResult<(Vec<crate::db::HoursLine>, Vec<crate::db::HoursLine>)> {
        Ok((self.store.volunteer_hours_by_year(code)?, self.store.volunteer_hours_by_project(code)?))
    }

    /// Issues a volunteer certificate for `from..=to` into `out` (see
    /// [`super::certificate::issue`]).
    pub fn issue_certificate(
        &mut self,
        volunteer: &str,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        out: &Path,
        lang: Lang,
    ) -> OpsResult<super::certificate::Certificate> {
        super::certificate::issue(&mut self.store, volunteer, from, to, None, today, out, lang)
    }
}
