//! The audit log's hash chain: each row's hash covers its content, the header of its
//! change-set and the previous row's hash, so that a row edited, inserted or removed
//! outside xingfu breaks the chain from that row on.
//!
//! # Canonical serialisation (version 1)
//!
//! The hash of audit row *n* is SHA-256, written as 64 lowercase hexadecimal characters,
//! of these bytes in this order:
//!
//! 1. the ASCII text `xingfu-audit-1`;
//! 2. the hash of row *n − 1* as its 64 hexadecimal characters (64 × `0` for the first row);
//! 3. fourteen fields, each either one byte `0x00` (NULL) or one byte `0x01`, the length of
//!    its UTF-8 text as 4 bytes big-endian, and the text. Integers are written as decimal
//!    text. The fields: the row's `id`, `at`, `operator`, `action`, `kind`, `code`,
//!    `before`, `after`, `change_set`, then its change-set's `id`, `at`, `operator`, `kind`
//!    and `reverts` (all NULL for a row without a change-set, or whose change-set is gone).
//!
//! The length prefixes make the encoding unambiguous: no two different rows give the same
//! bytes. The change-set's header is hashed into every row of the set, so an edit of
//! `change_sets` (who, when, what kind) breaks the chain at the set's first row.
//!
//! What the chain shows and what it cannot: any edit of one row, and the removal or
//! insertion of a row before the last, is found by [`Store::verify_chain`]. Removing the
//! last rows, or rewriting the whole log with fresh hashes, gives a chain that is again
//! whole; only a head hash sealed earlier and kept elsewhere ([`Store::seal`]) shows it.

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::Store;
use super::audit::{AuditEntry, ENTRY_COLUMNS, entry};
use super::error::DbResult;

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The header of a change-set, as hashed into each of its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SetHeader {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub kind: String,
    pub reverts: Option<i64>,
}

/// One audit row's content, as hashed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowContent<'a> {
    pub id: i64,
    pub at: &'a str,
    pub operator: &'a str,
    pub action: &'a str,
    pub kind: &'a str,
    pub code: Option<&'a str>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub change_set: Option<i64>,
}

fn field(h: &mut Sha256, value: Option<&str>) {
    match value {
        None => h.update([0u8]),
        Some(text) => {
            h.update([1u8]);
            h.update((text.len() as u32).to_be_bytes());
            h.update(text.as_bytes());
        }
    }
}

/// The hash of a row after `prev` (see the module documentation).
pub(crate) fn hash(prev: &str, row: &RowContent<'_>, set: Option<&SetHeader>) -> String {
    let mut h = Sha256::new();
    h.update(b"xingfu-audit-1");
    h.update(prev.as_bytes());
    let int = |i: Option<i64>| i.map(|i| i.to_string());
    field(&mut h, Some(&row.id.to_string()));
    field(&mut h, Some(row.at));
    field(&mut h, Some(row.operator));
    field(&mut h, Some(row.action));
    field(&mut h, Some(row.kind));
    field(&mut h, row.code);
    field(&mut h, row.before);
    field(&mut h, row.after);
    field(&mut h, int(row.change_set).as_deref());
    field(&mut h, int(set.map(|s| s.id)).as_deref());
    field(&mut h, set.map(|s| s.at.as_str()));
    field(&mut h, set.map(|s| s.operator.as_str()));
    field(&mut h, set.map(|s| s.kind.as_str()));
    field(&mut h, int(set.and_then(|s| s.reverts)).as_deref());
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The last row of the chain: its id and hash (0 and [`GENESIS`] for an empty log).
pub(crate) fn head(conn: &Connection) -> DbResult<(i64, String)> {
    let found: Option<(i64, Option<String>)> = conn
        .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match found {
        Some((id, hash)) => (id, hash.unwrap_or_else(|| GENESIS.to_string())),
        None => (0, GENESIS.to_string()),
    })
}

/// Hashes every row that has no hash yet, in order, after the row before it (the
/// migration that starts the chain). Returns how many it hashed.
pub(crate) fn hash_unhashed(conn: &Connection) -> DbResult<u64> {
    let mut prev = GENESIS.to_string();
    let mut done = 0;
    let mut update = conn.prepare("UPDATE audit SET hash = ?2 WHERE id = ?1")?;
    each_row(conn, |row| {
        let h = match &row.stored {
            Some(h) => h.clone(),
            None => {
                let h = hash(&prev, &row.content(), row.set.as_ref());
                update.execute(rusqlite::params![row.entry.id, h])?;
                done += 1;
                h
            }
        };
        prev = h;
        Ok(true)
    })?;
    Ok(done)
}

/// A row as read back for checking: its content, its stored hash and its change-set.
struct StoredRow {
    entry: AuditEntry,
    stored: Option<String>,
    set: Option<SetHeader>,
}

impl StoredRow {
    fn content(&self) -> RowContent<'_> {
        let e = &self.entry;
        RowContent {
            id: e.id,
            at: &e.at,
            operator: &e.operator,
            action: &e.action,
            kind: &e.kind,
            code: e.code.as_deref(),
            before: e.before.as_deref(),
            after: e.after.as_deref(),
            change_set: e.change_set,
        }
    }
}

/// Rows read at a time: a log of many updates is never held whole.
const CHUNK: i64 = 2000;

/// Calls `f` with every row in order, with its change-set's header, until it returns false.
fn each_row(conn: &Connection, mut f: impl FnMut(&StoredRow) -> DbResult<bool>) -> DbResult<()> {
    let mut after = i64::MIN;
    loop {
        let rows = read_rows(conn, after)?;
        let Some(last) = rows.last().map(|r| r.entry.id) else { return Ok(()) };
        for row in &rows {
            if !f(row)? {
                return Ok(());
            }
        }
        after = last;
    }
}

/// The next rows after `after`, with their change-sets' headers.
fn read_rows(conn: &Connection, after: i64) -> DbResult<Vec<StoredRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS}, a.hash, c.id, c.at, c.operator, c.kind, c.reverts \
         FROM audit a LEFT JOIN change_sets c ON c.id = a.change_set WHERE a.id > ?1 ORDER BY a.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map([after, CHUNK], |r| {
        let set = match r.get::<_, Option<i64>>(10)? {
            Some(id) => {
                Some(SetHeader { id, at: r.get(11)?, operator: r.get(12)?, kind: r.get(13)?, reverts: r.get(14)? })
            }
            None => None,
        };
        Ok(StoredRow { entry: entry(r)?, stored: r.get(9)?, set })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a check of the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCheck {
    /// Rows checked.
    pub rows: u64,
    /// The row where the chain starts being kept (the migration that started it), if it
    /// started on a database that had rows already: (its id, when, rows hashed then).
    pub started: Option<(i64, String, u64)>,
    /// The first row that does not hold: its id and why.
    pub broken: Option<(i64, ChainBreak)>,
}

/// Why a row breaks the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainBreak {
    /// Its content, its change-set's header or its hash was changed.
    Edited,
    /// It does not follow the row before it: rows between were removed (ids missing).
    Missing { after: i64 },
    /// It has no hash at all (written outside xingfu).
    Unhashed,
}

impl ChainCheck {
    pub fn is_whole(&self) -> bool {
        self.broken.is_none()
    }
}

/// The short form of a head hash written in a paper ledger: the row and the first 16 hex
/// characters of its hash in groups of four (`#1234 a1b2 c3d4 e5f6 a7b8`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub row: i64,
    pub at: String,
    pub hash: String,
}

impl Seal {
    /// `#1234 a1b2 c3d4 e5f6 a7b8`.
    pub fn short(&self) -> String {
        let short: Vec<&str> = (0..4).filter_map(|i| self.hash.get(i * 4..i * 4 + 4)).collect();
        format!("#{} {}", self.row, short.join(" "))
    }

    /// Reads a seal as written down: `#1234 a1b2 c3d4 e5f6 a7b8`, `1234:a1b2c3d4…`, any
    /// case and spacing; at least 8 hex characters of the hash.
    pub fn parse(text: &str) -> Option<(i64, String)> {
        let text = text.trim().trim_start_matches('#');
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let row: i64 = text[..split].parse().ok()?;
        let hash: String = text[split..]
            .chars()
            .filter(|c| !matches!(c, ' ' | ':' | '-' | '\u{3000}'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        (hash.len() >= 8 && hash.len() <= 64 && hash.chars().all(|c| c.is_ascii_hexdigit())).then_some((row, hash))
    }
}

impl Store {
    /// Checks every row of the audit log against the chain; never changes anything.
    pub fn verify_chain(&self) -> DbResult<ChainCheck> {
        let mut check = ChainCheck { rows: 0, started: None, broken: None };
        let mut prev = GENESIS.to_string();
        let mut prev_id = 0;
        each_row(&self.conn, |row| {
            check.rows += 1;
            let e = &row.entry;
            if e.action == super::audit::CHAIN_START {
                let hashed = e
                    .after
                    .as_deref()
                    .and_then(|a| serde_json::from_str::<serde_json::Value>(a).ok())
                    .and_then(|v| v["earlier_rows"].as_u64())
                    .unwrap_or(0);
                check.started = Some((e.id, e.at.clone(), hashed));
            }
            let expected = hash(&prev, &row.content(), row.set.as_ref());
            let why = match &row.stored {
                None => Some(ChainBreak::Unhashed),
                Some(h) if *h == expected => None,
                // Removed rows: the row would hold after the row before the gap.
                Some(_) if e.id != prev_id + 1 && prev_id > 0 => Some(ChainBreak::Missing { after: prev_id }),
                Some(_) => Some(ChainBreak::Edited),
            };
            if let Some(why) = why {
                check.broken = Some((e.id, why));
                return Ok(false);
            }
            prev = expected;
            prev_id = e.id;
            Ok(true)
        })?;
        Ok(check)
    }

    /// The head of the chain, to seal (none on an empty log).
    pub fn seal(&self) -> DbResult<Option<Seal>> {
        Ok(self
            .conn
            .query_row("SELECT id, at, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
                Ok(Seal { row: r.get(0)?, at: r.get(1)?, hash: r.get::<_, Option<String>>(2)?.unwrap_or_default() })
            })
            .optional()?)
    }

    /// The stored hash of row `id`, for comparing with a seal written down earlier.
    pub fn hash_of(&self, id: i64) -> DbResult<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT hash FROM audit WHERE id = ?1", [id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> RowContent<'static> {
        RowContent {
            id,
            at: "2026-11-29T10:00:00+08:00",
            operator: "王芳",
            action: "update",
            kind: "donations",
            code: Some("D1"),
            before: Some("{}"),
            after: None,
            change_set: Some(3),
        }
    }

    #[test]
    fn every_field_and_the_previous_hash_count() {
        let base = hash(GENESIS, &row(1), None);
        assert_eq!(base.len(), 64);
        assert_ne!(base, hash(&base, &row(1), None), "the previous hash is covered");
        assert_ne!(base, hash(GENESIS, &RowContent { after: Some(""), ..row(1) }, None), "NULL is not empty");
        assert_ne!(base, hash(GENESIS, &RowContent { operator: "王", ..row(1) }, None));
        let set = SetHeader { id: 3, at: "x".into(), operator: "王芳".into(), kind: "single".into(), reverts: None };
        assert_ne!(base, hash(GENESIS, &row(1), Some(&set)), "the change-set header is covered");
        // Lengths keep fields apart: moving a character from one field to the next differs.
        let a = RowContent { action: "ab", kind: "c", ..row(1) };
        let b = RowContent { action: "a", kind: "bc", ..row(1) };
        assert_ne!(hash(GENESIS, &a, None), hash(GENESIS, &b, None));
    }

    #[test]
    fn a_seal_is_short_and_reads_back() {
        let seal = Seal { row: 1234, at: String::new(), hash: "a1b2c3d4e5f6a7b8ffff".into() };
        assert_eq!(seal.short(), "#1234 a1b2 c3d4 e5f6 a7b8");
        assert_eq!(Seal::parse(&seal.short()), Some((1234, "a1b2c3d4e5f6a7b8".to_string())));
        assert_eq!(Seal::parse("1234:A1B2-C3D4"), Some((1234, "a1b2c3d4".to_string())));
        assert_eq!(Seal::parse("#12 xyz"), None);
        assert_eq!(Seal::parse("a1b2c3d4"), None);
    }
}
