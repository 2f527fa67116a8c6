//! Reports as lines of text (the command line, the console) and as CSV.

use unicode_width::UnicodeWidthStr;

use super::{Report, Section, Value};
use crate::template::escape::protect;

/// The report as lines: columns padded to their widest cell (wide characters counted);
/// every text safe to show ([`Report::safe`]).
pub fn lines(report: &Report) -> Vec<String> {
    let report = &report.safe();
    let mut out = vec![report.title.clone()];
    out.extend(report.meta.iter().cloned());
    for s in &report.sections {
        out.push(String::new());
        // 【标题】 in Chinese, [Heading] in English.
        if s.heading.is_ascii() {
            out.push(format!("[{}]", s.heading));
        } else {
            out.push(format!("【{}】", s.heading));
        }
        if s.rows.is_empty() && s.total.is_none() {
            if let Some(e) = &s.empty {
                out.push(e.clone());
            }
            continue;
        }
        out.extend(table(s));
    }
    if !report.signatures.is_empty() {
        out.push(String::new());
        out.push(report.signatures.join("    "));
    }
    if !report.footer.is_empty() {
        out.push(report.footer.clone());
    }
    out
}

fn table(s: &Section) -> Vec<String> {
    let all: Vec<Vec<(String, bool)>> = std::iter::once(s.columns.iter().map(|c| (c.clone(), false)).collect())
        .chain(s.rows.iter().chain(s.total.iter()).map(|r| r.iter().map(|v| (v.shown(), v.right())).collect()))
        .collect();
    let n = s.columns.len();
    let widths: Vec<usize> =
        (0..n).map(|i| all.iter().filter_map(|r| r.get(i)).map(|(t, _)| t.width()).max().unwrap_or(0)).collect();
    all.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, (t, right))| {
                    let pad = " ".repeat(widths.get(i).copied().unwrap_or(0).saturating_sub(t.width()));
                    if *right { format!("{pad}{t}") } else { format!("{t}{pad}") }
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// The report as CSV (UTF-8 with BOM, for Excel): title and meta lines, then each section
/// with its heading and header row; amounts as plain numbers.
pub fn csv(report: &Report) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(vec![0xEF, 0xBB, 0xBF]);
    let mut put = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| protect(c).into_owned()).collect();
        let _ = w.write_record(&cells);
    };
    put(vec![report.title.clone()]);
    for m in &report.meta {
        put(vec![m.clone()]);
    }
    for s in &report.sections {
        put(vec![]);
        put(vec![s.heading.clone()]);
        put(s.columns.clone());
        for row in s.rows.iter().chain(s.total.iter()) {
            put(row.iter().map(plain).collect());
        }
        if s.rows.is_empty()
            && let Some(e) = &s.empty
        {
            put(vec![e.clone()]);
        }
    }
    w.into_inner().unwrap_or_default()
}

fn plain(v: &Value) -> String {
    match v {
        Value::Money(m) => m.plain(),
        other => other.shown(),
    }
}
