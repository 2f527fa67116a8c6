//! Backups on real files: no fake backups from killed runs, unique names in the same
//! second, errors that name the folder, a bounded number kept, no copy for an import that
//! changes nothing, restore, and what `check` says about a damaged database.

mod common;

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use common::*;
use predicates::prelude::*;
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::*;
use xingfu::ops::backup;

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn fixed_now() -> chrono::DateTime<chrono::Local> {
    chrono::Local.with_ymd_and_hms(2026, 11, 29, 8, 5, 9).single().expect("local time")
}

/// Makes a file look untouched for an hour (what a killed program left long ago).
fn age(path: &Path) {
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600)).unwrap();
}

/// Issue 14, item 12: a killed backup used to leave a full-size `backups/x-<time>.db`
/// whose hot journal rolled it back to nothing. Now only a `.partial` file can be left;
/// it is never listed as a backup, and `check` (or the next backup) clears it.
#[test]
fn killed_backup_leaves_no_fake_backup() {
    let db = seeded();
    let dir = db.dir.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    // What a backup killed halfway leaves: the partial copy and its hot journal.
    let partial = dir.join(".office-20261129-080509.db.partial");
    std::fs::copy(&db.path, &partial).unwrap();
    std::fs::write(dir.join(".office-20261129-080509.db.partial-journal"), b"hot journal").unwrap();
    age(&partial);
    // Someone else's file in the folder is never touched.
    std::fs::write(dir.join("说明.txt"), "备份说明").unwrap();

    assert!(backup::list_backups(&db.path).unwrap().is_empty(), "a partial file was listed as a backup");
    assert_eq!(backup::newest_verified(&db.path, 5), None);

    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("已清除中断的备份残留文件"))
        .stdout(predicate::str::contains(".office-20261129-080509.db.partial"));
    assert_eq!(names(&dir), ["说明.txt"]);

    // A finished backup never has a journal (or WAL) beside it, and nothing temporary
    // stays behind.
    let store = db.open();
    let done = backup::backup(&store, None).unwrap();
    let name = done.path.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(names(&dir), [name.clone(), "说明.txt".to_string()]);
    xingfu::db::verify_backup(&done.path).unwrap();
    assert_eq!(names(&dir), [name, "说明.txt".to_string()]);
}

/// A partial file another program is writing right now is left alone. Unix only: there the
/// writer's lock is what tells; on Windows its share mode makes the removal itself fail.
#[cfg(unix)]
#[test]
fn a_backup_in_progress_is_not_cleared() {
    let db = seeded();
    let dir = db.dir.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    let partial = dir.join(".office-20261129-080509.db.partial");
    let held = std::fs::File::create(&partial).unwrap();
    held.lock().unwrap();
    age(&partial);
    assert!(backup::clear_leftovers(&db.path).unwrap().is_empty());
    assert!(partial.exists());
    drop(held);
    // Another test of this binary may fork a child just as the file is held: until that
    // child runs its program, it shares the lock. Give it a moment to let go.
    let mut cleared = backup::clear_leftovers(&db.path).unwrap();
    for _ in 0..50 {
        if !cleared.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        cleared = backup::clear_leftovers(&db.path).unwrap();
    }
    assert_eq!(cleared, std::slice::from_ref(&partial));
    assert!(!partial.exists());
    // One just created (its writer may not hold it yet) is left alone too.
    std::fs::write(&partial, b"").unwrap();
    assert!(backup::clear_leftovers(&db.path).unwrap().is_empty());
}

/// Issue 14, item 13: many backups of one database in the same second all succeed, each
/// with its own file, and none removes another's.
#[test]
fn backups_in_the_same_second_all_succeed_with_distinct_files() {
    let db = seeded();
    let now = fixed_now();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let path = db.path.clone();
            std::thread::spawn(move || {
                let store = Store::open(&path, OpenMode::Existing, "备份").expect("open");
                backup::backup_at(&store, now).map(|b| b.path)
            })
        })
        .collect();
    let mut paths: Vec<PathBuf> = threads.into_iter().map(|t| t.join().expect("thread").expect("backup")).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), 8, "{paths:?}");
    for p in &paths {
        xingfu::db::verify_backup(p).unwrap();
    }
    let listed = backup::list_backups(&db.path).unwrap();
    assert_eq!(listed.len(), 8);
    assert!(names(&db.dir.path().join("backups")).iter().all(|n| !n.starts_with('.')));
}

/// Issue 14, item 24: a backups folder that cannot be created is named, with the reason.
#[test]
fn backup_folder_errors_name_the_path() {
    let db = seeded();
    let blocker = db.dir.path().join("backups");
    std::fs::write(&blocker, "not a folder").unwrap();
    let store = db.open();
    let err = backup::backup(&store, None).unwrap_err();
    assert!(matches!(err, DbError::File { .. }), "{err:?}");
    let zh = err.message(Lang::Zh);
    assert!(zh.contains(&blocker.display().to_string()) && zh.contains("无法创建文件夹"), "{zh}");
    assert!(err.message(Lang::En).contains(&blocker.display().to_string()));
    drop(store);
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("backup")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(blocker.display().to_string()));
}

/// Issue 14, item 16: an import that changes nothing makes no copy at all (it used to
/// make one and discard it: with no room for backups, it failed).
#[test]
fn an_import_that_changes_nothing_makes_no_backup() {
    let db = seeded();
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    xingfu().arg("--db").arg(&db.path).arg("import").arg(&csv).assert().success();
    let dir = db.dir.path().join("backups");
    assert_eq!(backup::list_backups(&db.path).unwrap().len(), 1);
    // No room for another backup: the same import again must not need one.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::write(&dir, "not a folder").unwrap();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("无需写入"));
}

/// The import's backup holds the database as it was before the import.
#[test]
fn the_import_backup_is_the_state_before_the_import() {
    let db = seeded();
    let csv = db.dir.path().join("捐赠.csv");
    std::fs::write(&csv, donations_csv(&["D9001,ZX-2024-01,赵大,个人,,100,2024-05-10,银行转账,否,,,"])).unwrap();
    xingfu().arg("--db").arg(&db.path).arg("import").arg(&csv).assert().success();
    let listed = backup::list_backups(&db.path).unwrap();
    let before = Store::open(&listed[0].path, OpenMode::ReadOnly, "").unwrap();
    assert!(before.get::<Donation>("D9001").unwrap().is_none());
    assert!(before.get::<Donation>("D0001").unwrap().is_some());
}

/// Issue 14, item 16: after each backup the folder keeps the last ten and the newest of
/// each of the last twelve months; only our own backup files are removed.
#[test]
fn backups_are_pruned_to_the_last_ten_and_one_a_month() {
    let db = seeded();
    let dir = db.dir.path().join("backups");
    std::fs::create_dir_all(&dir).unwrap();
    // Two a month for two years before the fixed "now" (2026-11-29).
    for m in 0..24 {
        let (y, mo) = if m < 11 {
            (2026, 11 - m)
        } else if m < 23 {
            (2025, 23 - m)
        } else {
            (2024, 12)
        };
        for day in ["01", "15"] {
            std::fs::write(dir.join(format!("office-{y}{mo:02}{day}-090000.db")), b"").unwrap();
        }
    }
    let foreign = ["说明.txt", "other-20200101-000000.db", "office-before-restore-20200101-000000.db"];
    for f in foreign {
        std::fs::write(dir.join(f), b"").unwrap();
    }
    let store = db.open();
    let done = backup::backup_at(&store, fixed_now()).unwrap();
    let kept = backup::list_backups(&db.path).unwrap();
    // Ten newest (the new one, Nov 15, Nov 1 … Jul 1), then the newest of Jun 2026 …
    // Dec 2025: 7 more months within twelve.
    assert_eq!(kept.len(), 17, "{kept:#?}");
    assert_eq!(kept[0].path, done.path);
    assert_eq!(done.pruned.len(), 48 + 1 - 17);
    for f in foreign {
        assert!(dir.join(f).exists(), "{f} was removed");
    }
}

/// Issue 14, item 16: `xingfu restore` verifies the backup, keeps the current file aside
/// and puts a copy of the backup in place.
#[test]
fn restore_puts_a_backup_back_and_keeps_the_current_file() {
    let db = seeded();
    let store = db.open();
    let done = backup::backup(&store, None).unwrap();
    drop(store);
    let mut store = db.open();
    store.insert(&volunteer("V009", "周九", ZHONGXIN)).unwrap();
    drop(store);

    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("restore")
        .arg(&done.path)
        .assert()
        .success()
        .stdout(predicate::str::contains("已从备份恢复"))
        .stdout(predicate::str::contains("office-before-restore-"));
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert!(store.get::<Volunteer>("V009").unwrap().is_none());
    assert!(store.get::<Volunteer>("V001").unwrap().is_some());
    drop(store);
    let aside: Vec<String> =
        names(db.dir.path()).into_iter().filter(|n| n.starts_with("office-before-restore-")).collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let old = Store::open(&db.dir.path().join(&aside[0]), OpenMode::ReadOnly, "").unwrap();
    assert!(old.get::<Volunteer>("V009").unwrap().is_some(), "the replaced database lost data");
}

/// Restore refuses a file that is not a good xingfu backup, and a database another
/// program has open; nothing changes.
#[test]
fn restore_refuses_a_bad_backup_and_an_open_database() {
    let db = seeded();
    let junk = db.dir.path().join("junk.db");
    std::fs::write(&junk, vec![0u8; 8192]).unwrap();
    xingfu().arg("--db").arg(&db.path).arg("restore").arg(&junk).assert().failure();

    let store = db.open();
    let done = backup::backup(&store, None).unwrap();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("restore")
        .arg(&done.path)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("正被其他程序"));
    drop(store);
    assert!(names(db.dir.path()).iter().all(|n| !n.contains("before-restore")));
}

/// Overwrites the cell pointers of a leaf page of the donations table (the right-most
/// child of its root), in the middle of the file.
fn damage_a_page(path: &Path) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let conn = rusqlite::Connection::open(path).unwrap();
    let root: i64 =
        conn.query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'donations'", [], |r| r.get(0)).unwrap();
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let (root, size) = (root as u64, size as u64);
    drop(conn);
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open(path).unwrap();
    let mut header = [0u8; 12];
    f.seek(SeekFrom::Start((root - 1) * size)).unwrap();
    f.read_exact(&mut header).unwrap();
    assert_eq!(header[0], 5, "the donations root should be an interior page");
    let child = u64::from(u32::from_be_bytes([header[8], header[9], header[10], header[11]]));
    f.seek(SeekFrom::Start((child - 1) * size + 8)).unwrap();
    f.write_all(&[0xA5; 64]).unwrap();
    f.sync_all().unwrap();
}

/// Issue 14, item 15: `check` shows what `integrity_check` found (not only "malformed")
/// and names the newest good backup to restore.
#[test]
fn check_shows_integrity_lines_and_names_a_backup() {
    let db = seeded();
    {
        let mut store = db.open();
        let mut batch = store.batch().unwrap();
        for i in 0..3000 {
            batch.put(&donation(&format!("P{i:05}"), "ZX-2024-01", Some("王建国"), "1", false), false).unwrap();
        }
        batch.commit("test", &serde_json::json!({})).unwrap();
    }
    let good = {
        let store = db.open();
        backup::backup(&store, None).unwrap().path
    };
    damage_a_page(&db.path);
    let out = xingfu().arg("--db").arg(&db.path).arg("check").assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("完整性检查："), "{out}");
    assert!(out.contains(" page "), "{out}");
    assert!(out.contains("……另有 "), "the list is bounded: {out}");
    assert!(out.contains("xingfu restore"), "{out}");
    assert!(out.contains(&good.display().to_string()), "{out}");
}

/// Issue 14, item 16: the console takes a backup with one key (B), names it in the status
/// line, and refuses in read-only mode with a message.
#[test]
fn the_console_backs_up_with_one_key() {
    use xingfu::tui::app::{App, Options};
    use xingfu::tui::keymap::Keymap;
    use xingfu::tui::theme::Theme;
    let db = seeded();
    let options = |read_only| Options {
        lang: Lang::Zh,
        theme: Theme::new(false, false),
        keymap: Keymap::default_map(),
        read_only,
        today: chrono::NaiveDate::from_ymd_opt(2021, 12, 15).unwrap(),
        now: None,
        training: None,
        mask_names: false,
        operators: Vec::new(),
        config: None,
    };
    let mut app = App::new(db.open(), options(false), (100, 30)).unwrap();
    xingfu::tui::script::type_keys(&mut app, "B").unwrap();
    let (text, error) = app.message.clone().expect("a status message");
    assert!(!error && text.starts_with("已备份到："), "{text}");
    let listed = backup::list_backups(&db.path).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(text.contains(&listed[0].path.display().to_string()), "{text}");
    drop(app);

    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    let mut app = App::new(store, options(true), (100, 30)).unwrap();
    app.update(xingfu::tui::action::Action::Backup);
    let (text, _) = app.message.clone().expect("a status message");
    assert!(text.contains("只读"), "{text}");
    assert_eq!(backup::list_backups(&db.path).unwrap().len(), 1);
}
