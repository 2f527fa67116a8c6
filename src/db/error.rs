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
    #[error("{0}")]
    Other(String),
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
            DbError::Sqlite(e) if zh => format!("数据库错误：{e}"),
            DbError::Sqlite(e) => format!("database error: {e}"),
            DbError::Io(e) if zh => format!("文件错误：{e}"),
            DbError::Io(e) => format!("file error: {e}"),
            DbError::Other(s) => s.clone(),
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;
