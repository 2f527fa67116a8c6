//! Shared test helpers: real database files in temporary folders, seeded with real
//! villages of 大丰区 from the committed division registry.

#![allow(dead_code)]

pub mod counties;

use std::path::{Path, PathBuf};

use xingfu::db::{OpenMode, Store};
use xingfu::domain::*;

/// A temporary folder holding one database file.
pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("office.db");
        TempDb { dir, path }
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path, OpenMode::Create, "测试员").expect("open store")
    }
}

/// One row of the committed registry: (code, name, town, county, city).
pub fn registry_village(code: &str) -> Village {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/registry/divisions-320904-dafeng.csv"),
    )
    .expect("registry");
    let line = text.lines().find(|l| l.starts_with(code)).expect("village in registry");
    let f: Vec<&str> = line.split(',').collect();
    Village {
        code: f[0].to_string(),
        name: f[1].to_string(),
        town: f[3].to_string(),
        county: f[5].to_string(),
        city: Some(f[6].to_string()),
        ..Village::default()
    }
}

pub const ZHONGXIN: &str = "320904104209"; // 众心村委会, 西团镇
pub const CHANGTAN: &str = "320904110222"; // 长坍村委会, 新丰镇 (长: chang / zhang)

pub fn date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn yuan(s: &str) -> Money {
    Money::parse(s).expect("money")
}

pub fn project(code: &str, village: &str, title: &str, target: &str) -> Project {
    Project {
        code: code.into(),
        village_code: village.into(),
        title: title.into(),
        category: Category::Education,
        target: yuan(target),
        start_date: date("2024-03-01"),
        ..Project::default()
    }
}

pub fn donation(r: &str, project: &str, donor: Option<&str>, amount: &str, matching: bool) -> Donation {
    Donation {
        donation_ref: r.into(),
        project_code: project.into(),
        donor_name: donor.map(str::to_string),
        amount: yuan(amount),
        donated_on: date("2024-05-10"),
        matching,
        ..Donation::default()
    }
}

pub fn disbursement(r: &str, project: &str, amount: &str) -> Disbursement {
    Disbursement {
        disbursement_ref: r.into(),
        project_code: project.into(),
        amount: yuan(amount),
        paid_on: date("2024-06-01"),
        payee: "西团镇中心小学".into(),
        purpose: "助学金".into(),
        ..Disbursement::default()
    }
}

pub fn volunteer(code: &str, name: &str, village: &str) -> Volunteer {
    Volunteer { code: code.into(), name: name.into(), village_code: village.into(), ..Volunteer::default() }
}

pub fn shift(r: &str, volunteer: &str, hours: i64, status: ShiftStatus) -> Shift {
    Shift {
        shift_ref: r.into(),
        volunteer_code: volunteer.into(),
        shift_date: date("2024-07-01"),
        hours: Hours::from_tenths(hours),
        activity: "探访独居老人".into(),
        status,
        ..Shift::default()
    }
}

/// 众心村 with two projects, donations (one matching, one anonymous), a disbursement,
/// two volunteers with shifts; 长坍村 with one project.
pub fn seed(store: &mut Store) {
    store.insert(&Village { status: VillageStatus::Pilot, ..registry_village(ZHONGXIN) }).expect("village");
    store.insert(&registry_village(CHANGTAN)).expect("village");
    store.insert(&project("ZX-2024-01", ZHONGXIN, "众心村助学项目", "300000")).expect("project");
    store
        .insert(&Project {
            category: Category::Elderly, ..project("ZX-2024-02", ZHONGXIN, "众心村助老餐桌", "200000")
        })
        .expect("project");
    store
        .insert(&Project {
            category: Category::VillageBuilding,
            ..project("CT-2024-01", CHANGTAN, "长坍村道重建", "500000")
        })
        .expect("project");
    store.insert(&donation("D0001", "ZX-2024-01", Some("王建国"), "1,000.00", false)).expect("donation");
    store.insert(&donation("D0002", "ZX-2024-01", Some("盐城某某公司"), "¥50000", false)).expect("donation");
    store.insert(&donation("D0003", "ZX-2024-01", None, "88.88", false)).expect("donation");
    store.insert(&donation("D0004", "ZX-2024-01", Some("腾讯公益配捐"), "10000", true)).expect("donation");
    store.insert(&donation("D0005", "ZX-2024-02", Some("王建国"), "500", false)).expect("donation");
    store.insert(&disbursement("B0001", "ZX-2024-01", "20000")).expect("disbursement");
    store.insert(&volunteer("V001", "李秀英", ZHONGXIN)).expect("volunteer");
    store.insert(&volunteer("V002", "陈志强", ZHONGXIN)).expect("volunteer");
    store.insert(&shift("S001", "V001", 30, ShiftStatus::Served)).expect("shift");
    store.insert(&shift("S002", "V001", 25, ShiftStatus::Served)).expect("shift");
    store.insert(&shift("S003", "V002", 40, ShiftStatus::Scheduled)).expect("shift");
    store.insert(&shift("S004", "V002", 20, ShiftStatus::Absent)).expect("shift");
}

/// The `xingfu` binary of this build, with no database, operator or language from the
/// environment of whoever runs the tests.
pub fn xingfu() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("xingfu").expect("binary");
    // Every write names its operator (a machine without a user name refuses one that
    // does not).
    c.env_remove("XINGFU_DB").env("XINGFU_OPERATOR", "测试员").env_remove("XINGFU_LANG");
    // No configuration (language, presets) of whoever runs the tests: a folder that is
    // never made unless a test names its own.
    c.env("XINGFU_CONFIG_DIR", std::env::temp_dir().join("xingfu-tests-no-config"));
    c
}

/// A database holding the records of [`seed`].
pub fn seeded() -> TempDb {
    let db = TempDb::new();
    seed(&mut db.open());
    db
}

/// A donations sheet of the standard template, every column, with these rows.
pub fn donations_csv(rows: &[&str]) -> String {
    let mut s = String::from(
        "捐赠流水号,项目编号,捐赠人,捐赠人类型,联系电话,捐赠金额（元）,捐赠日期,捐赠渠道,配捐,票据代码,票据号码,备注\n",
    );
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}
