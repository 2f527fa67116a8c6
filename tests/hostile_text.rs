//! Hostile text (issue 17): nothing raw reaches a terminal, a printed page or a
//! spreadsheet. The corpus in `tests/fixtures/hostile_text/` (written by its `make.py`)
//! holds names and notes with C0 and C1 controls, ESC and OSC sequences, U+009B, bidi
//! overrides and isolates, zero-width characters, a lone surrogate in a UTF-16 file,
//! combining marks, very long runs, Arabic and Hebrew, emoji and 𠮷. Values that must reach
//! the database some other way (an older version, a hand edit) are written with rusqlite.
//!
//! One test per output: the import report and its error copy, the console (lists and a
//! form), `lookup`, `card` (text and HTML), reports (text, HTML, CSV, XLSX), the CSV and
//! XLSX exports, and the audit log. Each output must hold no raw control byte,
//! no bidi control (so none unbalanced), and no formula.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xingfu::db::{OpenMode, Store};
use xingfu::domain::Lang;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::tui::app::{App, Options};
use xingfu::tui::keymap::Keymap;
use xingfu::tui::theme::Theme;
use xingfu::tui::view;

fn corpus(part: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile_text").join(part)
}

/// A character that must never be output as it is: C0 controls but the line feed, DEL, C1
/// controls, bidi embeddings, overrides, isolates and marks, zero-width characters, the BOM,
/// the soft hyphen and tag characters. Written out here, not taken from the code under test.
fn raw(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n')
        || (0x7F..=0x9F).contains(&u)
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || matches!(u, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0x061C | 0x00AD)
        || (0xE0000..=0xE007F).contains(&u)
}

/// Asserts `text` holds nothing raw (a `\r\n` line end is allowed); names the first culprit.
fn assert_clean(what: &str, text: &str) {
    let text = text.replace("\r\n", "\n");
    if let Some((i, c)) = text.char_indices().find(|(_, c)| raw(*c)) {
        let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        let around: String = text[from..].chars().take(60).collect();
        panic!("{what}: raw U+{:04X} at byte {i}, in {around:?}", c as u32);
    }
}

/// The stored values that did not come through an import: terminal sequences, C1 controls,
/// bidi overrides, zero-width characters and line breaks.
const HOSTILE_VILLAGE: &str = "众心村\u{1b}[31m红字\u{1b}]0;pwn\u{7}\u{9b}31m\u{202e}倒转\u{202c}";
const HOSTILE_PAYEE: &str = "\u{202e}西团小学\u{200b}";
const HOSTILE_VOLUNTEER: &str = "\u{9d}0;pwn\u{9c}李\u{2067}";
const HOSTILE_DONOR: &str = "\u{1b}[2J王\u{200d}";
const HOSTILE_TITLE: &str = "项目\u{2066}第一行\n第二行\u{7f}";

/// A database holding the accepted corpus, then hostile values written past the rules.
fn hostile_db() -> TempDb {
    let db = TempDb::new();
    {
        let mut store = db.open();
        let report = import(&mut store, &[corpus("accepted")], ImportOptions::default(), &mut |_| {}).unwrap();
        assert!(report.written && !report.has_errors(), "{:?}", report.problems);
    }
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let set = |sql: &str, value: &str, key: &str| {
        assert_eq!(conn.execute(sql, rusqlite::params![value, key]).unwrap(), 1, "{sql}");
    };
    set("UPDATE villages SET name = ?1 WHERE code = ?2", HOSTILE_VILLAGE, "320904900001");
    set("UPDATE villages SET note = ?1 WHERE code = ?2", "注\u{1b}[8m隐藏\u{202e}", "320904900001");
    set("UPDATE projects SET title = ?1 WHERE code = ?2", HOSTILE_TITLE, "ZX-H-02");
    set("UPDATE disbursements SET payee = ?1 WHERE ref = ?2", HOSTILE_PAYEE, "B-H-0001");
    set("UPDATE volunteers SET name = ?1 WHERE code = ?2", HOSTILE_VOLUNTEER, "V-H-001");
    set("UPDATE donations SET donor_name = ?1 WHERE ref = ?2", HOSTILE_DONOR, "D-H-0002");
    db
}

// ---------------------------------------------------------------------------------------
// The import report.

#[test]
fn the_import_report_quotes_hostile_values_as_visible_escapes() {
    let dir = tempfile::tempdir().unwrap();
    // A file name with a right-to-left override: the name is shown, never obeyed.
    let renamed = dir.path().join("村社-\u{202e}倒转.csv");
    std::fs::copy(corpus("rejected/村社.csv"), &renamed).unwrap();
    let inputs =
        [renamed, corpus("rejected/项目.csv"), corpus("rejected/志愿者-utf16.csv"), corpus("utf16-lone-surrogate")];
    for (lang, reason) in [("zh", "格式字符 U+202E"), ("en", "format character U+202E")] {
        let db = dir.path().join(format!("{lang}.db"));
        let out = xingfu().arg("--db").arg(&db).args(["--lang", lang, "import"]).args(&inputs).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "rejected");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_clean("import stdout", &stdout);
        assert_clean("import stderr", &stderr);
        for shown in
            ["\\u{1b}[31m", "\\u{1b}]0;pwn\\u{7}", "\\u{9b}31m", "\\u{202e}", "\\u{200b}", "\\u{7f}", "\\u{9d}"]
        {
            assert!(stdout.contains(shown), "{shown} is shown: {stdout}");
        }
        assert!(stdout.contains("村社-\\u{202e}倒转.csv"), "{stdout}");
        assert!(stdout.contains(reason), "{stdout}");
        // Every row of the villages file breaks the rule once, each on one line; a
        // 5,000-character name is quoted cut, not whole.
        let rows = stdout.lines().filter(|l| l.contains("倒转.csv") && !l.contains("sha256")).count();
        assert_eq!(rows, 15, "{stdout}");
        assert!(stdout.lines().all(|l| l.chars().count() < 600), "long values are cut");
        // The lone surrogate makes its file unreadable, and the volunteer in UTF-16 is refused.
        assert!(stdout.contains("utf16-lone-surrogate"), "{stdout}");
        assert!(stdout.contains("李\\u{1b}[5m闪烁"), "{stdout}");
    }
    // The same problems as the console's report shows them.
    let db = TempDb::new();
    let report = import(&mut db.open(), &inputs, ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(!report.written && report.errors().count() >= 18, "{:?}", report.problems);
    for p in &report.problems {
        for lang in [Lang::Zh, Lang::En] {
            assert_clean("problem message", &p.message(lang));
        }
    }
}

/// The text of every `.xml` part of a workbook, each checked clean and formula-free.
fn xlsx_xml(book: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().map(|n| n.into_owned()).unwrap();
        if !name.ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
        assert_clean(&name, &xml);
        // A control character in XLSX is written as `_x001B_`, which Excel turns back.
        assert!(!xml.contains("_x00"), "{name} escapes a control character");
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{name} holds a formula");
        all.push_str(&xml);
    }
    all
}

#[test]
fn the_error_copy_gives_refused_values_back_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let copy = dir.path().join("错误.xlsx");
    let out = xingfu()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(corpus("rejected"))
        .arg("--errors")
        .arg(&copy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = xlsx_xml(&copy);
    for shown in ["众心村\\u{1b}[31m红字", "\\u{202e}村社名称\\u{202c}", "零宽\\u{200b}村", "ZX\\u{202e}-10-R"]
    {
        assert!(xml.contains(shown), "{shown} in the copy");
    }
    // A folder of CSV copies: nothing raw either.
    let folder = dir.path().join("错误");
    std::fs::create_dir_all(&folder).unwrap();
    let out = xingfu()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(corpus("rejected"))
        .arg("--errors")
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec()).unwrap();
        assert_clean(&path.display().to_string(), &text);
    }
}

#[test]
fn notes_lose_format_characters_with_a_warning_and_names_keep_every_script() {
    let db = TempDb::new();
    let out =
        xingfu().arg("--db").arg(&db.path).args(["--lang", "en", "import"]).arg(corpus("accepted")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_clean("import stdout", &stdout);
    let warnings = stdout.lines().filter(|l| l.contains("invisible format characters")).count();
    assert_eq!(warnings, 6, "{stdout}");
    assert!(stdout.contains("value \"\\u{202e}注释\\u{202c}\": 2 invisible"), "{stdout}");
    let store = db.open();
    let v = store.get::<xingfu::domain::Village>("320904900001").unwrap().unwrap();
    assert_eq!((v.name.as_str(), v.note.as_deref()), ("مريم قرية 众心", Some("备注倒转的文字，金额 100 元")));
    let v = store.get::<xingfu::domain::Village>("320904900002").unwrap().unwrap();
    assert_eq!((v.name.as_str(), v.note.as_deref()), ("כפר שלום", Some("零宽字符\n第二行")));
    let v = store.get::<xingfu::domain::Village>("320904900004").unwrap().unwrap();
    assert_eq!(v.name, "Ame\u{301}lie 村 e\u{301}\u{302}\u{303}");
    assert_eq!(v.note.as_deref(), Some("עברית 123"));
    let v = store.get::<xingfu::domain::Village>("320904900007").unwrap().unwrap();
    assert_eq!(v.name, "𠮷".repeat(50));
    let d = store.get::<xingfu::domain::Donation>("D-H-0002").unwrap().unwrap();
    assert_eq!(d.donor_name.as_deref(), Some("🙂 王𠮷"));
}

// ---------------------------------------------------------------------------------------
// The console.

fn options() -> Options {
    Options {
        lang: Lang::Zh,
        theme: Theme::new(false, false),
        keymap: Keymap::default_map(),
        read_only: false,
        today: NaiveDate::from_ymd_opt(2024, 12, 15).unwrap(),
        now: NaiveDate::from_ymd_opt(2024, 12, 15).unwrap().and_hms_opt(9, 30, 0),
        training: None,
        mask_names: false,
        operators: Vec::new(),
        config: None,
    }
}

/// Every symbol the screen holds, row by row (the cell a wide character covers is skipped).
fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let symbol = buf[(x, y)].symbol();
            text.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        text.push('\n');
    }
    text
}

#[test]
fn the_console_draws_stored_control_and_bidi_characters_as_escapes() {
    let db = hostile_db();
    let mut app = App::new(db.open(), options(), (120, 40)).unwrap();
    let mut seen = String::new();
    // Villages (the hostile one is first by name), projects, donations, volunteers.
    for script in ["2", "3", "4", "5"] {
        xingfu::tui::script::type_keys(&mut app, script).unwrap();
        let text = screen_text(&app, 120, 40);
        assert_clean(&format!("screen after {script}"), &text);
        seen.push_str(&text);
    }
    for shown in ["\\u{1b}[31m", "\\u{202e}", "\\u{9d}", "\\u{1b}[2J", "\\u{2066}"] {
        assert!(seen.contains(shown), "{shown} is drawn visibly:\n{seen}");
    }
    assert!(seen.contains("第一行⏎第二行"), "a line break in a one-line place shows as ⏎:\n{seen}");
    assert!(seen.contains("مريم") || seen.contains("כפר"), "right-to-left names are drawn:\n{seen}");
}

#[test]
fn a_form_refuses_a_pasted_bidi_override_and_names_it() {
    let db = hostile_db();
    let mut app = App::new(db.open(), options(), (120, 40)).unwrap();
    // A new village; the name pasted with a right-to-left override around it.
    xingfu::tui::script::type_keys(
        &mut app,
        "2n320904900099<tab>\u{202e}村社名称\u{202c}<tab>西团镇<tab>大丰区<backtab><backtab>",
    )
    .unwrap();
    let text = screen_text(&app, 120, 40);
    assert_clean("form", &text);
    assert!(text.contains("\\u{202e}村社名称\\u{202c}"), "the value is drawn visibly:\n{text}");
    assert!(text.contains("格式字符 U+202E"), "the reason names the character:\n{text}");
    xingfu::tui::script::type_keys(&mut app, "<c-s>").unwrap();
    assert!(app.store.get::<xingfu::domain::Village>("320904900099").unwrap().is_none(), "never saved");
}

// ---------------------------------------------------------------------------------------
// lookup.

#[test]
fn lookup_prints_stored_values_safely_as_text_and_json() {
    let db = hostile_db();
    for query in ["320904900001", "ZX-H-01", "ZX-H-02", "V-H-001"] {
        let out = xingfu().arg("--db").arg(&db.path).args(["--lang", "en", "lookup", query]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_clean(&format!("lookup {query}"), &stdout);
        assert!(stdout.contains("\\u{"), "lookup {query} shows the escapes: {stdout}");
    }
    let out = xingfu().arg("--db").arg(&db.path).args(["lookup", "320904900001", "--json"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_clean("lookup --json", &stdout);
    // The JSON escapes mean the stored value exactly: nothing is lost.
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json[0]["village"]["name"], HOSTILE_VILLAGE, "{stdout}");
}

// ---------------------------------------------------------------------------------------
// card: text and HTML.

#[test]
fn the_card_prints_safely_and_its_page_isolates_every_value() {
    let db = hostile_db();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("card.html");
    let out = xingfu().arg("--db").arg(&db.path).args(["card", "320904900001", "--out"]).arg(&page).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_clean("card text", &stdout);
    assert!(stdout.contains("众心村\\u{1b}[31m红字") && stdout.contains("\\u{202e}西团小学"), "{stdout}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert_clean("card HTML", &html);
    assert_eq!(html.matches("<bdi>").count(), html.matches("</bdi>").count());
    assert!(html.contains("unicode-bidi: isolate"));
    // Every value stands in its own isolate: the code, an Arabic title, a hostile payee,
    // a volunteer, the village name in the heading.
    for value in [
        "320904900001",
        "ZX-H-01",
        "مشروع التعليم 助学",
        "\\u{202e}西团小学\\u{200b}",
        "\\u{9d}0;pwn\\u{9c}李\\u{2067}",
        "众心村\\u{1b}[31m红字\\u{1b}]0;pwn\\u{7}\\u{9b}31m\\u{202e}倒转\\u{202c}",
    ] {
        let isolated = format!("<bdi>{value}</bdi>");
        assert!(html.contains(&isolated), "{isolated} in\n{html}");
        let body = &html[html.find("<body>").unwrap()..];
        assert_eq!(body.matches(value).count(), body.matches(&isolated).count(), "{value} only isolated");
    }
    // Markup in a name is text.
    let page = dir.path().join("script.html");
    let out = xingfu().arg("--db").arg(&db.path).args(["card", "320904900006", "--out"]).arg(&page).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<script>") && html.contains("<bdi>&lt;script&gt;alert(1)&lt;/script&gt;村</bdi>"),
        "{html}"
    );
}

// ---------------------------------------------------------------------------------------
// Reports: the notice for the village board and the statement, printed and written.

#[test]
fn reports_print_and_write_stored_values_safely() {
    let db = hostile_db();
    let dir = tempfile::tempdir().unwrap();
    let period = ["--from", "2024-01-01", "--to", "2024-12-31"];
    let run = |args: &[&str], out: &Path| {
        let output = xingfu()
            .arg("--db")
            .arg(&db.path)
            .arg("report")
            .args(args)
            .args(period)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_clean("report stdout", &stdout);
        stdout
    };
    let notice = dir.path().join("公示.html");
    let text = run(&["notice", "--project", "ZX-H-01"], &notice);
    assert!(text.contains("\\u{1b}[2J王\\u{200d}") && text.contains("\\u{202e}西团小学"), "{text}");
    let html = std::fs::read_to_string(&notice).unwrap();
    assert_clean("notice HTML", &html);
    assert_eq!(html.matches("<bdi>").count(), html.matches("</bdi>").count());
    assert!(html.contains("<bdi>\\u{202e}西团小学\\u{200b}</bdi>") && html.contains("unicode-bidi: isolate"), "{html}");
    for name in ["收支.html", "收支.csv", "收支.xlsx"] {
        let out = dir.path().join(name);
        let text = run(&["statement", "--village", "320904900001"], &out);
        assert!(text.contains("众心村\\u{1b}[31m红字"), "{text}");
        if name.ends_with(".xlsx") {
            xlsx_xml(&out);
            continue;
        }
        let bytes = std::fs::read(&out).unwrap();
        let written = String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec()).unwrap();
        assert_clean(name, &written);
        assert!(written.contains("众心村\\u{1b}[31m红字"), "{name}: {written}");
        if name.ends_with(".csv") {
            let mut reader =
                csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(written.as_bytes());
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    assert_no_formula(name, cell);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// CSV and XLSX exports.

/// No text cell may start a formula when opened in a spreadsheet.
fn assert_no_formula(what: &str, cell: &str) {
    assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{what}: formula {cell:?}");
}

#[test]
fn exports_hold_no_control_bidi_or_formula() {
    let db = hostile_db();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("csv");
    let out = xingfu().arg("--db").arg(&db.path).args(["export", "--format", "csv"]).arg(&folder).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut files = 0;
    let mut all = String::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        // The BOM at the very start is the file's encoding.
        let text = String::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec()).unwrap();
        assert_clean(&path.display().to_string(), &text);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert_no_formula(&path.display().to_string(), cell);
            }
        }
        all.push_str(&text);
        files += 1;
    }
    assert!(files >= 5);
    assert!(all.contains("众心村\\u{1b}[31m红字") && all.contains("'=HYPERLINK(") && all.contains("'=1+1"), "{all}");
    assert!(all.contains("مريم قرية 众心") || all.contains("כפר שלום"), "scripts kept");

    let book = dir.path().join("export.xlsx");
    let out = xingfu().arg("--db").arg(&db.path).arg("export").arg(&book).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let xml_all = xlsx_xml(&book);
    assert!(xml_all.contains("众心村\\u{1b}[31m红字"), "the hostile name is exported visibly");
}

// ---------------------------------------------------------------------------------------
// The audit log.

#[test]
fn the_audit_log_holds_no_raw_text_and_loses_nothing() {
    let db = hostile_db();
    // An operator name from the environment is untrusted too.
    let operator = "\u{1b}]0;pwn\u{7}操作员\u{202e}";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("村社.csv");
    std::fs::write(
        &file,
        "村社编码,村社名称,乡镇（街道）,县（市、区）,设区市,备注\n320904900001,众心村,西团镇,大丰区,盐城市,新备注\n",
    )
    .unwrap();
    let mut store = Store::open(&db.path, OpenMode::Existing, operator).unwrap();
    let opts = ImportOptions { update: true, ..ImportOptions::default() };
    let report = import(&mut store, &[file], opts, &mut |_| {}).unwrap();
    assert!(report.written, "{:?}", report.problems);
    drop(store);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let mut stmt = conn.prepare("SELECT operator, action, kind, code, before, after FROM audit ORDER BY id").unwrap();
    let rows: Vec<[Option<String>; 6]> = stmt
        .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for row in &rows {
        for text in row.iter().flatten() {
            assert_clean("audit row", text);
        }
    }
    let update = rows.iter().find(|r| r[1].as_deref() == Some("update")).expect("an update row");
    assert_eq!(update[0].as_deref(), Some("\\u{1b}]0;pwn\\u{7}操作员\\u{202e}"));
    let before: serde_json::Value = serde_json::from_str(update[4].as_deref().unwrap()).unwrap();
    assert_eq!(before["village_name"], HOSTILE_VILLAGE, "the old value is kept exactly");
}
