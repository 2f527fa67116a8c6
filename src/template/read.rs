//! Reading the files of one import: `.xlsx` workbooks, `.csv` files, folders and `.zip`
//! archives of CSV files, all as one unit.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::decode::decode_owned;
use super::problem::{Issue, Problem};
use super::read_csv::{CsvRows, parse_csv};
use super::read_xlsx::read_xlsx_sheets;
use super::sheet::{Sheet, detect_kind};
use super::source::{Openings, SideKind, SideSheet, Source, detect_csv, read_openings, read_source};
use super::xlsx_stream::Layout;

/// One file the operator named (or found in a named folder), with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub sha256: String,
    /// Which of the paths the operator named it came in.
    pub origin: usize,
}

/// Where a streamed CSV file's rows are read from.
#[derive(Debug)]
pub enum CsvSource {
    /// Text decoded from another encoding, or from a `.zip`.
    Text(String),
    /// A UTF-8 file, read again from disk from byte `skip` (after a BOM); its SHA-256 as
    /// first read, to find a file that changed in between.
    File { path: PathBuf, skip: u64, sha256: String },
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub files: Vec<InputFile>,
    pub sheets: Vec<Sheet>,
    pub problems: Vec<Problem>,
    /// Streamed ([`open_inputs`]): for each sheet, where the rows of a CSV file are read
    /// from one at a time (its `rows` stay empty); `None` for a worksheet.
    pub texts: Vec<Option<CsvSource>>,
    /// The number of data rows of each sheet; for a CSV file read again from disk
    /// ([`CsvSource::File`]), the number of lines after its header (an estimate, for
    /// progress and for sizing: it is never read through beforehand).
    pub row_counts: Vec<u64>,
    /// Streamed: for each sheet, a worksheet whose rows are read one at a time from its
    /// file (its `rows` stay empty), with what reading them needs.
    pub layouts: Vec<Option<(PathBuf, Layout)>>,
    /// Streamed: for each sheet, the problems of a worksheet found so far, kept apart from
    /// [`ReadResult::problems`] so that those of its rows can join them in order.
    pub heads: Vec<Vec<Problem>>,
    /// For each sheet, which of the paths the operator named it came in.
    pub origins: Vec<usize>,
    /// The `来源` sheets read (format version 2: where an export comes from).
    pub sources: Vec<Source>,
    /// The `期初余额` sheets read (the opening balances of a period export).
    pub openings: Vec<Openings>,
    /// The path being read (its index among those named).
    origin: usize,
}

/// Reads every input, keeping every row; `progress(done, total)` after each file.
pub fn read_inputs(paths: &[PathBuf], progress: &mut dyn FnMut(usize, usize)) -> ReadResult {
    read_all(paths, false, progress)
}

/// Reads every input as [`read_inputs`] does, with the same sheets and problems in the
/// same order, but keeps CSV files as text ([`ReadResult::texts`]) instead of rows; each
/// is read through once to count its rows and to find broken quoting before any row is
/// used. The problems of single rows of CSV files (cells without a header) are left to
/// whoever reads the rows ([`Sheet::row_problem`]).
pub fn open_inputs(paths: &[PathBuf], progress: &mut dyn FnMut(usize, usize)) -> ReadResult {
    read_all(paths, true, progress)
}

fn read_all(paths: &[PathBuf], stream: bool, progress: &mut dyn FnMut(usize, usize)) -> ReadResult {
    let mut out = ReadResult::default();
    let mut files = Vec::new();
    for (origin, p) in paths.iter().enumerate() {
        let before = files.len();
        expand(p, &mut files, &mut out.problems);
        out.origins.extend(std::iter::repeat_n(origin, files.len() - before));
    }
    let origins = std::mem::take(&mut out.origins);
    let total = files.len();
    for (i, (path, origin)) in files.iter().zip(origins).enumerate() {
        out.origin = origin;
        read_file(path, stream, &mut out);
        progress(i + 1, total);
    }
    out
}

impl ReadResult {
    /// Adds what another read found (files read another way, after these).
    pub fn append(&mut self, other: ReadResult) {
        // What came through presets belongs to no export named with a 来源.
        self.origins.extend(std::iter::repeat_n(usize::MAX, other.sheets.len()));
        self.files.extend(other.files.into_iter().map(|f| InputFile { origin: usize::MAX, ..f }));
        self.sheets.extend(other.sheets);
        self.problems.extend(other.problems);
        self.texts.extend(other.texts);
        self.row_counts.extend(other.row_counts);
        self.layouts.extend(other.layouts);
        self.heads.extend(other.heads);
    }

    /// A sheet whose rows are all held (a file read through a preset).
    pub fn add_held_sheet(&mut self, sheet: Sheet) {
        let rows = sheet.rows.len() as u64;
        self.add_sheet(sheet, None, rows);
    }

    fn add_sheet(&mut self, sheet: Sheet, text: Option<CsvSource>, rows: u64) {
        self.add_worksheet(sheet, text, rows, None, Vec::new());
    }

    fn add_worksheet(
        &mut self,
        sheet: Sheet,
        text: Option<CsvSource>,
        rows: u64,
        layout: Option<(PathBuf, Layout)>,
        head: Vec<Problem>,
    ) {
        self.sheets.push(sheet);
        self.origins.push(self.origin);
        self.texts.push(text);
        self.row_counts.push(rows);
        self.layouts.push(layout);
        self.heads.push(head);
    }

    /// A 来源 or 期初余额 sheet.
    fn add_side(&mut self, side: &SideSheet) {
        match side.kind {
            SideKind::Source => {
                let source = read_source(side, self.origin, &mut self.problems);
                self.sources.push(source);
            }
            SideKind::Opening => {
                let openings = read_openings(side, self.origin, &mut self.problems);
                self.openings.push(openings);
            }
        }
    }

    /// A CSV file (`on_disk`: its path and SHA-256; none for an entry of a `.zip`).
    fn add_csv(&mut self, label: &str, bytes: Vec<u8>, stream: bool, on_disk: Option<(&Path, &str)>) {
        if let Some(side) = side_csv(label, &bytes) {
            self.add_side(&side);
            return;
        }
        if stream {
            if let Some((sheet, source, rows)) = open_csv_bytes(label, bytes, on_disk, &mut self.problems) {
                self.add_sheet(sheet, Some(source), rows);
            }
        } else if let Some(sheet) = read_csv_bytes(label, bytes, &mut self.problems) {
            let rows = sheet.rows.len() as u64;
            self.add_sheet(sheet, None, rows);
        }
    }
}

/// Folders contribute their CSV and XLSX files (sorted by name, not recursive).
fn expand(path: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    if path.is_dir() {
        let mut found: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| is_data_file(p)).collect(),
            Err(e) => {
                problems.push(Problem::file(&path.display().to_string(), Issue::file_error(&e)));
                return;
            }
        };
        found.sort();
        files.extend(found);
    } else {
        files.push(path.to_path_buf());
    }
}

fn extension(p: &Path) -> String {
    p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn is_data_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    p.is_file() && !name.starts_with("~$") && !name.starts_with('.') && matches!(extension(p).as_str(), "csv" | "xlsx")
}

fn read_file(path: &Path, stream: bool, out: &mut ReadResult) {
    let label = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.problems.push(Problem::file(&label, Issue::file_error(&e)));
            return;
        }
    };
    let sha256 = hex_sha256(&bytes);
    out.files.push(InputFile { path: path.to_path_buf(), sha256: sha256.clone(), origin: out.origin });
    match extension(path).as_str() {
        "xlsx" | "xlsm" => {
            // A damaged workbook must never bring the import down, even through a panic in
            // the XLSX library: the file is then reported as unreadable.
            let mut problems = Vec::new();
            let mut side = Vec::new();
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_xlsx_sheets(&label, bytes, stream, &mut problems, &mut side)
            }));
            out.problems.extend(problems);
            for s in &side {
                out.add_side(s);
            }
            match read {
                Ok(sheets) => {
                    for s in sheets {
                        let rows = s.layout.as_ref().map_or(s.sheet.rows.len() as u64, |l| l.rows);
                        let layout = s.layout.map(|l| (path.to_path_buf(), l));
                        out.add_worksheet(s.sheet, None, rows, layout, s.problems);
                    }
                }
                Err(_) => out.problems.push(Problem::file(&label, Issue::Unreadable("damaged workbook".into()))),
            }
        }
        "zip" => read_zip(&label, bytes, stream, out),
        _ => out.add_csv(&label, bytes, stream, Some((path, &sha256))),
    }
}

fn read_zip(label: &str, bytes: Vec<u8>, stream: bool, out: &mut ReadResult) {
    let mut archive = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            out.problems.push(Problem::file(label, Issue::Unreadable(e.to_string())));
            return;
        }
    };
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                out.problems.push(Problem::file(label, Issue::Unreadable(e.to_string())));
                continue;
            }
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{i}"));
        if !name.to_ascii_lowercase().ends_with(".csv") || name.contains("__MACOSX") {
            continue;
        }
        let mut data = Vec::new();
        match entry.read_to_end(&mut data) {
            Ok(_) => entries.push((name, data)),
            Err(e) => out.problems.push(Problem::file(&format!("{label}/{name}"), Issue::file_error(&e))),
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, data) in entries {
        out.add_csv(&format!("{label}/{name}"), data, stream, None);
    }
}

/// A CSV file no larger than this may be a 来源 or 期初余额 sheet (it is decoded whole to
/// look): 150,000 projects' opening balances.
const SIDE_MAX_BYTES: usize = 8 << 20;

/// The file as a 来源 or 期初余额 sheet, when it is one.
fn side_csv(label: &str, bytes: &[u8]) -> Option<SideSheet> {
    if bytes.len() > SIDE_MAX_BYTES {
        return None;
    }
    let (text, _) = decode_owned(bytes.to_vec())?;
    // Its first two lines say what it is; only a side sheet is read whole.
    let head: String = text.split_inclusive('\n').take(2).collect();
    let (h, r) = parse_csv(&head).ok()?;
    let mut first = vec![h];
    first.extend(r.into_iter().map(|r| r.cells.iter().map(str::to_string).collect()));
    let kind = detect_csv(&first)?;
    let (headers, rows) = parse_csv(&text).ok()?;
    let mut all: Vec<(u32, Vec<String>)> = vec![(1, headers)];
    all.extend(rows.into_iter().map(|r| (r.number, r.cells.iter().map(str::to_string).collect())));
    Some(SideSheet { file: label.to_string(), sheet: None, kind, rows: all })
}

/// Decodes and recognises one CSV file, and reads it through once to count its rows;
/// the rows themselves are not kept (the sheet's `rows` stay empty). A UTF-8 file on disk
/// is not kept either: its rows are read from the file again.
pub fn open_csv_bytes(
    label: &str,
    bytes: Vec<u8>,
    on_disk: Option<(&Path, &str)>,
    problems: &mut Vec<Problem>,
) -> Option<(Sheet, CsvSource, u64)> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let utf8 = std::str::from_utf8(if bom { &bytes[3..] } else { &bytes }).is_ok();
    let (counted, source) = match on_disk {
        Some((path, sha256)) if utf8 => {
            let skip = if bom { 3 } else { 0 };
            let text = std::str::from_utf8(&bytes[skip..]).unwrap_or_default();
            let lines = |end: u8| bytes.iter().filter(|b| **b == end).count() as u64;
            let counted = CsvRows::new(text).header().map(|h| (h, lines(b'\n').max(lines(b'\r')).saturating_sub(1)));
            (counted, CsvSource::File { path: path.to_path_buf(), skip: skip as u64, sha256: sha256.to_string() })
        }
        _ => {
            let Some((text, _)) = decode_owned(bytes) else {
                problems.push(Problem::file(label, Issue::Encoding));
                return None;
            };
            (CsvRows::new(&text).count_rows(), CsvSource::Text(text))
        }
    };
    let (headers, rows) = match counted {
        Ok(read) => read,
        Err(e) => {
            problems.push(Problem::file(label, Issue::Unreadable(e)));
            return None;
        }
    };
    let (headers, kind) = recognised(label, headers, problems)?;
    let sheet = Sheet::new(label, None, kind, headers, Vec::new(), problems);
    Some((sheet, source, rows))
}

/// Decodes, parses and recognises one CSV file.
pub fn read_csv_bytes(label: &str, bytes: Vec<u8>, problems: &mut Vec<Problem>) -> Option<Sheet> {
    let Some((text, _)) = decode_owned(bytes) else {
        problems.push(Problem::file(label, Issue::Encoding));
        return None;
    };
    let (headers, rows) = match parse_csv(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            problems.push(Problem::file(label, Issue::Unreadable(e)));
            return None;
        }
    };
    let (headers, kind) = recognised(label, headers, problems)?;
    Some(Sheet::new(label, None, kind, headers, rows, problems))
}

/// A CSV file's header, trimmed, and the sheet it belongs to; a header of no sheet is a
/// problem at row 1.
fn recognised(
    label: &str,
    headers: Vec<String>,
    problems: &mut Vec<Problem>,
) -> Option<(Vec<String>, crate::domain::Kind)> {
    let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
    let Some(kind) = detect_kind(&headers) else {
        problems.push(Problem { row: Some(1), ..Problem::file(label, Issue::UnknownSheet) });
        return None;
    };
    Some((headers, kind))
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
