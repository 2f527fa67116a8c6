//! What can go wrong in the store, each with a message in both languages.

use std::path::PathBuf;

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
    #[error("{0}")]
    Other(String),
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
            FileOp::CreateFolder => lang.pick("无法创建文件夹", "cannot create the folder"),
            FileOp::ReadFolder => lang.pick("无法读取文件夹", "cannot read the folder"),
            FileOp::Create => lang.pick("无法创建文件", "cannot create the file"),
            FileOp::Write => lang.pick("无法写入文件", "cannot write the file"),
            FileOp::Rename => lang.pick("无法重命名文件", "cannot rename the file"),
            FileOp::Copy => lang.pick("无法复制文件", "cannot copy the file"),
            FileOp::Remove => lang.pick("无法删除文件", "cannot remove the file"),
        }
    }
}

/// The reason of a file error in the operator's words: read-only, full disk, a file where
/// a folder should be; else the system's own message.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let plain = match e.kind() {
        K::PermissionDenied => {
            lang.pick("没有写入权限（文件或文件夹只读）", "permission denied (read-only file or folder)")
        }
        K::ReadOnlyFilesystem => lang.pick("磁盘只读", "the disk is read-only"),
        K::StorageFull => lang.pick("磁盘已满", "the disk is full"),
        K::NotADirectory => lang.pick("路径中有同名的普通文件，不是文件夹", "a file stands where a folder should be"),
        K::AlreadyExists => lang.pick("已存在同名文件", "a file of that name already exists"),
        K::NotFound => lang.pick("不存在", "not found"),
        _ => return e.to_string(),
    };
    format!("{plain} ({e})")
}

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
                | DbError::NotFound { .. }
                | DbError::Changed { .. }
                | DbError::Exists(_)
                | DbError::ReadOnly
                | DbError::BadBackup { .. }
        )
    }

    /// The message in the operator's language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            DbError::NotSqlite(p) if zh => format!("{} 不是 SQLite 数据库文件，未做任何改动", p.display()),
            DbError::NotSqlite(p) => format!("{} is not an SQLite database; it was not touched", p.display()),
            DbError::Foreign(p) if zh => {
                format!("{} 是其他程序的数据库，不是幸福家园数据库，未做任何改动", p.display())
            }
            DbError::Foreign(p) => {
                format!("{} belongs to another program, not xingfu; it was not touched", p.display())
            }
            DbError::TooNew { path, found, known } if zh => format!(
                "{} 由更新版本的幸福程序写入（数据版本 {found}，本程序支持 {known}），请升级程序；未做任何改动",
                path.display()
            ),
            DbError::TooNew { path, found, known } => format!(
                "{} was written by a newer xingfu (schema {found}; this program knows {known}): upgrade xingfu; it was not touched",
                path.display()
            ),
            DbError::Missing(p) if zh => format!("数据库 {} 不存在（可先运行 xingfu init 创建）", p.display()),
            DbError::Missing(p) => format!("database {} does not exist (create it with xingfu init)", p.display()),
            DbError::Exists(p) if zh => format!("{} 已存在，不会覆盖", p.display()),
            DbError::Exists(p) => format!("{} already exists; it is not overwritten", p.display()),
            DbError::ReadOnly => lang.pick("数据库以只读方式打开，不能修改", "the database is open read-only").into(),
            // Rules about a whole project name it themselves.
            DbError::Rejected {
                rule: rule @ (Rule::ProjectOverdisbursed { .. } | Rule::TotalTooLarge { .. }), ..
            } => rule.message(lang),
            DbError::Rejected { kind, code, field, rule } => {
                let header = kind.field(field).map(|f| f.header).unwrap_or(field);
                let header = if zh { header } else { field };
                if zh {
                    format!("{} {code}：{header}：{}", kind.sheet(), rule.message(lang))
                } else {
                    format!("{} {code}: {header}: {}", kind.key(), rule.message(lang))
                }
            }
            DbError::Changed { kind, code, fields } => {
                let names: Vec<&str> = fields
                    .iter()
                    .map(|f| kind.field(f).map_or(f.as_str(), |x| if zh { x.header } else { x.key }))
                    .collect();
                if zh {
                    format!("{} {code} 在您打开后已被他人修改并保存（{}），本次未保存", kind.sheet(), names.join("、"))
                } else {
                    format!(
                        "{} {code} was changed and saved by someone else after you opened it ({}); not saved",
                        kind.key(),
                        names.join(", ")
                    )
                }
            }
            DbError::NotFound { kind, code } if zh => format!("{} {code} 不存在", kind.sheet()),
            DbError::NotFound { kind, code } => format!("{} {code} not found", kind.key()),
            DbError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) && zh => {
                "磁盘已满，未写入任何数据。请清理磁盘空间后重试".into()
            }
            DbError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
                "the disk is full; nothing was written. Free some space and try again".into()
            }
            DbError::Sqlite(e) if zh => format!("数据库错误：{e}"),
            DbError::Sqlite(e) => format!("database error: {e}"),
            DbError::Io(e) if zh => format!("文件错误：{e}"),
            DbError::Io(e) => format!("file error: {e}"),
            DbError::JournalReplaced(p) if zh => format!(
                "日志文件 {} 已被其他程序删除或替换；为保护数据，此窗口不再写入，请关闭并重新打开幸福程序",
                p.display()
            ),
            DbError::JournalReplaced(p) => format!(
                "the journal file {} was deleted or replaced by another program; to protect the data this window will not write: close and reopen xingfu",
                p.display()
            ),
            DbError::NotWritable { path, reason } => {
                let why = match (reason, zh) {
                    (Unwritable::ReadOnlyFile, true) => "文件是只读的（请检查文件属性或权限）".to_string(),
                    (Unwritable::ReadOnlyFile, false) => "the file is read-only (check its permissions)".to_string(),
                    (Unwritable::ReadOnlyFolder, true) => {
                        "所在文件夹只读，无法在其中创建日志文件（请检查文件夹权限）".to_string()
                    }
                    (Unwritable::ReadOnlyFolder, false) => {
                        "its folder is read-only, so the journal files cannot be created (check the folder's permissions)"
                            .to_string()
                    }
                    (Unwritable::Sqlite(m), true) => format!("SQLite 拒绝写入：{m}"),
                    (Unwritable::Sqlite(m), false) => format!("SQLite refused to write: {m}"),
                };
                if zh {
                    format!("数据库无法写入：{}：{why}；未做任何改动", path.display())
                } else {
                    format!("the database cannot be written: {}: {why}; nothing was changed", path.display())
                }
            }
            DbError::DiskFull(p) if zh => {
                format!("磁盘已满，无法写入 {}；未写入任何数据。请清理磁盘空间后重试", p.display())
            }
            DbError::DiskFull(p) => {
                format!(
                    "the disk is full: {} cannot be written; nothing was written. Free some space and try again",
                    p.display()
                )
            }
            DbError::Busy(p) if zh => {
                format!("另一个程序正在写入此数据库（可能是另一次导入），请稍后再试：{}；未做任何改动", p.display())
            }
            DbError::Busy(p) => format!(
                "another program is writing this database (perhaps another import); try again later: {}; nothing was changed",
                p.display()
            ),
            DbError::File { path, op, source } => {
                format!(
                    "{}{}{}{}{}",
                    op.describe(lang),
                    lang.pick(" ", " "),
                    path.display(),
                    lang.pick("：", ": "),
                    io_reason(source, lang)
                )
            }
            DbError::BadBackup { path, reason } if zh => {
                format!("{} 不是可用的幸福家园备份：{reason}；未做任何改动", path.display())
            }
            DbError::BadBackup { path, reason } => {
                format!("{} is not a usable xingfu backup: {reason}; nothing was changed", path.display())
            }
            DbError::InUse(p) if zh => {
                format!("数据库 {} 正被其他程序（如另一个幸福窗口）使用，请先关闭它们再恢复；未做任何改动", p.display())
            }
            DbError::InUse(p) => format!(
                "the database {} is open in another program (another xingfu window?): close it first; nothing was changed",
                p.display()
            ),
            DbError::Other(s) => s.clone(),
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;
