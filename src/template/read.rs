//! Reading the files of one import: `.xlsx` workbooks, `.csv` files, folders and `.zip`
//! archives of CSV files, all as one unit.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::decode::decode_owned;
use super::problem::{Issue, Problem};
use super::read_csv::parse_csv;
use super::read_xlsx::read_xlsx;
use super::sheet::{Sheet, detect_kind};

/// One file the operator named (or found in a named folder), with its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub sha256: String,
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct ReadResult {
    pub files: Vec<InputFile>,
    pub sheets: Vec<Sheet>,
    pub problems: Vec<Problem>,
}

/// Reads every input; `progress(done, total)` after each file.
pub fn read_inputs(paths: &[PathBuf], progress: &mut dyn FnMut(usize, usize)) -> ReadResult {
    let mut out = ReadResult::default();
    let mut files = Vec::new();
    for p in paths {
        expand(p, &mut files, &mut out.problems);
    }
    let total = files.len();
    for (i, path) in files.iter().enumerate() {
        read_file(path, &mut out);
        progress(i + 1, total);
    }
    out
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

fn read_file(path: &Path, out: &mut ReadResult) {
    let label = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.problems.push(Problem::file(&label, Issue::file_error(&e)));
            return;
        }
    };
    out.files.push(InputFile { path: path.to_path_buf(), sha256: hex_sha256(&bytes) });
    match extension(path).as_str() {
        "xlsx" | "xlsm" => {
            // A damaged workbook must never bring the import down, even through a panic in
            // the XLSX library: the file is then reported as unreadable.
            let mut problems = Vec::new();
            let read =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_xlsx(&label, bytes, &mut problems)));
            out.problems.extend(problems);
            match read {
                Ok(sheets) => out.sheets.extend(sheets),
                Err(_) => out.problems.push(Problem::file(&label, Issue::Unreadable("damaged workbook".into()))),
            }
        }
        "zip" => read_zip(&label, bytes, out),
        _ => {
            if let Some(sheet) = read_csv_bytes(&label, bytes, &mut out.problems) {
                out.sheets.push(sheet);
            }
        }
    }
}

fn read_zip(label: &str, bytes: Vec<u8>, out: &mut ReadResult) {
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
        if let Some(sheet) = read_csv_bytes(&format!("{label}/{name}"), data, &mut out.problems) {
            out.sheets.push(sheet);
        }
    }
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
    let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
    let Some(kind) = detect_kind(&headers) else {
        problems.push(Problem { row: Some(1), ..Problem::file(label, Issue::UnknownSheet) });
        return None;
    };
    Some(Sheet::new(label, None, kind, headers, rows, problems))
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
