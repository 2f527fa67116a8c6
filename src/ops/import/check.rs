//! The reading side of an import: every row of every sheet, in the order they are
//! written (kind by kind, then file order), read from the file's text one at a time,
//! checked against the value rules and against the codes met before, and sent to the
//! writer through a bounded channel. Only problems are kept, never the rows.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;

use sha2::{Digest, Sha256};

use super::seen::{Loc, Seen};
use super::{Counts, at, place};
use crate::domain::Kind;
use crate::ops::records::Record;
use crate::template::read::CsvSource;
use crate::template::read::ReadResult;
use crate::template::read_csv::{CsvRows, row_at, row_at_in_file};
use crate::template::xlsx_grid::GridError;
use crate::template::xlsx_stream::stream_rows;
use crate::template::{Issue, Problem, RawRow, Sheet};

/// What the checker sends the writer, in the order of writing. Nearly every message is
/// a row: boxing the record would cost an allocation per row for nothing.
#[allow(clippy::large_enum_variant)]
pub enum Msg {
    /// A row that passed the value rules and whose code is new to this import.
    Row { unit: u32, number: u32, code: String, record: Record },
    /// A record of this import that broke a value rule: a reference to its code is
    /// reported as such, not as an unknown record.
    Rejected(Kind, String),
}

/// A cell of a file, as a problem names it: (file, sheet, row, column).
pub type Place = (String, Option<String>, Option<u32>, Option<String>);

/// What the checker found.
pub struct Checked {
    /// Per sheet: cells without a header in rows of CSV files, found as they were read.
    pub row_problems: Vec<Vec<Problem>>,
    /// Per sheet: broken value rules and repeated codes.
    pub rule_problems: Vec<Vec<Problem>>,
    /// Rows read, and repeated rows equal to their first (unchanged), per kind.
    pub counts: BTreeMap<Kind, Counts>,
    /// Data rows read, per sheet.
    pub rows: Vec<u64>,
}

struct Checker<'a> {
    read: &'a ReadResult,
    formula_cells: &'a HashSet<Place>,
    checked: &'a AtomicU64,
    tx: SyncSender<Vec<Msg>>,
    /// Messages not yet sent: they go in chunks, so that the two threads meet once per
    /// chunk instead of once per row.
    chunk: Vec<Msg>,
    seen: Seen,
    /// Codes of rows that broke a value rule (a reference to one is not "unknown").
    rejected: HashSet<(Kind, String)>,
    /// The database as it was, opened only when a row with errors names a record, so
    /// that its unknown references are reported in the same round as its other errors.
    db: &'a std::path::Path,
    /// Whose records the database's lookups see (a county's, in a roll-up).
    focus: Option<crate::domain::DivisionCode>,
    before: Option<Option<crate::db::Store>>,
    worksheets: Worksheets,
    out: Checked,
}

/// Checks the rows of the sheets `order` names and sends them on; stops early when the
/// writer has stopped listening.
pub fn check(
    read: &ReadResult,
    db: &std::path::Path,
    focus: Option<crate::domain::DivisionCode>,
    order: &[usize],
    formula_cells: &HashSet<Place>,
    checked: &AtomicU64,
    tx: SyncSender<Vec<Msg>>,
) -> Checked {
    let n = read.sheets.len();
    // The rows of the sheets checked (one export of an import of several).
    let rows: u64 = order.iter().filter_map(|&u| read.row_counts.get(u)).sum();
    let mut c = Checker {
        read,
        formula_cells,
        checked,
        tx,
        chunk: Vec::with_capacity(CHUNK),
        worksheets: HashMap::new(),
        // The row count may be an estimate (lines): room made ahead for at most 4 million.
        seen: Seen::with_capacity(rows.min(1 << 22) as usize),
        rejected: HashSet::new(),
        db,
        focus,
        before: None,
        out: Checked {
            row_problems: vec![Vec::new(); n],
            rule_problems: vec![Vec::new(); n],
            counts: BTreeMap::new(),
            rows: vec![0; n],
        },
    };
    for &u in order {
        if !c.sheet(u) {
            return c.out;
        }
    }
    let last = std::mem::take(&mut c.chunk);
    if !last.is_empty() {
        let _ = c.tx.send(last);
    }
    c.out
}

/// Messages per chunk.
pub const CHUNK: usize = 512;

impl Checker<'_> {
    /// Queues a message; false when the writer is gone.
    fn send(&mut self, msg: Msg) -> bool {
        self.chunk.push(msg);
        if self.chunk.len() < CHUNK {
            return true;
        }
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.tx.send(full).is_ok()
    }

    /// False when the writer is gone.
    fn sheet(&mut self, u: usize) -> bool {
        let read = self.read;
        let sheet = &read.sheets[u];
        match read.texts.get(u).and_then(Option::as_ref) {
            Some(CsvSource::Text(text)) => return self.csv(u, sheet, &mut CsvRows::new(text)),
            Some(CsvSource::File { path, skip, sha256 }) => {
                let mut hash = Sha256::new();
                hash.update(&b"\xEF\xBB\xBF"[..*skip as usize]);
                let mut rows = match CsvRows::from_file(path, *skip, Some(hash)) {
                    Ok(rows) => rows,
                    Err(e) => {
                        self.refuse(u, Issue::Unreadable(e.to_string()));
                        return true;
                    }
                };
                if !self.csv(u, sheet, &mut rows) {
                    return false;
                }
                let same = rows.finish_hash().map(|h| hex(&h.finalize())).as_deref() == Some(sha256.as_str());
                if !same {
                    self.refuse(u, Issue::ChangedWhileImporting);
                }
            }
            None if read.layouts.get(u).is_some_and(Option::is_some) => return self.worksheet(u),
            None => {
                for (i, row) in sheet.rows.iter().enumerate() {
                    if !self.row(u, sheet, row, i as u64) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// The rows of a CSV file; false when the writer is gone.
    fn csv<R: std::io::Read>(&mut self, u: usize, sheet: &Sheet, rows: &mut CsvRows<R>) -> bool {
        loop {
            match rows.next_row() {
                Ok(Some((row, start))) => {
                    if let Some(p) = sheet.row_problem(&row) {
                        self.out.row_problems[u].push(p);
                    }
                    if !self.row(u, sheet, &row, start) {
                        return false;
                    }
                }
                Ok(None) => return true,
                Err(e) => {
                    // It parsed when first read: the file changed or broke since.
                    self.refuse(u, Issue::Unreadable(e));
                    return true;
                }
            }
        }
    }

    /// A problem with a whole file found while reading its rows: the import is refused.
    fn refuse(&mut self, u: usize, issue: Issue) {
        let sheet = &self.read.sheets[u];
        let p = Problem { sheet: sheet.sheet.clone(), ..Problem::file(&sheet.file, issue) };
        self.out.rule_problems[u].push(p);
    }

    /// The rows of a worksheet streamed from its file; false when the writer is gone.
    fn worksheet(&mut self, u: usize) -> bool {
        let read = self.read;
        let sheet = &read.sheets[u];
        let Some(Some((path, layout))) = read.layouts.get(u) else { return true };
        let mut go = true;
        // A damaged workbook must never bring the import down, even through a panic in the
        // XLSX library (as when it was first read): the import is then refused.
        let streamed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            stream_rows(path, &sheet.file, layout, |row, lost| {
                if let Some(p) = lost {
                    self.out.row_problems[u].push(p);
                }
                if row.cells.is_empty() {
                    return true;
                }
                if let Some(p) = sheet.row_problem(&row) {
                    self.out.row_problems[u].push(p);
                }
                go = self.row(u, sheet, &row, u64::from(row.number));
                go
            })
        }));
        // The file changed or broke since it was first read: the import is refused.
        match streamed {
            Ok(Ok(())) => {}
            Ok(Err(GridError::Unreadable(why))) => self.refuse(u, Issue::Unreadable(why)),
            Ok(Err(GridError::BeyondLimits(..))) => self.refuse(u, Issue::ChangedWhileImporting),
            Err(_) => self.refuse(u, Issue::Unreadable("damaged workbook".into())),
        }
        if go && !unchanged(read, path) {
            self.refuse(u, Issue::ChangedWhileImporting);
        }
        go
    }

    fn row(&mut self, u: usize, sheet: &Sheet, row: &RawRow, at_byte: u64) -> bool {
        let kind = sheet.kind;
        self.checked.fetch_add(1, Ordering::Relaxed);
        self.out.counts.entry(kind).or_default().read += 1;
        self.out.rows[u] += 1;
        if !sheet.has_required_columns() {
            return true;
        }
        let code_key = kind.code_field().key;
        let code = sheet.view(row).value_trimmed(code_key);
        self.out.rule_problems[u].extend(super::format_chars_removed(sheet, row));
        match Record::parse(kind, &sheet.view(row)) {
            Ok(record) => {
                let loc = Loc { unit: u as u32, number: row.number, at: at_byte };
                let read = self.read;
                let worksheets = &mut self.worksheets;
                let code_of = |l: Loc| {
                    let s = read.sheets.get(l.unit as usize)?;
                    let r = row_at_loc(read, worksheets, l)?;
                    Some((s.kind, s.view(&r).value_trimmed(code_key)))
                };
                let first = self.seen.first_or_insert(kind, &code, loc, code_of);
                if let Some(first) = first {
                    // The same record twice (say, in overlapping statements) is harmless.
                    let s = &read.sheets[first.unit as usize];
                    let first_row = row_at_loc(read, &mut self.worksheets, first);
                    let same = first_row.as_ref().and_then(|r| Record::parse(kind, &s.view(r)).ok()) == Some(record);
                    if same {
                        self.out.counts.entry(kind).or_default().unchanged += 1;
                    } else {
                        let first = first_row.map(|r| place(s, &r)).unwrap_or_default();
                        self.out.rule_problems[u].push(at(sheet, row, code_key, Issue::RepeatedCode { first }));
                    }
                    return true;
                }
                self.send(Msg::Row { unit: u as u32, number: row.number, code, record })
            }
            Err(errors) => {
                self.unknown_references(u, sheet, row, &errors);
                self.rejected.insert((kind, code.clone()));
                for e in errors {
                    let problem = at(sheet, row, e.field, Issue::Rule(e.rule));
                    // A formula saved without its value is already reported at this cell;
                    // "required value is empty" would only repeat it.
                    let place = (problem.file.clone(), problem.sheet.clone(), problem.row, problem.column.clone());
                    if !self.formula_cells.contains(&place) {
                        self.out.rule_problems[u].push(problem);
                    }
                }
                self.send(Msg::Rejected(kind, code))
            }
        }
    }
}

impl Checker<'_> {
    /// The references of a row that broke a value rule, checked now against this import
    /// and the database, so a village is told everything wrong with the row at once.
    fn unknown_references(&mut self, u: usize, sheet: &Sheet, row: &RawRow, errors: &[crate::domain::FieldError]) {
        use crate::domain::kind::reference;
        let kind = sheet.kind;
        let view = sheet.view(row);
        for f in kind.fields() {
            let Some(target) = reference(kind, f.key) else { continue };
            let code = view.value_trimmed(f.key);
            if code.is_empty() || errors.iter().any(|e| e.field == f.key) {
                continue;
            }
            if self.seen.contains(target, &code) || self.rejected.contains(&(target, code.clone())) {
                continue;
            }
            let (db, focus) = (self.db, self.focus);
            let store = self.before.get_or_insert_with(|| {
                let store = crate::db::Store::open(db, crate::db::OpenMode::ReadOnly, "").ok();
                store.inspect(|s| s.set_focus(focus))
            });
            let known = match store {
                Some(s) => Record::load(s, target, &code).map(|r| r.is_some()).unwrap_or(true),
                None => true,
            };
            if !known {
                let rule = crate::domain::Rule::UnknownReference { what: target.sheet(), code };
                self.out.rule_problems[u].push(at(sheet, row, f.key, Issue::Rule(rule)));
            }
        }
    }
}

/// Rows of streamed worksheets read whole, by sheet and row number: only when a code
/// repeats there (rare), to compare with its first row.
type Worksheets = HashMap<u32, HashMap<u32, RawRow>>;

/// The row at `loc` read again.
fn row_at_loc(read: &ReadResult, worksheets: &mut Worksheets, loc: Loc) -> Option<RawRow> {
    let u = loc.unit as usize;
    match read.texts.get(u).and_then(Option::as_ref) {
        Some(CsvSource::Text(text)) => return row_at(text, loc.at, loc.number),
        Some(CsvSource::File { path, skip, .. }) => return row_at_in_file(path, *skip, loc.at, loc.number),
        None => {}
    }
    if let Some(Some((path, layout))) = read.layouts.get(u) {
        let rows = worksheets.entry(loc.unit).or_insert_with(|| {
            let mut rows = HashMap::new();
            let file = read.sheets.get(u).map(|s| s.file.as_str()).unwrap_or_default();
            let _ = stream_rows(path, file, layout, |row, _| {
                if !row.cells.is_empty() {
                    rows.insert(row.number, row);
                }
                true
            });
            rows
        });
        return rows.get(&loc.number).cloned();
    }
    read.sheets.get(u)?.rows.get(loc.at as usize).cloned()
}

/// True when the file at `path` still has the SHA-256 it had when first read.
fn unchanged(read: &ReadResult, path: &std::path::Path) -> bool {
    let Some(first) = read.files.iter().find(|f| f.path == path) else { return false };
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match std::io::Read::read(&mut file, &mut buf) {
            Ok(0) => break,
            Ok(n) => hash.update(&buf[..n]),
            Err(_) => return false,
        }
    }
    hex(&hash.finalize()) == first.sha256
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
