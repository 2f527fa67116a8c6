//! An XLSX workbook: typed cells (money as numbers with two decimals, dates as dates),
//! a frozen header row, column widths that fit Chinese text, and a 填写说明 sheet.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

use super::cells::Cell;
use super::escape::protect;
use super::instructions;
use super::write::{SheetSpec, SheetWriter, WriteError};

/// The most data rows one sheet holds (below the header).
const MAX_ROWS: u32 = 1_048_575;

struct Current {
    index: usize,
    row: u32,
    widths: Vec<usize>,
}

/// Writes sheets into one workbook, saved by `finish`.
pub struct XlsxWriter {
    path: PathBuf,
    book: Workbook,
    current: Option<Current>,
    money: Format,
    date: Format,
    hours: Format,
    text: Format,
    quoted: Format,
    header: Format,
    required: Format,
}

impl XlsxWriter {
    pub fn new(path: &Path) -> XlsxWriter {
        let mut book = Workbook::new();
        // A fixed creation time keeps the file the same for the same content.
        if let Ok(created) = ExcelDateTime::from_ymd(2026, 1, 1) {
            book.set_properties(&DocProperties::new().set_creation_datetime(&created));
        }
        // The instructions come first, as people open a workbook at its first sheet.
        let _ = instructions::write_sheet(book.add_worksheet());
        let header = Format::new().set_bold().set_background_color(Color::RGB(0xE8F0E0)).set_align(FormatAlign::Center);
        XlsxWriter {
            path: path.to_path_buf(),
            book,
            current: None,
            money: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            hours: Format::new().set_num_format("0.0"),
            text: Format::new().set_num_format("@"),
            quoted: Format::new().set_num_format("@").set_quote_prefix(),
            required: header.clone().set_font_color(Color::RGB(0xC00000)),
            header,
        }
    }

    fn sheet(&mut self) -> Option<(&mut Worksheet, &mut Current)> {
        let cur = self.current.as_mut()?;
        let ws = self.book.worksheet_from_index(cur.index).ok()?;
        Some((ws, cur))
    }

    fn close(&mut self) -> Result<(), WriteError> {
        let Some(cur) = self.current.take() else { return Ok(()) };
        let ws = self.book.worksheet_from_index(cur.index)?;
        for (col, w) in cur.widths.iter().enumerate() {
            ws.set_column_width(col as u16, (*w as f64 + 2.0).min(60.0))?;
        }
        Ok(())
    }
}

fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

impl SheetWriter for XlsxWriter {
    fn begin(&mut self, spec: &SheetSpec) -> Result<(), WriteError> {
        self.close()?;
        let index = self.book.worksheets_mut().len();
        let ws = self.book.add_worksheet_with_constant_memory()?;
        ws.set_name(&spec.name)?;
        ws.set_freeze_panes(1, 0)?;
        for (col, h) in spec.headers.iter().enumerate() {
            let f = if spec.required.get(col).copied().unwrap_or(false) { &self.required } else { &self.header };
            ws.write_string_with_format(0, col as u16, h, f)?;
        }
        let widths = spec.headers.iter().map(|h| width(h).max(8)).collect();
        self.current = Some(Current { index, row: 0, widths });
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), WriteError> {
        let (money, date, hours, text, quoted) =
            (self.money.clone(), self.date.clone(), self.hours.clone(), self.text.clone(), self.quoted.clone());
        let Some((ws, cur)) = self.sheet() else { return Ok(()) };
        if cur.row >= MAX_ROWS {
            return Err(WriteError::TooManyRows(ws.name()));
        }
        cur.row += 1;
        let r = cur.row;
        for (i, cell) in cells.iter().enumerate() {
            let c = i as u16;
            let shown = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    let f = if protect(s).len() != s.len() { &quoted } else { &text };
                    ws.write_string_with_format(r, c, s, f)?;
                    width(s)
                }
                Cell::Money(m) => {
                    ws.write_number_with_format(r, c, m.fen() as f64 / 100.0, &money)?;
                    m.plain().len()
                }
                Cell::Date(d) => {
                    ws.write_datetime_with_format(r, c, d, &date)?;
                    10
                }
                Cell::Int(n) => {
                    ws.write_number(r, c, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Hours(h) => {
                    ws.write_number_with_format(r, c, h.tenths() as f64 / 10.0, &hours)?;
                    4
                }
            };
            if let Some(w) = cur.widths.get_mut(i) {
                *w = (*w).max(shown);
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        self.close()?;
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        self.book.save(&self.path)?;
        Ok(())
    }
}
