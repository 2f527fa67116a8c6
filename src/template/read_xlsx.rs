//! Reading an XLSX workbook: each worksheet named after a template sheet becomes a
//! [`Sheet`]; cells become text according to their column's type. Cells are read sparsely
//! ([`Grid`]), merged ranges are filled down, formulas without a computed value and cells
//! beyond the header are reported, and a hidden template sheet is warned about.

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Xlsx};

use crate::domain::date::from_serial;
use crate::domain::kind::FieldType;
use crate::domain::{Field, Kind};

use super::problem::{Issue, Problem};
use super::sheet::{RawRow, Sheet, column_letters};
use super::source::{SideKind, SideSheet, detect_sheet};
use super::xlsx_grid::{Grid, GridError};
use super::xlsx_stream::{Layout, Scan, scan};

/// The widest header row read: far more than any template sheet (the old Excel limit, IV).
pub const MAX_COLUMNS: u32 = 256;

/// Reads the workbook in `bytes`; unknown worksheets (such as 填写说明) are ignored.
pub fn read_xlsx(file: &str, bytes: Vec<u8>, problems: &mut Vec<Problem>) -> Vec<Sheet> {
    read_xlsx_sheets(file, bytes, false, problems, &mut Vec::new()).into_iter().map(|s| s.sheet).collect()
}

/// A worksheet read: the sheet, how to stream its rows (when they were not read), and,
/// when streaming, the problems found in it so far (in the order [`read_xlsx`] reports
/// them).
pub struct XlsxSheet {
    pub sheet: Sheet,
    pub layout: Option<Layout>,
    pub problems: Vec<Problem>,
}

/// Reads the workbook in `bytes`. With `stream`, a sheet whose rows can be read one at a
/// time later ([`super::xlsx_stream`]) keeps no rows; the others are read whole. The
/// problems of a sheet that is not kept, and of the workbook, go to `problems`.
///
/// The sheets of format version 2 that hold no records (`来源`, `期初余额`) go to `side`.
pub fn read_xlsx_sheets(
    file: &str,
    bytes: Vec<u8>,
    stream: bool,
    problems: &mut Vec<Problem>,
    side: &mut Vec<SideSheet>,
) -> Vec<XlsxSheet> {
    let mut book: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::file(file, Issue::Unreadable(e.to_string())));
            return Vec::new();
        }
    };
    let epoch_1904 = book.has_1904_epoch();
    let hidden: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.visible != SheetVisible::Visible).map(|s| s.name.clone()).collect();
    let mut sheets = Vec::new();
    let mut recognised = false;
    for name in book.sheet_names() {
        let Some(kind) = Kind::from_sheet(&name) else {
            if let Some(kind) = detect_sheet(&name) {
                match Grid::read(&mut book, &name) {
                    Ok(grid) => side.push(side_sheet(file, &name, kind, &grid)),
                    Err(e) => problems.push(grid_problem(file, &name, e)),
                }
            }
            continue;
        };
        recognised = true;
        let mut mine = Vec::new();
        if hidden.contains(&name) {
            mine.push(sheet_problem(file, &name, None, None, Issue::HiddenSheet));
        }
        let read = if stream {
            streamed_sheet(&mut book, file, &name, kind, epoch_1904, &mut mine)
        } else {
            whole_sheet(&mut book, file, &name, kind, epoch_1904, &mut mine).map(|s| (s, None))
        };
        match read {
            // Streamed, a sheet's problems stay with it, to be joined by those of its rows.
            Some((sheet, layout)) if stream => sheets.push(XlsxSheet { sheet, layout, problems: mine }),
            Some((sheet, layout)) => {
                problems.extend(mine);
                sheets.push(XlsxSheet { sheet, layout, problems: Vec::new() });
            }
            None => problems.extend(mine),
        }
    }
    if !recognised {
        problems.push(Problem::file(file, Issue::NoTemplateSheets));
    }
    sheets
}

fn sheet_problem(file: &str, name: &str, row: Option<u32>, column: Option<String>, issue: Issue) -> Problem {
    Problem { sheet: Some(name.to_string()), row, column, ..Problem::file(file, issue) }
}

/// A problem when a sheet cannot be read.
fn grid_problem(file: &str, name: &str, e: GridError) -> Problem {
    match e {
        GridError::Unreadable(why) => sheet_problem(file, name, None, None, Issue::Unreadable(why)),
        GridError::BeyondLimits(row, col) => {
            let col = column_letters(col.min(super::xlsx_grid::MAX_COL + 1) as usize);
            sheet_problem(file, name, Some(row.saturating_add(1)), Some(col), Issue::BeyondSheetLimits)
        }
    }
}

/// A sheet read whole: all its cells, merged ranges filled down, then its rows.
fn whole_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    file: &str,
    name: &str,
    kind: Kind,
    epoch_1904: bool,
    problems: &mut Vec<Problem>,
) -> Option<Sheet> {
    let grid = Grid::read(book, name).and_then(|mut grid| {
        let Some(&header) = grid.rows.keys().next() else { return Ok(grid) };
        let width = header_width(&grid, header).min(MAX_COLUMNS);
        match book.merge_cells_by_sheet_name(name) {
            Ok(merged) => grid.fill_merged(&merged, header, width)?,
            Err(e) => return Err(GridError::Unreadable(e.to_string())),
        }
        Ok(grid)
    });
    match grid {
        Ok(grid) => build_sheet(file, name, kind, grid, epoch_1904, problems),
        Err(e) => {
            problems.push(grid_problem(file, name, e));
            None
        }
    }
}

/// A sheet whose rows will be streamed, when they can be; else read whole.
fn streamed_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    file: &str,
    name: &str,
    kind: Kind,
    epoch_1904: bool,
    problems: &mut Vec<Problem>,
) -> Option<(Sheet, Option<Layout>)> {
    match scan(book, name, kind) {
        Err(e) => {
            problems.push(grid_problem(file, name, e));
            None
        }
        Ok(Scan::Empty) => None,
        Ok(Scan::Whole) => whole_sheet(book, file, name, kind, epoch_1904, problems).map(|s| (s, None)),
        Ok(Scan::TooWide(header, width)) => {
            let issue = Issue::TooWide { columns: width as usize, max: MAX_COLUMNS as usize };
            let column = column_letters(width as usize - 1);
            problems.push(sheet_problem(file, name, Some(header.saturating_add(1)), Some(column), issue));
            None
        }
        Ok(Scan::Stream(layout, formulas)) => {
            for (row, col) in formulas {
                let column = match layout.headers.get(col as usize) {
                    Some(h) if !h.is_empty() => h.clone(),
                    _ => column_letters(col as usize),
                };
                let p =
                    sheet_problem(file, name, Some(row.saturating_add(1)), Some(column), Issue::FormulaWithoutValue);
                problems.push(p);
            }
            let sheet = Sheet::new(file, Some(name), kind, layout.headers.clone(), Vec::new(), problems);
            Some((sheet, Some(layout)))
        }
    }
}

/// One past the header row's last non-empty cell.
fn header_width(grid: &Grid, header: u32) -> u32 {
    grid.rows.get(&header).and_then(|cells| cells.last()).map_or(0, |(c, _)| c + 1)
}

/// A sheet from its cells: the first row that holds anything is the header; data cells in
/// columns beyond the header are reported (they would be lost), not kept.
fn build_sheet(
    file: &str,
    name: &str,
    kind: Kind,
    grid: Grid,
    epoch_1904: bool,
    problems: &mut Vec<Problem>,
) -> Option<Sheet> {
    let at = |row: u32, column: String, value: String, issue: Issue| Problem {
        sheet: Some(name.to_string()),
        row: Some(row.saturating_add(1)),
        column: Some(column),
        value,
        ..Problem::file(file, issue)
    };
    let header = *grid.rows.keys().next()?;
    let full_width = header_width(&grid, header);
    if full_width > MAX_COLUMNS {
        problems.push(at(
            header,
            column_letters(full_width as usize - 1),
            String::new(),
            Issue::TooWide { columns: full_width as usize, max: MAX_COLUMNS as usize },
        ));
        return None;
    }
    let width = full_width as usize;
    let mut headers = vec![String::new(); width];
    for (c, cell) in &grid.rows[&header] {
        headers[*c as usize] = plain_text(cell).trim().to_string();
    }
    let fields: Vec<Option<&'static Field>> = headers.iter().map(|h| kind.match_header(h)).collect();
    let column_name = |c: u32| match headers.get(c as usize) {
        Some(h) if !h.is_empty() => h.clone(),
        _ => column_letters(c as usize),
    };
    for &(row, col) in &grid.formulas_without_value {
        problems.push(at(row, column_name(col), String::new(), Issue::FormulaWithoutValue));
    }
    let mut rows = Vec::new();
    for (&r, cells) in grid.rows.range(header + 1..) {
        let mut texts = csv::StringRecord::new();
        for (c, cell) in cells {
            let c = *c as usize;
            if c >= width {
                let value = plain_text(cell);
                problems.push(at(r, column_letters(c), value, Issue::CellWithoutHeader));
                break;
            }
            while texts.len() < c {
                texts.push_field("");
            }
            let ty = fields.get(c).copied().flatten().map(|f| f.ty);
            texts.push_field(&cell_text(cell, ty, epoch_1904));
        }
        let row = RawRow { number: r + 1, cells: texts };
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Some(Sheet::new(file, Some(name), kind, headers, rows, problems))
}

/// A 来源 or 期初余额 worksheet's cells as text (a date-time cell keeps its time).
fn side_sheet(file: &str, name: &str, kind: SideKind, grid: &Grid) -> SideSheet {
    let text = |cell: &Data| match cell {
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => plain_text(cell),
        },
        other => plain_text(other),
    };
    let rows = grid
        .rows
        .iter()
        .map(|(r, cells)| {
            let width = cells.last().map_or(0, |(c, _)| *c as usize + 1).min(MAX_COLUMNS as usize);
            let mut row = vec![String::new(); width];
            for (c, cell) in cells.iter().filter(|(c, _)| (*c as usize) < width) {
                row[*c as usize] = text(cell);
            }
            (r + 1, row)
        })
        .collect();
    SideSheet { file: file.to_string(), sheet: Some(name.to_string()), kind, rows }
}

/// A cell as text, whatever its column.
fn plain_text(cell: &Data) -> String {
    cell_text(cell, None, false)
}

/// A cell as the text the template's value rules read: date cells and serial numbers in
/// date columns become `YYYY-MM-DD`, fractions of a day in time columns `HH:MM`, whole
/// numbers lose their `.0`, and other numbers keep their shortest exact form.
pub fn cell_text(cell: &Data, ty: Option<FieldType>, epoch_1904: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::DateTimeIso(s) => match ty {
            Some(FieldType::Date) => s.chars().take(10).collect(),
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::DateTime(dt) => serial_text(dt.as_f64(), ty, epoch_1904),
        Data::Float(f) => match ty {
            Some(FieldType::Date) | Some(FieldType::Time) => serial_text(*f, ty, epoch_1904),
            _ => number_text(*f),
        },
    }
}

fn serial_text(serial: f64, ty: Option<FieldType>, epoch_1904: bool) -> String {
    match ty {
        Some(FieldType::Time) => {
            let minutes = (serial.fract() * 1440.0).round() as i64;
            format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
        }
        _ => match from_serial(serial.floor() as i64, epoch_1904) {
            Ok(d) => d.format("%Y-%m-%d").to_string(),
            Err(_) => number_text(serial),
        },
    }
}

/// `12.0` → `12`, `1234.5` → `1234.5` (shortest form that reads back the same number).
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_become_template_text() {
        assert_eq!(number_text(13812345678.0), "13812345678");
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(cell_text(&Data::Float(44326.0), Some(FieldType::Date), false), "2021-05-10");
        assert_eq!(cell_text(&Data::Float(44326.0 - 1462.0), Some(FieldType::Date), true), "2021-05-10");
        assert_eq!(cell_text(&Data::Float(44326.0), Some(FieldType::Money), false), "44326");
        assert_eq!(cell_text(&Data::Float(0.354166666), Some(FieldType::Time), false), "08:30");
    }
}
