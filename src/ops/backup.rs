//! Backups: where they go by default, making one, keeping a bounded number, finding the
//! newest good one, and putting one back.
//!
//! Default backups are `backups/<name>-YYYYMMDD-HHMMSS.db` beside the database
//! (`-2`, `-3`… for more in the same second). After each one, the folder keeps the
//! [`KEEP_LAST`] newest plus the newest of each of the last [`KEEP_MONTHS`] months;
//! older ones of ours are removed. Nothing else in the folder is ever touched, except
//! the temporary `.partial` files a killed backup left.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveDateTime};

use crate::db::{self, DbError, DbResult, FileOp, Store};

/// The newest backups always kept.
pub const KEEP_LAST: usize = 10;
/// Months (the current one included) whose newest backup is kept.
pub const KEEP_MONTHS: u32 = 12;

/// The backups folder of a database: `backups/` beside it.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or_else(|| Path::new("")).join("backups")
}

fn stem(db: &Path) -> &str {
    db.file_stem().and_then(|s| s.to_str()).unwrap_or("xingfu")
}

/// The default backup file: `backups/<name>-YYYYMMDD-HHMMSS.db` beside the database.
pub fn default_backup_path(db: &Path, now: DateTime<Local>) -> PathBuf {
    backup_dir(db).join(format!("{}-{}.db", stem(db), now.format("%Y%m%d-%H%M%S")))
}

/// What a backup did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backup {
    /// The verified backup.
    pub path: PathBuf,
    /// Unfinished files of killed backups that were cleared.
    pub cleared: Vec<PathBuf>,
    /// Old backups removed by the retention rule.
    pub pruned: Vec<PathBuf>,
}

/// Backs the store up to `out`, or into the default folder (then clears what killed
/// backups left and prunes old backups), and verifies the copy.
pub fn backup(store: &Store, out: Option<&Path>) -> DbResult<Backup> {
    match out {
        Some(p) => {
            store.backup_to(p)?;
            Ok(Backup { path: p.to_path_buf(), ..Backup::default() })
        }
        None => backup_at(store, Local::now()),
    }
}

/// A default backup as of `now` (a name unique even when many run in the same second).
pub fn backup_at(store: &Store, now: DateTime<Local>) -> DbResult<Backup> {
    let dir = backup_dir(store.path());
    std::fs::create_dir_all(&dir).map_err(DbError::file(&dir, FileOp::CreateFolder))?;
    let cleared = db::clear_partial_files(&dir)?;
    let base = format!("{}-{}", stem(store.path()), now.format("%Y%m%d-%H%M%S"));
    let path = db::backup_into(store, &dir, &base)?;
    let pruned = prune(store.path(), now.date_naive())?;
    Ok(Backup { path, cleared, pruned })
}

/// Backs up the database file at `db` through a connection of its own, which sees the
/// last committed state even while another connection of this program is in the middle
/// of a write transaction (an import about to commit).
pub fn backup_file(db: &Path) -> DbResult<Backup> {
    let store = Store::open(db, db::OpenMode::ReadOnly, "")?;
    backup_at(&store, Local::now())
}

/// Removes what killed backups left in the backups folder of `db`.
pub fn clear_leftovers(db: &Path) -> DbResult<Vec<PathBuf>> {
    db::clear_partial_files(&backup_dir(db))
}

/// One of our backup files, by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    pub time: NaiveDateTime,
    /// 1, or the `-N` of a second backup in the same second.
    pub n: u32,
}

/// Parses `<stem>-YYYYMMDD-HHMMSS[-N].db`.
fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, u32)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let (time, n) = match rest.len() {
        15 => (rest, 1),
        l if l > 16 && rest.as_bytes()[15] == b'-' => (&rest[..15], rest[16..].parse().ok().filter(|n| *n >= 2)?),
        _ => return None,
    };
    Some((NaiveDateTime::parse_from_str(time, "%Y%m%d-%H%M%S").ok()?, n))
}

/// Our backups of `db`, newest first. Temporary and foreign files are not listed.
pub fn list_backups(db: &Path) -> DbResult<Vec<Listed>> {
    let dir = backup_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(DbError::File { path: dir, op: FileOp::ReadFolder, source: e }),
    };
    let stem = stem(db);
    let mut list: Vec<Listed> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name();
            let (time, n) = parse_name(stem, name.to_str()?)?;
            Some(Listed { path: e.path(), time, n })
        })
        .collect();
    list.sort_by_key(|b| std::cmp::Reverse((b.time, b.n)));
    Ok(list)
}

/// The backups the retention rule removes, of a list sorted newest first: all but the
/// [`KEEP_LAST`] newest and the newest of each of the last [`KEEP_MONTHS`] months.
pub fn to_prune(list: &[Listed], today: NaiveDate) -> Vec<PathBuf> {
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let now = month(today);
    let mut months_kept = std::collections::HashSet::new();
    list.iter()
        .enumerate()
        .filter(|(i, b)| {
            let m = month(b.time.date());
            let recent_month = now - m < KEEP_MONTHS as i32 && now >= m;
            let newest_of_month = recent_month && months_kept.insert(m);
            !(*i < KEEP_LAST || newest_of_month)
        })
        .map(|(_, b)| b.path.clone())
        .collect()
}

/// Applies the retention rule to the backups of `db`; returns what was removed.
pub fn prune(db: &Path, today: NaiveDate) -> DbResult<Vec<PathBuf>> {
    let doomed = to_prune(&list_backups(db)?, today);
    for p in &doomed {
        std::fs::remove_file(p).map_err(DbError::file(p, FileOp::Remove))?;
    }
    Ok(doomed)
}

/// The newest backup of `db` that passes the integrity check (at most `tries` are
/// checked, newest first).
pub fn newest_verified(db: &Path, tries: usize) -> Option<PathBuf> {
    list_backups(db).ok()?.into_iter().take(tries).map(|b| b.path).find(|p| db::verify_backup(p).is_ok())
}

/// Puts a copy of `backup` in place of the database `db`; the current file is kept as
/// `<name>-before-restore-YYYYMMDD-HHMMSS.db` beside it. The restored file is opened once
/// (and brought up to the current schema).
pub fn restore(db: &Path, backup: &Path, operator: &str, now: DateTime<Local>) -> DbResult<db::Restored> {
    let dir = db.parent().unwrap_or_else(|| Path::new(""));
    let base = format!("{}-before-restore-{}", stem(db), now.format("%Y%m%d-%H%M%S"));
    let done = db::restore(db, backup, |n| match n {
        1 => dir.join(format!("{base}.db")),
        n => dir.join(format!("{base}-{n}.db")),
    })?;
    drop(Store::open(db, db::OpenMode::Existing, operator)?);
    Ok(done)
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

    #[test]
    fn backup_names_parse_and_others_do_not() {
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y%m%d-%H%M%S").ok();
        assert_eq!(parse_name("x", "x-20261129-080509.db"), Some((t("20261129-080509").unwrap(), 1)));
        assert_eq!(parse_name("x", "x-20261129-080509-3.db"), Some((t("20261129-080509").unwrap(), 3)));
        assert_eq!(parse_name("x", ".x-20261129-080509.db.partial"), None);
        assert_eq!(parse_name("x", "x-before-restore-20261129-080509.db"), None);
        assert_eq!(parse_name("x", "x-20261129-080509-1.db"), None);
        assert_eq!(parse_name("x", "y-20261129-080509.db"), None);
    }

    #[test]
    fn retention_keeps_the_last_ten_and_the_newest_of_twelve_months() {
        // Two backups a month, on the 1st and the 15th, from 2024-01 to 2026-11.
        let mut list = Vec::new();
        for m in 0..35 {
            for day in [15, 1] {
                let (y, mo) = (2024 + m / 12, m % 12 + 1);
                let time = NaiveDate::from_ymd_opt(y, mo as u32, day).and_then(|d| d.and_hms_opt(9, 0, 0));
                let Some(time) = time else { continue };
                list.push(Listed { path: PathBuf::from(time.format("%Y%m%d").to_string()), time, n: 1 });
            }
        }
        list.sort_by_key(|b| std::cmp::Reverse(b.time));
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let pruned = to_prune(&list, today);
        let kept: Vec<String> =
            list.iter().filter(|b| !pruned.contains(&b.path)).map(|b| b.path.display().to_string()).collect();
        // Ten newest: 2026-11-15 back to 2026-07-01; then the 15th of 2026-06 … 2025-12.
        assert_eq!(kept.len(), 10 + 7, "{kept:?}");
        assert_eq!(kept[0], "20261115");
        assert_eq!(kept[9], "20260701");
        assert_eq!(kept[10], "20260615");
        assert_eq!(kept[16], "20251215");
    }
}
