//! Import speed: the donations file of a generated data set (N donations,
//! `XINGFU_BENCH_DONATIONS`, default 1,000,000) imported with all validation on into a
//! database that already holds its villages and projects; and, in the same run, the SQLite
//! command-line tool's `.import` of the same file into a plain table with a primary key
//! (when `sqlite3` is installed), with the ratio of the two; then the same file again, which
//! changes nothing, against the first import.
//!
//! Run: `cargo bench --bench import` (part of `bash benches/run.sh`).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use xingfu::db::{OpenMode, Store};
use xingfu::ops::import::{ImportOptions, Progress, import};

fn main() {
    let n: u64 = std::env::var("XINGFU_BENCH_DONATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let files = xingfu::ops::scale::write(dir.path(), n, xingfu::ops::demo::SEED).expect("generate");
    let donations = dir.path().join("捐赠.csv");
    let size_mb = std::fs::metadata(&donations).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!("generated {n} donations ({size_mb:.0} MB) in {:.2} s", t.elapsed().as_secs_f64());

    let db = dir.path().join("bench.db");
    let mut store = Store::open(&db, OpenMode::Create, "bench").expect("open");
    let report = import(&mut store, &files[..2], ImportOptions::default(), &mut |_| {}).expect("villages, projects");
    assert!(!report.has_errors());

    let mut phases: Vec<(&str, f64)> = Vec::new();
    let mut last = "";
    let t = Instant::now();
    let report = import(&mut store, std::slice::from_ref(&donations), ImportOptions::default(), &mut |p| {
        let name = match p {
            Progress::Reading { .. } => "reading",
            Progress::Checking { .. } => "checking every row",
            Progress::Writing { .. } => "writing in one transaction",
            Progress::Backup => "verified backup",
            Progress::Indexing { .. } => "building the indexes set aside",
            Progress::Committing => "committing",
        };
        if name != last {
            phases.push((name, t.elapsed().as_secs_f64()));
            last = name;
        }
    })
    .expect("import");
    let ours = t.elapsed().as_secs_f64();
    assert!(!report.has_errors() && report.written);
    for (name, at) in &phases {
        println!("  {name:<42} from {at:>6.2} s");
    }
    println!("xingfu import of {n} donations:            {ours:>6.2} s = {:>9.0} rows/s", n as f64 / ours);

    // The same unchanged file again: every row is compared and nothing is written.
    let t = Instant::now();
    let again =
        import(&mut store, std::slice::from_ref(&donations), ImportOptions::default(), &mut |_| {}).expect("re-import");
    let reimport = t.elapsed().as_secs_f64();
    assert!(!again.has_errors() && !again.written && again.nothing_to_do);
    println!(
        "re-import of the same unchanged file:      {reimport:>6.2} s = {:>5.2}× the first import (target < 1×)",
        reimport / ours
    );

    // The SQLite command-line tool on the same file, into a plain table with a primary key.
    let body = dir.path().join("body.csv");
    let text = std::fs::read_to_string(&donations).expect("read");
    let without_header = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    std::fs::write(&body, without_header).expect("write");
    let plain = dir.path().join("plain.db");
    let script = format!(
        "CREATE TABLE d(ref TEXT PRIMARY KEY, project TEXT, donor TEXT, type TEXT, amount TEXT, day TEXT, channel TEXT, matching TEXT);\n.mode csv\n.import '{}' d\n",
        body.display()
    );
    let t = Instant::now();
    let cli = Command::new("sqlite3")
        .arg(&plain)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            if let Some(mut stdin) = child.stdin.take() {
                stdin.write_all(script.as_bytes())?;
            }
            child.wait_with_output()
        });
    let theirs = t.elapsed().as_secs_f64();
    match cli {
        Ok(out) if out.status.success() => {
            println!("sqlite3 .import of the same file:          {theirs:>6.2} s = {:>9.0} rows/s", n as f64 / theirs);
            println!("ratio xingfu / sqlite3:                      {:>6.2}×  (target ≤ 1.5×)", ours / theirs);
        }
        _ => println!("sqlite3 not installed: no comparison (apt-get install sqlite3)"),
    }
    let _ = Path::new(&db);
}
