//! A unit of an import beyond its rows: a county's export checked against the one the
//! database holds before its rows are read; after them, the opening balances of a
//! period export, the county's records its new export no longer holds removed, and
//! what changed since the last export, said and recorded.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::plan::Unit;
use super::{Acc, UnitJob};
use crate::db::{Batch, DbResult, OpeningOutcome, Rollup, SWEEP_ORDER};
use crate::domain::messages as m;
use crate::domain::{DivisionCode, Kind, Lang, Rule};
use crate::ops::records::Record;
use crate::template::source::{SourceIssue, period_words};
use crate::template::{Issue, Problem};

/// Rows of one kind of a county's export against what the database held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowChanges {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Records the new export no longer holds, removed.
    pub removed: u64,
}

/// What a county's export changed in a city or province database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupChange {
    pub office: DivisionCode,
    pub name: String,
    /// When the export it replaces was made; `None` for the county's first.
    pub previous: Option<NaiveDateTime>,
    pub exported_at: NaiveDateTime,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub counts: BTreeMap<Kind, RowChanges>,
    /// Opening balances set, changed or cleared.
    pub openings: u64,
    /// The database already held this very export (the same files): nothing was read.
    pub same_export: bool,
}

impl RollupChange {
    /// What the audit log keeps of it.
    pub fn detail(&self) -> serde_json::Value {
        serde_json::json!({
            "office": self.office.to_string(),
            "name": self.name,
            "previous": self.previous.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
            "exported_at": self.exported_at.format("%Y-%m-%d %H:%M:%S").to_string(),
            "period_from": self.period_from.map(|d| d.to_string()),
            "period_to": self.period_to.map(|d| d.to_string()),
            "openings": self.openings,
            "same_export": self.same_export,
            "counts": self.counts.iter().map(|(k, c)| (k.key().to_string(), serde_json::json!({
                "inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged, "removed": c.removed,
            }))).collect::<serde_json::Map<_, _>>(),
        })
    }

    /// The summary in the operator's language: which export replaced which, then per sheet.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let time = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        let period = period_words(self.period_from, self.period_to, lang);
        let mut out = vec![match (self.same_export, self.previous) {
            (true, _) => m::rollup_same(lang, &self.name, self.office, time(self.exported_at)),
            (false, None) => m::rollup_first(lang, &self.name, self.office, time(self.exported_at), period),
            (false, Some(previous)) => {
                m::rollup_replaced(lang, &self.name, self.office, time(self.exported_at), time(previous), period)
            }
        }];
        for (kind, c) in &self.counts {
            out.push(m::rollup_kind(lang, kind.name(lang), c.inserted, c.updated, c.removed, c.unchanged));
        }
        if self.openings > 0 {
            out.push(m::rollup_openings(lang, self.openings));
        }
        out
    }
}

/// Whether a unit goes on.
pub(super) enum Before {
    /// Read and write its rows (with, for a county's export, what it is to say).
    Proceed(Option<RollupChange>),
    /// Refused, or the database already holds it.
    Stop,
}

/// A county's export against the one the database holds: an older one, or one of
/// another period than the database's, is refused; the very same one is left as it is.
pub(super) fn before(batch: &Batch<'_>, job: &UnitJob<'_>, unit: &Unit, acc: &mut Acc) -> DbResult<Before> {
    let (Some(county), Some(source)) = (unit.county, &unit.source) else { return Ok(Before::Proceed(None)) };
    let held = batch.held(county)?;
    let exported = source.exported_at.unwrap_or(job.now);
    let name = source.office_name.clone().or_else(|| county.name().map(str::to_string)).unwrap_or_default();
    if let Some(held_at) = held.as_ref().and_then(|h| h.exported_at)
        && exported < held_at
    {
        let issue = SourceIssue::OlderThanHeld { name, held: held_at, found: exported };
        acc.file_problems.push(source.problem(Issue::Source(issue)));
        return Ok(Before::Stop);
    }
    let period = (source.period_from, source.period_to);
    if let Some(held_period) = batch.held_period()?
        && held_period != period
    {
        let issue = SourceIssue::OtherPeriod { held: held_period, found: period };
        acc.file_problems.push(source.problem(Issue::Source(issue)));
        return Ok(Before::Stop);
    }
    let mut change = RollupChange {
        office: county,
        name,
        previous: held.as_ref().and_then(|h| h.exported_at),
        exported_at: exported,
        period_from: period.0,
        period_to: period.1,
        counts: BTreeMap::new(),
        openings: 0,
        same_export: false,
    };
    let same_files = |json: &str| shas(json) == shas(&files_json(job, source.origin));
    if held.is_some_and(|h| h.exported_at == Some(exported) && same_files(&h.files)) {
        change.same_export = true;
        acc.rollups.push(change);
        return Ok(Before::Stop);
    }
    Ok(Before::Proceed(Some(change)))
}

/// The files that came in one path, as the database records them: path and SHA-256.
fn files_json(job: &UnitJob<'_>, origin: usize) -> String {
    let files: Vec<serde_json::Value> = job
        .read
        .files
        .iter()
        .filter(|f| f.origin == origin)
        .map(|f| serde_json::json!({ "path": f.path.display().to_string(), "sha256": f.sha256 }))
        .collect();
    serde_json::Value::Array(files).to_string()
}

/// The SHA-256 of each file of a recorded list, sorted (the same files moved elsewhere
/// are the same export).
fn shas(json: &str) -> Vec<String> {
    let list: Vec<serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
    let mut out: Vec<String> =
        list.iter().filter_map(|f| f.get("sha256").and_then(|s| s.as_str()).map(str::to_string)).collect();
    out.sort();
    out
}

/// After a unit's rows: opening balances, the records a county's new export no longer
/// holds, the export recorded, the office named.
pub(super) fn after(
    batch: &mut Batch<'_>,
    job: &UnitJob<'_>,
    unit: &Unit,
    change: &mut Option<RollupChange>,
    acc: &mut Acc,
) -> DbResult<()> {
    let read = job.read;
    let rollup = unit.county.is_some();
    let first_file = || unit.sheets.first().map(|&i| read.sheets[i].file.clone()).unwrap_or_default();
    let from = unit.source.as_ref().and_then(|s| s.period_from);
    let mut openings_changed = 0u64;
    if let Some(from) = from {
        let sheets: Vec<&crate::template::source::Openings> =
            unit.openings.iter().map(|&i| &read.openings[i]).collect();
        let rows: Vec<(String, i64)> =
            sheets.iter().flat_map(|o| o.rows.iter().map(|r| (r.project_code.clone(), r.amount.fen()))).collect();
        let (outcomes, cleared) = batch.apply_openings(&rows, from, rollup)?;
        openings_changed += cleared;
        let located = sheets.iter().flat_map(|o| o.rows.iter().map(move |r| (*o, r)));
        for ((sheet, row), outcome) in located.zip(outcomes) {
            match outcome {
                OpeningOutcome::Set | OpeningOutcome::Replaced => openings_changed += 1,
                OpeningOutcome::Unchanged => {}
                OpeningOutcome::Differs(held_fen) => {
                    let issue = SourceIssue::OpeningDiffers { project: row.project_code.clone(), on: from, held_fen };
                    acc.file_problems.push(sheet.problem(row, true, Issue::Source(issue)));
                }
                OpeningOutcome::Unknown => {
                    let rule = Rule::UnknownReference { what: Kind::Project.sheet(), code: row.project_code.clone() };
                    acc.file_problems.push(sheet.problem(row, false, Issue::Rule(rule)));
                }
            }
        }
        for (project, on) in batch.records_before_opening()? {
            let file = sheets.first().map_or_else(first_file, |o| o.file.clone());
            let sheet = sheets.first().and_then(|o| o.sheet.clone());
            let issue = Issue::Source(SourceIssue::BeforeOpening { project, on });
            acc.file_problems.push(Problem { sheet, ..Problem::file(&file, issue) });
        }
    } else if rollup {
        // A full export: the county's projects hold no opening balances any more.
        let (_, cleared) = batch.apply_openings(&[], job.now.date(), true)?;
        openings_changed += cleared;
    }
    acc.other_changes += openings_changed;
    if let (Some(county), Some(source), Some(change)) = (unit.county, &unit.source, change.as_mut()) {
        change.openings = openings_changed;
        let mut kept = batch.take_tracked();
        for kind in SWEEP_ORDER {
            let ids = kept.entry(kind).or_default();
            let swept = Record::sweep(batch, kind, ids)?;
            if swept.removed > 0 {
                change.counts.entry(kind).or_default().removed = swept.removed;
                acc.other_changes += swept.removed;
            }
            if let Some((code, by)) = swept.still_referred {
                let issue = SourceIssue::StillReferred { kind: kind.sheet().to_string(), code, by: by.to_string() };
                acc.file_problems.push(Problem::file(&first_file(), Issue::Source(issue)));
                break;
            }
        }
        batch.record_rollup(
            &Rollup {
                office: county,
                name: change.name.clone(),
                exported_at: change.exported_at,
                period_from: change.period_from,
                period_to: change.period_to,
                format_version: source.format_version.unwrap_or(crate::template::source::FORMAT_VERSION),
                files: files_json(job, source.origin),
            },
            job.now,
        )?;
        acc.other_changes += 1;
    }
    batch.track_ids(false);
    if let Some(office) = &unit.names
        && batch.name_office_if_unset(office)?
    {
        acc.other_changes += 1;
    }
    Ok(())
}
