//! Opening files: migrations from an empty file, and refusing, untouched, files that are
//! not SQLite, belong to another program, or come from a newer xingfu.

mod common;

use std::path::Path;

use common::*;
use rusqlite::Connection;
use xingfu::db::schema::{APPLICATION_ID, LATEST};
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::{Disbursement, Money, Rule};

fn open(path: &Path, mode: OpenMode) -> Result<Store, DbError> {
    Store::open(path, mode, "t")
}

#[test]
fn a_new_file_is_migrated_to_the_latest_schema() {
    let db = TempDb::new();
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    drop(store);
    let raw = Connection::open(&db.path).unwrap();
    let app: i32 = raw.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app, APPLICATION_ID);
    let tables: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in ["audit", "disbursements", "donations", "donors", "projects", "shifts", "villages", "volunteers"] {
        assert!(tables.contains(&t.to_string()), "{t} missing from {tables:?}");
    }
    // STRICT tables refuse a value of the wrong type; money is INTEGER fen.
    let strict = raw.execute(
        "INSERT INTO villages(code, name, town, county, status, search_key, households) \
         VALUES ('1', 'a', 'b', 'c', 'active', '', 'many')",
        [],
    );
    assert!(strict.is_err());
    let sql: String =
        raw.query_row("SELECT sql FROM sqlite_schema WHERE name = 'donations'", [], |r| r.get(0)).unwrap();
    assert!(sql.contains("amount_fen   INTEGER NOT NULL"), "{sql}");
    // Reopening is a no-op.
    drop(raw);
    assert_eq!(db.open().schema_version().unwrap(), LATEST);
}

#[test]
fn an_empty_file_becomes_a_database() {
    let db = TempDb::new();
    std::fs::write(&db.path, b"").unwrap();
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
}

#[test]
fn a_missing_file_is_not_created_unless_asked() {
    let db = TempDb::new();
    assert!(matches!(open(&db.path, OpenMode::Existing), Err(DbError::Missing(_))));
    assert!(matches!(open(&db.path, OpenMode::ReadOnly), Err(DbError::Missing(_))));
    assert!(!db.path.exists());
}

fn assert_refused_untouched(path: &Path, expect: fn(&DbError) -> bool) {
    let before = std::fs::read(path).unwrap();
    for mode in [OpenMode::Create, OpenMode::Existing, OpenMode::ReadOnly] {
        match open(path, mode) {
            Err(e) => {
                assert!(expect(&e), "unexpected error {e:?}");
                assert!(!e.is_rejection(), "an unusable database is exit code 3");
                assert!(!e.message(xingfu::domain::Lang::Zh).is_empty());
            }
            Ok(_) => panic!("{} was opened in {mode:?}", path.display()),
        }
    }
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists(), "a WAL was created beside a refused file");
}

#[test]
fn refuses_a_file_that_is_not_sqlite() {
    let db = TempDb::new();
    std::fs::write(&db.path, "村社编码,村社名称\n320904104209,众心村委会\n".repeat(20)).unwrap();
    assert_refused_untouched(&db.path, |e| matches!(e, DbError::NotSqlite(_)));
    std::fs::write(&db.path, b"SQLite").unwrap();
    assert_refused_untouched(&db.path, |e| matches!(e, DbError::NotSqlite(_)));
}

#[test]
fn refuses_another_programs_database() {
    let db = TempDb::new();
    {
        let c = Connection::open(&db.path).unwrap();
        c.execute_batch(
            "CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts(name) VALUES ('x');",
        )
        .unwrap();
    }
    assert_refused_untouched(&db.path, |e| matches!(e, DbError::Foreign(_)));

    let other = db.dir.path().join("other.db");
    {
        let c = Connection::open(&other).unwrap();
        c.pragma_update(None, "application_id", 0x1234_5678).unwrap();
        c.execute_batch("CREATE TABLE t(x);").unwrap();
    }
    assert_refused_untouched(&other, |e| matches!(e, DbError::Foreign(_)));
}

#[test]
fn refuses_a_database_from_a_newer_xingfu() {
    let db = TempDb::new();
    drop(db.open());
    {
        let c = Connection::open(&db.path).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        c.pragma_update(None, "user_version", LATEST + 1).unwrap();
    }
    assert_refused_untouched(&db.path, |e| matches!(e, DbError::TooNew { found, .. } if *found == LATEST + 1));
    let msg = open(&db.path, OpenMode::Existing).err().unwrap().message(xingfu::domain::Lang::Zh);
    assert!(msg.contains("更新版本"), "{msg}");
}

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let db = TempDb::new();
    {
        let mut raw = Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut raw, 1).unwrap();
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES ('P1', 1, '助学', 'education', 100, '2024-01-01', 'fundraising', '');
             INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching)
                 VALUES ('D1', 1, 'individual', 150, '2024-05-10', 'online', 0), ('D2', 1, 'individual', 250, '2024-05-20', 'online', 1),
                        ('D3', 1, 'individual', 99, '2024-06-01', 'online', 0);",
        )
        .unwrap();
        let v: i64 = raw.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    let months = store.donations_by_month(date("2024-01-01")).unwrap();
    assert_eq!(months, vec![("2024-05".to_string(), 400), ("2024-06".to_string(), 99)]);
    assert!(store.health().unwrap().is_healthy());
    assert_eq!(store.project_figures("P1").unwrap().unwrap().raised_matching, Money::from_fen(250));
}

#[test]
fn version_3_moves_the_disbursement_limit_into_a_trigger_and_keeps_the_data() {
    let db = TempDb::new();
    {
        let mut raw = Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut raw, 2).unwrap();
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES ('P1', 1, '助学', 'education', 100, '2024-01-01', 'fundraising', '');
             INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching)
                 VALUES ('D1', 1, 'individual', 500, '2024-05-10', 'online', 0);
             INSERT INTO disbursements(ref, project_id, amount_fen, paid_on, payee, purpose)
                 VALUES ('B1', 1, 400, '2024-06-01', '张三', '医疗');",
        )
        .unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(store.health().unwrap().is_healthy(), "{:?}", store.health().unwrap());
    let p = store.project_figures("P1").unwrap().unwrap();
    assert_eq!((p.raised, p.disbursed), (Money::from_fen(500), Money::from_fen(400)));
    // The limit still holds outside a batch, now through the trigger.
    let over = Disbursement {
        disbursement_ref: "B2".into(),
        project_code: "P1".into(),
        amount: Money::from_fen(101),
        paid_on: date("2024-06-02"),
        payee: "李四".into(),
        purpose: "医疗".into(),
        ..Disbursement::default()
    };
    let e = store.insert(&over).unwrap_err();
    assert!(matches!(e, DbError::Rejected { rule: Rule::Overdisbursed { .. }, .. }), "{e:?}");
    store.insert(&Disbursement { amount: Money::from_fen(100), ..over }).unwrap();
    let sql: String = Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT sql FROM sqlite_schema WHERE name = 'projects'", [], |r| r.get(0))
        .unwrap();
    assert!(!sql.contains("disbursed_within_raised"), "{sql}");
}

#[test]
fn version_4_rewrites_the_in_checks_as_equality_chains_and_keeps_the_data_and_the_rules() {
    let db = TempDb::new();
    {
        let mut raw = Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut raw, 3).unwrap();
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES ('P1', 1, '助学', 'education', 100, '2024-01-01', 'fundraising', '');
             INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching)
                 VALUES ('D1', 1, 'company', 500, '2024-05-10', 'bank', 1);
             INSERT INTO volunteers(code, name, village_id, gender, status, search_key)
                 VALUES ('V1', '王芳', 1, NULL, 'active', '');
             INSERT INTO shifts(ref, volunteer_id, shift_date, hours_tenths, activity, status)
                 VALUES ('S1', 1, '2024-05-10', 25, '探访', 'served');",
        )
        .unwrap();
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(store.health().unwrap().is_healthy(), "{:?}", store.health().unwrap());
    assert_eq!(store.project_figures("P1").unwrap().unwrap().raised_matching, Money::from_fen(500));
    drop(store);
    let raw = Connection::open(&db.path).unwrap();
    let mut stmt = raw.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").unwrap();
    let tables: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (name, sql) in &tables {
        assert!(!sql.contains(" IN ("), "{name}: {sql}");
    }
    let donations = &tables.iter().find(|(n, _)| n == "donations").unwrap().1;
    assert!(donations.contains("CHECK (channel = 'online' OR channel = 'bank'"), "{donations}");
    // The rules are the same: a value outside the list is refused, a NULL gender passes.
    let bad = [
        "UPDATE donations SET donor_type = 'friend' WHERE ref = 'D1'",
        "UPDATE donations SET channel = 'paypal' WHERE ref = 'D1'",
        "UPDATE donations SET matching = 2 WHERE ref = 'D1'",
        "UPDATE villages SET status = 'closed' WHERE id = 1",
        "UPDATE projects SET category = 'sports' WHERE id = 1",
        "UPDATE volunteers SET gender = 'x' WHERE id = 1",
        "UPDATE shifts SET status = 'late' WHERE id = 1",
    ];
    for sql in bad {
        assert!(raw.execute(sql, []).is_err(), "{sql} was accepted");
    }
    raw.execute("UPDATE volunteers SET gender = 'female' WHERE id = 1", []).unwrap();
    raw.execute("UPDATE volunteers SET gender = NULL WHERE id = 1", []).unwrap();
    let check: String = raw.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn versions_5_and_6_add_carry_overs_disclosures_and_the_new_channels_keeping_the_data() {
    let db = TempDb::new();
    {
        let mut raw = Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut raw, 4).unwrap();
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES ('P1', 1, '助学', 'education', 100, '2024-01-01', 'completed', ''),
                        ('P2', 1, '助学2', 'education', 100, '2025-01-01', 'fundraising', '');
             INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching)
                 VALUES ('D1', 1, 'company', 500, '2024-05-10', 'bank', 0);",
        )
        .unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(store.health().unwrap().is_healthy());
    // The old donation stands; the new channels and a carry-over of its money are accepted.
    let d = xingfu::domain::Donation {
        donation_ref: "D2".into(),
        project_code: "P2".into(),
        amount: Money::from_fen(100),
        donated_on: chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        channel: xingfu::domain::Channel::Wechat,
        ..Default::default()
    };
    store.insert(&d).unwrap();
    store
        .insert(&xingfu::domain::Donation { donation_ref: "D3".into(), channel: xingfu::domain::Channel::Alipay, ..d })
        .unwrap();
    store
        .insert(&xingfu::domain::CarryOver {
            transfer_ref: "C1".into(),
            from_project: "P1".into(),
            to_project: "P2".into(),
            amount: Money::from_fen(500),
            transferred_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 5).unwrap(),
            reason: "结余转入".into(),
            ..Default::default()
        })
        .unwrap();
    let p1 = store.project_figures("P1").unwrap().unwrap();
    assert_eq!((p1.raised, p1.carried_out, p1.balance), (Money::from_fen(500), Money::from_fen(500), Money::ZERO));
    assert_eq!(store.project_figures("P2").unwrap().unwrap().balance, Money::from_fen(700));
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn version_7_adds_platform_links_that_follow_their_project_and_keeps_the_data() {
    let db = TempDb::new();
    {
        let mut raw = Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut raw, 6).unwrap();
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key) VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '');
             INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES ('P1', 1, '助学', 'education', 100, '2024-01-01', 'fundraising', ''),
                        ('P2', 1, '助老', 'elderly', 100, '2024-01-01', 'fundraising', '');
             INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching)
                 VALUES ('D1', 1, 'individual', 500, '2024-05-10', 'wechat', 0);",
        )
        .unwrap();
    }
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(store.project_figures("P1").unwrap().unwrap().raised, Money::from_fen(500));
    store.link_platform("237449", "P1", Some("为乡村孩子修图书角")).unwrap();
    store.link_platform("237450", "P2", None).unwrap();
    // A second answer replaces the first; an unknown project is refused.
    store.link_platform("237449", "P2", None).unwrap();
    assert!(matches!(store.link_platform("1", "NOPE", None), Err(DbError::NotFound { .. })));
    let links = store.platform_links().unwrap();
    assert_eq!(links.len(), 2);
    assert_eq!((links[0].project_code.as_str(), links[0].label.as_deref()), ("P2", Some("为乡村孩子修图书角")));
    assert_eq!(store.audit_log(1).unwrap()[0].action, "link");
    assert!(store.unlink_platform("237450").unwrap());
    assert!(!store.unlink_platform("237450").unwrap());
    // A deleted project takes its links with it.
    store.delete::<xingfu::domain::Project>("P2").unwrap();
    assert!(store.platform_links().unwrap().is_empty());
    assert!(store.health().unwrap().is_healthy());
}

/// A database at schema version 9 holding `sql`'s rows, before the offices migration.
fn before_offices(sql: &str) -> TempDb {
    let db = TempDb::new();
    let mut raw = Connection::open(&db.path).unwrap();
    xingfu::db::schema::migrate_to(&mut raw, 9).unwrap();
    raw.execute_batch(sql).unwrap();
    db
}

#[test]
fn version_10_names_the_office_and_keys_codes_by_office_keeping_the_data_and_its_integrity() {
    let db = before_offices(
        "INSERT INTO villages(code, name, town, county, status, search_key) VALUES
             ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', ''),
             ('320904110222', '长坍村委会', '新丰镇', '大丰区', 'active', '');
         INSERT INTO projects(code, village_id, title, category, target_fen, start_date, status, search_key)
             VALUES ('P1', 1, '助学', 'education', 100000, '2024-01-01', 'fundraising', '');
         INSERT INTO donations(ref, project_id, donor_type, amount_fen, donated_on, channel, matching, receipt_code, receipt_no)
             VALUES ('D1', 1, 'company', 500, '2024-05-10', 'bank', 0, 'R', '1');
         INSERT INTO disbursements(ref, project_id, amount_fen, paid_on, payee, purpose)
             VALUES ('B1', 1, 300, '2024-06-01', '学校', '助学金');",
    );
    let mut store = db.open();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(store.health().unwrap().is_healthy());
    // Every village names 大丰区: the office is taken from them.
    let office = store.office().unwrap().expect("an office");
    assert_eq!((office.code.to_string(), office.name.as_str()), ("320904".to_string(), "大丰区"));
    {
        let raw = Connection::open(&db.path).unwrap();
        let check: String = raw.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
        // No record table keeps an automatic index; each has its key by (office, code).
        let autos: i64 = raw
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_%' AND tbl_name IN \
                 ('villages', 'projects', 'donations', 'disbursements', 'volunteers', 'shifts', 'carry_overs', \
                  'disclosures')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(autos, 0);
        let keys: i64 = raw
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE '%\\_key' ESCAPE '\\'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(keys, 8);
        // Another office may hold the same codes; the same office may not.
        raw.execute_batch(
            "INSERT INTO villages(code, name, town, county, status, search_key, office)
                 VALUES ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', '', 320981)",
        )
        .unwrap();
        assert!(
            raw.execute_batch(
                "INSERT INTO villages(code, name, town, county, status, search_key)
                     VALUES ('320904104209', 'x', 'x', 'x', 'pilot', '')"
            )
            .is_err()
        );
        raw.execute_batch("DELETE FROM villages WHERE office = 320981").unwrap();
    }
    // The old records stand and the rules still hold: a code taken, a receipt taken,
    // the disbursement limit.
    assert_eq!(store.project_figures("P1").unwrap().unwrap().balance, Money::from_fen(200));
    let d = xingfu::domain::Donation {
        donation_ref: "D1".into(),
        project_code: "P1".into(),
        amount: Money::from_fen(100),
        donated_on: chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
        ..Default::default()
    };
    assert!(store.insert(&d).is_err());
    let receipt = xingfu::domain::Donation {
        donation_ref: "D2".into(),
        receipt_code: Some("R".into()),
        receipt_no: Some("1".into()),
        ..d.clone()
    };
    assert!(store.insert(&receipt).is_err());
    store.insert(&xingfu::domain::Donation { donation_ref: "D2".into(), ..d }).unwrap();
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn version_10_leaves_the_office_unnamed_when_the_villages_do_not_agree() {
    let db = before_offices(
        "INSERT INTO villages(code, name, town, county, status, search_key) VALUES
             ('320904104209', '众心村委会', '西团镇', '大丰区', 'pilot', ''),
             ('V0001', '自编村', '某镇', '某县', 'active', '');",
    );
    let store = db.open();
    assert_eq!(store.office().unwrap(), None);
}
