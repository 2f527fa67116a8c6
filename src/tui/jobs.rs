//! Long work off the UI thread: import and export run on a worker with their own
//! database connection and report back as events.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use crate::db::{OpenMode, Selection};
use crate::domain::Lang;
use crate::ops::Desk;
use crate::ops::export::Format;
use crate::ops::import::{ImportOptions, Progress, problem_lines, summary_lines};
use crate::ops::paths::{self, PathStyle};
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

/// A refused import, kept for what the operator may do next: write the copy with the 错误
/// column, or (when only conflicts stopped it) import again with update.
#[derive(Debug, Clone)]
pub struct Refused {
    pub report: std::sync::Arc<crate::ops::import::ImportReport>,
    pub paths: Vec<PathBuf>,
    /// Only conflicts (codes with other content) stopped it.
    pub conflicts_only: bool,
}

impl PartialEq for Refused {
    fn eq(&self, other: &Refused) -> bool {
        std::sync::Arc::ptr_eq(&self.report, &other.report)
    }
}

impl Eq for Refused {}

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
    /// An import refused: its report lines, and what can be done about it.
    Refused {
        lines: Vec<String>,
        refused: Refused,
    },
    /// Finished: which job, whether it succeeded, and the report lines.
    /// A change-set reverted on the worker (`result`: the revert's own change-set, or why
    /// it was refused).
    Reverted {
        id: i64,
        result: Result<i64, String>,
    },
    Done {
        kind: JobKind,
        ok: bool,
        lines: Vec<String>,
        /// The change-set an import committed (Ctrl-Z undoes it).
        change_set: Option<i64>,
    },
}

/// The paths typed at the import prompt (or pasted, or dragged onto the window): the
/// whole text when it names an existing file or folder (a path with spaces needs no
/// quotes), else the words, where quotes ("…", '…' or “…”, as Explorer and chat programs
/// paste them) keep a path with spaces together, and neighbouring words that together
/// name an existing file are joined (新建 Microsoft Excel 工作表.xlsx). Each path is
/// cleaned as [`paths::clean`] says (drive letters, network paths, `file:` addresses).
pub fn split_paths(text: &str) -> Vec<PathBuf> {
    let clean = |t: &str| PathBuf::from(paths::clean(t, PathStyle::NATIVE));
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let whole = clean(text);
    if whole.exists() {
        return vec![whole];
    }
    // Words, with quoted runs kept whole: (text, quoted).
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut word = String::new();
    let mut open: Option<char> = None;
    for c in text.chars() {
        match (open, c) {
            (None, '"' | '\'' | '“') => {
                if !word.is_empty() {
                    words.push((std::mem::take(&mut word), false));
                }
                open = Some(if c == '“' { '”' } else { c });
            }
            (Some(close), c) if c == close => {
                words.push((std::mem::take(&mut word), true));
                open = None;
            }
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push((std::mem::take(&mut word), false));
                }
            }
            (_, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push((word, open.is_some()));
    }
    // Join unquoted neighbours while that names something that exists, longest first.
    let mut paths = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut take = 1;
        if !words[i].1 {
            for end in (i + 2..=words.len()).rev() {
                if words[i..end].iter().any(|w| w.1) {
                    continue;
                }
                let joined: Vec<&str> = words[i..end].iter().map(|w| w.0.as_str()).collect();
                if clean(&joined.join(" ")).exists() {
                    take = end - i;
                    break;
                }
            }
        }
        let joined: Vec<&str> = words[i..i + take].iter().map(|w| w.0.as_str()).collect();
        paths.push(clean(&joined.join(" ")));
        i += take;
    }
    paths
}

/// Runs a job on a worker thread; `work` reports through `send`. A panic in the job is
/// reported as its failure (the console goes on, its terminal untouched; an import's
/// transaction is rolled back as the job unwinds).
fn spawn_job(tx: Sender<Event>, lang: Lang, work: impl FnOnce(&dyn Fn(JobEvent)) + Send + 'static) {
    std::thread::spawn(move || {
        let send = |e: JobEvent| {
            let _ = tx.send(Event::Job(e));
        };
        if let Err(message) = super::terminal::guarded(|| work(&send)) {
            send(JobEvent::Failed { line: crate::domain::messages::job_crashed(lang, message) });
        }
    });
}

/// An import to run: its files, and how those that are not the template are read.
#[derive(Debug, Clone)]
pub struct ImportJob {
    pub db: PathBuf,
    pub operator: String,
    pub paths: Vec<PathBuf>,
    pub update: bool,
    pub lang: Lang,
    /// The presets that may recognise a file.
    pub presets: crate::ops::presets::Presets,
    /// Every gift of the files read through a preset into this project.
    pub project: Option<String>,
}

/// Imports the files of `job` on a worker thread.
pub fn spawn_import(tx: Sender<Event>, job: ImportJob) {
    let ImportJob { db, operator, paths, update, lang, presets, project } = job;
    spawn_job(tx, lang, move |send| {
        let mut desk = match Desk::open(&db, OpenMode::Existing, &operator) {
            Ok(s) => s,
            Err(e) => {
                return send(JobEvent::Failed { line: e.message(lang) });
            }
        };
        let mut last = (Phase::Reading, 0u64);
        let opts = ImportOptions { update, ..ImportOptions::default() };
        let with = crate::ops::import::With { presets: presets.usable(), preset: None, project };
        let result = desk.import(&paths, &with, opts, &mut |p| {
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
                let mut lines = crate::ops::import::bill_lines(&report, lang);
                lines.extend(problem_lines(&errors, false, lang));
                lines.extend(problem_lines(&warnings, true, lang));
                // "No data rows" only when nothing else explains it (a missing file does).
                if report.no_data_rows && !report.has_errors() {
                    lines.push(crate::domain::messages::no_data_rows(lang).into());
                }
                lines.extend(summary_lines(&report, lang));
                if let Some(b) = &report.backup {
                    lines.push(crate::domain::messages::backup_before_import(lang, b.display()));
                }
                if report.has_errors() {
                    let conflicts_only =
                        report.errors().all(|p| matches!(p.issue, crate::template::Issue::Conflict { .. }));
                    let refused = Refused { report: std::sync::Arc::new(report), paths, conflicts_only };
                    send(JobEvent::Refused { lines, refused });
                } else {
                    send(JobEvent::Done {
                        kind: JobKind::Import,
                        ok: !report.no_data_rows,
                        lines,
                        change_set: report.change_set,
                    });
                }
            }
            Err(e) => send(JobEvent::Failed { line: e.message(lang) }),
        }
    });
}

/// Reverts an import's change-set on a worker thread (a large import's revert takes a
/// backup and deletes its records in bulk: seconds, with the console still drawn).
pub fn spawn_revert(
    tx: Sender<Event>,
    db: PathBuf,
    operator: String,
    id: i64,
    now: Option<chrono::NaiveDateTime>,
    lang: Lang,
) {
    std::thread::spawn(move || {
        let send = |e: JobEvent| {
            let _ = tx.send(Event::Job(e));
        };
        send(JobEvent::Progress { phase: Phase::Backup, done: 0, total: 1 });
        let result =
            Desk::open(&db, OpenMode::Existing, &operator).map_err(crate::ops::OpsError::from).and_then(|mut desk| {
                desk.set_clock(now);
                desk.revert(id)
            });
        send(JobEvent::Reverted { id, result: result.map_err(|e| e.message(lang)) });
    });
}

/// Exports the selection to `out` on a worker thread.
pub fn spawn_export(
    tx: Sender<Event>,
    db: PathBuf,
    out: PathBuf,
    selection: Selection,
    masking: crate::ops::export::Masking,
    lang: Lang,
    focus: Option<crate::domain::DivisionCode>,
) {
    spawn_job(tx, lang, move |send| {
        let desk = match Desk::open(&db, OpenMode::ReadOnly, "") {
            Ok(s) => s,
            Err(e) => {
                return send(JobEvent::Failed { line: e.message(lang) });
            }
        };
        // In a city's database, the county the console shows.
        desk.set_focus(focus);
        let format = Format::from_path(&out, CsvEncoding::Utf8Bom);
        let mut last = 0u64;
        let result = desk.export(&out, format, &selection, masking, &mut |done, total| {
            if done == total || done >= last + 10_000 {
                last = done;
                send(JobEvent::Progress { phase: Phase::Writing, done, total });
            }
        });
        match result {
            Ok(counts) => {
                let mut lines =
                    vec![crate::domain::messages::exported_to(lang, crate::ops::paths::absolute(&out).display())];
                lines.extend(counts.iter().map(|(k, n)| format!("{} {n}", k.name(lang))));
                if masking.any() {
                    lines.push(crate::domain::messages::export_masked(lang).into());
                }
                send(JobEvent::Done { kind: JobKind::Export, ok: true, lines, change_set: None });
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

    #[test]
    fn several_paths_with_spaces_quoted_or_not() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("村里 发来");
        std::fs::create_dir_all(&folder).expect("dir");
        let a = folder.join("众心村 捐赠.csv");
        let b = folder.join("新建 Microsoft Excel 工作表.xlsx");
        std::fs::write(&a, "x").expect("write");
        std::fs::write(&b, "x").expect("write");
        let (ta, tb) = (a.display().to_string(), b.display().to_string());
        // Quoted as Explorer pastes them, in both quote styles.
        assert_eq!(split_paths(&format!("\"{ta}\" \"{tb}\"")), vec![a.clone(), b.clone()]);
        assert_eq!(split_paths(&format!("“{ta}” '{tb}'")), vec![a.clone(), b.clone()]);
        // Not quoted at all: the words that name a file are joined.
        assert_eq!(split_paths(&format!("{ta} {tb}")), vec![a.clone(), b.clone()]);
        // One whole quoted path.
        assert_eq!(split_paths(&format!("\"{ta}\"")), vec![a]);
    }
}
