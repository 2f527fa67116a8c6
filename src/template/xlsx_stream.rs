//! Reading a worksheet's rows one at a time (issue 16): a workbook of a million
//! donations is never held as cells or rows.
//!
//! A first pass ([`scan`]) streams the sheet's cells once and keeps only what the rows
//! need: the header row, the formulas without a value, and the number of data rows; it
//! finds damage and cells beyond the limits before any row is used. [`stream_rows`]
//! then streams the cells again and hands over each row as it is complete. A sheet
//! whose rows are not in order in the file, or that has merged ranges (which fill cells
//! from rows above), is read whole as before ([`Scan::Whole`]).

use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Data, DataRef, Xlsx};

use crate::domain::{Field, Kind};

use super::problem::{Issue, Problem};
use super::read_xlsx::{MAX_COLUMNS, cell_text};
use super::sheet::{RawRow, column_letters};
use super::xlsx_grid::{GridError, MAX_COL, MAX_ROW};

/// What a row needs to become text: the header row and its columns.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The worksheet.
    pub name: String,
    /// The header row, 0-based.
    pub header: u32,
    /// The header cells as written.
    pub headers: Vec<String>,
    fields: Vec<Option<&'static Field>>,
    epoch_1904: bool,
    /// Data rows that hold something.
    pub rows: u64,
}

/// What the first pass found.
pub enum Scan {
    /// Rows can be streamed; the formulas without a value, at (row, column), 0-based.
    Stream(Layout, Vec<(u32, u32)>),
    /// Read the sheet whole.
    Whole,
    /// No cell at all.
    Empty,
    /// The header row is wider than [`MAX_COLUMNS`]: (header row, width).
    TooWide(u32, u32),
}

/// Collects one row's cells as they stream by.
struct RowCells {
    row: Option<u32>,
    cells: Vec<(u32, Data)>,
}

/// Streams the non-empty cells of `name`, a row at a time: `each(row, cells)` with the
/// row's cells sorted by column (the first of two at one place); `Ok(false)` when the
/// rows are out of order; `each` returns false to stop.
fn rows_of<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    formulas: &mut Vec<(u32, u32)>,
    mut each: impl FnMut(u32, &mut Vec<(u32, Data)>) -> bool,
) -> Result<bool, GridError> {
    let unreadable = |e: calamine::XlsxError| GridError::Unreadable(e.to_string());
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut current = RowCells { row: None, cells: Vec::new() };
    let mut flush = |current: &mut RowCells| -> bool {
        let Some(row) = current.row else { return true };
        current.cells.sort_by_key(|(c, _)| *c);
        current.cells.dedup_by_key(|(c, _)| *c);
        let go = each(row, &mut current.cells);
        current.cells.clear();
        go
    };
    while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(unreadable)? {
        let (row, col) = cell.pos;
        if row > MAX_ROW || col > MAX_COL {
            return Err(GridError::BeyondLimits(row, col));
        }
        let empty = matches!(cell.value, DataRef::Empty);
        if empty && cell.formula.is_some() {
            formulas.push((row, col));
        }
        if empty || matches!(&cell.value, DataRef::String(s) if s.is_empty()) {
            continue;
        }
        match current.row {
            Some(r) if r == row => {}
            Some(r) if r > row => return Ok(false),
            _ => {
                if !flush(&mut current) {
                    return Ok(true);
                }
                current.row = Some(row);
            }
        }
        current.cells.push((col, Data::from(cell.value)));
    }
    flush(&mut current);
    Ok(true)
}

/// The first pass over a template sheet.
pub fn scan<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str, kind: Kind) -> Result<Scan, GridError> {
    let epoch_1904 = book.has_1904_epoch();
    let mut formulas = Vec::new();
    let mut layout: Option<Layout> = None;
    let mut too_wide = None;
    let in_order = rows_of(book, name, &mut formulas, |row, cells| {
        // Every cell is still read: one beyond the limits is reported before a wide header.
        if too_wide.is_some() {
            return true;
        }
        match layout.as_mut() {
            None => {
                let width = cells.last().map_or(0, |(c, _)| c + 1);
                if width > MAX_COLUMNS {
                    too_wide = Some((row, width));
                    return true;
                }
                let mut headers = vec![String::new(); width as usize];
                for (c, cell) in cells.iter() {
                    headers[*c as usize] = cell_text(cell, None, false).trim().to_string();
                }
                let fields = headers.iter().map(|h| kind.match_header(h)).collect();
                layout = Some(Layout { name: name.to_string(), header: row, headers, fields, epoch_1904, rows: 0 });
            }
            Some(l) => {
                if !row_of(l, row, cells).0.is_empty() {
                    l.rows += 1;
                }
            }
        }
        true
    })?;
    if let Some((row, width)) = too_wide {
        return Ok(Scan::TooWide(row, width));
    }
    if !in_order {
        return Ok(Scan::Whole);
    }
    let Some(layout) = layout else { return Ok(Scan::Empty) };
    let merged = book.merge_cells_by_sheet_name(name).map_err(|e| GridError::Unreadable(e.to_string()))?;
    if !merged.is_empty() {
        return Ok(Scan::Whole);
    }
    Ok(Scan::Stream(layout, formulas))
}

/// A data row as text, and the first cell beyond the header's last column (column,
/// text), which would be lost.
fn row_of(layout: &Layout, row: u32, cells: &[(u32, Data)]) -> (RawRow, Option<(u32, String)>) {
    let width = layout.headers.len();
    let mut texts = csv::StringRecord::new();
    let mut beyond = None;
    for (c, cell) in cells {
        let c = *c as usize;
        if c >= width {
            beyond = Some((c as u32, cell_text(cell, None, false)));
            break;
        }
        while texts.len() < c {
            texts.push_field("");
        }
        let ty = layout.fields.get(c).copied().flatten().map(|f| f.ty);
        texts.push_field(&cell_text(cell, ty, layout.epoch_1904));
    }
    let row = RawRow { number: row + 1, cells: texts };
    (if row.is_empty() { RawRow { number: row.number, cells: csv::StringRecord::new() } } else { row }, beyond)
}

/// The second pass: every data row that holds something, in order, with the problem of a
/// cell beyond the header's last column when there is one; `each` returns false to stop.
pub fn stream_rows(
    path: &Path,
    file: &str,
    layout: &Layout,
    mut each: impl FnMut(RawRow, Option<Problem>) -> bool,
) -> Result<(), GridError> {
    let unreadable = |e: String| GridError::Unreadable(e);
    let reader = std::io::BufReader::new(std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?);
    let mut book: Xlsx<_> =
        calamine::Reader::new(reader).map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
    let mut formulas = Vec::new();
    rows_of(&mut book, &layout.name, &mut formulas, |row, cells| {
        if row <= layout.header {
            return true;
        }
        let (raw, beyond) = row_of(layout, row, cells);
        let problem = beyond.map(|(c, value)| Problem {
            sheet: Some(layout.name.clone()),
            row: Some(row.saturating_add(1)),
            column: Some(column_letters(c as usize)),
            value,
            ..Problem::file(file, Issue::CellWithoutHeader)
        });
        if raw.cells.is_empty() {
            // An empty row is skipped, but its lost cell is still reported.
            return match problem {
                Some(p) => each(raw, Some(p)),
                None => true,
            };
        }
        each(raw, problem)
    })?;
    Ok(())
}
