//! The demo data set: a county office for 大丰区 built from the real village registry,
//! with the pilot village 众心村委会 and its five projects, about 20,000 donations over
//! 2021–2026, disbursements, volunteers and a month of roster shifts. Generated from a
//! fixed seed, written as standard-template files to `data/demo/`, and built into the
//! program so `xingfu demo` and training mode work anywhere.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::{OpsError, OpsResult};
use crate::db::{DbResult, Selection, Store};
use crate::domain::*;
use crate::ops::export::{Format, export};
use crate::ops::records::Record;
use crate::template::write::CsvEncoding;

/// The committed demo files (standard template, CSV), built into the binary.
pub const FILES: [(&str, &str); 8] = [
    ("村社.csv", include_str!("../../data/demo/村社.csv")),
    ("项目.csv", include_str!("../../data/demo/项目.csv")),
    ("捐赠.csv", include_str!("../../data/demo/捐赠.csv")),
    ("拨付.csv", include_str!("../../data/demo/拨付.csv")),
    ("志愿者.csv", include_str!("../../data/demo/志愿者.csv")),
    ("志愿排班.csv", include_str!("../../data/demo/志愿排班.csv")),
    ("结转.csv", include_str!("../../data/demo/结转.csv")),
    ("公示记录.csv", include_str!("../../data/demo/公示记录.csv")),
];

/// The registry of 大丰区 (national statistical division codes), built in.
pub const REGISTRY: &str = include_str!("../../data/registry/divisions-320904-dafeng.csv");

/// The pilot village.
pub const ZHONGXIN: &str = "320904104209";

/// The seed of the committed data set.
pub const SEED: u64 = 20_260_529;

/// A small deterministic generator (xorshift64*), so the data set is the same every time.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Surnames for generated people (the scale data sets use them too).
pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "顾", "季", "陆", "缪", "卞", "单", "仓",
];
const GIVEN: &[&str] = &[
    "建国", "秀英", "志强", "明华", "丽娟", "伟", "芳", "军", "平", "海燕", "红霞", "国庆", "桂兰", "卫东", "春梅",
    "小龙", "晓东", "玉兰", "德明", "宏伟", "静", "磊", "洋", "婷", "超", "敏", "勇", "艳", "杰", "娜", "𠮷祥",
];
/// The given names of `GIVEN` that are women's.
const FEMALE_GIVEN: &[&str] =
    &["秀英", "丽娟", "芳", "海燕", "红霞", "桂兰", "春梅", "玉兰", "静", "婷", "敏", "艳", "娜"];
const COMPANIES: &[&str] = &[
    "大丰区海丰农业科技有限公司",
    "盐城丰收粮油有限公司",
    "大丰港物流有限公司",
    "西团镇建筑安装工程有限公司",
    "大丰区麋鹿文旅发展有限公司",
    "盐城沿海风电设备有限公司",
    "大丰区新丰纺织有限公司",
];
const ORGANISATIONS: &[&str] = &["大丰区慈善总会", "盐城市慈善总会", "大丰区红十字会", "西团镇商会"];
const MATCHERS: &[&str] = &["腾讯公益配捐", "大丰区慈善总会配捐", "爱心企业配捐"];
const PLATFORMS: &[&str] = &["腾讯公益", "支付宝公益", "水滴公益", "中华慈善总会互联网募捐平台"];
const SKILLS: &[&str] = &["护理", "驾驶", "电工", "厨艺", "辅导作业", "理发", "摄影", "维修", "心理疏导", "法律咨询"];

/// Project themes per category: (category, title suffix, typical target in yuan).
const THEMES: &[(Category, &str, i64)] = &[
    (Category::Education, "助学项目", 120_000),
    (Category::Medical, "大病救助", 100_000),
    (Category::Hardship, "困难家庭帮扶", 60_000),
    (Category::Elderly, "助老餐桌", 80_000),
    (Category::Disability, "助残康复", 50_000),
    (Category::VillageBuilding, "道路亮化", 150_000),
    (Category::DisasterRelief, "应急救灾", 40_000),
    (Category::Other, "文化活动室", 30_000),
];

/// The five projects of 众心村 with what each raises: together a little over 850,000 yuan.
const ZHONGXIN_PROJECTS: &[(&str, Category, &str, i64, i64, &str, ProjectStatus)] = &[
    ("ZX-2021-01", Category::Education, "众心村助学项目", 300_000, 306_420, "2021-03-01", ProjectStatus::Completed),
    ("ZX-2021-02", Category::Medical, "众心村大病救助", 200_000, 218_650, "2021-06-01", ProjectStatus::Executing),
    ("ZX-2022-03", Category::Elderly, "众心村助老餐桌", 150_000, 152_300, "2022-01-10", ProjectStatus::Executing),
    (
        "ZX-2023-04",
        Category::VillageBuilding,
        "众心村道路亮化",
        150_000,
        131_880,
        "2023-04-01",
        ProjectStatus::Fundraising,
    ),
    (
        "ZX-2024-05",
        Category::DisasterRelief,
        "众心村应急救灾",
        50_000,
        43_270,
        "2024-07-15",
        ProjectStatus::Fundraising,
    ),
];

/// What the generator made (also what the documented totals say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoData {
    pub villages: Vec<Village>,
    pub projects: Vec<Project>,
    pub donations: Vec<Donation>,
    pub disbursements: Vec<Disbursement>,
    pub volunteers: Vec<Volunteer>,
    pub shifts: Vec<Shift>,
    pub carry_overs: Vec<CarryOver>,
    pub disclosures: Vec<Disclosure>,
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// Donors who give again and again, as (name, phone, donor code on the platform): two
/// different 王海燕 told apart by their phones, and a platform donor known by code alone.
const REGULARS: &[(&str, Option<&str>, Option<&str>)] = &[
    ("王海燕", Some("13805151234"), None),
    ("王海燕", Some("13961908765"), None),
    ("陈德明", Some("15251532210"), Some("TXGY-20871563")),
    ("顾玉兰", None, Some("TXGY-30455218")),
    ("缪建国", Some("13705159876"), None),
    ("季红霞", Some("18751528801"), None),
];

/// Every `REGULAR_EVERY`th gift of a person is a regular donor's.
const REGULAR_EVERY: usize = 13;

/// The receipt code of the demo's receipt books, and how many numbers a book holds.
pub const DEMO_RECEIPT_CODE: &str = "32010126";
const DEMO_BOOK_SIZE: u64 = 500;

fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN))
}

fn phone(rng: &mut Rng) -> String {
    format!("1{}{:08}", rng.pick(&["38", "39", "50", "51", "58", "77", "87"]), rng.below(100_000_000))
}

/// Builds the data set from the registry and a seed. `today` ends the period. The
/// records are drawn from one generator in a fixed order (villages, projects, each
/// project's donations then disbursements, volunteers with their shifts), so the files
/// stay the same.
pub fn generate(seed: u64, today: NaiveDate) -> DemoData {
    let mut rng = Rng::new(seed);
    let mut d = DemoData::default();
    villages(&mut rng, &mut d.villages);
    let plans = projects(&mut rng, &d.villages, &mut d.projects);
    let mut receipts = 0u64;
    for (p, planned) in plans {
        let project = &d.projects[p];
        let first = d.donations.len();
        let raised = donations(&mut rng, project, planned, today, &mut receipts, &mut d.donations);
        let mut gifts: Vec<(NaiveDate, i64)> =
            d.donations[first..].iter().map(|g| (g.donated_on, g.amount.fen())).collect();
        gifts.sort();
        disbursements(&mut rng, project, raised, &gifts, today, &mut d.disbursements);
    }
    volunteers(&mut rng, &d.villages, &d.projects, today, &mut d.volunteers, &mut d.shifts);
    // Drawn from a generator of their own, so the records above stay as they were.
    let mut rng = Rng::new(seed ^ 0x5EED_0002);
    carry_overs(&d.projects, &d.donations, &d.disbursements, today, &mut d.carry_overs);
    disclosures(&mut rng, &d.projects, today, &mut d.disclosures);
    d
}

/// Completed and closed projects move what they hold to a running project of their
/// village (资金结转), on the demo's last day.
fn carry_overs(
    projects: &[Project],
    donations: &[Donation],
    disbursements: &[Disbursement],
    today: NaiveDate,
    out: &mut Vec<CarryOver>,
) {
    let mut balance: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for d in donations {
        *balance.entry(d.project_code.as_str()).or_default() += d.amount.fen();
    }
    for d in disbursements {
        *balance.entry(d.project_code.as_str()).or_default() -= d.amount.fen();
    }
    let running = |p: &&Project| matches!(p.status, ProjectStatus::Fundraising | ProjectStatus::Executing);
    let ended = |p: &&Project| p.status.is_closed() && p.end_date.is_some_and(|e| e < today);
    for p in projects.iter().filter(ended) {
        let left = balance.get(p.code.as_str()).copied().unwrap_or(0);
        let Some(to) = projects.iter().filter(running).find(|q| q.village_code == p.village_code) else { continue };
        if left <= 0 {
            continue;
        }
        out.push(CarryOver {
            transfer_ref: format!("JZ-{}", p.code),
            from_project: p.code.clone(),
            to_project: to.code.clone(),
            amount: Money::from_fen(left),
            transferred_on: today,
            reason: "项目结项结余转入同村在建项目".into(),
            approved_by: Some("村民代表会议".into()),
            approval_ref: Some(format!("村议〔{}〕{}号", today.format("%Y"), out.len() + 1)),
            note: None,
        });
    }
}

/// Most of what projects had to disclose, published a week or two after it was due;
/// about one project in four has fallen behind by its last quarter or two, so the
/// calendar has something to show.
fn disclosures(rng: &mut Rng, projects: &[Project], today: NaiveDate, out: &mut Vec<Disclosure>) {
    use crate::ops::report::due::{Duty, duties};
    for p in projects {
        let calendar = crate::db::CalendarProject {
            code: p.code.clone(),
            title: p.title.clone(),
            village_name: String::new(),
            status: p.status,
            start_date: p.start_date,
            end_date: p.end_date,
            disclosures: Vec::new(),
        };
        let owed: Vec<_> = duties(&calendar, today, today);
        // Only projects still running or lately ended fall behind: old arrears would be
        // settled by now.
        let recent = p.end_date.is_none_or(|e| e + Duration::days(240) >= today);
        let behind = if rng.chance(if recent { 40 } else { 0 }) { 1 + rng.below(2) as usize } else { 0 };
        for d in owed.iter().take(owed.len().saturating_sub(behind)) {
            let (from, to, kind) = match d.duty {
                Duty::Quarter { from, to } => (from, to, DisclosureKind::Periodic),
                Duty::Final { end } => (p.start_date, end, DisclosureKind::Final),
            };
            let published = (d.due_on - Duration::days(20 - rng.below(15) as i64)).max(to).min(today);
            out.push(Disclosure {
                disclosure_ref: format!(
                    "GS-{}-{:02}",
                    p.code,
                    out.iter().filter(|x| x.project_code == p.code).count() + 1
                ),
                project_code: p.code.clone(),
                kind,
                period_from: from,
                period_to: to,
                published_on: published,
                channel: *rng.pick(&[
                    DisclosureChannel::NoticeBoard,
                    DisclosureChannel::CharityChina,
                    DisclosureChannel::Wechat,
                ]),
                note: None,
            });
        }
    }
}

/// 众心村 and a few dozen other villages of the registry, spread over the towns.
fn villages(rng: &mut Rng, out: &mut Vec<Village>) {
    let rows: Vec<Vec<&str>> = REGISTRY.lines().skip(1).map(|l| l.split(',').collect()).collect();
    for (i, f) in rows.iter().enumerate() {
        if f.len() < 7 {
            continue;
        }
        let pick = f[0] == ZHONGXIN || (f[1].ends_with("村委会") && i % 6 == 0);
        if !pick {
            continue;
        }
        let status = if f[0] == ZHONGXIN {
            VillageStatus::Pilot
        } else if rng.chance(15) {
            VillageStatus::Demonstration
        } else if rng.chance(5) {
            VillageStatus::Paused
        } else {
            VillageStatus::Active
        };
        let households = 300 + rng.below(900) as i64;
        out.push(Village {
            code: f[0].to_string(),
            name: f[1].to_string(),
            town: f[3].to_string(),
            county: f[5].to_string(),
            city: Some(f[6].to_string()),
            contact_name: Some(format!("{}主任", rng.pick(SURNAMES))),
            contact_phone: Some(phone(rng)),
            households: Some(households),
            population: Some(households * 3 + rng.below(300) as i64),
            joined_on: Some(day("2021-01-15") + Duration::days(rng.below(700) as i64)),
            status,
            note: (f[0] == ZHONGXIN).then(|| "幸福家园首批试点村".to_string()),
        });
    }
}

/// 众心村's five projects and one to four of each other village, with the raise each is
/// planned to reach (fen), by index into `out`.
fn projects(rng: &mut Rng, villages: &[Village], out: &mut Vec<Project>) -> Vec<(usize, i64)> {
    let mut plans: Vec<(usize, i64)> = Vec::new();
    for (code, category, title, target, raise, start, status) in ZHONGXIN_PROJECTS {
        plans.push((out.len(), raise * 100));
        out.push(Project {
            code: code.to_string(),
            village_code: ZHONGXIN.into(),
            title: title.to_string(),
            category: *category,
            target: Money::from_fen(target * 100),
            start_date: day(start),
            end_date: Some(day(start) + Duration::days(540)),
            status: *status,
            platform: Some("腾讯公益".into()),
            beneficiaries: Some(20 + rng.below(80) as i64),
            manager: Some("周主任".into()),
            description: Some(format!("{title}：由众心村村委会发起，乡贤和社会各界共同参与。")),
        });
    }
    for v in villages.iter().filter(|v| v.code != ZHONGXIN) {
        let n = 1 + rng.below(4);
        for k in 0..n {
            let (category, suffix, typical) = *rng.pick(THEMES);
            let year = 2021 + rng.below(5) as i32;
            let start = NaiveDate::from_ymd_opt(year, 1 + rng.below(12) as u32, 1).unwrap_or_default();
            let status = *rng.pick(&[
                ProjectStatus::Fundraising,
                ProjectStatus::Fundraising,
                ProjectStatus::Executing,
                ProjectStatus::Completed,
                ProjectStatus::Preparing,
                ProjectStatus::Closed,
            ]);
            let target = typical * 100 * (50 + rng.below(100) as i64) / 100;
            let raise = match status {
                ProjectStatus::Preparing => 0,
                ProjectStatus::Completed => target * (100 + rng.below(15) as i64) / 100,
                _ => target * (20 + rng.below(80) as i64) / 100,
            };
            let short: String = v.name.trim_end_matches("村委会").trim_end_matches("社区").to_string();
            plans.push((out.len(), raise));
            out.push(Project {
                code: format!("{}-{year}-{:02}", &v.code[6..], k + 1),
                village_code: v.code.clone(),
                title: format!("{short}村{suffix}"),
                category,
                target: Money::from_fen(target),
                start_date: start,
                end_date: Some(start + Duration::days(365 + rng.below(365) as i64)),
                status,
                platform: Some(rng.pick(PLATFORMS).to_string()),
                beneficiaries: Some(5 + rng.below(120) as i64),
                manager: Some(format!("{}主任", rng.pick(SURNAMES))),
                description: None,
            });
        }
    }
    plans
}

/// A project's donations until it reaches its planned raise; returns what it raised.
fn donations(
    rng: &mut Rng,
    project: &Project,
    planned: i64,
    today: NaiveDate,
    receipts: &mut u64,
    out: &mut Vec<Donation>,
) -> i64 {
    let mut raised = 0i64;
    let span = (today - project.start_date).num_days().max(30);
    while raised < planned {
        let n = out.len() + 1;
        let (donor, donor_type, channel, matching, fen) = match rng.below(100) {
            0..=3 => (
                Some(rng.pick(MATCHERS).to_string()),
                DonorType::Organisation,
                Channel::Online,
                true,
                5_000 + rng.below(100_000) as i64,
            ),
            4..=5 => (
                Some(rng.pick(COMPANIES).to_string()),
                DonorType::Company,
                Channel::Bank,
                false,
                50_000 + rng.below(500_000) as i64,
            ),
            6 => (
                Some(rng.pick(ORGANISATIONS).to_string()),
                DonorType::Organisation,
                Channel::Bank,
                false,
                20_000 + rng.below(300_000) as i64,
            ),
            7..=21 => (
                Some(person(rng)),
                DonorType::NativeVillager,
                Channel::Online,
                false,
                5_000 + rng.below(100_000) as i64,
            ),
            22..=29 => (None, DonorType::Individual, Channel::Online, false, 100 + rng.below(10_000) as i64),
            30..=33 => {
                (Some(person(rng)), DonorType::Individual, Channel::Cash, false, 1_000 + rng.below(20_000) as i64)
            }
            _ => (Some(person(rng)), DonorType::Individual, Channel::Online, false, 100 + rng.below(20_000) as i64),
        };
        // A regular donor in place of a drawn person (the draw is kept, so the rest of the
        // data set stays as it was).
        let regular = (donor_type == DonorType::Individual && donor.is_some() && n.is_multiple_of(REGULAR_EVERY))
            .then(|| REGULARS[(n / REGULAR_EVERY) % REGULARS.len()]);
        let donor = regular.map_or(donor, |r| Some(r.0.to_string()));
        let fen = fen.min(planned - raised).max(1);
        raised += fen;
        let on = (project.start_date + Duration::days(rng.below(span as u64) as i64)).min(today);
        // A completed or closed project took its gifts before its end.
        let closed = project.status.is_closed();
        let on = match project.end_date {
            Some(end) if closed => on.min(end),
            _ => on,
        };
        let receipt = (channel != Channel::Online).then(|| {
            *receipts += 1;
            (DEMO_RECEIPT_CODE.to_string(), format!("{:08}", *receipts))
        });
        out.push(Donation {
            donation_ref: format!("JZ{}{:06}", on.format("%Y%m%d"), n),
            project_code: project.code.clone(),
            donor_name: donor,
            donor_type,
            donor_phone: match regular {
                Some(r) => r.1.map(str::to_string),
                None => (donor_type == DonorType::NativeVillager && rng.chance(30)).then(|| phone(rng)),
            },
            donor_code: regular.and_then(|r| r.2).map(str::to_string),
            amount: Money::from_fen(fen),
            donated_on: on,
            channel,
            matching,
            receipt_code: receipt.as_ref().map(|r| r.0.clone()),
            receipt_no: receipt.map(|r| r.1),
            note: None,
        });
    }
    raised
}

/// A project's disbursements, leaving a realistic balance of what it `raised`.
/// A payment is never dated before the gifts that fund it (`gifts`: the project's donations
/// by date), so balances never dip below zero on the way.
fn disbursements(
    rng: &mut Rng,
    project: &Project,
    raised: i64,
    gifts: &[(NaiveDate, i64)],
    today: NaiveDate,
    out: &mut Vec<Disbursement>,
) {
    let funded_by = |total: i64| {
        let mut sum = 0;
        gifts
            .iter()
            .find(|(_, fen)| {
                sum += fen;
                sum >= total
            })
            .map(|(on, _)| *on)
    };
    let mut paid = 0i64;
    let share = match project.status {
        ProjectStatus::Completed => 95 + rng.below(6) as i64,
        ProjectStatus::Executing => 40 + rng.below(40) as i64,
        ProjectStatus::Fundraising => rng.below(30) as i64,
        _ => 0,
    };
    let mut to_pay = raised * share / 100;
    let payments = 1 + rng.below(4) as i64;
    for k in 0..payments {
        let amount = if k + 1 == payments { to_pay } else { to_pay / (payments - k) };
        if amount <= 0 {
            break;
        }
        to_pay -= amount;
        let planned = project.start_date + Duration::days(60 + 120 * k + rng.below(60) as i64);
        paid += amount;
        let paid_on = funded_by(paid).map_or(planned, |on| planned.max(on)).min(today);
        out.push(Disbursement {
            disbursement_ref: format!("BF-{}-{:02}", project.code, k + 1),
            project_code: project.code.clone(),
            amount: Money::from_fen(amount),
            paid_on,
            payee: match project.category {
                Category::Education => format!("{}等受助学生", person(rng)),
                Category::VillageBuilding => "西团镇建筑安装工程有限公司".into(),
                Category::Elderly => "村老年食堂".into(),
                _ => format!("受助家庭 {}", person(rng)),
            },
            purpose: format!("{} 第{}批", project.category.label_zh(), k + 1),
            handled_by: Some("村会计".into()),
            note: None,
        });
    }
}

/// Volunteers of two villages in three, each active one with a month of roster shifts.
fn volunteers(
    rng: &mut Rng,
    villages: &[Village],
    projects: &[Project],
    today: NaiveDate,
    volunteers: &mut Vec<Volunteer>,
    shifts: &mut Vec<Shift>,
) {
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for (vi, v) in villages.iter().enumerate() {
        if vi % 3 == 2 && v.code != ZHONGXIN {
            continue;
        }
        let n = if v.code == ZHONGXIN { 12 } else { 3 + rng.below(5) };
        for k in 0..n {
            let code = format!("{}V{:02}", &v.code[6..], k + 1);
            let mut skills: Vec<&str> = (0..1 + rng.below(3)).map(|_| *rng.pick(SKILLS)).collect();
            // Each skill once (心理疏导、心理疏导 reads as a typo).
            let mut once = std::collections::HashSet::new();
            skills.retain(|s| once.insert(*s));
            let status = if rng.chance(8) { VolunteerStatus::Paused } else { VolunteerStatus::Active };
            let name = person(rng);
            // The draw is kept so the rest of the data set stays as it was; the gender
            // follows the given name (秀英 is a woman's name).
            let _ = rng.chance(55);
            let female = FEMALE_GIVEN.iter().any(|g| name.ends_with(g));
            volunteers.push(Volunteer {
                code: code.clone(),
                name,
                village_code: v.code.clone(),
                gender: Some(if female { Gender::Female } else { Gender::Male }),
                phone: Some(phone(rng)),
                // The pilot village's volunteers have their (invented) identity numbers, for
                // certificates.
                id_number: (v.code == ZHONGXIN).then(|| demo_id_number(k, female)),
                skills: Some(skills.join("、")),
                registered_on: Some(day("2021-03-01") + Duration::days(rng.below(1200) as i64)),
                status,
            });
            if status != VolunteerStatus::Active {
                continue;
            }
            roster(rng, &code, &v.code, projects, month_start, today, shifts);
        }
    }
}

/// An invented resident identity number of 大丰区 (320904) with a right check character:
/// born 1965–1999, the sequence's last digit odd for a man, even for a woman.
fn demo_id_number(k: u64, female: bool) -> String {
    let year = 1965 + (k * 7) % 35;
    let month = 1 + (k * 5) % 12;
    let day = 1 + (k * 11) % 28;
    let seq = 100 + k * 10 + if female { 2 } else { 1 };
    let first17 = format!("320904{year:04}{month:02}{day:02}{seq:03}");
    let check = crate::domain::id_number::check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

/// A volunteer's shifts in the month from `month_start`.
fn roster(
    rng: &mut Rng,
    code: &str,
    village: &str,
    projects: &[Project],
    month_start: NaiveDate,
    today: NaiveDate,
    out: &mut Vec<Shift>,
) {
    for s in 0..2 + rng.below(5) {
        let date = month_start + Duration::days(rng.below(30) as i64);
        let status = if date > today {
            ShiftStatus::Scheduled
        } else if rng.chance(10) {
            ShiftStatus::Absent
        } else {
            ShiftStatus::Served
        };
        let activity = *rng.pick(&["探访独居老人", "助老餐桌帮厨", "课后作业辅导", "村道保洁", "义诊协助", "防汛巡查"]);
        let project = projects.iter().find(|p| p.village_code == village).map(|p| p.code.clone());
        out.push(Shift {
            shift_ref: format!("PB-{code}-{:02}", s + 1),
            volunteer_code: code.to_string(),
            shift_date: date,
            start_time: NaiveTime::from_hms_opt(8 + rng.below(9) as u32, if rng.chance(50) { 0 } else { 30 }, 0),
            hours: Hours::from_tenths(10 + rng.below(5) as i64 * 5),
            activity: activity.to_string(),
            project_code: if rng.chance(40) { project } else { None },
            status,
        });
    }
}

/// Writes the data set into an empty store (one transaction) and exports it as
/// template CSV files into `dir`.
pub fn write_files(data: &DemoData, scratch: &Path, dir: &Path) -> OpsResult<()> {
    let mut store = Store::open(&scratch.join("demo.db"), crate::db::OpenMode::Create, "demo")?;
    {
        let mut batch = store.batch()?;
        let records = data
            .villages
            .iter()
            .cloned()
            .map(Record::Village)
            .chain(data.projects.iter().cloned().map(Record::Project))
            .chain(data.donations.iter().cloned().map(Record::Donation))
            .chain(data.disbursements.iter().cloned().map(Record::Disbursement))
            .chain(data.volunteers.iter().cloned().map(Record::Volunteer))
            .chain(data.shifts.iter().cloned().map(Record::Shift))
            .chain(data.carry_overs.iter().cloned().map(Record::CarryOver))
            .chain(data.disclosures.iter().cloned().map(Record::Disclosure));
        for r in records {
            r.put(&mut batch, false)?;
        }
        batch.commit("demo", &serde_json::json!({ "seed": SEED }))?;
    }
    export(&store, dir, Format::Csv(CsvEncoding::Utf8Bom), &Selection::default(), &mut |_, _| {})?;
    Ok(())
}

/// Writes the built-in demo files to a folder and returns their paths (for import).
pub fn unpack(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for (name, text) in FILES {
        let p = dir.join(name);
        std::fs::write(&p, text)?;
        paths.push(p);
    }
    Ok(paths)
}

/// Loads the demo into `store`, which must be empty.
pub fn load(store: &mut Store) -> OpsResult<crate::ops::import::ImportReport> {
    let s = store.summary()?;
    if s.villages + s.projects + s.donations + s.volunteers > 0 {
        return Err(OpsError::DemoNotEmpty(store.path().to_path_buf()));
    }
    let dir = tempfile_dir()?;
    let paths = unpack(&dir)?;
    let report = crate::ops::import::import(store, &paths, Default::default(), &mut |_| {});
    let _ = std::fs::remove_dir_all(&dir);
    let report = report?;
    if report.written {
        receipt_books(store)?;
    }
    Ok(report)
}

/// The demo's receipt books: books of 500 numbers of code 32010126 covering every number
/// its donations hold, and two spoiled blanks after the last one used, voided.
fn receipt_books(store: &mut Store) -> OpsResult<()> {
    // The numbers the demo donations hold run from 1 without a gap.
    let held = store.highest_receipt(DEMO_RECEIPT_CODE)?.unwrap_or(0);
    let received = [day("2021-01-04"), day("2022-03-01"), day("2023-06-05"), day("2024-09-02"), day("2025-11-03")];
    let books = held.div_ceil(DEMO_BOOK_SIZE).max(1) + 1;
    for b in 0..books {
        let first = b * DEMO_BOOK_SIZE + 1;
        let book = crate::domain::receipt::ReceiptBook {
            code: DEMO_RECEIPT_CODE.to_string(),
            first,
            last: first + DEMO_BOOK_SIZE - 1,
            width: 8,
            received_on: received[(b as usize).min(received.len() - 1)],
        };
        store.add_receipt_book(&book)?;
    }
    for n in [held + 1, held + 2] {
        store.void_receipt(DEMO_RECEIPT_CODE, &format!("{n:08}"), day("2026-10-12"), Some("填写错误"))?;
    }
    Ok(())
}

/// A private scratch folder in the system's temporary directory.
fn tempfile_dir() -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir().join(format!(
        "xingfu-demo-{}-{}",
        std::process::id(),
        chrono::Local::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&base)?;
    Ok(base)
}

/// The day the demo data set ends (fixed, so the files are the same every time).
pub fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
}

/// The documented totals of a store, as written in `data/demo/README.md`.
pub fn totals_block(store: &Store) -> DbResult<String> {
    let s = store.summary()?;
    let z = store.village_figures(ZHONGXIN)?;
    Ok(format!(
        "villages={}\nprojects={}\ndonations={}\ndisbursements={}\nvolunteers={}\nshifts={}\nraised={}\nraised_matching={}\ndisbursed={}\ncarried_over={}\nserved_hours={}\nzhongxin_projects={}\nzhongxin_raised={}\n",
        s.villages,
        s.projects,
        s.donations,
        s.disbursements,
        s.volunteers,
        s.shifts,
        s.raised.plain(),
        s.raised_matching.plain(),
        s.disbursed.plain(),
        s.carried_out.plain(),
        s.served_hours,
        z.as_ref().map_or(0, |z| z.projects),
        z.map_or(Money::ZERO, |z| z.raised).plain(),
    ))
}

/// Regenerates `data/demo/` (the files and their README with the totals).
pub fn regenerate(dir: &Path) -> OpsResult<String> {
    let data = generate(SEED, demo_today());
    let scratch = tempfile_dir()?;
    std::fs::create_dir_all(dir)?;
    write_files(&data, &scratch, dir)?;
    let store = Store::open(&scratch.join("demo.db"), crate::db::OpenMode::ReadOnly, "")?;
    let totals = totals_block(&store)?;
    drop(store);
    let _ = std::fs::remove_dir_all(&scratch);
    let readme = format!(
        "# The demo data set (演示数据)\n\n\
         A county office for 大丰区 built from the real village registry (`data/registry/`): the pilot\n\
         village 众心村委会 (320904104209, 西团镇) with its five projects, which together raised a\n\
         little over 850,000 yuan, and a few dozen other villages with projects of every category and\n\
         status, donations over 2021–2026 (乡贤 and companies among the donors, some matching funds,\n\
         some anonymous), disbursements that leave realistic balances, volunteers and a month of\n\
         roster shifts. Donor and volunteer names, phones and companies are invented.\n\n\
         These are standard-template files: open them in a spreadsheet to see what a good template\n\
         looks like. `xingfu demo` loads them into a new database; `xingfu --training` opens a\n\
         sandbox made from them.\n\n\
         Regenerate (seeded, so the files come out the same): `cargo run -- demo --generate data/demo`\n\n\
         ## Totals\n\n```totals\n{totals}```\n"
    );
    std::fs::write(dir.join("README.md"), readme)?;
    Ok(totals)
}
