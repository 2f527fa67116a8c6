//! The documents operators and villages read say what the program does: the manual's
//! import exercise reports what the program reports, its key table names every action of
//! the keymap, and the template reference lists every column of the code, in Chinese and
//! in English. When one of these fails, the program changed: update the document with it.

mod common;

use std::path::Path;

use common::*;
use xingfu::domain::Kind;
use xingfu::tui::keymap::{Context, Keymap};

fn doc(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name)).expect("document")
}

/// The part of `text` from the heading that starts with `start` to the next heading of
/// the same level.
fn section<'a>(text: &'a str, start: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no section {start}"));
    let level = start.chars().take_while(|c| *c == '#').count();
    let rest = &text[from + start.len()..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| {
            let line = &rest[i..];
            line.chars().take_while(|c| *c == '#').count() == level && line[level..].starts_with(' ')
        })
        .unwrap_or(rest.len());
    &text[from..from + start.len() + end]
}

#[test]
fn the_import_exercise_reports_what_the_manual_shows_and_its_corrections_import() {
    let manual = doc("使用手册.md");
    let practice = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/practice/众心村-应急救灾捐赠登记.csv");
    let db = TempDb::new();
    xingfu().arg("--db").arg(&db.path).arg("demo").assert().success();
    let out = xingfu().arg("--db").arg(&db.path).arg("import").arg(&practice).assert().code(1).get_output().clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    // Each problem as the manual shows it (there wrapped across two lines of the popup).
    let problems = [
        ("第 5 行 「联系电话」列", "值「1381234567X」：不是有效电话号码（7–15 位数字，可带 +86、空格、短横线）"),
        ("第 6 行 「捐赠金额（元）」列", "值「-200」：金额不能为负数"),
        ("第 8 行 「项目编号」列", "值「ZX-2024-5」：项目 ZX-2024-5 不存在"),
        ("第 9 行 「捐赠日期」列", "值「2025-11-31」：日期不存在"),
    ];
    assert!(text.contains("发现 4 处错误，未写入任何数据："), "{text}");
    for (place, what) in problems {
        assert!(text.contains(&format!("{place} {what}")), "the program says: {text}");
        assert!(manual.contains(place) && manual.contains(what), "the manual shows {place} {what}");
    }
    assert!(manual.contains("捐赠：读取 10 行") && text.contains("捐赠：读取 10 行"));
    // The corrections of section 5.3, made in the copy with the 错误 column.
    let dir = tempfile::tempdir().unwrap();
    xingfu().arg("--db").arg(&db.path).args(["import", "--errors"]).arg(dir.path()).arg(&practice).assert().code(1);
    let copy = dir.path().join("众心村-应急救灾捐赠登记-错误.csv");
    let fixed = std::fs::read_to_string(&copy)
        .expect("the copy is named as the manual says")
        .replace("1381234567X", "13812345678")
        .replace(",'-200,", ",200,")
        .replace("ZX-2024-5,", "ZX-2024-05,")
        .replace("2025-11-31", "2025-11-30");
    std::fs::write(&copy, fixed).unwrap();
    let done = "捐赠：读取 10 行，新增 10，更新 0，未变 0";
    let again = "捐赠：读取 10 行，新增 0，更新 0，未变 10";
    assert!(manual.contains(done) && manual.contains(again));
    assert!(import(&db, &copy, &[]).contains(done));
    assert!(import(&db, &copy, &[]).contains(again));
    // Section 5.5: the bank statement, its income into ZX-2024-05.
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/practice/农行流水-示例.csv");
    let text = import(&db, &bank, &["--project", "ZX-2024-05"]);
    for line in [
        "按预设「银行对账单（收入）」（bank）读",
        "明细 3 行：捐赠 2 笔 ¥5,300.00，退款 0 笔 ¥0.00，跳过 1 行",
        "汇总「收入金额」¥5,300.00，明细 ¥5,300.00：相符",
        "汇总「笔数」3，明细 3：相符",
        "捐赠：读取 2 行，新增 2，更新 0，未变 0",
    ] {
        assert!(text.contains(line), "the program says: {text}");
        assert!(manual.contains(line), "the manual shows {line}");
    }
}

/// What a successful import of `file` prints.
fn import(db: &TempDb, file: &Path, options: &[&str]) -> String {
    let out = xingfu().arg("--db").arg(&db.path).arg("import").args(options).arg(file).assert().success();
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

#[test]
fn the_printable_key_table_names_every_action_of_the_keymap() {
    let manual = doc("使用手册.md");
    let table = section(&manual, "## 10. ");
    // The keys the table names, as the keymap labels them.
    let named: Vec<String> = table
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| if k == "Shift-Tab" { "S-Tab".to_string() } else { k.to_string() })
        .collect();
    let keymap = Keymap::default_map();
    // Every context but the small popups, whose keys are on their own screens.
    let contexts = Context::ALL.iter().filter(|c| {
        !matches!(
            c,
            Context::Picker | Context::Prompt | Context::Filter | Context::Report | Context::Welcome | Context::Help
        )
    });
    let mut missing = Vec::new();
    for &context in contexts {
        for (keys, action) in keymap.bindings(context) {
            if !keys.iter().any(|k| named.contains(&k.label())) {
                let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
                missing.push(format!("[{}] {} ({})", context.name(), action.name(), labels.join("/")));
            }
        }
    }
    assert!(missing.is_empty(), "add these to the key table of docs/使用手册.md, section 10:\n{}", missing.join("\n"));
}

/// The (header, key, required) rows of the column tables under each sheet's heading.
fn columns(text: &str, kind: Kind) -> Vec<(String, String, bool)> {
    let heading = text
        .lines()
        .position(|l| {
            let t = l.trim_start_matches('#');
            t.len() < l.len() && t.trim_start().starts_with(kind.sheet()) && {
                // 志愿者 is not 志愿排班, and 村社 is not 村社编码.
                let after = &t.trim_start()[kind.sheet().len()..];
                after.is_empty() || after.starts_with(' ') || after.starts_with('（')
            }
        })
        .unwrap_or_else(|| panic!("no heading for {}", kind.sheet()));
    text.lines()
        .skip(heading + 1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let header = cells[1].trim_end_matches('*');
            (header.to_string(), cells[2].to_string(), cells[1].ends_with('*'))
        })
        .collect()
}

#[test]
fn the_template_reference_lists_every_column_in_chinese_and_in_english() {
    let template = doc("TEMPLATE.md");
    let (chinese, english) = template.split_once("\n## English\n").expect("a Chinese and an English part");
    for kind in Kind::ALL {
        let code: Vec<(String, String, bool)> =
            kind.fields().iter().map(|f| (f.header.to_string(), f.key.to_string(), f.required)).collect();
        assert_eq!(columns(chinese, kind), code, "the Chinese table of {}", kind.sheet());
        assert_eq!(columns(english, kind), code, "the English table of {}", kind.sheet());
    }
}
