//! Version 4: every `CHECK (col IN (…))` becomes `CHECK (col = … OR col = …)`.
//!
//! Both mean the same (a NULL passes either), but SQLite evaluates an `IN` list in a
//! CHECK by building and freeing a temporary B-tree for every row written, which cost a
//! million-row import several seconds; an equality chain costs nothing. Only the stored
//! table definitions change: no row is rewritten.

use rusqlite::Transaction;

use super::error::{DbError, DbResult};
use super::schema::rewrite_tables;

/// The tables whose definitions hold `IN` checks, with the column each must have one on
/// (to recognise a database that is not what version 3 left).
const TABLES: &[(&str, &str)] = &[
    ("villages", "status"),
    ("projects", "category"),
    ("donations", "donor_type"),
    ("volunteers", "status"),
    ("shifts", "status"),
];

pub(super) fn v4(tx: &Transaction<'_>) -> DbResult<()> {
    let mut rewritten = Vec::new();
    for &(table, column) in TABLES {
        let sql: String =
            tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
        let new = in_checks_to_or(&sql);
        if !new.contains(&format!("CHECK ({column} = ")) {
            return Err(DbError::MigrationMismatch { version: 4, table, check: column });
        }
        rewritten.push((table, new));
    }
    rewrite_tables(tx, &rewritten)
}

/// Rewrites every `CHECK (<column> IN (<a>, <b>, …))` of a `CREATE TABLE` text as
/// `CHECK (<column> = <a> OR <column> = <b> …)`; everything else is kept as written.
pub fn in_checks_to_or(sql: &str) -> String {
    const OPEN: &str = "CHECK (";
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(OPEN) {
        let (before, from) = rest.split_at(at + OPEN.len());
        out.push_str(before);
        match in_list(from) {
            Some((column, items, used)) => {
                let chain: Vec<String> = items.iter().map(|i| format!("{column} = {i}")).collect();
                out.push_str(&chain.join(" OR "));
                out.push(')');
                rest = &from[used..];
            }
            None => rest = from,
        }
    }
    out.push_str(rest);
    out
}

/// Reads `<column> IN (<items>))` at the start of `s`: the column, the items (literals as
/// written) and how many bytes that was, up to and including the CHECK's closing `)`.
fn in_list(s: &str) -> Option<(&str, Vec<&str>, usize)> {
    let column_end = s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let column = &s[..column_end];
    let after = s[column_end..].strip_prefix(" IN (")?;
    let list_start = s.len() - after.len();
    let list_end = list_start + after.find(')')?;
    let list = &s[list_start..list_end];
    // Literals here never hold commas or parentheses (enumeration keys, 0 and 1).
    if list.contains('(') || list.split(',').any(|i| i.trim().is_empty()) {
        return None;
    }
    let close = s[list_end + 1..].strip_prefix(')')?;
    let used = s.len() - close.len();
    Some((column, list.split(',').map(str::trim).collect(), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_each_in_check_and_nothing_else() {
        let sql = "CREATE TABLE t (\n  a TEXT CHECK (a IN ('x','y',\n   'z')),\n  b INTEGER CHECK (b IN (0, 1)),\n  c TEXT CHECK (length(c) BETWEEN 1 AND 2)\n)";
        let out = in_checks_to_or(sql);
        assert!(out.contains("CHECK (a = 'x' OR a = 'y' OR a = 'z')"), "{out}");
        assert!(out.contains("CHECK (b = 0 OR b = 1)"), "{out}");
        assert!(out.contains("CHECK (length(c) BETWEEN 1 AND 2)"), "{out}");
        assert!(!out.contains(" IN ("), "{out}");
    }

    #[test]
    fn every_in_check_of_the_schema_is_rewritten() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        super::super::schema::migrate(&mut conn).expect("migrate");
        let mut stmt = conn.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table'").expect("prepare");
        let sqls: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect();
        for sql in sqls {
            assert!(!sql.contains(" IN ("), "{sql}");
        }
    }
}
