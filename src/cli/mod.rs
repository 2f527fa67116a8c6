//! The non-interactive commands: parse arguments, call `ops`, print.

#[macro_use]
mod out;
pub mod args;
mod audit;
mod check;
pub mod console;
mod exit;
mod lookup;
mod papers;
mod paths;
mod presets;
mod report;
mod spinner;
mod transfer;

use std::path::PathBuf;

use crate::db::{OpenMode, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::settings::Drawing;
use crate::ops::{OpsError, backup, settings};

pub use args::{Cli, Command};
pub use exit::Exit;

/// The program: parses the command line and runs it. When it was started by a
/// double-click (Windows: its window closes when it exits) and ends with an error, it
/// waits for Enter first, so the message can be read.
pub fn main() -> Exit {
    let cli = match args::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            if !e.use_stderr() {
                return Exit::Ok;
            }
            crate::tui::host::hold_window(m::press_enter_to_exit(lang_of(None, &settings::config())));
            return Exit::Usage;
        }
    };
    let console = cli.command.is_none();
    let lang = lang_of(cli.lang, &settings::config());
    let code = run(cli);
    if console && code != Exit::Ok {
        crate::tui::host::hold_window(m::press_enter_to_exit(lang));
    }
    code
}

/// The language: `--lang` (or `XINGFU_LANG`), else `lang` in config.toml, else Chinese.
fn lang_of(given: Option<args::LangArg>, config: &settings::Config) -> Lang {
    match given {
        Some(l) => l.into(),
        None => config.lang.as_deref().and_then(Lang::parse).unwrap_or_default(),
    }
}

/// Runs one command; returns the process exit code.
pub fn run(cli: Cli) -> Exit {
    let config = settings::config();
    let lang = lang_of(cli.lang, &config);
    let db = settings::db_path(cli.db);
    let named = match settings::operator(cli.operator.clone(), &config) {
        Ok(named) => named,
        Err(e) => {
            err!("{}", m::error_line(lang, e.message(lang)));
            return Exit::Usage;
        }
    };
    // A command that writes without a name records the system's user (the console asks).
    let operator = named.clone().unwrap_or_else(settings::system_user);
    let forced = forced_drawing(cli.ascii, cli.unicode);
    let result = match cli.command {
        None => console::run(console::ConsoleArgs {
            lang,
            db: &db,
            operator: named.as_deref(),
            operators: config.operators.clone(),
            ascii: console::drawing(lang, forced, &config, cli.read_only) == Drawing::Ascii,
            training: cli.training,
            reset: cli.reset,
            read_only: cli.read_only,
            mask_names: cli.mask_names,
            contrast: cli.theme == args::ThemeArg::Contrast,
            training_dir: crate::ops::training::dir(),
        }),
        Some(Command::Init { office, office_name }) => {
            init(lang, &db, &operator, office.as_deref(), office_name.as_deref())
        }
        Some(Command::Check) => check::run(lang, &db, &operator),
        Some(Command::Backup { out }) => backup(lang, &db, &operator, out),
        Some(Command::Restore { backup }) => restore(lang, &db, &operator, &backup),
        Some(Command::Audit { since, record, seal, sealed, limit }) => audit::run(
            lang,
            &db,
            audit::AuditArgs {
                since,
                operator: cli.operator.filter(|_| cli.operator_typed),
                record,
                seal,
                sealed,
                limit,
                masking: crate::ops::export::Masking { phones: cli.read_only, names: cli.mask_names },
            },
        ),
        Some(Command::Revert { id }) => revert(lang, &db, &operator, id, cli.read_only),
        Some(Command::Paths) => paths::run(lang, &db, forced, &config),
        Some(Command::Lookup { query, json, limit }) => lookup::run(lang, &db, &query, json, limit, cli.mask_names),
        Some(Command::Card { code, out }) => card(lang, &db, &code, out.as_deref()),
        Some(Command::Report(r)) => report::run(lang, &db, r),
        Some(Command::Import { .. } | Command::Presets { .. }) if cli.read_only && writes(&cli.command) => {
            Err(OpsError::ReadOnly)
        }
        Some(Command::ReceiptBook(c)) => papers::receipt_book(lang, &db, &operator, cli.read_only, c),
        Some(Command::Letter { donors, all, year, out, issuer }) => papers::letter(
            lang,
            &db,
            papers::LetterArgs { donors: &donors, all, year, out: &out, issuer: issuer.as_deref() },
        ),
        Some(Command::Certificate { volunteer, from, to, out, issuer, verify }) => papers::certificate(
            lang,
            &db,
            &operator,
            cli.read_only,
            papers::CertificateArgs { volunteer, from, to, out, issuer, verify },
        ),
        Some(Command::Import { paths, preset, project, dry_run, update, errors }) => transfer::import(
            lang,
            &db,
            &operator,
            transfer::ImportArgs {
                paths: &paths,
                preset: preset.as_deref(),
                project: project.as_deref(),
                dry_run,
                update,
                errors: errors.as_deref(),
            },
        ),
        Some(Command::Presets { action }) => presets::run(lang, &db, &operator, action),
        Some(Command::Export { out, format, encoding, villages, projects, from, to }) => transfer::export(
            lang,
            &db,
            transfer::ExportArgs {
                out: &out,
                format,
                encoding,
                selection: crate::db::Selection { villages, projects, from, to },
                masking: crate::ops::export::Masking { phones: cli.read_only, names: cli.mask_names },
            },
        ),
        Some(Command::Template { out, format, encoding }) => transfer::template(lang, &out, format, encoding),
        Some(Command::Demo { generate, scale: Some(n) }) => {
            let dir = generate.unwrap_or_default();
            crate::ops::scale::write(&dir, n, crate::ops::demo::SEED).map_err(OpsError::from).map(|_| {
                out!("{}", m::large_data_written(lang, dir.display(), n));
                Exit::Ok
            })
        }
        Some(Command::Demo { generate, scale: None }) => demo(lang, &db, &operator, generate),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            err!("{}", m::error_line(lang, e.message(lang)));
            if e.is_rejection() { Exit::Rejected } else { Exit::Unusable }
        }
    }
}

/// The drawing set `--ascii` or `--unicode` asks for.
fn forced_drawing(ascii: bool, unicode: bool) -> Option<Drawing> {
    match (ascii, unicode) {
        (true, _) => Some(Drawing::Ascii),
        (false, true) => Some(Drawing::Unicode),
        (false, false) => None,
    }
}

/// Whether a command changes the database or the presets (refused with `--read-only`).
fn writes(command: &Option<Command>) -> bool {
    use args::PresetsCommand as P;
    match command {
        Some(Command::Import { .. }) | Some(Command::Init { office: Some(_), .. }) => true,
        Some(Command::Presets { action }) => matches!(
            action,
            Some(
                P::Delete { .. } | P::Import { .. } | P::Link { .. } | P::Unlink { .. } | P::Map { save: Some(_), .. }
            )
        ),
        _ => false,
    }
}

fn init(
    lang: Lang,
    db: &std::path::Path,
    operator: &str,
    office: Option<&str>,
    office_name: Option<&str>,
) -> Result<Exit, OpsError> {
    // The office is checked before any file is made.
    let office = office.map(|code| crate::ops::office::parse(code, office_name)).transpose()?;
    let existed = db.exists() && std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false);
    let mut store = Store::open(db, OpenMode::Create, operator)?;
    let version = store.schema_version()?;
    if existed {
        out!("{}", m::database_exists(lang, db.display(), version));
    } else {
        out!("{}", m::database_created(lang, db.display()));
    }
    if let Some(office) = office {
        store.set_office(&office)?;
    }
    if let Some(office) = store.office()? {
        out!("{}", crate::ops::office::describe(&office, lang));
    }
    Ok(Exit::Ok)
}

fn backup(lang: Lang, db: &std::path::Path, operator: &str, out: Option<PathBuf>) -> Result<Exit, OpsError> {
    let store = Store::open(db, OpenMode::Existing, operator)?;
    let done = backup::backup(&store, out.as_deref())?;
    for p in &done.cleared {
        out!("{}", m::cleared_leftover(lang, p.display()));
    }
    out!("{}", m::backed_up(lang, done.path.display()));
    if !done.pruned.is_empty() {
        out!("{}", m::backups_pruned(lang, done.pruned.len()));
    }
    Ok(Exit::Ok)
}

fn restore(lang: Lang, db: &std::path::Path, operator: &str, from: &std::path::Path) -> Result<Exit, OpsError> {
    let checking = spinner::start(m::checking_backup_integrity(lang));
    let done = backup::restore(db, from, operator, chrono::Local::now());
    drop(checking);
    let done = done?;
    if let Some(aside) = &done.aside {
        out!("{}", m::kept_aside(lang, aside.display()));
    }
    out!("{}", m::restored(lang, from.display(), db.display()));
    Ok(Exit::Ok)
}

fn revert(lang: Lang, db: &std::path::Path, operator: &str, id: i64, read_only: bool) -> Result<Exit, OpsError> {
    // An inspection never writes: the revert is refused as read-only.
    let mode = if read_only { OpenMode::ReadOnly } else { OpenMode::Existing };
    let mut store = Store::open(db, mode, operator)?;
    let by = crate::ops::audit::revert(&mut store, id)?;
    out!("{}", m::reverted(lang, id, by));
    Ok(Exit::Ok)
}

fn demo(lang: Lang, db: &std::path::Path, operator: &str, generate: Option<PathBuf>) -> Result<Exit, OpsError> {
    if let Some(dir) = generate {
        let totals = crate::ops::demo::regenerate(&dir)?;
        out!("{}", m::demo_written(lang, dir.display()));
        out_text!("{totals}");
        return Ok(Exit::Ok);
    }
    let mut store = Store::open(db, OpenMode::Create, operator)?;
    let report = crate::ops::demo::load(&mut store)?;
    for line in crate::ops::import::summary_lines(&report, lang) {
        out!("{line}");
    }
    out!("{}", m::demo_loaded(lang, db.display()));
    Ok(if report.has_errors() { Exit::Rejected } else { Exit::Ok })
}

fn card(lang: Lang, db: &std::path::Path, code: &str, out: Option<&std::path::Path>) -> Result<Exit, OpsError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    // In a city's database, a county's village is read in that county's records.
    if let Some(office) = store.office_of_village(code)? {
        store.set_focus(u32::try_from(office).ok().and_then(crate::domain::DivisionCode::from_number));
    }
    let now = chrono::Local::now().naive_local();
    // A code, else a name or pinyin initials as lookup takes them; several matches are
    // listed for the operator to choose by code.
    let code = if store.village_figures(code)?.is_some() {
        code.to_string()
    } else {
        let found = crate::ops::search::pick_records(&store, crate::domain::Kind::Village, code, 10)?;
        match found.as_slice() {
            [] => {
                return Err(crate::db::DbError::NotFound {
                    kind: crate::domain::Kind::Village,
                    code: code.to_string(),
                }
                .into());
            }
            [(one, _)] => one.clone(),
            many => {
                out!("{}", m::card_which(lang, code));
                for (_, label) in many {
                    out!("  {label}");
                }
                return Ok(Exit::Rejected);
            }
        }
    };
    let code = code.as_str();
    let Some(card) = crate::ops::card::build(&store, code, now, true)? else {
        return Err(crate::db::DbError::NotFound { kind: crate::domain::Kind::Village, code: code.to_string() }.into());
    };
    for line in crate::ops::card::text(&card, lang) {
        out!("{line}");
    }
    if let Some(out) = out {
        crate::ops::card::write_html(&card, lang, out)?;
        out!("{}", m::card_written(lang, out.display()));
    }
    Ok(Exit::Ok)
}
