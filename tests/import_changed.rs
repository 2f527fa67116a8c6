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
