//! `xingfu` with no command: the console on the chosen database, on a training sandbox,
//! or read-only for an inspection.

use std::path::Path;

use crate::db::{OpenMode, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::OpsError;
use crate::ops::settings::Drawing;
use crate::ops::{settings, training};
use crate::tui::app::Options;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

use super::Exit;

/// How the console is started.
pub struct ConsoleArgs<'a> {
    pub lang: Lang,
    pub db: &'a Path,
    /// The operator named for this run (`None`: the console asks).
    pub operator: Option<&'a str>,
    /// The operators this installation knows (`config.toml`).
    pub operators: Vec<String>,
    pub ascii: bool,
    pub training: bool,
    pub reset: bool,
    pub read_only: bool,
    pub mask_names: bool,
    pub contrast: bool,
    /// Where the training sandbox lives.
    pub training_dir: std::path::PathBuf,
}

/// The drawing set of the console (see `tui::drawing`). One chosen with `--ascii` or
/// `--unicode` is recorded in config.toml, so that a double-click starts the same way —
/// except in read-only mode, which writes nothing.
pub fn drawing(lang: Lang, forced: Option<Drawing>, config: &settings::Config, read_only: bool) -> Drawing {
    let (drawing, _) = crate::tui::drawing::choose(forced, config.drawing(), &crate::tui::drawing::Facts::now());
    if let Some(d) = forced
        && !read_only
        && config.drawing() != Some(d)
        && let Err(e) = settings::remember_drawing(d)
    {
        let file = settings::config_file().unwrap_or_default();
        err!("{}", m::note_line(lang, m::drawing_not_recorded(lang, file.display(), m::io_reason(&e, lang))));
    }
    drawing
}

/// Opens the store the console works on and its options, without a terminal. In
/// training mode the store is the sandbox, whatever `--db` or `XINGFU_DB` say.
pub fn prepare(args: &ConsoleArgs<'_>) -> Result<(Store, Options), OpsError> {
    let sandbox = if args.training { Some(training::prepare(&args.training_dir, args.reset)?) } else { None };
    let operator = args.operator.unwrap_or_default();
    let store = match (&sandbox, args.read_only) {
        (Some(sb), _) => Store::open(&sb.db, OpenMode::Existing, operator)?,
        (None, true) => Store::open(args.db, OpenMode::ReadOnly, operator)?,
        (None, false) => Store::open(args.db, OpenMode::Create, operator)?,
    };
    let mut keymap = Keymap::default_map();
    if let Some((path, text)) = settings::user_keymap() {
        for p in keymap.merge(&text) {
            let warning = args.lang.pick("警告", "warning");
            let sep = args.lang.pick("：", ": ");
            err!("{warning}{sep}{}{sep}{}", path.display(), p.text(args.lang));
        }
    }
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut theme = Theme::new(color, args.ascii);
    if args.contrast {
        theme = theme.contrast();
    }
    let opts = Options {
        lang: args.lang,
        theme,
        keymap,
        read_only: args.read_only && sandbox.is_none(),
        today: chrono::Local::now().date_naive(),
        now: None,
        // Read-only and training never write the configuration.
        config: if args.read_only || args.training { None } else { settings::config_file() },
        training: sandbox,
        mask_names: args.mask_names,
        operators: args.operators.clone(),
    };
    Ok((store, opts))
}

pub fn run(args: ConsoleArgs<'_>) -> Result<Exit, OpsError> {
    use std::io::IsTerminal;
    // The console needs a terminal for its keys and its screen. Without one (a script, a
    // scheduled task) `--training --reset` still resets, and anything else is refused
    // before the terminal is touched.
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        if args.training && args.reset {
            let sandbox = training::prepare(&args.training_dir, true)?;
            out!("{}", crate::domain::messages::training_reset_done(args.lang, sandbox.db.display()));
            return Ok(Exit::Ok);
        }
        err!("{}", crate::domain::messages::no_terminal(args.lang));
        return Ok(Exit::Usage);
    }
    let (store, opts) = prepare(&args)?;
    crate::tui::run(store, opts)?;
    Ok(Exit::Ok)
}
