//! Issue 16: a streamed import reads a UTF-8 file twice (once to check its encoding and
//! count its rows, once to check and write them). A file changed in between is refused,
//! with nothing written.

mod common;

use common::*;
use xingfu::ops::import::{ImportOptions, Progress, import};
use xingfu::template::Issue;

#[test]
fn a_file_changed_while_it_is_imported_is_refused_and_nothing_is_written() {
    let db = seeded();
    let mut store = db.open();
    let before = store.summary().expect("summary");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("捐赠.csv");
    std::fs::write(&file, donations_csv(&["N1,ZX-2024-01,王五,个人,,100,2024-05-10,现金,否,,,"])).expect("write");
    let mut changed = false;
    let report = import(&mut store, std::slice::from_ref(&file), ImportOptions::default(), &mut |p| {
        if matches!(p, Progress::Reading { .. }) && !changed {
            changed = true;
            std::fs::write(&file, donations_csv(&["N2,ZX-2024-01,赵六,个人,,900,2024-05-10,现金,否,,,"]))
                .expect("change the file");
        }
    })
    .expect("import ran");
    assert!(changed);
    assert!(!report.written);
    assert!(report.errors().any(|p| p.issue == Issue::ChangedWhileImporting), "{:?}", report.problems);
    assert_eq!(store.summary().expect("summary"), before);
}

fn workbook(path: &std::path::Path, serial: &str, amount: &str) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("捐赠").expect("name");
    for (c, h) in ["捐赠流水号", "项目编号", "捐赠金额（元）", "捐赠日期"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for (c, v) in [serial, "ZX-2024-01", amount, "2024-05-10"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("cell");
    }
    book.save(path).expect("save");
}

#[test]
fn a_workbook_changed_while_it_is_imported_is_refused_and_nothing_is_written() {
    let db = seeded();
    let mut store = db.open();
    let before = store.summary().expect("summary");
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("村里.xlsx");
    workbook(&file, "N1", "100");
    let mut changed = false;
    let report = import(&mut store, std::slice::from_ref(&file), ImportOptions::default(), &mut |p| {
        if matches!(p, Progress::Reading { .. }) && !changed {
            changed = true;
            workbook(&file, "N2", "900");
        }
    })
    .expect("import ran");
    assert!(changed);
    assert!(!report.written);
    assert!(report.errors().any(|p| p.issue == Issue::ChangedWhileImporting), "{:?}", report.problems);
    assert_eq!(store.summary().expect("summary"), before);
}
