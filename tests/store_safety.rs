//! The store refuses, with a clear message, to write where a write would be lost or
//! could not happen: a journal file deleted under an open store, a read-only database,
//! another program holding the write lock.

mod common;

use common::*;
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::*;

fn xingfu() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("xingfu").expect("binary");
    c.env_remove("XINGFU_DB").env_remove("XINGFU_OPERATOR").env_remove("XINGFU_LANG");
    c
}

/// A donations sheet of the standard template with these rows.
fn donations_csv(rows: &[&str]) -> String {
    let mut s = String::from(
        "捐赠流水号,项目编号,捐赠人,捐赠人类型,联系电话,捐赠金额（元）,捐赠日期,捐赠渠道,配捐,票据代码,票据号码,备注\n",
    );
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn side(db: &std::path::Path, ext: &str) -> std::path::PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(ext);
    p.into()
}

/// Issue 14, item 6: the console holds the database open; someone deletes `x.db-wal` and
/// `x.db-shm`; an import in another process commits; the console saves again. Before the
/// fix the console wrote into its deleted journal and the import vanished.
#[cfg(unix)]
#[test]
fn deleted_wal_under_an_open_store_refuses_to_write_and_keeps_the_import() {
    let db = TempDb::new();
    seed(&mut db.open());
    let mut console = db.open();
    console.insert(&volunteer("V003", "孙三", ZHONGXIN)).unwrap();
    std::fs::remove_file(side(&db.path, "-wal")).unwrap();
    std::fs::remove_file(side(&db.path, "-shm")).unwrap();

    // The import runs in another process, as in the office.
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    xingfu().arg("--db").arg(&db.path).arg("import").arg(&csv).assert().success();

    let err = console.insert(&donation("D9002", "ZX-2024-01", Some("钱二"), "200", false)).unwrap_err();
    assert!(matches!(err, DbError::JournalReplaced(_)), "{err:?}");
    let msg = err.message(Lang::Zh);
    assert!(msg.contains("office.db-wal") || msg.contains("office.db-shm"), "{msg}");
    assert!(err.message(Lang::En).contains("reopen xingfu"), "{}", err.message(Lang::En));
    // The batch path is guarded as well.
    assert!(matches!(console.batch().err(), Some(DbError::JournalReplaced(_))));
    drop(console);

    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert!(store.get::<Donation>("D9001").unwrap().is_some(), "the committed import was lost");
    assert!(store.health().unwrap().is_healthy());
}

/// A store that checkpoints (journal mode DELETE) and one reopened by a training reset
/// keep writing normally: the guard follows the journal the store itself changed.
#[test]
fn a_store_keeps_writing_after_its_own_checkpoint() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    store.checkpoint().unwrap();
    store.insert(&donation("D9003", "ZX-2024-01", None, "1", false)).unwrap();
}

/// The same, when the console never writes again but is simply closed: closing must not
/// checkpoint its deleted journal and delete the import's new one.
#[cfg(unix)]
#[test]
fn deleted_wal_then_closing_the_console_keeps_the_import() {
    let db = TempDb::new();
    seed(&mut db.open());
    let mut console = db.open();
    console.insert(&volunteer("V003", "孙三", ZHONGXIN)).unwrap();
    std::fs::remove_file(side(&db.path, "-wal")).unwrap();
    std::fs::remove_file(side(&db.path, "-shm")).unwrap();
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    xingfu().arg("--db").arg(&db.path).arg("import").arg(&csv).assert().success();
    drop(console);
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert!(store.get::<Donation>("D9001").unwrap().is_some(), "the committed import was lost");
}

/// Issue 14, item 23: the loser of two simultaneous imports is told that another program
/// is writing, with the path, instead of a bare "database is locked".
#[test]
fn a_second_writer_is_told_another_program_is_writing() {
    let db = TempDb::new();
    seed(&mut db.open());
    let mut first = db.open();
    let mut second = db.open();
    let batch = first.batch().unwrap();
    let err = second.batch().err().expect("the second batch must wait and give up");
    assert!(matches!(err, DbError::Busy(_)), "{err:?}");
    let zh = err.message(Lang::Zh);
    assert!(zh.contains("另一个程序正在写入此数据库") && zh.contains("office.db"), "{zh}");
    assert!(err.message(Lang::En).contains("another program is writing"), "{}", err.message(Lang::En));
    let err = second.insert(&volunteer("V009", "周九", ZHONGXIN)).unwrap_err();
    assert!(matches!(err, DbError::Busy(_)), "{err:?}");
    drop(batch);
}
