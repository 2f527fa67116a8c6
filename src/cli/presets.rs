//! `xingfu presets`: the presets for files that are not the template (list, show, delete,
//! export, import to share), the mapping step (`map`), and the links of platform
//! projects to projects of this database (`link`, `unlink`, `links`).

use std::path::Path;

use crate::db::{OpenMode, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::OpsError;
use crate::ops::presets::{PresetFailure, Presets};
use crate::template::foreign::read_foreign;
use crate::template::mapping::{guess, header_guess, preview, samples};
use crate::template::preset::{DateForm, Names, Preset, PresetError, States, Target, Unit};
use crate::template::sheet::column_letters;

use super::Exit;
use super::args::PresetsCommand;

pub fn run(lang: Lang, db: &Path, operator: &str, action: Option<PresetsCommand>) -> Result<Exit, OpsError> {
    let presets = Presets::user();
    match action.unwrap_or(PresetsCommand::List) {
        PresetsCommand::List => list(lang, &presets),
        PresetsCommand::Show { name } => {
            out_text!("{}", presets.text(&name)?);
            Ok(Exit::Ok)
        }
        PresetsCommand::Delete { name } => {
            presets.delete(&name)?;
            out!("{}", m::preset_deleted(lang, name));
            Ok(Exit::Ok)
        }
        PresetsCommand::Export { name, out } => {
            presets.export(&name, &out)?;
            out!("{}", m::preset_exported(lang, name, crate::ops::paths::absolute(&out).display()));
            Ok(Exit::Ok)
        }
        PresetsCommand::Import { file, replace } => {
            let (p, path) = presets.import(&file, replace)?;
            out!("{}", m::preset_saved(lang, p.name, path.display()));
            Ok(Exit::Ok)
        }
        PresetsCommand::Map { file, maps, unit, date, channel, state, gift, skip, refund, save, replace } => {
            let how = Mapping { maps, unit, date, channel, state, gift, skip, refund };
            map(lang, &presets, &file, how, save.as_deref(), replace)
        }
        PresetsCommand::Link { id, project } => {
            let mut store = Store::open(db, OpenMode::Existing, operator)?;
            store.link_platform(&id, &project, None)?;
            out!("{}", m::link_saved(lang, id, project));
            Ok(Exit::Ok)
        }
        PresetsCommand::Unlink { id } => {
            let mut store = Store::open(db, OpenMode::Existing, operator)?;
            if store.unlink_platform(&id)? {
                out!("{}", m::link_removed(lang, id));
                Ok(Exit::Ok)
            } else {
                err!("{}", m::error_line(lang, m::link_not_found(lang, id)));
                Ok(Exit::Rejected)
            }
        }
        PresetsCommand::Links => {
            let store = Store::open(db, OpenMode::ReadOnly, "")?;
            let links = store.platform_links()?;
            if links.is_empty() {
                out!("{}", m::links_none(lang));
            } else {
                out!("{}", m::links_heading(lang));
            }
            for l in links {
                let label = l.label.map(|n| format!("（{n}）")).unwrap_or_default();
                out!("  {}{label} → {} {}", l.platform_id, l.project_code, l.project_title);
            }
            Ok(Exit::Ok)
        }
    }
}

fn list(lang: Lang, presets: &Presets) -> Result<Exit, OpsError> {
    let (usable, broken) = presets.all();
    let dir = presets.dir().map(|d| d.display().to_string()).unwrap_or_default();
    out!("{}", m::presets_heading(lang, dir));
    for p in usable {
        let mark = if p.builtin { m::preset_builtin_mark(lang) } else { m::preset_user_mark(lang) };
        out!("  {:<16} {}  [{mark}]", p.name, p.title);
    }
    for b in broken {
        out!("{}", m::preset_file_problems(lang, b.path.display()));
        for e in b.errors {
            out!("    {}", e.message(lang));
        }
    }
    Ok(Exit::Ok)
}

/// What `presets map` was told besides the guess.
struct Mapping {
    maps: Vec<String>,
    unit: Option<String>,
    date: Option<String>,
    channel: Option<String>,
    state: Option<String>,
    gift: Vec<String>,
    skip: Vec<String>,
    refund: Vec<String>,
}

/// The mapping step on the command line: the header row and each column with samples and
/// its field, the settings, a preview of the first rows with their problems; with `save`,
/// the preset is kept (only when nothing is wrong with it).
fn map(
    lang: Lang,
    presets: &Presets,
    file: &Path,
    how: Mapping,
    save: Option<&str>,
    replace: bool,
) -> Result<Exit, OpsError> {
    let foreign = match read_foreign(file) {
        Ok(f) => f,
        Err(p) => {
            err!("{}", m::error_line(lang, p.message(lang)));
            return Ok(Exit::Rejected);
        }
    };
    let Some(table) = foreign.tables.first() else {
        err!("{}", m::error_line(lang, m::map_no_rows(lang)));
        return Ok(Exit::Rejected);
    };
    let at = header_guess(&table.rows);
    let header: Vec<String> =
        table.rows[at].cells.iter().map(|c| c.trim().trim_start_matches('`').to_string()).collect();
    let name = save.unwrap_or("mapping");
    let mut preset = guess(name, &header);
    let mut errors: Vec<String> = Vec::new();
    let column = |c: &str, errors: &mut Vec<String>| -> Option<Names> {
        let n = Names::one(c);
        if n.find(&header).is_none() {
            errors.push(m::map_no_column(lang, c));
            return None;
        }
        Some(n)
    };
    for text in &how.maps {
        let Some((field, col)) = text.split_once('=') else {
            errors.push(m::map_bad_map(lang, text));
            continue;
        };
        let field = field.trim();
        if Target::from_key(field).is_none() {
            errors.push(PresetError::UnknownTarget(field.to_string()).message(lang));
            continue;
        }
        if col.trim().is_empty() {
            preset.columns.remove(field);
        } else if let Some(n) = column(col.trim(), &mut errors) {
            preset.columns.insert(field.to_string(), n);
        }
    }
    match how.unit.as_deref().map(str::trim) {
        None => {}
        Some("元" | "yuan") => preset.unit = Unit::Yuan,
        Some("分" | "fen") => preset.unit = Unit::Fen,
        Some(other) => errors.push(PresetError::Syntax(format!("unit \"{other}\": 元 / 分")).message(lang)),
    }
    if let Some(d) = &how.date {
        match toml::from_str::<toml::Table>(&format!("d = {}", toml::Value::String(d.clone())))
            .ok()
            .and_then(|t| t.get("d").cloned())
            .and_then(|v| v.try_into::<DateForm>().ok())
        {
            Some(form) => preset.date = form,
            None => errors.push(PresetError::Syntax(format!("date \"{d}\"")).message(lang)),
        }
    }
    preset.channel = how.channel.clone();
    if let Some(c) = &how.state
        && let Some(n) = column(c, &mut errors)
    {
        preset.state =
            Some(States { column: n, gift: how.gift.clone(), refund: how.refund.clone(), skip: how.skip.clone() });
    }
    errors.extend(preset.problems().iter().map(|e| e.message(lang)));

    out!("{}", m::map_heading(lang, file.display(), table.rows[at].number));
    for (i, h) in header.iter().enumerate() {
        let target = Target::all()
            .into_iter()
            .filter(|t| preset.column(*t).is_some_and(|n| n.find(&header) == Some(i)))
            .map(|t| t.label(lang))
            .collect::<Vec<_>>();
        let target = if target.is_empty() { m::map_ignored(lang).to_string() } else { m::list(lang, &target) };
        let samples = m::list(lang, &samples(&table.rows, at, i, 3));
        out!("{}", m::map_column(lang, column_letters(i), h, target, samples));
    }
    let channel = preset.channel().map(|c| c.label(lang)).unwrap_or("—");
    out!("{}", m::map_settings(lang, preset.unit.label(lang), preset.date.text(), channel));
    out!("{}", m::map_preview(lang));
    for r in preview(table, &preset, at, 5, lang) {
        match (&r.gift, r.problems.is_empty()) {
            (Some(g), true) => {
                let v = |k: &str| g.get(k).cloned().unwrap_or_else(|| "—".into());
                out!(
                    "{}",
                    m::map_preview_row(
                        lang,
                        r.number,
                        v("donation_ref"),
                        v("amount"),
                        v("donated_on"),
                        v("donor_name"),
                        v("project_code")
                    )
                );
            }
            (_, false) => out!(
                "  {}",
                m::error_line(lang, format!("{}{}", m::at_row(lang, r.number).trim(), r.problems.join("；")))
            ),
            (None, true) => out!("{}", m::map_preview_skipped(lang, r.number)),
        }
    }
    if !errors.is_empty() {
        out!("{}", m::map_problems(lang));
        for e in &errors {
            out!("  {e}");
        }
        return Ok(Exit::Rejected);
    }
    match save {
        Some(name) => {
            let preset = Preset { name: name.to_string(), title: name.to_string(), ..preset };
            let path = presets.save(&preset, replace).map_err(|e| match e {
                OpsError::Preset(PresetFailure::Invalid { errors, .. }) => {
                    OpsError::Preset(PresetFailure::Invalid { path: name.to_string(), errors })
                }
                other => other,
            })?;
            out!("{}", m::preset_saved(lang, name, path.display()));
        }
        None => out!("{}", m::map_save_hint(lang, file.display())),
    }
    Ok(Exit::Ok)
}
