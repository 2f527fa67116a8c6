//! Long work off the UI thread: import and export run on a worker with their own
//! database connection and report back as events.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use crate::db::{OpenMode, Selection, Store};
use crate::domain::Lang;
use crate::ops::export::{Format, export};
use crate::ops::import::{ImportOptions, Progress, import, problem_lines, summary_lines};
use crate::template::write::CsvEncoding;

use super::Event;

/// The phase a job is in, shown on the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Reading,
    Checking,
    /// Writing the database (an import) or the file (an export).
    Writing,
    /// An import's verified backup of the database before it commits.
    Backup,
    /// An import building the indexes it set aside.
    Indexing,
    /// An import committing its transaction.
    Committing,
}

/// The kinds of background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Import,
    Export,
}

/// What a worker reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEvent {
    Progress {
        phase: Phase,
        done: u64,
        total: u64,
    },
    /// Could not run at all (the database could not be opened or written): why.
    Failed {
        line: String,
    },
    /// Finished: which job, whether it succeeded, and the report lines.
    Done {
        kind: JobKind,
        ok: bool,
        lines: Vec<String>,
    },
}

/// The paths typed at the import prompt: the whole text when it names an existing file or
/// folder (a path with spaces needs no quotes), else the words, where "double quotes" keep
/// a path with spaces together.
pub fn split_paths(text: &str) -> Vec<PathBuf> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    if std::path::Path::new(text).exists() {
        return vec![PathBuf::from(text)];
    }
    let mut paths = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    paths.push(PathBuf::from(std::mem::take(&mut word)));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        paths.push(PathBuf::from(word));
    }
    paths
}

/// Imports `paths` into the database at `db` on a worker thread.
pub fn spawn_import(tx: Sender<Event>, db: PathBuf, operator: String, paths: Vec<PathBuf>, lang: Lang) {
    std::thread::spawn(move || {
        let send = |e: JobEvent| {
            let _ = tx.send(Event::Job(e));
        };
        let mut store = match Store::open(&db, OpenMode::Existing, &operator) {
            Ok(s) => s,
            Err(e) => {
                return send(JobEvent::Failed { line: e.message(lang) });
            }
        };
        let mut last = (Phase::Reading, 0u64);
        let result = import(&mut store, &paths, ImportOptions::default(), &mut |p| {
            let (phase, done, total) = match p {
                Progress::Reading { done, total } => (Phase::Reading, done, total),
                Progress::Checking { done, total } => (Phase::Checking, done, total),
                Progress::Writing { done, total } => (Phase::Writing, done, total),
                Progress::Backup => (Phase::Backup, 0, 1),
                Progress::Indexing { done, total } => (Phase::Indexing, done, total),
                Progress::Committing => (Phase::Committing, 0, 1),
            };
            // Every change of phase shows at once; within a phase, every 10,000 rows.
            if phase != last.0 || done == total || done >= last.1 + 10_000 {
                last = (phase, done);
                send(JobEvent::Progress { phase, done, total });
            }
        });
        match result {
            Ok(report) => {
                let errors: Vec<_> = report.errors().collect();
                let warnings: Vec<_> = report.warnings().collect();
                let mut lines = problem_lines(&errors, false, lang);
                lines.extend(problem_lines(&warnings, true, lang));
                if report.no_data_rows {
                    lines.push(crate::domain::messages::no_data_rows(lang).into());
                }
                lines.extend(summary_lines(&report, lang));
                if let Some(b) = &report.backup {
                    lines.push(crate::domain::messages::backup_before_import(lang, b.display()));
                }
                send(JobEvent::Done { kind: JobKind::Import, ok: !report.has_errors() && !report.no_data_rows, lines });
            }
            Err(e) => send(JobEvent::Failed { line: e.message(lang) }),
        }
    });
}

/// Exports the selection to `out` on a worker thread.
pub fn spawn_export(tx: Sender<Event>, db: PathBuf, out: PathBuf, selection: Selection, lang: Lang) {
    std::thread::spawn(move || {
        let send = |e: JobEvent| {
            let _ = tx.send(Event::Job(e));
        };
        let store = match Store::open(&db, OpenMode::ReadOnly, "") {
            Ok(s) => s,
            Err(e) => {
                return send(JobEvent::Failed { line: e.message(lang) });
            }
        };
        let format = Format::from_path(&out, CsvEncoding::Utf8Bom);
        let mut last = 0u64;
        let result = export(&store, &out, format, &selection, &mut |done, total| {
            if done == total || done >= last + 10_000 {
                last = done;
                send(JobEvent::Progress { phase: Phase::Writing, done, total });
            }
        });
        match result {
            Ok(counts) => {
                let mut lines = vec![crate::domain::messages::exported_to(lang, out.display())];
                lines.extend(counts.iter().map(|(k, n)| format!("{} {n}", k.name(lang))));
                send(JobEvent::Done { kind: JobKind::Export, ok: true, lines });
            }
            Err(e) => send(JobEvent::Failed { line: e.message(lang) }),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_with_a_space_stays_one_path() {
        let dir = tempfile::tempdir().expect("dir");
        let spaced = dir.path().join("村里 报表.csv");
        std::fs::write(&spaced, "x").expect("write");
        let typed = spaced.display().to_string();
        assert_eq!(split_paths(&format!("  {typed} ")), vec![spaced.clone()]);
        assert_eq!(
            split_paths(&format!("a.csv \"{typed}\"  b.xlsx")),
            vec![PathBuf::from("a.csv"), spaced, PathBuf::from("b.xlsx")]
        );
        assert_eq!(split_paths("   "), Vec::<PathBuf>::new());
    }
}
