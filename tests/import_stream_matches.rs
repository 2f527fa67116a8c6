//! Issue 16: the streaming import accepts and rejects exactly what the two-pass import
//! before it did — the same problems (file, sheet, row, column, value, reason), the same
//! counts, the same decision to write, and the same records in the end — on generated
//! files, valid and broken: bad values, unknown and rejected references, codes repeated
//! the same or otherwise, taken receipts, conflicts with stored records, cells without a
//! header, blank lines, a project overdrawn by the import as a whole.

mod common;
#[path = "common/old_import.rs"]
mod old_import;

use std::path::PathBuf;

use common::*;
use proptest::prelude::*;
use xingfu::db::Store;
use xingfu::ops::import::{ImportOptions, ImportReport, import};
use xingfu::template::Issue;

const PROJECTS: &str = "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期";
const DONATIONS: &str = "捐赠流水号,项目编号,捐赠人,捐赠金额（元）,捐赠日期,票据号码";
const DISBURSEMENTS: &str = "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途";

fn pick(items: &[&'static str]) -> prop::sample::Select<&'static str> {
    prop::sample::select(items.to_vec())
}

/// Mostly valid rows, one in eight broken in some way.
fn project_row() -> impl Strategy<Value = String> {
    let valid = (pick(&["NP-1", "NP-2", "NP-3"]), pick(&["1000", "5000"]))
        .prop_map(|(code, target)| format!("{code},{ZHONGXIN},新项目,助学,{target},2024-01-01"));
    let broken = (
        pick(&["NP-1", "NP-2", "ZX-2024-01", "NP-1 "]),
        pick(&[ZHONGXIN, "999999"]),
        pick(&["助学", "bogus"]),
        pick(&["1000", "-1", "300000"]),
    )
        .prop_map(|(code, village, category, target)| {
            format!("{code},{village},新项目,{category},{target},2024-01-01")
        });
    prop_oneof![12 => valid, 1 => broken]
}

fn donation_row() -> impl Strategy<Value = String> {
    let valid = (
        1..60u32,
        pick(&["ZX-2024-01", "ZX-2024-02", "ZX-2024-01", "ZX-2024-02", "ZX-2024-01", "ZX-2024-02", "NP-1"]),
        pick(&["王建国", "", "匿名"]),
        pick(&["100", "100.00", "\"1,000.00\"", "500", "88.88"]),
        pick(&["2024-05-10", "2024-06-01"]),
    )
        .prop_map(|(n, p, donor, amount, date)| format!("D-{n},{p},{donor},{amount},{date},"));
    let unchanged = Just("D0001,ZX-2024-01,王建国,1000,2024-05-10,".to_string());
    let broken = (
        pick(&["D-1", "D-2", "D0001", "D0005"]),
        pick(&["ZX-2024-01", "NP-2", "NP-3", "NOPE", ""]),
        pick(&["100", "1.234", "-5", "abc", "", "50000"]),
        pick(&["2024-05-10", "2024-02-30", ""]),
        pick(&["", "R1", "R2"]),
        pick(&["", ",多出"]),
    )
        .prop_map(|(r, p, amount, date, receipt, extra)| format!("{r},{p},王建国,{amount},{date},{receipt}{extra}"));
    prop_oneof![24 => valid, 2 => unchanged, 2 => broken]
}

fn disbursement_row() -> impl Strategy<Value = String> {
    let valid = (1..9u32).prop_map(|n| format!("B-{n},ZX-2024-01,100,2024-06-01,张三,医疗"));
    let broken = (pick(&["B-1", "B0001"]), pick(&["ZX-2024-02", "NP-1", "NOPE"]), pick(&["100", "900000"]))
        .prop_map(|(r, p, amount)| format!("{r},{p},{amount},2024-06-01,张三,医疗"));
    prop_oneof![4 => valid, 1 => broken]
}

/// A file's text: the header and the rows, some separated by blank lines.
fn file(header: &str, rows: Vec<(String, bool)>) -> String {
    let mut s = format!("{header}\n");
    for (row, blank) in rows {
        if blank {
            s.push('\n');
        }
        s.push_str(&row);
        s.push('\n');
    }
    s
}

/// Everything a report says, comparable.
fn said(r: &ImportReport) -> String {
    // The donor and receipt warnings came after the two-pass import (issue 13); they are
    // tested on their own (tests/papers.rs).
    let problems: Vec<String> = r
        .problems
        .iter()
        .filter(|p| !matches!(p.issue, Issue::AmbiguousDonor { .. } | Issue::ReceiptsWithoutBooks { .. }))
        .map(|p| format!("{}|{:?}|{:?}|{:?}|{}|{:?}", p.file, p.sheet, p.row, p.column, p.value, p.issue))
        .collect();
    format!(
        "written {} nothing_to_do {} no_data_rows {}\ncounts {:?}\n{}",
        r.written,
        r.nothing_to_do,
        r.no_data_rows,
        r.counts,
        problems.join("\n")
    )
}

/// The records a database holds (every kind, by code), without the audit's times.
fn records(store: &Store) -> String {
    format!("{:?}\n{:?}", store.summary().expect("summary"), store.project_figures("ZX-2024-01").expect("figures"))
}

/// The same sheets as one XLSX workbook (every cell text; a blank line is an empty
/// row); with `merged`, an empty merged range beyond the columns, which makes the
/// workbook be read whole instead of streamed.
/// Rows of a generated file: each row's text, and whether a blank line comes before it.
type Rows = [(String, bool)];

/// A generated sheet: its name, its header and its rows.
type GenSheet<'a> = (&'a str, &'a str, &'a Rows);

fn workbook(path: &std::path::Path, sheets: &[GenSheet<'_>], merged: bool) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, header, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).expect("name");
        let text = file(header, rows.to_vec());
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut r = 0u32;
        for (i, record) in reader.records().enumerate() {
            let record = record.expect("record");
            if i > 0 && rows.get(i - 1).is_some_and(|(_, blank)| *blank) {
                r += 1;
            }
            for (c, cell) in record.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r, c as u16, cell).expect("cell");
                }
            }
            r += 1;
        }
        if merged {
            ws.merge_range(1, 12, 2, 12, "", &rust_xlsxwriter::Format::new()).expect("merge");
        }
    }
    book.save(path).expect("save");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn the_streaming_import_decides_as_the_two_pass_import_did_on_a_workbook(
        projects in prop::collection::vec((project_row(), prop::bool::weighted(0.1)), 0..4),
        donations in prop::collection::vec((donation_row(), prop::bool::weighted(0.1)), 1..10),
        disbursements in prop::collection::vec((disbursement_row(), prop::bool::weighted(0.1)), 0..3),
        merged in prop::bool::weighted(0.3),
        update in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("村里.xlsx");
        let sheets: [GenSheet<'_>; 3] =
            [("捐赠", DONATIONS, &donations), ("项目", PROJECTS, &projects), ("拨付", DISBURSEMENTS, &disbursements)];
        workbook(&path, &sheets, merged);
        let paths = vec![path];
        let opts = ImportOptions { dry_run: false, update };
        let (new_db, old_db) = (seeded(), seeded());
        let mut new_store = new_db.open();
        let mut old_store = old_db.open();
        let new = import(&mut new_store, &paths, opts, &mut |_| {}).expect("streaming import");
        let old = old_import::old_import(&mut old_store, &paths, opts, &mut |_| {}).expect("two-pass import");
        prop_assert_eq!(said(&new), said(&old));
        prop_assert_eq!(records(&new_store), records(&old_store));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn the_streaming_import_decides_as_the_two_pass_import_did(
        projects in prop::collection::vec((project_row(), prop::bool::weighted(0.1)), 0..4),
        donations in prop::collection::vec((donation_row(), prop::bool::weighted(0.1)), 0..10),
        disbursements in prop::collection::vec((disbursement_row(), prop::bool::weighted(0.1)), 0..3),
        update in any::<bool>(),
        dry_run in prop::bool::weighted(0.2),
    ) {
        let dir = tempfile::tempdir().expect("dir");
        let mut paths: Vec<PathBuf> = Vec::new();
        // Donations first on the command line: the import writes them after the projects.
        for (name, header, rows) in [("捐赠.csv", DONATIONS, donations), ("项目.csv", PROJECTS, projects), ("拨付.csv", DISBURSEMENTS, disbursements)] {
            if !rows.is_empty() {
                let p = dir.path().join(name);
                std::fs::write(&p, file(header, rows)).expect("write");
                paths.push(p);
            }
        }
        prop_assume!(!paths.is_empty());
        let opts = ImportOptions { dry_run, update };
        let (new_db, old_db) = (seeded(), seeded());
        let mut new_store = new_db.open();
        let mut old_store = old_db.open();
        let new = import(&mut new_store, &paths, opts, &mut |_| {}).expect("streaming import");
        let old = old_import::old_import(&mut old_store, &paths, opts, &mut |_| {}).expect("two-pass import");
        prop_assert_eq!(said(&new), said(&old));
        prop_assert_eq!(new.backup.is_some(), old.backup.is_some());
        prop_assert_eq!(records(&new_store), records(&old_store));
        prop_assert!(new_store.health().expect("health").is_healthy());
    }
}
