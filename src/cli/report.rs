//! `xingfu report …`: build the report in `ops::report`, print it, write it when asked.
//! Reports only read: the database is opened read-only.

use std::path::Path;

use chrono::Local;

use super::Exit;
use super::args::ReportCommand;
use crate::db::{OpenMode, Scope, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::OpsError;
use crate::ops::report::{self, Report, closing, due, notice, receipts, statement, summary};

pub fn run(lang: Lang, db: &Path, cmd: ReportCommand) -> Result<Exit, OpsError> {
    // A file the report cannot be written as is refused before anything is printed.
    let out_path = match &cmd {
        ReportCommand::Statement { out, .. }
        | ReportCommand::Due { out, .. }
        | ReportCommand::Notice { out, .. }
        | ReportCommand::Closing { out, .. }
        | ReportCommand::Summary { out, .. }
        | ReportCommand::Receipts { out, .. } => out.clone(),
    };
    if let Some(out) = &out_path
        && report::Format::from_path(out).is_none()
    {
        return Err(OpsError::ReportFormat { path: out.clone() });
    }
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    let now = Local::now().naive_local();
    let today = now.date();
    let (built, out): (Report, Option<std::path::PathBuf>) = match cmd {
        ReportCommand::Statement { project, village, from, to, out } => {
            let scope = match (project, village) {
                (Some(p), _) => Scope::Project(p),
                (None, Some(v)) => Scope::Village(v),
                (None, None) => Scope::Office,
            };
            let st = statement::build(&store, scope, from, to)?;
            (statement::report(&st, lang, now), out)
        }
        ReportCommand::Due { within, project, out } => {
            let items = due::open_duties(&store, today, within, project.as_deref())?;
            (due::report(&items, today, within, lang, now), out)
        }
        ReportCommand::Notice { project, from, to, out } => {
            (notice::build(&store, &project, from, to, lang, now)?, out)
        }
        ReportCommand::Closing { project, out } => (closing::build(&store, &project, today, lang, now)?, out),
        ReportCommand::Summary { from, to, out } => (summary::build(&store, from, to, lang, now)?, out),
        ReportCommand::Receipts { from, to, out } => (receipts::build(&store, from, to, lang, now)?, out),
    };
    for line in report::lines(&built) {
        out!("{line}");
    }
    if let Some(out) = out {
        report::write(&built, &out, lang)?;
        out!("{}", m::report_written(lang, out.display()));
    }
    Ok(Exit::Ok)
}
