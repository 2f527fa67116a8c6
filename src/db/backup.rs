//! Online backups with SQLite's backup API, verified before they count, and putting a
//! backup back in place of the database.
//!
//! A backup is written to a temporary `.partial` file beside its target, copied, checked,
//! closed and flushed, and only then given its name (see [`super::partial`]): a backup
//! file that exists is a finished, verified one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::Store;
use super::error::{DbError, DbResult};
use super::partial::Partial;
use super::schema::APPLICATION_ID;

/// Copies every page in one step, that is in one read transaction. Copying a few pages
/// per step (as `Connection::backup` does, looping while more remain) starts over
/// whenever the source looks changed between steps — and a source read through a private
/// WAL index (a `-shm` it may not write) looks changed at every step, so that loop never
/// ended. One step cannot restart.
fn copy_pages(conn: &Connection, out: &Path) -> DbResult<()> {
    let mut dst = Connection::open(out)?;
    let backup = rusqlite::backup::Backup::new_with_names(conn, MAIN_DB, &mut dst, MAIN_DB)?;
    match backup.step(-1)? {
        rusqlite::backup::StepResult::Done => Ok(()),
        _ => Err(DbError::BackupUnfinished(out.to_path_buf())),
    }
}

/// Makes the copy one self-contained file (no WAL beside it) and runs `quick_check`.
///
/// A fresh copy made page by page from a database SQLite just read is checked in
/// proportion: `quick_check` reads every page and checks the B-tree structure, the
/// records and the constraints, which finds a torn or truncated copy, in about a sixth of
/// the time of `integrity_check` (which also compares every index with its table). The
/// full `integrity_check` stays where a file of unknown history is trusted: `restore`
/// ([`verify_backup`]) and `xingfu check`.
fn seal_and_verify(out: &Path) -> DbResult<()> {
    let copy = Connection::open_with_flags(out, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let verdict: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(DbError::BackupDamaged { path: out.to_path_buf(), verdict });
    }
    copy.close().map_err(|(_, e)| DbError::Sqlite(e))?;
    Ok(())
}

/// Copies the open database into a new partial file in `dir` named after `name`, and
/// verifies and flushes it; the caller then publishes it under its real name.
fn write_partial(store: &Store, dir: &Path, name: &str) -> DbResult<Partial> {
    let partial = Partial::create(dir, name)?;
    // A full disk names the backup folder, not the database.
    let at_dir = |e: DbError| match e {
        DbError::Sqlite(s) => DbError::on_write(dir, s),
        other => other,
    };
    copy_pages(&store.conn, &partial.path).map_err(at_dir)?;
    seal_and_verify(&partial.path).map_err(at_dir)?;
    partial.sync()?;
    Ok(partial)
}

/// Copies the open database to `out`, which must not exist, and verifies the copy.
/// Nothing is left at `out` unless the backup is complete.
pub fn backup_to(store: &Store, out: &Path) -> DbResult<()> {
    if out.exists() {
        return Err(DbError::Exists(out.to_path_buf()));
    }
    let dir = parent(out);
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("backup.db");
    let partial = write_partial(store, dir, name)?;
    partial.publish(|n| (n == 1).then(|| out.to_path_buf()))?;
    Ok(())
}

/// Backs the open database up into `dir` as `<base>.db`, or `<base>-2.db`, `<base>-3.db`…
/// when that name is taken (by a backup in the same second): the name is taken
/// atomically when the finished file is put in place, so two backups never collide.
pub fn backup_into(store: &Store, dir: &Path, base: &str) -> DbResult<PathBuf> {
    let partial = write_partial(store, dir, &format!("{base}.db"))?;
    partial.publish(|n| {
        Some(match n {
            1 => dir.join(format!("{base}.db")),
            n => dir.join(format!("{base}-{n}.db")),
        })
    })
}

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

impl Store {
    /// A verified online backup of this database to `out`.
    pub fn backup_to(&self, out: &Path) -> DbResult<()> {
        backup_to(self, out)
    }
}

/// Checks that `path` is a complete, intact xingfu database: SQLite's integrity check
/// passes and it carries our application id. Never changes the file.
pub fn verify_backup(path: &Path) -> DbResult<()> {
    let bad = |reason: String| DbError::BadBackup { path: path.to_path_buf(), reason };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| bad(e.to_string()))?;
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| bad(e.to_string()))?;
    if app != APPLICATION_ID {
        return Err(DbError::Foreign(path.to_path_buf()));
    }
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| bad(e.to_string()))?;
    if verdict != "ok" {
        return Err(bad(verdict));
    }
    Ok(())
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced went (none when there was no database).
    pub aside: Option<PathBuf>,
}

/// Puts a copy of the verified backup `backup` in place of the database at `db`. The
/// current database (with any journal files) keeps its content under the first free
/// name that `aside` offers. Refused while another program has the database open.
pub fn restore(db: &Path, backup: &Path, mut aside: impl FnMut(u32) -> PathBuf) -> DbResult<Restored> {
    verify_backup(backup)?;
    let dir = parent(db);
    let name = db.file_name().and_then(|n| n.to_str()).unwrap_or("xingfu.db");
    if db.exists() {
        super::open::check_writable(db)?;
        stand_alone(db)?;
    }
    let mut partial = Partial::create(dir, name)?;
    partial.copy_from(backup)?;
    partial.sync()?;
    let mut moved = None;
    if db.exists() {
        for n in 1.. {
            let target = aside(n);
            match super::partial::link_new(db, &target) {
                Ok(()) => {
                    moved = Some(target);
                    break;
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(DbError::File { path: target, op: super::FileOp::Rename, source: e }),
            }
        }
    }
    // Journal files of the old database belong to it, never to the restored one.
    if let Some(m) = &moved {
        for ext in ["-wal", "-shm", "-journal"] {
            let from = super::journal::side_file(db, ext);
            if from.exists() {
                let to = super::journal::side_file(m, ext);
                std::fs::rename(&from, &to).map_err(DbError::file(&from, super::FileOp::Rename))?;
            }
        }
    }
    partial.replace(db)?;
    Ok(Restored { aside: moved })
}

/// Leaves WAL mode (which folds the WAL into the file), so that the database is one file;
/// SQLite allows this only when no other connection has the database open, so a busy
/// answer means another program (another xingfu window) is using it.
fn stand_alone(db: &Path) -> DbResult<()> {
    let in_use = || DbError::InUse(db.to_path_buf());
    let conn =
        Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| DbError::on_write(db, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            Err(in_use())
        }
        // A damaged database may not even say its journal mode: it is replaced all the
        // same, its journal files moved aside with it.
        Err(_) => Ok(()),
    }
}

impl Store {
    /// Replaces the open database with a copy of `source` (training mode's reset): the
    /// connection is closed, the file and its WAL are replaced, and it is opened again.
    pub fn restore_from(&mut self, source: &Path) -> DbResult<()> {
        self.writable()?;
        self.journal = super::journal::JournalGuard::none();
        // Close the file by swapping in a connection to nothing.
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        drop(old);
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(super::journal::side_file(&self.path, ext));
        }
        std::fs::copy(source, &self.path)?;
        *self = Store::open(&self.path, super::OpenMode::Existing, &self.operator)?;
        Ok(())
    }
}
