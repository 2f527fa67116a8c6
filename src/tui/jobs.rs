//! Long work off the UI thread: import and export run on a worker with their own
//! database connection and report back as events.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use crate::db::{OpenMode, Selection, Store};
use crate::domain::Lang;
use crate::ops::export::{Format, export};
use crate::ops::import::{ImportOptions, Progress, import, summary_lines};
use crate::template::write::CsvEncoding;

use super::Event;

/// What a worker reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEvent {
    Progress {
        done: u64,
        total: u64,
    },
    /// Finished: whether it succeeded, a title line and the report lines.
    Done {
        ok: bool,
        lines: Vec<String>,
    },
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
                return send(JobEvent::Done { ok: false, lines: vec![e.message(lang)] });
            }
        };
        let mut last = 0u64;
        let result = import(&mut store, &paths, ImportOptions::default(), &mut |p| {
            let (done, total) = match p {
                Progress::Reading { done, total }
                | Progress::Checking { done, total }
                | Progress::Writing { done, total } => (done, total),
            };
            if done == total || done >= last + 10_000 {
                last = done;
                send(JobEvent::Progress { done, total });
            }
        });
        match result {
            Ok(report) => {
                let mut lines: Vec<String> = report.errors().map(|p| p.message(lang)).collect();
                lines.extend(report.warnings().map(|p| p.message(lang)));
                lines.extend(summary_lines(&report, lang));
                if let Some(b) = &report.backup {
                    lines.push(format!("{}{}", lang.pick("导入前的备份：", "backup before the import: "), b.display()));
                }
                send(JobEvent::Done { ok: !report.has_errors(), lines });
            }
            Err(e) => send(JobEvent::Done { ok: false, lines: vec![e.message(lang)] }),
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
                return send(JobEvent::Done { ok: false, lines: vec![e.message(lang)] });
            }
        };
        let format = Format::from_path(&out, CsvEncoding::Utf8Bom);
        let mut last = 0u64;
        let result = export(&store, &out, format, &selection, &mut |done, total| {
            if done == total || done >= last + 10_000 {
                last = done;
                send(JobEvent::Progress { done, total });
            }
        });
        match result {
            Ok(counts) => {
                let mut lines = vec![format!("{}{}", lang.pick("已导出到：", "exported to: "), out.display())];
                lines.extend(counts.iter().map(|(k, n)| format!("{} {n}", k.name(lang))));
                send(JobEvent::Done { ok: true, lines });
            }
            Err(e) => send(JobEvent::Done { ok: false, lines: vec![e.message(lang)] }),
        }
    });
}
