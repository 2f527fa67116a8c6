//! Nothing lost: batch serials that never clash, totals that never wrap, limits checked on
//! an import's final state, saves that notice someone else's save, and an error copy that
//! never lands on its own input. Each test reproduces an attack that once lost data.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, ImportReport, import, write_error_copy};
use xingfu::ops::records::Record;
use xingfu::template::Issue;
use xingfu::tui::batch::BatchEntry;

fn run(store: &mut Store, paths: &[PathBuf], opts: ImportOptions) -> ImportReport {
    import(store, paths, opts, &mut |_| {}).expect("import ran")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write file");
    p
}

const DONATIONS: &str = "捐赠流水号,项目编号,捐赠人,捐赠金额（元）,捐赠日期\n";
const DISBURSEMENTS: &str = "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\n";

/// A batch of `n` slips of ¥100 for ZX-2024-01, checked as the console does.
fn slips(n: usize) -> Vec<Donation> {
    let mut b = BatchEntry::new(Some(("ZX-2024-01".into(), "众心村助学项目".into())), "2026-11-29");
    b.rows.clear();
    for i in 0..n {
        use tui_input::Input;
        // Donor, amount, date and channel; the other columns of a slip left empty.
        let mut row: [Input; xingfu::tui::batch::WIDTH] = Default::default();
        row[0] = Input::new(format!("捐赠人{i}"));
        row[1] = Input::new("100".into());
        row[2] = Input::new("2026-11-29".into());
        row[3] = Input::new("现金".into());
        b.rows.push(row);
    }
    b.errors = vec![None; n];
    b.check("20261129", Lang::Zh).expect("valid slips")
}

/// Every row of every table, as text: equal fingerprints mean nothing was written.
fn fingerprint(db: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let cells: Vec<String> =
                (0..n).map(|i| format!("{:?}", row.get_ref(i).expect("cell").data_type())).collect();
            let values: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).expect("cell") {
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Text(v) => String::from_utf8_lossy(v).into_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            out.push_str(&format!("{t}|{}|{}\n", cells.join(","), values.join("|")));
        }
    }
    out
}

fn donation_count(store: &Store) -> i64 {
    store.summary().expect("summary").donations
}

#[test]
fn batches_saved_in_the_same_second_keep_every_slip() {
    let db = TempDb::new();
    seed(&mut db.open());
    // Two consoles on one file, and one of them saving twice, all within one second.
    let mut a = db.open();
    let mut b = Store::open(&db.path, OpenMode::Existing, "另一台电脑").expect("second console");
    let before = donation_count(&a);
    let first = xingfu::ops::batch::save_donations(&mut a, &slips(3), "20261129").expect("first batch");
    let second = xingfu::ops::batch::save_donations(&mut b, &slips(2), "20261129").expect("second batch");
    let third = xingfu::ops::batch::save_donations(&mut a, &slips(2), "20261129").expect("third batch");
    assert_eq!(donation_count(&a), before + 7, "every slip of every batch is stored");
    let mut all: Vec<String> = first.iter().chain(&second).chain(&third).cloned().collect();
    assert_eq!(all[..3], ["LR20261129-0001", "LR20261129-0002", "LR20261129-0003"]);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 7, "serials are unique");
    // The audit log names each serial once.
    let audit = a.audit_log(100).expect("audit");
    let named: usize = audit.iter().filter_map(|e| e.after.as_deref()).map(|t| t.matches("LR20261129-").count()).sum();
    assert_eq!(named, 7, "{audit:?}");
}

#[test]
fn batch_serials_continue_after_the_highest_of_the_day() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    // A serial of the same day that sorts after the others, entered by hand.
    store.insert(&donation("LR20261129-0001", "ZX-2024-01", Some("手工"), "1", false)).expect("donation");
    let before = donation_count(&store);
    // Draws after the highest serial of the day: no clash.
    let refs = xingfu::ops::batch::save_donations(&mut store, &slips(1), "20261129").expect("batch");
    assert_eq!(refs, ["LR20261129-0002"]);
    assert_eq!(donation_count(&store), before + 1);
}

#[test]
fn donation_totals_that_would_pass_the_limit_are_refused_not_wrapped() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let dir = tempfile::tempdir().expect("dir");
    // Each amount is the largest allowed; together they pass what a project may hold.
    let mut text = DONATIONS.to_string();
    for i in 0..3 {
        text.push_str(&format!("BIG-{i},ZX-2024-02,某公司,1000000000000,2024-05-10\n"));
    }
    let file = write(dir.path(), "捐赠.csv", &text);
    let before = fingerprint(&db.path);
    let report = run(&mut store, &[file], ImportOptions::default());
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].issue, Issue::Rule(Rule::TotalTooLarge { project: "ZX-2024-02".into() }));
    assert!(errors[0].message(Lang::Zh).contains("上限"), "{}", errors[0].message(Lang::Zh));
    assert!(!report.written);
    assert_eq!(store.project_figures("ZX-2024-02").expect("figures").expect("project").raised, yuan("500"));
    drop(store);
    assert!(fingerprint(&db.path) == before, "nothing written");
    assert!(Store::open(&db.path, OpenMode::ReadOnly, "").expect("open").health().expect("health").is_healthy());
}

#[test]
fn a_single_donation_past_the_project_limit_is_refused_with_the_reason() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    store.insert(&donation("BIG-1", "ZX-2024-02", None, "1000000000000", false)).expect_err("past the limit");
    store.insert(&donation("BIG-2", "ZX-2024-02", None, "999999999000", false)).expect("within the limit");
    let err = store.insert(&donation("BIG-3", "ZX-2024-02", None, "1000", false)).expect_err("past the limit");
    match err {
        DbError::Rejected { rule: Rule::TotalTooLarge { project }, .. } => assert_eq!(project, "ZX-2024-02"),
        other => panic!("{other:?}"),
    }
}

/// 众心村助学 has raised ¥61,088.88 (¥51,088.88 public + ¥10,000 matching) and disbursed
/// ¥20,000. The file lowers D0002 by ¥45,000 and adds ¥45,000 elsewhere: the final state
/// is within the limit whatever the row order.
#[test]
fn an_import_is_checked_on_its_final_state_not_row_by_row() {
    for rows in [
        ["D0002,ZX-2024-01,盐城某某公司,5000,2024-05-10", "NEW-1,ZX-2024-01,王海燕,45000,2024-05-11"],
        ["NEW-1,ZX-2024-01,王海燕,45000,2024-05-11", "D0002,ZX-2024-01,盐城某某公司,5000,2024-05-10"],
    ] {
        let db = TempDb::new();
        let mut store = db.open();
        seed(&mut store);
        store.insert(&disbursement("B0002", "ZX-2024-01", "40000")).expect("disbursement");
        let dir = tempfile::tempdir().expect("dir");
        let file = write(dir.path(), "捐赠.csv", &format!("{DONATIONS}{}\n{}\n", rows[0], rows[1]));
        let report = run(&mut store, &[file], ImportOptions { update: true, ..ImportOptions::default() });
        assert_eq!(report.errors().count(), 0, "{:?}", report.problems);
        assert!(report.written);
        let p = store.project_figures("ZX-2024-01").expect("figures").expect("project");
        assert_eq!((p.raised, p.disbursed), (yuan("61088.88"), yuan("60000")));
    }
}

#[test]
fn an_import_whose_final_state_overdisburses_is_refused_at_its_row() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let dir = tempfile::tempdir().expect("dir");
    // Two disbursements that fit one at a time but not together with the lowered gift.
    let d = write(dir.path(), "捐赠.csv", &format!("{DONATIONS}D0002,ZX-2024-01,盐城某某公司,5000,2024-05-10\n"));
    let b = write(
        dir.path(),
        "拨付.csv",
        &format!(
            "{DISBURSEMENTS}B-1,ZX-2024-01,10000,2024-06-02,张三家,医疗\nB-2,ZX-2024-01,10000,2024-06-03,李四家,医疗\n"
        ),
    );
    let before = fingerprint(&db.path);
    let report = run(&mut store, &[d, b], ImportOptions { update: true, ..ImportOptions::default() });
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("拨付.csv"), "{}", errors[0].file);
    assert_eq!(errors[0].row, Some(3));
    assert!(
        matches!(&errors[0].issue, Issue::Rule(Rule::ProjectOverdisbursed { project, disbursed_fen: 4_000_000, .. }) if project == "ZX-2024-01"),
        "{:?}",
        errors[0].issue
    );
    assert!(errors[0].message(Lang::Zh).contains("拨付合计"), "{}", errors[0].message(Lang::Zh));
    drop(store);
    assert!(fingerprint(&db.path) == before, "nothing written");
}

#[test]
fn a_save_over_someone_elses_save_is_refused_with_both_values() {
    let db = TempDb::new();
    seed(&mut db.open());
    let mut a = db.open();
    let mut b = Store::open(&db.path, OpenMode::Existing, "乙").expect("second console");
    // A opens 众心村; B changes 户数 and saves; A changes the contact and saves.
    let seen = Record::load(&a, Kind::Village, ZHONGXIN).expect("load").expect("village");
    let Record::Village(mut theirs) = seen.clone() else { unreachable!() };
    theirs.households = Some(120);
    b.update(ZHONGXIN, &theirs).expect("B saves");
    let Record::Village(mut mine) = seen.clone() else { unreachable!() };
    mine.contact_name = Some("王主任".into());
    let err = Record::Village(mine.clone()).update(&mut a, ZHONGXIN, Some(&seen)).expect_err("refused");
    match &err {
        DbError::Changed { kind: Kind::Village, code, fields } => {
            assert_eq!(code, ZHONGXIN);
            assert_eq!(fields, &["households"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.message(Lang::Zh).contains("户数"), "{}", err.message(Lang::Zh));
    let stored = a.get::<Village>(ZHONGXIN).expect("get").expect("village");
    assert_eq!((stored.households, stored.contact_name.as_deref()), (Some(120), None), "B's save stands");
    // Saving again on top of what is stored now is a deliberate overwrite, and works.
    let now = Record::load(&a, Kind::Village, ZHONGXIN).expect("load").expect("village");
    Record::Village(Village { households: Some(120), ..mine }).update(&mut a, ZHONGXIN, Some(&now)).expect("saved");
    let stored = a.get::<Village>(ZHONGXIN).expect("get").expect("village");
    assert_eq!((stored.households, stored.contact_name.as_deref()), (Some(120), Some("王主任")));
}

#[test]
fn the_error_copy_never_overwrites_an_input_file() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let dir = tempfile::tempdir().expect("dir");
    // A village's file in GB18030, with one bad row: `import dir --errors dir`.
    let text = format!("{DONATIONS}G-1,ZX-2024-01,王海燕,100,2024-05-10\nG-2,ZX-2024-01,李四,-5,2024-05-10\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let input = dir.path().join("捐赠.csv");
    std::fs::write(&input, &bytes).expect("write");
    let report = run(&mut store, &[dir.path().to_path_buf()], ImportOptions::default());
    assert_eq!(report.errors().count(), 1);
    let written = write_error_copy(&report, dir.path(), Lang::Zh).expect("error copy");
    assert_eq!(std::fs::read(&input).expect("input"), bytes.as_ref(), "the input is untouched");
    let copy = std::fs::read_to_string(written.join("捐赠-错误.csv")).expect("copy beside it");
    assert!(copy.contains("金额不能为负数"), "{copy}");
    // The corrected copy sent again from the same folder is not overwritten either.
    let again = run(&mut store, &[written.join("捐赠-错误.csv")], ImportOptions::default());
    assert_eq!(again.errors().count(), 1);
    let before = std::fs::read(written.join("捐赠-错误.csv")).expect("copy");
    let second = write_error_copy(&again, dir.path(), Lang::Zh).expect("error copy");
    assert_eq!(std::fs::read(written.join("捐赠-错误.csv")).expect("copy"), before);
    assert!(second.join("捐赠-错误-错误.csv").exists());
    // An XLSX copy named like its input goes beside it.
    let x = dir.path().join("村里.xlsx");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/libreoffice/office.xlsx"), &x)
        .expect("copy fixture");
    let original = std::fs::read(&x).expect("xlsx");
    let mut report =
        run(&mut store, std::slice::from_ref(&x), ImportOptions { dry_run: true, ..ImportOptions::default() });
    report.problems.clear();
    let out = write_error_copy(&report, &x, Lang::Zh).expect("error copy");
    assert_eq!(out, x.with_file_name("村里-错误.xlsx"));
    assert_eq!(std::fs::read(&x).expect("xlsx"), original);
}

/// The console and its import worker are two connections of one process. Opening the
/// second once read the file's header through a handle of its own, and closing that handle
/// dropped the first connection's lock: the second, closing, then believed it was the last,
/// checked the WAL in and deleted it under the first, whose next save was lost or refused.
#[test]
fn a_second_connection_of_the_same_process_never_deletes_the_first_ones_journal() {
    let db = TempDb::new();
    let mut console = db.open();
    seed(&mut console);
    for i in 0..3 {
        let worker = Store::open(&db.path, OpenMode::Existing, "导入").expect("worker");
        drop(worker);
        console
            .insert(&donation(&format!("AFTER-{i}"), "ZX-2024-01", Some("王海燕"), "10", false))
            .expect("the console still saves");
    }
    drop(console);
    let fresh = Store::open(&db.path, OpenMode::ReadOnly, "").expect("reopen");
    for i in 0..3 {
        assert!(fresh.get::<Donation>(&format!("AFTER-{i}")).expect("get").is_some(), "AFTER-{i} kept");
    }
    assert!(fresh.health().expect("health").is_healthy());
}

/// An import killed at any moment (reading, checking, taking its backup, writing,
/// committing) leaves the database exactly as it was, healthy, and no half-made backup
/// that looks finished.
#[test]
fn an_import_killed_at_any_moment_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("数据 文件");
    std::fs::create_dir_all(&data).expect("dir");
    let files = xingfu::ops::scale::write(&data, 100_000, xingfu::ops::demo::SEED).expect("generate");
    let db = dir.path().join("县 办.db");
    let mut store = Store::open(&db, OpenMode::Create, "测试").expect("open");
    let report = run(&mut store, &files[..2], ImportOptions::default());
    assert!(report.written, "{:?}", report.problems.first());
    drop(store);
    let donations = data.join("捐赠.csv");
    let before = fingerprint(&db);
    for delay_ms in [50u64, 400, 1000, 2000, 3000] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_xingfu"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&donations)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().expect("wait").is_some();
        let _ = child.kill();
        let _ = child.wait();
        if finished {
            // A machine fast enough to finish first: the import committed whole.
            eprintln!("the import finished within {delay_ms} ms");
            break;
        }
        assert!(fingerprint(&db) == before, "killed after {delay_ms} ms: the database changed");
        let store = Store::open(&db, OpenMode::ReadOnly, "").expect("open");
        assert!(store.health().expect("health").is_healthy(), "killed after {delay_ms} ms");
        let backups = dir.path().join("backups");
        for entry in std::fs::read_dir(&backups).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                xingfu::db::verify_backup(&entry.path()).expect("every backup that looks finished is one");
            }
        }
    }
}

/// Enough of the largest gifts in one month to pass what a 64-bit total can hold: the
/// project's limit is reported at a row, never an integer overflow in the month totals.
#[test]
fn gifts_past_what_an_integer_holds_are_refused_at_a_row() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let dir = tempfile::tempdir().expect("dir");
    let mut text = String::from(DONATIONS);
    for i in 0..92_300 {
        text.push_str(&format!("M{i},ZX-2024-02,张三,1000000000000,2024-05-10\n"));
    }
    let file = write(dir.path(), "捐赠.csv", &text);
    let before = fingerprint(&db.path);
    let report = run(&mut store, &[file], ImportOptions::default());
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{:?}", errors.first());
    assert_eq!(errors[0].issue, Issue::Rule(Rule::TotalTooLarge { project: "ZX-2024-02".into() }));
    assert!(errors[0].row.is_some());
    drop(store);
    assert!(fingerprint(&db.path) == before, "nothing written");
}
