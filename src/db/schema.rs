//! The schema and its migrations, written by hand and applied on `user_version`.

use rusqlite::{Connection, Transaction};

use super::error::{DbError, DbResult};

/// `application_id` of every xingfu database ("XING").
pub const APPLICATION_ID: i32 = 0x5849_4E47;

/// One step of the schema's history.
enum Migration {
    Sql(&'static str),
    Code(fn(&Transaction<'_>) -> DbResult<()>),
    /// A step that writes to the audit log, as the operator who opened the file.
    Audited(fn(&Transaction<'_>, &str) -> DbResult<()>),
}

/// Each migration brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(V1),
    Migration::Sql(V2),
    Migration::Code(v3),
    Migration::Code(super::schema_v4::v4),
    Migration::Sql(V5),
    Migration::Code(v6),
    Migration::Sql(V7),
    Migration::Code(super::schema_v8::v8),
    Migration::Audited(super::schema_v9::v9),
    Migration::Code(super::schema_offices::offices),
];

/// The most a project may hold in donations, in fen (¥1,000,000,000,000, the same as the
/// largest single amount): running totals stay far from the 64-bit limit, and an import
/// that would pass it is refused instead of wrapping.
pub const MAX_PROJECT_TOTAL_FEN: i64 = 100_000_000_000_000;

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE villages (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
    name          TEXT NOT NULL,
    town          TEXT NOT NULL,
    county        TEXT NOT NULL,
    city          TEXT,
    contact_name  TEXT,
    contact_phone TEXT,
    households    INTEGER CHECK (households >= 0),
    population    INTEGER CHECK (population >= 0),
    joined_on     TEXT CHECK (joined_on BETWEEN '1990-01-01' AND '2100-12-31'),
    status        TEXT NOT NULL CHECK (status IN ('pilot','demonstration','active','paused')),
    note          TEXT,
    search_key    TEXT NOT NULL
) STRICT;
CREATE INDEX villages_by_name ON villages(name, id);
CREATE INDEX villages_by_town ON villages(town, code);

CREATE TABLE projects (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    village_id          INTEGER NOT NULL REFERENCES villages(id),
    title               TEXT NOT NULL,
    category            TEXT NOT NULL CHECK (category IN ('education','medical','hardship','elderly',
                            'disability','village_building','disaster_relief','other')),
    target_fen          INTEGER NOT NULL CHECK (target_fen BETWEEN 0 AND 100000000000000),
    start_date          TEXT NOT NULL CHECK (start_date BETWEEN '1990-01-01' AND '2100-12-31'),
    end_date            TEXT CHECK (end_date >= start_date AND end_date <= '2100-12-31'),
    status              TEXT NOT NULL CHECK (status IN ('preparing','fundraising','executing','completed','closed')),
    platform            TEXT,
    beneficiaries       INTEGER CHECK (beneficiaries >= 0),
    manager             TEXT,
    description         TEXT,
    search_key          TEXT NOT NULL,
    -- Kept by the triggers below: exact running totals, so figures never sum rows.
    raised_public_fen   INTEGER NOT NULL DEFAULT 0,
    raised_matching_fen INTEGER NOT NULL DEFAULT 0,
    donation_count      INTEGER NOT NULL DEFAULT 0,
    disbursed_fen       INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT disbursed_within_raised
        CHECK (disbursed_fen <= raised_public_fen + raised_matching_fen)
) STRICT;
CREATE INDEX projects_by_village ON projects(village_id, code);
CREATE INDEX projects_by_title ON projects(title, id);
CREATE INDEX projects_by_start ON projects(start_date, id);

CREATE TABLE donations (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    donor_name   TEXT,
    donor_type   TEXT NOT NULL CHECK (donor_type IN ('individual','native_villager','company','organisation','other')),
    donor_phone  TEXT,
    amount_fen   INTEGER NOT NULL CHECK (amount_fen BETWEEN 1 AND 100000000000000),
    donated_on   TEXT NOT NULL CHECK (donated_on BETWEEN '1990-01-01' AND '2100-12-31'),
    channel      TEXT NOT NULL CHECK (channel IN ('online','bank','cash','other')),
    matching     INTEGER NOT NULL CHECK (matching IN (0, 1)),
    receipt_code TEXT,
    receipt_no   TEXT,
    note         TEXT
) STRICT;
CREATE INDEX donations_by_project ON donations(project_id, donated_on, id);
CREATE INDEX donations_by_date ON donations(donated_on, id);
CREATE INDEX donations_by_donor ON donations(donor_name, donated_on);
CREATE UNIQUE INDEX donations_receipt ON donations(coalesce(receipt_code, ''), receipt_no)
    WHERE receipt_no IS NOT NULL;

-- Distinct donor names with their search keys, for lookup across all donations.
CREATE TABLE donors (
    name       TEXT PRIMARY KEY,
    search_key TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE disbursements (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
    project_id  INTEGER NOT NULL REFERENCES projects(id),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen BETWEEN 1 AND 100000000000000),
    paid_on     TEXT NOT NULL CHECK (paid_on BETWEEN '1990-01-01' AND '2100-12-31'),
    payee       TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    handled_by  TEXT,
    note        TEXT
) STRICT;
CREATE INDEX disbursements_by_project ON disbursements(project_id, paid_on, id);

CREATE TABLE volunteers (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name          TEXT NOT NULL,
    village_id    INTEGER NOT NULL REFERENCES villages(id),
    gender        TEXT CHECK (gender IN ('male','female')),
    phone         TEXT,
    skills        TEXT,
    registered_on TEXT CHECK (registered_on BETWEEN '1990-01-01' AND '2100-12-31'),
    status        TEXT NOT NULL CHECK (status IN ('active','paused','left')),
    search_key    TEXT NOT NULL,
    -- Kept by the triggers below: served hours in tenths.
    served_tenths INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX volunteers_by_village ON volunteers(village_id, name);

CREATE TABLE shifts (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
    volunteer_id INTEGER NOT NULL REFERENCES volunteers(id),
    shift_date   TEXT NOT NULL CHECK (shift_date BETWEEN '1990-01-01' AND '2100-12-31'),
    start_time   TEXT CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths BETWEEN 1 AND 240),
    activity     TEXT NOT NULL,
    project_id   INTEGER REFERENCES projects(id),
    status       TEXT NOT NULL CHECK (status IN ('scheduled','served','absent'))
) STRICT;
CREATE INDEX shifts_by_volunteer ON shifts(volunteer_id, shift_date);
CREATE INDEX shifts_by_date ON shifts(shift_date, id);
CREATE INDEX shifts_by_project ON shifts(project_id) WHERE project_id IS NOT NULL;

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    code     TEXT,
    before   TEXT,
    after    TEXT
) STRICT;
CREATE INDEX audit_by_record ON audit(kind, code, id);

CREATE TRIGGER donations_ai AFTER INSERT ON donations BEGIN
    UPDATE projects SET
        raised_public_fen   = raised_public_fen   + (NEW.amount_fen * (1 - NEW.matching)),
        raised_matching_fen = raised_matching_fen + (NEW.amount_fen * NEW.matching),
        donation_count      = donation_count + 1
    WHERE id = NEW.project_id;
END;
CREATE TRIGGER donations_ad AFTER DELETE ON donations BEGIN
    UPDATE projects SET
        raised_public_fen   = raised_public_fen   - (OLD.amount_fen * (1 - OLD.matching)),
        raised_matching_fen = raised_matching_fen - (OLD.amount_fen * OLD.matching),
        donation_count      = donation_count - 1
    WHERE id = OLD.project_id;
END;
CREATE TRIGGER donations_au AFTER UPDATE OF amount_fen, matching, project_id ON donations BEGIN
    UPDATE projects SET
        raised_public_fen   = raised_public_fen   + (NEW.amount_fen * (1 - NEW.matching)),
        raised_matching_fen = raised_matching_fen + (NEW.amount_fen * NEW.matching),
        donation_count      = donation_count + 1
    WHERE id = NEW.project_id;
    UPDATE projects SET
        raised_public_fen   = raised_public_fen   - (OLD.amount_fen * (1 - OLD.matching)),
        raised_matching_fen = raised_matching_fen - (OLD.amount_fen * OLD.matching),
        donation_count      = donation_count - 1
    WHERE id = OLD.project_id;
END;

CREATE TRIGGER disbursements_ai AFTER INSERT ON disbursements BEGIN
    UPDATE projects SET disbursed_fen = disbursed_fen + NEW.amount_fen WHERE id = NEW.project_id;
END;
CREATE TRIGGER disbursements_ad AFTER DELETE ON disbursements BEGIN
    UPDATE projects SET disbursed_fen = disbursed_fen - OLD.amount_fen WHERE id = OLD.project_id;
END;
CREATE TRIGGER disbursements_au AFTER UPDATE OF amount_fen, project_id ON disbursements BEGIN
    UPDATE projects SET disbursed_fen = disbursed_fen - OLD.amount_fen WHERE id = OLD.project_id;
    UPDATE projects SET disbursed_fen = disbursed_fen + NEW.amount_fen WHERE id = NEW.project_id;
END;

CREATE TRIGGER shifts_ai AFTER INSERT ON shifts WHEN NEW.status = 'served' BEGIN
    UPDATE volunteers SET served_tenths = served_tenths + NEW.hours_tenths WHERE id = NEW.volunteer_id;
END;
CREATE TRIGGER shifts_ad AFTER DELETE ON shifts WHEN OLD.status = 'served' BEGIN
    UPDATE volunteers SET served_tenths = served_tenths - OLD.hours_tenths WHERE id = OLD.volunteer_id;
END;
CREATE TRIGGER shifts_au AFTER UPDATE OF hours_tenths, status, volunteer_id ON shifts BEGIN
    UPDATE volunteers SET served_tenths = served_tenths - OLD.hours_tenths
        WHERE id = OLD.volunteer_id AND OLD.status = 'served';
    UPDATE volunteers SET served_tenths = served_tenths + NEW.hours_tenths
        WHERE id = NEW.volunteer_id AND NEW.status = 'served';
END;
"#;

/// Version 2: donations per month kept by triggers, so the overview's chart never sums
/// a year of donations.
const V2: &str = r#"
CREATE TABLE donation_months (
    month     TEXT PRIMARY KEY,
    total_fen INTEGER NOT NULL,
    count     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO donation_months(month, total_fen, count)
    SELECT substr(donated_on, 1, 7), sum(amount_fen), count(*) FROM donations GROUP BY 1;
CREATE TRIGGER donation_months_ai AFTER INSERT ON donations BEGIN
    INSERT INTO donation_months(month, total_fen, count) VALUES (substr(NEW.donated_on, 1, 7), NEW.amount_fen, 1)
        ON CONFLICT(month) DO UPDATE SET total_fen = total_fen + excluded.total_fen, count = count + 1;
END;
CREATE TRIGGER donation_months_ad AFTER DELETE ON donations BEGIN
    UPDATE donation_months SET total_fen = total_fen - OLD.amount_fen, count = count - 1
        WHERE month = substr(OLD.donated_on, 1, 7);
END;
CREATE TRIGGER donation_months_au AFTER UPDATE OF amount_fen, donated_on ON donations BEGIN
    UPDATE donation_months SET total_fen = total_fen - OLD.amount_fen, count = count - 1
        WHERE month = substr(OLD.donated_on, 1, 7);
    INSERT INTO donation_months(month, total_fen, count) VALUES (substr(NEW.donated_on, 1, 7), NEW.amount_fen, 1)
        ON CONFLICT(month) DO UPDATE SET total_fen = total_fen + excluded.total_fen, count = count + 1;
END;
"#;

/// Version 3: the project limits become triggers, so that a batch (an import) can check
/// the disbursement limit once on its final state instead of row by row, and running
/// totals are bounded.
///
/// The `disbursed_within_raised` CHECK is removed from the stored table definition with
/// the procedure SQLite documents for dropping a CHECK constraint (edit `sqlite_schema`
/// with `writable_schema`, bump `schema_version`), which rewrites no row.
fn v3(tx: &Transaction<'_>) -> DbResult<()> {
    let sql: String =
        tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'projects'", [], |r| r.get(0))?;
    let without = sql.replace(V1_DISBURSED_CHECK, "");
    if without == sql {
        return Err(DbError::MigrationMismatch { version: 3, table: "projects", check: "disbursed_within_raised" });
    }
    rewrite_tables(tx, &[("projects", without)])?;
    tx.execute_batch(&V3.replace("{MAX}", &MAX_PROJECT_TOTAL_FEN.to_string()))?;
    Ok(())
}

/// Replaces the stored definitions of tables (name, new `CREATE TABLE` text) with the
/// procedure SQLite documents for changing a constraint without rewriting rows: edit
/// `sqlite_schema` under `writable_schema` and bump `schema_version`.
pub(super) fn rewrite_tables(tx: &Transaction<'_>, tables: &[(&str, String)]) -> DbResult<()> {
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    for (name, sql) in tables {
        tx.execute("UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2", [sql.as_str(), name])?;
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}

/// The CHECK that version 3 moves into a trigger, exactly as version 1 wrote it.
const V1_DISBURSED_CHECK: &str = ",\n    CONSTRAINT disbursed_within_raised\n        CHECK (disbursed_fen <= raised_public_fen + raised_matching_fen)";

const V3: &str = r#"
-- One row while a batch defers its limit checks to its end; only ever written inside the
-- batch's own transaction, so no other connection sees it.
CREATE TABLE deferred_checks (since TEXT NOT NULL) STRICT;
CREATE TRIGGER projects_total_limit AFTER UPDATE OF raised_public_fen, raised_matching_fen ON projects
    WHEN NEW.raised_public_fen + NEW.raised_matching_fen > {MAX}
BEGIN
    SELECT RAISE(ABORT, 'raised_within_limit');
END;
CREATE TRIGGER projects_disbursed_within_raised
    AFTER UPDATE OF raised_public_fen, raised_matching_fen, disbursed_fen ON projects
    WHEN NEW.disbursed_fen > NEW.raised_public_fen + NEW.raised_matching_fen
        AND NOT EXISTS (SELECT 1 FROM deferred_checks)
BEGIN
    SELECT RAISE(ABORT, 'disbursed_within_raised');
END;
"#;

/// Version 5 (template format version 2): carry-overs (结转) and disclosures (公示记录).
/// A project's balance is donations + carry-overs in − disbursements − carry-overs out,
/// never below zero: the running totals gain the carry-overs and the limit trigger takes
/// them in.
const V5: &str = r#"
ALTER TABLE projects ADD COLUMN carried_in_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN carried_out_fen INTEGER NOT NULL DEFAULT 0;

CREATE TABLE carry_overs (
    id              INTEGER PRIMARY KEY,
    ref             TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
    from_project_id INTEGER NOT NULL REFERENCES projects(id),
    to_project_id   INTEGER NOT NULL REFERENCES projects(id),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen BETWEEN 1 AND 100000000000000),
    transferred_on  TEXT NOT NULL CHECK (transferred_on BETWEEN '1990-01-01' AND '2100-12-31'),
    reason          TEXT NOT NULL,
    approved_by     TEXT,
    approval_ref    TEXT,
    note            TEXT,
    CHECK (from_project_id <> to_project_id)
) STRICT;
CREATE INDEX carry_overs_from ON carry_overs(from_project_id, transferred_on);
CREATE INDEX carry_overs_to ON carry_overs(to_project_id, transferred_on);

CREATE TABLE disclosures (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 1 AND 64),
    project_id   INTEGER NOT NULL REFERENCES projects(id),
    kind         TEXT NOT NULL CHECK (kind = 'periodic' OR kind = 'final' OR kind = 'fundraising' OR kind = 'other'),
    period_from  TEXT NOT NULL CHECK (period_from BETWEEN '1990-01-01' AND '2100-12-31'),
    period_to    TEXT NOT NULL CHECK (period_to >= period_from AND period_to <= '2100-12-31'),
    published_on TEXT NOT NULL CHECK (published_on BETWEEN '1990-01-01' AND '2100-12-31'),
    channel      TEXT NOT NULL CHECK (channel = 'notice_board' OR channel = 'charity_china' OR channel = 'website'
                     OR channel = 'wechat' OR channel = 'other'),
    note         TEXT
) STRICT;
CREATE INDEX disclosures_by_project ON disclosures(project_id, period_to);

CREATE TRIGGER carry_overs_ai AFTER INSERT ON carry_overs BEGIN
    UPDATE projects SET carried_out_fen = carried_out_fen + NEW.amount_fen WHERE id = NEW.from_project_id;
    UPDATE projects SET carried_in_fen = carried_in_fen + NEW.amount_fen WHERE id = NEW.to_project_id;
END;
CREATE TRIGGER carry_overs_ad AFTER DELETE ON carry_overs BEGIN
    UPDATE projects SET carried_in_fen = carried_in_fen - OLD.amount_fen WHERE id = OLD.to_project_id;
    UPDATE projects SET carried_out_fen = carried_out_fen - OLD.amount_fen WHERE id = OLD.from_project_id;
END;
CREATE TRIGGER carry_overs_au AFTER UPDATE OF amount_fen, from_project_id, to_project_id ON carry_overs BEGIN
    UPDATE projects SET carried_in_fen = carried_in_fen - OLD.amount_fen WHERE id = OLD.to_project_id;
    UPDATE projects SET carried_out_fen = carried_out_fen - OLD.amount_fen WHERE id = OLD.from_project_id;
    UPDATE projects SET carried_out_fen = carried_out_fen + NEW.amount_fen WHERE id = NEW.from_project_id;
    UPDATE projects SET carried_in_fen = carried_in_fen + NEW.amount_fen WHERE id = NEW.to_project_id;
END;

DROP TRIGGER projects_disbursed_within_raised;
CREATE TRIGGER projects_disbursed_within_raised
    AFTER UPDATE OF raised_public_fen, raised_matching_fen, disbursed_fen, carried_in_fen, carried_out_fen ON projects
    WHEN NEW.disbursed_fen + NEW.carried_out_fen > NEW.raised_public_fen + NEW.raised_matching_fen + NEW.carried_in_fen
        AND NOT EXISTS (SELECT 1 FROM deferred_checks)
BEGIN
    SELECT RAISE(ABORT, 'disbursed_within_raised');
END;
"#;

/// Version 6 (template format version 2): the donation channels 微信 (wechat) and 支付宝
/// (alipay), added to the channel check of the stored table definition.
fn v6(tx: &Transaction<'_>) -> DbResult<()> {
    const OLD: &str = "channel = 'other')";
    const NEW: &str = "channel = 'other' OR channel = 'wechat' OR channel = 'alipay')";
    let sql: String =
        tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'donations'", [], |r| r.get(0))?;
    if !sql.contains(OLD) {
        return Err(DbError::MigrationMismatch { version: 6, table: "donations", check: "channel" });
    }
    rewrite_tables(tx, &[("donations", sql.replacen(OLD, NEW, 1))])
}

/// Version 7: which project of this database each platform project id (a charity
/// platform's `pid`, a WeChat bill's 商品名称) stands for, as the operator answered it once
/// (`xingfu presets link`, or the console's question on a first import).
const V7: &str = r#"
CREATE TABLE platform_links (
    platform_id TEXT PRIMARY KEY CHECK (length(platform_id) BETWEEN 1 AND 200),
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    label       TEXT,
    linked_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX platform_links_by_project ON platform_links(project_id);
"#;

/// Applies the migrations after `current` up to `target` (tests build old versions with it).
pub fn migrate_to(conn: &mut Connection, target: i64) -> DbResult<()> {
    migrate_as(conn, target, "xingfu")
}

/// [`migrate_to`], naming `operator` in what a migration writes to the audit log (the
/// program's name when none is given).
pub fn migrate_as(conn: &mut Connection, target: i64, operator: &str) -> DbResult<()> {
    let operator = if operator.trim().is_empty() { "xingfu" } else { operator.trim() };
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current >= target {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(current as usize).take((target - current) as usize) {
        match step {
            Migration::Sql(sql) => tx.execute_batch(sql)?,
            Migration::Code(f) => f(&tx)?,
            Migration::Audited(f) => f(&tx, operator)?,
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// Brings the schema up to [`LATEST`], one migration per transaction step, and marks
/// the file as ours. The caller has already refused foreign and newer files.
pub fn migrate(conn: &mut Connection) -> DbResult<()> {
    migrate_to(conn, LATEST)
}
