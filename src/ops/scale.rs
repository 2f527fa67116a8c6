//! Large data sets for measuring: the real villages of 大丰区, 3,000 projects, N donations,
//! and volunteers and shifts in proportion, written straight to standard-template CSV files
//! from a seed (the same files every time for the same N).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::demo::{REGISTRY, Rng, SURNAMES};

/// Projects in a scale data set.
pub const PROJECTS: usize = 3_000;

const GIVEN: &[&str] = &[
    "建", "国", "秀", "英", "志", "强", "明", "华", "丽", "娟", "伟", "芳", "军", "平", "海", "燕", "红", "霞", "庆",
    "兰", "卫", "东", "春", "梅", "龙", "晓", "玉", "德", "宏", "静", "磊",
];
const THEMES: &[(&str, &str)] = &[
    ("助学", "助学项目"),
    ("助医", "大病救助"),
    ("助困", "困难家庭帮扶"),
    ("助老", "助老餐桌"),
    ("助残", "助残康复"),
    ("乡村建设", "道路亮化"),
    ("应急救灾", "应急救灾"),
    ("其他", "文化活动室"),
];

/// Writes 村社, 项目, 捐赠, 拨付, 志愿者 and 志愿排班 CSV files with `donations` donations
/// into `dir`; returns the files in import order.
pub fn write(dir: &Path, donations: u64, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    let villages: Vec<Vec<String>> = REGISTRY
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .filter(|f: &Vec<String>| f.len() >= 7)
        .collect();
    write_villages(dir, &villages, donations, seed)
}

/// A county's export for measuring a roll-up (issue 10): the files of [`write`] for a
/// county of `city` — as many villages as 大丰区 has, named as samples (样本村) since only
/// 大丰区's registry is at hand, coded under the county's division code — with its 来源
/// (exported at `exported_at`). The project codes and donation serials are the same in
/// every county, as separately kept offices' are.
pub fn write_county(
    dir: &Path,
    county: &crate::domain::Office,
    city: &str,
    donations: u64,
    seed: u64,
    exported_at: chrono::NaiveDateTime,
) -> std::io::Result<Vec<PathBuf>> {
    let villages: Vec<Vec<String>> = (0..REGISTRY.lines().skip(1).count())
        .map(|i| {
            let town = i / 20 + 1;
            vec![
                format!("{}{:03}{:03}", county.code, 100 + town, i % 20 + 200),
                format!("{}样本村{:03}", county.name, i + 1),
                String::new(),
                format!("样本镇{town:02}"),
                String::new(),
                county.name.clone(),
                city.to_string(),
            ]
        })
        .collect();
    let mut files = write_villages(dir, &villages, donations, seed)?;
    let mut w = BufWriter::new(File::create(dir.join("来源.csv"))?);
    w.write_all(b"\xEF\xBB\xBF")?;
    for row in crate::template::source::source_rows(Some((county.code, &county.name)), exported_at, None, None) {
        let cells: Vec<String> = row.iter().map(crate::template::cells::Cell::text).collect();
        writeln!(w, "{}", cells.join(","))?;
    }
    w.flush()?;
    files.push(dir.join("来源.csv"));
    Ok(files)
}

/// [`write`] for these villages: (code, name, _, town, _, county, city) each.
fn write_villages(dir: &Path, villages: &[Vec<String>], donations: u64, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let open = |name: &str| -> std::io::Result<BufWriter<File>> {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(dir.join(name))?);
        w.write_all(b"\xEF\xBB\xBF")?;
        Ok(w)
    };
    let mut w = open("村社.csv")?;
    writeln!(w, "村社编码,村社名称,乡镇（街道）,县（市、区）,设区市,状态")?;
    for f in villages {
        writeln!(w, "{},{},{},{},{},实施中", f[0], f[1], f[3], f[5], f[6])?;
    }
    w.flush()?;
    let mut w = open("项目.csv")?;
    writeln!(w, "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期,项目状态")?;
    let mut projects = Vec::with_capacity(PROJECTS);
    for i in 0..PROJECTS {
        let v = &villages[i % villages.len()];
        let (category, theme) = THEMES[i % THEMES.len()];
        let code = format!("{}-P{i:04}", &v[0][6..]);
        let year = 2021 + (i % 5);
        writeln!(
            w,
            "{code},{},{}{theme}{},{category},{},{year}-01-01,募集中",
            v[0],
            v[1].trim_end_matches("村委会"),
            i / villages.len() + 1,
            50_000 + rng.below(500) * 1000
        )?;
        projects.push(code);
    }
    w.flush()?;
    let mut raised = vec![0u64; PROJECTS];
    let mut w = open("捐赠.csv")?;
    writeln!(w, "捐赠流水号,项目编号,捐赠人,捐赠人类型,捐赠金额（元）,捐赠日期,捐赠渠道,配捐")?;
    for i in 0..donations {
        let p = rng.below(PROJECTS as u64) as usize;
        let fen = 100 + rng.below(50_000);
        raised[p] += fen;
        let (y, m, d) = (2021 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
        let kind = rng.below(100);
        let (donor, ty, channel, matching) = match kind {
            0..=4 => ("腾讯公益配捐".to_string(), "社会组织", "网络平台", "是"),
            5..=12 => (String::new(), "个人", "网络平台", "否"),
            13..=27 => (name(&mut rng), "乡贤", "网络平台", "否"),
            _ => (name(&mut rng), "个人", if kind < 35 { "银行转账" } else { "网络平台" }, "否"),
        };
        writeln!(
            w,
            "D{i:09},{},{donor},{ty},{}.{:02},{y}-{m:02}-{d:02},{channel},{matching}",
            projects[p],
            fen / 100,
            fen % 100
        )?;
    }
    w.flush()?;
    let mut w = open("拨付.csv")?;
    writeln!(w, "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途")?;
    for (p, code) in projects.iter().enumerate() {
        let amount = raised[p] * 3 / 10;
        if amount > 0 {
            writeln!(w, "B{p:05},{code},{}.{:02},2026-06-01,受助家庭,第一批", amount / 100, amount % 100)?;
        }
    }
    w.flush()?;
    let volunteers = (donations / 200).max(10);
    let mut w = open("志愿者.csv")?;
    writeln!(w, "志愿者编号,姓名,村社编码")?;
    for i in 0..volunteers {
        writeln!(w, "V{i:07},{},{}", name(&mut rng), villages[i as usize % villages.len()][0])?;
    }
    w.flush()?;
    let mut w = open("志愿排班.csv")?;
    writeln!(w, "排班编号,志愿者编号,服务日期,服务时长（小时）,服务内容,排班状态")?;
    for i in 0..volunteers * 4 {
        let status = if i % 5 == 0 { "已排班" } else { "已完成" };
        writeln!(w, "S{i:08},V{:07},2026-11-{:02},2,探访独居老人,{status}", rng.below(volunteers), 1 + rng.below(28))?;
    }
    w.flush()?;
    Ok(["村社.csv", "项目.csv", "捐赠.csv", "拨付.csv", "志愿者.csv", "志愿排班.csv"]
        .iter()
        .map(|f| dir.join(f))
        .collect())
}

fn name(rng: &mut Rng) -> String {
    let given: String = (0..1 + rng.below(2)).map(|_| *rng.pick(GIVEN)).collect();
    format!("{}{given}", rng.pick(SURNAMES))
}
