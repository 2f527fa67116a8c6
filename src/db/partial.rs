//! Temporary files that become real files only when complete: a backup (or a restored
//! database) is written to `.<name>.partial` in the target's own folder, finished, and
//! then given its real name without ever replacing an existing file. A killed program
//! leaves only a `.partial` (and perhaps its journal), never a file that looks finished.
//!
//! While a partial file is being written its creator holds it: on Unix with an advisory
//! `flock` (which does not interact with SQLite's `fcntl` locks); on Windows with a handle
//! that does not share deletion, so no other program can delete it. [`clear_stale`]
//! removes only partial files nobody holds.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::error::{DbError, DbResult, FileOp};
use super::journal::side_file;

/// The suffix of every temporary file.
const SUFFIX: &str = ".partial";
/// The journal files SQLite may leave beside a partial database.
const SIDE: [&str; 3] = ["-journal", "-wal", "-shm"];

/// A partial file this process created and holds.
pub(crate) struct Partial {
    pub(crate) path: PathBuf,
    hold: Option<File>,
}

/// Opens a new file exclusively: private (0600) on Unix; on Windows without sharing
/// deletion, so that it cannot be removed while held.
fn create_held(path: &Path) -> std::io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_SHARE_READ | FILE_SHARE_WRITE: SQLite may open it, nobody may delete it.
        opts.share_mode(0x1 | 0x2);
    }
    let file = opts.open(path)?;
    // Windows needs no lock: the share mode above already keeps others from deleting it.
    #[cfg(unix)]
    file.lock()?;
    Ok(file)
}

impl Partial {
    /// Creates `.<name>.partial` in `dir`, or `.<name>-2.partial`… when another program
    /// is writing one of that name right now (names are taken by creating the file, never
    /// by looking first).
    pub(crate) fn create(dir: &Path, name: &str) -> DbResult<Partial> {
        std::fs::create_dir_all(dir).map_err(DbError::file(dir, FileOp::CreateFolder))?;
        // Never the same temporary name twice: within one process SQLite remembers things
        // about a path (its journal files) beyond the life of a connection, and a second
        // backup writing under the name the first had just given up failed with disk I/O
        // errors. The process id and a counter make every name new.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let (stem, ext) = split_ext(name);
        let tag = format!("{}-{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        for n in 1..10_000 {
            let candidate = match n {
                1 => format!(".{stem}{ext}.{tag}{SUFFIX}"),
                n => format!(".{stem}{ext}.{tag}-{n}{SUFFIX}"),
            };
            let path = dir.join(candidate);
            match create_held(&path) {
                Ok(hold) => return Ok(Partial { path, hold: Some(hold) }),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(DbError::File { path, op: FileOp::Create, source: e }),
            }
        }
        Err(DbError::File { path: dir.to_path_buf(), op: FileOp::Create, source: ErrorKind::AlreadyExists.into() })
    }

    /// Fills the partial file with a copy of `source`.
    pub(crate) fn copy_from(&mut self, source: &Path) -> DbResult<()> {
        let mut from = File::open(source).map_err(DbError::file(source, FileOp::Copy))?;
        let Some(to) = self.hold.as_mut() else { return Err(ErrorKind::NotFound.into()) };
        std::io::copy(&mut from, to).map_err(DbError::file(&self.path, FileOp::Write))?;
        Ok(())
    }

    /// Puts the finished file in place of `target`, replacing it in one step.
    pub(crate) fn replace(mut self, target: &Path) -> DbResult<()> {
        self.release_for_rename();
        std::fs::rename(&self.path, target).map_err(DbError::file(target, FileOp::Rename))?;
        sync_dir(target.parent());
        Ok(())
    }

    /// Windows: the held handle forbids renaming and deleting, even to us, so it is let
    /// go just before. Unix keeps holding the file until its temporary name is gone.
    fn release_for_rename(&mut self) {
        #[cfg(not(unix))]
        drop(self.hold.take());
    }

    /// Flushes the finished file to disk.
    pub(crate) fn sync(&self) -> DbResult<()> {
        let f = OpenOptions::new().write(true).open(&self.path).map_err(DbError::file(&self.path, FileOp::Write))?;
        f.sync_all().map_err(DbError::file(&self.path, FileOp::Write))
    }

    /// Gives the finished file the first free name that `names` offers (a name is free
    /// when linking to it succeeds: it is never replaced), and returns it. `names` yields
    /// `None` when no other name is acceptable: then `Exists`.
    pub(crate) fn publish(mut self, mut names: impl FnMut(u32) -> Option<PathBuf>) -> DbResult<PathBuf> {
        self.release_for_rename();
        for n in 1.. {
            let Some(target) = names(n) else { break };
            match link_new(&self.path, &target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.path);
                    sync_dir(target.parent());
                    return Ok(target);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(DbError::File { path: target, op: FileOp::Rename, source: e }),
            }
        }
        let taken = names(1).unwrap_or_else(|| self.path.clone());
        Err(DbError::Exists(taken))
    }
}

impl Drop for Partial {
    /// Unfinished: remove what this process created (the file and its journals).
    fn drop(&mut self) {
        drop(self.hold.take());
        if self.path.exists() {
            remove_with_sides(&self.path);
        }
    }
}

/// Gives `from` the name `to` unless `to` exists: a hard link, which fails atomically
/// when the name is taken. On a file system without hard links (FAT USB sticks) it falls
/// back to a rename after checking, which two programs could race.
pub(crate) fn link_new(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
        Err(_) if !to.exists() => std::fs::rename(from, to),
        Err(e) => Err(e),
    }
}

/// Unix: makes a new name in `dir` durable. Windows has no such call (and needs none).
#[cfg(unix)]
fn sync_dir(dir: Option<&Path>) {
    if let Some(d) = dir.filter(|d| !d.as_os_str().is_empty())
        && let Ok(f) = File::open(d)
    {
        let _ = f.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: Option<&Path>) {}

fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

fn remove_with_sides(path: &Path) {
    let _ = std::fs::remove_file(path);
    for ext in SIDE {
        let _ = std::fs::remove_file(side_file(path, ext));
    }
}

/// True when the name is one of our temporary files or a journal beside one.
fn is_partial_name(name: &str) -> bool {
    name.starts_with('.') && (name.ends_with(SUFFIX) || SIDE.iter().any(|s| name.ends_with(&format!("{SUFFIX}{s}"))))
}

/// A partial file untouched for this long, and not held, was left by a killed program.
/// (The wait covers the moments when a live writer does not hold it: just after creating
/// it on Unix, and while putting it in place on Windows.)
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// True when the file was last modified at least [`STALE_AFTER`] ago.
fn settled(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= STALE_AFTER)
}

/// True when another program holds the partial file (it is being written).
#[cfg(unix)]
fn held(path: &Path) -> bool {
    match File::open(path) {
        Ok(f) => matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// Windows: a held partial cannot be deleted, so removing it fails and it stays.
#[cfg(not(unix))]
fn held(_path: &Path) -> bool {
    false
}

/// Removes the partial files (and their journals) in `dir` that no program is writing
/// and that have not changed for [`STALE_AFTER`]: what a killed backup or restore left. Only files matching our temporary pattern are
/// touched. Returns the partial files removed.
pub fn clear_stale(dir: &Path) -> DbResult<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(DbError::File { path: dir.to_path_buf(), op: FileOp::ReadFolder, source: e }),
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| is_partial_name(n))
        .collect();
    names.sort();
    let mut removed = Vec::new();
    for name in &names {
        let path = dir.join(name);
        if name.ends_with(SUFFIX) {
            if !settled(&path) || held(&path) || std::fs::remove_file(&path).is_err() {
                continue;
            }
            removed.push(path.clone());
            remove_with_sides(&path);
        } else {
            // A journal whose partial file is gone, and that has been left alone long enough
            // not to belong to a backup running right now (SQLite creates and deletes these
            // while it works; removing a live one fails that backup).
            let main = SIDE.iter().find_map(|s| name.strip_suffix(s)).map(|m| dir.join(m));
            if main.is_some_and(|m| !m.exists()) && settled(&path) && std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_names_match() {
        assert!(is_partial_name(".office-20261129-080509.db.partial"));
        assert!(is_partial_name(".office-20261129-080509.db.partial-journal"));
        assert!(!is_partial_name("office-20261129-080509.db"));
        assert!(!is_partial_name(".office.db"));
        assert!(!is_partial_name("x.partial"));
    }
}
