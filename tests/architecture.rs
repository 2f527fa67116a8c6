//! The layers of ARCHITECTURE.md, checked on the source: no SQL outside `db`, no IO in
//! `domain`, and a console that reaches the database only through `ops::Desk`.

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read the source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut out);
    assert!(!out.is_empty(), "no sources under src/{dir}");
    out
}

/// The lines of the files under `src/dir` (comments left out) that contain any of `words`
/// as a whole word.
fn offending(dir: &str, words: &[&str]) -> Vec<String> {
    let whole_word = |line: &str, word: &str| {
        line.match_indices(word).any(|(i, _)| {
            let before = line[..i].chars().next_back();
            let after = line[i + word.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        })
    };
    let mut found = Vec::new();
    for path in sources(dir) {
        let text = std::fs::read_to_string(&path).expect("read a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if words.iter().any(|w| whole_word(code, w)) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_console_reaches_the_database_only_through_the_desk() {
    let found = offending("tui", &["Store", "rusqlite", "Connection", "db::Batch"]);
    assert!(found.is_empty(), "the console names the store:\n{}", found.join("\n"));
}

#[test]
fn no_sql_outside_db() {
    for layer in ["tui", "ops", "domain", "template", "cli"] {
        let found = offending(layer, &["rusqlite", "execute_batch", "prepare_cached"]);
        assert!(found.is_empty(), "SQL outside src/db:\n{}", found.join("\n"));
    }
}

#[test]
fn the_domain_does_no_io() {
    let found = offending("domain", &["std::fs", "File", "rusqlite", "std::net", "std::process"]);
    assert!(found.is_empty(), "IO in src/domain:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // The check itself: `Desk` is named in the console, `Store` in ops.
    assert!(!offending("tui", &["Desk"]).is_empty());
    assert!(!offending("ops", &["Store"]).is_empty());
}
