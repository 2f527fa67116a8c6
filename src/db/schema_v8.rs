//! Version 8 (issue 13): donors with a record of their own, receipt books (票据簿) and
//! their voided numbers, volunteer certificates, and the optional 证件号码 of volunteers.
//!
//! Donors are made from the donations already stored by the rules an import follows
//! ([`super::donors`]): a donor code is new here, so each distinct (name, phone) is one
//! donor, and a name without a phone is one donor apart from those of the same name with
//! a phone. Anonymous gifts have none.

use rusqlite::Transaction;

use super::error::DbResult;
use crate::domain::{DonorKind, DonorType};

const V8: &str = r#"
CREATE TABLE donor_records (
    id    INTEGER PRIMARY KEY,
    code  TEXT UNIQUE CHECK (code IS NULL OR length(code) BETWEEN 1 AND 40),
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL CHECK (kind = 'person' OR kind = 'organisation'),
    phone TEXT
) STRICT;
CREATE INDEX donor_records_by_name ON donor_records(name, phone);

CREATE TABLE receipt_books (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    first_no    INTEGER NOT NULL CHECK (first_no >= 0),
    last_no     INTEGER NOT NULL,
    width       INTEGER NOT NULL CHECK (width BETWEEN 1 AND 20),
    received_on TEXT NOT NULL CHECK (received_on BETWEEN '1990-01-01' AND '2100-12-31'),
    CHECK (last_no >= first_no)
) STRICT;
CREATE INDEX receipt_books_by_code ON receipt_books(code, first_no);

CREATE TABLE receipt_voids (
    id           INTEGER PRIMARY KEY,
    book_id      INTEGER NOT NULL REFERENCES receipt_books(id),
    seq          INTEGER NOT NULL,
    voided_on    TEXT NOT NULL,
    reason       TEXT,
    -- The donation that held the number when it was voided, if one did.
    donation_ref TEXT,
    UNIQUE (book_id, seq)
) STRICT;

CREATE TABLE certificates (
    id           INTEGER PRIMARY KEY,
    serial       TEXT NOT NULL UNIQUE,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL CHECK (period_to >= period_from),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0),
    issued_on    TEXT NOT NULL,
    issuer       TEXT NOT NULL,
    operator     TEXT NOT NULL
) STRICT;
CREATE INDEX certificates_by_volunteer ON certificates(volunteer_id);

ALTER TABLE volunteers ADD COLUMN id_number TEXT;
ALTER TABLE donations ADD COLUMN donor_code TEXT;
-- Not declared a foreign key: an import inserts donors while the donations' indexes are
-- set aside and foreign keys deferred, and SQLite then scans the whole donations table for
-- each new donor (to settle deferred violations). `Store::health` checks the link instead.
ALTER TABLE donations ADD COLUMN donor_id INTEGER;
ALTER TABLE donations ADD COLUMN receipt_book_id INTEGER REFERENCES receipt_books(id);
ALTER TABLE donations ADD COLUMN receipt_seq INTEGER;
CREATE UNIQUE INDEX donations_receipt_seq ON donations(receipt_book_id, receipt_seq)
    WHERE receipt_book_id IS NOT NULL;
"#;

/// The index of a donor's gifts, made after the donors are linked (cheaper than keeping
/// it up to date row by row).
const DONOR_INDEX: &str = "CREATE INDEX donations_by_donor_id ON donations(donor_id, donated_on) \
    WHERE donor_id IS NOT NULL;";

pub(super) fn v8(tx: &Transaction<'_>) -> DbResult<()> {
    tx.execute_batch(V8)?;
    // One donor per distinct (name, phone), of the kind of their first gift.
    let mut insert = tx.prepare("INSERT INTO donor_records(name, kind, phone) VALUES (?1, ?2, ?3)")?;
    let mut stmt = tx.prepare(
        "SELECT donor_name, donor_phone, min(donor_type) FROM donations WHERE donor_name IS NOT NULL \
         GROUP BY donor_name, donor_phone",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let phone: Option<String> = r.get(1)?;
        let ty: String = r.get(2)?;
        let kind = DonorKind::of(DonorType::from_key(&ty).unwrap_or_default(), &name);
        insert.execute(rusqlite::params![name, kind.key(), phone])?;
    }
    drop(rows);
    tx.execute_batch(
        "UPDATE donations SET donor_id = (SELECT r.id FROM donor_records r \
             WHERE r.name = donations.donor_name AND r.phone IS donations.donor_phone) \
         WHERE donor_name IS NOT NULL;",
    )?;
    tx.execute_batch(DONOR_INDEX)?;
    Ok(())
}
