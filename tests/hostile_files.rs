//! Hostile and damaged files (issue 14, "Nothing lost"): cells beyond the header,
//! invisible characters, a far-away XLSX cell, huge cells and thousands of errors, hidden
//! sheets, formulas without values, merged cells, header-only files, and random mutations
//! of valid files. Every test writes real files to a temporary folder.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use xingfu::db::Store;
use xingfu::domain::Lang;
use xingfu::ops::import::{ImportOptions, ImportReport, import};
use xingfu::template::{Issue, Problem};

const DONATION_HEADER: &str = "捐赠流水号,项目编号,捐赠人,捐赠金额（元）,捐赠日期,备注";

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write file");
    path
}

fn run(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    import(store, paths, ImportOptions::default(), &mut |_| {}).expect("import ran")
}

fn errors(report: &ImportReport) -> Vec<&Problem> {
    report.errors().collect()
}

/// Every donation serial in the database, in order.
fn donation_refs(db: &TempDb) -> Vec<String> {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let mut stmt = conn.prepare("SELECT ref FROM donations ORDER BY ref").expect("prepare");
    stmt.query_map([], |r| r.get::<_, String>(0)).expect("query").map(|r| r.expect("row")).collect()
}

/// The database file's bytes (with its WAL, if any): what "nothing written" means.
fn db_bytes(db: &TempDb) -> Vec<u8> {
    let mut bytes = std::fs::read(&db.path).expect("read db");
    if let Ok(wal) = std::fs::read(db.path.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

/// A workbook made of raw XML parts, for what rust_xlsxwriter cannot write: hidden sheets,
/// formulas without a cached value, far-away cells, impossible rows. Each sheet is
/// `(name, state, sheetData XML)`; cells use inline strings.
fn raw_xlsx(dir: &Path, name: &str, sheets: &[(&str, &str, &str)]) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).expect("create xlsx");
    let mut zip = zip::ZipWriter::new(file);
    let opts: zip::write::SimpleFileOptions =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (sheet, state, data)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        let state = if state.is_empty() { String::new() } else { format!(r#" state="{state}""#) };
        book.push_str(&format!(r#"<sheet name="{sheet}" sheetId="{n}"{state} r:id="rId{n}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        zip.start_file(format!("xl/worksheets/sheet{n}.xml"), opts).expect("zip");
        zip.write_all(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{data}</worksheet>"#
            )
            .as_bytes(),
        )
        .expect("zip");
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    for (part, text) in [
        ("[Content_Types].xml", types.as_str()),
        ("xl/workbook.xml", book.as_str()),
        ("xl/_rels/workbook.xml.rels", rels.as_str()),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
    ] {
        zip.start_file(part, opts).expect("zip");
        zip.write_all(text.as_bytes()).expect("zip");
    }
    zip.finish().expect("zip");
    path
}

/// An inline-string cell.
fn s(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A number cell.
fn n(cell: &str, value: &str) -> String {
    format!(r#"<c r="{cell}"><v>{value}</v></c>"#)
}

/// The donation header row and one good donation row, as sheetData rows.
fn donation_rows(serial: &str) -> String {
    let header: String = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .zip(DONATION_HEADER.split(','))
        .map(|(col, h)| s(&format!("{col}1"), h))
        .collect();
    format!(
        r#"<row r="1">{header}</row><row r="2">{}{}{}{}{}</row>"#,
        s("A2", serial),
        s("B2", "ZX-2024-01"),
        s("C2", "王建国"),
        n("D2", "100"),
        s("E2", "2024-05-10"),
    )
}

// ---------------------------------------------------------------------------------------
// Item 2: cells beyond the header.

#[test]
fn extra_cells_beyond_header_are_an_error() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{DONATION_HEADER}\nD9001,ZX-2024-01,张三,100,2024-05-10,给孩子们,加油,明年再捐\n");
    let path = write_file(dir.path(), "捐赠.csv", text.as_bytes());
    let report = run(&mut db.open(), &[path]);
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].row, Some(2));
    assert_eq!(errs[0].issue, Issue::ExtraCells { cells: 8, header: 6 });
    assert!(errs[0].value.contains("加油"), "{:?}", errs[0].value);
    let msg = errs[0].message(Lang::Zh);
    assert!(msg.contains("8") && msg.contains("6") && msg.contains("逗号"), "{msg}");
    assert!(errs[0].message(Lang::En).contains("unquoted comma"));
    assert!(!report.written);
    assert!(!donation_refs(&db).contains(&"D9001".to_string()));
    // The copy sent back to the village keeps the cells beyond the header as they came.
    let out = dir.path().join("错误副本");
    xingfu::ops::import::write_error_copy(&report, &out, Lang::Zh).unwrap();
    let copy = std::fs::read_to_string(out.join("捐赠-错误.csv")).unwrap();
    let row = copy.lines().nth(1).unwrap();
    assert!(row.starts_with("D9001,ZX-2024-01,张三,100,2024-05-10,给孩子们,加油,明年再捐,"), "{row}");
}

#[test]
fn trailing_empty_cells_are_fine() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{DONATION_HEADER}\nD9001,ZX-2024-01,张三,100,2024-05-10,给孩子们,,\n");
    let path = write_file(dir.path(), "捐赠.csv", text.as_bytes());
    let report = run(&mut db.open(), &[path]);
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert!(report.written);
}

#[test]
fn xlsx_cell_in_a_column_without_header_is_an_error() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("捐赠.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("捐赠").unwrap();
    for (i, h) in DONATION_HEADER.split(',').enumerate() {
        sheet.write_string(0, i as u16, h).unwrap();
    }
    for (i, v) in ["D9001", "ZX-2024-01", "张三", "100", "2024-05-10", "给孩子们"].iter().enumerate() {
        sheet.write_string(1, i as u16, *v).unwrap();
    }
    sheet.write_string(1, 7, "加油").unwrap();
    book.save(&path).unwrap();
    let report = run(&mut db.open(), &[path]);
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].row, errs[0].column.as_deref()), (Some(2), Some("H")));
    assert_eq!(errs[0].issue, Issue::CellWithoutHeader);
    assert!(!report.written);
}

// ---------------------------------------------------------------------------------------
// Item 3: invisible characters.

#[test]
fn invisible_characters_never_make_new_codes() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let first = write_file(
        dir.path(),
        "捐赠.csv",
        format!("{DONATION_HEADER}\nD9001,ZX-2024-01,张三,100,2024-05-10,\n").as_bytes(),
    );
    let report = run(&mut db.open(), &[first]);
    assert!(report.written, "{:?}", report.problems);
    let before = donation_refs(&db);
    // Re-sent: a zero-width space after the serial, a BOM at the start of a row, a
    // word joiner in the project code.
    let again = write_file(
        dir.path(),
        "捐赠-再次.csv",
        format!(
            "{DONATION_HEADER}\nD9001\u{200B},ZX-2024-01,张三,100,2024-05-10,\n\u{FEFF}D9002,ZX-2024-01\u{2060},李四,50,2024-05-11,\n"
        )
        .as_bytes(),
    );
    let report = run(&mut db.open(), &[again]);
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    let counts = report.counts[&xingfu::domain::Kind::Donation];
    assert_eq!((counts.inserted, counts.unchanged), (1, 1));
    let after = donation_refs(&db);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&"D9002".to_string()), "{after:?}");
    let invisible = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
    assert!(after.iter().all(|r| !r.contains(invisible)), "{after:?}");
}

// ---------------------------------------------------------------------------------------
// Item 9: one far-away cell.

#[test]
fn far_away_xlsx_cell_is_read_sparsely() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let rows = donation_rows("D9001");
    let data = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData>{rows}<row r="1048576">{}</row></sheetData>"#,
        s("XFD1048576", "x")
    );
    let path = raw_xlsx(dir.path(), "远.xlsx", &[("捐赠", "", &data)]);
    assert!(std::fs::metadata(&path).unwrap().len() < 5_000);
    let started = Instant::now();
    let report = run(&mut db.open(), &[path]);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].row, errs[0].column.as_deref()), (Some(1_048_576), Some("XFD")));
    assert!(!report.written);

    // The command line on the same file: quick, small, rejected.
    let path = dir.path().join("远.xlsx");
    let started = Instant::now();
    xingfu().arg("--db").arg(&db.path).arg("import").arg(&path).assert().code(1);
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    // Memory is measured on Unix only (getrusage); Windows has no such call here, and
    // the time bound above holds on both.
    #[cfg(unix)]
    {
        // The largest resident size of any child this test binary has waited for.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) }, 0);
        let kib = usage.ru_maxrss;
        assert!(kib < 300 * 1024, "a child used {kib} KiB");
    }

    // The same far-away cell, empty: ignored, the good row imports.
    let data = format!(
        r#"<dimension ref="A1:XFD1048576"/><sheetData>{rows}<row r="1048576"><c r="XFD1048576"/></row></sheetData>"#
    );
    let path = raw_xlsx(dir.path(), "远-空.xlsx", &[("捐赠", "", &data)]);
    let report = run(&mut db.open(), &[path]);
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert!(report.written);
}

#[test]
fn rows_beyond_what_xlsx_allows_are_an_error() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let data = format!(
        r#"<sheetData>{}<row r="3000000">{}</row></sheetData>"#,
        donation_rows("D9001"),
        s("A3000000", "D9002")
    );
    let path = raw_xlsx(dir.path(), "大.xlsx", &[("捐赠", "", &data)]);
    let report = run(&mut db.open(), &[path]);
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].issue, Issue::BeyondSheetLimits);
    assert!(!report.written);
}

// ---------------------------------------------------------------------------------------
// Item 11: huge cells and thousands of errors.

#[test]
fn huge_cells_and_many_errors_keep_the_output_small() {
    let db = seeded();
    let before = db_bytes(&db);
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(DONATION_HEADER);
    text.push_str(&format!("\nD9000,ZX-2024-01,张三,100,2024-05-10,{}\n", "很长".repeat(175_000)));
    for i in 0..10_000 {
        text.push_str(&format!("D{:05},ZX-2024-01,张三,abc,2024-05-10,\n", 10_000 + i));
    }
    let path = write_file(dir.path(), "捐赠.csv", text.as_bytes());
    let out = xingfu().arg("--db").arg(&db.path).arg("import").arg(&path).assert().code(1).get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.len() < 100_000, "stdout is {} bytes", stdout.len());
    assert!(stdout.contains("发现 10001 处错误"), "{}", &stdout[..stdout.len().min(2000)]);
    assert!(stdout.contains("另有 9801 处错误未列出"), "{}", &stdout[stdout.len().saturating_sub(2000)..]);
    assert!(stdout.contains('…'));
    assert_eq!(db_bytes(&db), before, "nothing written");

    // English, and the error copy still gets every problem.
    let copy = dir.path().join("错误");
    let out = xingfu()
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .arg("import")
        .arg(&path)
        .arg("--errors")
        .arg(&copy)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("9801 more problems not shown"));
    let copy_text = std::fs::read_to_string(copy.join("捐赠-errors.csv")).unwrap();
    assert_eq!(copy_text.matches("not an amount of money").count(), 10_000);
}

// ---------------------------------------------------------------------------------------
// Item 19: hidden sheets.

#[test]
fn hidden_sheet_imports_with_a_warning() {
    for state in ["hidden", "veryHidden"] {
        let db = seeded();
        let dir = tempfile::tempdir().unwrap();
        let data = format!("<sheetData>{}</sheetData>", donation_rows("D9001"));
        let path = raw_xlsx(dir.path(), "隐藏.xlsx", &[("捐赠", state, &data)]);
        let report = run(&mut db.open(), &[path]);
        assert_eq!(errors(&report), Vec::<&Problem>::new());
        let warnings: Vec<&Problem> = report.warnings().collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].issue, Issue::HiddenSheet);
        let msg = warnings[0].message(Lang::Zh);
        assert!(msg.contains("捐赠") && msg.contains("隐藏") && msg.contains("导入"), "{msg}");
        assert!(warnings[0].message(Lang::En).contains("hidden"));
        assert!(report.written);
        assert!(donation_refs(&db).contains(&"D9001".to_string()));
    }
}

// ---------------------------------------------------------------------------------------
// Item 20: formulas without a computed value.

#[test]
fn formula_without_cached_value_is_an_error() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let header: String = ["A", "B", "C", "D", "E"]
        .iter()
        .zip(DONATION_HEADER.split(','))
        .map(|(col, h)| s(&format!("{col}1"), h))
        .collect();
    let row = |r: u32, serial: &str, amount: &str| {
        format!(
            r#"<row r="{r}">{}{}{}{amount}{}</row>"#,
            s(&format!("A{r}"), serial),
            s(&format!("B{r}"), "ZX-2024-01"),
            s(&format!("C{r}"), "王建国"),
            s(&format!("E{r}"), "2024-05-10"),
        )
    };
    let data = format!(
        r#"<sheetData><row r="1">{header}</row>{}{}</sheetData>"#,
        row(2, "D9001", r#"<c r="D2"><f>100*2</f></c>"#),
        row(3, "D9002", r#"<c r="D3"><f>100*3</f><v>300</v></c>"#),
    );
    let path = raw_xlsx(dir.path(), "公式.xlsx", &[("捐赠", "", &data)]);
    let report = run(&mut db.open(), &[path]);
    // The formula's problem, once: not repeated as an empty required cell.
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs.iter().all(|e| (e.row, e.column.as_deref()) == (Some(2), Some("捐赠金额（元）"))), "{errs:?}");
    assert_eq!(errs[0].issue, Issue::FormulaWithoutValue);
    assert!(errs[0].message(Lang::Zh).contains("公式没有计算结果"));
    assert!(!report.written);
}

// ---------------------------------------------------------------------------------------
// Item 21: merged cells.

#[test]
fn merged_cells_are_filled_with_their_top_left_value() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("合并.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("捐赠").unwrap();
    for (i, h) in DONATION_HEADER.split(',').enumerate() {
        sheet.write_string(0, i as u16, h).unwrap();
    }
    let format = rust_xlsxwriter::Format::new();
    // 项目编号 and 捐赠日期 merged over three rows.
    sheet.merge_range(1, 1, 3, 1, "ZX-2024-02", &format).unwrap();
    sheet.merge_range(1, 4, 3, 4, "2024-05-12", &format).unwrap();
    for (r, serial, amount) in [(1, "D9001", 10.0), (2, "D9002", 20.0), (3, "D9003", 30.5)] {
        sheet.write_string(r, 0, serial).unwrap();
        sheet.write_number(r, 3, amount).unwrap();
    }
    book.save(&path).unwrap();
    let report = run(&mut db.open(), &[path]);
    assert_eq!(errors(&report), Vec::<&Problem>::new());
    assert!(report.written);
    let store = db.open();
    for serial in ["D9001", "D9002", "D9003"] {
        let d = store.get::<xingfu::domain::Donation>(serial).unwrap().expect(serial);
        assert_eq!(d.project_code, "ZX-2024-02");
        assert_eq!(d.donated_on, date("2024-05-12"));
    }
}

// ---------------------------------------------------------------------------------------
// Item 22: files without data rows.

#[test]
fn header_only_file_says_there_are_no_data_rows() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "捐赠.csv", format!("{DONATION_HEADER}\n").as_bytes());
    let out = xingfu().arg("--db").arg(&db.path).arg("import").arg(&path).assert().code(1).get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("文件中没有数据行"), "{stdout}");
    assert!(!stdout.contains("所有记录均已在数据库中"), "{stdout}");
    let out = xingfu()
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .arg("import")
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("no data rows in the files"));
}

#[test]
fn a_header_only_file_among_others_is_named_in_a_warning() {
    let db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let empty = write_file(dir.path(), "捐赠-空.csv", format!("{DONATION_HEADER}\n").as_bytes());
    let full = write_file(
        dir.path(),
        "捐赠.csv",
        format!("{DONATION_HEADER}\nD9101,ZX-2024-01,张三,100,2024-05-10,\n").as_bytes(),
    );
    let report = run(&mut db.open(), &[empty, full]);
    assert!(report.written);
    let warnings: Vec<&Problem> = report.warnings().collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].issue, Issue::EmptyFile);
    assert!(warnings[0].file.ends_with("捐赠-空.csv"));
    assert!(warnings[0].message(Lang::Zh).contains("没有数据行"));
    assert!(donation_refs(&db).contains(&"D9101".to_string()));
}

// ---------------------------------------------------------------------------------------
// Fuzz: random mutations of valid files never panic and never half-write.

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const ROWS: [&str; 4] = [
        "D9001,ZX-2024-01,张三,100,2024-05-10,给孩子们",
        "D9002,ZX-2024-02,李四,\"1,234.50\",2024/5/11,",
        "D9003,ZX-2024-01,匿名,￥88.8,2024年5月12日,\"多行\n备注\"",
        "D9004,CT-2024-01,王五,50,20240513,",
    ];

    /// One change to a file.
    #[derive(Debug, Clone)]
    enum Mutation {
        /// Insert text at a position (a fraction of the length).
        Insert(f64, &'static str),
        /// A cell of this many bytes at a position.
        Huge(f64, usize),
        /// Cut the file here.
        Truncate(f64),
        /// Repeat a line.
        DuplicateLine(usize),
        /// Drop a line.
        DeleteLine(usize),
        /// Overwrite one byte.
        Byte(f64, u8),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let text = prop::sample::select(vec![
            ",",
            "\"",
            "\"\"",
            "\n",
            "\r\n",
            ",,,,,,,,",
            "\u{200B}",
            "\u{FEFF}",
            "\u{2060}",
            "'=1+1",
            "-5",
            "2021-02-30",
            "0.001",
            "捐赠流水号",
            "\u{0}",
            "\t",
            "🙂",
            "𠮷",
        ]);
        prop_oneof![
            (0.0..1.0f64, text).prop_map(|(p, t)| Mutation::Insert(p, t)),
            (0.0..1.0f64, 1usize..300_000).prop_map(|(p, n)| Mutation::Huge(p, n)),
            (0.0..1.0f64).prop_map(Mutation::Truncate),
            (0usize..8).prop_map(Mutation::DuplicateLine),
            (0usize..8).prop_map(Mutation::DeleteLine),
            (0.0..1.0f64, any::<u8>()).prop_map(|(p, b)| Mutation::Byte(p, b)),
        ]
    }

    fn at(bytes: &[u8], p: f64) -> usize {
        ((bytes.len() as f64) * p) as usize
    }

    fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
        match m {
            Mutation::Insert(p, t) => {
                let i = at(bytes, *p);
                bytes.splice(i..i, t.bytes());
            }
            Mutation::Huge(p, n) => {
                let i = at(bytes, *p);
                bytes.splice(i..i, std::iter::repeat_n(b'x', *n));
            }
            Mutation::Truncate(p) => {
                let i = at(bytes, *p);
                bytes.truncate(i);
            }
            Mutation::DuplicateLine(k) | Mutation::DeleteLine(k) => {
                let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
                if lines.is_empty() {
                    return;
                }
                let k = k % lines.len();
                if matches!(m, Mutation::DuplicateLine(_)) {
                    let line = lines[k].clone();
                    lines.insert(k, line);
                } else {
                    lines.remove(k);
                }
                *bytes = lines.join(&b'\n');
            }
            Mutation::Byte(p, b) => {
                let i = at(bytes, *p);
                if let Some(x) = bytes.get_mut(i) {
                    *x = *b;
                }
            }
        }
    }

    /// The valid donation CSV.
    fn csv() -> Vec<u8> {
        let mut text = format!("\u{FEFF}{DONATION_HEADER}\n");
        for r in ROWS {
            text.push_str(r);
            text.push('\n');
        }
        text.into_bytes()
    }

    /// A valid workbook whose cells come from the (mutated) CSV's lines split on commas:
    /// cell-level mutations in a real XLSX.
    fn xlsx(path: &Path, text: &str) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("捐赠").expect("sheet name");
        for (r, line) in text.lines().take(50).enumerate() {
            for (c, cell) in line.split(',').take(40).enumerate() {
                let cell: String = cell.chars().take(32_000).collect();
                let _ = sheet.write_string(r as u32, c as u16, &cell);
            }
        }
        book.save(path).expect("save xlsx");
    }

    /// Imports `path` into a seeded database: the import must finish, and a rejected
    /// import must leave the database file byte for byte as it was.
    fn check(path: &Path) -> Result<(), TestCaseError> {
        let db = seeded();
        let before = db_bytes(&db);
        let report = {
            let mut store = db.open();
            import(&mut store, &[path.to_path_buf()], ImportOptions::default(), &mut |_| {})
        };
        let report = report.map_err(|e| TestCaseError::fail(format!("import failed: {e}")))?;
        // Every message can be rendered.
        for p in &report.problems {
            let _ = p.message(Lang::Zh);
            let _ = p.message(Lang::En);
        }
        if !report.written {
            prop_assert!(db_bytes(&db) == before, "a rejected import changed the database");
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn mutated_template_files_never_panic_or_half_write(
            mutations in prop::collection::vec(mutation(), 1..6),
            as_xlsx in any::<bool>(),
            damage_zip in prop::option::of((0.0..1.0f64, any::<u8>())),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut bytes = csv();
            for m in &mutations {
                apply(&mut bytes, m);
            }
            let path = if as_xlsx {
                let path = dir.path().join("捐赠.xlsx");
                xlsx(&path, &String::from_utf8_lossy(&bytes));
                if let Some((p, b)) = damage_zip {
                    let mut zip = std::fs::read(&path).unwrap();
                    apply(&mut zip, &Mutation::Byte(p, b));
                    std::fs::write(&path, zip).unwrap();
                }
                path
            } else {
                write_file(dir.path(), "捐赠.csv", &bytes)
            };
            check(&path)?;
        }
    }
}
