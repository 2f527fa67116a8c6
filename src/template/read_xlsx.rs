//! Reading an XLSX workbook: each worksheet named after a template sheet becomes a
//! [`Sheet`]; cells become text according to their column's type.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::domain::date::from_serial;
use crate::domain::kind::FieldType;
use crate::domain::{Field, Kind};

use super::problem::{Issue, Problem};
use super::sheet::{RawRow, Sheet};

/// Reads the workbook in `bytes`; unknown worksheets (such as 填写说明) are ignored.
pub fn read_xlsx(file: &str, bytes: Vec<u8>, problems: &mut Vec<Problem>) -> Vec<Sheet> {
    let mut book: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            problems.push(Problem::file(file, Issue::Unreadable(e.to_string())));
            return Vec::new();
        }
    };
    let epoch_1904 = book.has_1904_epoch();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let Some(kind) = Kind::from_sheet(&name) else { continue };
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem {
                    sheet: Some(name.clone()),
                    ..Problem::file(file, Issue::Unreadable(e.to_string()))
                });
                continue;
            }
        };
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        let mut rows_iter = range.rows();
        let Some(header_cells) = rows_iter.next() else { continue };
        // Columns left of the range are empty; keep positions as the spreadsheet shows them.
        let pad = start_col as usize;
        let mut headers: Vec<String> = vec![String::new(); pad];
        headers.extend(header_cells.iter().map(|c| plain_text(c).trim().to_string()));
        let fields: Vec<Option<&'static Field>> = headers.iter().map(|h| kind.match_header(h)).collect();
        let mut rows = Vec::new();
        for (i, cells) in rows_iter.enumerate() {
            let mut texts = csv::StringRecord::new();
            for _ in 0..pad {
                texts.push_field("");
            }
            for (j, cell) in cells.iter().enumerate() {
                let ty = fields.get(pad + j).copied().flatten().map(|f| f.ty);
                texts.push_field(&cell_text(cell, ty, epoch_1904));
            }
            let row = RawRow { number: start_row + i as u32 + 2, cells: texts };
            if !row.is_empty() {
                rows.push(row);
            }
        }
        sheets.push(Sheet::new(file, Some(&name), kind, headers, rows, problems));
    }
    if sheets.is_empty() {
        problems.push(Problem::file(file, Issue::NoTemplateSheets));
    }
    sheets
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
