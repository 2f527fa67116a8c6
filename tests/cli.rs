//! The command line end to end: init, check, backup, lookup, exit codes, where the
//! database lives.

mod common;

use common::*;
use predicates::prelude::*;
use xingfu::db::{OpenMode, Store};

#[test]
fn init_creates_a_database_and_is_idempotent() {
    let db = TempDb::new();
    xingfu().arg("--db").arg(&db.path).arg("init").assert().success().stdout(predicate::str::contains("已创建数据库"));
    assert!(db.path.exists());
    // --db is global: after the subcommand works too.
    xingfu().arg("init").arg("--db").arg(&db.path).assert().success().stdout(predicate::str::contains("已存在"));
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert_eq!(store.schema_version().unwrap(), xingfu::db::schema::LATEST);
}

#[test]
fn the_database_comes_from_the_environment_or_the_data_directory() {
    let db = TempDb::new();
    xingfu().env("XINGFU_DB", &db.path).arg("init").assert().success();
    assert!(db.path.exists());
    // With neither --db nor XINGFU_DB: xingfu.db in the local data directory.
    let home = tempfile::tempdir().unwrap();
    xingfu().env("HOME", home.path()).env("XDG_DATA_HOME", home.path().join("data")).arg("init").assert().success();
    assert!(home.path().join("data/xingfu/xingfu.db").exists());
}

#[test]
fn check_reports_counts_and_totals() {
    let db = seeded();
    xingfu()
        .args(["check", "--db"])
        .arg(&db.path)
        .assert()
        .success()
        .stdout(predicate::str::contains("完整性检查：正常"))
        .stdout(predicate::str::contains("村社 2  项目 3  捐赠 5  拨付 1  志愿者 2  排班 4"))
        .stdout(predicate::str::contains("已筹 ¥61,588.88（公开募捐 ¥51,588.88，配捐 ¥10,000.00）"))
        .stdout(predicate::str::contains("结论：健康"));
    xingfu()
        .args(["--lang", "en", "check", "--db"])
        .arg(&db.path)
        .assert()
        .success()
        .stdout(predicate::str::contains("verdict: healthy"));
}

#[test]
fn check_fails_on_broken_totals() {
    let db = seeded();
    {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute("UPDATE projects SET donation_count = donation_count + 1 WHERE code = 'ZX-2024-01'", []).unwrap();
    }
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("project ZX-2024-01"))
        .stdout(predicate::str::contains("发现问题"));
}

#[test]
fn backup_writes_a_verified_copy() {
    let db = seeded();
    let out = db.dir.path().join("copy.db");
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("backup")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("已备份到"));
    let copy = Store::open(&out, OpenMode::ReadOnly, "").unwrap();
    assert_eq!(copy.summary().unwrap().raised, yuan("61588.88"));
    assert!(copy.health().unwrap().is_healthy());
    drop(copy);
    // It never overwrites.
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .arg("backup")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("已存在"));
    // By default into backups/ beside the database.
    xingfu().arg("--db").arg(&db.path).arg("backup").assert().success();
    let backups: Vec<_> = std::fs::read_dir(db.dir.path().join("backups")).unwrap().collect();
    assert_eq!(backups.len(), 1);
}

#[test]
fn lookup_by_pinyin_initials_shows_the_village_card() {
    let db = seeded();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["lookup", "zxc"])
        .assert()
        .success()
        .stdout(predicate::str::contains("■ 村社 320904104209 众心村委会"))
        .stdout(predicate::str::contains("项目 2 个  目标 ¥500,000.00  已筹 ¥61,588.88（配捐 ¥10,000.00）"))
        .stdout(predicate::str::contains("ZX-2024-01 众心村助学项目"))
        .stdout(predicate::str::contains("志愿者 2 人在册，服务 5.5 小时：李秀英 5.5小时"));
}

#[test]
fn lookup_finds_heteronyms_both_ways() {
    let db = seeded();
    for q in ["ctc", "ztc"] {
        xingfu()
            .arg("--db")
            .arg(&db.path)
            .args(["lookup", q])
            .assert()
            .success()
            .stdout(predicate::str::contains("长坍村委会"));
    }
}

#[test]
fn lookup_project_donor_and_volunteer_cards() {
    let db = seeded();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["lookup", "ZX-2024-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("■ 项目 ZX-2024-01 众心村助学项目"))
        .stdout(predicate::str::contains("已拨付 ¥20,000.00  结余 ¥41,088.88"))
        .stdout(predicate::str::contains("匿名  ¥88.88"));
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["lookup", "王建国"])
        .assert()
        .success()
        .stdout(predicate::str::contains("■ 捐赠人 王建国"))
        .stdout(predicate::str::contains("捐赠 2 笔，共 ¥1,500.00"));
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "en", "lookup", "lxy"])
        .assert()
        .success()
        .stdout(predicate::str::contains("■ volunteer V001 李秀英"))
        .stdout(predicate::str::contains("5.5 hours served"));
}

#[test]
fn lookup_that_finds_nothing_quotes_the_query_in_the_operators_language() {
    let db = seeded();
    let run = |lang: &str| xingfu().arg("--db").arg(&db.path).args(["--lang", lang, "lookup", "qqqq"]).assert();
    run("zh").success().stdout("未找到：「qqqq」\n");
    // No Chinese brackets on an English line.
    run("en").success().stdout("nothing matches: \"qqqq\"\n");
}

#[test]
fn lookup_as_json() {
    let db = seeded();
    let out = xingfu().arg("--db").arg(&db.path).args(["lookup", "320904104209", "--json"]).output().unwrap();
    assert!(out.status.success());
    let cards: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cards[0]["kind"], "village");
    assert_eq!(cards[0]["village"]["raised"], "61588.88");
    assert_eq!(cards[0]["village"]["served_hours"], "5.5");
    assert_eq!(cards[0]["projects"].as_array().unwrap().len(), 2);
}

#[test]
fn lookup_never_writes() {
    let db = seeded();
    // Close cleanly so the file holds everything, then compare bytes after lookups.
    let before = std::fs::read(&db.path).unwrap();
    for q in ["zxc", "王", "nothing-here"] {
        xingfu().arg("--db").arg(&db.path).args(["lookup", q]).assert().success();
    }
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["lookup", "nothing-here"])
        .assert()
        .stdout(predicate::str::contains("未找到"));
}

#[test]
fn exit_codes() {
    let db = TempDb::new();
    // 2: usage.
    xingfu().arg("frobnicate").assert().code(2);
    xingfu().args(["lookup"]).assert().code(2);
    // 3: the database cannot be used.
    xingfu().arg("--db").arg(&db.path).arg("check").assert().code(3).stderr(predicate::str::contains("不存在"));
    std::fs::write(&db.path, "not a database at all, just some text".repeat(10)).unwrap();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "en", "lookup", "x"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("is not an SQLite database; it was not touched"));
    xingfu().arg("--db").arg(&db.path).arg("init").assert().code(3);
    // Help documents the exit codes and shows Chinese examples.
    xingfu()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes"))
        .stdout(predicate::str::contains("xingfu lookup zxc"));
}

#[test]
fn the_readme_lookup_example_is_what_the_program_prints() {
    let db = seeded();
    let out = xingfu().arg("--db").arg(&db.path).args(["lookup", "zxc"]).output().unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in printed.lines() {
        assert!(readme.contains(line), "README lacks the line:\n{line}");
    }
}

#[test]
fn without_a_terminal_the_console_says_so_and_training_reset_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // No terminal under the test runner: a clear refusal (exit 2), no panic, no file made.
    let out = assert_cmd::Command::cargo_bin("xingfu").unwrap().args(["--db", db.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("控制台需要在终端"));
    assert!(!db.exists());
    // --training --reset resets the sandbox and exits 0.
    let training = dir.path().join("培训 沙盒");
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .env("XINGFU_TRAINING_DIR", &training)
        .args(["--lang", "en", "--training", "--reset"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("training data reset"));
    assert!(training.join("培训沙盒.db").exists());
}

#[test]
fn system_errors_are_said_in_the_operators_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let missing = dir.path().join("村里 发来").join("众心村 捐赠.csv");
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .args(["--db", db.to_str().unwrap(), "import", missing.to_str().unwrap()])
        .output()
        .unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1));
    assert!(said.contains("文件或文件夹不存在"), "{said}");
    assert!(!said.contains("No such file"), "English on a Chinese screen: {said}");
}

#[test]
fn lookup_puts_the_usual_reading_first_and_card_takes_a_name() {
    let db = TempDb::new();
    {
        let mut store = db.open();
        store.insert(&registry_village("320904101200")).unwrap(); // 丁溪村委会: 丁 is also read zhēng
        store.insert(&registry_village("320904104209")).unwrap(); // 众心村委会
    }
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("xingfu").unwrap().arg("--db").arg(&db.path).args(args).output().unwrap()
    };
    let out = run(&["lookup", "zxc"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let first = text.lines().find(|l| l.starts_with('■')).unwrap_or_default();
    assert!(first.contains("众心村委会"), "{text}");
    let out = run(&["card", "众心"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("320904104209 众心村委会"));
    let out = run(&["card", "村委会"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("请用村社编码") && text.contains("320904101200") && text.contains("320904104209"), "{text}");
}

#[test]
fn the_card_counts_volunteers_as_the_village_panel_does() {
    let db = TempDb::new();
    {
        let mut store = db.open();
        store.insert(&registry_village("320904104209")).unwrap();
        use xingfu::domain::{Volunteer, VolunteerStatus};
        for (code, status) in [("V1", VolunteerStatus::Active), ("V2", VolunteerStatus::Left)] {
            store
                .insert(&Volunteer {
                    code: code.into(),
                    name: "王芳".into(),
                    village_code: "320904104209".into(),
                    status,
                    ..Default::default()
                })
                .unwrap();
        }
        assert_eq!(store.village_figures("320904104209").unwrap().unwrap().volunteers, 1);
    }
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .args(["card", "320904104209"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("在册志愿者 1 人"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
