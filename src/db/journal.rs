//! Guarding the write-ahead log: a store remembers which `-wal` and `-shm` files it
//! opened, and refuses to write once either was deleted or replaced by another program.
//!
//! SQLite keeps the WAL and its index open for the life of a connection. When another
//! program deletes them under an open console, the next program to open the database
//! starts a fresh WAL; a write from the console would then go into the deleted file, and
//! closing the console would checkpoint that file and delete the new WAL with every
//! commit in it. So before each write the store checks that the files on disk are still
//! the ones it opened, and once they are not it neither writes nor checkpoints on close.
//!
//! On Windows the operating system refuses to delete or rename a file SQLite holds open,
//! so this cannot happen there and the check always passes.

use std::path::{Path, PathBuf};

use super::error::{DbError, DbResult};

/// What identifies one file: (device, inode) on Unix.
#[cfg(unix)]
type FileId = (u64, u64);

#[cfg(not(unix))]
type FileId = ();

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Windows: a file SQLite holds open cannot be deleted or replaced, so there is nothing
/// to compare.
#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// `db` with `ext` appended: `x.db-wal`.
pub(crate) fn side_file(db: &Path, ext: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(ext);
    PathBuf::from(p)
}

/// The journal files a store opened, with their identities.
#[derive(Debug, Clone, Default)]
pub(crate) struct JournalGuard {
    files: Vec<(PathBuf, FileId)>,
}

impl JournalGuard {
    /// Remembers the `-wal` and `-shm` files of `db` as they are now (call right after
    /// the connection opened them). Files that do not exist are not guarded.
    pub(crate) fn capture(db: &Path) -> JournalGuard {
        let files = ["-wal", "-shm"]
            .into_iter()
            .filter_map(|ext| {
                let path = side_file(db, ext);
                file_id(&path).map(|id| (path, id))
            })
            .collect();
        JournalGuard { files }
    }

    /// Nothing to guard (journal mode DELETE, or a read-only store).
    pub(crate) fn none() -> JournalGuard {
        JournalGuard::default()
    }

    /// `Err(JournalReplaced)` naming the first file that is gone or is another file now.
    pub(crate) fn check(&self) -> DbResult<()> {
        for (path, id) in &self.files {
            if file_id(path).as_ref() != Some(id) {
                return Err(DbError::JournalReplaced(path.clone()));
            }
        }
        Ok(())
    }
}
