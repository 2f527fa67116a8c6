//! Reports as an XLSX sheet: typed cells (amounts as numbers with two decimals, dates as
//! dates), bold headings and totals, column widths that fit Chinese text.

use std::path::Path;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook};
use unicode_width::UnicodeWidthStr;

use super::{Report, Value};
use crate::ops::OpsResult;
use crate::template::escape::protect;

pub fn write(report: &Report, out: &Path) -> OpsResult<()> {
    let mut book = Workbook::new();
    if let Ok(created) = ExcelDateTime::from_ymd(2026, 1, 1) {
        book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    }
    let ws = book.add_worksheet();
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold();
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xE8F0E0));
    let money = Format::new().set_num_format("#,##0.00");
    let money_total = money.clone().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    let mut widths: Vec<usize> = Vec::new();
    let mut grow = |col: usize, s: &str| {
        if widths.len() <= col {
            widths.resize(col + 1, 8);
        }
        widths[col] = widths[col].max(s.width().min(50));
    };
    let mut r: u32 = 0;
    ws.write_string_with_format(r, 0, protect(&report.title).as_ref(), &title)?;
    r += 1;
    for m in &report.meta {
        ws.write_string(r, 0, protect(m).as_ref())?;
        r += 1;
    }
    for s in &report.sections {
        r += 1;
        ws.write_string_with_format(r, 0, protect(&s.heading).as_ref(), &heading)?;
        r += 1;
        for (c, h) in s.columns.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, protect(h).as_ref(), &header)?;
            grow(c, h);
        }
        r += 1;
        if s.rows.is_empty()
            && let Some(e) = &s.empty
        {
            ws.write_string(r, 0, protect(e).as_ref())?;
            r += 1;
        }
        let total = s.total.iter().map(|t| (t, true));
        for (row, bold) in s.rows.iter().map(|x| (x, false)).chain(total) {
            for (c, v) in row.iter().enumerate() {
                let col = c as u16;
                match v {
                    Value::Money(m) => {
                        // A spreadsheet holds numbers as doubles; amounts below 10^13 yuan are exact
                        // to the fen there.
                        let n = m.fen() as f64 / 100.0;
                        ws.write_number_with_format(r, col, n, if bold { &money_total } else { &money })?;
                        grow(c, &m.grouped());
                    }
                    Value::Date(d) => {
                        ws.write_datetime_with_format(r, col, d, &date)?;
                        grow(c, "2026-01-01");
                    }
                    Value::Int(n) => {
                        ws.write_number(r, col, *n as f64)?;
                        grow(c, &n.to_string());
                    }
                    Value::Text(t) => {
                        let t = protect(t);
                        if bold {
                            ws.write_string_with_format(r, col, t.as_ref(), &heading)?;
                        } else {
                            ws.write_string_with_format(r, col, t.as_ref(), &text)?;
                        }
                        grow(c, &t);
                    }
                    Value::Empty => {}
                }
            }
            r += 1;
        }
    }
    if !report.signatures.is_empty() {
        r += 1;
        for (c, s) in report.signatures.iter().enumerate() {
            ws.write_string(r, (c * 2) as u16, s)?;
        }
        r += 1;
    }
    ws.write_string(r + 1, 0, protect(&report.footer).as_ref())?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64) + 2.0)?;
    }
    book.save(out)?;
    Ok(())
}
