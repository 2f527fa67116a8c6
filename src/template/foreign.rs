//! Reading a file that is not the template: every row of a CSV file (in any encoding the
//! template accepts) or of each worksheet of a workbook, as text, with the row numbers a
//! spreadsheet shows — title rows, detail and summary rows alike. A preset
//! (`preset.rs`) says what the rows mean; `adapt.rs` turns them into template rows.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};
use sha2::{Digest, Sha256};

use super::decode::{decode, decode_owned};
use super::problem::{Issue, Problem};
use super::read_csv::CsvRows;
use super::read_xlsx::{MAX_COLUMNS, cell_text};
use super::sheet::{RawRow, detect_kind};
use super::xlsx_grid::Grid;
use crate::domain::Kind;

/// The rows of one CSV file or worksheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as the operator named it.
    pub file: String,
    /// The worksheet (XLSX only).
    pub sheet: Option<String>,
    /// Every row that holds something, numbered as a spreadsheet shows them.
    pub rows: Vec<RawRow>,
}

/// A foreign file read whole.
#[derive(Debug, Clone)]
pub struct ForeignFile {
    pub path: PathBuf,
    pub sha256: String,
    /// One table for a CSV file; one per worksheet holding anything for a workbook.
    pub tables: Vec<Table>,
}

fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
}

/// Reads a foreign file; `Err` with the problem of the whole file when it cannot be read.
pub fn read_foreign(path: &Path) -> Result<ForeignFile, Box<Problem>> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Box::new(Problem::file(&label, Issue::file_error(&e))))?;
    let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let tables = if is_xlsx(path) {
        // A damaged workbook must never bring the import down, even through a panic in the
        // XLSX library.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(&label, bytes)))
            .unwrap_or_else(|_| Err(Box::new(Problem::file(&label, Issue::Unreadable("damaged workbook".into())))))?
    } else {
        let (text, _) = decode_owned(bytes).ok_or_else(|| Box::new(Problem::file(&label, Issue::Encoding)))?;
        let rows = CsvRows::new(&text).all_rows().map_err(|e| Box::new(Problem::file(&label, Issue::Unreadable(e))))?;
        vec![Table { file: label.clone(), sheet: None, rows }]
    };
    Ok(ForeignFile { path: path.to_path_buf(), sha256, tables })
}

fn read_workbook(label: &str, bytes: Vec<u8>) -> Result<Vec<Table>, Box<Problem>> {
    let unreadable = |e: String| Box::new(Problem::file(label, Issue::Unreadable(e)));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let epoch_1904 = book.has_1904_epoch();
    let mut tables = Vec::new();
    for name in book.sheet_names() {
        let grid = Grid::read(&mut book, &name).map_err(|e| match e {
            super::xlsx_grid::GridError::Unreadable(why) => unreadable(why),
            super::xlsx_grid::GridError::BeyondLimits(..) => {
                Box::new(Problem { sheet: Some(name.clone()), ..Problem::file(label, Issue::BeyondSheetLimits) })
            }
        })?;
        let mut rows = Vec::new();
        for (&r, cells) in &grid.rows {
            let mut texts = csv::StringRecord::new();
            for (c, cell) in cells.iter().filter(|(c, _)| *c < MAX_COLUMNS) {
                while texts.len() < *c as usize {
                    texts.push_field("");
                }
                texts.push_field(&cell_text(cell, None, epoch_1904));
            }
            let row = RawRow { number: r + 1, cells: texts };
            if !row.is_empty() {
                rows.push(row);
            }
        }
        if !rows.is_empty() {
            tables.push(Table { file: label.to_string(), sheet: Some(name), rows });
        }
    }
    Ok(tables)
}

/// True when `path` is read as the template: a folder, a `.zip`, a workbook with a sheet
/// named as the template's, a CSV file whose header is a template sheet's — or a file
/// that cannot be read at all (the template's reader then says why).
pub fn is_template(path: &Path) -> bool {
    if path.is_dir() {
        return true;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "zip" => true,
        "xlsx" | "xlsm" => {
            workbook_sheet_names(path).is_none_or(|names| names.iter().any(|n| Kind::from_sheet(n).is_some()))
        }
        _ => csv_header(path).is_none_or(|h| detect_kind(&h).is_some()),
    }
}

/// The header of a CSV file, from its first 256 KB.
fn csv_header(path: &Path) -> Option<Vec<String>> {
    let mut prefix = Vec::new();
    std::fs::File::open(path).ok()?.take(256 * 1024).read_to_end(&mut prefix).ok()?;
    // Cut after the last line end (a newline is never part of a character in UTF-8 or
    // GB18030), so that no character is cut in two.
    if let Some(end) = prefix.iter().rposition(|b| *b == b'\n') {
        prefix.truncate(end + 1);
    }
    let (text, _) = decode(&prefix)?;
    let header = CsvRows::new(&text).header().ok()?;
    Some(header.into_iter().map(|h| h.trim().to_string()).collect())
}

/// The worksheet names of a workbook, from its `xl/workbook.xml` (without reading its cells).
fn workbook_sheet_names(path: &Path) -> Option<Vec<String>> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml").ok()?.take(4 << 20).read_to_string(&mut xml).ok()?;
    let mut names = Vec::new();
    for part in xml.split("<sheet ").skip(1) {
        let Some(start) = part.find("name=\"") else { continue };
        let rest = &part[start + 6..];
        let Some(end) = rest.find('"') else { continue };
        let name = rest[..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
        names.push(name);
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_rows_are_rows_too() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("流水.csv");
        std::fs::write(&path, "账户明细\n\n交易日期,收入金额\n2024-05-10,100\n合计,100\n").unwrap_or_default();
        let f = read_foreign(&path).unwrap_or_else(|p| panic!("{p:?}"));
        let numbers: Vec<u32> = f.tables[0].rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4, 5]);
        assert!(!is_template(&path));
        let template = dir.path().join("捐赠.csv");
        std::fs::write(&template, "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期\n").unwrap_or_default();
        assert!(is_template(&template));
    }
}
