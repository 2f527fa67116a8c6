//! Training and inspection: the demo data set, the training sandbox and its reset,
//! read-only at the SQLite level, and masks in the console, lookup and card.

mod common;

use std::path::Path;

use assert_cmd::Command;
use chrono::NaiveDate;
use common::*;
use xingfu::cli::console::{ConsoleArgs, prepare};
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::*;
use xingfu::ops::{card, demo, training};
use xingfu::tui::app::{App, Popup};
use xingfu::tui::capture;
use xingfu::tui::script::type_keys;

fn documented_totals() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/README.md")).unwrap();
    let start = readme.find("```totals\n").unwrap() + "```totals\n".len();
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

#[test]
fn the_demo_imports_cleanly_and_matches_its_documented_totals() {
    let db = TempDb::new();
    let mut store = db.open();
    let report = demo::load(&mut store).unwrap();
    let errors: Vec<String> = report.errors().map(|p| p.message(Lang::En)).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(demo::totals_block(&store).unwrap(), documented_totals());
    // The pilot village: five projects, a little over 850,000 yuan.
    let z = store.village_figures(demo::ZHONGXIN).unwrap().unwrap();
    assert_eq!((z.name.as_str(), z.town.as_str(), z.projects), ("众心村委会", "西团镇", 5));
    assert!(z.raised > yuan("850000") && z.raised < yuan("860000"), "{}", z.raised);
    let s = store.summary().unwrap();
    assert!((15_000..=25_000).contains(&s.donations), "about 20,000 donations: {}", s.donations);
    assert!(s.raised_matching > Money::ZERO && s.disbursed > Money::ZERO && s.served_hours > Hours::ZERO);
    // Every village is a real one of the registry.
    let registry = demo::REGISTRY;
    for v in store.villages_page(&Default::default(), 0, 1000).unwrap() {
        assert!(registry.contains(&format!("{},{}", v.code, v.name)), "{} {}", v.code, v.name);
    }
    // Re-running `xingfu demo` refuses a database that is not empty.
    drop(store);
    Command::cargo_bin("xingfu").unwrap().arg("--db").arg(&db.path).arg("demo").assert().code(1);
}

#[test]
fn the_committed_demo_files_are_what_the_seeded_generator_writes() {
    let dir = tempfile::tempdir().unwrap();
    demo::regenerate(dir.path()).unwrap();
    for (name, text) in demo::FILES {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            text,
            "{name} is stale: run `cargo run -- demo --generate data/demo`"
        );
    }
    let readme = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert!(readme.contains(&documented_totals()));
}

fn args<'a>(db: &'a Path, dir: &Path, training: bool, reset: bool, read_only: bool, mask: bool) -> ConsoleArgs<'a> {
    ConsoleArgs {
        lang: Lang::Zh,
        db,
        operator: Some("培训员"),
        operators: Vec::new(),
        ascii: false,
        training,
        reset,
        read_only,
        mask_names: mask,
        contrast: false,
        training_dir: dir.to_path_buf(),
    }
}

#[test]
fn training_never_writes_outside_its_sandbox_and_resets() {
    let real = TempDb::new();
    seed(&mut real.open());
    let before = std::fs::read(&real.path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, opts) = prepare(&args(&real.path, dir.path(), true, false, false, false)).unwrap();
    let sandbox = training::Sandbox::in_dir(dir.path());
    assert_eq!(store.path(), sandbox.db.as_path());
    let mut app = App::new(store, opts, (80, 24)).unwrap();
    let pristine = app.store.summary().unwrap();
    // Practise: add a village, delete a donation, mark a shift.
    type_keys(&mut app, "2n320904104210<tab>龙窑村委会<tab>西团镇<tab>大丰区<c-s>").unwrap();
    type_keys(&mut app, "4dy").unwrap();
    assert_ne!(app.store.summary().unwrap(), pristine);
    assert_eq!(std::fs::read(&real.path).unwrap(), before, "the real database never changes");
    // Reset from the console (Ctrl-R, then yes).
    type_keys(&mut app, "<c-r>y").unwrap();
    assert_eq!(app.store.summary().unwrap(), pristine);
    assert!(app.store.get::<Village>("320904104210").unwrap().is_none());
    drop(app);
    // And from the command line's --reset.
    {
        let mut s = Store::open(&sandbox.db, OpenMode::Existing, "x").unwrap();
        s.insert(&registry_village("320904104210")).unwrap();
    }
    let (store, _) = prepare(&args(&real.path, dir.path(), true, true, false, false)).unwrap();
    assert_eq!(store.summary().unwrap(), pristine);
    assert_eq!(std::fs::read(&real.path).unwrap(), before);
}

#[test]
fn read_only_refuses_writes_at_the_sqlite_level() {
    let db = TempDb::new();
    seed(&mut db.open());
    let before = std::fs::read(&db.path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, opts) = prepare(&args(&db.path, dir.path(), false, false, true, false)).unwrap();
    for sql in [
        "UPDATE villages SET name = 'x'",
        "DELETE FROM donations",
        "INSERT INTO audit(at, operator, action, kind) VALUES ('a', 'b', 'c', 'd')",
        "CREATE TABLE t(x)",
    ] {
        match store.execute_unchecked(sql) {
            Err(DbError::Sqlite(rusqlite::Error::SqliteFailure(e, _))) => {
                assert!(matches!(e.code, rusqlite::ErrorCode::ReadOnly), "{sql}: {e:?}")
            }
            other => panic!("{sql} was not refused by SQLite: {other:?}"),
        }
    }
    // The console has no editing key: they are in no keymap lookup, help or footer.
    let mut app = App::new(store, opts, (80, 24)).unwrap();
    type_keys(&mut app, "2n").unwrap();
    assert!(app.popups.is_empty());
    type_keys(&mut app, "d").unwrap();
    assert!(app.popups.is_empty());
    type_keys(&mut app, "?").unwrap();
    let help = capture::text(&capture::render(&app, 80, 24));
    assert!(!help.contains("新建") && !help.contains("删除") && !help.contains("导入"), "{help}");
    assert!(help.contains("只读 READ-ONLY"));
    drop(app);
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn masks_apply_in_console_lookup_and_card() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        seed(&mut s);
        let mut v = s.get::<Village>(ZHONGXIN).unwrap().unwrap();
        v.contact_name = Some("周主任".into());
        v.contact_phone = Some("13812345678".into());
        s.update(ZHONGXIN, &v).unwrap();
        let mut d = s.get::<Donation>("D0002").unwrap().unwrap();
        d.donor_type = DonorType::Company;
        s.update("D0002", &d).unwrap();
        let mut w = s.get::<Volunteer>("V001").unwrap().unwrap();
        w.phone = Some("13700002222".into());
        s.update("V001", &w).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    // Console: phones masked in read-only, individual donors masked with --mask-names.
    let (store, opts) = prepare(&args(&db.path, dir.path(), false, false, true, true)).unwrap();
    let mut app = App::new(store, opts, (100, 30)).unwrap();
    type_keys(&mut app, "2").unwrap();
    let screen = capture::text(&capture::render(&app, 100, 30));
    assert!(screen.contains("周主任 138****5678") && !screen.contains("13812345678"), "{screen}");
    type_keys(&mut app, "4").unwrap();
    let screen = capture::text(&capture::render(&app, 100, 30));
    assert!(screen.contains("王**") && !screen.contains("王建国"), "{screen}");
    assert!(screen.contains("盐城某某公司"), "companies are not masked");
    // Lookup.
    let out = Command::cargo_bin("xingfu")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .args(["--mask-names", "lookup", "ZX-2024-01"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("王**") && !text.contains("王建国"), "{text}");
    // Card: phones masked in text and HTML.
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    let now = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
    let c = card::build(&store, ZHONGXIN, now, true).unwrap().unwrap();
    let lines = card::text(&c, Lang::Zh).join("\n");
    assert!(
        lines.contains("138****5678") && lines.contains("137****2222") && !lines.contains("13812345678"),
        "{lines}"
    );
    assert!(lines.contains("李秀英  137****2222  5.5"), "served hours this year: {lines}");
    assert!(lines.contains("生成时间：2024-12-01 10:00"));
    let html = card::html(&c, Lang::Zh);
    assert!(html.contains("@page { size: A4") && html.contains("138****5678") && !html.contains("13812345678"));
    assert!(
        html.contains("<h1><bdi>众心村委会</bdi>（<bdi>320904104209</bdi>）</h1>") && html.contains("（公开募捐 ¥"),
        "{html}"
    );
    // English cards carry no Chinese brackets of their own (the names are data).
    let en = card::text(&c, Lang::En);
    let projects: Vec<&String> = en.iter().filter(|l| l.starts_with("· ")).collect();
    assert!(!projects.is_empty() && projects.iter().all(|l| l.contains(" (matching ") && !l.contains('（')), "{en:?}");
    let html = card::html(&c, Lang::En);
    assert!(
        html.contains("<h1><bdi>众心村委会</bdi> (<bdi>320904104209</bdi>)</h1>") && html.contains(" (public ¥"),
        "{html}"
    );
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("众心村.html");
    Command::cargo_bin("xingfu")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .args(["card", ZHONGXIN, "--out"])
        .arg(&file)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&file).unwrap().contains("众心村委会"));
}

#[test]
fn an_empty_database_offers_the_first_run_choices() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().unwrap();
    let (store, mut opts) = prepare(&args(&db.path, dir.path(), false, false, false, false)).unwrap();
    opts.today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut app = App::new(store, opts, (80, 24)).unwrap();
    assert!(matches!(app.popups.last(), Some(Popup::Welcome)));
    let screen = capture::text(&capture::render(&app, 80, 24));
    assert!(screen.contains("载入演示数据（培训沙盒）") && screen.contains("开始录入"), "{screen}");
    // "n" starts entering data: the village form opens.
    type_keys(&mut app, "n").unwrap();
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
}

#[test]
fn demo_volunteers_are_plausible() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/志愿者.csv")).unwrap();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (name, gender, skills) = (f[1], f[3], f[5]);
        for female in ["秀英", "桂兰", "春梅", "玉兰", "海燕", "红霞", "丽娟"] {
            if name.ends_with(female) {
                assert_eq!(gender, "女", "{line}");
            }
        }
        let list: Vec<&str> = skills.split('、').collect();
        let mut once = list.clone();
        once.dedup();
        once.sort();
        once.dedup();
        assert_eq!(once.len(), list.len(), "a skill twice: {line}");
    }
}
