//! The import as it was before issue 16 (read every row, check every row, then write
//! every row in a second pass), kept here only as the reference the streaming import is
//! compared with (`tests/import_stream_matches.rs`). Copied from `src/ops/import.rs` at
//! commit db73631; only the paths of its imports changed.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::json;

use xingfu::db::{Batch, Breach, DbError, DbResult, Outcome, Store};
use xingfu::domain::kind::key;
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, ImportReport, Progress};
use xingfu::ops::records::Record;
use xingfu::template::read::read_inputs;
use xingfu::template::{Issue, Problem, RawRow, Sheet};

/// A row that passed the value rules: its sheet and row index. Rows are parsed again
/// when written, so a million-row import never holds a million records.
#[derive(Clone, Copy)]
struct Located {
    sheet: u32,
    row: u32,
}

fn parse(kind: Kind, sheet: &Sheet, row: &RawRow) -> Result<Record, Vec<FieldError>> {
    Record::parse(kind, &sheet.view(row))
}

fn put(batch: &mut Batch<'_>, record: &Record, update: bool) -> DbResult<Outcome> {
    record.put(batch, update)
}

/// A problem at one cell of a sheet.
fn at(sheet: &Sheet, row: &RawRow, field: &str, issue: Issue) -> Problem {
    let value = sheet.index.get(field).and_then(|&i| row.cells.get(i)).map(str::to_string).unwrap_or_default();
    Problem {
        file: sheet.file.clone(),
        sheet: sheet.sheet.clone(),
        row: Some(row.number),
        column: Some(sheet.header_of(field)),
        value,
        issue,
    }
}

/// Parses a row that is known to pass the value rules.
fn reparse(sheets: &[Sheet], loc: Located) -> Option<Record> {
    let sheet = &sheets[loc.sheet as usize];
    parse(sheet.kind, sheet, &sheet.rows[loc.row as usize]).ok()
}

fn place(sheet: &Sheet, row: &RawRow) -> String {
    match &sheet.sheet {
        Some(s) => format!("{}「{s}」#{}", sheet.file, row.number),
        None => format!("{}#{}", sheet.file, row.number),
    }
}

/// Imports `paths` as one unit. Returns the report; `Err` only when the database itself
/// failed (then nothing was written either).
pub fn old_import(
    store: &mut Store,
    paths: &[PathBuf],
    opts: ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<ImportReport> {
    let read =
        read_inputs(paths, &mut |done, total| progress(Progress::Reading { done: done as u64, total: total as u64 }));
    let mut report = ImportReport { files: read.files, problems: read.problems, ..ImportReport::default() };
    let sheets = read.sheets;

    // 1. Every row against the value rules, and codes repeated within the import.
    let total: u64 = sheets.iter().map(|s| s.rows.len() as u64).sum();
    report.no_data_rows = total == 0;
    let formula_cells: HashSet<_> = report
        .problems
        .iter()
        .filter(|p| p.issue == Issue::FormulaWithoutValue)
        .map(|p| (p.file.clone(), p.sheet.clone(), p.row, p.column.clone()))
        .collect();
    if total > 0 {
        // One empty file among files with rows is named, not passed over in silence.
        for sheet in sheets.iter().filter(|s| s.sheet.is_none() && s.rows.is_empty()) {
            report.problems.push(Problem::file(&sheet.file, Issue::EmptyFile));
        }
    }
    // Every code of the import (for the references of rows with errors, reported in the
    // same round as their other errors).
    let in_import: HashSet<(Kind, String)> = sheets
        .iter()
        .filter(|s| s.has_required_columns())
        .flat_map(|s| s.rows.iter().map(move |r| (s.kind, s.view(r).value_trimmed(s.kind.code_field().key))))
        .collect();
    let mut done = 0u64;
    let mut parsed: Vec<Located> = Vec::new();
    // The first row of each code in this import.
    let mut seen: HashMap<(Kind, String), Located> = HashMap::new();
    let mut rejected: HashSet<(Kind, String)> = HashSet::new();
    for (si, sheet) in sheets.iter().enumerate() {
        let kind = sheet.kind;
        let usable = sheet.has_required_columns();
        let code_key = kind.code_field().key;
        for (ri, row) in sheet.rows.iter().enumerate() {
            done += 1;
            if done.is_multiple_of(4096) {
                progress(Progress::Checking { done, total });
            }
            report.counts.entry(kind).or_default().read += 1;
            if !usable {
                continue;
            }
            let code = sheet.view(row).value_trimmed(code_key);
            match parse(kind, sheet, row) {
                Ok(record) => {
                    if let Some(first) = seen.get(&(kind, code.clone())) {
                        // The same record twice (say, in overlapping statements) is harmless.
                        if reparse(&sheets, *first).as_ref() == Some(&record) {
                            report.counts.entry(kind).or_default().unchanged += 1;
                        } else {
                            let s = &sheets[first.sheet as usize];
                            let first = place(s, &s.rows[first.row as usize]);
                            report.problems.push(at(sheet, row, code_key, Issue::RepeatedCode { first }));
                        }
                        continue;
                    }
                    let loc = Located { sheet: si as u32, row: ri as u32 };
                    seen.insert((kind, code), loc);
                    parsed.push(loc);
                }
                Err(errors) => {
                    rejected.insert((kind, code));
                    let view = sheet.view(row);
                    for f in kind.fields() {
                        let Some(target) = xingfu::domain::kind::reference(kind, f.key) else { continue };
                        let code = view.value_trimmed(f.key);
                        if code.is_empty()
                            || errors.iter().any(|e| e.field == f.key)
                            || in_import.contains(&(target, code.clone()))
                        {
                            continue;
                        }
                        if Record::load(store, target, &code).ok().flatten().is_none() {
                            let rule = Rule::UnknownReference { what: target.sheet(), code };
                            report.problems.push(at(sheet, row, f.key, Issue::Rule(rule)));
                        }
                    }
                    for e in errors {
                        let problem = at(sheet, row, e.field, Issue::Rule(e.rule));
                        // A formula saved without its value is already reported at this cell;
                        // "required value is empty" would only repeat it.
                        let place = (problem.file.clone(), problem.sheet.clone(), problem.row, problem.column.clone());
                        if !formula_cells.contains(&place) {
                            report.problems.push(problem);
                        }
                    }
                }
            }
        }
    }
    progress(Progress::Checking { done: total, total });

    // 2. References, uniqueness, conflicts and the disbursement limit, by writing in a
    //    transaction that is only committed when nothing at all is wrong.
    let clean = !report.has_errors();
    let write = clean && !opts.dry_run;
    let db_path = store.path().to_path_buf();
    let mut batch = store.batch()?;
    // The limits hold for the import's final state, whatever the order of its rows.
    batch.defer_limits()?;
    drop(seen);
    let order = |r: &Located| Kind::ALL.iter().position(|k| *k == sheets[r.sheet as usize].kind).unwrap_or(0);
    parsed.sort_by_key(|r| (order(r), r.sheet, r.row));
    let total = parsed.len() as u64;
    for (i, loc) in parsed.iter().enumerate() {
        let sheet = &sheets[loc.sheet as usize];
        let row = &sheet.rows[loc.row as usize];
        let Some(record) = reparse(&sheets, *loc) else { continue };
        let counts = report.counts.entry(sheet.kind).or_default();
        match put(&mut batch, &record, opts.update) {
            Ok(Outcome::Inserted) => counts.inserted += 1,
            Ok(Outcome::Updated) => counts.updated += 1,
            Ok(Outcome::Unchanged) => counts.unchanged += 1,
            Ok(Outcome::Conflict(fields)) => {
                // In the template's column order.
                let headers = sheet
                    .kind
                    .fields()
                    .iter()
                    .filter(|f| fields.iter().any(|k| k == f.key))
                    .map(|f| sheet.header_of(f.key))
                    .collect();
                report.problems.push(at(sheet, row, sheet.kind.code_field().key, Issue::Conflict { fields: headers }));
            }
            Err(DbError::Rejected { field, rule, .. }) => {
                rejected.insert((sheet.kind, sheet.view(row).value_trimmed(sheet.kind.code_field().key)));
                let issue = match &rule {
                    Rule::UnknownReference { code, .. } if refers_to_rejected(&rejected, field, code) => {
                        Issue::RefersToRejected
                    }
                    _ => Issue::Rule(rule),
                };
                report.problems.push(at(sheet, row, field, issue));
            }
            Err(other) => {
                drop(batch);
                return Err(other);
            }
        }
        if (i as u64 + 1).is_multiple_of(4096) {
            progress(Progress::Writing { done: i as u64 + 1, total });
        }
    }
    progress(Progress::Writing { done: total, total });
    for breach in batch.settle()? {
        report.problems.push(breach_problem(&sheets, &parsed, breach));
    }

    let changes: u64 = report.counts.values().map(|c| c.inserted + c.updated).sum();
    if write && !report.has_errors() && changes > 0 {
        let detail = json!({
            "files": report.files.iter().map(|f| json!({"path": f.path.display().to_string(), "sha256": f.sha256})).collect::<Vec<_>>(),
            "counts": report.counts.iter().map(|(k, c)| (k.key().to_string(), json!({
                "read": c.read, "inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged,
            }))).collect::<serde_json::Map<_, _>>(),
            "update": opts.update,
        });
        // The backup is taken only now that there is something to commit, through a
        // connection of its own: it sees the database as it was before this batch.
        report.backup = Some(xingfu::ops::backup::backup_file(&db_path)?.path);
        batch.commit("import", &detail)?;
        report.written = true;
    } else {
        batch.rollback()?;
        report.nothing_to_do = write && !report.has_errors();
    }
    // Problems in the order of the files, sheets and rows, as the operator reads them.
    let file_order: HashMap<&str, usize> = sheets.iter().enumerate().rev().map(|(i, s)| (s.file.as_str(), i)).collect();
    report.problems.sort_by_key(|p| (file_order.get(p.file.as_str()).copied().unwrap_or(usize::MAX), p.row));
    report.sheets = sheets;
    Ok(report)
}

/// A project limit broken by the import as a whole, shown at the last row of the import
/// that moves the project's money (or at the file when none does).
fn breach_problem(sheets: &[Sheet], parsed: &[Located], breach: Breach) -> Problem {
    let moves_money = |loc: &&Located| {
        let sheet = &sheets[loc.sheet as usize];
        matches!(sheet.kind, Kind::Donation | Kind::Disbursement)
            && sheet.view(&sheet.rows[loc.row as usize]).value_trimmed(key::PROJECT_CODE) == breach.project
    };
    match parsed.iter().rev().find(moves_money) {
        Some(loc) => {
            let sheet = &sheets[loc.sheet as usize];
            at(sheet, &sheet.rows[loc.row as usize], key::AMOUNT, Issue::Rule(breach.rule))
        }
        None => {
            let file = sheets.first().map(|s| s.file.clone()).unwrap_or_default();
            Problem::file(&file, Issue::Rule(breach.rule))
        }
    }
}

/// True when a missing reference is a record of this import that was rejected.
fn refers_to_rejected(rejected: &HashSet<(Kind, String)>, field: &str, code: &str) -> bool {
    let kind = match field {
        key::VILLAGE_CODE => Kind::Village,
        key::PROJECT_CODE => Kind::Project,
        key::VOLUNTEER_CODE => Kind::Volunteer,
        _ => return false,
    };
    rejected.contains(&(kind, code.to_string()))
}
