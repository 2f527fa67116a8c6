//! Health checks: SQLite's own checks plus the running totals against the rows.

use serde::Serialize;

use super::Store;
use super::error::DbResult;

/// The outcome of [`Store::health`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Lines of `PRAGMA integrity_check` other than `ok`.
    pub integrity: Vec<String>,
    /// Rows that break a foreign key: `table rowid → parent`.
    pub foreign_keys: Vec<String>,
    /// Projects or volunteers whose running totals disagree with their rows.
    pub totals: Vec<String>,
    /// The audit log's hash chain (`None`: it could not be read, and `integrity` says why).
    #[serde(skip)]
    pub chain: Option<super::ChainCheck>,
}

impl Health {
    pub fn is_healthy(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.totals.is_empty()
            && self.chain.as_ref().is_some_and(|c| c.is_whole())
    }
}

impl Store {
    /// Runs every check; never changes anything. A check that cannot run on a damaged
    /// file reports SQLite's error as its problem instead of failing the others.
    pub fn health(&self) -> DbResult<Health> {
        let or_error = |r: DbResult<Vec<String>>| r.unwrap_or_else(|e| vec![e.to_string()]);
        Ok(Health {
            integrity: or_error(self.integrity()),
            foreign_keys: or_error(self.foreign_key_problems()),
            totals: or_error(self.total_problems()),
            chain: self.verify_chain().ok(),
        })
    }

    /// The lines of `PRAGMA integrity_check` other than `ok` (SQLite stops at 100).
    fn integrity(&self) -> DbResult<Vec<String>> {
        integrity_lines(&self.conn)
    }
}

/// What `PRAGMA integrity_check` finds in a file too damaged to open as a store: read only,
/// never written.
pub fn integrity_of(path: &std::path::Path) -> Vec<String> {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match rusqlite::Connection::open_with_flags(path, flags) {
        Ok(conn) => integrity_lines(&conn).unwrap_or_else(|e| vec![e.to_string()]),
        Err(e) => vec![e.to_string()],
    }
}

fn integrity_lines(conn: &rusqlite::Connection) -> DbResult<Vec<String>> {
    let mut integrity = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        match line {
            Ok(line) if line == "ok" => {}
            // The first line may hold several, and a header naming the schema.
            Ok(line) => integrity.extend(line.lines().filter(|l| !l.starts_with("***")).map(str::to_string)),
            // SQLite may give up partway on a badly damaged file: keep what it found.
            Err(e) => {
                integrity.push(e.to_string());
                break;
            }
        }
    }
    Ok(integrity)
}

impl Store {
    fn foreign_key_problems(&self) -> DbResult<Vec<String>> {
        let mut foreign_keys = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "{} {} → {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })?;
        for row in rows {
            foreign_keys.push(row?);
        }
        // The donor of a gift (not declared a foreign key, see schema_v8).
        let mut stmt = self.conn.prepare(
            "SELECT d.id FROM donations d WHERE d.donor_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM donor_records r WHERE r.id = d.donor_id)",
        )?;
        for id in stmt.query_map([], |r| r.get::<_, i64>(0))? {
            foreign_keys.push(format!("donations {} → donor_records", id?));
        }
        Ok(foreign_keys)
    }

    fn total_problems(&self) -> DbResult<Vec<String>> {
        let mut totals = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT p.code FROM projects p LEFT JOIN ( \
                 SELECT project_id, sum(amount_fen * (1 - matching)) AS pub, \
                        sum(amount_fen * matching) AS mat, count(*) AS n \
                 FROM donations GROUP BY project_id) d ON d.project_id = p.id \
             LEFT JOIN (SELECT project_id, sum(amount_fen) AS paid FROM disbursements GROUP BY project_id) b \
                 ON b.project_id = p.id \
             LEFT JOIN (SELECT to_project_id, sum(amount_fen) AS n FROM carry_overs GROUP BY to_project_id) ci \
                 ON ci.to_project_id = p.id \
             LEFT JOIN (SELECT from_project_id, sum(amount_fen) AS n FROM carry_overs GROUP BY from_project_id) co \
                 ON co.from_project_id = p.id \
             WHERE p.raised_public_fen <> coalesce(d.pub, 0) OR p.raised_matching_fen <> coalesce(d.mat, 0) \
                OR p.donation_count <> coalesce(d.n, 0) OR p.disbursed_fen <> coalesce(b.paid, 0) \
                OR p.carried_in_fen <> coalesce(ci.n, 0) OR p.carried_out_fen <> coalesce(co.n, 0)",
        )?;
        for code in stmt.query_map([], |r| r.get::<_, String>(0))? {
            totals.push(format!("project {}", code?));
        }
        // Each carry-over within its giving project's balance on its own date.
        let sql = format!(
            "SELECT c.ref FROM carry_overs c WHERE ({}) < 0",
            super::kinds::balance_on_sql("c.from_project_id", "c.transferred_on", "NULL")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        for code in stmt.query_map([], |r| r.get::<_, String>(0))? {
            totals.push(format!("carry-over {}", code?));
        }
        let mut stmt = self.conn.prepare(
            "SELECT w.code FROM volunteers w LEFT JOIN ( \
                 SELECT volunteer_id, sum(hours_tenths) AS t FROM shifts WHERE status = 'served' \
                 GROUP BY volunteer_id) s ON s.volunteer_id = w.id \
             WHERE w.served_tenths <> coalesce(s.t, 0)",
        )?;
        for code in stmt.query_map([], |r| r.get::<_, String>(0))? {
            totals.push(format!("volunteer {}", code?));
        }
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(m.month, d.month) FROM donation_months m FULL JOIN ( \
                 SELECT substr(donated_on, 1, 7) AS month, sum(amount_fen) AS t, count(*) AS n FROM donations GROUP BY 1) d \
                 ON d.month = m.month \
             WHERE coalesce(m.total_fen, 0) <> coalesce(d.t, 0) OR coalesce(m.count, 0) <> coalesce(d.n, 0)",
        )?;
        for month in stmt.query_map([], |r| r.get::<_, String>(0))? {
            totals.push(format!("month {}", month?));
        }
        Ok(totals)
    }
}
