//! Opening a database file safely: refuse, without touching it, a file that is not
//! SQLite, belongs to another program, or was written by a newer xingfu.

use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::error::{DbError, DbResult, Unwritable};
use super::journal::side_file;
use super::schema::{APPLICATION_ID, LATEST};

/// How a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Read and write; create the file (and its folder) if it does not exist.
    Create,
    /// Read and write an existing file.
    Existing,
    /// Read only, at the SQLite level: no statement can write.
    ReadOnly,
}

/// What the first 100 bytes of a file say about it.
enum Header {
    /// Zero bytes: SQLite treats it as an empty database.
    Empty,
    Sqlite {
        user_version: i64,
        application_id: i32,
    },
}

fn read_header(path: &Path) -> DbResult<Header> {
    let mut f = File::open(path)?;
    let mut buf = [0u8; 100];
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    if n == 0 {
        return Ok(Header::Empty);
    }
    if n < 100 || &buf[..16] != b"SQLite format 3\0" {
        return Err(DbError::NotSqlite(path.to_path_buf()));
    }
    let be = |o: usize| u32::from_be_bytes([buf[o], buf[o + 1], buf[o + 2], buf[o + 3]]);
    Ok(Header::Sqlite { user_version: i64::from(be(60) as i32), application_id: be(68) as i32 })
}

/// Checks the header; `Ok(true)` when the file is an SQLite file with no application id
/// (it may be new and empty, or another program's: the caller looks inside).
fn check_header(path: &Path) -> DbResult<bool> {
    match read_header(path)? {
        Header::Empty => Ok(true),
        Header::Sqlite { user_version, application_id } => {
            if application_id == 0 {
                if user_version != 0 {
                    return Err(DbError::Foreign(path.to_path_buf()));
                }
                Ok(true)
            } else if application_id != APPLICATION_ID {
                Err(DbError::Foreign(path.to_path_buf()))
            } else if user_version > LATEST {
                Err(DbError::TooNew { path: path.to_path_buf(), found: user_version, known: LATEST })
            } else {
                Ok(false)
            }
        }
    }
}

/// Creates an empty file readable only by its owner (mode 0600 on Unix), with its folder.
fn create_private(path: &Path) -> DbResult<()> {
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        fs::create_dir_all(dir)?;
    }
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    // Windows: a file under the user's profile (the default place) inherits an ACL that
    // admits only that user and administrators; there is no mode to set.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// True when the permission bits (Unix) or the read-only attribute (Windows) of `path`
/// forbid writing. Looks at the bits rather than trying to write, so that the answer is
/// the same for an administrator, who could write anyway.
fn marked_read_only(path: &Path) -> bool {
    fs::metadata(path).map(|m| m.permissions().readonly()).unwrap_or(false)
}

/// Unix: a folder without write permission cannot take the `-wal` and `-shm` files.
#[cfg(unix)]
fn folder_read_only(dir: &Path) -> bool {
    marked_read_only(dir)
}

/// Windows ignores the read-only attribute of folders (Explorer uses it for customised
/// folders), so it says nothing about whether files can be created there.
#[cfg(not(unix))]
fn folder_read_only(_dir: &Path) -> bool {
    false
}

/// Before opening for writing: the database, its journal files and its folder must be
/// writable; otherwise SQLite opens the file read-only behind our back and every write
/// fails (or, with a read-only `-shm`, reads restart without end).
pub(crate) fn check_writable(path: &Path) -> DbResult<()> {
    for ext in ["", "-wal", "-shm", "-journal"] {
        let file = side_file(path, ext);
        if marked_read_only(&file) {
            return Err(DbError::NotWritable { path: file, reason: Unwritable::ReadOnlyFile });
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if folder_read_only(dir) {
        return Err(DbError::NotWritable { path: dir.to_path_buf(), reason: Unwritable::ReadOnlyFolder });
    }
    Ok(())
}

/// The database files this process has open, with how many connections each.
///
/// On Unix, closing *any* descriptor of a file drops every POSIX lock the process holds on
/// it, the locks of SQLite's own connections included. Reading the header with a file
/// handle of our own while another thread of this process (the console beside its import
/// worker) is inside a transaction would silently drop that connection's lock. So the raw
/// header is only read while no connection of this process has the file open.
static OPEN_FILES: std::sync::Mutex<Vec<(PathBuf, usize)>> = std::sync::Mutex::new(Vec::new());

/// One connection's place in [`OPEN_FILES`], given back when dropped (after the
/// connection: it is the last field of the store).
#[derive(Debug)]
pub(crate) struct Registered(PathBuf);

fn open_files() -> std::sync::MutexGuard<'static, Vec<(PathBuf, usize)>> {
    OPEN_FILES.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut files = open_files();
        if let Some(i) = files.iter().position(|(p, _)| *p == self.0) {
            files[i].1 -= 1;
            if files[i].1 == 0 {
                files.swap_remove(i);
            }
        }
    }
}

/// Checks the header of `path` unless this process has it open already (it was checked
/// when first opened), and registers one more connection to it. `Ok(true)` as
/// [`check_header`].
fn check_and_register(path: &Path) -> DbResult<(bool, Registered)> {
    let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut files = open_files();
    let unmarked = match files.iter_mut().find(|(p, _)| *p == key) {
        Some((_, n)) => {
            *n += 1;
            false
        }
        None => {
            let unmarked = check_header(path)?;
            files.push((key.clone(), 1));
            unmarked
        }
    };
    Ok((unmarked, Registered(key)))
}

/// Opens the file and applies the pragmas every connection needs. Returns the connection
/// and its registration, to be dropped after it.
pub(crate) fn open(path: &Path, mode: OpenMode) -> DbResult<(Connection, Registered)> {
    let exists = path.exists();
    if !exists {
        if mode != OpenMode::Create {
            return Err(DbError::Missing(path.to_path_buf()));
        }
        create_private(path)?;
    }
    if mode != OpenMode::ReadOnly {
        check_writable(path)?;
    }
    let (unmarked, registered) = check_and_register(path)?;
    let flags = match mode {
        OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        _ => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    };
    let conn = Connection::open_with_flags(path, flags).map_err(|e| DbError::on_write(path, e))?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // SQLite quietly falls back to read-only when it may not write the file.
    if mode != OpenMode::ReadOnly && conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(DbError::NotWritable {
            path: path.to_path_buf(),
            reason: Unwritable::Sqlite("attempt to write a readonly database".into()),
        });
    }
    // The header may be stale while a WAL holds newer pages (a new database whose first
    // transactions are not yet checkpointed): SQLite's own answer counts.
    let marked_in_wal =
        unmarked && conn.pragma_query_value(None, "application_id", |r| r.get::<_, i32>(0))? == APPLICATION_ID;
    if unmarked && !marked_in_wal {
        // An SQLite file without our mark is only ours to use if it holds nothing.
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if objects > 0 {
            return Err(DbError::Foreign(path.to_path_buf()));
        }
        if mode == OpenMode::ReadOnly {
            return Err(DbError::Foreign(path.to_path_buf()));
        }
    }
    // The header may be stale while a WAL holds newer pages: ask SQLite as well.
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if (app != 0 && app != APPLICATION_ID) || (app == 0 && version != 0) {
        return Err(DbError::Foreign(path.to_path_buf()));
    }
    if version > LATEST {
        return Err(DbError::TooNew { path: path.to_path_buf(), found: version, known: LATEST });
    }
    if mode == OpenMode::ReadOnly {
        conn.pragma_update(None, "query_only", true)?;
    } else {
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| DbError::on_write(path, e))?;
    }
    // Plans do not depend on the values bound to them. Without this, SQLite (built with
    // STAT4) marks statements whose parameters could steer a plan as expired at every
    // bind and prepares them again: every lookup of an import or a re-import did so.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok((conn, registered))
}
