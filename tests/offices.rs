//! The office behind each database on the command line: `init --office`, its refusals,
//! an export that says where it comes from, a roll-up's summary, and the exit codes.

mod common;

use common::*;
use predicates::prelude::*;
use xingfu::db::{OpenMode, Store};

fn office_of(db: &TempDb) -> Option<(String, String)> {
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    store.office().unwrap().map(|o| (o.code.to_string(), o.name))
}

#[test]
fn init_names_the_office_from_the_registry_and_refuses_what_it_cannot_name() {
    let db = TempDb::new();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["init", "--office", "320900"])
        .assert()
        .success()
        .stdout(predicate::str::contains("本数据库属于：盐城市（320900，设区市），汇总所辖县（市、区）的导出"));
    assert_eq!(office_of(&db), Some(("320900".into(), "盐城市".into())));
    // Again: the same office is fine; another is refused, nothing changed.
    xingfu().arg("--db").arg(&db.path).args(["init", "--office", "320900"]).assert().success();
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "en", "init", "--office", "320904"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("this database belongs to 盐城市 (320900); it cannot become 320904"));
    assert_eq!(office_of(&db), Some(("320900".into(), "盐城市".into())));

    // Not a code, an unknown code: refused before any file is made.
    let other = TempDb::new();
    for (code, said) in [("3209", "不是六位行政区划代码"), ("320999", "请用 --office-name 写明单位名称")]
    {
        xingfu()
            .arg("--db")
            .arg(&other.path)
            .args(["init", "--office", code])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(said));
        assert!(!other.path.exists());
    }
    // An unknown county with its name given.
    xingfu()
        .arg("--db")
        .arg(&other.path)
        .args(["init", "--office", "320999", "--office-name", "某新区"])
        .assert()
        .success()
        .stdout(predicate::str::contains("本数据库属于：某新区（320999，县（市、区））"));
}

#[test]
fn a_county_cannot_be_named_over_villages_of_another() {
    let db = seeded();
    // The seed's villages are 大丰区's: the office is inferred, not stored…
    assert_eq!(
        Store::open(&db.path, OpenMode::ReadOnly, "").unwrap().office_or_inferred().unwrap().unwrap().name,
        "大丰区"
    );
    // …and naming another county is refused.
    xingfu()
        .arg("--db")
        .arg(&db.path)
        .args(["init", "--office", "320981"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("此数据库的村社属于大丰区（320904），不能定为 320981"));
    assert_eq!(office_of(&db), None);
    xingfu().arg("--db").arg(&db.path).args(["init", "--office", "320904"]).assert().success();
    assert_eq!(office_of(&db), Some(("320904".into(), "大丰区".into())));
}

#[test]
fn exports_roll_up_on_the_command_line_with_a_summary_and_refusals_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let county = seeded();
    let out = dir.path().join("大丰区 导出");
    xingfu().arg("--db").arg(&county.path).arg("export").arg(&out).assert().success();
    let source = std::fs::read_to_string(out.join("来源.csv")).unwrap();
    assert!(source.contains("单位编码,320904") && source.contains("单位名称,大丰区") && source.contains("格式版本,2"));
    let city = TempDb::new();
    xingfu().arg("--db").arg(&city.path).args(["init", "--office", "320900"]).assert().success();
    xingfu()
        .arg("--db")
        .arg(&city.path)
        .arg("import")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("大丰区（320904）：首次汇总"))
        .stdout(predicate::str::contains("  捐赠：新增 5，更新 0，删除 0，未变 0"));
    xingfu()
        .arg("--db")
        .arg(&city.path)
        .args(["--lang", "en", "import"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("大丰区 (320904): the database already holds this export"));
    // A village's own template (no 来源) is refused by the city: exit code 1.
    let v1 = dir.path().join("捐赠.csv");
    std::fs::write(&v1, donations_csv(&["D9,ZX-2024-01,王建国,个人,,100,2024-05-10,网络平台,否,,,"])).unwrap();
    xingfu()
        .arg("--db")
        .arg(&city.path)
        .arg("import")
        .arg(&v1)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("盐城市的数据库只接收所辖县（市、区）的完整导出"));
}

#[test]
fn a_period_export_names_its_period_and_carries_opening_balances() {
    let dir = tempfile::tempdir().unwrap();
    let county = seeded();
    let out = dir.path().join("q.xlsx");
    xingfu()
        .arg("--db")
        .arg(&county.path)
        .arg("export")
        .arg(&out)
        .args(["--from", "2024-06-01", "--to", "2024-12-31"])
        .assert()
        .success();
    let mut problems = Vec::new();
    let mut side = Vec::new();
    let sheets = xingfu::template::read_xlsx::read_xlsx_sheets(
        "q.xlsx",
        std::fs::read(&out).unwrap(),
        false,
        &mut problems,
        &mut side,
    );
    assert!(!sheets.is_empty() && problems.is_empty(), "{problems:?}");
    let texts: Vec<Vec<String>> = side.iter().flat_map(|s| s.rows.iter().map(|(_, r)| r.clone())).collect();
    assert!(texts.contains(&vec!["期间起".to_string(), "2024-06-01".to_string()]), "{texts:?}");
    // The seed's 众心村助学项目 held ¥61,088.88 (all its donations, dated 2024-05-10) before June.
    assert!(texts.contains(&vec!["ZX-2024-01".to_string(), "61088.88".to_string()]), "{texts:?}");
    // Imported on its own, its balances are the county's.
    let alone = TempDb::new();
    xingfu().arg("--db").arg(&alone.path).arg("import").arg(&out).assert().success();
    let a = Store::open(&alone.path, OpenMode::ReadOnly, "").unwrap();
    let c = Store::open(&county.path, OpenMode::ReadOnly, "").unwrap();
    assert_eq!(
        a.project_figures("ZX-2024-01").unwrap().unwrap().balance,
        c.project_figures("ZX-2024-01").unwrap().unwrap().balance
    );
}
