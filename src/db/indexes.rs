//! Secondary indexes set aside for a large batch and built again before it commits.
//!
//! SQLite updates every index of a table for each row inserted; for a batch as large as
//! the table (an empty table, or more than about half its rows) building an index once
//! over the finished table is several times cheaper. Both happen inside the batch's own
//! transaction: a rollback (or a kill) leaves the indexes exactly as they were. Unique
//! indexes stay, since they enforce rules while the rows are written.

use rusqlite::Connection;

use super::error::DbResult;

/// A batch of `incoming` rows is large against a table of `present` rows.
pub fn is_large(present: u64, incoming: u64) -> bool {
    present == 0 || incoming > present / 2
}

/// An index set aside: its name and the statement that makes it again.
#[derive(Debug, Clone)]
pub struct SetAside {
    pub name: String,
    pub sql: String,
    /// The table it indexes.
    pub table: String,
}

/// Rows in `table` (a table name of the schema, never text from a file).
pub fn rows(conn: &Connection, table: &str) -> DbResult<u64> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Drops the secondary, non-unique indexes of `table` and returns them.
pub fn set_aside(conn: &Connection, table: &str) -> DbResult<Vec<SetAside>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL \
         AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
    )?;
    let found: Vec<SetAside> = stmt
        .query_map([table], |r| Ok(SetAside { name: r.get(0)?, sql: r.get(1)?, table: table.to_string() }))?
        .collect::<Result<_, _>>()?;
    for index in &found {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", index.name.replace('"', "\"\"")))?;
    }
    Ok(found)
}

/// Builds the indexes again; `progress(done, total)` after each.
pub fn rebuild(conn: &Connection, indexes: &[SetAside], progress: &mut dyn FnMut(u64, u64)) -> DbResult<()> {
    let total = indexes.len() as u64;
    // The sort behind each index may use a second thread, and spills to a temporary file
    // beyond the page cache instead of growing in memory.
    conn.pragma_update(None, "threads", 2)?;
    let temp_store: i64 = conn.pragma_query_value(None, "temp_store", |r| r.get(0))?;
    conn.pragma_update(None, "temp_store", "DEFAULT")?;
    let built = (|| {
        for (i, index) in indexes.iter().enumerate() {
            conn.execute_batch(&index.sql)?;
            progress(i as u64 + 1, total);
        }
        Ok(())
    })();
    conn.pragma_update(None, "threads", 0)?;
    conn.pragma_update(None, "temp_store", temp_store)?;
    built
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_means_an_empty_table_or_more_than_half() {
        assert!(is_large(0, 1));
        assert!(is_large(100, 51));
        assert!(!is_large(100, 50));
        assert!(!is_large(1_000_000, 100_000));
    }

    #[test]
    fn set_aside_and_rebuilt_inside_a_transaction() {
        let mut conn = Connection::open_in_memory().expect("db");
        crate::db::schema::migrate(&mut conn).expect("migrate");
        let count = |c: &Connection| -> i64 {
            c.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'donations'", [], |r| {
                r.get(0)
            })
            .expect("count")
        };
        let before = count(&conn);
        let tx = conn.transaction().expect("tx");
        let aside = set_aside(&tx, "donations").expect("set aside");
        // By project, by date, by donor name, by donor record.
        assert_eq!(aside.len(), 4, "{aside:?}");
        // The unique indexes (the code and the receipt, by text and by book) stay.
        assert_eq!(count(&tx), before - 4);
        let mut steps = Vec::new();
        rebuild(&tx, &aside, &mut |d, t| steps.push((d, t))).expect("rebuild");
        assert_eq!(steps, [(1, 4), (2, 4), (3, 4), (4, 4)]);
        assert_eq!(count(&tx), before);
        tx.commit().expect("commit");
    }
}
