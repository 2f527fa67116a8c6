//! What can go wrong in an operation that does more than talk to the store: writing
//! files, reading the built-in demo, serialising a report.

use std::path::PathBuf;

use crate::db::DbError;
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::template::write::WriteError;

/// An error of an operation, with a message in both languages. [`OpsError::is_rejection`]
/// tells a request that was refused (exit code 1) from one that could not be carried out
/// (exit code 3), as [`DbError::is_rejection`] does.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error(transparent)]
    Db(#[from] DbError),
    /// Writing a template file (an export, the blank template, an error copy).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Reading or writing another file (the demo files, a card's HTML, the sandbox).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A report could not be written as JSON.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The demo loads only into an empty database; this one (at the path) is not.
    #[error("{}: the database is not empty; the demo loads only into a new one", .0.display())]
    DemoNotEmpty(PathBuf),
    /// The built-in demo data did not import (a bug).
    #[error("the built-in demo data did not import")]
    DemoRejected,
    /// A report to a file whose extension is not .xlsx, .html or .csv.
    #[error("{}: not a report format", .path.display())]
    ReportFormat { path: PathBuf },
    /// A period that ends before it begins.
    #[error("the period ends ({to}) before it begins ({from})")]
    PeriodBackwards { from: chrono::NaiveDate, to: chrono::NaiveDate },
    /// A report on a project or village that does not exist.
    #[error("{kind:?} {code} does not exist")]
    NoSuchRecord { kind: crate::domain::Kind, code: String },
    /// A notice for a period in which the project had no activity.
    #[error("project {project} had no activity in the period")]
    NoActivity { project: String },
    /// A certificate for a period in which the volunteer served no hours.
    #[error("{name} has no served hours from {from} to {to}")]
    NoServedHours { name: String, from: chrono::NaiveDate, to: chrono::NaiveDate },
    /// Thank-you letters for donors who gave nothing in the year.
    #[error("no gifts in {year}")]
    NoGifts { year: i32 },
    /// No donor matches what was given.
    #[error("no donor {0}")]
    NoDonor(String),
    /// A printed page asked for in a file that is not .html.
    #[error("{}: not .html", .0.display())]
    NotHtml(PathBuf),
    /// Writing an XLSX report.
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// A preset could not be found, saved, deleted or imported.
    #[error("preset: {0:?}")]
    Preset(super::presets::PresetFailure),
    /// Refused in read-only mode: nothing was written.
    #[error("read-only")]
    ReadOnly,
}

pub type OpsResult<T> = Result<T, OpsError>;

impl OpsError {
    /// True when the request was refused and nothing was written.
    pub fn is_rejection(&self) -> bool {
        match self {
            OpsError::Db(e) => e.is_rejection(),
            OpsError::DemoNotEmpty(_)
            | OpsError::ReportFormat { .. }
            | OpsError::PeriodBackwards { .. }
            | OpsError::NoSuchRecord { .. }
            | OpsError::NoActivity { .. }
            | OpsError::NoServedHours { .. }
            | OpsError::NoGifts { .. }
            | OpsError::NoDonor(_)
            | OpsError::NotHtml(_) => true,
            OpsError::Preset(_) | OpsError::ReadOnly => true,
            OpsError::Write(_) | OpsError::Io(_) | OpsError::Json(_) | OpsError::DemoRejected | OpsError::Xlsx(_) => {
                false
            }
        }
    }

    /// The message in the operator's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OpsError::Db(e) => e.message(lang),
            OpsError::Write(WriteError::TooManyRows(sheet)) => m::export_too_many_rows(lang, sheet),
            OpsError::Write(e) => m::write_failed(lang, e),
            OpsError::Io(e) => m::file_error(lang, m::io_reason(e, lang)),
            OpsError::Json(e) => m::json_failed(lang, e),
            OpsError::DemoNotEmpty(p) => m::demo_not_empty(lang, p.display()),
            OpsError::DemoRejected => m::demo_rejected(lang).into(),
            OpsError::ReportFormat { path } => m::report_format(lang, path.display()),
            OpsError::PeriodBackwards { from, to } => m::period_backwards(lang, from, to),
            OpsError::NoSuchRecord { kind, code } => m::no_such_record(lang, kind.name(lang), code),
            OpsError::NoActivity { project } => m::no_activity(lang, project),
            OpsError::NoServedHours { name, from, to } => m::certificate_no_hours(lang, name, from, to),
            OpsError::NoGifts { year } => m::letter_no_gifts(lang, year),
            OpsError::NoDonor(query) => m::letter_no_donor(lang, query),
            OpsError::NotHtml(path) => m::papers_out_not_html(lang, path.display()),
            OpsError::Xlsx(e) => m::write_failed(lang, e),
            OpsError::Preset(p) => p.message(lang),
            OpsError::ReadOnly => m::read_only_refused(lang).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_and_failures_keep_their_exit_codes() {
        let not_empty = OpsError::DemoNotEmpty(PathBuf::from("a.db"));
        assert!(not_empty.is_rejection());
        assert_eq!(not_empty.message(Lang::Zh), "数据库不是空的，演示数据只能载入新数据库：a.db");
        assert!(OpsError::from(DbError::ReadOnly).is_rejection());
        assert!(!OpsError::from(DbError::Missing(PathBuf::from("a.db"))).is_rejection());
        assert!(!OpsError::DemoRejected.is_rejection());
        let rows = OpsError::from(WriteError::TooManyRows("捐赠".into()));
        assert_eq!(rows.message(Lang::En), "sheet 捐赠 has more rows than XLSX holds (1,048,575): export CSV instead");
        assert!(!rows.is_rejection());
    }
}
