//! The store: every line of SQL lives below this module.
//!
//! One SQLite file holds every record kind of the template, with exact money (integer
//! fen), unique codes, foreign keys, running totals kept by triggers, and an audit row for
//! every change.

mod audit;
mod backup;
mod batch;
mod certificates;
mod chain;
mod donors;
mod error;
mod figures;
mod health;
mod history;
mod indexes;
mod journal;
mod kinds;
mod links;
mod lists;
mod office;
mod open;
mod partial;
mod receipts;
mod record;
mod revert;
mod rollup;
pub mod schema;
mod schema_offices;
mod schema_v4;
mod schema_v8;
mod schema_v9;
mod search;
mod selection;
mod sql;
mod statement;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use audit::{AuditEntry, CHAIN_START};
pub use backup::{Restored, backup_into, backup_to, restore, verify_backup};
pub use batch::{Batch, Breach, Outcome};
pub use certificates::{HoursLine, IssuedCertificate, ServedShift};
pub use chain::{ChainBreak, ChainCheck, Seal};
pub use donors::{DonorGift, DonorRecord, DonorTotal};
pub use error::{DbError, DbResult, FileOp, Unwritable, io_reason};
pub use figures::{
    DonationLine, ProjectFigures, Summary, VillageFigures, VolunteerFigures, VolunteerLine, VolunteerYear,
};
pub use health::{Health, integrity_of};
pub use history::{ChangeSetRow, LogSort};
pub use links::PlatformLink;
pub use lists::*;
pub use office::{HeldOffice, OfficeFigures, Rollup};
pub use open::OpenMode;
pub use partial::clear_stale as clear_partial_files;
pub use receipts::{Book, BookStatus, ReceiptLine, VoidedNumber};
pub use record::Stored;
pub use revert::Conflict;
pub use rollup::{OpeningOutcome, SWEEP_ORDER, Swept};
pub use search::{DonorFigures, Hit};
pub use selection::Selection;
pub use statement::{CalendarProject, Flows, Scope, SummaryRow};

/// An open database, with the name of the operator whose changes it records.
pub struct Store {
    conn: Connection,
    /// Whose records the lookups by code see and the writes make: 0 for the database's
    /// own, a county's division code for what was rolled up from it (see [`office`]).
    focus: std::sync::Arc<std::sync::atomic::AtomicI64>,
    path: PathBuf,
    operator: String,
    read_only: bool,
    /// The change-set this connection committed last.
    last_change_set: std::cell::Cell<Option<i64>>,
    /// A fixed time for the audit log instead of the clock (tests and screenshots).
    clock: Option<chrono::NaiveDateTime>,
    /// The `-wal` and `-shm` files opened with the connection (see [`journal`]).
    journal: journal::JournalGuard,
    /// This connection's registration as an open file of the process; the last field, so
    /// that it is given back only once the connection is closed.
    _registered: open::Registered,
}

impl Store {
    /// Opens (and, unless read-only, migrates) the database at `path`.
    pub fn open(path: &Path, mode: OpenMode, operator: &str) -> DbResult<Store> {
        let (mut conn, registered) = open::open(path, mode)?;
        let focus = office::register_focus(&conn)?;
        if mode != OpenMode::ReadOnly {
            schema::migrate_as(&mut conn, schema::LATEST, operator)?;
        } else {
            let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version != schema::LATEST {
                return Err(DbError::NeedsUpgrade { path: path.to_path_buf(), found: version });
            }
        }
        let read_only = mode == OpenMode::ReadOnly;
        let journal = if read_only {
            journal::JournalGuard::none()
        } else {
            // A read opens the WAL and its index, so that both can be remembered.
            let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            journal::JournalGuard::capture(path)
        };
        Ok(Store {
            conn,
            focus,
            path: path.to_path_buf(),
            operator: operator.trim().to_string(),
            read_only,
            last_change_set: std::cell::Cell::new(None),
            clock: None,
            journal,
            _registered: registered,
        })
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The operator recorded in the audit log.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Another operator takes over this connection (the console's switch); refused when
    /// the name is empty.
    pub fn set_operator(&mut self, operator: &str) -> DbResult<()> {
        let name = operator.trim();
        if name.is_empty() {
            return Err(DbError::NoOperator);
        }
        self.operator = name.to_string();
        Ok(())
    }

    /// Records changes at `at` instead of the clock's time (tests and screenshots).
    pub fn set_clock(&mut self, at: Option<chrono::NaiveDateTime>) {
        self.clock = at;
    }

    /// When a change made now is recorded.
    fn now(&self) -> String {
        audit::now(self.clock)
    }

    /// The change-set this connection committed last, if any.
    pub fn last_change_set(&self) -> Option<i64> {
        self.last_change_set.get()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> DbResult<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Every write starts here: refused on a read-only store, and on a store whose
    /// journal files were deleted or replaced under it (then it also stops checkpointing,
    /// so that closing it cannot destroy another program's commits).
    fn writable(&self) -> DbResult<()> {
        if self.read_only {
            return Err(DbError::ReadOnly);
        }
        guard_journal(&self.conn, &self.journal)
    }
}

/// Checks the journal files; when they changed, keeps this connection from checkpointing
/// (and deleting the WAL) when it closes.
fn guard_journal(conn: &Connection, journal: &journal::JournalGuard) -> DbResult<()> {
    journal.check().inspect_err(|_| {
        let _ = conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
    })
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = guard_journal(&self.conn, &self.journal);
    }
}

/// The connection settings in force, as SQLite reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pragmas {
    pub journal_mode: String,
    /// 2 = FULL.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
    pub application_id: i32,
    pub query_only: bool,
}

impl Store {
    /// The settings of this connection.
    pub fn pragmas(&self) -> DbResult<Pragmas> {
        let text = |name: &str| -> DbResult<String> { Ok(self.conn.pragma_query_value(None, name, |r| r.get(0))?) };
        let int = |name: &str| -> DbResult<i64> { Ok(self.conn.pragma_query_value(None, name, |r| r.get(0))?) };
        Ok(Pragmas {
            journal_mode: text("journal_mode")?,
            synchronous: int("synchronous")?,
            foreign_keys: int("foreign_keys")? == 1,
            busy_timeout_ms: int("busy_timeout")?,
            application_id: int("application_id")? as i32,
            query_only: int("query_only")? == 1,
        })
    }
}

impl Store {
    /// Moves everything from the WAL into the database file and makes the file stand alone
    /// (journal mode DELETE), for copies that travel as one file.
    pub fn checkpoint(&mut self) -> DbResult<()> {
        self.writable()?;
        self.conn.pragma_update(None, "journal_mode", "DELETE")?;
        self.journal = journal::JournalGuard::none();
        Ok(())
    }
}

impl Store {
    /// Runs a statement as it is, outside the record rules (maintenance and tests). On a
    /// read-only store SQLite itself refuses any write.
    pub fn execute_unchecked(&self, sql: &str) -> DbResult<usize> {
        Ok(self.conn.execute(sql, [])?)
    }
}
