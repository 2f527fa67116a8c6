//! Counties report up, at scale (issue 10): a city database (成都市, 510100) of 12
//! counties at N donations each (`XINGFU_BENCH_DONATIONS`, default 1,000,000: 12,000,000
//! in the city).
//!
//! The counties' exports are generated once into `XINGFU_BENCH_ROLLUP_DIR` (default
//! `target/bench-data/rollup`) and reused; so is the city database of the first eleven.
//! Then, with the release binary run as a child process (wall time and peak memory):
//!
//! 1. eleven counties rolled up in one import into an empty city database (once);
//! 2. the twelfth county into the city holding eleven (its verified backup included);
//! 3. the same export again (the database holds it: nothing is read);
//! 4. a newer export of one county — 1% of its donations changed, 1% new — replacing it;
//!
//! and in process on the city of 12: the database's size, start-up to the first frame of
//! the console, search per keystroke, the summary report with its county level, and
//! `xingfu lookup` as a whole process.
//!
//! Run: `cargo bench --bench rollup` (part of `bash benches/run.sh`). About 20 minutes at
//! 1,000,000 a county on a 2-core machine, most of it generating and the first roll-up.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use xingfu::db::{OpenMode, Store};
use xingfu::domain::{DivisionCode, Lang, Office};
use xingfu::tui::capture;
use xingfu::tui::script::type_keys;

mod common;

use common::{BIN, Run, first_frames, mb, ms, report, search_per_key};

fn xingfu(db: &Path, words: &[&str], args: &[PathBuf]) -> Run {
    common::run(db, words, args)
}

/// The city and its twelve counties (成都市's districts and a county, GB/T 2260).
const CITY: &str = "510100";
const COUNTIES: [&str; 12] = [
    "510104", "510105", "510106", "510107", "510108", "510112", "510113", "510114", "510115", "510116", "510117",
    "510121",
];

fn size_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0)
}

fn office(code: &str) -> Office {
    xingfu::ops::office::parse(code, None).expect("a registered office")
}

/// The county's export folder, generated when missing.
fn county_export(dir: &Path, i: usize, n: u64) -> PathBuf {
    let out = dir.join(format!("county-{}", COUNTIES[i]));
    if out.join("来源.csv").exists() {
        return out;
    }
    let exported = NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(9, 0, i as u32)).expect("time");
    let county = office(COUNTIES[i]);
    let t = Instant::now();
    xingfu::ops::scale::write_county(&out, &county, "成都市", n, 1000 + i as u64, exported).expect("generate");
    println!("   (generated {} {} in {:.1} s)", COUNTIES[i], county.name, t.elapsed().as_secs_f64());
    out
}

/// A newer export of a county: its files with 1% of the donations' amounts changed, 1%
/// new donations, and a later export time.
fn newer_export(from: &Path, to: &Path, n: u64) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read") {
        let p = e.expect("entry").path();
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        if name == "捐赠.csv" {
            let input = BufReader::new(std::fs::File::open(&p).expect("open"));
            let mut out = BufWriter::new(std::fs::File::create(to.join(&name)).expect("create"));
            let step = 100u64;
            for (i, line) in input.lines().enumerate() {
                let line = line.expect("line");
                let i = i as u64;
                if i > 0 && i.is_multiple_of(step) {
                    // The amount is the fifth field: one yuan more.
                    let mut f: Vec<String> = line.split(',').map(str::to_string).collect();
                    if let Some(a) = f.get_mut(4)
                        && let Some((yuan, fen)) = a.split_once('.')
                    {
                        *a = format!("{}.{fen}", yuan.parse::<u64>().unwrap_or(0) + 1);
                    }
                    writeln!(out, "{}", f.join(",")).expect("write");
                    if i <= n {
                        writeln!(out, "N{line}").expect("write");
                    }
                } else {
                    writeln!(out, "{line}").expect("write");
                }
            }
            out.flush().expect("flush");
        } else if name == "来源.csv" {
            let text = std::fs::read_to_string(&p).expect("read");
            std::fs::write(to.join(&name), text.replace("2026-11-01 09:00:00", "2026-12-01 09:00:00")).expect("write");
        } else {
            std::fs::copy(&p, to.join(&name)).expect("copy");
        }
    }
}

fn main() {
    let n: u64 = std::env::var("XINGFU_BENCH_DONATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::var_os("XINGFU_BENCH_ROLLUP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/rollup"));
    let dir = dir.join(format!("n{n}"));
    std::fs::create_dir_all(&dir).expect("bench folder");
    println!("city {CITY} 成都市, {} counties × {n} donations, in {}", COUNTIES.len(), dir.display());
    let exports: Vec<PathBuf> = (0..COUNTIES.len()).map(|i| county_export(&dir, i, n)).collect();
    let csv_mb: f64 = exports.iter().map(|e| size_mb(&e.join("捐赠.csv"))).sum();
    println!("   ({:.0} MB of donation files in all)", csv_mb);

    // 1. Eleven counties in one import (kept, and copied for each run below).
    let eleven = dir.join("city-11.db");
    if !eleven.exists() {
        let building = dir.join("city-11.building.db");
        let _ = std::fs::remove_file(&building);
        let _ = std::fs::remove_dir_all(dir.join("backups"));
        assert!(xingfu(&building, &["init", "--office", CITY], &[]).ok, "init");
        let run = xingfu(&building, &["import"], &exports[..11]);
        assert!(run.ok, "eleven counties");
        println!(
            "1. eleven counties ({} donations) rolled up in one import: {:>8.1} s = {:>9.0} rows/s, peak {}",
            11 * n,
            run.secs,
            (11 * n) as f64 / run.secs,
            mb(&run)
        );
        let mut store = Store::open(&building, OpenMode::Existing, "bench").expect("open");
        store.checkpoint().expect("checkpoint");
        drop(store);
        std::fs::rename(&building, &eleven).expect("rename");
    } else {
        println!("1. (the city of eleven counties is reused from an earlier run: {})", eleven.display());
    }
    println!("   database of 11 counties: {:.0} MB", size_mb(&eleven));

    // 2. The twelfth county into the city of eleven, backup included.
    let city = dir.join("city-12.db");
    let _ = std::fs::remove_file(&city);
    let _ = std::fs::remove_dir_all(dir.join("backups"));
    std::fs::copy(&eleven, &city).expect("copy");
    let run = xingfu(&city, &["import"], &exports[11..]);
    assert!(run.ok, "the twelfth county");
    println!(
        "2. the twelfth county ({n} donations) into the city of {}: {:>8.1} s, peak {}",
        11 * n,
        run.secs,
        mb(&run)
    );
    // 3. The same export again.
    let run = xingfu(&city, &["import"], &exports[11..]);
    assert!(run.ok, "again");
    println!("3. the same export again (already held):      {:>8.2} s, peak {}", run.secs, mb(&run));
    // 4. A newer export of one county replaces it.
    let newer = dir.join("county-newer");
    let _ = std::fs::remove_dir_all(&newer);
    newer_export(&exports[5], &newer, n / 100 * 100);
    let run = xingfu(&city, &["import"], std::slice::from_ref(&newer));
    assert!(run.ok, "newer");
    println!("4. a newer export of one county (1% changed, 1% new): {:>6.1} s, peak {}", run.secs, mb(&run));
    let store = Store::open(&city, OpenMode::Existing, "bench").expect("open");
    let mut store = store;
    store.checkpoint().expect("checkpoint");
    let s = store.summary().expect("summary");
    println!(
        "   city database: {:.0} MB, {} donations, {} projects, {} villages",
        size_mb(&city),
        s.donations,
        s.projects,
        s.villages
    );
    drop(store);

    // The console on the city of twelve.
    let (firsts, mut app) = first_frames(&city);
    report("start-up to first frame (12 counties)", &firsts);
    type_keys(&mut app, "4").ok();
    search_per_key(&mut app, "王建国", "search per keystroke: donor 王建国");
    search_per_key(&mut app, "wjg", "search per keystroke: initials wjg");
    type_keys(&mut app, "2").ok();
    search_per_key(&mut app, "样本村001", "search per keystroke: villages 样本村001");
    let down: Vec<Duration> = (0..100)
        .map(|_| {
            let t = Instant::now();
            type_keys(&mut app, "j").ok();
            let _ = capture::render(&app, 80, 24);
            t.elapsed()
        })
        .collect();
    report("next row, villages of 12 counties", &down);
    drop(app);

    // The summary report with its county level, for a year.
    let store = Store::open(&city, OpenMode::ReadOnly, "").expect("open");
    let (from, to) =
        (NaiveDate::from_ymd_opt(2025, 1, 1).expect("day"), NaiveDate::from_ymd_opt(2025, 12, 31).expect("day"));
    let now = Local::now().naive_local();
    let t = Instant::now();
    let r = xingfu::ops::report::summary::build(&store, from, to, Lang::Zh, now).expect("summary");
    println!(
        "summary report for 2025 ({} county rows, {} village rows): {:>8.2} s",
        r.sections[0].rows.len(),
        r.sections.last().map_or(0, |s| s.rows.len()),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let f = store.office_figures().expect("figures");
    println!("per-county figures (overview table, {} offices):  {:>8.2} ms", f.len(), ms(t.elapsed()));
    drop(store);

    // Lookup as a whole process.
    let mut times = Vec::new();
    for q in ["王建国", "样本村001", "510104101200"] {
        for _ in 0..5 {
            let t = Instant::now();
            let out = Command::new(BIN).arg("--db").arg(&city).args(["lookup", q]).stdout(Stdio::null()).status();
            assert!(out.map(|s| s.success()).unwrap_or(false), "lookup");
            times.push(t.elapsed());
        }
    }
    report("xingfu lookup (王建国, 样本村001, a code)", &times);
    let _ = DivisionCode::parse(CITY);
}
