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
/// `%APPDATA%\xingfu\xingfu\config` on Windows).
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "xingfu", "xingfu").map(|d| d.config_dir().to_path_buf())
}

/// Settings from `config.toml` in the configuration folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Config {
    /// `zh` or `en`.
    pub lang: Option<String>,
    /// Plain ASCII borders and markers.
    #[serde(default)]
    pub ascii: bool,
    /// The operator who worked last on this computer.
    pub operator: Option<String>,
    /// The operators this installation knows, most recent first.
    #[serde(default)]
    pub operators: Vec<String>,
}

/// The configuration file (`config.toml` in the configuration folder).
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// How many operators' names `config.toml` keeps.
const KNOWN_OPERATORS: usize = 20;

/// Remembers `name` as the operator working now, first among the known ones, in the
/// configuration file at `path` (its other settings kept; written whole, then renamed into
/// place, so an interrupted write never leaves half a file).
pub fn remember_operator(path: &std::path::Path, name: &str) -> std::io::Result<()> {
    let mut table: toml::Table = std::fs::read_to_string(path).ok().and_then(|t| t.parse().ok()).unwrap_or_default();
    let mut known: Vec<String> = table
        .get("operators")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    known.retain(|k| k != name);
    known.insert(0, name.to_string());
    known.truncate(KNOWN_OPERATORS);
    table.insert("operator".into(), toml::Value::String(name.to_string()));
    table.insert("operators".into(), toml::Value::Array(known.into_iter().map(toml::Value::String).collect()));
    let text = toml::to_string(&table).map_err(std::io::Error::other)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Reads `config.toml`; a missing or unreadable file gives the defaults.
pub fn config() -> Config {
    config_file().map(|p| config_at(&p)).unwrap_or_default()
}

/// Reads the configuration file at `path`; a missing or unreadable file gives the defaults.
pub fn config_at(path: &std::path::Path) -> Config {
    std::fs::read_to_string(path).ok().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default()
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
    fn an_operator_is_remembered_first_and_other_settings_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("sub folder").join("config.toml");
        remember_operator(&path, "王芳").unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, format!("lang = \"en\"\n{}", std::fs::read_to_string(&path).unwrap_or_default()))
            .unwrap_or_else(|e| panic!("{e}"));
        remember_operator(&path, "李明").unwrap_or_else(|e| panic!("{e}"));
        remember_operator(&path, "王芳").unwrap_or_else(|e| panic!("{e}"));
        let c = config_at(&path);
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.operator.as_deref(), Some("王芳"));
        assert_eq!(c.operators, vec!["王芳".to_string(), "李明".to_string()]);
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
