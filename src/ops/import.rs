//! Import: read every file, check every row against every rule, and only then write
//! everything in one transaction after a verified backup — or nothing at all. The backup
//! is taken only when there is something to commit.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::json;

use super::records::Record;
use crate::db::{Batch, Breach, DbError, DbResult, Outcome, Store};
use crate::domain::kind::key;
use crate::domain::messages as m;
use crate::domain::*;
use crate::template::read::{InputFile, read_inputs};
use crate::template::sheet::ERROR_COLUMN;
use crate::template::write::{CsvEncoding, SheetSpec, WriteError, open_writer};
use crate::template::{Cell, Column, Issue, Problem, RawRow, Sheet};

/// How an import runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// Replace records whose code exists with other content (old values go to the audit log).
    pub update: bool,
}

/// Where an import is, for a progress bar: every phase that takes time has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Files read (decoded and parsed).
    Reading { done: u64, total: u64 },
    /// Rows checked against the value rules.
    Checking { done: u64, total: u64 },
    /// Rows written in the import's transaction (references, uniqueness, conflicts).
    Writing { done: u64, total: u64 },
    /// The verified backup taken before committing.
    Backup,
    /// Indexes set aside for a large import, built again.
    Indexing { done: u64, total: u64 },
    /// The transaction being committed.
    Committing,
}

/// Rows per sheet kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub read: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// What an import found and did.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub files: Vec<InputFile>,
    /// Errors and warnings, in file order.
    pub problems: Vec<Problem>,
    pub counts: BTreeMap<Kind, Counts>,
    /// True when the records were committed to the database.
    pub written: bool,
    /// True when the import was a real one but every row was already in the database.
    pub nothing_to_do: bool,
    /// True when the files hold no data rows at all (say, only a header row).
    pub no_data_rows: bool,
    /// The verified backup taken before writing.
    pub backup: Option<PathBuf>,
    /// The sheets as read, for the error copy.
    pub sheets: Vec<Sheet>,
}

impl ImportReport {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| !p.is_warning())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_warning())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
}

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
pub fn import(
    store: &mut Store,
    paths: &[PathBuf],
    opts: ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<ImportReport> {
    let read = read_inputs(paths, &mut |done, total| {
        progress(Progress::Reading { done: done as u64, total: total as u64 });
        super::pause::at(super::pause::Phase::Reading);
    });
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
    // A batch as large as its table builds that table's indexes once, at the end.
    for kind in Kind::ALL {
        let incoming = parsed.iter().filter(|r| sheets[r.sheet as usize].kind == kind).count() as u64;
        batch.set_aside_indexes(kind, incoming)?;
    }
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
        if i as u64 == total / 2 {
            super::pause::at(super::pause::Phase::Writing);
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
        progress(Progress::Backup);
        report.backup = Some(super::backup::backup_file(&db_path)?.path);
        let indexes = batch.indexes_set_aside();
        if indexes > 0 {
            progress(Progress::Indexing { done: 0, total: indexes });
            batch.rebuild_indexes(&mut |done, total| {
                progress(Progress::Indexing { done, total });
                super::pause::at(super::pause::Phase::Indexing);
            })?;
        }
        progress(Progress::Committing);
        super::pause::at(super::pause::Phase::Committing);
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

/// How many problems of each kind a report lists; the `--errors` copy holds them all.
pub const MAX_LISTED_PROBLEMS: usize = 200;

/// The problems as lines in the operator's language: the first [`MAX_LISTED_PROBLEMS`],
/// then one line with the count of the rest.
pub fn problem_lines(problems: &[&Problem], warnings: bool, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = problems.iter().take(MAX_LISTED_PROBLEMS).map(|p| p.message(lang)).collect();
    let rest = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
    if rest > 0 {
        lines.push(if warnings {
            m::more_warnings_not_shown(lang, rest)
        } else {
            m::more_errors_not_shown(lang, rest)
        });
    }
    lines
}

/// The per-sheet summary lines, in the operator's language: what was written, what a
/// dry run would write, or only the rows read when errors stopped the import.
pub fn summary_lines(report: &ImportReport, lang: Lang) -> Vec<String> {
    let errors = report.has_errors();
    report
        .counts
        .iter()
        .map(|(kind, c)| {
            let (read, ins, upd, same) = (c.read, c.inserted, c.updated, c.unchanged);
            let sheet = kind.name(lang);
            if errors {
                m::rows_read(lang, sheet, read)
            } else if report.written || report.nothing_to_do {
                m::rows_written(lang, sheet, read, ins, upd, same)
            } else {
                m::rows_would_write(lang, sheet, read, ins, upd, same)
            }
        })
        .collect()
}

/// Path for the error copy of a sheet when writing a folder of CSV files.
pub fn error_copy_name(sheet: &Sheet) -> String {
    let stem = Path::new(&sheet.file).file_stem().and_then(|s| s.to_str()).unwrap_or("sheet").to_string();
    match &sheet.sheet {
        Some(name) => format!("{stem}-{name}"),
        None => stem,
    }
}

/// Writes a copy of every input sheet with an added 错误 column holding the problems of
/// each row, so a village committee can correct the file and send it again. `out` is an
/// `.xlsx` workbook, or else a folder of CSV files named `<sheet>-错误.csv`. An input file
/// is never written over: a copy that would land on one gets a free name beside it.
/// Returns where the copy went.
pub fn write_error_copy(report: &ImportReport, out: &Path, lang: Lang) -> Result<PathBuf, WriteError> {
    let xlsx = out.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let inputs: HashSet<PathBuf> = report.files.iter().map(|f| same_file_key(&f.path)).collect();
    let suffix = m::error_copy_suffix(lang);
    let out = if xlsx && inputs.contains(&same_file_key(out)) {
        let stem = out.file_stem().and_then(|s| s.to_str()).unwrap_or("sheet");
        free_name(out, &format!("{stem}-{suffix}"), "xlsx", &inputs, &mut HashSet::new())
    } else {
        out.to_path_buf()
    };
    let mut writer = open_writer(&out, xlsx, CsvEncoding::Utf8Bom)?;
    let mut names: HashSet<String> = HashSet::new();
    for sheet in &report.sheets {
        let name = if xlsx {
            let base = sheet.kind.sheet().to_string();
            let mut name = base.clone();
            let mut n = 2;
            while !names.insert(name.clone()) {
                name = format!("{base}（{n}）");
                n += 1;
            }
            name
        } else {
            let path = free_name(
                &out.join("x.csv"),
                &format!("{}-{suffix}", error_copy_name(sheet)),
                "csv",
                &inputs,
                &mut names,
            );
            path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string()
        };
        let mut headers = sheet.headers.clone();
        let error_col = sheet.columns.iter().position(|c| *c == Column::ErrorReport);
        if error_col.is_none() {
            // After the widest row, so that cells beyond the header (an unquoted comma)
            // come back to the village as they were sent.
            let widest = sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            headers.resize(headers.len().max(widest), String::new());
            headers.push(ERROR_COLUMN.to_string());
        }
        let width = headers.len();
        let spec = SheetSpec {
            name,
            headers,
            types: vec![None; width],
            required: sheet
                .columns
                .iter()
                .map(|c| matches!(c, Column::Field(f) if f.required))
                .chain(std::iter::once(false))
                .take(width)
                .collect(),
        };
        writer.begin(&spec)?;
        let mine = |p: &&Problem| p.file == sheet.file && p.sheet == sheet.sheet && !p.is_warning();
        let whole: Vec<String> = report
            .problems
            .iter()
            .filter(mine)
            .filter(|p| p.row == Some(1) || p.row.is_none())
            .map(|p| cell_message(p, lang))
            .collect();
        for row in &sheet.rows {
            let mut messages = whole.clone();
            messages.extend(
                report
                    .problems
                    .iter()
                    .filter(mine)
                    .filter(|p| p.row == Some(row.number))
                    .map(|p| cell_message(p, lang)),
            );
            let mut cells: Vec<Cell> = row.cells.iter().map(|c| Cell::Text(c.to_string())).collect();
            cells.resize(width, Cell::Empty);
            let target = error_col.unwrap_or(width - 1);
            cells[target] = if messages.is_empty() { Cell::Empty } else { Cell::Text(messages.join("；")) };
            writer.row(&cells)?;
        }
    }
    writer.finish()?;
    Ok(out)
}

/// A key under which two spellings of one file compare equal (the canonical path when
/// the file exists).
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// `<dir of beside>/<base>.<ext>`, or `<base>（2）.<ext>`… when that is an input file or a
/// name this copy already uses (`taken` holds the stems used so far, and gets this one).
fn free_name(beside: &Path, base: &str, ext: &str, inputs: &HashSet<PathBuf>, taken: &mut HashSet<String>) -> PathBuf {
    let dir = beside.parent().unwrap_or_else(|| Path::new(""));
    let mut stem = base.to_string();
    let mut n = 2;
    loop {
        let path = dir.join(format!("{stem}.{ext}"));
        if !inputs.contains(&same_file_key(&path)) && taken.insert(stem.clone()) {
            return path;
        }
        stem = format!("{base}（{n}）");
        n += 1;
    }
}

/// A problem as written into the 错误 column: the column and the reason.
fn cell_message(p: &Problem, lang: Lang) -> String {
    match &p.column {
        Some(c) => format!("{c}{}{}", m::colon(lang), p.issue.message(lang)),
        None => p.issue.message(lang),
    }
}
