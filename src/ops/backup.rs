//! Backups: where they go by default, and making one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::db::{DbResult, Store};

/// The default backup file: `backups/<name>-YYYYMMDD-HHMMSS.db` beside the database.
pub fn default_backup_path(db: &Path, now: DateTime<Local>) -> PathBuf {
    let dir = db.parent().unwrap_or_else(|| Path::new("")).join("backups");
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("xingfu");
    dir.join(format!("{stem}-{}.db", now.format("%Y%m%d-%H%M%S")))
}

/// Backs the store up to `out` (or the default path) and verifies the copy; returns
/// where it went.
pub fn backup(store: &Store, out: Option<&Path>) -> DbResult<PathBuf> {
    let out = match out {
        Some(p) => p.to_path_buf(),
        None => unused(default_backup_path(store.path(), Local::now())),
    };
    store.backup_to(&out)?;
    Ok(out)
}

/// `path`, or `name-2.db`, `name-3.db`… when two backups fall in the same second.
fn unused(path: PathBuf) -> PathBuf {
    if !path.exists() {
        return path;
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("xingfu").to_string();
    (2..).map(|n| path.with_file_name(format!("{stem}-{n}.db"))).find(|p| !p.exists()).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn default_path_is_beside_the_database() {
        let now = Local.with_ymd_and_hms(2026, 11, 29, 8, 5, 9).single().unwrap_or_else(Local::now);
        let p = default_backup_path(Path::new("/data/office/xingfu.db"), now);
        assert_eq!(p, PathBuf::from("/data/office/backups/xingfu-20261129-080509.db"));
    }
}
