//! `xingfu` with no command: the console on the chosen database.

use std::path::Path;

use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;
use crate::ops::settings;
use crate::tui::app::Options;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

use super::Exit;

pub fn run(lang: Lang, db: &Path, operator: &str, ascii: bool) -> Result<Exit, DbError> {
    let store = Store::open(db, OpenMode::Create, operator)?;
    let mut keymap = Keymap::default_map();
    if let Some(text) = settings::user_keymap() {
        for p in keymap.merge(&text) {
            eprintln!("keymap.toml: {}", p.0);
        }
    }
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let opts = Options {
        lang,
        theme: Theme::new(color, ascii),
        keymap,
        read_only: false,
        today: chrono::Local::now().date_naive(),
        now: None,
    };
    crate::tui::run(store, opts)?;
    Ok(Exit::Ok)
}
