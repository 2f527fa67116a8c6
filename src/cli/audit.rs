//! `xingfu audit`: the change-sets, newest first, as the console's 日志 shows them; one
//! record's history; the chain's seal, and a check of one written down earlier. Never
//! writes.

use std::path::Path;

use crate::db::{ListQuery, OpenMode, Seal, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::OpsError;
use crate::ops::audit::{change_set_lines, kind_from_text, record_history};
use crate::ops::export::Masking;

use super::Exit;

/// Rows printed per change-set (an import's updates may be many).
const ROWS_PER_SET: i64 = 50;

/// What `xingfu audit` was asked.
pub struct AuditArgs {
    pub since: Option<chrono::NaiveDate>,
    pub operator: Option<String>,
    pub record: Option<Vec<String>>,
    pub seal: bool,
    pub sealed: Option<String>,
    pub limit: i64,
    pub masking: Masking,
}

pub fn run(lang: Lang, db: &Path, args: AuditArgs) -> Result<Exit, OpsError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    if let Some(text) = &args.sealed {
        return sealed(lang, &store, text);
    }
    if args.seal {
        return seal(lang, &store);
    }
    if let Some(record) = &args.record {
        let (kind_text, code) = (record.first().map_or("", String::as_str), record.get(1).map_or("", String::as_str));
        let Some(kind) = kind_from_text(kind_text) else {
            err!("{}", m::error_line(lang, m::unknown_record_kind(lang, kind_text)));
            return Ok(Exit::Usage);
        };
        let items = record_history(&store, kind, code, lang, args.masking, args.limit)?;
        if items.is_empty() {
            out!("{}", m::history_none(lang));
        }
        for item in items {
            for line in item.lines {
                out!("{line}");
            }
        }
        return Ok(Exit::Ok);
    }
    let mut q: ListQuery<crate::db::LogSort> = ListQuery { descending: true, ..ListQuery::default() };
    q.filter.operator = args.operator.clone();
    q.filter.from = args.since;
    let sets = store.change_sets_page(&q, 0, args.limit.max(1))?;
    if sets.is_empty() {
        out!("{}", m::audit_nothing(lang));
    }
    for (i, set) in sets.iter().enumerate() {
        if i > 0 {
            out!();
        }
        for line in change_set_lines(&store, set, lang, args.masking, ROWS_PER_SET)? {
            out!("{line}");
        }
    }
    Ok(Exit::Ok)
}

/// The head of a whole chain, to write down.
fn seal(lang: Lang, store: &Store) -> Result<Exit, OpsError> {
    if !store.verify_chain()?.is_whole() {
        err!("{}", m::error_line(lang, m::seal_broken(lang)));
        return Ok(Exit::Rejected);
    }
    match store.seal()? {
        Some(seal) => {
            out!("{}", m::seal_line(lang, seal.short(), crate::ops::audit::when(&seal.at)));
            out!("{}", m::seal_hint(lang));
        }
        None => out!("{}", m::seal_empty(lang)),
    }
    Ok(Exit::Ok)
}

/// A seal written down earlier against the chain now: the chain must be whole and the
/// sealed row must still have the sealed hash.
fn sealed(lang: Lang, store: &Store, text: &str) -> Result<Exit, OpsError> {
    let Some((row, hash)) = Seal::parse(text) else {
        err!("{}", m::error_line(lang, m::sealed_unreadable(lang, text)));
        return Ok(Exit::Usage);
    };
    let whole = store.verify_chain()?.is_whole();
    let verdict = match store.hash_of(row)? {
        None => m::sealed_missing(lang, row),
        Some(h) if whole && h.starts_with(&hash) => {
            out!("{}", m::sealed_matches(lang, row));
            return Ok(Exit::Ok);
        }
        Some(_) => m::sealed_differs(lang, row),
    };
    out!("{verdict}");
    Ok(Exit::Rejected)
}
