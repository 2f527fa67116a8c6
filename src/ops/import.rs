//! Import: read every file, check every row against every rule, and only then write
//! everything in one transaction after a verified backup — or nothing at all. The backup
//! is taken only when there is something to commit.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::json;

use super::records::Record;
use crate::db::{Batch, DbError, DbResult, Outcome, Store};
use crate::domain::kind::key;
use crate::domain::messages as m;
use crate::domain::*;
use crate::template::read::{InputFile, ReadResult, open_inputs, read_inputs};
use crate::template::returned::returned_cell;
use crate::template::sheet::ERROR_COLUMN;
use crate::template::source::SourceIssue;
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
    /// The change-set the import's records point to, once committed.
    pub change_set: Option<i64>,
    /// The sheets as read, for the error copy: only when the import was refused (else
    /// [`write_error_copy`] reads the files again), so that a large import never holds
    /// its rows.
    pub sheets: Vec<Sheet>,
    /// The files read as the template (the others were read through presets).
    pub template_paths: Vec<PathBuf>,
    /// The donations sheets of the files read through presets (held whole).
    pub adapted: Vec<Sheet>,
    /// The files read through presets: their rows and summaries.
    pub bills: Vec<foreign::Bill>,
    /// Files that are neither the template nor recognised by a preset.
    pub unmapped: Vec<PathBuf>,
    /// Platform project ids not linked to a project yet.
    pub unlinked: Vec<foreign::Unlinked>,
    /// Files whose preset names no project column, read without a project.
    pub no_project: Vec<String>,
    /// What each county's export changed in a city or province database.
    pub rollups: Vec<RollupChange>,
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

mod check;
pub mod foreign;
mod plan;
mod rollup;
mod seen;

pub use rollup::{RollupChange, RowChanges};

pub use foreign::With;

use check::{Checked, Msg, Place};

/// A problem found while writing, at a row the writer only knows by number: the value
/// of its cell is filled in from the file afterwards (then read again, since a problem
/// means the import is refused and its sheets go into the report).
struct Pending {
    unit: u32,
    number: u32,
    field: &'static str,
    issue: Issue,
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

fn place(sheet: &Sheet, row: &RawRow) -> String {
    match &sheet.sheet {
        Some(s) => format!("{}「{s}」#{}", sheet.file, row.number),
        None => format!("{}#{}", sheet.file, row.number),
    }
}

/// Chunks of rows in the channel between the checker and the writer: enough to keep both
/// busy, few enough to hold no more than a few megabytes.
const CHANNEL_CHUNKS: usize = 8;

/// What the writer did.
#[derive(Default)]
struct Written {
    counts: BTreeMap<Kind, Counts>,
    problems: Vec<Pending>,
    /// Per project code: the last row of the import that moves its money.
    last_money_row: HashMap<String, (u32, u32)>,
    /// Per carry-over (结转单号): its row.
    carry_over_rows: HashMap<String, (u32, u32)>,
    /// Per project code: the first row of the import that names it, and in which column.
    project_rows: HashMap<String, (u32, u32, &'static str)>,
    /// Per project code: the first donation row of the import dated after the project's end.
    first_gift_rows: HashMap<String, (u32, u32)>,
    /// Per project code: its end date (looked up once).
    ends: HashMap<String, Option<chrono::NaiveDate>>,
    /// Per donor name given without phone or donor code: its first row.
    name_only_donors: HashMap<String, (u32, u32)>,
    /// Rows with a receipt number, and the first of them.
    receipt_rows: (u64, Option<(u32, u32)>),
}

/// Warnings for the notes and descriptions of a row that lose format characters (bidi
/// controls, zero-width characters) on import.
fn format_chars_removed<'a>(sheet: &'a Sheet, row: &'a RawRow) -> impl Iterator<Item = Problem> + 'a {
    use crate::domain::kind::FieldType;
    use crate::domain::row::Source;
    let view = sheet.view(row);
    sheet.kind.fields().iter().filter(|f| f.ty == FieldType::LongText).filter_map(move |f| {
        let count = crate::domain::text::format_chars(view.value(f.key)?);
        (count > 0).then(|| at(sheet, row, f.key, Issue::FormatCharsRemoved { count }))
    })
}

/// Imports `paths` as one unit. Returns the report; `Err` only when the database itself
/// failed (then nothing was written either).
///
/// One pass: a checker thread reads the rows one at a time, checks them and sends them
/// through a bounded channel to this thread, which writes them in the import's
/// transaction as they come; only problems are kept. The transaction is committed only
/// when nothing at all is wrong.
pub fn import(
    store: &mut Store,
    paths: &[PathBuf],
    opts: ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<ImportReport> {
    import_with(store, paths, &With::default(), opts, progress)
}

/// [`import`], where files that are not the template are read through presets
/// ([`With`]): recognised by their header, or all with the preset named.
pub fn import_with(
    store: &mut Store,
    paths: &[PathBuf],
    with: &With,
    opts: ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<ImportReport> {
    let prepared = foreign::prepare(store, paths, with)?;
    let template_paths = prepared.template.clone();
    let mut read = open_inputs(&template_paths, &mut |done, total| {
        progress(Progress::Reading { done: done as u64, total: total as u64 });
        super::pause::at(super::pause::Phase::Reading);
    });
    let template_sheets = read.sheets.len();
    let adapted: Vec<Sheet> = prepared.read.sheets.clone();
    read.append(prepared.read);
    let mut report = ImportReport {
        files: read.files.clone(),
        template_paths: template_paths.clone(),
        adapted: adapted.clone(),
        bills: prepared.bills,
        unmapped: prepared.unmapped,
        unlinked: prepared.unlinked,
        no_project: prepared.no_project,
        ..ImportReport::default()
    };
    let mut read_problems = read.problems.clone();

    // Exact, except for CSV files read again from disk (their lines; see `open_inputs`).
    let total: u64 = read.row_counts.iter().sum();
    let formula_cells: HashSet<Place> = read_problems
        .iter()
        .chain(read.heads.iter().flatten())
        .filter(|p| p.issue == Issue::FormulaWithoutValue)
        .map(|p| (p.file.clone(), p.sheet.clone(), p.row, p.column.clone()))
        .collect();
    // The sheets in the order their rows are written: kind by kind (references point
    // to kinds written before), then as read.
    let rank = |k: Kind| Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    let mut order: Vec<usize> = (0..read.sheets.len()).collect();
    order.sort_by_key(|&i| (rank(read.sheets[i].kind), i));

    let own = store.office_or_inferred()?;
    let (units, planned) = plan::plan(&read, &order, own.as_ref());
    read_problems.extend(planned);

    let db_path = store.path().to_path_buf();
    let store_operator = store.operator().to_string();
    let mut batch = store.batch()?;
    // The limits hold for the import's final state, whatever the order of its rows.
    batch.defer_limits()?;
    let mut acc = Acc::new(read.sheets.len());
    let now = chrono::Local::now().naive_local();
    for unit in &units {
        let job = UnitJob { read: &read, db: &db_path, formula_cells: &formula_cells, opts, total, now };
        run_unit(&mut batch, &job, unit, &mut acc, progress)?;
    }
    report.no_data_rows = acc.rows.iter().sum::<u64>() == 0 && acc.other_changes == 0 && acc.rollups.is_empty();
    if !report.no_data_rows {
        // One empty file among files with rows is named, not passed over in silence.
        // (A file read through a preset may hold no gift: its bill says why.)
        let template = read.sheets.iter().zip(&acc.rows).take(template_sheets);
        for (sheet, _) in template.filter(|(s, n)| s.sheet.is_none() && **n == 0) {
            read_problems.push(Problem::file(&sheet.file, Issue::EmptyFile));
        }
    }
    let written_rows: u64 = acc.written_counts.values().map(|c| c.inserted + c.updated + c.unchanged).sum();
    progress(Progress::Writing { done: written_rows, total: written_rows });

    // The problems in the order the old two-pass import found them: reading, rules, writing.
    report.counts = std::mem::take(&mut acc.counts);
    for (kind, c) in &acc.written_counts {
        let all = report.counts.entry(*kind).or_default();
        all.inserted += c.inserted;
        all.updated += c.updated;
        all.unchanged += c.unchanged;
    }
    report.rollups = std::mem::take(&mut acc.rollups);
    report.problems = read_problems;
    // A worksheet's own problems, then those of its rows as they were read.
    for (head, rows) in read.heads.iter().zip(std::mem::take(&mut acc.row_problems)) {
        report.problems.extend(head.iter().cloned());
        report.problems.extend(rows);
    }
    report.problems.extend(std::mem::take(&mut acc.rule_problems).into_iter().flatten());
    let has_errors =
        report.has_errors() || !acc.pending.is_empty() || acc.file_problems.iter().any(|p| !p.is_warning());
    let sheets = if has_errors {
        // Refused: the sheets as read go into the report (for the error copy), and the
        // writer's problems get the values of their cells.
        let mut full = read_inputs(&template_paths, &mut |_, _| {});
        full.sheets.extend(adapted);
        for p in std::mem::take(&mut acc.pending) {
            report.problems.push(located(&full.sheets, &read.sheets, p));
        }
        full.sheets
    } else {
        Vec::new()
    };
    report.problems.extend(std::mem::take(&mut acc.file_problems));
    report.problems.extend(std::mem::take(&mut acc.warnings));

    let write = !opts.dry_run;
    let changes: u64 = report.counts.values().map(|c| c.inserted + c.updated).sum::<u64>() + acc.other_changes;
    if write && !report.has_errors() && changes > 0 {
        let detail = json!({
            "files": report.files.iter().map(|f| json!({"path": f.path.display().to_string(), "sha256": f.sha256})).collect::<Vec<_>>(),
            "counts": report.counts.iter().map(|(k, c)| (k.key().to_string(), json!({
                "read": c.read, "inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged,
            }))).collect::<serde_json::Map<_, _>>(),
            "update": opts.update,
            "rollups": report.rollups.iter().map(RollupChange::detail).collect::<Vec<_>>(),
        });
        // Nobody to record it as: refused before the backup, nothing written.
        if store_operator.trim().is_empty() {
            return Err(DbError::NoOperator);
        }
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
        report.change_set = Some(batch.commit("import", &detail)?);
        report.written = true;
    } else {
        batch.rollback()?;
        report.nothing_to_do = write && !report.has_errors();
    }
    // Problems in the order of the files, sheets and rows, as the operator reads them.
    let file_order: HashMap<&str, usize> =
        read.sheets.iter().enumerate().rev().map(|(i, s)| (s.file.as_str(), i)).collect();
    report.problems.sort_by_key(|p| (file_order.get(p.file.as_str()).copied().unwrap_or(usize::MAX), p.row));
    report.sheets = sheets;
    Ok(report)
}

/// What every unit of an import shares.
struct UnitJob<'a> {
    read: &'a ReadResult,
    db: &'a Path,
    formula_cells: &'a HashSet<Place>,
    opts: ImportOptions,
    /// Rows of the whole import.
    total: u64,
    now: chrono::NaiveDateTime,
}

/// What the units of an import found and did, gathered.
struct Acc {
    row_problems: Vec<Vec<Problem>>,
    rule_problems: Vec<Vec<Problem>>,
    counts: BTreeMap<Kind, Counts>,
    rows: Vec<u64>,
    written_counts: BTreeMap<Kind, Counts>,
    /// The writers' problems, located once the import is refused.
    pending: Vec<Pending>,
    /// Problems of whole files and exports: limits broken, refusals of a roll-up.
    file_problems: Vec<Problem>,
    warnings: Vec<Problem>,
    rollups: Vec<RollupChange>,
    /// Changes that are not rows put: opening balances set, records removed, the office
    /// named.
    other_changes: u64,
    /// Rows written by the units before this one (for the progress bar).
    done: u64,
}

impl Acc {
    fn new(sheets: usize) -> Acc {
        Acc {
            row_problems: vec![Vec::new(); sheets],
            rule_problems: vec![Vec::new(); sheets],
            counts: BTreeMap::new(),
            rows: vec![0; sheets],
            written_counts: BTreeMap::new(),
            pending: Vec::new(),
            file_problems: Vec::new(),
            warnings: Vec::new(),
            rollups: Vec::new(),
            other_changes: 0,
            done: 0,
        }
    }
}

/// Checks and writes one unit of an import (one county's export, or everything of an
/// import without exports) in the import's batch.
fn run_unit(
    batch: &mut Batch<'_>,
    job: &UnitJob<'_>,
    unit: &plan::Unit,
    acc: &mut Acc,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<()> {
    let read = job.read;
    batch.set_focus(unit.county);
    let mut change = match rollup::before(batch, job, unit, acc)? {
        rollup::Before::Proceed(change) => change,
        rollup::Before::Stop => return Ok(()),
    };
    batch.track_ids(unit.county.is_some());
    // A batch as large as its table builds that table's indexes once, at the end.
    for kind in Kind::ALL {
        let incoming: u64 =
            unit.sheets.iter().filter(|&&i| read.sheets[i].kind == kind).map(|&i| read.row_counts[i]).sum();
        batch.set_aside_indexes(kind, incoming)?;
    }
    progress(Progress::Checking { done: acc.done, total: job.total });
    let checked = std::sync::atomic::AtomicU64::new(0);
    let update = job.opts.update || unit.county.is_some();
    let (checked_rows, written) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(CHANNEL_CHUNKS);
        let (db, order, cells, county) = (job.db, &unit.sheets, job.formula_cells, unit.county);
        let checker = scope.spawn(move || check::check(read, db, county, order, cells, &checked, tx));
        let to = Writing { update, county: unit.county, total: job.total, base: acc.done };
        let written = write_rows(batch, &read.sheets, rx, to, progress);
        let checked = match checker.join() {
            Ok(c) => c,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (checked, written)
    });
    let Checked { row_problems, rule_problems, counts, rows } = checked_rows;
    for &u in &unit.sheets {
        acc.row_problems[u] = row_problems[u].clone();
        acc.rule_problems[u] = rule_problems[u].clone();
        acc.rows[u] = rows[u];
    }
    for (kind, c) in counts {
        let all = acc.counts.entry(kind).or_default();
        all.read += c.read;
        all.unchanged += c.unchanged;
    }
    let mut written = written?;
    acc.done += written.counts.values().map(|c| c.inserted + c.updated + c.unchanged).sum::<u64>();
    rollup::after(batch, job, unit, &mut change, acc)?;
    let mut file_breaches = Vec::new();
    for breach in batch.settle()? {
        // A carry-over over its giver's balance on its date: at its own row, or at the last
        // row of the import that moved the giver's money (a back-dated disbursement).
        let own = breach.carry_over.as_ref().and_then(|r| written.carry_over_rows.get(r).copied());
        let (found, rule) = match (own, &breach.carry_over, breach.rule) {
            (Some(at), _, rule) => (Some(at), rule),
            (None, Some(carry_over), Rule::CarryOverExceedsBalance { project, balance_fen, amount_fen }) => (
                written.last_money_row.get(&breach.project).copied(),
                Rule::BreaksCarryOver { carry_over: carry_over.clone(), project, balance_fen, amount_fen },
            ),
            (None, _, rule) => (written.last_money_row.get(&breach.project).copied(), rule),
        };
        match found {
            Some((unit, number)) => {
                written.problems.push(Pending { unit, number, field: key::AMOUNT, issue: Issue::Rule(rule) })
            }
            None => {
                let file = unit.sheets.first().map(|&i| read.sheets[i].file.clone()).unwrap_or_default();
                file_breaches.push(Problem::file(&file, Issue::Rule(rule)));
            }
        }
    }
    acc.warnings.extend(closure_warnings(batch, &written, &read.sheets)?);
    acc.warnings.extend(donor_warnings(batch, &written, &read.sheets)?);
    acc.file_problems.extend(file_breaches);
    for (kind, c) in &written.counts {
        let all = acc.written_counts.entry(*kind).or_default();
        all.inserted += c.inserted;
        all.updated += c.updated;
        all.unchanged += c.unchanged;
    }
    if let Some(mut change) = change {
        change.counts = written
            .counts
            .iter()
            .map(|(k, c)| {
                let removed = change.counts.get(k).map_or(0, |r| r.removed);
                (*k, RowChanges { inserted: c.inserted, updated: c.updated, unchanged: c.unchanged, removed })
            })
            .chain(change.counts.iter().filter(|(k, _)| !written.counts.contains_key(k)).map(|(k, r)| (*k, *r)))
            .collect();
        acc.rollups.push(change);
    }
    acc.pending.extend(std::mem::take(&mut written.problems));
    Ok(())
}

/// A writer's problem at its cell, from the sheets read again; without them (a file
/// changed in between), at its row with no value.
fn located(full: &[Sheet], streamed: &[Sheet], p: Pending) -> Problem {
    let row = full
        .get(p.unit as usize)
        .and_then(|s| s.rows.binary_search_by_key(&p.number, |r| r.number).ok().map(|i| (s, &s.rows[i])));
    match row {
        Some((sheet, row)) => at(sheet, row, p.field, p.issue),
        None => {
            let sheet = &streamed[p.unit as usize];
            Problem {
                file: sheet.file.clone(),
                sheet: sheet.sheet.clone(),
                row: Some(p.number),
                column: Some(sheet.header_of(p.field)),
                value: String::new(),
                issue: p.issue,
            }
        }
    }
}

/// The writer: puts each row the checker sends in the batch, as it comes.
/// How the writer puts one unit's rows.
struct Writing {
    /// Replace records whose code exists with other content.
    update: bool,
    /// The county a roll-up writes: its villages must be its own.
    county: Option<crate::domain::DivisionCode>,
    /// Rows of the whole import, and written before this unit (for the progress bar).
    total: u64,
    base: u64,
}

fn write_rows(
    batch: &mut Batch<'_>,
    sheets: &[Sheet],
    rx: std::sync::mpsc::Receiver<Vec<Msg>>,
    to: Writing,
    progress: &mut dyn FnMut(Progress),
) -> DbResult<Written> {
    let Writing { update, county, total, base } = to;
    let mut out = Written::default();
    let mut rejected: HashSet<(Kind, String)> = HashSet::new();
    let mut done = base;
    for chunk in rx {
        // In a run of rows the database already has (a re-import), the stored records of
        // the chunk's codes are read in one query per kind and compared in bulk.
        if batch.in_known_run() {
            let mut kinds: Vec<Kind> = Vec::new();
            for m in &chunk {
                if let Msg::Row { record, .. } = m
                    && !kinds.contains(&record.kind())
                {
                    kinds.push(record.kind());
                }
            }
            for kind in kinds {
                let codes: Vec<&str> = chunk
                    .iter()
                    .filter_map(|m| match m {
                        Msg::Row { record, .. } if record.kind() == kind => Some(record.code()),
                        _ => None,
                    })
                    .collect();
                Record::prefetch(batch, kind, &codes)?;
            }
        }
        for msg in chunk {
            let (unit, number, code, record) = match msg {
                Msg::Rejected(kind, code) => {
                    rejected.insert((kind, code));
                    continue;
                }
                Msg::Row { unit, number, code, record } => (unit, number, code, record),
            };
            let sheet = &sheets[unit as usize];
            let counts = out.counts.entry(sheet.kind).or_default();
            match record.put(batch, update) {
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
                    let field = sheet.kind.code_field().key;
                    out.problems.push(Pending { unit, number, field, issue: Issue::Conflict { fields: headers } });
                }
                Err(DbError::Rejected { field, rule, .. }) => {
                    let issue = match &rule {
                        Rule::UnknownReference { code, .. } if refers_to_rejected(&rejected, field, code) => {
                            Issue::RefersToRejected
                        }
                        _ => Issue::Rule(rule),
                    };
                    rejected.insert((sheet.kind, code));
                    out.problems.push(Pending { unit, number, field, issue });
                }
                Err(other) => return Err(other),
            }
            let mut touch = |project: &str, field: &'static str| {
                if !out.project_rows.contains_key(project) {
                    out.project_rows.insert(project.to_string(), (unit, number, field));
                }
            };
            match &record {
                // A county's export holds the villages of that county (and villages of
                // its own making, whose codes are not division codes).
                Record::Village(v) => {
                    if let (Some(county), Some(of)) = (county, crate::domain::DivisionCode::of_village(&v.code))
                        && of != county
                    {
                        let issue = Issue::Source(SourceIssue::VillageOfAnother { county: of });
                        out.problems.push(Pending { unit, number, field: key::VILLAGE_CODE, issue });
                    }
                }
                Record::Project(p) => touch(&p.code, key::PROJECT_CODE),
                Record::Donation(d) => {
                    touch(&d.project_code, key::PROJECT_CODE);
                    note_donor_and_receipt(&mut out, batch.take_new_name_only(), d, unit, number);
                    note_money_row(&mut out.last_money_row, &d.project_code, unit, number);
                    // The first gift dated after its project's end (the end looked up once).
                    let end = match out.ends.get(&d.project_code) {
                        Some(end) => *end,
                        None => {
                            let end = batch.project_end(&d.project_code)?;
                            out.ends.insert(d.project_code.clone(), end);
                            end
                        }
                    };
                    if end.is_some_and(|e| d.donated_on > e) && !out.first_gift_rows.contains_key(&d.project_code) {
                        out.first_gift_rows.insert(d.project_code.clone(), (unit, number));
                    }
                }
                Record::Disbursement(d) => {
                    touch(&d.project_code, key::PROJECT_CODE);
                    note_money_row(&mut out.last_money_row, &d.project_code, unit, number);
                }
                Record::CarryOver(c) => {
                    touch(&c.from_project, key::FROM_PROJECT);
                    touch(&c.to_project, key::TO_PROJECT);
                    note_money_row(&mut out.last_money_row, &c.from_project, unit, number);
                    note_money_row(&mut out.last_money_row, &c.to_project, unit, number);
                    out.carry_over_rows.insert(c.transfer_ref.clone(), (unit, number));
                }
                Record::Disclosure(d) => touch(&d.project_code, key::PROJECT_CODE),
                _ => {}
            }
            done += 1;
            if done.is_multiple_of(4096) {
                progress(Progress::Writing { done, total });
            }
            if done == total / 2 {
                super::pause::at(super::pause::Phase::Writing);
            }
        }
    }
    Ok(out)
}

/// Notes a gift named by its donor's name alone, and a gift with a receipt number, for
/// the warnings at the end of the import.
fn note_donor_and_receipt(out: &mut Written, new_name_only: Option<String>, d: &Donation, unit: u32, number: u32) {
    if let Some(name) = new_name_only {
        out.name_only_donors.entry(name).or_insert((unit, number));
    }
    if d.receipt_no.is_some() {
        out.receipt_rows.0 += 1;
        out.receipt_rows.1.get_or_insert((unit, number));
    }
}

/// Warnings about donors and receipts: a gift named by a name alone that donors with a
/// phone or a donor code share (kept apart, never merged), at its first row; and receipt
/// numbers that cannot be checked because the office has registered no receipt book, once
/// at the first such row.
fn donor_warnings(batch: &Batch<'_>, written: &Written, sheets: &[Sheet]) -> DbResult<Vec<Problem>> {
    let mut out = Vec::new();
    let names: Vec<&str> = written.name_only_donors.keys().map(String::as_str).collect();
    for (name, others) in batch.ambiguous_donors(&names)? {
        if let Some(&(unit, number)) = written.name_only_donors.get(&name) {
            let issue = Issue::AmbiguousDonor { others };
            out.push(located(&[], sheets, Pending { unit, number, field: key::DONOR_NAME, issue }));
        }
    }
    if let (rows, Some((unit, number))) = written.receipt_rows
        && batch.no_receipt_books()?
    {
        let issue = Issue::ReceiptsWithoutBooks { rows };
        out.push(located(&[], sheets, Pending { unit, number, field: key::RECEIPT_NO, issue }));
    }
    out.sort_by_key(|p| p.row);
    Ok(out)
}

fn note_money_row(rows: &mut HashMap<String, (u32, u32)>, project: &str, unit: u32, number: u32) {
    match rows.get_mut(project) {
        Some(at) => *at = (unit, number),
        None => {
            rows.insert(project.to_string(), (unit, number));
        }
    }
}

/// Warnings about closed projects (format version 2): a completed or closed project that
/// still holds money, and donations dated after their project's end. An import may carry
/// a closed project's history, late gifts included, so these never block it. They stand
/// at the first row of the import that names the project (or gives it a late gift).
fn closure_warnings(batch: &Batch<'_>, written: &Written, sheets: &[Sheet]) -> DbResult<Vec<Problem>> {
    let mut out = Vec::new();
    let mut projects: Vec<(&String, &(u32, u32, &'static str))> = written.project_rows.iter().collect();
    projects.sort_by_key(|(_, at)| (at.0, at.1));
    for (project, &(unit, number, field)) in projects {
        if let Some(balance_fen) = batch.closed_balance(project)? {
            let issue = Issue::ClosedWithBalance { project: project.clone(), balance_fen };
            out.push(located(&[], sheets, Pending { unit, number, field, issue }));
        }
        if let Some(&(unit, number)) = written.first_gift_rows.get(project.as_str())
            && !batch.gifts_after_end(project)?.is_empty()
        {
            out.push(located(
                &[],
                sheets,
                Pending { unit, number, field: key::DONATED_ON, issue: Issue::GiftAfterEnd },
            ));
        }
    }
    Ok(out)
}

/// True when a missing reference is a record of this import that was rejected.
fn refers_to_rejected(rejected: &HashSet<(Kind, String)>, field: &str, code: &str) -> bool {
    let kind = match field {
        key::VILLAGE_CODE => Kind::Village,
        key::PROJECT_CODE | key::FROM_PROJECT | key::TO_PROJECT => Kind::Project,
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
    let mut lines = sheet_lines(report, errors, lang);
    // What each county's export changed (said only when it was written or would be).
    if !errors {
        lines.extend(report.rollups.iter().flat_map(|r| r.lines(lang)));
    }
    lines
}

fn sheet_lines(report: &ImportReport, errors: bool, lang: Lang) -> Vec<String> {
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

/// The lines about the files read through presets: the preset and header row, what the
/// rows were (gifts, refunds, rows left out), and each summary figure against the detail.
pub fn bill_lines(report: &ImportReport, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for b in &report.bills {
        let file = crate::template::problem::clip_start(&b.file, crate::template::problem::FILE_WIDTH);
        out.push(m::bill_read(lang, file, &b.title, &b.preset, b.header_row));
        let money = |fen: i64| crate::domain::Money::from_fen(fen).display();
        out.push(m::bill_rows(
            lang,
            b.detail_rows,
            b.gifts,
            money(b.gift_fen),
            b.refunds,
            money(b.refund_fen),
            b.skipped,
        ));
        let stated: Vec<_> = b.figures.iter().filter_map(|f| f.stated.map(|s| (f, s))).collect();
        if stated.is_empty() {
            out.push(m::bill_no_summary(lang).into());
        }
        for (f, s) in stated {
            // A total row that states only a count has no figure name of its own.
            let label = if f.label.is_empty() { m::bill_count_figure(lang) } else { &f.label };
            let figure = crate::template::problem::clip(label, crate::template::problem::CLIP_WIDTH);
            if s == f.counted {
                out.push(m::bill_figure_agrees(lang, figure, s.text(), f.counted.text()));
            } else {
                out.push(m::bill_figure_differs(lang, figure, s.text(), f.counted.text()));
            }
        }
    }
    out
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
    // A report of an import that was not refused holds no sheets: they are read again
    // (those read through presets are held).
    let reread;
    let sheets = if report.sheets.is_empty() {
        let mut sheets = read_inputs(&report.template_paths, &mut |_, _| {}).sheets;
        sheets.extend(report.adapted.iter().cloned());
        reread = sheets;
        &reread
    } else {
        &report.sheets
    };
    let mut writer = open_writer(&out, xlsx, CsvEncoding::Utf8Bom)?;
    let mut names: HashSet<String> = HashSet::new();
    for sheet in sheets {
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
            let here: Vec<&Problem> =
                report.problems.iter().filter(mine).filter(|p| p.row == Some(row.number)).collect();
            let mut messages = whole.clone();
            messages.extend(here.iter().map(|p| cell_message(p, lang)));
            // Each cell as the import reads it, a refused value shown so it can be seen.
            let refused =
                |i: usize| here.iter().any(|p| p.column.is_some() && p.column.as_ref() == sheet.headers.get(i));
            let mut cells: Vec<Cell> = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let column = sheet.columns.get(i).copied().unwrap_or(Column::Unknown);
                    Cell::Text(returned_cell(column, c, refused(i)))
                })
                .collect();
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
