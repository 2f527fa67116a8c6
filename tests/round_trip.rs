//! Round trip: random valid records → export (XLSX and CSV) → import into an empty
//! database → export again gives the same content, with exact sums.

mod common;

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use common::*;
use proptest::prelude::*;
use xingfu::db::{Selection, Store};
use xingfu::domain::*;
use xingfu::ops::export::{Format, export};
use xingfu::ops::import::{ImportOptions, import};
use xingfu::template::read_xlsx::read_xlsx;
use xingfu::template::write::CsvEncoding;

/// Characters text is made of: Chinese, a rare character, ASCII, and formula starters.
const POOL: &[char] =
    &['众', '心', '村', '𠮷', '吉', 'a', 'Z', '0', '7', ' ', '=', '+', '-', '@', '\'', '，', '、', '"', ','];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(POOL), 1..=max.min(12)).prop_map(|cs| {
        let s: String = cs.into_iter().collect();
        let t = s.trim().to_string();
        if t.is_empty() || t == "匿名" { "众".to_string() } else { t }
    })
}

fn opt_text(max: usize) -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(max))
}

fn long_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of((text(8), text(8)).prop_map(|(a, b)| format!("{a}\n{b}")))
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..40_000).prop_map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(d))
}

/// A phone as the store holds it: what parsing gives back unchanged (a `0086…` number is
/// stored without its country prefix, so it is not a value the store can hold).
fn phone() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        "[0-9]{7,15}"
            .prop_filter("a stored phone", |p| xingfu::domain::phone::parse_phone(p).as_deref() == Some(p.as_str())),
    )
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

#[derive(Debug, Clone)]
struct Data {
    villages: Vec<Village>,
    projects: Vec<Project>,
    donations: Vec<Donation>,
    volunteers: Vec<Volunteer>,
    shifts: Vec<Shift>,
}

const CODES: &[&str] = &["320904104209", "320904110222", "320904104203", "320904001201"];

fn village(i: usize) -> impl Strategy<Value = Village> {
    (
        text(50),
        text(50),
        opt_text(30),
        phone(),
        prop::option::of(0i64..100_000_000_000),
        prop::option::of(day()),
        pick(VillageStatus::ALL),
        long_text(),
    )
        .prop_map(move |(name, town, contact, phone, households, joined, status, note)| Village {
            code: CODES[i].to_string(),
            name,
            town,
            county: "大丰区".into(),
            city: Some("盐城市".into()),
            contact_name: contact,
            contact_phone: phone,
            households,
            population: households.map(|h| h * 3),
            joined_on: joined,
            status,
            note,
        })
}

fn data() -> impl Strategy<Value = Data> {
    let villages = (1usize..=3).prop_flat_map(|n| (0..n).map(village).collect::<Vec<_>>());
    let projects = prop::collection::vec(
        (
            "[A-Z=+@-][A-Z0-9-]{0,10}",
            any::<prop::sample::Index>(),
            text(100),
            pick(Category::ALL),
            0i64..=100_000_000_000_000,
            day(),
            prop::option::of(0i64..3000),
            pick(ProjectStatus::ALL),
            opt_text(50),
            long_text(),
        ),
        1..5,
    );
    let donations = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            opt_text(50),
            pick(DonorType::ALL),
            phone(),
            // At most 25 donations: a project's total stays within the ¥1,000,000,000,000 it
            // may hold (MAX_PROJECT_TOTAL_FEN).
            1i64..=4_000_000_000_000,
            day(),
            pick(Channel::ALL),
            any::<bool>(),
            prop::option::of(("[0-9]{8}", "[0-9]{8}")),
            long_text(),
        ),
        0..25,
    );
    let volunteers = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            text(30),
            prop::option::of(pick(Gender::ALL)),
            phone(),
            opt_text(200),
            prop::option::of(day()),
            pick(VolunteerStatus::ALL),
        ),
        0..5,
    );
    let shifts = prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            day(),
            prop::option::of((0u32..24, 0u32..60)),
            1i64..=240,
            text(200),
            prop::option::of(any::<prop::sample::Index>()),
            pick(ShiftStatus::ALL),
        ),
        0..8,
    );
    (villages, projects, donations, volunteers, shifts).prop_map(|(villages, ps, ds, vs, ss)| {
        let projects: Vec<Project> = ps
            .into_iter()
            .enumerate()
            .map(|(i, (code, v, title, category, target, start, extra, status, platform, description))| Project {
                code: format!("{code}{i}"),
                village_code: v.get(&villages).code.clone(),
                title,
                category,
                target: Money::from_fen(target),
                start_date: start,
                end_date: extra
                    .map(|d| (start + chrono::Duration::days(d)).min(NaiveDate::from_ymd_opt(2100, 12, 31).unwrap())),
                status,
                platform,
                beneficiaries: extra,
                manager: None,
                description,
            })
            .collect();
        let mut receipts = std::collections::HashSet::new();
        let donations = ds
            .into_iter()
            .enumerate()
            .map(|(i, (p, donor, donor_type, phone, fen, on, channel, matching, receipt, note))| {
                let receipt = receipt.filter(|r| receipts.insert(r.clone()));
                Donation {
                    donation_ref: format!("D{i:04}"),
                    project_code: p.get(&projects).code.clone(),
                    donor_name: donor.filter(|d| !d.eq_ignore_ascii_case("anonymous")),
                    donor_type,
                    donor_phone: phone,
                    // Codes shared across names: a code resolves to one donor, and each
                    // gift keeps what its row said.
                    donor_code: (i % 4 == 0).then(|| format!("TX{}", i % 3)),
                    amount: Money::from_fen(fen),
                    donated_on: on,
                    channel,
                    matching,
                    receipt_code: receipt.as_ref().map(|r| r.0.clone()),
                    receipt_no: receipt.map(|r| r.1),
                    note,
                }
            })
            .collect();
        let volunteers: Vec<Volunteer> = vs
            .into_iter()
            .enumerate()
            .map(|(i, (v, name, gender, phone, skills, registered, status))| Volunteer {
                code: format!("V{i}"),
                name,
                village_code: v.get(&villages).code.clone(),
                gender,
                phone,
                id_number: (i % 2 == 0).then(|| {
                    let first17 = format!("3209041990{:02}{:02}{:03}", 1 + i % 12, 1 + i % 28, i % 1000);
                    format!("{first17}{}", xingfu::domain::id_number::check_char(&first17).unwrap_or('0'))
                }),
                skills,
                registered_on: registered,
                status,
            })
            .collect();
        let shifts = if volunteers.is_empty() {
            Vec::new()
        } else {
            ss.into_iter()
                .enumerate()
                .map(|(i, (v, on, time, tenths, activity, p, status))| Shift {
                    shift_ref: format!("S{i}"),
                    volunteer_code: v.get(&volunteers).code.clone(),
                    shift_date: on,
                    start_time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                    hours: Hours::from_tenths(tenths),
                    activity,
                    project_code: p.map(|p| p.get(&projects).code.clone()),
                    status,
                })
                .collect()
        };
        Data { villages, projects, donations, volunteers, shifts }
    })
}

fn load(store: &mut Store, d: &Data) {
    for r in &d.villages {
        store.insert(r).unwrap();
    }
    for r in &d.projects {
        store.insert(r).unwrap();
    }
    for r in &d.donations {
        store.insert(r).unwrap();
    }
    // Disburse half of what each project raised.
    for (i, p) in d.projects.iter().enumerate() {
        let raised = store.project_figures(&p.code).unwrap().unwrap().raised.fen();
        if raised >= 2 {
            let b = Disbursement {
                disbursement_ref: format!("B{i}"),
                project_code: p.code.clone(),
                amount: Money::from_fen((raised / 2).min(money::MAX_FEN)),
                paid_on: p.start_date,
                payee: "受益人".into(),
                purpose: "=用途".into(),
                handled_by: None,
                note: None,
            };
            store.insert(&b).unwrap();
        }
    }
    for r in &d.volunteers {
        store.insert(r).unwrap();
    }
    for r in &d.shifts {
        store.insert(r).unwrap();
    }
}

/// Every file of a CSV export, byte for byte; the 来源 file without its export time (the
/// one value that differs from one export to the next).
fn csv_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).unwrap();
            if name == "来源.csv" {
                let (text, _) = xingfu::template::decode::decode_owned(bytes).unwrap();
                let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("导出时间")).collect();
                assert_eq!(kept.len(), 5, "{text}");
                return (name, kept.join("\n").into_bytes());
            }
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

fn xlsx_cells(path: &Path) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    let mut problems = Vec::new();
    let sheets = read_xlsx("x.xlsx", std::fs::read(path).unwrap(), &mut problems);
    sheets
        .into_iter()
        .map(|s| {
            (
                s.kind.sheet().to_string(),
                s.headers,
                s.rows.into_iter().map(|r| r.cells.iter().map(str::to_string).collect()).collect(),
            )
        })
        .collect()
}

fn reimport(from: &Path) -> (TempDb, Store) {
    let db = TempDb::new();
    let mut store = db.open();
    let report = import(&mut store, &[from.to_path_buf()], ImportOptions::default(), &mut |_| {}).unwrap();
    let errors: Vec<String> = report.errors().map(|p| p.message(Lang::En)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (db, store)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_identical(d in data()) {
        let db = TempDb::new();
        let mut store = db.open();
        load(&mut store, &d);
        let out = tempfile::tempdir().unwrap();
        let all = Selection::default();
        let summary = store.summary().unwrap();

        for encoding in [CsvEncoding::Utf8Bom, CsvEncoding::Gb18030] {
            let first = out.path().join(format!("first-{encoding:?}"));
            export(&store, &first, Format::Csv(encoding), &all, &mut |_, _| {}).unwrap();
            let (_db2, again) = reimport(&first);
            let second = out.path().join(format!("second-{encoding:?}"));
            export(&again, &second, Format::Csv(encoding), &all, &mut |_, _| {}).unwrap();
            prop_assert_eq!(csv_files(&first), csv_files(&second));
            prop_assert_eq!(again.summary().unwrap(), summary.clone());
        }

        let first = out.path().join("first.xlsx");
        export(&store, &first, Format::Xlsx, &all, &mut |_, _| {}).unwrap();
        let (_db3, again) = reimport(&first);
        let second = out.path().join("second.xlsx");
        export(&again, &second, Format::Xlsx, &all, &mut |_, _| {}).unwrap();
        prop_assert_eq!(xlsx_cells(&first), xlsx_cells(&second));
        prop_assert_eq!(again.summary().unwrap(), summary);
        // The same records came back, field by field.
        for v in &d.donations {
            prop_assert_eq!(again.get::<Donation>(&v.donation_ref).unwrap(), Some(v.clone()));
        }
        for v in &d.projects {
            prop_assert_eq!(again.get::<Project>(&v.code).unwrap(), Some(v.clone()));
        }
        for v in &d.shifts {
            prop_assert_eq!(again.get::<Shift>(&v.shift_ref).unwrap(), Some(v.clone()));
        }
    }
}
