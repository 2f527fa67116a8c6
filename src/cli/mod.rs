//! The non-interactive commands: parse arguments, call `ops`, print.

#[macro_use]
mod out;
pub mod args;
mod check;
pub mod console;
mod exit;
mod lookup;
mod transfer;

use std::path::PathBuf;

use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;
use crate::ops::{backup, settings};

pub use args::{Cli, Command};
pub use exit::Exit;

/// Runs one command; returns the process exit code.
pub fn run(cli: Cli) -> Exit {
    let config = settings::config();
    let lang: Lang = match cli.lang {
        Some(l) => l.into(),
        None => config.lang.as_deref().and_then(Lang::parse).unwrap_or_default(),
    };
    let db = settings::db_path(cli.db);
    let operator = settings::operator(cli.operator);
    let result = match cli.command {
        None => console::run(console::ConsoleArgs {
            lang,
            db: &db,
            operator: &operator,
            ascii: cli.ascii || config.ascii,
            training: cli.training,
            reset: cli.reset,
            read_only: cli.read_only,
            mask_names: cli.mask_names,
            contrast: cli.theme == args::ThemeArg::Contrast,
            training_dir: crate::ops::training::dir(),
        }),
        Some(Command::Init) => init(lang, &db, &operator),
        Some(Command::Check) => check::run(lang, &db, &operator),
        Some(Command::Backup { out }) => backup(lang, &db, &operator, out),
        Some(Command::Restore { backup }) => restore(lang, &db, &operator, &backup),
        Some(Command::Lookup { query, json, limit }) => lookup::run(lang, &db, &query, json, limit, cli.mask_names),
        Some(Command::Card { code, out }) => card(lang, &db, &code, out.as_deref()),
        Some(Command::Import { paths, dry_run, update, errors }) => transfer::import(
            lang,
            &db,
            &operator,
            transfer::ImportArgs { paths: &paths, dry_run, update, errors: errors.as_deref() },
        ),
        Some(Command::Export { out, format, encoding, villages, projects, from, to }) => transfer::export(
            lang,
            &db,
            transfer::ExportArgs {
                out: &out,
                format,
                encoding,
                selection: crate::db::Selection { villages, projects, from, to },
            },
        ),
        Some(Command::Template { out, format, encoding }) => transfer::template(lang, &out, format, encoding),
        Some(Command::Demo { generate, scale: Some(n) }) => {
            let dir = generate.unwrap_or_default();
            crate::ops::scale::write(&dir, n, crate::ops::demo::SEED).map_err(DbError::from).map(|_| {
                out!("{}{} ({n})", lang.pick("已生成大数据集：", "large data set written to: "), dir.display());
                Exit::Ok
            })
        }
        Some(Command::Demo { generate, scale: None }) => demo(lang, &db, &operator, generate),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            err!("{}{}", lang.pick("错误：", "error: "), e.message(lang));
            if e.is_rejection() { Exit::Rejected } else { Exit::Unusable }
        }
    }
}

fn init(lang: Lang, db: &std::path::Path, operator: &str) -> Result<Exit, DbError> {
    let existed = db.exists() && std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false);
    let store = Store::open(db, OpenMode::Create, operator)?;
    let version = store.schema_version()?;
    if existed {
        out!(
            "{}{}{}{version}{}",
            lang.pick("数据库已存在：", "database already exists: "),
            db.display(),
            lang.pick("（数据版本 ", " (schema "),
            lang.pick("，已是最新）", ", up to date)")
        );
    } else {
        out!("{}{}", lang.pick("已创建数据库：", "created database: "), db.display());
    }
    Ok(Exit::Ok)
}

fn backup(lang: Lang, db: &std::path::Path, operator: &str, out: Option<PathBuf>) -> Result<Exit, DbError> {
    let store = Store::open(db, OpenMode::Existing, operator)?;
    let done = backup::backup(&store, out.as_deref())?;
    for p in &done.cleared {
        out!("{}{}", lang.pick("已清除中断的备份残留文件：", "cleared what an interrupted backup left: "), p.display());
    }
    out!(
        "{}{}{}",
        lang.pick("已备份到：", "backed up to: "),
        done.path.display(),
        lang.pick("（已通过完整性检查）", " (integrity check passed)")
    );
    if !done.pruned.is_empty() {
        out!(
            "{}{}{}",
            lang.pick("按保留规则删除了 ", "removed "),
            done.pruned.len(),
            lang.pick(
                " 个旧备份（保留最近 10 个及近 12 个月每月最新 1 个）",
                " old backups (kept: the last 10 and the newest of each of the last 12 months)"
            )
        );
    }
    Ok(Exit::Ok)
}

fn restore(lang: Lang, db: &std::path::Path, operator: &str, from: &std::path::Path) -> Result<Exit, DbError> {
    let done = backup::restore(db, from, operator, chrono::Local::now())?;
    if let Some(aside) = &done.aside {
        out!("{}{}", lang.pick("原数据库已另存为：", "the database it replaced was kept as: "), aside.display());
    }
    out!(
        "{}{}{}{}",
        lang.pick("已从备份恢复：", "restored from the backup: "),
        from.display(),
        lang.pick(" → ", " → "),
        db.display()
    );
    Ok(Exit::Ok)
}

fn demo(lang: Lang, db: &std::path::Path, operator: &str, generate: Option<PathBuf>) -> Result<Exit, DbError> {
    if let Some(dir) = generate {
        let totals = crate::ops::demo::regenerate(&dir)?;
        out!("{}{}", lang.pick("已生成演示数据：", "demo data written to: "), dir.display());
        out_text!("{totals}");
        return Ok(Exit::Ok);
    }
    let mut store = Store::open(db, OpenMode::Create, operator)?;
    let s = store.summary()?;
    if s.villages + s.projects + s.donations + s.volunteers > 0 {
        err!(
            "{}{}",
            lang.pick(
                "错误：数据库不是空的，演示数据只能载入新数据库：",
                "error: the database is not empty; the demo loads only into a new one: "
            ),
            db.display()
        );
        return Ok(Exit::Rejected);
    }
    let report = crate::ops::demo::load(&mut store)?;
    for line in crate::ops::import::summary_lines(&report, lang) {
        out!("{line}");
    }
    out!("{}{}", lang.pick("已载入演示数据：", "demo data loaded into: "), db.display());
    Ok(if report.has_errors() { Exit::Rejected } else { Exit::Ok })
}

fn card(lang: Lang, db: &std::path::Path, code: &str, out: Option<&std::path::Path>) -> Result<Exit, DbError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    let now = chrono::Local::now().naive_local();
    let Some(card) = crate::ops::card::build(&store, code, now, true)? else {
        return Err(DbError::NotFound { kind: crate::domain::Kind::Village, code: code.to_string() });
    };
    for line in crate::ops::card::text(&card, lang) {
        out!("{line}");
    }
    if let Some(out) = out {
        std::fs::write(out, crate::ops::card::html(&card, lang))?;
        out!("{}{}", lang.pick("已写出卡片：", "card written to: "), out.display());
    }
    Ok(Exit::Ok)
}
