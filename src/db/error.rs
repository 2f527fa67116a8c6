//! What can go wrong in the store, each with a message in both languages.

use std::path::PathBuf;

use crate::domain::messages as m;
use crate::domain::{Kind, Lang, Rule};

/// An error of the store. [`DbError::is_rejection`] tells data that was refused
/// (nothing written; exit code 1) from a database that could not be used (exit code 3).
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{} is not an SQLite database", .0.display())]
    NotSqlite(PathBuf),
    #[error("{} is an SQLite database of another program", .0.display())]
    Foreign(PathBuf),
    #[error("{} was written by a newer xingfu (schema {found}, this program knows {known})", .path.display())]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("the database is open read-only")]
    ReadOnly,
    #[error("{kind:?} {code}: {field}: {rule}")]
    Rejected { kind: Kind, code: String, field: &'static str, rule: Rule },
    #[error("{kind:?} {code} not found")]
    NotFound { kind: Kind, code: String },
    /// The office could not be named, or the records in focus are another office's.
    #[error("office: {0:?}")]
    Office(crate::domain::division::OfficeRefusal),
    /// A rule about no single record of the template (a receipt book, a certificate).
    #[error("{0}")]
    Refused(Rule),
    /// The record was saved by someone else after the operator opened it; `fields` are
    /// the English keys of what they changed.
    #[error("{kind:?} {code} was changed by someone else: {fields:?}")]
    Changed { kind: Kind, code: String, fields: Vec<String> },
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}: the journal file was deleted or replaced by another program", .0.display())]
    JournalReplaced(PathBuf),
    #[error("{} cannot be written: {reason:?}", .path.display())]
    NotWritable { path: PathBuf, reason: Unwritable },
    #[error("{}: another program is writing the database", .0.display())]
    Busy(PathBuf),
    /// The disk holding this file (the database, or a backup being written) is full.
    #[error("{}: the disk is full", .0.display())]
    DiskFull(PathBuf),
    #[error("{}: {op:?}: {source}", .path.display())]
    File { path: PathBuf, op: FileOp, source: std::io::Error },
    #[error("{}: not a usable backup: {reason}", .path.display())]
    BadBackup { path: PathBuf, reason: String },
    #[error("{} is open in another program", .0.display())]
    InUse(PathBuf),
    /// A read-only open of a database whose schema is older than this program's.
    #[error("{}: schema {found} needs upgrading; open it once without read-only", .path.display())]
    NeedsUpgrade { path: PathBuf, found: i64 },
    /// SQLite's backup stopped before copying every page into `path`.
    #[error("{}: the backup did not finish", .0.display())]
    BackupUnfinished(PathBuf),
    /// A backup just written to `path` fails SQLite's integrity check.
    #[error("{}: the backup failed its integrity check: {verdict}", .path.display())]
    BackupDamaged { path: PathBuf, verdict: String },
    /// A record could not be written to the audit log as JSON.
    #[error("audit log: {0}")]
    Audit(serde_json::Error),
    /// A donation of a bulk write whose project is not known to the batch (a bug).
    #[error("bulk donation without its project {project}")]
    BulkWithoutProject { project: String },
    /// A migration found a table not as it expected.
    #[error("schema {version}: the {table} table has no {check} check")]
    MigrationMismatch { version: i64, table: &'static str, check: &'static str },
    /// A write without an operator's name (an empty `--operator`, or none given yet).
    #[error("no operator name")]
    NoOperator,
    #[error("change-set {0} not found")]
    ChangeSetNotFound(i64),
    /// A revert that would break a rule or no longer applies; nothing was changed.
    #[error("change-set {change_set} cannot be reverted: {why:?}")]
    RevertRefused { change_set: i64, why: Box<super::revert::Conflict> },
}

/// Why a database cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// The file's permissions make it read-only.
    ReadOnlyFile,
    /// The folder cannot take the journal files SQLite creates beside the database.
    ReadOnlyFolder,
    /// SQLite itself refused, with its message.
    Sqlite(String),
}

/// What was being done to a file when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOp {
    CreateFolder,
    ReadFolder,
    Create,
    Write,
    Rename,
    Copy,
    Remove,
}

impl FileOp {
    fn describe(self, lang: Lang) -> &'static str {
        match self {
            FileOp::CreateFolder => m::op_create_folder(lang),
            FileOp::ReadFolder => m::op_read_folder(lang),
            FileOp::Create => m::op_create_file(lang),
            FileOp::Write => m::op_write_file(lang),
            FileOp::Rename => m::op_rename_file(lang),
            FileOp::Copy => m::op_copy_file(lang),
            FileOp::Remove => m::op_remove_file(lang),
        }
    }
}

pub use crate::domain::messages::io_reason;

impl DbError {
    /// An error of starting or making a write on the database at `path`: "busy" means
    /// another program holds the write lock; "read-only" and "cannot open" mean the file
    /// cannot be written.
    pub fn on_write(path: &std::path::Path, e: rusqlite::Error) -> DbError {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => DbError::Busy(path.to_path_buf()),
            Some(C::DiskFull) => DbError::DiskFull(path.to_path_buf()),
            Some(C::ReadOnly | C::CannotOpen) => {
                DbError::NotWritable { path: path.to_path_buf(), reason: Unwritable::Sqlite(e.to_string()) }
            }
            _ => DbError::Sqlite(e),
        }
    }

    /// A file error naming the file.
    pub fn file(path: &std::path::Path, op: FileOp) -> impl FnOnce(std::io::Error) -> DbError {
        let path = path.to_path_buf();
        move |source| DbError::File { path, op, source }
    }
}

impl From<std::io::ErrorKind> for DbError {
    fn from(k: std::io::ErrorKind) -> Self {
        DbError::Io(k.into())
    }
}

impl DbError {
    /// True when the input or data was refused and nothing was written.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            DbError::Rejected { .. }
                | DbError::Refused(_)
                | DbError::NotFound { .. }
                | DbError::Office(_)
                | DbError::Changed { .. }
                | DbError::Exists(_)
                | DbError::ReadOnly
                | DbError::BadBackup { .. }
                | DbError::NoOperator
                | DbError::ChangeSetNotFound(_)
                | DbError::RevertRefused { .. }
        )
    }

    /// The message in the operator's language.
    pub fn message(&self, lang: Lang) -> String {
        use rusqlite::ErrorCode;
        match self {
            DbError::NotSqlite(p) => m::not_sqlite(lang, p.display()),
            DbError::Foreign(p) => m::foreign_database(lang, p.display()),
            DbError::TooNew { path, found, known } => m::too_new(lang, path.display(), found, known),
            DbError::Missing(p) => m::missing_database(lang, p.display()),
            DbError::Exists(p) => m::exists(lang, p.display()),
            DbError::ReadOnly => m::read_only(lang).into(),
            // Rules about a whole project name it themselves.
            DbError::Rejected {
                rule: rule @ (Rule::ProjectOverdisbursed { .. } | Rule::TotalTooLarge { .. }), ..
            } => rule.message(lang),
            DbError::Rejected { kind, code, field, rule } => {
                let header = match lang {
                    Lang::Zh => kind.field(field).map_or(*field, |f| f.header),
                    Lang::En => field,
                };
                m::rejected(lang, kind.name(lang), code, header, rule.message(lang))
            }
            DbError::Changed { kind, code, fields } => {
                let names: Vec<&str> =
                    fields.iter().map(|f| kind.field(f).map_or(f.as_str(), |x| field_name(x, lang))).collect();
                m::changed_by_other(lang, kind.name(lang), code, m::list(lang, &names))
            }
            DbError::NotFound { kind, code } => m::record_not_found(lang, kind.name(lang), code),
            DbError::Office(refusal) => refusal.message(lang),
            DbError::Refused(rule) => rule.message(lang),
            DbError::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::DiskFull) => {
                m::sqlite_disk_full(lang).into()
            }
            DbError::Sqlite(e) => m::sqlite_error(lang, e),
            DbError::Io(e) => m::file_error(lang, e),
            DbError::JournalReplaced(p) => m::journal_replaced(lang, p.display()),
            DbError::NotWritable { path, reason } => {
                let why = match reason {
                    Unwritable::ReadOnlyFile => m::unwritable_file(lang).to_string(),
                    Unwritable::ReadOnlyFolder => m::unwritable_folder(lang).to_string(),
                    Unwritable::Sqlite(reason) => m::unwritable_sqlite(lang, reason),
                };
                m::not_writable(lang, path.display(), why)
            }
            DbError::DiskFull(p) => m::disk_full(lang, p.display()),
            DbError::Busy(p) => m::busy(lang, p.display()),
            DbError::File { path, op, source } => {
                m::file_failed(lang, op.describe(lang), path.display(), io_reason(source, lang))
            }
            DbError::BadBackup { path, reason } => m::bad_backup(lang, path.display(), reason),
            DbError::InUse(p) => m::database_in_use(lang, p.display()),
            DbError::NeedsUpgrade { path, found } => m::needs_upgrade(lang, path.display(), found),
            DbError::BackupUnfinished(p) => m::backup_unfinished(lang, p.display()),
            DbError::BackupDamaged { path, verdict } => m::backup_damaged(lang, path.display(), verdict),
            DbError::Audit(e) => m::audit_unwritable(lang, e),
            DbError::BulkWithoutProject { project } => m::bulk_without_project(lang, project),
            DbError::MigrationMismatch { version, table, check } => m::migration_mismatch(lang, version, table, check),
            DbError::NoOperator => m::operator_empty(lang).into(),
            DbError::ChangeSetNotFound(id) => m::change_set_not_found(lang, id),
            DbError::RevertRefused { change_set, why } => m::revert_refused(lang, change_set, why.message(lang)),
        }
    }
}

/// A field's name in the operator's language: its column header, or its English key.
fn field_name(f: &crate::domain::Field, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => f.header,
        Lang::En => f.key,
    }
}

pub type DbResult<T> = Result<T, DbError>;
