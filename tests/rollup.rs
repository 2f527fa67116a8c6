//! Counties report up (issue 10): three county databases built from generated data, their
//! exports (full and by quarter) rolled up into a city database, every county's and the
//! city's totals checked against the sum of the parts, exactly; re-imports, a newer
//! export of one county, and every refusal of the template's *Sending data upward*.
//!
//! 大丰区's villages are real (the committed registry). The repository holds no registry
//! of 东台市 or 射阳县, so their villages are marked as test villages (测试村社) under real
//! towns, with codes that are not division codes (a village code that is not a division
//! code belongs to the office that made it).

mod common;

use std::path::{Path, PathBuf};

use common::counties::*;
use common::*;
use xingfu::db::{OfficeFigures, Scope, Store};
use xingfu::domain::*;
use xingfu::ops::import::ImportReport;

/// The figures of a county database, as one office's figures.
fn own_figures(store: &Store) -> OfficeFigures {
    let s = store.summary().unwrap();
    OfficeFigures {
        office: None,
        villages: s.villages,
        projects: s.projects,
        donations: s.donations,
        raised_public: s.raised_public,
        raised_matching: s.raised_matching,
        raised: s.raised,
        disbursed: s.disbursed,
        balance: s.balance,
        volunteers: s.volunteers,
        served_hours: s.served_hours,
    }
}

/// The figures the city database holds for `code`, as the county's own.
fn held_figures(city: &Store, code: &str) -> OfficeFigures {
    let code = DivisionCode::parse(code);
    let f = city.office_figures().unwrap().into_iter().find(|f| f.office == code).expect("the county's figures");
    OfficeFigures { office: None, ..f }
}

fn add(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen() + b.fen())
}

#[test]
fn three_counties_roll_up_into_a_city_and_every_total_is_the_sum_of_the_parts() {
    let counties = [dafeng(), dongtai(), sheyang()];
    let dbs: Vec<TempDb> = counties.iter().enumerate().map(|(i, c)| county_db(c, 7 + i as u64)).collect();
    let out = tempfile::tempdir().unwrap();
    // One CSV folder, one workbook, one CSV folder: an import of several exports.
    let exports: Vec<PathBuf> = dbs
        .iter()
        .enumerate()
        .map(|(i, db)| {
            let name = if i == 1 { format!("c{i}.xlsx") } else { format!("c{i}") };
            export_to(&db.open(), &out.path().join(name), None, None)
        })
        .collect();
    let city_db = city_db();
    let mut city = city_db.open();
    let report = import_ok(&mut city, &exports);
    assert!(report.written);
    assert_eq!(report.rollups.len(), 3);
    assert!(report.rollups.iter().all(|r| r.previous.is_none() && !r.same_export));

    // Every county's figures in the city are its own database's, exactly.
    let mut sum = OfficeFigures { office: None, ..own_figures(&dbs[0].open()) };
    for (i, (c, db)) in counties.iter().zip(&dbs).enumerate() {
        let own = own_figures(&db.open());
        assert_eq!(held_figures(&city, c.code), own, "{}", c.name);
        if i > 0 {
            sum.villages += own.villages;
            sum.projects += own.projects;
            sum.donations += own.donations;
            sum.raised_public = add(sum.raised_public, own.raised_public);
            sum.raised_matching = add(sum.raised_matching, own.raised_matching);
            sum.raised = add(sum.raised, own.raised);
            sum.disbursed = add(sum.disbursed, own.disbursed);
            sum.balance = add(sum.balance, own.balance);
            sum.volunteers += own.volunteers;
            sum.served_hours = Hours::from_tenths(sum.served_hours.tenths() + own.served_hours.tenths());
        }
    }
    // And the city's totals are the sum of the parts.
    let s = city.summary().unwrap();
    assert_eq!(
        (s.villages, s.projects, s.donations, s.raised, s.raised_matching, s.disbursed, s.balance, s.volunteers),
        (
            sum.villages,
            sum.projects,
            sum.donations,
            sum.raised,
            sum.raised_matching,
            sum.disbursed,
            sum.balance,
            sum.volunteers
        )
    );
    assert_eq!(s.served_hours, sum.served_hours);
    // The same project codes and donation serials are three records each.
    assert_eq!(s.projects, 2 * (4 + 3 + 2));
    assert!(city.health().unwrap().is_healthy());

    // The summary report gains a county level whose rows are the counties' own summaries.
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let (from, to) = (date("2026-01-01"), date("2026-12-31"));
    let report = xingfu::ops::report::summary::build(&city, from, to, Lang::Zh, now).unwrap();
    assert_eq!(report.title, "市级汇总表");
    let by_county = &report.sections[0];
    assert_eq!(by_county.heading, "按县（市、区）");
    let names: Vec<String> = by_county.rows.iter().map(|r| r[0].shown()).collect();
    assert_eq!(names, ["大丰区", "射阳县", "东台市"]);
    for (c, db) in counties.iter().zip(&dbs) {
        let own = xingfu::ops::report::summary::build(&db.open(), from, to, Lang::Zh, now).unwrap();
        let row = by_county.rows.iter().find(|r| r[0].shown() == c.name).unwrap();
        let total = own.sections.last().unwrap().total.clone().unwrap();
        assert_eq!(row[2..], total[2..], "{}", c.name);
    }
    assert_eq!(by_county.total, report.sections[1].total);

    // Re-importing the same exports changes nothing.
    let before = city.audit_log(1000).unwrap().len();
    let again = import_ok(&mut city, &exports);
    assert!(!again.written && again.nothing_to_do);
    assert!(again.rollups.iter().all(|r| r.same_export));
    assert_eq!(city.audit_log(1000).unwrap().len(), before);
    for (c, db) in counties.iter().zip(&dbs) {
        assert_eq!(held_figures(&city, c.code), own_figures(&db.open()));
    }
}

#[test]
fn a_newer_export_of_one_county_changes_only_that_county() {
    let counties = [dafeng(), dongtai()];
    let dbs: Vec<TempDb> = counties.iter().enumerate().map(|(i, c)| county_db(c, 21 + i as u64)).collect();
    let out = tempfile::tempdir().unwrap();
    let first: Vec<PathBuf> = dbs
        .iter()
        .enumerate()
        .map(|(i, db)| export_to(&db.open(), &out.path().join(format!("a{i}")), None, None))
        .collect();
    let city_db = city_db();
    let mut city = city_db.open();
    import_ok(&mut city, &first);
    let dafeng_before = held_figures(&city, "320904");

    // 东台市 adds two donations, corrects one, deletes a disbursement; exports again.
    {
        let mut dt = dbs[1].open();
        dt.insert(&donation("D90001", "XM-01", Some("王建国"), "500", false)).unwrap();
        dt.insert(&donation("D90002", "XM-03", None, "66.60", false)).unwrap();
        let mut d = dt.get::<Donation>("D00001").unwrap().unwrap();
        d.amount = yuan("123.45");
        dt.update("D00001", &d).unwrap();
        dt.delete::<Disbursement>("B-XM-05").unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let newer = export_to(&dbs[1].open(), &out.path().join("b1"), None, None);
    let report = import_ok(&mut city, std::slice::from_ref(&newer));
    assert!(report.written);
    let change = &report.rollups[0];
    assert_eq!(change.office, DivisionCode::parse("320981").unwrap());
    assert!(change.previous.is_some());
    let donations = change.counts[&Kind::Donation];
    assert_eq!((donations.inserted, donations.updated, donations.removed), (2, 1, 0));
    assert_eq!(change.counts[&Kind::Disbursement].removed, 1);
    // Said in both languages.
    let zh = xingfu::ops::import::summary_lines(&report, Lang::Zh).join("\n");
    assert!(zh.contains("东台市（320981）：以") && zh.contains("新增 2，更新 1，删除 0"), "{zh}");
    let en = xingfu::ops::import::summary_lines(&report, Lang::En).join("\n");
    assert!(en.contains("2 added, 1 changed, 0 removed"), "{en}");

    // Only 东台市 changed, and it is its database's again.
    assert_eq!(held_figures(&city, "320904"), dafeng_before);
    assert_eq!(held_figures(&city, "320981"), own_figures(&dbs[1].open()));
    // The replacement is in the audit log.
    let log = city.audit_log(50).unwrap();
    assert!(log.iter().any(|e| e.action == "import" && e.after.as_deref().is_some_and(|a| a.contains("320981"))));
    assert!(log.iter().any(|e| e.action == "delete" && e.code.as_deref() == Some("B-XM-05")));
    // It is not undone by a revert: the county's next export replaces it, or the backup.
    let set = report.change_set.unwrap();
    let e = city.revert(set, None).unwrap_err();
    assert!(e.message(Lang::En).contains("restore the backup taken before the import"), "{}", e.message(Lang::En));
    assert_eq!(held_figures(&city, "320981"), own_figures(&dbs[1].open()));

    // The older export is refused, nothing written.
    let before = city.audit_log(1000).unwrap().len();
    let refused = import_refused(&mut city, &first[1..]);
    assert!(refused.problems.iter().any(|p| p.message(Lang::En).contains("is older than the one the database holds")));
    assert_eq!(city.audit_log(1000).unwrap().len(), before);
    assert_eq!(held_figures(&city, "320981"), own_figures(&dbs[1].open()));
}

/// The balance of every project of a store at the end of `day`, by code.
fn balances(store: &Store, day: &str) -> Vec<(String, Option<i64>)> {
    (1..=8)
        .map(|i| format!("XM-{i:02}"))
        .map(|p| (p.clone(), store.project_balance_on(&p, date(day)).unwrap()))
        .collect()
}

#[test]
fn a_quarter_export_imports_on_its_own_and_quarters_roll_up_with_their_opening_balances() {
    let counties = [dafeng(), dongtai(), sheyang()];
    let dbs: Vec<TempDb> = counties.iter().enumerate().map(|(i, c)| county_db(c, 40 + i as u64)).collect();
    let out = tempfile::tempdir().unwrap();
    let q3: Vec<PathBuf> = dbs
        .iter()
        .enumerate()
        .map(|(i, db)| {
            export_to(&db.open(), &out.path().join(format!("q3-{i}.xlsx")), Some("2026-07-01"), Some("2026-09-30"))
        })
        .collect();

    // On its own, into an empty database: every project's balance at the quarter's end is
    // the county's, though the quarter's disbursements spend money raised before it.
    let alone = TempDb::new();
    let mut store = alone.open();
    import_ok(&mut store, &q3[..1]);
    assert_eq!(store.office().unwrap().map(|o| o.name), Some("大丰区".to_string()));
    let county = dbs[0].open();
    assert_eq!(balances(&store, "2026-09-30"), balances(&county, "2026-09-30"));
    // Its statement for the quarter opens and closes as the county's does.
    let st = |s: &Store| {
        let x =
            xingfu::ops::report::statement::build(s, Scope::Office, date("2026-07-01"), date("2026-09-30")).unwrap();
        (x.opening, x.flows, x.closing)
    };
    assert_eq!(st(&store), st(&county));
    // Imported again: nothing changes (the opening balances are already held).
    let again = import_ok(&mut store, &q3[..1]);
    assert!(!again.written && again.nothing_to_do);
    // Back into the county's own database: its computed balances agree, nothing changes.
    let mut own = dbs[0].open();
    let back = import_ok(&mut own, &q3[..1]);
    assert!(!back.written && back.nothing_to_do, "{:?}", back.counts);

    // The three quarters roll up into a city's database for the quarter.
    let city_db = city_db();
    let mut city = city_db.open();
    import_ok(&mut city, &q3);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap().and_hms_opt(12, 0, 0).unwrap();
    let (from, to) = (date("2026-07-01"), date("2026-09-30"));
    let summary = xingfu::ops::report::summary::build(&city, from, to, Lang::Zh, now).unwrap();
    let mut closing = 0i64;
    for (c, db) in counties.iter().zip(&dbs) {
        let own = xingfu::ops::report::summary::build(&db.open(), from, to, Lang::Zh, now).unwrap();
        let total = own.sections.last().unwrap().total.clone().unwrap();
        let row = summary.sections[0].rows.iter().find(|r| r[0].shown() == c.name).unwrap();
        assert_eq!(row[2..], total[2..], "{}", c.name);
        closing += db.open().flows(&Scope::Office, None, Some(to), false).unwrap().0.net_fen();
    }
    assert_eq!(city.summary().unwrap().balance, Money::from_fen(closing));

    // A full export into the quarter's database is refused: one period per database.
    let full = export_to(&dbs[0].open(), &out.path().join("full"), None, None);
    let refused = import_refused(&mut city, &[full]);
    let text = refused.problems.iter().map(|p| p.message(Lang::Zh)).collect::<Vec<_>>().join("\n");
    assert!(text.contains("一个数据库只汇总同一期间的导出"), "{text}");
}

/// The database file's figures and audit log, to show that nothing was written.
fn fingerprint(store: &Store) -> (String, usize) {
    (format!("{:?}", store.summary().unwrap()), store.audit_log(10_000).unwrap().len())
}

fn refused_text(report: &ImportReport, lang: Lang) -> String {
    report.errors().map(|p| p.message(lang)).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_bad_input_is_refused_with_its_reason_and_nothing_is_written() {
    let dafeng_db = county_db(&dafeng(), 3);
    let dongtai_db = county_db(&dongtai(), 4);
    let out = tempfile::tempdir().unwrap();
    let full = export_to(&dafeng_db.open(), &out.path().join("dafeng"), None, None);
    let dongtai_full = export_to(&dongtai_db.open(), &out.path().join("dongtai.xlsx"), None, None);
    let city_db = city_db();
    let mut city = city_db.open();

    // A version 1 file (no 来源) into a county database imports as before.
    let v1 = out.path().join("v1");
    write_county_files(&dafeng(), &v1, 99);
    let plain = TempDb::new();
    import_ok(&mut plain.open(), std::slice::from_ref(&v1));

    // Into a city database it is refused, with the reason and how to fix it.
    let before = fingerprint(&city);
    let r = import_refused(&mut city, std::slice::from_ref(&v1));
    let zh = refused_text(&r, Lang::Zh);
    assert!(zh.contains("没有“来源”表") && zh.contains("xingfu export"), "{zh}");
    let en = refused_text(&r, Lang::En);
    assert!(en.contains("has no source sheet") && en.contains("export again"), "{en}");
    assert_eq!(fingerprint(&city), before);

    // A newer format version.
    let newer = out.path().join("newer");
    copy_dir(&full, &newer);
    let source = std::fs::read_to_string(newer.join("来源.csv")).unwrap().replace("格式版本,2", "格式版本,3");
    std::fs::write(newer.join("来源.csv"), source).unwrap();
    let r = import_refused(&mut city, std::slice::from_ref(&newer));
    assert!(refused_text(&r, Lang::En).contains("newer template (format version 3"), "{}", refused_text(&r, Lang::En));
    let r = import_refused(&mut plain.open(), std::slice::from_ref(&newer));
    assert!(refused_text(&r, Lang::Zh).contains("格式版本 3"));

    // Two exports of the same county in one import.
    let copy = out.path().join("dafeng-copy");
    copy_dir(&full, &copy);
    let r = import_refused(&mut city, &[full.clone(), copy]);
    assert!(refused_text(&r, Lang::Zh).contains("两份导出"), "{}", refused_text(&r, Lang::Zh));

    // A county of another city (玄武区, 南京市).
    let xuanwu = TempDb::new();
    xuanwu.open().set_office(&xingfu::ops::office::parse("320102", Some("玄武区")).unwrap()).unwrap();
    let other = export_to(&xuanwu.open(), &out.path().join("xuanwu"), None, None);
    let r = import_refused(&mut city, std::slice::from_ref(&other));
    let zh = refused_text(&r, Lang::Zh);
    assert!(zh.contains("玄武区（320102）不属于盐城市"), "{zh}");

    // A city's export is not a county's; another county's export into a county database.
    let r = import_refused(&mut dafeng_db.open(), std::slice::from_ref(&dongtai_full));
    assert!(refused_text(&r, Lang::Zh).contains("这是东台市（320981）的导出"), "{}", refused_text(&r, Lang::Zh));
    let city_export = export_to(&city, &out.path().join("city"), None, None);
    let province = TempDb::new();
    province.open().set_office(&xingfu::ops::office::parse("320000", None).unwrap()).unwrap();
    let r = import_refused(&mut province.open(), &[city_export]);
    assert!(refused_text(&r, Lang::En).contains("not of a county"), "{}", refused_text(&r, Lang::En));

    // Files beside exports that belong to none of them.
    let r = import_refused(&mut city, &[full.clone(), v1.clone()]);
    assert!(refused_text(&r, Lang::En).contains("belongs to none of them"));

    // A village of another county in a county's export.
    let wrong = out.path().join("wrong-village");
    copy_dir(&full, &wrong);
    let villages = std::fs::read_to_string(wrong.join("村社.csv")).unwrap();
    std::fs::write(wrong.join("村社.csv"), villages.replacen("320904104208", "320981104208", 1)).unwrap();
    for f in ["项目.csv", "志愿者.csv"] {
        let t = std::fs::read_to_string(wrong.join(f)).unwrap();
        std::fs::write(wrong.join(f), t.replace("320904104208", "320981104208")).unwrap();
    }
    let r = import_refused(&mut city, std::slice::from_ref(&wrong));
    assert!(refused_text(&r, Lang::Zh).contains("此村社编码属于东台市（320981）"), "{}", refused_text(&r, Lang::Zh));

    // Nothing was written by any of these.
    assert_eq!(fingerprint(&city), before);
    assert!(city.held_offices().unwrap().is_empty());
    // And the good exports still go in.
    import_ok(&mut city, &[full, dongtai_full]);
    assert_eq!(city.held_offices().unwrap().len(), 2);
}

#[test]
fn an_opening_balance_that_disagrees_with_the_database_is_refused_at_its_row() {
    let db = county_db(&dafeng(), 5);
    let out = tempfile::tempdir().unwrap();
    let q3 = export_to(&db.open(), &out.path().join("q3"), Some("2026-07-01"), Some("2026-09-30"));
    let text = std::fs::read_to_string(q3.join("期初余额.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let (code, _) = lines[1].split_once(',').unwrap();
    lines[1] = format!("{code},1.00");
    std::fs::write(q3.join("期初余额.csv"), lines.join("\n")).unwrap();
    let mut store = db.open();
    let before = fingerprint(&store);
    let r = import_refused(&mut store, &[q3]);
    let p = r.errors().next().unwrap();
    assert_eq!((p.row, p.column.as_deref()), (Some(2), Some("期初余额（元）")));
    assert!(p.message(Lang::Zh).contains("与期初余额不符"), "{}", p.message(Lang::Zh));
    assert_eq!(fingerprint(&store), before);
}

#[test]
fn records_of_a_county_are_read_only_in_the_city_and_its_lookups_follow_the_focus() {
    let dbs = [county_db(&dafeng(), 11), county_db(&dongtai(), 12)];
    let city_db = rolled_up(&dbs);
    let mut city = city_db.open();
    // The same project code is two projects; the focus says whose.
    assert!(city.get::<Project>("XM-01").unwrap().is_none());
    city.set_focus(DivisionCode::parse("320904"));
    let a = city.get::<Project>("XM-01").unwrap().unwrap();
    assert_eq!(a.village_code, ZHONGXIN);
    city.set_focus(DivisionCode::parse("320981"));
    let b = city.get::<Project>("XM-01").unwrap().unwrap();
    assert_eq!(b.village_code, "DT01");
    assert_eq!(
        city.project_figures("XM-01").unwrap().unwrap().raised,
        dbs[1].open().project_figures("XM-01").unwrap().unwrap().raised
    );
    // A county's records change only with its next export.
    let err = city.insert(&donation("X1", "XM-01", None, "1", false)).unwrap_err();
    assert!(err.message(Lang::Zh).contains("东台市"), "{}", err.message(Lang::Zh));
    assert!(city.delete::<Donation>("D00001").is_err());
    city.set_focus(None);
    assert_eq!(city.held_offices().unwrap().len(), 2);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn the_overview_lists_the_most_urgent_disclosures_as_the_calendar_does() {
    let db = TempDb::new();
    let mut store = db.open();
    let report = xingfu::ops::demo::load(&mut store).unwrap();
    assert!(!report.has_errors());
    let today = date("2026-11-29");
    let all = xingfu::ops::report::due::open_duties(&store, today, 30, None).unwrap();
    let (five, count) = xingfu::ops::report::due::soonest(&store, today, 30, 5).unwrap();
    assert!(all.len() > 5);
    assert_eq!((five.as_slice(), count), (&all[..5], all.len()));
}

#[test]
fn in_a_city_the_overviews_disclosures_name_their_county() {
    // Two counties' projects share codes (ZX-2021-01 …): the overview's most urgent
    // disclosures say whose they are.
    let city = rolled_up_city();
    let store = city.open();
    let (due, count) = xingfu::ops::report::due::soonest(&store, date("2026-11-29"), 30, 50).unwrap();
    assert!(count > 0 && !due.is_empty());
    for d in &due {
        assert!(d.title.starts_with("大丰区·") || d.title.starts_with("东台市·"), "{} {}", d.project, d.title);
    }
    // A county's own database keeps its titles as they are.
    let county = county_db(&dafeng(), 1);
    let (due, _) = xingfu::ops::report::due::soonest(&county.open(), date("2026-11-29"), 30, 5).unwrap();
    assert!(due.iter().all(|d| !d.title.contains('·')), "{:?}", due.iter().map(|d| &d.title).collect::<Vec<_>>());
}
