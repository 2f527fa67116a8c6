//! Issue 16: an import killed at each of its phases — reading, writing, building the
//! indexes it set aside, committing — leaves the database exactly as it was: the same
//! rows, the same schema (every index back), healthy, and no backup that looks finished
//! without being one. The import holds at each phase through the test hook
//! `XINGFU_TEST_PAUSE_IMPORT` (`src/ops/pause.rs`) and is killed there.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use xingfu::db::{OpenMode, Store};
use xingfu::ops::import::{ImportOptions, import};
use xingfu::ops::pause;

/// Every row of every table and the whole schema, as text.
fn fingerprint(db: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mut out = String::new();
    let mut schema = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name").expect("schema");
    let mut rows = schema.query([]).expect("schema");
    while let Some(r) = rows.next().expect("row") {
        let (t, n, s): (String, String, Option<String>) =
            (r.get(0).expect("t"), r.get(1).expect("n"), r.get(2).expect("s"));
        out.push_str(&format!("{t} {n} {s:?}\n"));
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<String> = (0..n).map(|i| format!("{:?}", row.get_ref(i).expect("cell"))).collect();
            out.push_str(&format!("{t}|{}\n", values.join("|")));
        }
    }
    out
}

#[test]
fn an_import_killed_at_each_phase_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("数据");
    std::fs::create_dir_all(&data).expect("dir");
    let files = xingfu::ops::scale::write(&data, 20_000, xingfu::ops::demo::SEED).expect("generate");
    let db = dir.path().join("县办.db");
    let mut store = Store::open(&db, OpenMode::Create, "测试").expect("open");
    let report = import(&mut store, &files[..2], ImportOptions::default(), &mut |_| {}).expect("import");
    assert!(report.written, "{:?}", report.problems.first());
    drop(store);
    let donations = data.join("捐赠.csv");
    let before = fingerprint(&db);
    for phase in [pause::Phase::Reading, pause::Phase::Writing, pause::Phase::Indexing, pause::Phase::Committing] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xingfu"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&donations)
            .env(pause::VARIABLE, phase.name())
            .env("XINGFU_OPERATOR", "测试")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let marker = format!("xingfu-test: paused at {}", phase.name());
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        let mut held = false;
        while stderr.read_line(&mut line).expect("read stderr") > 0 {
            if line.trim_end() == marker {
                held = true;
                break;
            }
            line.clear();
        }
        let _ = child.kill();
        let _ = child.wait();
        assert!(held, "the import never reached the {} phase", phase.name());
        assert!(fingerprint(&db) == before, "killed while {}: the database changed", phase.name());
        let store = Store::open(&db, OpenMode::ReadOnly, "").expect("open");
        assert!(store.health().expect("health").is_healthy(), "killed while {}", phase.name());
        drop(store);
        for entry in std::fs::read_dir(dir.path().join("backups")).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') {
                xingfu::db::verify_backup(&entry.path()).expect("every backup that looks finished is one");
            }
        }
    }
    // Not killed, the same import commits whole, indexes and all.
    let mut store = Store::open(&db, OpenMode::Existing, "测试").expect("open");
    let report = import(&mut store, &[donations], ImportOptions::default(), &mut |_| {}).expect("import");
    assert!(report.written, "{:?}", report.problems.first());
    assert!(store.health().expect("health").is_healthy());
    drop(store);
    let after = fingerprint(&db);
    let indexes = |f: &str| f.lines().filter(|l| l.starts_with("index ")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(indexes(&after), indexes(&before), "every index is back");
}
