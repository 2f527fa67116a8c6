//! `xingfu paths`: where the database, its backups, the settings, the import presets and
//! the training sandbox are (as the `directories` crate gives them: `%LOCALAPPDATA%` and `%APPDATA%` on
//! Windows, the XDG folders on Linux), and which drawing set the console uses and why.

use std::path::Path;

use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::settings::{self, Config, Drawing};
use crate::ops::{OpsError, backup, paths::absolute, training};
use crate::tui::drawing;

use super::Exit;

pub fn run(lang: Lang, db: &Path, forced: Option<Drawing>, config: &Config) -> Result<Exit, OpsError> {
    let shown = |p: &Path| {
        let mut s = absolute(p).display().to_string();
        if !p.exists() {
            s.push_str(m::paths_missing(lang));
        }
        crate::domain::shown::one_line(&s)
    };
    out!("{}", m::paths_database(lang, shown(db)));
    let data = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    out!("{}", m::paths_data(lang, shown(data)));
    out!("{}", m::paths_backups(lang, shown(&backup::backup_dir(db))));
    match settings::config_dir() {
        Some(dir) => {
            out!("{}", m::paths_config(lang, shown(&dir.join("config.toml"))));
            out!("{}", m::paths_keymap(lang, shown(&dir.join("keymap.toml"))));
            if let Some(presets) = crate::ops::presets::Presets::user().dir() {
                out!("{}", m::paths_presets(lang, shown(presets)));
            }
        }
        None => out!("{}", m::paths_config(lang, m::paths_none(lang))),
    }
    out!("{}", m::paths_training(lang, shown(&training::dir())));
    let (chosen, why) = drawing::choose(forced, config.drawing(), &drawing::Facts::now());
    let name = match chosen {
        Drawing::Ascii => m::drawing_ascii(lang),
        Drawing::Unicode => m::drawing_unicode(lang),
    };
    out!("{}", m::paths_drawing(lang, name, why.text(lang)));
    Ok(Exit::Ok)
}
