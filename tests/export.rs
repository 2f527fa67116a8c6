//! Export: formula-safe files, consistent subsets that import on their own, GB18030.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::*;
use xingfu::db::{Selection, Store};
use xingfu::domain::*;
use xingfu::ops::export::{Format, export};
use xingfu::ops::import::{ImportOptions, import};
use xingfu::template::write::CsvEncoding;

const DANGEROUS: [&str; 4] = ["=HYPERLINK(\"http://x\",\"点我\")", "+8613812345678", "-2+3", "@SUM(A1:A9)"];

fn seeded_with_formulas() -> (TempDb, Store) {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    for (i, text) in DANGEROUS.iter().enumerate() {
        let d = Donation {
            note: Some(text.to_string()),
            ..donation(&format!("F{i}"), "ZX-2024-02", Some(text), "1", false)
        };
        store.insert(&d).unwrap();
    }
    let mut v = store.get::<Village>(ZHONGXIN).unwrap().unwrap();
    v.note = Some("=1+1".into());
    store.update(ZHONGXIN, &v).unwrap();
    (db, store)
}

fn reimport(path: &Path) -> (TempDb, Store) {
    let db = TempDb::new();
    let mut store = db.open();
    let report = import(&mut store, &[path.to_path_buf()], ImportOptions::default(), &mut |_| {}).unwrap();
    let errors: Vec<String> = report.errors().map(|p| p.message(Lang::En)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (db, store)
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let (_db, store) = seeded_with_formulas();
    let dir = tempfile::tempdir().unwrap();
    // CSV: no raw field starts a formula.
    let csv_dir = dir.path().join("csv");
    export(&store, &csv_dir, Format::Csv(CsvEncoding::Utf8Bom), &Selection::default(), &mut |_, _| {}).unwrap();
    for entry in std::fs::read_dir(&csv_dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
        for record in reader.records() {
            for field in record.unwrap().iter() {
                assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "{field}");
            }
        }
    }
    // XLSX: no formula anywhere, the values are string cells.
    let xlsx = dir.path().join("out.xlsx");
    export(&store, &xlsx, Format::Xlsx, &Selection::default(), &mut |_, _| {}).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().map(|n| n.starts_with("xl/worksheets/")).unwrap_or(false) {
            let mut xml = String::new();
            f.read_to_string(&mut xml).unwrap();
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "a formula in {:?}", f.name());
        }
    }
    // Both import back to the very same values.
    for path in [csv_dir, xlsx] {
        let (_db2, again) = reimport(&path);
        for (i, text) in DANGEROUS.iter().enumerate() {
            let d = again.get::<Donation>(&format!("F{i}")).unwrap().unwrap();
            assert_eq!((d.donor_name.as_deref(), d.note.as_deref()), (Some(*text), Some(*text)), "{path:?}");
        }
        assert_eq!(again.get::<Village>(ZHONGXIN).unwrap().unwrap().note.as_deref(), Some("=1+1"));
    }
}

fn export_csv(store: &Store, sel: &Selection) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    export(store, &out, Format::Csv(CsvEncoding::Utf8Bom), sel, &mut |_, _| {}).unwrap();
    (dir, out)
}

#[test]
fn a_village_exports_with_everything_of_it_and_imports_alone() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let sel = Selection { villages: vec![ZHONGXIN.into()], ..Selection::default() };
    let (_dir, out) = export_csv(&store, &sel);
    let (_db2, alone) = reimport(&out);
    let s = alone.summary().unwrap();
    assert_eq!((s.villages, s.projects, s.donations, s.disbursements, s.volunteers, s.shifts), (1, 2, 5, 1, 2, 4));
    assert_eq!(alone.village_figures(ZHONGXIN).unwrap(), store.village_figures(ZHONGXIN).unwrap());
    assert!(alone.get::<Village>(CHANGTAN).unwrap().is_none());
}

#[test]
fn a_project_exports_with_its_village() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let sel = Selection { projects: vec!["ZX-2024-02".into()], ..Selection::default() };
    let (_dir, out) = export_csv(&store, &sel);
    let (_db2, alone) = reimport(&out);
    let s = alone.summary().unwrap();
    assert_eq!((s.villages, s.projects, s.donations, s.disbursements), (1, 1, 1, 0));
    assert_eq!(alone.project_figures("ZX-2024-02").unwrap(), store.project_figures("ZX-2024-02").unwrap());
}

#[test]
fn a_date_range_limits_dated_records() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let late =
        Donation { donated_on: date("2025-01-15"), ..donation("LATE", "ZX-2024-02", Some("新年"), "66", false) };
    store.insert(&late).unwrap();
    let sel = Selection { from: Some(date("2025-01-01")), to: Some(date("2025-12-31")), ..Selection::default() };
    let (_dir, out) = export_csv(&store, &sel);
    let text = std::fs::read_to_string(out.join("捐赠.csv")).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("LATE,ZX-2024-02,新年"));
    // Villages and projects come along so the file imports on its own.
    let (_db2, alone) = reimport(&out);
    assert_eq!(alone.summary().unwrap().donations, 1);
}

#[test]
fn gb18030_export_keeps_rare_characters() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    store.insert(&donation("RARE", "ZX-2024-02", Some("吉𠮷"), "1", false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gb");
    export(&store, &out, Format::Csv(CsvEncoding::Gb18030), &Selection::default(), &mut |_, _| {}).unwrap();
    let bytes = std::fs::read(out.join("捐赠.csv")).unwrap();
    assert_ne!(&bytes[..3], b"\xEF\xBB\xBF", "no BOM in GB18030");
    assert!(std::str::from_utf8(&bytes).is_err(), "the file is not UTF-8");
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert!(text.contains("吉𠮷") && !text.contains("&#"));
    let (_db2, again) = reimport(&out);
    assert_eq!(again.get::<Donation>("RARE").unwrap().unwrap().donor_name.as_deref(), Some("吉𠮷"));
}

#[test]
fn the_cli_exports_by_extension_and_option() {
    let db = TempDb::new();
    seed(&mut db.open());
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("xingfu")
            .unwrap()
            .arg("--db")
            .arg(&db.path)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["export", "众心村.xlsx", "--village", ZHONGXIN]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("村社 1  项目 2  捐赠 5  拨付 1  志愿者 2  志愿排班 4"));
    assert!(dir.path().join("众心村.xlsx").is_file());
    let out = run(&["export", "folder", "--encoding", "gb18030", "--from", "2024年5月1日", "--to", "20240531"]);
    assert!(out.status.success());
    assert!(dir.path().join("folder/捐赠.csv").is_file());
    // An unknown village is refused (exit 1); a bad date is a usage error (exit 2).
    assert_eq!(run(&["export", "x.xlsx", "--village", "999"]).status.code(), Some(1));
    assert_eq!(run(&["export", "x.xlsx", "--from", "someday"]).status.code(), Some(2));
    let out = run(&["template", "空白.xlsx"]);
    assert!(out.status.success() && dir.path().join("空白.xlsx").is_file());
}

/// Every cell of every CSV file in `dir`.
fn all_cells(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            out.extend(line.split(',').map(|c| c.trim_start_matches('\u{feff}').to_string()));
        }
    }
    out
}

#[test]
fn an_inspectors_export_hides_what_the_screen_hides() {
    let db = TempDb::new();
    let mut store = db.open();
    xingfu::ops::demo::load(&mut store).unwrap();
    let people: Vec<String> = {
        let mut names = Vec::new();
        store
            .each_selected::<Donation, xingfu::db::DbError>(&Selection::default(), |d| {
                if d.donor_type == DonorType::Individual
                    && let Some(n) = d.donor_name
                {
                    names.push(n);
                }
                Ok(())
            })
            .unwrap();
        names
    };
    drop(store);
    let phone = |c: &String| c.len() == 11 && c.starts_with('1') && c.chars().all(|ch| ch.is_ascii_digit());
    let run = |flags: &[&str], out: &Path| {
        assert_cmd::Command::cargo_bin("xingfu")
            .unwrap()
            .args(["--db", db.path.to_str().unwrap()])
            .args(flags)
            .args(["export", out.to_str().unwrap()])
            .assert()
            .success()
    };
    let dir = tempfile::tempdir().unwrap();
    // The office's own export has the phones, for import.
    let full = dir.path().join("full");
    run(&[], &full);
    assert!(all_cells(&full).iter().any(phone));
    // Read-only: no phone; says so.
    let ro = dir.path().join("只读 导出");
    run(&["--read-only"], &ro).stdout(predicates::str::contains("隐去电话号码"));
    let cells = all_cells(&ro);
    assert!(!cells.iter().any(phone), "a phone in a read-only export");
    assert!(cells.iter().any(|c| c.contains("****")));
    assert!(people.iter().take(50).any(|n| cells.contains(n)), "names stay without --mask-names");
    // --mask-names: private donors masked; companies stay.
    let masked = dir.path().join("masked");
    run(&["--read-only", "--mask-names"], &masked);
    let donations: Vec<String> = std::fs::read_to_string(masked.join("捐赠.csv"))
        .unwrap()
        .lines()
        .flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(!people.iter().any(|n| donations.contains(n)), "a private donor's name in a masked export");
    let cells = all_cells(&masked);
    assert!(cells.iter().any(|c| c.ends_with("公司")), "companies in full");
}

#[test]
fn format_xlsx_to_a_name_without_extension_writes_name_xlsx_and_says_where() {
    let db = TempDb::new();
    seed(&mut db.open());
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .args(["--db", db.path.to_str().unwrap(), "export", "季度 报表", "--format", "xlsx"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let file = dir.path().join("季度 报表.xlsx");
    assert!(file.is_file());
    assert!(!dir.path().join("季度 报表").exists());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&std::path::absolute(&file).unwrap().display().to_string()), "the full path: {said}");
}
