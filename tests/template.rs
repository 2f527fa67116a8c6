//! The standard template end to end: files written by LibreOffice Calc import with every
//! value form, imports are all-or-nothing and idempotent, exports import back unchanged.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use xingfu::db::{Selection, Store};
use xingfu::domain::*;
use xingfu::ops::export::{Format, export};
use xingfu::ops::import::{ImportOptions, ImportReport, import, write_error_copy};
use xingfu::template::write::CsvEncoding;
use xingfu::template::{Issue, Problem};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/libreoffice").join(name)
}

fn run(store: &mut Store, paths: &[PathBuf], opts: ImportOptions) -> ImportReport {
    import(store, paths, opts, &mut |_| {}).expect("import ran")
}

fn errors(report: &ImportReport) -> Vec<&Problem> {
    report.errors().collect()
}

/// Every CSV file of an export folder, by name.
fn csv_export(store: &Store, dir: &Path, sel: &Selection) -> Vec<(String, String)> {
    export(store, dir, Format::Csv(CsvEncoding::Utf8Bom), sel, &mut |_, _| {}).expect("export");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_workbook_saved_by_libreoffice_imports_every_value_form() {
    let db = TempDb::new();
    let mut store = db.open();
    let report = run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert!(report.written);
    let counts: Vec<(Kind, u64)> = report.counts.iter().map(|(k, c)| (*k, c.inserted)).collect();
    assert_eq!(
        counts,
        [
            (Kind::Village, 3),
            (Kind::Project, 6),
            (Kind::Donation, 7),
            (Kind::Disbursement, 2),
            (Kind::Volunteer, 3),
            (Kind::Shift, 4)
        ]
    );
    // Numbers typed as numbers, as text, grouped, with ¥ ￥ 元, full-width.
    for (code, target) in [
        ("ZX-2021-01", "850000"),
        ("ZX-2021-02", "300000"),
        ("ZX-2022-03", "1234.5"),
        ("CT-2022-01", "1234.5"),
        ("CT-2022-02", "1234.5"),
        ("XT-2023-01", "1234.5"),
    ] {
        assert_eq!(store.get::<Project>(code).unwrap().unwrap().target, yuan(target), "{code}");
    }
    // Dates as date cells, text in every form, and a bare serial number.
    let p = store.get::<Project>("ZX-2022-03").unwrap().unwrap();
    assert_eq!(p.start_date, date("2021-05-10"));
    assert_eq!(store.get::<Project>("ZX-2021-02").unwrap().unwrap().end_date, Some(date("2024-06-30")));
    let d = store.get::<Donation>("TX20210510001").unwrap().unwrap();
    assert_eq!(d.donor_name.as_deref(), Some("吉𠮷"));
    assert_eq!(d.donor_type, DonorType::NativeVillager);
    assert_eq!((d.receipt_code.as_deref(), d.receipt_no.as_deref()), (Some("32010121"), Some("00000001")));
    let d = store.get::<Donation>("TX20210510002").unwrap().unwrap();
    assert!(d.matching);
    assert_eq!((d.amount, d.donated_on), (yuan("350000"), date("2021-05-10")));
    assert_eq!(store.get::<Donation>("TX20210511003").unwrap().unwrap().donor_name, None);
    assert_eq!(store.get::<Donation>("BANK-0001").unwrap().unwrap().donor_name, None);
    assert_eq!(store.get::<Donation>("TX20220102005").unwrap().unwrap().donated_on, date("2022-01-02"));
    let note = store.get::<Donation>("TX20220101004").unwrap().unwrap().note;
    assert_eq!(note.as_deref(), Some("多行备注\n第二行"));
    // Codes and phones typed as numbers keep every digit.
    let v = store.get::<Village>("320904110222").unwrap().unwrap();
    assert_eq!((v.households, v.population), (Some(1200), Some(3500)));
    assert_eq!(store.get::<Village>("320904104203").unwrap().unwrap().contact_phone.as_deref(), Some("13900001111"));
    // Time cells and hours.
    let s = store.get::<Shift>("PB-0001").unwrap().unwrap();
    assert_eq!(s.start_time, chrono::NaiveTime::from_hms_opt(8, 30, 0));
    assert_eq!(s.hours, Hours::from_tenths(25));
    assert_eq!(store.get::<Volunteer>("CTV001").unwrap().unwrap().name, "赵𠮷");
    let f = store.project_figures("ZX-2021-01").unwrap().unwrap();
    assert_eq!((f.raised_public, f.raised_matching, f.disbursed), (yuan("500088.88"), yuan("350000"), yuan("400000")));
    assert_eq!(store.volunteer_figures("ZXV001").unwrap().unwrap().served_hours, Hours::from_tenths(55));
    // One audit event for the import, with the file's SHA-256; none per inserted record.
    let log = store.audit_log(100).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "import");
    assert!(log[0].after.as_deref().unwrap().contains(&report.files[0].sha256));
}

#[test]
fn gb18030_csv_files_from_libreoffice_import_the_same_records() {
    let (a, b) = (TempDb::new(), TempDb::new());
    let (mut sa, mut sb) = (a.open(), b.open());
    assert!(!run(&mut sa, &[fixture("office.xlsx")], ImportOptions::default()).has_errors());
    let report = run(&mut sb, &[fixture("gb18030")], ImportOptions::default());
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert_eq!(report.files.len(), 6);
    let out = tempfile::tempdir().unwrap();
    let ea = csv_export(&sa, &out.path().join("a"), &Selection::default());
    let eb = csv_export(&sb, &out.path().join("b"), &Selection::default());
    assert_eq!(ea, eb);
    assert!(ea.iter().any(|(_, text)| text.contains("吉𠮷")));
}

#[test]
fn a_zip_of_csv_files_is_one_import() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("众心村.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        // Donations before villages in the archive: references resolve across files.
        for name in ["捐赠.csv", "项目.csv", "村社.csv"] {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, &std::fs::read(fixture("gb18030").join(name)).unwrap()).unwrap();
        }
        zip.finish().unwrap();
    }
    let db = TempDb::new();
    let mut store = db.open();
    let report = run(&mut store, &[zip_path], ImportOptions::default());
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert_eq!(store.summary().unwrap().donations, 7);
}

#[test]
fn the_1904_date_system_merged_cells_and_trailing_rows() {
    let db = TempDb::new();
    let mut store = db.open();
    run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    let report = run(&mut store, &[fixture("edge-1904.xlsx")], ImportOptions::default());
    // The merged cell of row 4 leaves that row's other required cells empty; the
    // formatted empty rows after it are skipped.
    let rows: Vec<Option<u32>> = errors(&report).iter().map(|p| p.row).collect();
    assert_eq!(rows, [Some(4); 4]);
    assert!(errors(&report).iter().all(|p| p.issue == Issue::Rule(Rule::Required)));
    assert_eq!(report.counts[&Kind::Shift].read, 3);
    // Without the merged row, the 1904 serials read as their real dates.
    let sheets = &report.sheets;
    let view = |r: usize| sheets[0].rows[r].cells[2].to_string();
    assert_eq!((view(0), view(1)), ("2021-05-10".to_string(), "2024-02-29".to_string()));
    assert_eq!(&sheets[0].rows[0].cells[3], "2", "a number stored as text");
}

#[test]
fn re_importing_the_same_files_changes_nothing() {
    let db = TempDb::new();
    {
        let mut store = db.open();
        run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    }
    let before = std::fs::read(&db.path).unwrap();
    {
        let mut store = db.open();
        let report = run(&mut store, &[fixture("office.xlsx"), fixture("gb18030")], ImportOptions::default());
        assert_eq!(errors(&report), Vec::<&Problem>::new());
        assert!(!report.written && report.nothing_to_do);
        assert!(report.counts.values().all(|c| c.inserted == 0 && c.updated == 0 && c.unchanged == c.read));
        assert_eq!(report.backup, None);
    }
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

/// Writes a CSV file into `dir`.
fn csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_changed_row_is_a_conflict_unless_updating() {
    let db = TempDb::new();
    let mut store = db.open();
    run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let changed = csv(
        dir.path(),
        "v.csv",
        "村社编码,村社名称,乡镇（街道）,县（市、区）,人口\n320904104203,西团村委会,西团镇,大丰区,4100\n",
    );
    let report = run(&mut store, std::slice::from_ref(&changed), ImportOptions::default());
    let e = errors(&report);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].row, e[0].column.as_deref(), e[0].value.as_str()), (Some(2), Some("村社编码"), "320904104203"));
    // The file leaves 联系电话, 加入日期 and 状态 empty (状态 then defaults to 实施中).
    assert_eq!(
        e[0].issue,
        Issue::Conflict {
            fields: vec!["联系电话".into(), "人口".into(), "加入日期".into(), "状态".into()]
        }
    );
    assert_eq!(store.get::<Village>("320904104203").unwrap().unwrap().population, None);

    let report = run(&mut store, &[changed], ImportOptions { update: true, ..ImportOptions::default() });
    assert!(!report.has_errors() && report.written);
    assert_eq!(report.counts[&Kind::Village].updated, 1);
    assert_eq!(store.get::<Village>("320904104203").unwrap().unwrap().population, Some(4100));
    let log = store.audit_log(2).unwrap();
    assert_eq!((log[0].action.as_str(), log[1].action.as_str()), ("import", "update"));
    assert!(log[1].before.as_deref().unwrap().contains("\"contact_phone\":\"13900001111\""));
}

/// Imports `files` into a database holding the LibreOffice workbook, expects exactly one
/// error, and checks that the database file did not change at all.
fn rejected(files: &[(&str, &str)]) -> Problem {
    let db = TempDb::new();
    {
        let mut store = db.open();
        run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    }
    let before = std::fs::read(&db.path).unwrap();
    let backups = || std::fs::read_dir(db.dir.path().join("backups")).map(|d| d.count()).unwrap_or(0);
    let backups_before = backups();
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files.iter().map(|(n, t)| csv(dir.path(), n, t)).collect();
    let report = {
        let mut store = db.open();
        run(&mut store, &paths, ImportOptions::default())
    };
    assert!(!report.written);
    assert_eq!(std::fs::read(&db.path).unwrap(), before, "the database changed");
    assert_eq!(backups(), backups_before, "no backup is left behind");
    let e: Vec<Problem> = report.errors().cloned().collect();
    assert_eq!(e.len(), 1, "{e:#?}");
    e.into_iter().next().unwrap()
}

const DONATION_HEAD: &str = "捐赠流水号,项目编号,捐赠人,捐赠金额（元）,捐赠日期,票据代码,票据号码\n";

fn donation_file(row: &str) -> String {
    format!("{DONATION_HEAD}D-OK,ZX-2021-02,张三,100,2024-01-01,,\n{row}\n")
}

fn where_(p: &Problem) -> (Option<u32>, Option<&str>, &str) {
    (p.row, p.column.as_deref(), p.value.as_str())
}

#[test]
fn every_value_rule_is_reported_at_its_cell() {
    let cases: &[(&str, &str, &str, Rule)] = &[
        ("D-X,ZX-2021-02,张三,-5,2024-01-01,,", "捐赠金额（元）", "-5", Rule::Money(money::MoneyError::Negative)),
        (
            "D-X,ZX-2021-02,张三,1.005,2024-01-01,,",
            "捐赠金额（元）",
            "1.005",
            Rule::Money(money::MoneyError::TooManyDecimals),
        ),
        ("D-X,ZX-2021-02,张三,0,2024-01-01,,", "捐赠金额（元）", "0", Rule::NotPositive),
        ("D-X,ZX-2021-02,张三,5,2021-02-30,,", "捐赠日期", "2021-02-30", Rule::Date(date::DateError::Impossible)),
        ("D-X,ZX-2021-02,张三,5,1989-01-01,,", "捐赠日期", "1989-01-01", Rule::Date(date::DateError::OutOfRange)),
        ("D-X,,张三,5,2024-01-01,,", "项目编号", "", Rule::Required),
    ];
    for (row, column, value, rule) in cases {
        let p = rejected(&[("d.csv", &donation_file(row))]);
        assert_eq!(where_(&p), (Some(3), Some(*column), *value), "{row}");
        assert_eq!(p.issue, Issue::Rule(rule.clone()), "{row}");
        assert!(
            p.message(Lang::Zh).starts_with(&format!("{} 第 3 行 「{column}」列", p.file)),
            "{}",
            p.message(Lang::Zh)
        );
    }
}

#[test]
fn every_store_rule_is_reported_at_its_cell() {
    // A reference to nothing.
    let p = rejected(&[("d.csv", &donation_file("D-X,NOPE,张三,5,2024-01-01,,"))]);
    assert_eq!(where_(&p), (Some(3), Some("项目编号"), "NOPE"));
    assert_eq!(p.issue, Issue::Rule(Rule::UnknownReference { what: "项目", code: "NOPE".into() }));
    // A receipt used twice (once in the database).
    let p = rejected(&[("d.csv", &donation_file("D-X,ZX-2021-02,张三,5,2024-01-01,32010121,00000001"))]);
    assert_eq!(where_(&p), (Some(3), Some("票据号码"), "00000001"));
    assert_eq!(p.issue, Issue::Rule(Rule::Duplicate));
    // The same code twice in one import with different content (an identical repeat,
    // as in overlapping bank statements, is counted as unchanged).
    let p = rejected(&[("d.csv", &donation_file("D-OK,ZX-2021-02,张三,200,2024-01-01,,"))]);
    assert_eq!(where_(&p), (Some(3), Some("捐赠流水号"), "D-OK"));
    assert!(matches!(p.issue, Issue::RepeatedCode { .. }));
    // A disbursement above what the project raised (ZX-2021-02: 30,000 raised, 15,000 paid).
    let p = rejected(&[(
        "b.csv",
        "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\nBF-X,ZX-2021-02,15000.01,2024-01-01,食堂,食材\n",
    )]);
    assert_eq!(where_(&p), (Some(2), Some("拨付金额（元）"), "15000.01"));
    // The limit holds for the import's final state, reported at its last row for the project.
    assert_eq!(
        p.issue,
        Issue::Rule(Rule::ProjectOverdisbursed {
            project: "ZX-2021-02".into(),
            raised_fen: 3_000_000,
            disbursed_fen: 3_000_001
        })
    );
    // ...unless donations in the same import cover it.
    let db = TempDb::new();
    let mut store = db.open();
    run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let twice = csv(dir.path(), "twice.csv", &donation_file("D-OK,ZX-2021-02,张三,100,2024-01-01,,"));
    let report = run(&mut store, &[twice], ImportOptions::default());
    assert!(!report.has_errors());
    assert_eq!((report.counts[&Kind::Donation].inserted, report.counts[&Kind::Donation].unchanged), (1, 1));
    let b = csv(
        dir.path(),
        "b.csv",
        "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\nBF-X,ZX-2021-02,15000.01,2024-01-01,食堂,食材\n",
    );
    let d = csv(dir.path(), "d.csv", &donation_file("D-X,ZX-2021-02,张三,0.01,2024-01-01,,"));
    assert!(!run(&mut store, &[b, d], ImportOptions::default()).has_errors());
}

#[test]
fn every_file_problem_is_reported() {
    // A header that is no sheet of the template.
    let p = rejected(&[("x.csv", "姓名,金额\n张三,5\n")]);
    assert_eq!((p.row, p.issue.clone()), (Some(1), Issue::UnknownSheet));
    // A required column missing.
    let p = rejected(&[("d.csv", "捐赠流水号,项目编号,捐赠金额（元）\nD-X,ZX-2021-02,5\n")]);
    assert_eq!((p.row, p.column.as_deref(), p.issue.clone()), (Some(1), Some("捐赠日期"), Issue::MissingColumn));
    // A column twice.
    let p = rejected(&[(
        "d.csv",
        "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期,捐赠金额(元)\nD-X,ZX-2021-02,5,2024-01-01,6\n",
    )]);
    assert_eq!((p.row, p.column.as_deref(), p.issue.clone()), (Some(1), Some("捐赠金额(元)"), Issue::DuplicateColumn));
    // A damaged workbook.
    let p = rejected(&[("broken.xlsx", "PK this is not really a workbook")]);
    assert!(matches!(p.issue, Issue::Unreadable(_)));
    // A rejected village makes its projects' errors say so, not "no such village".
    let db = TempDb::new();
    let mut store = db.open();
    let dir = tempfile::tempdir().unwrap();
    let v = csv(dir.path(), "v.csv", "村社编码,村社名称,乡镇（街道）,县（市、区）\n320904104201,描花村委会,西团镇,\n");
    let pr = csv(
        dir.path(),
        "p.csv",
        "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期\nMH-1,320904104201,描花村助学,助学,100,2024-01-01\n",
    );
    let report = run(&mut store, &[v, pr], ImportOptions::default());
    let issues: Vec<Issue> = report.errors().map(|p| p.issue.clone()).collect();
    assert_eq!(issues, [Issue::Rule(Rule::Required), Issue::RefersToRejected]);
}

#[test]
fn unknown_columns_are_warnings_and_kept_in_the_error_copy() {
    let db = TempDb::new();
    let mut store = db.open();
    run(&mut store, &[fixture("office.xlsx")], ImportOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let d = csv(
        dir.path(),
        "捐赠.csv",
        "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期,微信昵称\nD-1,ZX-2021-02,5,2024-01-01,阿强\nD-2,ZX-2021-02,-5,2024-01-01,小李\n",
    );
    let report = run(&mut store, &[d], ImportOptions::default());
    let warnings: Vec<&Problem> = report.warnings().collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].column.as_deref(), &warnings[0].issue), (Some("微信昵称"), &Issue::UnknownColumn));
    assert_eq!(errors(&report).len(), 1);
    // The copy keeps every column, adds 错误, and marks only the bad row.
    let out = dir.path().join("错误副本");
    write_error_copy(&report, &out, Lang::Zh).unwrap();
    let text = std::fs::read_to_string(out.join("捐赠-错误.csv")).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期,微信昵称,错误");
    assert_eq!(lines[1], "D-1,ZX-2021-02,5,2024-01-01,阿强,");
    assert_eq!(lines[2], "D-2,ZX-2021-02,'-5,2024-01-01,小李,捐赠金额（元）：金额不能为负数");
    // Corrected and sent again, the copy imports (the 错误 column is ignored silently).
    let fixed = text.replace("'-5,2024-01-01,小李,捐赠金额（元）：金额不能为负数", "5,2024-01-01,小李,");
    let again = csv(dir.path(), "again.csv", &fixed);
    let report = run(&mut store, &[again], ImportOptions::default());
    assert!(!report.has_errors() && report.written);
    assert_eq!(report.warnings().count(), 1, "only 微信昵称 is unknown");
    // As a workbook too.
    let bad = csv(dir.path(), "bad.csv", &donation_file("D-X,ZX-2021-02,张三,-5,2024-01-01,,"));
    let report = run(&mut store, &[bad], ImportOptions::default());
    let xlsx = dir.path().join("错误.xlsx");
    write_error_copy(&report, &xlsx, Lang::En).unwrap();
    let mut problems = Vec::new();
    let sheets = xingfu::template::read_xlsx::read_xlsx("错误.xlsx", std::fs::read(&xlsx).unwrap(), &mut problems);
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].headers.last().map(String::as_str), Some("错误"));
    assert_eq!(sheets[0].rows[1].cells.iter().next_back(), Some("捐赠金额（元）: an amount cannot be negative"));
}

#[test]
fn the_cli_reports_errors_in_both_languages_and_exits_1() {
    let db = TempDb::new();
    let dir = tempfile::tempdir().unwrap();
    let v = csv(
        dir.path(),
        "v.csv",
        "村社编码,村社名称,乡镇（街道）,县（市、区）,加入日期\n320904104209,众心村委会,西团镇,大丰区,2021-02-30\n",
    );
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .arg("--db")
        .arg(&db.path)
        .arg("import")
        .arg(&v)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("发现 1 处错误，未写入任何数据"), "{text}");
    assert!(text.contains("v.csv 第 2 行 「加入日期」列 值「2021-02-30」：日期不存在"), "{text}");
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .arg("import")
        .arg(&v)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("v.csv row 2 column 加入日期 value \"2021-02-30\": no such date"), "{text}");
}

/// Writes bytes into `dir`.
fn raw(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_gbk_file_as_excel_on_chinese_windows_writes_it_imports_unasked() {
    let text = "村社编码,村社名称,乡镇（街道）,县（市、区）\r\n320904104209,众心村委会,西团镇,大丰区\r\n320904104210,龙窑村委会,西团镇,大丰区\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let dir = tempfile::tempdir().unwrap();
    let db = TempDb::new();
    let mut store = db.open();
    let report = run(&mut store, &[raw(dir.path(), "村社.csv", &gbk)], ImportOptions::default());
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert_eq!(store.get::<Village>("320904104210").unwrap().unwrap().name, "龙窑村委会");
}

#[test]
fn a_file_in_no_known_encoding_is_refused_whole() {
    let (mut bytes, _, _) =
        encoding_rs::GBK.encode("村社编码,村社名称,乡镇（街道）,县（市、区）\n320904104209,众心村委会,西团镇,大丰区\n");
    let mut bytes = bytes.to_mut().clone();
    bytes.extend_from_slice(&[0x81, 0x20, 0xFF, 0x80]);
    let db = TempDb::new();
    drop(db.open());
    let before = std::fs::read(&db.path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = run(&mut db.open(), &[raw(dir.path(), "村社.csv", &bytes)], ImportOptions::default());
    let e = errors(&report);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].row, &e[0].issue), (None, &Issue::Encoding));
    assert!(e[0].message(Lang::Zh).contains("无法识别文件编码"));
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn a_conflict_leaves_the_database_as_it_was() {
    let p = rejected(&[(
        "p.csv",
        "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期\nZX-2021-02,320904104209,众心村助老餐桌,助老,300001,2021-05-10\n",
    )]);
    assert_eq!(where_(&p), (Some(2), Some("项目编号"), "ZX-2021-02"));
    assert_eq!(
        p.issue,
        Issue::Conflict { fields: vec!["目标金额（元）".into(), "结束日期".into(), "项目状态".into()] }
    );
}

#[test]
fn every_problem_of_a_row_is_reported_at_once() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert(&registry_village("320904104209")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("捐赠.csv");
    // A negative amount and an unknown project in the same row.
    std::fs::write(&file, "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期\nD1,NOPE-1,-5,2024-05-10\n").unwrap();
    let report = xingfu::ops::import::import(&mut store, &[file], Default::default(), &mut |_| {}).unwrap();
    let columns: Vec<String> = report.errors().map(|p| p.column.clone().unwrap_or_default()).collect();
    assert!(
        columns.contains(&"捐赠金额（元）".to_string()) && columns.contains(&"项目编号".to_string()),
        "{columns:?}"
    );
}
