//! What the benchmarks share: a child process's wall time and peak memory, the console's
//! start-up, and the report of a series of timings.

#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Local;
use xingfu::db::{OpenMode, Store};
use xingfu::domain::Lang;
use xingfu::tui::app::{App, Options};
use xingfu::tui::capture;
use xingfu::tui::keymap::Keymap;
use xingfu::tui::theme::Theme;

/// A finished child: whether it succeeded, its wall time in seconds, its peak resident
/// memory in MB (when the system says).
pub struct Run {
    pub ok: bool,
    pub secs: f64,
    pub peak_mb: Option<f64>,
}

#[cfg(unix)]
pub fn wait_for(child: std::process::Child) -> (bool, Option<f64>) {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; the pointers are to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    let ok = r == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports ru_maxrss in KiB.
    (ok, Some(usage.ru_maxrss as f64 * 1024.0 / 1e6))
}

#[cfg(windows)]
pub fn wait_for(mut child: std::process::Child) -> (bool, Option<f64>) {
    // Peak memory of a child is not measured on Windows.
    (child.wait().map(|s| s.success()).unwrap_or(false), None)
}

/// The release binary of this build.
pub const BIN: &str = env!("CARGO_BIN_EXE_xingfu");

/// `xingfu --db DB WORDS… ARGS…` as a child process, its output discarded.
pub fn run<P: AsRef<std::ffi::OsStr>>(db: &Path, words: &[&str], args: &[P]) -> Run {
    let t = Instant::now();
    let child = std::process::Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(words)
        .args(args)
        .env_remove("XINGFU_TEST_PAUSE_IMPORT")
        // Every write names its operator.
        .env("XINGFU_OPERATOR", "bench")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn xingfu");
    let (ok, peak_mb) = wait_for(child);
    Run { ok, secs: t.elapsed().as_secs_f64(), peak_mb }
}

pub fn mb(run: &Run) -> String {
    run.peak_mb.map_or("not measured".to_string(), |m| format!("{m:.0} MB"))
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median and the slowest of a series of timings, on one line.
pub fn report(name: &str, times: &[Duration]) {
    let mut v: Vec<f64> = times.iter().map(|d| ms(*d)).collect();
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    let max = v[v.len() - 1];
    println!("{name:<38} median {median:>8.2} ms   max {max:>8.2} ms   (n={})", v.len());
}

/// How a measured console starts: Chinese, colours, today.
pub fn console_options() -> Options {
    Options {
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
    }
}

/// Five starts of the console on `db`, each to its first complete frame at 80×24: their
/// times, and the last console.
pub fn first_frames(db: &Path) -> (Vec<Duration>, App) {
    let mut times = Vec::new();
    let mut app = None;
    for _ in 0..5 {
        let t = Instant::now();
        let store = Store::open(db, OpenMode::Existing, "bench").expect("open");
        let a = App::new(store, console_options(), (80, 24)).expect("app");
        let _ = capture::render(&a, 80, 24);
        times.push(t.elapsed());
        app = Some(a);
    }
    (times, app.expect("a console"))
}

/// Search typed into the list in front, keystroke by keystroke, three times: each
/// keystroke's time with its frame.
pub fn search_per_key(app: &mut App, script: &str, label: &str) {
    use xingfu::tui::script::type_keys;
    let mut times = Vec::new();
    for _ in 0..3 {
        type_keys(app, "<esc>/").ok();
        for c in script.chars() {
            let t = Instant::now();
            type_keys(app, &c.to_string()).ok();
            let _ = capture::render(app, 80, 24);
            times.push(t.elapsed());
        }
        type_keys(app, "<esc>").ok();
    }
    report(label, &times);
}
