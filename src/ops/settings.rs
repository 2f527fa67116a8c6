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

/// The operator recorded in the audit log: `--operator` or `XINGFU_OPERATOR` (merged by
/// the argument parser), else the operating system's user name.
pub fn operator(given: Option<String>) -> String {
    given
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
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
    /// Plain ASCII borders and markers.
    #[serde(default)]
    pub ascii: bool,
}

/// Reads `config.toml`; a missing or unreadable file gives the defaults.
pub fn config() -> Config {
    config_dir()
        .and_then(|d| std::fs::read_to_string(d.join("config.toml")).ok())
        .and_then(|t| toml::from_str(&t).ok())
        .unwrap_or_default()
}

/// The user's keymap overrides (`keymap.toml` in the configuration folder), if any, with
/// the file's path (for naming it in warnings).
pub fn user_keymap() -> Option<(PathBuf, String)> {
    let path = config_dir()?.join("keymap.toml");
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}
