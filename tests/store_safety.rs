//! The store refuses, with a clear message, to write where a write would be lost or
//! could not happen: a journal file deleted under an open store, a read-only database,
//! another program holding the write lock.

mod common;

use common::*;
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::*;

fn side(db: &std::path::Path, ext: &str) -> std::path::PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(ext);
    p.into()
}

/// Issue 14, item 6: the console holds the database open; someone deletes `x.db-wal` and
/// `x.db-shm`; an import in another process commits; the console saves again. Before the
/// fix the console wrote into its deleted journal and the import vanished.
/// Unix only: Windows refuses to delete a file SQLite holds open, so it cannot happen there.
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
/// checkpoint its deleted journal and delete the import's new one. Unix only, as above.
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

fn set_mode(path: &std::path::Path, read_only: bool) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_readonly(read_only);
    std::fs::set_permissions(path, perms).unwrap();
}

fn expect_not_writable(result: Result<Store, DbError>, file: &std::path::Path) {
    match result {
        Err(e @ DbError::NotWritable { .. }) => {
            let msg = e.message(Lang::Zh);
            assert!(msg.contains(&file.display().to_string()), "{msg}");
            assert!(msg.contains("只读"), "{msg}");
        }
        Err(other) => panic!("expected NotWritable naming {}, got {other:?}", file.display()),
        Ok(_) => panic!("a read-only {} was opened for writing", file.display()),
    }
}

/// Issue 14, item 8: a database whose file, or whose `-wal`/`-shm` left by another user,
/// is read-only is reported at once with the path and the reason. The check looks at the
/// permission bits, so it holds when the tests run as root (who could write anyway).
#[test]
fn a_read_only_database_is_reported_before_opening_for_writing() {
    let db = TempDb::new();
    seed(&mut db.open());
    set_mode(&db.path, true);
    expect_not_writable(Store::open(&db.path, OpenMode::Existing, ""), &db.path);
    expect_not_writable(Store::open(&db.path, OpenMode::Create, ""), &db.path);
    // Reading is still fine.
    assert!(Store::open(&db.path, OpenMode::ReadOnly, "").is_ok());
    // (SQLite gives the journal files it creates the database file's permissions.)
    for ext in ["", "-wal", "-shm"] {
        if side(&db.path, ext).exists() {
            set_mode(&side(&db.path, ext), false);
        }
    }

    for ext in ["-wal", "-shm"] {
        let keep = db.open(); // holds the WAL and its index open, as another user's program
        let file = side(&db.path, ext);
        set_mode(&file, true);
        expect_not_writable(Store::open(&db.path, OpenMode::Existing, ""), &file);
        set_mode(&file, false);
        drop(keep);
    }
}

/// Unix only: Windows ignores the read-only attribute of folders (`db::open` says so).
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_before_opening_for_writing() {
    use std::os::unix::fs::PermissionsExt;
    let db = TempDb::new();
    seed(&mut db.open());
    let dir = db.dir.path();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = Store::open(&db.path, OpenMode::Existing, "");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    expect_not_writable(result, dir);
}

/// The commands report a read-only database at once (exit 3), leave no empty backup and
/// no journal behind.
#[test]
fn backup_and_import_of_a_read_only_database_fail_at_once() {
    let db = TempDb::new();
    seed(&mut db.open());
    set_mode(&db.path, true);
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    for args in [vec!["backup".to_string()], vec!["import".to_string(), csv.display().to_string()]] {
        xingfu()
            .arg("--db")
            .arg(&db.path)
            .args(&args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(3)
            .stderr(predicates::str::contains(db.path.display().to_string()))
            .stderr(predicates::str::contains("只读"));
    }
    let backups = db.dir.path().join("backups");
    let left: Vec<_> = std::fs::read_dir(&backups).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
    set_mode(&db.path, false);
}

/// The root cause of the hang: with a `-shm` it cannot write, SQLite reads through a
/// private index and the backup API restarts at every step; the copy loop never ended.
/// Reproduced for real as an unprivileged user, when the tests run as root and
/// `setpriv` exists; skipped otherwise. Unix only: users and mode bits are Unix's (Windows
/// has ACLs, which the store does not set).
#[cfg(unix)]
#[test]
fn backup_as_another_user_of_a_read_only_database_does_not_spin() {
    use std::os::unix::fs::PermissionsExt;
    let setpriv = std::path::Path::new("/usr/bin/setpriv");
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !setpriv.exists() {
        return;
    }
    let db = TempDb::new();
    // More than the 100 pages the backup copied per step.
    {
        let mut store = db.open();
        seed(&mut store);
        let mut batch = store.batch().unwrap();
        for i in 0..5000 {
            batch.put(&donation(&format!("P{i:05}"), "ZX-2024-01", Some("王建国"), "1", false), false).unwrap();
        }
        batch.commit("test", &serde_json::json!({})).unwrap();
    }
    // The files a killed program leaves: the database with its (empty) WAL and index,
    // copied while a connection holds them open.
    let left = tempfile::tempdir().unwrap();
    let copy = left.path().join("office.db");
    let keep = db.open();
    for ext in ["", "-wal", "-shm"] {
        std::fs::copy(side(&db.path, ext), side(&copy, ext)).unwrap();
        std::fs::set_permissions(side(&copy, ext), std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    drop(keep);
    std::fs::set_permissions(left.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("xingfu");
    let out = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "timeout", "10"])
        .arg(&bin)
        .arg("--db")
        .arg(&copy)
        .arg("backup")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains(&copy.display().to_string()), "{stderr}");
}

/// Issue 14, item 10: a full stdout after a committed import is not a failure: exit 0,
/// no panic, and the records are in the database. Unix only: `/dev/full` has no Windows twin.
#[cfg(unix)]
#[test]
fn a_full_stdout_after_a_committed_import_still_succeeds() {
    let db = TempDb::new();
    seed(&mut db.open());
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("xingfu"))
        .env_remove("XINGFU_LANG")
        .env("XINGFU_OPERATOR", "测试员")
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&csv)
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert!(store.get::<Donation>("D9001").unwrap().is_some());
}
