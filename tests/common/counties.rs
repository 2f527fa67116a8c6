//! Generated county data for the roll-up tests (issue 10): 大丰区 with real villages of
//! the committed registry; 东台市 and 射阳县, whose registries the repository does not
//! hold, with villages marked as test villages (测试村社) under real towns and codes that
//! are not division codes.

use std::path::{Path, PathBuf};

use super::*;
use xingfu::db::{Selection, Store};
use xingfu::domain::*;
use xingfu::ops::export::{Format, export};
use xingfu::ops::import::{ImportOptions, ImportReport, import};
use xingfu::template::write::CsvEncoding;

pub struct County {
    pub code: &'static str,
    pub name: &'static str,
    /// (village code, name, town)
    pub villages: Vec<(String, String, String)>,
}

pub fn dafeng() -> County {
    let villages = [ZHONGXIN, CHANGTAN, "320904104208", "320904110221"]
        .iter()
        .map(|c| {
            let v = registry_village(c);
            (v.code, v.name, v.town)
        })
        .collect();
    County { code: "320904", name: "大丰区", villages }
}

fn test_villages(prefix: &str, towns: &[&str]) -> Vec<(String, String, String)> {
    towns
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("{prefix}{:02}", i + 1), format!("{t}测试村社"), t.to_string()))
        .collect()
}

pub fn dongtai() -> County {
    County {
        code: "320981", name: "东台市", villages: test_villages("DT", &["安丰镇", "富安镇", "弶港镇"])
    }
}

pub fn sheyang() -> County {
    County { code: "320924", name: "射阳县", villages: test_villages("SY", &["合德镇", "黄沙港镇"]) }
}

/// A small deterministic generator (the same data every run).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Writes a county's generated data as template CSV files into `dir`: two projects a
/// village (codes the same in every county), 60 donations a project over 2026 (refs the
/// same in every county), a disbursement in the third quarter of money mostly raised
/// before it, a carry-over, volunteers and served shifts.
pub fn write_county_files(c: &County, dir: &Path, seed: u64) {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(seed);
    let county = c.name;
    let mut villages = String::from("村社编码,村社名称,乡镇（街道）,县（市、区）,设区市\n");
    let mut projects = String::from("项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期\n");
    let mut donations = String::from("捐赠流水号,项目编号,捐赠人,捐赠人类型,捐赠金额（元）,捐赠日期,配捐\n");
    let mut disbursements = String::from("拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\n");
    let mut volunteers = String::from("志愿者编号,姓名,村社编码\n");
    let mut shifts = String::from("排班编号,志愿者编号,服务日期,服务时长（小时）,服务内容,排班状态\n");
    let mut n = 0;
    let names = ["王建国", "李秀英", "陈志强", "张华", ""];
    for (vi, (code, name, town)) in c.villages.iter().enumerate() {
        villages.push_str(&format!("{code},{name},{town},{county},盐城市\n"));
        for k in 0..2 {
            let p = format!("XM-{:02}", vi * 2 + k + 1);
            projects.push_str(&format!("{p},{code},{name}项目{k},助学,500000,2025-06-01\n"));
            let mut raised_h1 = 0u64;
            for _ in 0..60 {
                n += 1;
                let fen = 1000 + rng.below(90_000);
                let month = 1 + rng.below(12);
                let day = 1 + rng.below(28);
                if month <= 6 {
                    raised_h1 += fen;
                }
                let donor = names[rng.below(names.len() as u64) as usize];
                let matching = if rng.below(10) == 0 { "是" } else { "否" };
                donations.push_str(&format!(
                    "D{n:05},{p},{donor},个人,{}.{:02},2026-{month:02}-{day:02},{matching}\n",
                    fen / 100,
                    fen % 100
                ));
            }
            let paid = raised_h1 * 6 / 10;
            disbursements.push_str(&format!("B-{p},{p},{}.{:02},2026-08-15,受助家庭,助学金\n", paid / 100, paid % 100));
        }
        volunteers.push_str(&format!("V{vi:03},志愿者{vi},{code}\n"));
        shifts.push_str(&format!("S{vi:03}a,V{vi:03},2026-08-{:02},2.5,探访独居老人,已完成\n", 1 + vi));
        shifts.push_str(&format!("S{vi:03}b,V{vi:03},2026-11-{:02},3,探访独居老人,已排班\n", 1 + vi));
    }
    let carry = "结转单号,转出项目编号,转入项目编号,结转金额（元）,结转日期,结转原因\n\
                 C-01,XM-01,XM-02,100.00,2026-09-01,结余转入同类项目\n";
    for (file, text) in [
        ("村社.csv", villages),
        ("项目.csv", projects),
        ("捐赠.csv", donations),
        ("拨付.csv", disbursements),
        ("志愿者.csv", volunteers),
        ("志愿排班.csv", shifts),
        ("结转.csv", carry.to_string()),
    ] {
        std::fs::write(dir.join(file), text).unwrap();
    }
}

pub fn import_ok(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    let report = import(store, paths, ImportOptions::default(), &mut |_| {}).unwrap();
    let errors: Vec<String> = report.errors().map(|p| p.message(Lang::En)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    report
}

pub fn import_refused(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    let report = import(store, paths, ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(report.has_errors() && !report.written, "not refused");
    report
}

/// A county database with its office and generated records.
pub fn county_db(c: &County, seed: u64) -> TempDb {
    let db = TempDb::new();
    let mut store = db.open();
    store.set_office(&Office { code: DivisionCode::parse(c.code).unwrap(), name: c.name.into() }).unwrap();
    let files = db.dir.path().join("files");
    write_county_files(c, &files, seed);
    import_ok(&mut store, &[files]);
    db
}

pub fn city_db() -> TempDb {
    let db = TempDb::new();
    let mut store = db.open();
    store.set_office(&xingfu::ops::office::parse("320900", None).unwrap()).unwrap();
    db
}

pub fn export_to(store: &Store, out: &Path, from: Option<&str>, to: Option<&str>) -> PathBuf {
    let sel = Selection { from: from.map(date), to: to.map(date), ..Selection::default() };
    export(store, out, Format::from_path(out, CsvEncoding::Utf8Bom), &sel, &mut |_, _| {}).unwrap();
    out.to_path_buf()
}

/// A city database (盐城市) holding the full exports of 大丰区 and 东台市.
pub fn rolled_up_city() -> TempDb {
    rolled_up(&[county_db(&dafeng(), 1), county_db(&dongtai(), 2)])
}

/// A city database (盐城市) holding the full exports of these county databases.
pub fn rolled_up(dbs: &[TempDb]) -> TempDb {
    let out = tempfile::tempdir().unwrap();
    let exports: Vec<PathBuf> = dbs
        .iter()
        .enumerate()
        .map(|(i, db)| export_to(&db.open(), &out.path().join(format!("e{i}")), None, None))
        .collect();
    let city = city_db();
    import_ok(&mut city.open(), &exports);
    city
}
