//! The store on real database files: records, references, uniqueness, the disbursement
//! limit, exact figures, the audit trail, deletes, search and pragmas.

mod common;

use common::*;
use xingfu::db::{DbError, Hit, OpenMode, Store};
use xingfu::domain::*;

fn rule_of(e: DbError) -> (Kind, &'static str, Rule) {
    match e {
        DbError::Rejected { kind, field, rule, .. } => (kind, field, rule),
        other => panic!("expected a rejected record, got {other:?}"),
    }
}

#[test]
fn every_kind_round_trips_through_the_file() {
    let db = TempDb::new();
    let mut store = db.open();
    let village = Village {
        contact_name: Some("周主任".into()),
        contact_phone: Some("13812345678".into()),
        households: Some(612),
        population: Some(2130),
        joined_on: Some(date("2021-05-10")),
        status: VillageStatus::Pilot,
        note: Some("第一行\n第二行".into()),
        ..registry_village(ZHONGXIN)
    };
    store.insert(&village).unwrap();
    let project = Project {
        end_date: Some(date("2025-12-31")),
        status: ProjectStatus::Executing,
        platform: Some("腾讯公益".into()),
        beneficiaries: Some(40),
        manager: Some("周主任".into()),
        description: Some("资助 40 名学生".into()),
        ..common::project("ZX-2024-01", ZHONGXIN, "众心村助学项目", "300000")
    };
    store.insert(&project).unwrap();
    let donation = Donation {
        donor_type: DonorType::NativeVillager,
        donor_phone: Some("13900001111".into()),
        channel: Channel::Bank,
        receipt_code: Some("32010125".into()),
        receipt_no: Some("0000123".into()),
        note: Some("𠮷".into()),
        ..common::donation("D1", "ZX-2024-01", Some("吉𠮷"), "1234.56", true)
    };
    store.insert(&donation).unwrap();
    let disb = Disbursement { handled_by: Some("会计".into()), ..disbursement("B1", "ZX-2024-01", "1000") };
    store.insert(&disb).unwrap();
    let vol = Volunteer {
        gender: Some(Gender::Female),
        phone: Some("13700002222".into()),
        skills: Some("护理、驾驶".into()),
        registered_on: Some(date("2022-01-01")),
        status: VolunteerStatus::Paused,
        ..volunteer("V1", "李秀英", ZHONGXIN)
    };
    store.insert(&vol).unwrap();
    let sh = Shift {
        start_time: chrono::NaiveTime::from_hms_opt(8, 30, 0),
        project_code: Some("ZX-2024-01".into()),
        ..shift("S1", "V1", 25, ShiftStatus::Served)
    };
    store.insert(&sh).unwrap();
    drop(store);

    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert_eq!(store.get::<Village>(ZHONGXIN).unwrap(), Some(village));
    assert_eq!(store.get::<Project>("ZX-2024-01").unwrap(), Some(project));
    assert_eq!(store.get::<Donation>("D1").unwrap(), Some(donation));
    assert_eq!(store.get::<Disbursement>("B1").unwrap(), Some(disb));
    assert_eq!(store.get::<Volunteer>("V1").unwrap(), Some(vol));
    assert_eq!(store.get::<Shift>("S1").unwrap(), Some(sh));
    assert_eq!(store.get::<Village>("999").unwrap(), None);
}

#[test]
fn figures_are_exact_and_split_public_from_matching() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let p = store.project_figures("ZX-2024-01").unwrap().unwrap();
    assert_eq!(p.raised_public, yuan("51088.88"));
    assert_eq!(p.raised_matching, yuan("10000"));
    assert_eq!(p.raised, yuan("61088.88"));
    assert_eq!(p.disbursed, yuan("20000"));
    assert_eq!(p.balance, yuan("41088.88"));
    assert_eq!(p.donations, 4);
    let v = store.village_figures(ZHONGXIN).unwrap().unwrap();
    assert_eq!(v.projects, 2);
    assert_eq!(v.target, yuan("500000"));
    assert_eq!(v.raised, yuan("61588.88"));
    assert_eq!(v.raised_matching, yuan("10000"));
    assert_eq!(v.disbursed, yuan("20000"));
    assert_eq!(v.balance, yuan("41588.88"));
    assert_eq!(v.volunteers, 2);
    assert_eq!(v.served_hours, Hours::from_tenths(55), "only served shifts count");
    let s = store.summary().unwrap();
    assert_eq!((s.villages, s.projects, s.donations, s.disbursements, s.volunteers, s.shifts), (2, 3, 5, 1, 2, 4));
    assert_eq!(s.raised, yuan("61588.88"));
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn served_hours_follow_shift_status_changes() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let mut s3 = store.get::<Shift>("S003").unwrap().unwrap();
    s3.status = ShiftStatus::Served;
    store.update("S003", &s3).unwrap();
    assert_eq!(store.volunteer_figures("V002").unwrap().unwrap().served_hours, Hours::from_tenths(40));
    store.delete::<Shift>("S001").unwrap();
    assert_eq!(store.volunteer_figures("V001").unwrap().unwrap().served_hours, Hours::from_tenths(25));
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn codes_are_unique() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let e = store.insert(&registry_village(ZHONGXIN)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Village, "village_code", Rule::Duplicate));
    let e = store.insert(&common::project("ZX-2024-01", CHANGTAN, "重复", "1")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Project, "project_code", Rule::Duplicate));
    let e = store.insert(&donation("D0001", "ZX-2024-02", None, "1", false)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Donation, "donation_ref", Rule::Duplicate));
    let e = store.insert(&disbursement("B0001", "ZX-2024-01", "1")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Disbursement, "disbursement_ref", Rule::Duplicate));
    let e = store.insert(&volunteer("V001", "某", ZHONGXIN)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Volunteer, "volunteer_code", Rule::Duplicate));
    let e = store.insert(&shift("S001", "V002", 10, ShiftStatus::Scheduled)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Shift, "shift_ref", Rule::Duplicate));
    // Renaming a record onto another's code is refused too.
    let mut v2 = store.get::<Volunteer>("V002").unwrap().unwrap();
    v2.code = "V001".into();
    let e = store.update("V002", &v2).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Volunteer, "volunteer_code", Rule::Duplicate));
    assert_eq!(store.summary().unwrap().donations, 5);
}

#[test]
fn receipts_are_unique_when_present() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let with_receipt = |r: &str, code: Option<&str>, no: &str| Donation {
        receipt_code: code.map(str::to_string),
        receipt_no: Some(no.into()),
        ..donation(r, "ZX-2024-02", None, "10", false)
    };
    store.insert(&with_receipt("R1", Some("3201"), "0001")).unwrap();
    store.insert(&with_receipt("R2", Some("3202"), "0001")).unwrap();
    store.insert(&with_receipt("R3", None, "0001")).unwrap();
    let e = store.insert(&with_receipt("R4", Some("3201"), "0001")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Donation, "receipt_no", Rule::Duplicate));
    let e = store.insert(&with_receipt("R5", None, "0001")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Donation, "receipt_no", Rule::Duplicate));
    // Donations without receipts never collide; updating a donation keeps its own receipt.
    store.insert(&donation("R6", "ZX-2024-02", None, "1", false)).unwrap();
    store.insert(&donation("R7", "ZX-2024-02", None, "1", false)).unwrap();
    let mut r1 = store.get::<Donation>("R1").unwrap().unwrap();
    r1.note = Some("改备注".into());
    store.update("R1", &r1).unwrap();
}

#[test]
fn references_must_exist() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let unknown = |what: &'static str, code: &str| Rule::UnknownReference { what, code: code.into() };
    let e = store.insert(&common::project("P9", "320904999999", "无", "1")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Project, "village_code", unknown("村社", "320904999999")));
    let e = store.insert(&donation("D9", "NOPE", None, "1", false)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Donation, "project_code", unknown("项目", "NOPE")));
    let e = store.insert(&disbursement("B9", "NOPE", "1")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Disbursement, "project_code", unknown("项目", "NOPE")));
    let e = store.insert(&volunteer("V9", "某", "320904999999")).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Volunteer, "village_code", unknown("村社", "320904999999")));
    let e = store.insert(&shift("S9", "V999", 10, ShiftStatus::Scheduled)).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Shift, "volunteer_code", unknown("志愿者", "V999")));
    let bad_project = Shift { project_code: Some("NOPE".into()), ..shift("S9", "V001", 10, ShiftStatus::Scheduled) };
    let e = store.insert(&bad_project).unwrap_err();
    assert_eq!(rule_of(e), (Kind::Shift, "project_code", unknown("项目", "NOPE")));
    let s = store.summary().unwrap();
    assert_eq!((s.projects, s.donations, s.disbursements, s.volunteers, s.shifts), (3, 5, 1, 2, 4));
}

#[test]
fn disbursements_never_exceed_donations() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    // ZX-2024-01: raised 61,088.88 (matching included), disbursed 20,000.
    let e = store.insert(&disbursement("B2", "ZX-2024-01", "41088.89")).unwrap_err();
    let (_, field, rule) = rule_of(e);
    assert_eq!(field, "amount");
    assert_eq!(rule, Rule::Overdisbursed { raised_fen: 6_108_888, disbursed_fen: 2_000_000, amount_fen: 4_108_889 });
    assert!(rule.message(Lang::Zh).contains("¥61,088.88"), "{}", rule.message(Lang::Zh));
    // Exactly the balance is allowed.
    store.insert(&disbursement("B2", "ZX-2024-01", "41088.88")).unwrap();
    assert_eq!(store.project_figures("ZX-2024-01").unwrap().unwrap().balance, Money::ZERO);
    // Raising an existing disbursement above the limit is refused, with the old amount excluded.
    let mut b1 = store.get::<Disbursement>("B0001").unwrap().unwrap();
    b1.amount = yuan("20000.01");
    let e = store.update("B0001", &b1).unwrap_err();
    assert_eq!(
        rule_of(e).2,
        Rule::Overdisbursed { raised_fen: 6_108_888, disbursed_fen: 4_108_888, amount_fen: 2_000_001 }
    );
    // Removing or lowering a donation that the disbursements rely on is refused.
    let e = store.delete::<Donation>("D0003").unwrap_err();
    assert_eq!(rule_of(e).2, Rule::Underfunded { raised_fen: 6_100_000, disbursed_fen: 6_108_888 });
    let mut d2 = store.get::<Donation>("D0002").unwrap().unwrap();
    d2.amount = yuan("49999.99");
    let e = store.update("D0002", &d2).unwrap_err();
    assert_eq!(rule_of(e).2, Rule::Underfunded { raised_fen: 6_108_887, disbursed_fen: 6_108_888 });
    // A disbursement on a project with no donations at all.
    let e = store.insert(&disbursement("B3", "CT-2024-01", "0.01")).unwrap_err();
    assert!(matches!(rule_of(e).2, Rule::Overdisbursed { raised_fen: 0, .. }));
    assert!(store.health().unwrap().is_healthy());
    assert_eq!(store.project_figures("ZX-2024-01").unwrap().unwrap().raised, yuan("61088.88"));
}

#[test]
fn records_in_use_cannot_be_deleted() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let e = store.delete::<Village>(ZHONGXIN).unwrap_err();
    assert_eq!(rule_of(e).2, Rule::InUse { what: "项目", count: 2 });
    let e = store.delete::<Project>("ZX-2024-02").unwrap_err();
    assert_eq!(rule_of(e).2, Rule::InUse { what: "捐赠", count: 1 });
    let e = store.delete::<Volunteer>("V001").unwrap_err();
    let rule = rule_of(e).2;
    assert_eq!(rule, Rule::InUse { what: "志愿排班", count: 2 });
    assert!(rule.message(Lang::En).contains("2 shifts still refer"), "{}", rule.message(Lang::En));
    // Without dependents, deletes go through.
    store.delete::<Project>("CT-2024-01").unwrap();
    store.delete::<Village>(CHANGTAN).unwrap();
    assert!(matches!(store.delete::<Village>(CHANGTAN), Err(DbError::NotFound { .. })));
}

#[test]
fn every_change_writes_an_audit_row() {
    let db = TempDb::new();
    let mut store = db.open();
    store.insert(&registry_village(ZHONGXIN)).unwrap();
    let mut v = store.get::<Village>(ZHONGXIN).unwrap().unwrap();
    v.population = Some(2130);
    store.update(ZHONGXIN, &v).unwrap();
    store.delete::<Village>(ZHONGXIN).unwrap();
    let _ = store.insert(&common::project("P1", "320904999999", "无", "1")); // refused: no audit row
    let log = store.audit_log(10).unwrap();
    assert_eq!(log.len(), 3);
    let (del, upd, ins) = (&log[0], &log[1], &log[2]);
    assert_eq!((ins.action.as_str(), ins.kind.as_str(), ins.code.as_deref()), ("insert", "villages", Some(ZHONGXIN)));
    assert_eq!(ins.operator, "测试员");
    assert!(ins.before.is_none());
    let after: serde_json::Value = serde_json::from_str(ins.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["village_name"], "众心村委会");
    let before: serde_json::Value = serde_json::from_str(upd.before.as_deref().unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_str(upd.after.as_deref().unwrap()).unwrap();
    assert_eq!(before["population"], serde_json::Value::Null);
    assert_eq!(after["population"], 2130);
    assert_eq!(del.action, "delete");
    assert!(del.after.is_none() && del.before.is_some());
    assert!(chrono::DateTime::parse_from_rfc3339(&ins.at).is_ok(), "{}", ins.at);
}

#[test]
fn money_in_the_audit_log_is_exact_text() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let log = store.audit_log(100).unwrap();
    let d3 = log.iter().find(|e| e.code.as_deref() == Some("D0003")).unwrap();
    let after: serde_json::Value = serde_json::from_str(d3.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["amount"], "88.88");
    assert_eq!(after["donor_name"], serde_json::Value::Null);
}

#[test]
fn search_by_code_name_part_and_pinyin_initials() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    let hits = |q: &str| store.search(q, 10).unwrap();
    assert_eq!(hits(ZHONGXIN)[0], Hit::Village(ZHONGXIN.into()));
    assert!(hits("众心").contains(&Hit::Village(ZHONGXIN.into())));
    assert!(hits("zxc").contains(&Hit::Village(ZHONGXIN.into())));
    assert!(hits("ZXC").contains(&Hit::Village(ZHONGXIN.into())));
    // 长 reads chang or zhang: both initials find 长坍村.
    assert!(hits("ctc").contains(&Hit::Village(CHANGTAN.into())));
    assert!(hits("ztc").contains(&Hit::Village(CHANGTAN.into())));
    // 重 reads zhong or chong.
    assert!(hits("cdcj").contains(&Hit::Project("CT-2024-01".into())));
    assert!(hits("cdzj").contains(&Hit::Project("CT-2024-01".into())));
    assert!(hits("助学").contains(&Hit::Project("ZX-2024-01".into())));
    assert!(hits("wjg").contains(&Hit::Donor("王建国".into())));
    assert!(hits("建国").contains(&Hit::Donor("王建国".into())));
    assert!(hits("lxy").contains(&Hit::Volunteer("V001".into())));
    assert!(hits("%").is_empty(), "LIKE wildcards are literal");
    assert!(hits("  ").is_empty());
    let d = store.donor_figures("王建国").unwrap().unwrap();
    assert_eq!((d.donations, d.total), (2, yuan("1500")));
}

#[test]
fn connections_use_the_required_pragmas() {
    let db = TempDb::new();
    let store = db.open();
    let p = store.pragmas().unwrap();
    assert_eq!(p.journal_mode, "wal");
    assert_eq!(p.synchronous, 2, "synchronous=FULL");
    assert!(p.foreign_keys);
    assert!(p.busy_timeout_ms >= 1000);
    assert_eq!(p.application_id, xingfu::db::schema::APPLICATION_ID);
    drop(store);
    let ro = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    let p = ro.pragmas().unwrap();
    assert!(p.query_only && p.foreign_keys);
    assert_eq!(p.synchronous, 2);
}

#[test]
fn read_only_stores_refuse_writes() {
    let db = TempDb::new();
    seed(&mut db.open());
    let before = std::fs::read(&db.path).unwrap();
    let mut ro = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    assert!(matches!(ro.insert(&registry_village(CHANGTAN)), Err(DbError::ReadOnly)));
    assert!(matches!(ro.delete::<Shift>("S001"), Err(DbError::ReadOnly)));
    assert_eq!(ro.get::<Shift>("S001").unwrap().unwrap().shift_ref, "S001");
    drop(ro);
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

/// Unix only: on Windows a new file takes the ACL of the user's profile folder (`db::open`).
#[cfg(unix)]
#[test]
fn new_database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = TempDb::new();
    let nested = db.dir.path().join("a/b/office.db");
    drop(Store::open(&nested, OpenMode::Create, "x").unwrap());
    let mode = std::fs::metadata(&nested).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_donation_moved_away_names_the_figures_of_the_project_it_leaves() {
    let db = TempDb::new();
    let mut store = db.open();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    store.insert(&registry_village("320904104209")).unwrap();
    for code in ["P1", "P2"] {
        store
            .insert(&Project {
                code: code.into(),
                village_code: "320904104209".into(),
                title: "助学".into(),
                start_date: day,
                ..Project::default()
            })
            .unwrap();
    }
    let d = Donation {
        donation_ref: "D1".into(),
        project_code: "P1".into(),
        amount: Money::from_fen(6066),
        donated_on: day,
        ..Donation::default()
    };
    store.insert(&d).unwrap();
    store
        .insert(&Disbursement {
            disbursement_ref: "B1".into(),
            project_code: "P1".into(),
            amount: Money::from_fen(5000),
            paid_on: day,
            payee: "x".into(),
            purpose: "y".into(),
            ..Disbursement::default()
        })
        .unwrap();
    let moved = Donation { project_code: "P2".into(), ..d };
    let e = store.update("D1", &moved).unwrap_err();
    let said = e.message(Lang::Zh);
    // P1 would keep nothing of it: ¥0.00 against the ¥50.00 it paid out.
    assert!(said.contains("¥0.00") && said.contains("¥50.00") && !said.contains("¥60.66"), "{said}");
}
