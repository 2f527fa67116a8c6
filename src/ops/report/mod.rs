//! Reports: statements, the disclosure calendar, notices, closing reports and the county
//! summary. Each report module builds a [`Report`] (titled sections of typed rows);
//! one renderer per format writes any report, so a new report is a module that fills
//! sections and nothing else.

pub mod closing;
pub mod due;
pub mod notice;
pub mod receipts;
pub mod statement;
pub mod summary;

mod html;
mod text;
mod xlsx;

use std::path::Path;

use chrono::NaiveDate;

use super::{OpsError, OpsResult};
use crate::domain::shown::one_line;
use crate::domain::{Lang, Money};

pub use text::lines;

/// One cell of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Money(Money),
    Date(NaiveDate),
    Int(i64),
    Empty,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// As written in text, CSV and HTML.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Money(m) => m.grouped(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Int(n) => n.to_string(),
            Value::Empty => String::new(),
        }
    }

    fn right(&self) -> bool {
        matches!(self, Value::Money(_) | Value::Int(_))
    }
}

/// A titled table; `total` is its totals row, set apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub total: Option<Vec<Value>>,
    /// Said instead of an empty table.
    pub empty: Option<String>,
}

/// A whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    /// Lines under the title: scope, period, figures.
    pub meta: Vec<String>,
    pub sections: Vec<Section>,
    /// Signature lines at the foot (a notice for the village board).
    pub signatures: Vec<String>,
    /// The last line: when and by what it was made.
    pub footer: String,
}

impl Report {
    /// The report with every text as [`one_line`] shows it (control and bidi characters as
    /// visible escapes, line breaks as `⏎`): what every renderer writes, so a name from a
    /// file reaches no terminal, page or cell raw.
    pub fn safe(&self) -> Report {
        let s = |t: &String| one_line(t);
        let all = |v: &Vec<String>| v.iter().map(s).collect::<Vec<_>>();
        let value = |v: &Value| match v {
            Value::Text(t) => Value::Text(one_line(t)),
            other => other.clone(),
        };
        let row = |r: &Vec<Value>| r.iter().map(value).collect::<Vec<_>>();
        Report {
            title: s(&self.title),
            meta: all(&self.meta),
            sections: self
                .sections
                .iter()
                .map(|x| Section {
                    heading: s(&x.heading),
                    columns: all(&x.columns),
                    rows: x.rows.iter().map(row).collect(),
                    total: x.total.as_ref().map(row),
                    empty: x.empty.as_ref().map(s),
                })
                .collect(),
            signatures: all(&self.signatures),
            footer: s(&self.footer),
        }
    }
}

/// The formats a report is written in, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Html,
    Csv,
}

impl Format {
    pub fn from_path(out: &Path) -> Option<Format> {
        let ext = out.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Writes `report` to `out` in the format its extension names.
pub fn write(report: &Report, out: &Path, lang: Lang) -> OpsResult<()> {
    let format = Format::from_path(out).ok_or_else(|| OpsError::ReportFormat { path: out.to_path_buf() })?;
    // A folder named in the path is made, as exports do.
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let report = &report.safe();
    match format {
        Format::Html => std::fs::write(out, html::page(report, lang))?,
        Format::Csv => std::fs::write(out, text::csv(report))?,
        Format::Xlsx => xlsx::write(report, out)?,
    }
    Ok(())
}

/// A period `from..=to`, refused when it ends before it begins.
pub fn period(from: NaiveDate, to: NaiveDate) -> OpsResult<(NaiveDate, NaiveDate)> {
    if to < from {
        return Err(OpsError::PeriodBackwards { from, to });
    }
    Ok((from, to))
}
