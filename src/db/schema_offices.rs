//! The migration that gives a database its office (issue 10, "counties report up").
//!
//! - `office`: the one office the database belongs to (code and name), set by
//!   `xingfu init --office`, or here when every village code names the same county.
//! - `rollups`: in a city or province database, one row per county whose export it holds
//!   (where from, which period, which files, when).
//! - Every record table gets an `office` column: 0 for the database's own records, the
//!   county's division code for records rolled up from that county's export. Codes are
//!   unique per office (`UNIQUE (office, code)`), so two counties' serials never collide.
//! - Projects get an opening balance (期初余额, with its date), carried by a period
//!   export, which counts as money in for the balance and its limit.
//!
//! The unique constraint on each code column is inline (`code TEXT NOT NULL UNIQUE`),
//! held by an automatic index that SQLite cannot drop. Rebuilding every table would copy
//! a million-donation database (tens of seconds, twice its size on disk); instead the
//! stored definitions are edited as SQLite documents for constraint changes
//! (`writable_schema`): the `UNIQUE` goes from the column's definition, and its automatic
//! index is renamed into an ordinary index on the same column — a unique index and a plain
//! one hold the same entries (the column, then the rowid), so nothing on disk changes —
//! and then dropped like any other. `tests/open.rs` checks the integrity of a migrated
//! database with data in it.

use rusqlite::Transaction;

use super::error::{DbError, DbResult};
use crate::domain::division::{DivisionCode, Level};

/// The record tables and their code columns.
pub(crate) const KEYED: [(&str, &str); 8] = [
    ("villages", "code"),
    ("projects", "code"),
    ("donations", "ref"),
    ("disbursements", "ref"),
    ("volunteers", "code"),
    ("shifts", "ref"),
    ("carry_overs", "ref"),
    ("disclosures", "ref"),
];

const TABLES: &str = r#"
CREATE TABLE office (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code INTEGER NOT NULL CHECK (code BETWEEN 110000 AND 829999),
    name TEXT NOT NULL
) STRICT;

CREATE TABLE rollups (
    office         INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    exported_at    TEXT NOT NULL,
    period_from    TEXT,
    period_to      TEXT,
    format_version INTEGER NOT NULL,
    files          TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    operator       TEXT NOT NULL
) STRICT;

ALTER TABLE projects ADD COLUMN opening_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN opening_on TEXT CHECK (opening_on BETWEEN '1990-01-01' AND '2100-12-31');

DROP TRIGGER projects_disbursed_within_raised;
CREATE TRIGGER projects_disbursed_within_raised
    AFTER UPDATE OF raised_public_fen, raised_matching_fen, disbursed_fen, carried_in_fen, carried_out_fen, opening_fen
    ON projects
    WHEN NEW.disbursed_fen + NEW.carried_out_fen
         > NEW.raised_public_fen + NEW.raised_matching_fen + NEW.carried_in_fen + NEW.opening_fen
        AND NOT EXISTS (SELECT 1 FROM deferred_checks)
BEGIN
    SELECT RAISE(ABORT, 'disbursed_within_raised');
END;

DROP INDEX donations_by_donor;
CREATE INDEX donations_by_donor ON donations(donor_name, office, donated_on);

DROP INDEX donations_receipt;
CREATE UNIQUE INDEX donations_receipt ON donations(office, coalesce(receipt_code, ''), receipt_no)
    WHERE receipt_no IS NOT NULL;
"#;

pub(super) fn offices(tx: &Transaction<'_>) -> DbResult<()> {
    for (table, _) in KEYED {
        tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN office INTEGER NOT NULL DEFAULT 0"))?;
    }
    tx.execute_batch(TABLES)?;
    // Each inline UNIQUE leaves the table's definition, and its automatic index becomes a
    // plain index of the same column (the same entries), dropped once the schema is read
    // again.
    let mut renamed = Vec::new();
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    for (table, column) in KEYED {
        let sql: String =
            tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
        let inline = format!("{column} ");
        let unique = sql.match_indices("NOT NULL UNIQUE CHECK").map(|(i, _)| i).collect::<Vec<_>>();
        let [at] = unique.as_slice() else {
            return Err(DbError::MigrationMismatch { version: 7, table, check: "UNIQUE" });
        };
        // The UNIQUE found must be the code column's own.
        let line_start = sql[..*at].rfind('\n').map_or(0, |i| i + 1);
        if !sql[line_start..*at].trim_start().starts_with(&inline) {
            return Err(DbError::MigrationMismatch { version: 7, table, check: "UNIQUE" });
        }
        let without = sql.replacen("NOT NULL UNIQUE CHECK", "NOT NULL CHECK", 1);
        let mut stmt = tx.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NULL \
             AND name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'",
        )?;
        let autos: Vec<String> = stmt.query_map([table], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let [auto] = autos.as_slice() else {
            return Err(DbError::MigrationMismatch { version: 7, table, check: "UNIQUE" });
        };
        let plain = format!("{table}_code_v6");
        tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", [without.as_str(), table])?;
        tx.execute(
            "UPDATE sqlite_schema SET name = ?1, sql = ?2 WHERE type = 'index' AND name = ?3",
            [plain.as_str(), &format!("CREATE INDEX {plain} ON {table}({column})"), auto.as_str()],
        )?;
        renamed.push((table, column, plain));
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    for (table, column, plain) in renamed {
        tx.execute_batch(&format!(
            "DROP INDEX {plain}; CREATE UNIQUE INDEX {table}_key ON {table}(office, {column});"
        ))?;
    }
    infer_office(tx)
}

/// Names the database's office after the county its villages all belong to, when every
/// village code is a 12-digit division code of one county.
fn infer_office(tx: &Transaction<'_>) -> DbResult<()> {
    if let Some((code, name)) = county_of_villages(tx)? {
        tx.execute("INSERT INTO office(id, code, name) VALUES (1, ?1, ?2)", rusqlite::params![code.number(), name])?;
    }
    Ok(())
}

/// The county every village of the database's own records belongs to (with its name:
/// the registry's, else the villages' 县（市、区）), when there is one.
pub(super) fn county_of_villages(conn: &rusqlite::Connection) -> DbResult<Option<(DivisionCode, String)>> {
    let (villages, prefixes, prefix, county): (i64, i64, Option<String>, Option<String>) = conn.query_row(
        "SELECT count(*), count(DISTINCT substr(code, 1, 6)), min(substr(code, 1, 6)), min(county) FROM villages \
         WHERE office = 0",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if villages == 0 || prefixes != 1 {
        return Ok(None);
    }
    let divisional: i64 = conn.query_row(
        "SELECT count(*) FROM villages WHERE office = 0 AND length(code) = 12 AND code NOT GLOB '*[^0-9]*'",
        [],
        |r| r.get(0),
    )?;
    if divisional != villages {
        return Ok(None);
    }
    let Some(code) = prefix.as_deref().and_then(DivisionCode::parse).filter(|c| c.level() == Level::County) else {
        return Ok(None);
    };
    let name = code.name().map(str::to_string).or(county).unwrap_or_else(|| code.to_string());
    Ok(Some((code, name)))
}
