//! `xingfu import`, `xingfu export` and `xingfu template`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use crate::db::{DbError, OpenMode, Selection, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::OpsError;
use crate::ops::export::{self, Format};
use crate::ops::import::{self, ImportOptions, Progress};
use crate::template::write::CsvEncoding;

use super::Exit;
use super::args::{EncodingArg, FormatArg};

/// A progress bar on stderr, only when stderr is a terminal.
fn bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg:8} [{bar:30}] {human_pos}/{human_len}  {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    pb.set_style(style.progress_chars("=> "));
    Some(pb)
}

fn tick(pb: &Option<ProgressBar>, msg: &'static str, done: u64, total: u64) {
    if let Some(pb) = pb {
        pb.set_message(msg);
        pb.set_length(total);
        pb.set_position(done);
    }
}

pub struct ImportArgs<'a> {
    pub paths: &'a [PathBuf],
    /// `--preset`: read every file with this preset.
    pub preset: Option<&'a str>,
    /// `--project`: every gift of the files read through a preset into this project.
    pub project: Option<&'a str>,
    pub dry_run: bool,
    pub update: bool,
    pub errors: Option<&'a Path>,
}

pub fn import(lang: Lang, db: &Path, operator: &str, args: ImportArgs<'_>) -> Result<Exit, OpsError> {
    let presets = crate::ops::presets::Presets::user();
    let (usable, broken) = presets.all();
    for b in &broken {
        err!("{}", m::preset_invalid_skipped(lang, b.path.display()));
    }
    let preset = args.preset.map(|name| presets.find(name)).transpose()?;
    let with = import::With { presets: usable, preset, project: args.project.map(str::to_string) };
    let mut store = Store::open(db, OpenMode::Create, operator)?;
    let pb = bar();
    let opts = ImportOptions { dry_run: args.dry_run, update: args.update };
    let report = import::import_with(&mut store, args.paths, &with, opts, &mut |p| match p {
        Progress::Reading { done, total } => tick(&pb, m::phase_reading(lang), done, total),
        Progress::Checking { done, total } => tick(&pb, m::phase_checking(lang), done, total),
        Progress::Writing { done, total } => tick(&pb, m::phase_writing(lang), done, total),
        Progress::Backup => tick(&pb, m::phase_backup(lang), 0, 1),
        Progress::Indexing { done, total } => tick(&pb, m::phase_indexing(lang), done, total),
        Progress::Committing => tick(&pb, m::phase_committing(lang), 0, 1),
    });
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    let report = report?;
    for f in &report.files {
        out!("{}  sha256 {}", f.path.display(), f.sha256);
    }
    for line in import::bill_lines(&report, lang) {
        out!("{line}");
    }
    let warnings: Vec<_> = report.warnings().collect();
    if !warnings.is_empty() {
        out!("{}", m::warnings_heading(lang));
        print_problems(&warnings, true, lang);
    }
    let errors: Vec<_> = report.errors().collect();
    if !errors.is_empty() {
        out!("{}", m::errors_found(lang, errors.len()));
        print_problems(&errors, false, lang);
    }
    for line in import::summary_lines(&report, lang) {
        out!("{line}");
    }
    if let Some(out) = args.errors {
        match import::write_error_copy(&report, out, lang) {
            Ok(written) => out!("{}", m::error_copy_written(lang, written.display())),
            Err(e) => {
                let why = match &e {
                    crate::template::write::WriteError::Io(io) => crate::db::io_reason(io, lang),
                    other => other.to_string(),
                };
                err!("{}", m::error_copy_failed(lang, out.display(), why))
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Exit::Rejected);
    }
    if report.no_data_rows {
        // Nothing to import: most likely the wrong file was sent.
        out!("{}", m::no_data_rows(lang));
        return Ok(Exit::Rejected);
    }
    if report.written {
        if let Some(b) = &report.backup {
            out!("{}", m::written_with_backup(lang, b.display()));
        }
    } else if report.nothing_to_do {
        out!("{}", m::nothing_to_write(lang));
    } else {
        out!("{}", m::dry_run_passed(lang));
    }
    Ok(Exit::Ok)
}

/// Prints problems, one a line, the first `MAX_LISTED_PROBLEMS` of them and then how many
/// more there are.
fn print_problems(problems: &[&crate::template::Problem], warnings: bool, lang: Lang) {
    for line in import::problem_lines(problems, warnings, lang) {
        out!("  {line}");
    }
}

fn encoding(e: EncodingArg) -> CsvEncoding {
    match e {
        EncodingArg::Utf8 => CsvEncoding::Utf8Bom,
        EncodingArg::Gb18030 => CsvEncoding::Gb18030,
    }
}

fn format(out: &Path, f: Option<FormatArg>, e: EncodingArg) -> Format {
    match f {
        Some(FormatArg::Xlsx) => Format::Xlsx,
        Some(FormatArg::Csv) => Format::Csv(encoding(e)),
        None => Format::from_path(out, encoding(e)),
    }
}

pub struct ExportArgs<'a> {
    pub out: &'a Path,
    pub format: Option<FormatArg>,
    pub encoding: EncodingArg,
    pub selection: Selection,
    /// `--read-only` hides phones, `--mask-names` private names, as on the screen.
    pub masking: export::Masking,
}

pub fn export(lang: Lang, db: &Path, args: ExportArgs<'_>) -> Result<Exit, OpsError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    for code in &args.selection.villages {
        if store.village_figures(code)?.is_none() {
            return Err(DbError::NotFound { kind: crate::domain::Kind::Village, code: code.clone() }.into());
        }
    }
    for code in &args.selection.projects {
        if store.project_figures(code)?.is_none() {
            return Err(DbError::NotFound { kind: crate::domain::Kind::Project, code: code.clone() }.into());
        }
    }
    let fmt = format(args.out, args.format, args.encoding);
    // `--format xlsx` to a name without an extension writes `name.xlsx`.
    let with_ext;
    let args = if fmt == Format::Xlsx && args.out.extension().is_none() {
        with_ext = args.out.with_extension("xlsx");
        ExportArgs { out: &with_ext, ..args }
    } else {
        args
    };
    let pb = bar();
    let result = export::export_masked(&store, args.out, fmt, &args.selection, args.masking, &mut |done, total| {
        tick(&pb, m::phase_export(lang), done, total)
    });
    if let Some(pb) = &pb {
        pb.finish_and_clear();
    }
    match result {
        Ok(counts) => {
            let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{} {n}", k.name(lang))).collect();
            out!("{}", m::exported_to(lang, crate::ops::paths::absolute(args.out).display()));
            out!("{}", parts.join("  "));
            if args.masking.any() {
                out!("{}", m::export_masked(lang));
            }
            Ok(Exit::Ok)
        }
        Err(e) => {
            err!("{}", m::error_line(lang, e.message(lang)));
            Ok(Exit::Rejected)
        }
    }
}

pub fn template(lang: Lang, out: &Path, f: Option<FormatArg>, e: EncodingArg) -> Result<Exit, OpsError> {
    match export::write_blank_template(out, format(out, f, e)) {
        Ok(()) => {
            out!("{}", m::template_written(lang, out.display()));
            Ok(Exit::Ok)
        }
        Err(err) => {
            err!("{}", m::error_line(lang, err));
            Ok(Exit::Rejected)
        }
    }
}
