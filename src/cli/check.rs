//! `xingfu check`: SQLite's checks, the running totals, and a one-screen summary; on a
//! damaged database, what is damaged and which backup to restore.

use std::path::Path;

use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::ops::{OpsError, backup};

use super::Exit;

/// Problem lines shown per check; the rest are counted.
const SHOWN: usize = 20;
/// Backups tried, newest first, when looking for a good one to restore.
const TRIED: usize = 5;

fn show(lang: Lang, label: &str, problems: &[String]) {
    if problems.is_empty() {
        out!("{label}{}", m::check_ok(lang));
        return;
    }
    out!("{label}{}", m::check_problems(lang, problems.len()));
    for p in problems.iter().take(SHOWN) {
        out!("  {p}");
    }
    if problems.len() > SHOWN {
        out!("  {}", m::check_more(lang, problems.len() - SHOWN));
    }
}

pub fn run(lang: Lang, db: &Path, operator: &str) -> Result<Exit, OpsError> {
    match backup::clear_leftovers(db) {
        Ok(cleared) => {
            for p in cleared {
                out!("{}", m::cleared_leftover(lang, p.display()));
            }
        }
        Err(e) => err!("{}", m::note_line(lang, e.message(lang))),
    }
    let store = match Store::open(db, OpenMode::ReadOnly, operator) {
        Ok(store) => store,
        // So damaged (its first page, say) that it no longer reads as a database.
        Err(e @ (DbError::NotSqlite(_) | DbError::Sqlite(_))) => {
            err!("{}", e.message(lang));
            if matches!(e, DbError::Sqlite(_)) {
                show(lang, m::label_integrity(lang), &crate::db::integrity_of(db));
            }
            out!("{}", m::verdict_unreadable(lang));
            suggest_restore(lang, db);
            return Ok(Exit::Unusable);
        }
        Err(e) => return Err(e.into()),
    };
    let checking = super::spinner::start(m::checking_integrity(lang));
    let health = store.health();
    drop(checking);
    let health = health?;
    out!("{}", m::check_database(lang, db.display(), store.schema_version()?));
    show(lang, m::label_integrity(lang), &health.integrity);
    show(lang, m::label_foreign_keys(lang), &health.foreign_keys);
    show(lang, m::label_totals(lang), &health.totals);
    // A receipt register that does not add up (numbers skipped without being voided,
    // books that overlap, a voided number in use, receipts in no book).
    let receipts = store.receipt_problems(lang).unwrap_or_else(|e| vec![e.message(lang)]);
    show(lang, m::label_receipts(lang), &receipts);
    chain(lang, health.chain.as_ref());
    out!();
    match store.summary() {
        Ok(s) => summary(lang, &s),
        Err(e) => out!("{}", m::no_summary(lang, e.message(lang))),
    }
    out!();
    if health.is_healthy() && receipts.is_empty() {
        out!("{}", m::verdict_healthy(lang));
        return Ok(Exit::Ok);
    }
    if health.integrity.is_empty() {
        out!("{}", m::verdict_problems(lang));
        return Ok(Exit::Rejected);
    }
    out!("{}", m::verdict_damaged(lang));
    drop(store);
    suggest_restore(lang, db);
    Ok(Exit::Rejected)
}

/// The audit chain: whole (and where it starts, on a migrated database), or its first
/// broken row.
fn chain(lang: Lang, chain: Option<&crate::db::ChainCheck>) {
    use crate::db::ChainBreak;
    let label = m::label_chain(lang);
    match chain {
        None => out!("{label}{}", m::check_problems(lang, 1)),
        Some(c) => {
            match c.broken {
                None => out!("{label}{}", m::chain_ok(lang, c.rows)),
                Some((id, why)) => {
                    out!("{label}{}", m::check_problems(lang, 1));
                    let line = match why {
                        ChainBreak::Edited => m::chain_edited(lang, id),
                        ChainBreak::Missing { after } => m::chain_missing(lang, id, after),
                        ChainBreak::Unhashed => m::chain_unhashed(lang, id),
                    };
                    out!("  {line}");
                }
            }
            if let Some((id, at, rows)) = &c.started {
                out!("  {}", m::chain_started(lang, id, crate::ops::audit::when(at), rows));
            }
        }
    }
}

/// Names the newest backup that passes the integrity check and the command to restore it.
fn suggest_restore(lang: Lang, db: &Path) {
    match backup::newest_verified(db, TRIED) {
        Some(b) => {
            out!("{}", m::newest_good_backup(lang, b.display()));
            out!("{}", m::restore_command(lang, quoted(&b), quoted(db)));
            out!("{}", m::restore_keeps_damaged(lang));
        }
        None => out!("{}", m::no_good_backup(lang, backup::backup_dir(db).display())),
    }
}

/// A path as it can be pasted into a command line: in double quotes when it holds a space.
fn quoted(p: &Path) -> String {
    let text = p.display().to_string();
    if text.contains(char::is_whitespace) { format!("\"{text}\"") } else { text }
}

fn summary(lang: Lang, s: &crate::db::Summary) {
    out!("{}", m::summary_counts(lang, s.villages, s.projects, s.donations, s.disbursements, s.volunteers, s.shifts));
    out!("{}", m::summary_counts_v2(lang, s.carry_overs, s.disclosures));
    out!("{}", m::summary_raised(lang, s.raised.display(), s.raised_public.display(), s.raised_matching.display()));
    out!("{}", m::summary_disbursed(lang, s.disbursed.display(), s.balance.display()));
    out!("{}", m::summary_hours(lang, s.served_hours));
}
