//! On the office's own PC: where the files are (`xingfu paths`), the drawing set and its
//! record in config.toml, paths given the way Windows gives them, and the terminal given
//! back after a panic — in-process, and in a real pseudo-terminal.
//!
//! What only Windows can run (its code page, whether a double-clicked console owns its
//! window) is decided by plain functions tested with Windows inputs in the library
//! (`tui::drawing`, `ops::paths`, `tui::decode`); the Windows build is checked by `.ci/run`.

mod common;

use std::path::Path;
use std::sync::Mutex;

use common::*;
use predicates::prelude::*;

/// `xingfu` with its folders under `home` (as the `directories` crate finds them on
/// Linux) and a known locale.
fn at_home(home: &Path, locale: &str) -> assert_cmd::Command {
    let mut c = xingfu();
    c.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("数据"))
        .env("XDG_CONFIG_HOME", home.join("配置"))
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("XINGFU_CONFIG_DIR")
        .env_remove("XINGFU_TRAINING_DIR");
    c
}

#[test]
fn paths_lists_the_folders_the_platform_gives_and_the_drawing_set() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path().display().to_string();
    at_home(home.path(), "zh_CN.UTF-8").arg("init").assert().success();
    let expected = format!(
        "数据库：    {h}/数据/xingfu/xingfu.db\n\
         数据文件夹：{h}/数据/xingfu\n\
         备份文件夹：{h}/数据/xingfu/backups（尚未创建）\n\
         配置文件：  {h}/配置/xingfu/config.toml（尚未创建）\n\
         按键设置：  {h}/配置/xingfu/keymap.toml（尚未创建）\n\
         导入预设：  {h}/配置/xingfu/presets（尚未创建）\n\
         培训文件夹：{h}/数据/xingfu/training（尚未创建）\n\
         界面字符：  制表符（区域设置 zh_CN.UTF-8）\n"
    );
    at_home(home.path(), "zh_CN.UTF-8").arg("paths").assert().success().stdout(expected);
    // A locale that is not UTF-8: plain ASCII; in English, no Chinese.
    at_home(home.path(), "zh_CN.GB18030")
        .args(["paths", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("drawing set:     ASCII (the locale zh_CN.GB18030 is not UTF-8)\n"))
        .stdout(predicate::str::contains(format!("database:        {h}/数据/xingfu/xingfu.db\n")));
    // --db, given as Explorer pastes a path: quoted.
    at_home(home.path(), "C")
        .args(["paths", "--db", &format!("\"{h}/村里 数据/大丰区.db\"")])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("数据库：    {h}/村里 数据/大丰区.db（尚未创建）\n")))
        .stdout(predicate::str::contains(format!("备份文件夹：{h}/村里 数据/backups（尚未创建）\n")));
}

#[test]
fn a_forced_drawing_set_is_remembered_in_config_toml_except_read_only() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("配置/xingfu/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "# 办公室电脑\nlang = \"zh\"\n").unwrap();
    // Without a terminal the console refuses to start, but the choice is recorded.
    at_home(home.path(), "zh_CN.UTF-8").arg("--ascii").assert().code(2);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# 办公室电脑\nlang = \"zh\"\ndrawing = \"ascii\"\n");
    at_home(home.path(), "zh_CN.UTF-8")
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("界面字符：  ASCII 字符（config.toml 中的 drawing 设置）"));
    // An inspector's forced choice is used, not written.
    at_home(home.path(), "zh_CN.UTF-8").args(["--read-only", "--unicode"]).assert().code(2);
    assert!(std::fs::read_to_string(&config).unwrap().contains("drawing = \"ascii\""));
    // --unicode replaces it; both at once is a usage error.
    at_home(home.path(), "zh_CN.UTF-8").arg("--unicode").assert().code(2);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# 办公室电脑\nlang = \"zh\"\ndrawing = \"unicode\"\n");
    at_home(home.path(), "zh_CN.UTF-8").args(["--ascii", "--unicode"]).assert().code(2);
    // Forced on the command line beats config.toml, for this run.
    at_home(home.path(), "zh_CN.UTF-8")
        .args(["paths", "--ascii"])
        .assert()
        .success()
        .stdout(predicate::str::contains("界面字符：  ASCII 字符（由命令行选项 --ascii / --unicode 指定）"));
}

#[test]
fn path_arguments_are_taken_as_explorer_and_the_console_give_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    // Quoted, as 复制为路径 gives it; and as a file: address with escapes.
    xingfu().args(["init", "--db", &format!("\"{d}/村里 数据/大丰区.db\"")]).assert().success();
    assert!(dir.path().join("村里 数据/大丰区.db").exists());
    xingfu().args(["init", "--db", &format!("file://{d}/%E4%BC%97%E5%BF%83%20%E6%9D%91.db")]).assert().success();
    assert!(dir.path().join("众心 村.db").exists());
    // A folder with the quote cmd leaves behind a trailing backslash.
    xingfu().args(["template", &format!("{d}/空白 模板\"")]).assert().success();
    assert!(dir.path().join("空白 模板/村社.csv").exists());
}

#[test]
fn an_empty_path_is_refused_not_taken_as_the_default_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    xingfu().args(["init", "--db", db]).assert().success();
    // `--db ""` must not open the default database; `restore ""` must not read "" as a file.
    for args in [vec!["--db", "", "check"], vec!["--db", db, "restore", "\"\""], vec!["--db", db, "import", " "]] {
        xingfu()
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains("路径为空").and(predicate::str::contains("the path is empty")));
    }
}

/// What the panic hook did, in order.
static EVENTS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

fn log(e: &'static str) {
    EVENTS.lock().unwrap_or_else(|p| p.into_inner()).push(e);
}

/// The events so far (copied out, so that a failing assertion's own panic can log).
fn events() -> Vec<&'static str> {
    EVENTS.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

#[test]
fn a_panic_gives_the_terminal_back_before_its_message_and_guarded_work_does_not() {
    // The hook that prints the message, as the standard one does.
    std::panic::set_hook(Box::new(|_| log("message")));
    xingfu::tui::terminal::chain_panic_hook(|| log("restore"), || log("after"));
    let caught = std::panic::catch_unwind(|| panic!("测试"));
    assert!(caught.is_err());
    assert_eq!(events(), ["restore", "message", "after"]);
    // Work beside the console: its panic is its error; the terminal and the message
    // are left to the console.
    let r = xingfu::tui::terminal::guarded::<()>(|| panic!("导入线程"));
    assert!(r.unwrap_err().starts_with("导入线程"));
    assert_eq!(events(), ["restore", "message", "after"]);
    let _ = std::panic::take_hook();
}

/// The child of the next test, in a pseudo-terminal: takes the terminal as the console
/// does, and panics.
#[test]
#[ignore = "run by the_terminal_is_restored_after_a_panic_in_a_real_terminal, inside a pseudo-terminal"]
fn pty_child_takes_the_terminal_and_panics() {
    if std::env::var_os("XINGFU_TEST_PTY_CHILD").is_none() {
        return;
    }
    let _terminal = xingfu::tui::terminal::enter(xingfu::domain::Lang::Zh).expect("a terminal");
    assert!(ratatui::crossterm::terminal::is_raw_mode_enabled().expect("mode"));
    println!("IN RAW MODE");
    panic!("控制台出错");
}

/// Unix only: `script` (util-linux) gives the child a pseudo-terminal and runs `stty`
/// in the same terminal afterwards. Windows has no such tool; the hook's order is
/// tested above on every system.
#[cfg(unix)]
#[test]
fn the_terminal_is_restored_after_a_panic_in_a_real_terminal() {
    let me = std::env::current_exe().unwrap();
    let cmd = format!(
        "'{}' pty_child_takes_the_terminal_and_panics --exact --ignored --nocapture --test-threads=1; stty -a",
        me.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("XINGFU_TEST_PTY_CHILD", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let entered = text.find("\x1b[?1049h").unwrap_or_else(|| panic!("entered the alternate screen: {text:?}"));
    assert!(text.contains("IN RAW MODE"), "{text:?}");
    let left = text.rfind("\x1b[?1049l").unwrap_or_else(|| panic!("left the alternate screen: {text:?}"));
    assert!(entered < left);
    // The message comes after the terminal is back, so it can be read.
    let said = text.find("幸福控制台意外中止").unwrap_or_else(|| panic!("said what happened: {text:?}"));
    assert!(left < said, "{text:?}");
    assert!(text[left..].contains("控制台出错"), "{text:?}");
    // Raw mode is off in the terminal afterwards: the line discipline and echo are on.
    let stty = &text[said..];
    assert!(stty.contains(" icanon") && stty.contains(" echo "), "{stty:?}");
    assert!(!stty.contains("-icanon") && !stty.contains("-echo "), "{stty:?}");
}
