//! Version 9 (issue 19): change-sets, records linked to them, and the audit log's hash
//! chain.
//!
//! - `change_sets`: one row per change (a record saved, a batch entry, an import, a
//!   revert), with who and when; every audit row points to its change-set.
//! - `created_in` and `changed_in` on every record table: the change-set that made the
//!   record and the one that last wrote it. An import of a million rows writes one audit
//!   row, and its records are found through these (a revert reads them).
//! - `hash` on every audit row ([`super::chain`]).
//!
//! A database that already has audit rows gets one change-set per earlier row (they were
//! written one change at a time, so a record's earlier history stays readable), its rows
//! hashed in order, and a last row, `chain_start`, saying that the chain starts here:
//! the rows before it are protected from now on, but nothing proves what happened to them
//! before the migration.

use rusqlite::Transaction;

use super::audit::{CHAIN_START, Log};
use super::error::DbResult;
use crate::domain::{ChangeKind, Kind};

const V7: &str = r#"
CREATE TABLE change_sets (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind = 'single' OR kind = 'batch' OR kind = 'import' OR kind = 'revert'
                 OR kind = 'migration'),
    reverts  INTEGER REFERENCES change_sets(id)
) STRICT;
CREATE INDEX change_sets_by_operator ON change_sets(operator, id);
CREATE INDEX change_sets_by_kind ON change_sets(kind, id);
-- A change-set is reverted once (a revert of the revert brings it back).
CREATE UNIQUE INDEX change_sets_reverted ON change_sets(reverts) WHERE reverts IS NOT NULL;

ALTER TABLE audit ADD COLUMN change_set INTEGER REFERENCES change_sets(id);
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE INDEX audit_by_change_set ON audit(change_set, id);

-- The earlier rows, one change-set each, with the same ids.
INSERT INTO change_sets(id, at, operator, kind)
    SELECT id, at, operator,
           CASE action WHEN 'import' THEN 'import' WHEN 'demo' THEN 'import' WHEN 'batch_entry' THEN 'batch'
                ELSE 'single' END
    FROM audit ORDER BY id;
UPDATE audit SET change_set = id;
"#;

pub(super) fn v9(tx: &Transaction<'_>, operator: &str) -> DbResult<()> {
    tx.execute_batch(V7)?;
    // No default and no foreign key: adding them rewrites nothing, and an import writes
    // them without a lookup per row.
    for kind in Kind::ALL {
        let (table, _) = super::record::table_of(kind);
        tx.execute_batch(&format!(
            "ALTER TABLE {table} ADD COLUMN created_in INTEGER; ALTER TABLE {table} ADD COLUMN changed_in INTEGER;"
        ))?;
    }
    let earlier = super::chain::hash_unhashed(tx)?;
    if earlier > 0 {
        let mut log = Log::begin(tx, super::audit::now(None), operator, ChangeKind::Migration, None)?;
        log.event(tx, CHAIN_START, &serde_json::json!({ "schema": 9, "earlier_rows": earlier }))?;
    }
    Ok(())
}
