//! Public accountability (format version 2): carry-overs, disclosures, statements, the
//! disclosure calendar, notices, closing and the county summary, checked against figures
//! worked out by hand on a small office written as real CSV files.
//!
//! The office (众心村, all 助医):
//!
//! | project    | dates                  | status     |
//! |------------|------------------------|------------|
//! | ZX-2024-01 | 2024-01-01–2024-12-31  | completed  |
//! | ZX-2025-01 | 2025-01-01–2025-12-31  | fundraising|
//!
//! ZX-2024-01: 2024-02-10 张三 ¥1,000 (individual); 2024-05-20 腾讯公益配捐 ¥500 (配捐);
//! 2024-08-01 大丰港口公司 ¥300 (company); paid 王秀英 ¥800 on 2024-06-01; carried its
//! ¥1,000 to ZX-2025-01 on 2025-01-05; disclosed 2024-01-01–03-31 on 2024-04-15.
//! ZX-2025-01: an anonymous ¥200 on 2025-02-01.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use proptest::prelude::*;
use xingfu::db::Scope;
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::ops::report::{self, closing, due, notice, statement, summary};
use xingfu::ops::{Desk, OpsError};
use xingfu::template::problem::Issue;

const ZHONGXIN: &str = "320904104209";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn now() -> chrono::NaiveDateTime {
    d("2025-06-30").and_hms_opt(9, 0, 0).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// The office's files, as a village committee would send them.
fn files(dir: &Path) -> Vec<PathBuf> {
    vec![
        write(
            dir,
            "村社.csv",
            &format!("村社编码,村社名称,乡镇（街道）,县（市、区）\n{ZHONGXIN},众心村委会,西团镇,大丰区\n"),
        ),
        write(
            dir,
            "项目.csv",
            &format!(
                "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期,结束日期,项目状态\n\
                 ZX-2024-01,{ZHONGXIN},众心村大病救助2024,助医,5000,2024-01-01,2024-12-31,已结项\n\
                 ZX-2025-01,{ZHONGXIN},众心村大病救助2025,助医,5000,2025-01-01,2025-12-31,募集中\n"
            ),
        ),
        write(
            dir,
            "捐赠.csv",
            "捐赠流水号,项目编号,捐赠人,捐赠人类型,联系电话,捐赠金额（元）,捐赠日期,配捐\n\
             D1,ZX-2024-01,张三,个人,13812345678,1000,2024-02-10,否\n\
             D2,ZX-2024-01,腾讯公益配捐,社会组织,,500,2024-05-20,是\n\
             D3,ZX-2024-01,大丰港口公司,企业,,300,2024-08-01,否\n\
             D4,ZX-2025-01,匿名,个人,,200,2025-02-01,否\n",
        ),
        write(
            dir,
            "拨付.csv",
            "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\nP1,ZX-2024-01,800,2024-06-01,王秀英,大病救助金\n",
        ),
        write(
            dir,
            "结转.csv",
            "结转单号,转出项目编号,转入项目编号,结转金额（元）,结转日期,结转原因\n\
             C1,ZX-2024-01,ZX-2025-01,1000,2025-01-05,项目结项结余转入下一年度同类项目\n",
        ),
        write(
            dir,
            "公示记录.csv",
            "公示编号,项目编号,公示类型,期间起,期间止,公示日期,公示渠道\n\
             G1,ZX-2024-01,定期,2024-01-01,2024-03-31,2024-04-15,村务公开栏\n",
        ),
    ]
}

fn office() -> (TempDb, tempfile::TempDir) {
    let db = TempDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut store = db.open();
    let report = import(&mut store, &files(dir.path()), ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(!report.has_errors(), "{:?}", report.problems);
    assert!(report.written);
    (db, dir)
}

#[test]
fn carry_overs_and_disclosures_import_and_move_the_balances() {
    let (db, _dir) = office();
    let store = db.open();
    let a = store.project_figures("ZX-2024-01").unwrap().unwrap();
    assert_eq!(
        (a.raised, a.disbursed, a.carried_out, a.balance),
        (yuan("1800"), yuan("800"), yuan("1000"), Money::ZERO)
    );
    let b = store.project_figures("ZX-2025-01").unwrap().unwrap();
    assert_eq!((b.raised, b.carried_in, b.balance), (yuan("200"), yuan("1000"), yuan("1200")));
    // A carry-over is neither a donation nor a disbursement.
    assert_eq!((b.donations, b.disbursed), (1, Money::ZERO));
    let s = store.summary().unwrap();
    assert_eq!((s.raised, s.disbursed, s.balance), (yuan("2000"), yuan("800"), yuan("1200")));
    assert_eq!(store.get::<Disclosure>("G1").unwrap().unwrap().kind, DisclosureKind::Periodic);
    assert!(store.health().unwrap().is_healthy(), "the running totals match the rows");
}

#[test]
fn a_carry_over_never_exceeds_the_givers_balance_on_its_date() {
    let (db, dir) = office();
    let mut store = db.open();
    // ZX-2025-01 holds ¥1,200 in all, but only ¥1,000 on 2025-01-20 (its donation came on 02-01).
    let c = write(
        dir.path(),
        "结转2.csv",
        "结转单号,转出项目编号,转入项目编号,结转金额（元）,结转日期,结转原因\nC2,ZX-2025-01,ZX-2024-01,1100,2025-01-20,退回\n",
    );
    let before = store.summary().unwrap();
    let report = import(&mut store, &[c], ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(!report.written);
    let why: Vec<String> = report.errors().map(|p| p.message(Lang::Zh)).collect();
    assert!(why.iter().any(|m| m.contains("第 2 行") && m.contains("余额为 ¥1,000.00")), "{why:?}");
    assert_eq!(store.summary().unwrap(), before, "nothing written");
    // The same from the console.
    let mut desk = Desk::from(db.open());
    let record = xingfu::ops::records::Record::CarryOver(CarryOver {
        transfer_ref: "C2".into(),
        from_project: "ZX-2025-01".into(),
        to_project: "ZX-2024-01".into(),
        amount: yuan("1100"),
        transferred_on: d("2025-01-20"),
        reason: "退回".into(),
        ..CarryOver::default()
    });
    // Into a closed project: refused for that first.
    let e = desk.save(&record, None, None, None).unwrap_err();
    assert!(e.message(Lang::En).contains("cannot receive a carry-over"), "{}", e.message(Lang::En));
    // Between running projects, the dated balance decides.
    let mut store = db.open();
    store
        .insert(&Project {
            code: "ZX-2025-02".into(),
            village_code: ZHONGXIN.into(),
            title: "新项目".into(),
            start_date: d("2025-01-01"),
            ..Project::default()
        })
        .unwrap();
    drop(store);
    let mut desk = Desk::from(db.open());
    let to_running = match record {
        xingfu::ops::records::Record::CarryOver(c) => {
            xingfu::ops::records::Record::CarryOver(CarryOver { to_project: "ZX-2025-02".into(), ..c })
        }
        _ => unreachable!(),
    };
    let e = desk.save(&to_running, None, None, None).unwrap_err();
    assert!(e.message(Lang::Zh).contains("余额为 ¥1,000.00，本次结转 ¥1,100.00"), "{}", e.message(Lang::Zh));
    // To itself: a rule of the row.
    let itself = write(
        dir.path(),
        "结转3.csv",
        "结转单号,转出项目编号,转入项目编号,结转金额（元）,结转日期,结转原因\nC3,ZX-2025-01,ZX-2025-01,10,2025-03-01,x\n",
    );
    let report = import(&mut db.open(), &[itself], ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(report.errors().any(|p| p.message(Lang::En).contains("the receiving project is the giving project")));
}

#[test]
fn statements_add_up_to_the_hand_worked_figures() {
    let (db, _dir) = office();
    let store = db.open();
    let st = |scope: Scope, from: &str, to: &str| statement::build(&store, scope, d(from), d(to)).unwrap();
    let a = Scope::Project("ZX-2024-01".into());
    let s = st(a.clone(), "2024-04-01", "2024-12-31");
    assert_eq!(s.opening, yuan("1000"));
    assert_eq!((s.flows.donations_public, s.flows.donations_matching), (yuan("300"), yuan("500")));
    assert_eq!((s.flows.disbursed, s.flows.carried_in, s.flows.carried_out), (yuan("800"), Money::ZERO, Money::ZERO));
    assert_eq!(s.closing, yuan("1000"));
    let months: Vec<(&str, Money)> = s.months.iter().map(|(m, _, c)| (m.as_str(), *c)).collect();
    assert_eq!(months, [("2024-05", yuan("1500")), ("2024-06", yuan("700")), ("2024-08", yuan("1000"))]);

    let s = st(a, "2025-01-01", "2025-03-31");
    assert_eq!((s.opening, s.flows.carried_out, s.closing), (yuan("1000"), yuan("1000"), Money::ZERO));
    let s = st(Scope::Project("ZX-2025-01".into()), "2025-01-01", "2025-03-31");
    assert_eq!(
        (s.opening, s.flows.carried_in, s.flows.donations_public, s.closing),
        (Money::ZERO, yuan("1000"), yuan("200"), yuan("1200"))
    );
    // The village: a carry-over between its own projects is both in and out.
    let s = st(Scope::Village(ZHONGXIN.into()), "2024-01-01", "2025-12-31");
    assert_eq!(s.flows.donations_public, yuan("1500"));
    assert_eq!(s.flows.donations_matching, yuan("500"));
    assert_eq!((s.flows.carried_in, s.flows.carried_out, s.flows.disbursed), (yuan("1000"), yuan("1000"), yuan("800")));
    assert_eq!(s.closing, yuan("1200"));
    assert_eq!(st(Scope::Office, "2024-01-01", "2025-12-31").closing, yuan("1200"));

    // Bad periods and scopes, in both languages.
    let e = statement::build(&store, Scope::Office, d("2025-01-01"), d("2024-01-01")).unwrap_err();
    assert_eq!(e.message(Lang::Zh), "期间的结束日期 2024-01-01 早于开始日期 2025-01-01");
    assert_eq!(e.message(Lang::En), "the period ends (2024-01-01) before it begins (2025-01-01)");
    let e = statement::build(&store, Scope::Project("NOPE".into()), d("2024-01-01"), d("2024-12-31")).unwrap_err();
    assert!(matches!(e, OpsError::NoSuchRecord { .. }));
}

#[test]
fn the_calendar_lists_what_is_owed_most_urgent_first() {
    let (db, _dir) = office();
    let store = db.open();
    let items = due::open_duties(&store, d("2025-06-30"), 0, None).unwrap();
    let got: Vec<(&str, NaiveDate, due::Duty)> = items.iter().map(|i| (i.project.as_str(), i.due_on, i.duty)).collect();
    assert_eq!(
        got,
        [
            ("ZX-2024-01", d("2024-07-30"), due::Duty::Quarter { from: d("2024-04-01"), to: d("2024-06-30") }),
            ("ZX-2024-01", d("2024-10-30"), due::Duty::Quarter { from: d("2024-07-01"), to: d("2024-09-30") }),
            ("ZX-2024-01", d("2025-03-31"), due::Duty::Final { end: d("2024-12-31") }),
            ("ZX-2025-01", d("2025-04-30"), due::Duty::Quarter { from: d("2025-01-01"), to: d("2025-03-31") }),
        ]
    );
    let r = due::report(&items, d("2025-06-30"), 0, Lang::Zh, now());
    assert!(report::lines(&r).iter().any(|l| l.contains("已逾期 335 天")), "{:?}", report::lines(&r));
    // Within 30 days, the next quarter of ZX-2025-01 joins.
    assert_eq!(due::open_duties(&store, d("2025-06-30"), 30, None).unwrap().len(), 5);
    // Recording the final disclosure meets it.
    drop(store);
    let mut store = db.open();
    store
        .insert(&Disclosure {
            disclosure_ref: "G2".into(),
            project_code: "ZX-2024-01".into(),
            kind: DisclosureKind::Final,
            period_from: d("2024-01-01"),
            period_to: d("2024-12-31"),
            published_on: d("2025-03-20"),
            channel: DisclosureChannel::CharityChina,
            note: None,
        })
        .unwrap();
    // Its period reaches the ends of the two quarters too: nothing is owed any more.
    assert!(due::open_duties(&store, d("2025-06-30"), 0, Some("ZX-2024-01")).unwrap().is_empty());
}

#[test]
fn a_notice_masks_people_and_shows_no_phone() {
    let (db, dir) = office();
    let store = db.open();
    let n = notice::build(&store, "ZX-2024-01", d("2024-01-01"), d("2024-09-30"), Lang::Zh, now()).unwrap();
    let text = report::lines(&n).join("\n");
    assert!(text.contains("张*"), "{text}");
    assert!(!text.contains("张三"));
    assert!(text.contains("腾讯公益配捐") && text.contains("大丰港口公司"), "organisations in full");
    assert!(text.contains("王**") && !text.contains("王秀英"), "a private payee is masked");
    assert!(!text.contains("13812345678") && !text.contains("138"), "no phone");
    assert!(text.contains("期末余额") && text.contains("1,000.00"));
    for sign in ["经办人", "审核人", "村委会（盖章）"] {
        assert!(text.contains(sign));
    }
    let html = dir.path().join("公示.html");
    report::write(&n, &html, Lang::Zh).unwrap();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<bdi>张*</bdi>") && !page.contains("张三") && !page.contains("13812345678"));
    let xlsx = dir.path().join("公示.xlsx");
    report::write(&n, &xlsx, Lang::Zh).unwrap();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "张*") && cells.iter().any(|c| c == "800"), "typed amounts: {cells:?}");
    // Beneficiaries named inside a description, a phone in a purpose, a government office
    // matching a gift (type 其他).
    let more = [
        write(
            dir.path(),
            "拨付2.csv",
            "拨付单号,项目编号,拨付金额（元）,拨付日期,收款方,用途\nP2,ZX-2024-01,50,2024-07-01,受助家庭 郑春梅,救助金 电话13512345678\nP3,ZX-2024-01,10,2024-07-01,冯勇等受助学生,助学\n",
        ),
        write(
            dir.path(),
            "捐赠2.csv",
            "捐赠流水号,项目编号,捐赠人,捐赠人类型,捐赠金额（元）,捐赠日期,配捐\nD6,ZX-2024-01,大丰区民政局,其他,100,2024-07-02,是\n",
        ),
    ];
    drop(store);
    let mut store = db.open();
    assert!(import(&mut store, &more, ImportOptions::default(), &mut |_| {}).unwrap().written);
    let n = notice::build(&store, "ZX-2024-01", d("2024-07-01"), d("2024-07-31"), Lang::Zh, now()).unwrap();
    let text = report::lines(&n).join("\n");
    assert!(text.contains("受助家庭 郑**") && !text.contains("郑春梅"), "{text}");
    assert!(text.contains("冯*等受助学生") && !text.contains("冯勇"), "{text}");
    assert!(text.contains("135****5678") && !text.contains("13512345678"), "{text}");
    assert!(text.contains("大丰区民政局"), "a government office in full: {text}");
    // Nothing happened in the period: a clear message, not an empty page.
    let e = notice::build(&store, "ZX-2025-01", d("2024-01-01"), d("2024-12-31"), Lang::En, now()).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "project ZX-2025-01 had no donations, disbursements or carry-overs in the period: nothing to publish"
    );
}

#[test]
fn closing_refuses_money_into_a_closed_project_and_imports_only_warn() {
    let (db, dir) = office();
    // The console refuses a new donation to the completed project, with the reason.
    let mut desk = Desk::from(db.open());
    let gift = xingfu::ops::records::Record::Donation(Donation {
        donation_ref: "D9".into(),
        project_code: "ZX-2024-01".into(),
        amount: yuan("10"),
        donated_on: d("2025-02-01"),
        ..Donation::default()
    });
    let e = desk.save(&gift, None, None, None).unwrap_err();
    assert!(
        e.message(Lang::Zh).ends_with("项目 ZX-2024-01 已结项或关闭，不能再录入捐赠或拨付"),
        "{}",
        e.message(Lang::Zh)
    );
    // Closing: a balance asks for a carry-over first; a zero balance closes.
    match desk.close_project("ZX-2025-01", d("2025-06-30")).unwrap() {
        closing::Closing::HoldsBalance(m) => assert_eq!(m, yuan("1200")),
        other => panic!("{other:?}"),
    }
    assert_eq!(desk.close_project("ZX-2024-01", d("2025-06-30")).unwrap(), closing::Closing::AlreadyClosed);
    drop(desk);
    let mut store = db.open();
    store
        .insert(&Project {
            code: "ZX-2025-09".into(),
            village_code: ZHONGXIN.into(),
            title: "空项目".into(),
            start_date: d("2025-01-01"),
            ..Project::default()
        })
        .unwrap();
    assert_eq!(closing::close(&mut store, "ZX-2025-09", d("2025-06-30")).unwrap(), closing::Closing::Closed);
    let p = store.get::<Project>("ZX-2025-09").unwrap().unwrap();
    assert_eq!((p.status, p.end_date), (ProjectStatus::Completed, Some(d("2025-06-30"))));

    // An import carries a late gift to the completed project: written, with two warnings.
    let late =
        write(dir.path(), "捐赠2.csv", "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期\nD5,ZX-2024-01,200,2025-02-01\n");
    let report = import(&mut store, &[late], ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(report.written && !report.has_errors());
    let warnings: Vec<&Issue> = report.warnings().map(|p| &p.issue).collect();
    assert!(warnings.contains(&&Issue::GiftAfterEnd), "{warnings:?}");
    assert!(warnings.contains(&&Issue::ClosedWithBalance { project: "ZX-2024-01".into(), balance_fen: 20_000 }));
    // The closing report shows both.
    let r = closing::build(&store, "ZX-2024-01", d("2025-06-30"), Lang::Zh, now()).unwrap();
    let text = report::lines(&r).join("\n");
    assert!(text.contains("仍有余额 ¥200.00"), "{text}");
    assert!(text.contains("结束日期 2024-12-31 之后仍收到捐赠 ¥200.00"), "{text}");
    assert!(text.contains("已于 2024-04-15 公示"), "{text}");
}

#[test]
fn the_county_summary_has_the_hand_worked_rows_and_totals() {
    let (db, dir) = office();
    let store = db.open();
    let r = summary::build(&store, d("2024-01-01"), d("2024-12-31"), Lang::Zh, now()).unwrap();
    let rows = &r.sections[0].rows;
    // 众心村 助医: public 1,300, 配捐 500, in 0, out 800, carried out 0, closing 1,000;
    // individual 1,000, 乡贤 0, company 300, organisation 500, other 0.
    let money: Vec<Money> =
        rows[0].iter().filter_map(|v| if let report::Value::Money(m) = v { Some(*m) } else { None }).collect();
    assert_eq!(money, ["1300", "500", "0", "800", "0", "1000", "1000", "0", "300", "500", "0"].map(yuan).to_vec());
    assert_eq!(rows.len(), 2, "the category row and the village subtotal");
    let total = r.sections[0].total.as_ref().unwrap();
    assert_eq!(total[0], report::Value::Text("合计".into()));
    assert_eq!(total[7], report::Value::Money(yuan("1000")));
    let out = dir.path().join("汇总.xlsx");
    report::write(&r, &out, Lang::Zh).unwrap();
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
    let e = report::write(&r, &dir.path().join("汇总.txt"), Lang::En).unwrap_err();
    assert!(e.message(Lang::En).contains(".xlsx, .html or .csv"));
}

/// Generated offices: donations, disbursements and carry-overs between three projects.
fn flows() -> impl Strategy<Value = Vec<(u8, u8, u8, i64, u16)>> {
    // (kind 0 donation / 1 disbursement / 2 carry-over, project, other project, fen, day of 2024)
    prop::collection::vec((0u8..3, 0u8..3, 0u8..3, 1i64..200_000, 0u16..366), 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Opening + flows = closing, exactly, for every project and period; the closing
    /// balance equals the balance summed from the rows up to that day, and at the end the
    /// running totals the triggers keep.
    #[test]
    fn opening_plus_flows_is_closing(rows in flows(), a in 0u16..366, b in 0u16..366) {
        let db = TempDb::new();
        let mut store = db.open();
        store.insert(&registry_village(ZHONGXIN)).unwrap();
        let code = |i: u8| format!("P{i}");
        for i in 0..3 {
            store.insert(&Project { code: code(i), village_code: ZHONGXIN.into(), title: format!("项目{i}"), start_date: d("2024-01-01"), ..Project::default() }).unwrap();
        }
        let day = |n: u16| d("2024-01-01") + chrono::Duration::days(i64::from(n));
        for (n, (kind, p, q, fen, on)) in rows.iter().enumerate() {
            let amount = Money::from_fen(*fen);
            // Writes the rules refuse are simply not there.
            let _ = match kind {
                0 => store.insert(&Donation { donation_ref: format!("D{n}"), project_code: code(*p), amount, donated_on: day(*on), ..Donation::default() }),
                1 => store.insert(&Disbursement { disbursement_ref: format!("B{n}"), project_code: code(*p), amount, paid_on: day(*on), payee: "x".into(), purpose: "y".into(), ..Disbursement::default() }),
                _ if p != q => store.insert(&CarryOver { transfer_ref: format!("C{n}"), from_project: code(*p), to_project: code(*q), amount, transferred_on: day(*on), reason: "r".into(), ..CarryOver::default() }),
                _ => Ok(0),
            };
        }
        let (from, to) = (day(a.min(b)), day(a.max(b)));
        for i in 0..3 {
            let s = statement::build(&store, Scope::Project(code(i)), from, to).unwrap();
            prop_assert_eq!(s.opening.fen() + s.flows.net_fen(), s.closing.fen());
            prop_assert_eq!(Some(s.closing.fen()), store.project_balance_on(&code(i), to).unwrap());
            let month_sum: i64 = s.months.iter().map(|(_, f, _)| f.net_fen()).sum();
            prop_assert_eq!(month_sum, s.flows.net_fen());
            let all = statement::build(&store, Scope::Project(code(i)), d("2023-01-01"), d("2030-12-31")).unwrap();
            let figures = store.project_figures(&code(i)).unwrap().unwrap();
            prop_assert_eq!(all.closing, figures.balance);
        }
        let office = statement::build(&store, Scope::Office, from, to).unwrap();
        prop_assert_eq!(office.opening.fen() + office.flows.net_fen(), office.closing.fen());
    }
}

#[test]
fn reports_from_the_command_line_never_write_the_database() {
    let (db, dir) = office();
    let before = std::fs::read(&db.path).unwrap();
    let out = dir.path().join("带 空格 的 报表.html");
    assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .args(["--db", db.path.to_str().unwrap(), "--lang", "en", "report", "statement", "--project", "ZX-2024-01"])
        .args(["--from", "2024-01-01", "--to", "2024-12-31", "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicates::str::contains("Closing balance"));
    assert!(std::fs::read_to_string(&out).unwrap().contains("<bdi>1,000.00</bdi>"));
    assert_cmd::Command::cargo_bin("xingfu")
        .unwrap()
        .args(["--db", db.path.to_str().unwrap(), "report", "statement", "--from", "2025-01-01", "--to", "2024-01-01"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("早于开始日期"));
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

#[test]
fn no_later_change_takes_a_carry_over_past_its_givers_balance() {
    let (db, _dir) = office();
    let mut store = db.open();
    // A late gift keeps the total in hand: only the carry-over's date is at stake below.
    store
        .insert(&Donation {
            donation_ref: "D7".into(),
            project_code: "ZX-2024-01".into(),
            amount: yuan("500"),
            donated_on: d("2025-03-01"),
            ..Donation::default()
        })
        .unwrap();
    let before = store.summary().unwrap();
    // ZX-2024-01 held exactly ¥1,000 when it carried ¥1,000 over on 2025-01-05.
    let e = store.delete::<Donation>("D3").unwrap_err();
    assert!(
        e.message(Lang::Zh)
            .contains("这样会使结转 C1 超出项目 ZX-2024-01 在结转日期的余额：当日余额将只有 ¥700.00，结转 ¥1,000.00"),
        "{}",
        e.message(Lang::Zh)
    );
    let back_dated = Disbursement {
        disbursement_ref: "P9".into(),
        project_code: "ZX-2024-01".into(),
        amount: yuan("10"),
        paid_on: d("2024-12-01"),
        payee: "村老年食堂".into(),
        purpose: "x".into(),
        ..Disbursement::default()
    };
    let e = store.insert(&back_dated).unwrap_err();
    assert!(e.message(Lang::En).contains("carry-over C1"), "{}", e.message(Lang::En));
    let mut later = store.get::<Donation>("D3").unwrap().unwrap();
    later.donated_on = d("2025-02-01");
    let e = store.update("D3", &later).unwrap_err();
    assert!(e.message(Lang::En).contains("carry-over C1"), "{}", e.message(Lang::En));
    assert_eq!(store.summary().unwrap(), before, "nothing changed");
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn a_subset_export_imports_on_its_own() {
    let (db, dir) = office();
    let store = db.open();
    // One project: its carry-over's other end is not in it, so the carry-over stays out.
    for (projects, carry_overs) in [(vec!["ZX-2025-01"], 0), (vec!["ZX-2024-01", "ZX-2025-01"], 1)] {
        let out = dir.path().join(format!("子集 {}", projects.len()));
        let sel =
            xingfu::db::Selection { projects: projects.iter().map(|p| p.to_string()).collect(), ..Default::default() };
        let counts = xingfu::ops::export::export(
            &store,
            &out,
            xingfu::ops::export::Format::Csv(xingfu::template::write::CsvEncoding::Utf8Bom),
            &sel,
            &mut |_, _| {},
        )
        .unwrap();
        assert!(counts.contains(&(Kind::CarryOver, carry_overs)), "{counts:?}");
        let other = TempDb::new();
        let files: Vec<PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
        let report = import(&mut other.open(), &files, ImportOptions::default(), &mut |_| {}).unwrap();
        assert!(report.written && !report.has_errors(), "{:?}", report.problems);
    }
}

#[test]
fn a_late_gift_is_warned_about_at_its_own_row() {
    let (db, dir) = office();
    let mut store = db.open();
    let gifts = write(
        dir.path(),
        "捐赠3.csv",
        "捐赠流水号,项目编号,捐赠金额（元）,捐赠日期\nD5,ZX-2024-01,10,2024-12-01\nD6,ZX-2024-01,20,2025-02-01\n",
    );
    let report = import(&mut store, &[gifts], ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(report.written);
    let late: Vec<Option<u32>> = report.warnings().filter(|p| p.issue == Issue::GiftAfterEnd).map(|p| p.row).collect();
    assert_eq!(late, [Some(3)], "D6, dated after the project's end, at its row");
}
