//! Online backups with SQLite's backup API, verified before they count.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::Store;
use super::error::{DbError, DbResult};

/// Copies the open database to `out` (which must not exist) while it stays usable, then
/// opens the copy and runs `integrity_check` on it. On any failure the partial copy is
/// removed.
pub fn backup_to(store: &Store, out: &Path) -> DbResult<()> {
    if out.exists() {
        return Err(DbError::Exists(out.to_path_buf()));
    }
    if let Some(dir) = out.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let result = copy_and_verify(&store.conn, out);
    if result.is_err() {
        let _ = std::fs::remove_file(out);
    }
    result
}

fn copy_and_verify(conn: &Connection, out: &Path) -> DbResult<()> {
    // Create the file first so that it is private (0600) from the start.
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    drop(opts.open(out)?);
    copy_pages(conn, out)?;
    // A backup is one self-contained file: no WAL beside it.
    let copy = Connection::open_with_flags(out, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let verdict: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(DbError::Other(format!("backup failed its integrity check: {verdict}")));
    }
    Ok(())
}

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
        other => Err(DbError::Other(format!("backup did not finish: {other:?}"))),
    }
}

impl Store {
    /// A verified online backup of this database to `out`.
    pub fn backup_to(&self, out: &Path) -> DbResult<()> {
        backup_to(self, out)
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
            let mut p = self.path.clone().into_os_string();
            p.push(ext);
            let _ = std::fs::remove_file(std::path::PathBuf::from(p));
        }
        std::fs::copy(source, &self.path)?;
        *self = Store::open(&self.path, super::OpenMode::Existing, &self.operator)?;
        Ok(())
    }
}
