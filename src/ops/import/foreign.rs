//! Files that are not the template, in front of the checked import: each is recognised
//! by a preset (or read with the one named), its rows become template donation rows
//! (`template::adapt`), refunds are matched with their gifts — in the import or in the
//! database — and platform project ids become projects through the links the operator
//! gave. What comes out is one more sheet for the import, which checks and writes it as
//! any other: all or nothing, idempotent by 捐赠流水号, every problem at its row.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::db::{DbResult, Store};
use crate::domain::kind::key;
use crate::domain::{Donation, Kind, Project, Rule};
use crate::template::adapt::{Adapted, Figure, adapt, pair_refunds, to_sheet};
use crate::template::foreign::{ForeignFile, is_template, read_foreign};
use crate::template::preset::{Preset, Target, recognise};
use crate::template::read::{InputFile, ReadResult};
use crate::template::{Issue, Problem};

/// How the files of an import are read besides the template.
#[derive(Debug, Clone, Default)]
pub struct With {
    /// The presets that may recognise a file whose header is not the template's.
    pub presets: Vec<Preset>,
    /// Read every file with this preset (`--preset`).
    pub preset: Option<Preset>,
    /// Every gift of those files into this project (`--project`), whatever the links say.
    pub project: Option<String>,
}

/// A file read through a preset, for the import report: what its rows were, and its
/// summary against its detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bill {
    pub file: String,
    pub sheet: Option<String>,
    pub preset: String,
    pub title: String,
    pub header_row: u32,
    pub detail_rows: u64,
    /// Gifts to import (after refunds in the same import), and their total.
    pub gifts: u64,
    pub gift_fen: i64,
    pub refunds: u64,
    pub refund_fen: i64,
    pub skipped: u64,
    /// The summary's figures against the detail (empty when the file has no summary).
    pub figures: Vec<Figure>,
    pub summary_row: Option<u32>,
}

/// A platform project id no project is linked to yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlinked {
    pub id: String,
    /// The platform's name for it (or the id again).
    pub name: String,
    pub rows: u64,
}

/// What the files that are not the template gave.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The files read as the template.
    pub template: Vec<PathBuf>,
    /// The other files: their donation sheets and problems.
    pub read: ReadResult,
    pub bills: Vec<Bill>,
    /// Files no preset recognises.
    pub unmapped: Vec<PathBuf>,
    /// Platform ids to link, in the order met.
    pub unlinked: Vec<Unlinked>,
    /// Files whose preset names no project column, read without `--project`.
    pub no_project: Vec<String>,
}

/// Reads the files of an import that are not the template (all of them with
/// [`With::preset`]); the template's files are left to the template's reader.
pub fn prepare(store: &Store, paths: &[PathBuf], with: &With) -> DbResult<Prepared> {
    let mut out = Prepared::default();
    let mut adapted: Vec<Adapted> = Vec::new();
    for path in paths {
        if with.preset.is_none() && (with.presets.is_empty() || is_template(path)) {
            out.template.push(path.clone());
            continue;
        }
        let file = match read_foreign(path) {
            Ok(f) => f,
            Err(p) => {
                out.read.problems.push(*p);
                continue;
            }
        };
        out.read.files.push(InputFile { path: file.path.clone(), sha256: file.sha256.clone(), origin: usize::MAX });
        match with.preset.as_ref() {
            Some(p) => match with_preset(&file, p) {
                Ok(a) => adapted.push(a),
                Err(problem) => out.read.problems.push(*problem),
            },
            None => match recognised(&file, &with.presets) {
                Some(a) => adapted.push(a),
                None => {
                    out.unmapped.push(path.clone());
                    let label = path.display().to_string();
                    out.read.problems.push(Problem { row: Some(1), ..Problem::file(&label, Issue::Unmapped) });
                }
            },
        }
    }
    for (f, refund) in pair_refunds(&mut adapted) {
        let a = &mut adapted[f];
        let issue = match store.get::<Donation>(&refund.reference)? {
            Some(d) => Issue::RefundOfStoredGift {
                reference: d.donation_ref,
                date: d.donated_on.format("%Y-%m-%d").to_string(),
                amount_fen: d.amount.fen(),
                project: d.project_code,
            },
            None => Issue::RefundOfUnknownGift { reference: refund.reference.clone() },
        };
        a.problems.push(Problem {
            sheet: a.sheet.clone(),
            row: Some(refund.number),
            column: Some(refund.column.clone()),
            value: refund.value.clone(),
            ..Problem::file(&a.file, issue)
        });
    }
    let project = match &with.project {
        Some(code) if store.get::<Project>(code)?.is_none() => {
            let file = adapted.first().map(|a| a.file.clone()).unwrap_or_default();
            let rule = Rule::UnknownReference { what: Kind::Project.sheet(), code: code.clone() };
            out.read.problems.push(Problem::file(&file, Issue::Rule(rule)));
            None
        }
        other => other.clone(),
    };
    let links: HashMap<String, String> =
        store.platform_links()?.into_iter().map(|l| (l.platform_id, l.project_code)).collect();
    let mut unlinked: Vec<Unlinked> = Vec::new();
    for mut a in adapted {
        let preset = with.preset.iter().chain(&with.presets).find(|p| p.name == a.preset);
        let has_project_column = preset.is_some_and(|p| {
            p.column(Target::PlatformProject).is_some() || p.column(Target::Field(key::PROJECT_CODE)).is_some()
        });
        // The bill as read, before gifts whose project is unknown are held back.
        out.bills.push(bill(&a));
        let mut missing: BTreeMap<String, (String, u64)> = BTreeMap::new();
        let mut without_project = false;
        for g in a.gifts.iter_mut().filter(|g| !g.left_out) {
            let code = match (&project, &g.platform) {
                (Some(code), _) => Some(code.clone()),
                _ if g.values.get(key::PROJECT_CODE).is_some_and(|c| !c.is_empty()) => continue,
                (None, Some(id)) => match links.get(id) {
                    Some(code) => Some(code.clone()),
                    None => {
                        let name = g.platform_name.clone().unwrap_or_else(|| id.clone());
                        missing.entry(id.clone()).or_insert((name, 0)).1 += 1;
                        None
                    }
                },
                (None, None) if !has_project_column => {
                    without_project = true;
                    None
                }
                (None, None) => continue,
            };
            match code {
                Some(code) => {
                    g.values.insert(key::PROJECT_CODE, code);
                }
                // Reported once for the file (the import is refused): not row by row.
                None => g.left_out = true,
            }
        }
        if !missing.is_empty() {
            let ids: Vec<(String, String, u64)> =
                missing.iter().map(|(id, (name, rows))| (id.clone(), name.clone(), *rows)).collect();
            a.problems.push(Problem { sheet: a.sheet.clone(), ..Problem::file(&a.file, Issue::Unlinked { ids }) });
            for (id, (name, rows)) in missing {
                match unlinked.iter_mut().find(|u| u.id == id) {
                    Some(u) => u.rows += rows,
                    None => unlinked.push(Unlinked { id, name, rows }),
                }
            }
        }
        if without_project {
            a.problems.push(Problem { sheet: a.sheet.clone(), ..Problem::file(&a.file, Issue::NoProject) });
            out.no_project.push(a.file.clone());
        }
        out.read.problems.append(&mut a.problems);
        out.read.add_held_sheet(to_sheet(&a));
    }
    out.unlinked = unlinked;
    Ok(out)
}

/// The file read with the preset named: the first of its tables whose header has the
/// preset's columns, else the problem naming what the header lacks.
fn with_preset(file: &ForeignFile, preset: &Preset) -> Result<Adapted, Box<Problem>> {
    for t in &file.tables {
        if let Some(at) = preset.find_header(&t.rows) {
            return Ok(adapt(t, preset, at));
        }
    }
    // Said against the row that looks most like a header: the widest of the first rows.
    let table = file.tables.first();
    let header: Vec<String> = table
        .and_then(|t| t.rows.iter().take(crate::template::preset::HEADER_SEARCH).rev().max_by_key(|r| filled(r)))
        .map(|r| r.cells.iter().map(str::to_string).collect())
        .unwrap_or_default();
    let missing = preset.missing_in(&header).join("、");
    let label = file.path.display().to_string();
    Err(Box::new(Problem {
        sheet: table.and_then(|t| t.sheet.clone()),
        ..Problem::file(&label, Issue::NotThePreset { preset: preset.name.clone(), missing })
    }))
}

/// The cells of a row that hold something.
fn filled(r: &crate::template::RawRow) -> usize {
    r.cells.iter().filter(|c| !c.trim().is_empty()).count()
}

/// The file read with the preset that recognises one of its tables.
fn recognised(file: &ForeignFile, presets: &[Preset]) -> Option<Adapted> {
    file.tables.iter().find_map(|t| recognise(presets, &t.rows).map(|(p, at)| adapt(t, p, at)))
}

fn bill(a: &Adapted) -> Bill {
    let gifts: Vec<_> = a.gifts.iter().filter(|g| !g.left_out).collect();
    Bill {
        file: a.file.clone(),
        sheet: a.sheet.clone(),
        preset: a.preset.clone(),
        title: a.title.clone(),
        header_row: a.header_row,
        detail_rows: a.detail_rows,
        gifts: gifts.len() as u64,
        gift_fen: gifts.iter().filter_map(|g| g.amount_fen).sum(),
        refunds: a.refunds.len() as u64,
        refund_fen: a.refunds.iter().map(|r| r.amount_fen).sum(),
        skipped: a.skipped,
        figures: a.figures.clone(),
        summary_row: a.summary_row,
    }
}
