//! Where the database lives and who the operator is, resolved once for both faces.

use std::path::PathBuf;

/// The file name of the default database.
pub const DEFAULT_DB_NAME: &str = "xingfu.db";

/// The default database: `xingfu.db` in the platform's local data directory
/// (`~/.local/share/xingfu` on Linux, `%LOCALAPPDATA%\xingfu\xingfu\data` on Windows).
pub fn default_db_path() -> PathBuf {
    match directories::ProjectDirs::from("cn", "xingfu", "xingfu") {
        Some(dirs) => dirs.data_local_dir().join(DEFAULT_DB_NAME),
        None => PathBuf::from(DEFAULT_DB_NAME),
    }
}

/// The database to use: the `--db` option or `XINGFU_DB` (already merged by the
/// argument parser), else the default.
pub fn db_path(given: Option<PathBuf>) -> PathBuf {
    given.filter(|p| !p.as_os_str().is_empty()).unwrap_or_else(default_db_path)
}

/// The operator named for this run: `--operator` or `XINGFU_OPERATOR` (merged by the
/// argument parser), else the last one named in `config.toml`; `None` when nobody is
/// named yet (the console then asks). A name given but empty is refused.
pub fn operator(given: Option<String>, config: &Config) -> Result<Option<String>, crate::db::DbError> {
    match given {
        Some(name) if name.trim().is_empty() => Err(crate::db::DbError::NoOperator),
        Some(name) => Ok(Some(name.trim().to_string())),
        None => Ok(config.operator.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)),
    }
}

/// The operator of a command (not the console) when none is named: the operating
/// system's user name, else none (and a command that writes is refused, saying how to
/// name one).
pub fn system_user() -> String {
    std::env::var("USER")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("USERNAME").ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_default()
}

/// The user's configuration folder (`~/.config/xingfu` on Linux,
/// `%APPDATA%\xingfu\xingfu\config` on Windows), or the folder `XINGFU_CONFIG_DIR` names
/// (a portable install on a USB stick; tests).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("XINGFU_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("cn", "xingfu", "xingfu").map(|d| d.config_dir().to_path_buf())
}

/// Settings from `config.toml` in the configuration folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Config {
    /// `zh` or `en`.
    pub lang: Option<String>,
    /// Plain ASCII borders and markers (the older form of `drawing = "ascii"`).
    #[serde(default)]
    pub ascii: bool,
    /// `ascii`, `unicode`, or `auto` (the default: chosen from the console at each start).
    pub drawing: Option<String>,
    /// The operator who worked last on this computer.
    pub operator: Option<String>,
    /// The operators this installation knows, most recent first.
    #[serde(default)]
    pub operators: Vec<String>,
}

/// The characters the console draws borders, bars and markers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drawing {
    /// Plain ASCII: `+-|`, `#.`, `~`.
    Ascii,
    /// Box drawing and block characters: `┌─│`, `█░`, `…`.
    Unicode,
}

impl Drawing {
    /// The value in `config.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Drawing::Ascii => "ascii",
            Drawing::Unicode => "unicode",
        }
    }

    /// `ascii` or `unicode`, in either case; anything else (`auto`) is no choice.
    pub fn parse(text: &str) -> Option<Drawing> {
        match text.trim().to_ascii_lowercase().as_str() {
            "ascii" => Some(Drawing::Ascii),
            "unicode" => Some(Drawing::Unicode),
            _ => None,
        }
    }
}

impl Config {
    /// The drawing set `config.toml` asks for: `drawing = "ascii"` or `"unicode"`, else the
    /// older `ascii = true`; `None` (no setting, or `"auto"`) leaves it to the console.
    pub fn drawing(&self) -> Option<Drawing> {
        match self.drawing.as_deref() {
            Some(d) => Drawing::parse(d),
            None => self.ascii.then_some(Drawing::Ascii),
        }
    }
}

/// `config.toml` in the configuration folder.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Reads `config.toml`; a missing or unreadable file gives the defaults.
pub fn config() -> Config {
    config_file().map(|p| config_at(&p)).unwrap_or_default()
}

/// Reads the configuration file at `path`; a missing or unreadable file gives the defaults.
pub fn config_at(path: &std::path::Path) -> Config {
    std::fs::read_to_string(path).ok().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default()
}

/// How many operators' names `config.toml` keeps.
const KNOWN_OPERATORS: usize = 20;

/// Remembers `name` as the operator working now, first among the known ones, in the
/// configuration file at `path`. The rest of the file is kept as it is (comments too);
/// the file is written whole, then renamed into place, so an interrupted write never
/// leaves half a file.
pub fn remember_operator(path: &std::path::Path, name: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut known = config_at(path).operators;
    known.retain(|k| k != name);
    known.insert(0, name.to_string());
    known.truncate(KNOWN_OPERATORS);
    let list: Vec<String> = known.iter().map(|k| toml_string(k)).collect();
    // A list the user wrapped over several lines goes whole before it is written again.
    let (mut in_list, mut in_table) = (false, false);
    let mut kept = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        in_table |= t.starts_with('[') && !in_list;
        let starts = !in_table && t.strip_prefix("operators").is_some_and(|r| r.trim_start().starts_with('='));
        if in_list || starts {
            in_list = !line.contains(']');
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    let text = with_top_level_key(&kept, "operators", &format!("[{}]", list.join(", ")));
    let text = with_top_level_key(&text, "operator", &toml_string(name));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Records the drawing set chosen with `--ascii` or `--unicode` in `config.toml` (the
/// folder and file are made when missing; every other line is kept), so that the next
/// start — a double-click, with no options — draws the same. Returns the file.
pub fn remember_drawing(drawing: Drawing) -> std::io::Result<PathBuf> {
    let file = config_file().ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let value = format!("\"{}\"", drawing.key());
    let new = with_top_level_key(&text, "drawing", &value);
    if new != text {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&file, new)?;
    }
    Ok(file)
}

/// `text` (a TOML file) with the top-level `key` set to `value` (TOML, already quoted):
/// the line that sets it is replaced, else a line is added before the first table. Other
/// lines, comments included, stay as they are.
pub fn with_top_level_key(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key} = {value}");
    let mut out: Vec<String> = Vec::new();
    let mut done = false;
    let mut in_table = false;
    for l in text.lines() {
        let t = l.trim_start();
        if t.starts_with('[') {
            if !done {
                out.push(line.clone());
                done = true;
            }
            in_table = true;
        } else if !in_table
            && let Some(rest) = t.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            if !done {
                out.push(line.clone());
                done = true;
            }
            continue;
        }
        out.push(l.to_string());
    }
    if !done {
        out.push(line);
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The user's keymap overrides (`keymap.toml` in the configuration folder), if any, with
/// the file's path (for naming it in warnings).
pub fn user_keymap() -> Option<(PathBuf, String)> {
    let path = config_dir()?.join("keymap.toml");
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_level_key_is_replaced_or_added_before_the_first_table() {
        assert_eq!(with_top_level_key("", "drawing", "\"ascii\""), "drawing = \"ascii\"\n");
        let text = "# 幸福\nlang = \"en\"\ndrawing = \"unicode\"\n\n[keys]\ndrawing = 1\n";
        assert_eq!(
            with_top_level_key(text, "drawing", "\"ascii\""),
            "# 幸福\nlang = \"en\"\ndrawing = \"ascii\"\n\n[keys]\ndrawing = 1\n"
        );
        let text = "lang = \"zh\"\n[keys]\nx = 1\n";
        assert_eq!(
            with_top_level_key(text, "drawing", "\"ascii\""),
            "lang = \"zh\"\ndrawing = \"ascii\"\n[keys]\nx = 1\n"
        );
        // A key that only starts with the name is another key.
        assert_eq!(with_top_level_key("drawings = 1", "drawing", "\"ascii\""), "drawings = 1\ndrawing = \"ascii\"\n");
    }

    #[test]
    fn the_drawing_setting_reads_the_new_and_the_older_form() {
        let c: Config = toml::from_str("drawing = \"Unicode\"\nascii = true").unwrap();
        assert_eq!(c.drawing(), Some(Drawing::Unicode));
        let c: Config = toml::from_str("ascii = true").unwrap();
        assert_eq!(c.drawing(), Some(Drawing::Ascii));
        let c: Config = toml::from_str("drawing = \"auto\"\nascii = true").unwrap();
        assert_eq!(c.drawing(), None);
        assert_eq!(Config::default().drawing(), None);
        // What the file is given is what it reads back.
        let text = with_top_level_key("lang = \"en\"\n", "drawing", "\"ascii\"");
        let c: Config = toml::from_str(&text).unwrap();
        assert_eq!((c.lang.as_deref(), c.drawing()), (Some("en"), Some(Drawing::Ascii)));
    }

    #[test]
    fn an_operator_is_remembered_first_and_other_settings_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("sub folder").join("config.toml");
        remember_operator(&path, "王芳").unwrap_or_else(|e| panic!("{e}"));
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, format!("# mine\nlang = \"en\"\noperators = [\n  \"赵\",\n]\n{old}"))
            .unwrap_or_else(|e| panic!("{e}"));
        remember_operator(&path, "李\"明\\").unwrap_or_else(|e| panic!("{e}"));
        remember_operator(&path, "王芳").unwrap_or_else(|e| panic!("{e}"));
        let c = config_at(&path);
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.operator.as_deref(), Some("王芳"));
        assert_eq!(c.operators, vec!["王芳".to_string(), "李\"明\\".to_string()]);
        assert!(std::fs::read_to_string(&path).unwrap_or_default().contains("# mine"), "comments stay");
    }

    #[test]
    fn an_empty_name_is_refused_and_none_falls_back_to_the_config() {
        let c = Config { operator: Some("王芳".into()), ..Config::default() };
        assert!(matches!(operator(Some("  ".into()), &c), Err(crate::db::DbError::NoOperator)));
        assert_eq!(operator(Some(" 李明 ".into()), &c).ok().flatten().as_deref(), Some("李明"));
        assert_eq!(operator(None, &c).ok().flatten().as_deref(), Some("王芳"));
        assert_eq!(operator(None, &Config::default()).ok().flatten(), None);
    }
}
