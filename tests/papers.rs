//! Issue 13 on real database files: the receipt register (issue, void, gaps, overlap, a
//! number outside any book), donor identity on import (by code, by name and phone, a name
//! alone kept apart with a warning), the migration that makes donors of stored gifts,
//! thank-you letters, volunteer certificates, and masking of phones and ID numbers.

mod common;

use common::*;
use xingfu::db::{DbError, OpenMode, Store};
use xingfu::domain::id_number::check_char;
use xingfu::domain::receipt::ReceiptBook;
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::ops::letters::{self, Donors};
use xingfu::ops::{OpsError, certificate};
use xingfu::template::Issue;

fn book(code: &str, first: &str, last: &str) -> ReceiptBook {
    ReceiptBook::parse(code, first, last, date("2026-01-05")).expect("book")
}

fn with_receipt(r: &str, code: &str, no: &str) -> Donation {
    Donation {
        receipt_code: Some(code.into()),
        receipt_no: Some(no.into()),
        ..donation(r, "ZX-2024-01", Some("王建国"), "100", false)
    }
}

fn refused_rule(e: DbError) -> Rule {
    match e {
        DbError::Rejected { rule, .. } | DbError::Refused(rule) => rule,
        other => panic!("not a refusal: {other:?}"),
    }
}

/// A valid identity number from seventeen digits.
fn id_number(first17: &str) -> String {
    format!("{first17}{}", check_char(first17).expect("17 digits"))
}

#[test]
fn receipt_books_hand_out_numbers_in_order_and_refuse_overlap() {
    let db = seeded();
    let mut store = db.open();
    assert_eq!(refused_rule(store.next_receipt().unwrap_err()), Rule::NoReceiptBooks);
    store.add_receipt_book(&book("32010126", "00000001", "00000003")).expect("book");
    let overlap = store.add_receipt_book(&book("32010126", "00000003", "00000010")).unwrap_err();
    assert_eq!(refused_rule(overlap), Rule::ReceiptOverlap { book: "32010126 00000001–00000003".into() });
    assert!(
        DbError::Refused(Rule::ReceiptOverlap { book: "32010126 00000001–00000003".into() })
            .message(Lang::Zh)
            .contains("重叠")
    );
    // Another code may use the same numbers.
    store.add_receipt_book(&book("32010127", "00000001", "00000003")).expect("another code");
    store.add_receipt_book(&book("32010126", "00000004", "00000006")).expect("the next book");

    assert_eq!(store.next_receipt().unwrap(), ("32010126".into(), "00000001".into()));
    store.insert(&with_receipt("R1", "32010126", "00000001")).expect("first");
    store.insert(&with_receipt("R2", "32010126", "00000002")).expect("second");
    assert_eq!(store.next_receipt().unwrap(), ("32010126".into(), "00000003".into()));
    // The same number twice, even written differently, is refused.
    let twice = store.insert(&with_receipt("R3", "32010126", "2")).unwrap_err();
    assert_eq!(refused_rule(twice), Rule::Duplicate);
    // Unsaved slips holding the next numbers are passed over; a book used up hands over
    // to the next one registered (here of another code).
    let taken = vec![("32010126".to_string(), "00000003".to_string())];
    assert_eq!(store.next_receipt_after(&taken).unwrap(), ("32010127".into(), "00000001".into()));
}

#[test]
fn a_number_outside_every_book_is_refused_once_books_exist() {
    let db = seeded();
    let mut store = db.open();
    // Before any book, numbers are kept as given.
    store.insert(&with_receipt("OLD", "99999999", "7")).expect("no books yet");
    store.add_receipt_book(&book("32010126", "1", "100")).expect("book");
    let outside = store.insert(&with_receipt("R1", "32010126", "101")).unwrap_err();
    assert_eq!(refused_rule(outside), Rule::ReceiptOutsideBooks { code: "32010126".into(), number: "101".into() });
    let wrong_code = store.insert(&with_receipt("R2", "11111111", "5")).unwrap_err();
    assert!(matches!(refused_rule(wrong_code), Rule::ReceiptOutsideBooks { .. }));
    let e = store.insert(&with_receipt("R1", "32010126", "101")).unwrap_err();
    assert!(e.message(Lang::Zh).contains("不在任何已登记的票据簿内"), "{}", e.message(Lang::Zh));
    assert!(e.message(Lang::En).contains("in no registered receipt book"), "{}", e.message(Lang::En));
    // The old donation keeps its receipt through an edit of something else…
    let old: Donation = store.get("OLD").unwrap().unwrap();
    store.update("OLD", &Donation { note: Some("补记".into()), ..old.clone() }).expect("edit keeps the receipt");
    // … and `check` says the register holds a receipt in no book.
    let problems = store.receipt_problems(Lang::En).unwrap();
    assert_eq!(problems, vec!["1 donations hold receipts in no book".to_string()]);
}

#[test]
fn voided_numbers_are_never_used_and_gaps_are_reported_until_voided() {
    let db = seeded();
    let mut store = db.open();
    store.add_receipt_book(&book("32010126", "00000001", "00000010")).expect("book");
    store.insert(&with_receipt("R1", "32010126", "00000001")).expect("1");
    store.void_receipt("32010126", "00000002", date("2026-02-01"), Some("填写错误")).expect("void a blank");
    assert_eq!(
        refused_rule(store.void_receipt("32010126", "00000002", date("2026-02-01"), None).unwrap_err()),
        Rule::ReceiptAlreadyVoided { code: "32010126".into(), number: "00000002".into() }
    );
    // A voided number is never used again, and a used one is not voided as blank.
    let voided = store.insert(&with_receipt("R2", "32010126", "00000002")).unwrap_err();
    assert_eq!(refused_rule(voided), Rule::ReceiptVoided { code: "32010126".into(), number: "00000002".into() });
    let used = store.void_receipt("32010126", "00000001", date("2026-02-01"), None).unwrap_err();
    assert_eq!(
        refused_rule(used),
        Rule::ReceiptInUse { code: "32010126".into(), number: "00000001".into(), donation: "R1".into() }
    );
    assert_eq!(store.next_receipt().unwrap().1, "00000003");

    // A number skipped (5 used, 3 and 4 neither used nor voided) is a gap.
    store.insert(&with_receipt("R5", "32010126", "00000005")).expect("5");
    let problems = store.receipt_problems(Lang::Zh).unwrap();
    assert_eq!(
        problems,
        vec!["票据簿 32010126 00000001–00000010：2 个号码既未使用也未作废（第一个：00000003）".to_string()]
    );
    assert_eq!(store.next_receipt().unwrap().1, "00000006", "a skipped number is never handed out again");
    let register = store.receipt_register().unwrap();
    assert_eq!((register[0].used, register[0].voided, register[0].gaps, register[0].left), (2, 1, 2, 5));
    store.void_receipt("32010126", "00000003", date("2026-02-02"), None).expect("void 3");
    store.void_receipt("32010126", "4", date("2026-02-02"), None).expect("void 4");
    assert!(store.receipt_problems(Lang::Zh).unwrap().is_empty());

    // Replacing a donation's receipt voids its number and gives it the next one.
    let (old, code, number) = store.replace_receipt("R1", date("2026-02-03"), Some("抬头写错")).expect("replace");
    assert_eq!((old.as_str(), code.as_str(), number.as_str()), ("32010126 00000001", "32010126", "00000006"));
    let r1: Donation = store.get("R1").unwrap().unwrap();
    assert_eq!(r1.receipt_no.as_deref(), Some("00000006"));
    let voided = store.voided_receipts().unwrap();
    assert_eq!(
        voided.iter().map(|v| v.number.as_str()).collect::<Vec<_>>(),
        ["00000001", "00000002", "00000003", "00000004"]
    );
    assert_eq!(voided[0].donation_ref.as_deref(), Some("R1"));
    assert!(store.receipt_problems(Lang::Zh).unwrap().is_empty());
    assert_eq!(
        refused_rule(store.replace_receipt("D0001", date("2026-02-03"), None).unwrap_err()),
        Rule::NoReceiptNumber { donation: "D0001".into() }
    );
}

#[test]
fn registering_a_book_adopts_the_numbers_donations_already_hold() {
    let db = seeded();
    let mut store = db.open();
    store.insert(&with_receipt("R1", "32010126", "00000001")).expect("1");
    store.insert(&with_receipt("R2", "32010126", "00000002")).expect("2");
    store.add_receipt_book(&book("32010126", "00000001", "00000050")).expect("book");
    let register = store.receipt_register().unwrap();
    assert_eq!((register[0].used, register[0].next), (2, Some(3)));
    assert!(store.receipt_problems(Lang::Zh).unwrap().is_empty());
}

fn import_csv(store: &mut Store, dir: &std::path::Path, name: &str, text: &str) -> xingfu::ops::import::ImportReport {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    import(store, &[p], ImportOptions::default(), &mut |_| {}).expect("import")
}

const DONATION_HEADER: &str =
    "捐赠流水号,项目编号,捐赠人,联系电话,捐赠人编号,捐赠金额（元）,捐赠日期,票据代码,票据号码\n";

#[test]
fn import_resolves_donors_by_code_then_name_and_phone_and_never_merges_a_name_alone() {
    let db = seeded();
    let mut store = db.open();
    let dir = tempfile::tempdir().unwrap();
    let csv = format!(
        "{DONATION_HEADER}\
         I1,ZX-2024-01,王海燕,13805151234,,100,2026-01-02,,\n\
         I2,ZX-2024-01,王海燕,13961908765,,200,2026-02-02,,\n\
         I3,ZX-2024-02,王海燕,138-0515-1234,,300,2026-03-02,,\n\
         I4,ZX-2024-01,王海燕,,,50,2026-04-02,,\n\
         I5,ZX-2024-01,王海燕,,,60,2026-05-02,,\n\
         I6,ZX-2024-01,陈德明,15251532210,,70,2026-01-03,,\n\
         I7,ZX-2024-01,陈德明,15251532210,TXGY-1,80,2026-02-03,,\n\
         I8,ZX-2024-02,陈 德明（网名）,,TXGY-1,90,2026-03-03,,\n"
    );
    let report = import_csv(&mut store, dir.path(), "捐赠.csv", &csv);
    assert!(!report.has_errors(), "{:?}", report.problems);
    let donor = |r: &str| store.donor_of(r).unwrap().expect("a donor");
    // Same name and phone (written differently): one donor; another phone: another donor.
    assert_eq!(donor("I1"), donor("I3"));
    assert_ne!(donor("I1"), donor("I2"));
    // A name alone is its own donor, never one of those with a phone…
    assert_ne!(donor("I4"), donor("I1"));
    assert_ne!(donor("I4"), donor("I2"));
    assert_eq!(donor("I4"), donor("I5"));
    // … and the import warns about it, at its first row, naming the donors it is kept from.
    let warnings: Vec<_> = report.warnings().collect();
    let ambiguous: Vec<_> = warnings.iter().filter(|p| matches!(p.issue, Issue::AmbiguousDonor { .. })).collect();
    assert_eq!(ambiguous.len(), 1, "{warnings:?}");
    assert_eq!(ambiguous[0].row, Some(5));
    assert_eq!(ambiguous[0].issue, Issue::AmbiguousDonor { others: 2 });
    assert!(ambiguous[0].message(Lang::Zh).contains("未合并"));
    // A platform code is given to the donor of the same name and phone, and a later gift
    // under another name with that code is the same donor.
    assert_eq!(donor("I6"), donor("I7"));
    assert_eq!(donor("I7"), donor("I8"));
    let chen = store.donor(donor("I6")).unwrap().unwrap();
    assert_eq!((chen.code.as_deref(), chen.gifts, chen.total), (Some("TXGY-1"), 3, yuan("240")));
    // Each gift keeps what its row said, so the file exports as it came.
    let i8: Donation = store.get("I8").unwrap().unwrap();
    assert_eq!((i8.donor_name.as_deref(), i8.donor_code.as_deref()), (Some("陈 德明（网名）"), Some("TXGY-1")));
    // The re-import changes nothing and creates no donor.
    let before = store.donor_record_count().unwrap();
    let again = import_csv(&mut store, dir.path(), "捐赠.csv", &csv);
    assert!(again.nothing_to_do, "{:?}", again.problems);
    assert_eq!(store.donor_record_count().unwrap(), before);
}

#[test]
fn import_checks_receipts_against_the_books_or_warns_when_there_are_none() {
    let db = seeded();
    let mut store = db.open();
    let dir = tempfile::tempdir().unwrap();
    let first = format!(
        "{DONATION_HEADER}A1,ZX-2024-01,王建国,,,100,2026-01-02,32010126,00000001\nA2,ZX-2024-01,王建国,,,100,2026-01-02,32010126,00000002\n"
    );
    let report = import_csv(&mut store, dir.path(), "a.csv", &first);
    assert!(!report.has_errors());
    let w: Vec<_> = report.warnings().filter(|p| matches!(p.issue, Issue::ReceiptsWithoutBooks { .. })).collect();
    assert_eq!(w.len(), 1, "one warning for the file, not one per row");
    assert_eq!(w[0].issue, Issue::ReceiptsWithoutBooks { rows: 2 });
    store.add_receipt_book(&book("32010126", "00000001", "00000100")).expect("book");
    let second = format!(
        "{DONATION_HEADER}A3,ZX-2024-01,王建国,,,100,2026-01-02,32010126,00000003\nA4,ZX-2024-01,王建国,,,100,2026-01-02,32010126,00000999\n"
    );
    let report = import_csv(&mut store, dir.path(), "b.csv", &second);
    assert!(report.has_errors());
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].row, errors[0].column.as_deref(), errors[0].value.as_str()),
        (Some(3), Some("票据号码"), "00000999")
    );
    assert!(errors[0].message(Lang::Zh).contains("不在任何已登记的票据簿内"));
    assert!(store.get::<Donation>("A3").unwrap().is_none(), "nothing of a refused import is written");
}

#[test]
fn the_migration_makes_donors_of_the_gifts_already_stored() {
    let db = TempDb::new();
    {
        let mut conn = rusqlite::Connection::open(&db.path).unwrap();
        xingfu::db::schema::migrate_to(&mut conn, 6).unwrap();
        conn.execute_batch(
            "INSERT INTO villages(id, code, name, town, county, status, search_key) VALUES (1, '320904104209', '众心村委会', '西团镇', '大丰区', 'active', 'zx');
             INSERT INTO projects(id, code, village_id, title, category, target_fen, start_date, status, search_key)
                 VALUES (1, 'P1', 1, '助学', 'education', 100, '2024-01-01', 'fundraising', 'p1');
             INSERT INTO donations(ref, project_id, donor_name, donor_type, donor_phone, amount_fen, donated_on, channel, matching) VALUES
                 ('M1', 1, '王海燕', 'individual', '13805151234', 100, '2024-02-01', 'cash', 0),
                 ('M2', 1, '王海燕', 'individual', '13805151234', 200, '2024-03-01', 'cash', 0),
                 ('M3', 1, '王海燕', 'individual', NULL, 300, '2024-04-01', 'cash', 0),
                 ('M4', 1, '某某学校', 'other', NULL, 400, '2024-05-01', 'bank', 0),
                 ('M5', 1, NULL, 'individual', NULL, 500, '2024-06-01', 'online', 0);",
        )
        .unwrap();
    }
    let store = db.open();
    assert_eq!(store.schema_version().unwrap(), xingfu::db::schema::LATEST);
    let donor = |r: &str| store.donor_of(r).unwrap();
    assert_eq!(donor("M1"), donor("M2"));
    assert_ne!(donor("M1"), donor("M3"));
    assert_eq!(donor("M5"), None, "an anonymous gift has no donor");
    let school = store.donor(donor("M4").unwrap()).unwrap().unwrap();
    assert_eq!(school.kind, DonorKind::Organisation, "其他 is judged by the name");
    assert_eq!(store.donor_record_count().unwrap(), 3);
    assert!(store.health().unwrap().is_healthy());
}

#[test]
fn letters_list_the_years_gifts_and_projects_one_page_per_donor() {
    let db = seeded();
    let mut store = db.open();
    let gift = |r: &str, p: &str, amount: &str, on: &str, phone: Option<&str>| Donation {
        donated_on: date(on),
        donor_phone: phone.map(str::to_string),
        ..donation(r, p, Some("王海燕"), amount, false)
    };
    store.insert(&gift("G1", "ZX-2024-01", "100", "2026-01-02", Some("13805151234"))).unwrap();
    store.insert(&gift("G2", "ZX-2024-02", "250.50", "2026-06-02", Some("13805151234"))).unwrap();
    store.insert(&gift("G3", "ZX-2024-01", "999", "2025-06-02", Some("13805151234"))).unwrap();
    store.insert(&gift("G4", "ZX-2024-01", "10", "2026-06-02", Some("13961908765"))).unwrap();
    store
        .insert(&Donation {
            donated_on: date("2026-03-01"),
            ..donation("G5", "ZX-2024-01", Some("<b>李</b>"), "5", false)
        })
        .unwrap();
    // A name several donors share asks which one.
    let many = letters::find_donor(&store, "王海燕").unwrap().unwrap_err();
    assert_eq!(many.len(), 2);
    let id = store.donor_of("G1").unwrap().unwrap();
    let built = letters::build(&store, &Donors::Some(vec![id]), 2026).unwrap();
    assert_eq!(built.len(), 1);
    assert_eq!((built[0].gifts.len(), built[0].total), (2, yuan("350.50")), "2025 is not in the 2026 letter");
    let html = letters::html(&built, "大丰区慈善总会", date("2026-12-20"), Lang::Zh);
    for want in [
        "尊敬的王海燕",
        "2026 年",
        "2 笔",
        "350.50",
        "众心村助学项目",
        "众心村助老餐桌",
        "大丰区慈善总会",
        "2026年12月20日",
    ] {
        assert!(html.contains(want), "{want} missing");
    }
    assert!(!html.contains("13805151234") && !html.contains("1380515"), "no phone on a letter");
    // Every donor of the year: one page each, page breaks between them; markup escaped.
    let all = letters::build(&store, &Donors::All, 2026).unwrap();
    assert_eq!(all.len(), 3, "the two 王海燕 and 李: the seeded gifts are of 2024");
    let html = letters::html(&all, "大丰区慈善总会", date("2026-12-20"), Lang::Zh);
    assert_eq!(html.matches("class=\"letter page\"").count(), all.len());
    assert!(html.contains("break-after: page"));
    assert!(html.contains("&lt;b&gt;李&lt;/b&gt;") && !html.contains("<b>李"));
    assert!(matches!(letters::build(&store, &Donors::Some(vec![id]), 2023), Err(OpsError::NoGifts { year: 2023 })));
}

#[test]
fn a_certificate_holds_what_the_rules_ask_for_and_its_serial_is_recorded() {
    let db = seeded();
    let mut store = db.open();
    let id = id_number("32090419900101123");
    let v: Volunteer = store.get("V001").unwrap().unwrap();
    store.update("V001", &Volunteer { id_number: Some(id.clone()), gender: Some(Gender::Female), ..v }).unwrap();
    store
        .insert(&Shift {
            shift_date: date("2024-07-05"),
            activity: "助老送餐".into(),
            ..shift("S005", "V001", 15, ShiftStatus::Served)
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("证明 目录").join("证明.html");
    let c = certificate::issue(
        &mut store,
        "V001",
        date("2024-07-01"),
        date("2024-07-31"),
        None,
        date("2024-08-01"),
        &out,
        Lang::Zh,
    )
    .expect("certificate");
    assert_eq!(c.serial, "ZM2024-00001");
    assert_eq!(c.hours, Hours::from_tenths(70), "served shifts only: 3 + 2.5 + 1.5");
    let html = std::fs::read_to_string(&out).unwrap();
    for want in [
        "志愿服务证明",
        "李秀英",
        id.as_str(),
        "女",
        "众心村幸福家园志愿服务队",
        "2024年07月01日 至 2024年07月31日",
        "7 小时",
        "探访独居老人（2 次，5.5 小时）",
        "助老送餐（1 次，1.5 小时）",
        "大丰区慈善总会",
        "2024年08月01日",
        "（盖章）",
        "ZM2024-00001",
        "size: A4",
    ] {
        assert!(html.contains(want), "{want} missing");
    }
    let recorded = store.certificate("ZM2024-00001").unwrap().expect("recorded");
    assert_eq!((recorded.volunteer_code.as_str(), recorded.hours), ("V001", Hours::from_tenths(70)));
    // The next one gets the next serial.
    let out2 = dir.path().join("2.html");
    let c2 = certificate::issue(
        &mut store,
        "V001",
        date("2024-07-01"),
        date("2024-07-31"),
        Some("众心村委会"),
        date("2024-08-02"),
        &out2,
        Lang::Zh,
    )
    .unwrap();
    assert_eq!((c2.serial.as_str(), c2.issuer.as_str()), ("ZM2024-00002", "众心村委会"));
    // No served hours (V002 was scheduled and absent): a clear refusal, nothing recorded.
    let none = certificate::issue(
        &mut store,
        "V002",
        date("2024-07-01"),
        date("2024-07-31"),
        None,
        date("2024-08-01"),
        &dir.path().join("3.html"),
        Lang::Zh,
    )
    .unwrap_err();
    assert_eq!(none.message(Lang::Zh), "陈志强 在 2024-07-01 至 2024-07-31 没有已完成的服务时长，不能出具证明");
    assert!(none.is_rejection());
    assert!(!dir.path().join("3.html").exists());
    assert!(store.certificate("ZM2024-00003").unwrap().is_none());
    // A certificate is written to .html only.
    let not_html = certificate::issue(
        &mut store,
        "V001",
        date("2024-07-01"),
        date("2024-07-31"),
        None,
        date("2024-08-01"),
        &dir.path().join("c.pdf"),
        Lang::En,
    )
    .unwrap_err();
    assert!(matches!(not_html, OpsError::NotHtml(_)));
    // A file that cannot be written records no serial.
    std::fs::create_dir(dir.path().join("taken.html")).unwrap();
    assert!(
        certificate::issue(
            &mut store,
            "V001",
            date("2024-07-01"),
            date("2024-07-31"),
            None,
            date("2024-08-01"),
            &dir.path().join("taken.html"),
            Lang::Zh
        )
        .is_err()
    );
    assert!(store.certificate("ZM2024-00003").unwrap().is_none(), "no serial without its certificate");
}

#[test]
fn an_id_number_with_a_wrong_check_character_is_refused_on_import() {
    let db = seeded();
    let mut store = db.open();
    let dir = tempfile::tempdir().unwrap();
    let good = id_number("32090419900101123");
    let last = good.chars().last().unwrap();
    let bad = format!("{}{}", &good[..17], if last == '1' { '2' } else { '1' });
    let csv = format!("志愿者编号,姓名,村社编码,证件号码\nV101,赵敏,{ZHONGXIN},{good}\nV102,钱磊,{ZHONGXIN},{bad}\n");
    let report = import_csv(&mut store, dir.path(), "志愿者.csv", &csv);
    let errors: Vec<_> = report.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].column.as_deref()), (Some(3), Some("证件号码")));
    assert!(errors[0].message(Lang::Zh).contains("不是有效的18位居民身份证号码"), "{}", errors[0].message(Lang::Zh));
    assert!(errors[0].message(Lang::En).contains("not a valid 18-digit resident identity number"));
    // A file without the column imports as before.
    let plain = format!("志愿者编号,姓名,村社编码\nV103,孙丽,{ZHONGXIN}\n");
    let report = import_csv(&mut store, dir.path(), "志愿者2.csv", &plain);
    assert!(!report.has_errors() && report.warnings().next().is_none(), "{:?}", report.problems);
}

#[test]
fn id_numbers_and_phones_never_show_unmasked_in_lists_read_only_exports_or_the_log() {
    let db = seeded();
    let id = id_number("32090419851231456");
    {
        let mut store = db.open();
        let v: Volunteer = store.get("V001").unwrap().unwrap();
        store
            .update("V001", &Volunteer { id_number: Some(id.clone()), phone: Some("13805151234".into()), ..v })
            .unwrap();
        // What the log shows masks the number ...
        let out =
            xingfu().args(["--db"]).arg(&db.path).args(["audit", "--record", "volunteer", "V001"]).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && !text.contains(&id), "the log shows the ID number: {text}");
        assert!(text.contains("3209**********"), "{text}");
        // ... while the log keeps it whole, so that an undo gives back exactly what was.
        let set = store.audit_log(1).unwrap()[0].change_set.unwrap();
        xingfu::ops::audit::revert(&mut store, set).unwrap();
        assert_eq!(store.get::<Volunteer>("V001").unwrap().unwrap().id_number, None);
        let redo = store.audit_log(1).unwrap()[0].change_set.unwrap();
        xingfu::ops::audit::revert(&mut store, redo).unwrap();
        assert_eq!(store.get::<Volunteer>("V001").unwrap().unwrap().id_number, Some(id.clone()));
    }
    // A read-only export masks phones and ID numbers.
    let out = db.dir.path().join("导出");
    xingfu().args(["--db"]).arg(&db.path).args(["--read-only", "export"]).arg(&out).assert().success();
    let csv = std::fs::read_to_string(out.join("志愿者.csv")).unwrap();
    assert!(!csv.contains(&id) && !csv.contains("13805151234"), "{csv}");
    assert!(csv.contains("3209**********") && csv.contains("138****1234"), "{csv}");
    // A normal export keeps them, so that it imports again.
    let out = db.dir.path().join("导出2");
    xingfu().args(["--db"]).arg(&db.path).arg("export").arg(&out).assert().success();
    assert!(std::fs::read_to_string(out.join("志愿者.csv")).unwrap().contains(&id));
    // The console never lists an ID number (it is not a column of any list).
    let store = Store::open(&db.path, OpenMode::ReadOnly, "").unwrap();
    let rows = store.volunteers_page(&Default::default(), 0, 50).unwrap();
    assert!(!format!("{rows:?}").contains(&id));
}

#[test]
fn the_command_line_registers_books_reports_the_register_and_checks_it() {
    let db = seeded();
    let run = |args: &[&str]| {
        let out = xingfu().arg("--db").arg(&db.path).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, out, _) =
        run(&["receipt-book", "add", "--code", "32010126", "--first", "00000001", "--last", "00000005"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("已登记票据簿 32010126 00000001–00000005（5 个号码）"), "{out}");
    let (code, _, err) = run(&["receipt-book", "add", "--code", "32010126", "--first", "5", "--last", "9"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("号段与已登记的票据簿 32010126 00000001–00000005 重叠"), "{err}");
    let (code, _, err) = run(&["receipt-book", "add", "--code", "32010126", "--first", "9", "--last", "5"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("止号小于起号"), "{err}");
    let (_, out, _) = run(&["receipt-book", "next"]);
    assert!(out.contains("32010126 00000001"), "{out}");
    run(&["receipt-book", "void", "32010126", "00000003", "--reason", "污损"]);
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, Some(1), "a register that does not add up fails the check: {out}");
    assert!(
        out.contains("票据登记：1 处异常") && out.contains("2 个号码既未使用也未作废（第一个：00000001）"),
        "{out}"
    );
    let (code, out, _) = run(&["--lang", "en", "report", "receipts"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("Receipt register")
            && out.contains("00000001–00000005")
            && out.contains("Donations without a receipt (5)"),
        "{out}"
    );
    let (_, _, err) = run(&["--read-only", "receipt-book", "void", "32010126", "00000004"]);
    assert!(err.contains("只读"), "{err}");
}

#[test]
fn the_register_is_never_reverted_and_the_log_says_what_it_did() {
    let db = seeded();
    let mut store = db.open();
    store.add_receipt_book(&book("32010126", "00000001", "00000010")).expect("book");
    let registered = store.audit_log(1).unwrap()[0].change_set.unwrap();
    store.void_receipt("32010126", "00000002", date("2026-02-01"), Some("填写错误")).expect("void");
    let voided = store.audit_log(1).unwrap()[0].change_set.unwrap();
    store.insert(&with_receipt("R1", "32010126", "00000001")).expect("1");
    store.replace_receipt("R1", date("2026-02-02"), Some("污损")).expect("replace");
    let replaced = store.audit_log(1).unwrap()[0].change_set.unwrap();
    for set in [registered, voided, replaced] {
        let e = xingfu::ops::audit::revert(&mut store, set).unwrap_err();
        assert!(e.message(Lang::Zh).contains("不能撤销"), "{}", e.message(Lang::Zh));
        assert!(e.message(Lang::En).contains("cannot be reverted"), "{}", e.message(Lang::En));
    }
    // Nothing was undone: the book, the voided blank and the replaced number all stand.
    assert_eq!(store.get::<Donation>("R1").unwrap().unwrap().receipt_no.as_deref(), Some("00000003"));
    assert!(store.receipt_problems(Lang::Zh).unwrap().is_empty());
    // The log says it in words, not as stored JSON.
    let out = xingfu().args(["--db"]).arg(&db.path).args(["audit", "--since", "2020-01-01"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("登记票据簿：票据代码 32010126，号码 00000001–00000010"), "{text}");
    assert!(text.contains("作废票据：32010126 00000002（填写错误）"), "{text}");
    assert!(text.contains("作废票据：32010126 00000001（污损）"), "{text}");
    assert!(!text.contains("receipt_"), "{text}");
}
