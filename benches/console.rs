//! Console speed on a large database: start-up to the first complete frame, time per
//! navigation key, search latency per keystroke, and the peak memory of a console that
//! browsed to the end of the donations and searched.
//!
//! The database (N donations, `XINGFU_BENCH_DONATIONS`, default 1,000,000) is generated
//! and imported once into `target/bench-data/` and reused by later runs.
//!
//! Run: `cargo bench --bench console` (part of `bash benches/run.sh`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Local;
use xingfu::db::{OpenMode, Store};
use xingfu::domain::Lang;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::tui::action::Action;
use xingfu::tui::app::{App, Options};
use xingfu::tui::capture;
use xingfu::tui::keymap::Keymap;
use xingfu::tui::script::type_keys;
use xingfu::tui::theme::Theme;

fn data_db(n: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let db = dir.join(format!("scale-{n}.db"));
    if db.exists() {
        return db;
    }
    let files =
        xingfu::ops::scale::write(&dir.join(format!("scale-{n}")), n, xingfu::ops::demo::SEED).expect("generate");
    let tmp = dir.join(format!("scale-{n}.building.db"));
    let _ = std::fs::remove_file(&tmp);
    let mut store = Store::open(&tmp, OpenMode::Create, "bench").expect("open");
    let t = Instant::now();
    let report = import(&mut store, &files, ImportOptions::default(), &mut |_| {}).expect("import");
    assert!(!report.has_errors());
    store.checkpoint().expect("checkpoint");
    drop(store);
    std::fs::rename(&tmp, &db).expect("rename");
    println!("(built {} in {:.1} s)", db.display(), t.elapsed().as_secs_f64());
    db
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Applies an action and draws the frame; the time of both.
fn step(app: &mut App, a: Action) -> Duration {
    let t = Instant::now();
    app.update(a);
    let _ = capture::render(app, 80, 24);
    t.elapsed()
}

fn report(name: &str, times: &[Duration]) {
    let mut v: Vec<f64> = times.iter().map(|d| ms(*d)).collect();
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    let max = v[v.len() - 1];
    println!("{name:<38} median {median:>8.2} ms   max {max:>8.2} ms   (n={})", v.len());
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

fn main() {
    let n: u64 = std::env::var("XINGFU_BENCH_DONATIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let db = data_db(n);
    // The console part runs in a fresh process, so its peak memory is the console's alone.
    if std::env::var_os("XINGFU_BENCH_CHILD").is_none() {
        let status = std::process::Command::new(std::env::current_exe().expect("exe"))
            .env("XINGFU_BENCH_CHILD", "1")
            .status()
            .expect("child");
        std::process::exit(status.code().unwrap_or(1));
    }
    println!(
        "database: {} ({} MB, {n} donations)",
        db.display(),
        std::fs::metadata(&db).map(|m| m.len() / 1_000_000).unwrap_or(0)
    );
    let opts = Options {
        lang: Lang::Zh,
        theme: Theme::new(true, false),
        keymap: Keymap::default_map(),
        read_only: false,
        today: Local::now().date_naive(),
        now: None,
        training: None,
        mask_names: false,
        operators: Vec::new(),
        config: None,
    };
    let mut firsts = Vec::new();
    let mut app = None;
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(&db, OpenMode::Existing, "bench").expect("open");
        let a = App::new(store, opts.clone(), (80, 24)).expect("app");
        let _ = capture::render(&a, 80, 24);
        firsts.push(t.elapsed());
        app = Some(a);
    }
    report("start-up to first frame", &firsts);
    let mut app = app.expect("app");
    step(&mut app, Action::PaneDonations);
    report("next row (donations)", &(0..200).map(|_| step(&mut app, Action::Down)).collect::<Vec<_>>());
    report("page down (donations)", &(0..50).map(|_| step(&mut app, Action::PageDown)).collect::<Vec<_>>());
    let ends: Vec<Duration> = (0..10)
        .map(|_| {
            step(&mut app, Action::First);
            step(&mut app, Action::Last)
        })
        .collect();
    report("jump to end (donations)", &ends);
    report(
        "jump to start (donations)",
        &(0..10)
            .map(|_| {
                step(&mut app, Action::Last);
                step(&mut app, Action::First)
            })
            .collect::<Vec<_>>(),
    );
    report("next row near the end", &{
        step(&mut app, Action::Last);
        (0..100).map(|_| step(&mut app, Action::Up)).collect::<Vec<_>>()
    });
    // Search, keystroke by keystroke.
    let per_key = |app: &mut App, script: &str, label: &str| {
        let mut times = Vec::new();
        for _ in 0..3 {
            type_keys(app, "<esc>").ok();
            type_keys(app, "/").ok();
            for c in script.chars() {
                let t = Instant::now();
                type_keys(app, &c.to_string()).ok();
                let _ = capture::render(app, 80, 24);
                times.push(t.elapsed());
            }
            type_keys(app, "<esc>").ok();
        }
        report(label, &times);
    };
    per_key(&mut app, "王建国", "search per keystroke: donor 王建国");
    per_key(&mut app, "wjg", "search per keystroke: initials wjg");
    type_keys(&mut app, "2").ok();
    per_key(&mut app, "zxc", "search per keystroke: villages zxc");
    println!("peak RSS of the console process          {:>8.1} MB", peak_rss_kb() as f64 / 1024.0);
}
