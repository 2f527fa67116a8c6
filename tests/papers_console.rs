//! The console's side of issue 13 on a real database file, at 80×24: the donor view (from
//! a donation, and by search), the next receipt number with one key in the form and in
//! batch entry, voiding a donation's receipt, and the certificate key with the hours by
//! year and project on the volunteer's detail.

mod common;

use chrono::NaiveDate;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use xingfu::domain::receipt::ReceiptBook;
use xingfu::domain::*;
use xingfu::tui::app::{App, Options, PaneId, Popup};
use xingfu::tui::keymap::Keymap;
use xingfu::tui::theme::Theme;
use xingfu::tui::view;

fn options(lang: Lang, read_only: bool) -> Options {
    Options {
        lang,
        theme: Theme::new(false, false),
        keymap: Keymap::default_map(),
        read_only,
        today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        now: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap().and_hms_opt(9, 30, 0),
        training: None,
        mask_names: false,
        operators: Vec::new(),
        config: None,
    }
}

/// The seeded office, with 王海燕 giving five times (a receipt on two gifts) and another
/// 王海燕 once, and a receipt book.
fn office() -> TempDb {
    let db = seeded();
    let mut store = db.open();
    store
        .add_receipt_book(&ReceiptBook::parse("32010126", "00000001", "00000100", date("2026-01-05")).unwrap())
        .unwrap();
    for (i, (p, amount, on, receipt)) in [
        ("ZX-2024-01", "200", "2025-03-01", Some("00000001")),
        ("ZX-2024-02", "300", "2025-09-01", None),
        ("ZX-2024-01", "1,000", "2026-01-15", Some("00000002")),
        ("CT-2024-01", "50", "2026-05-20", None),
        ("ZX-2024-02", "88.80", "2026-11-01", None),
    ]
    .into_iter()
    .enumerate()
    {
        store
            .insert(&Donation {
                donated_on: date(on),
                donor_phone: Some("13805151234".into()),
                receipt_code: receipt.map(|_| "32010126".to_string()),
                receipt_no: receipt.map(str::to_string),
                ..donation(&format!("W{i}"), p, Some("王海燕"), amount, false)
            })
            .unwrap();
    }
    store
        .insert(&Donation {
            donated_on: date("2026-11-02"),
            donor_phone: Some("13961908765".into()),
            ..donation("W9", "ZX-2024-01", Some("王海燕"), "20", false)
        })
        .unwrap();
    db
}

fn keys(app: &mut App, script: &str) {
    xingfu::tui::script::type_keys(app, script).unwrap();
}

fn text(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0u16;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

fn snap(name: &str, app: &App) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    insta::assert_snapshot!(name, t.backend());
}

#[test]
fn the_donor_view_from_a_donation_shows_every_gift_totals_and_receipts() {
    let db = office();
    let mut app = App::new(db.open(), options(Lang::Zh, false), (80, 24)).unwrap();
    // Donations, newest first: W9 (the other 王海燕), then W4.
    keys(&mut app, "4jo");
    assert!(matches!(app.popups.last(), Some(Popup::Donor(_))));
    snap("donor_view", &app);
    let screen = text(&app);
    assert!(screen.contains("共 5 笔，1,638.80 元"), "{screen}");
    assert!(screen.contains("已开票据 2 张") && screen.contains("另有 1 位同名捐赠人"), "{screen}");
    assert!(screen.contains("138****1234") && !screen.contains("13805151234"), "the phone masked: {screen}");
    assert!(screen.contains("2026年 3笔") && screen.contains("2025年 2笔"), "{screen}");
    assert!(screen.contains("32010126 00000002"), "{screen}");
    // Paged down to the oldest gift, and closed with Esc.
    keys(&mut app, "<pgdn>");
    assert!(text(&app).contains("5/5"));
    keys(&mut app, "<esc>");
    assert!(app.popups.is_empty());
    // The other 王海燕 is another donor.
    keys(&mut app, "go");
    let screen = text(&app);
    assert!(screen.contains("共 1 笔，20.00 元") && screen.contains("139****8765"), "{screen}");
}

#[test]
fn the_donor_view_by_search_and_in_english() {
    let db = office();
    let mut app = App::new(db.open(), options(Lang::En, true), (80, 24)).unwrap();
    keys(&mut app, "4W王海燕");
    let screen = text(&app);
    assert!(screen.contains("138****1234") && screen.contains("139****8765"), "both listed, masked: {screen}");
    keys(&mut app, "<enter>");
    assert!(matches!(app.popups.last(), Some(Popup::Donor(_))));
    snap("donor_view_en", &app);
    let screen = text(&app);
    assert!(screen.contains("gifts") && screen.contains("By year"), "{screen}");
    // In English no Chinese is on the screen but the donor's name, the projects
    // and the office's place names in the breadcrumb.
    let names = ["王海燕", "众心村助学项目", "众心村助老餐桌", "长坍村道重建", "盐城市", "大丰区"];
    let mut rest = screen.clone();
    for n in names {
        rest = rest.replace(n, "");
    }
    assert!(!rest.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{rest}");
    // An anonymous gift has no donor record: said, nothing opens.
    keys(&mut app, "<esc>");
}

#[test]
fn f3_fills_the_next_free_receipt_number_in_the_form_and_in_batch_slips() {
    let db = office();
    let mut app = App::new(db.open(), options(Lang::Zh, false), (80, 24)).unwrap();
    keys(&mut app, "4n<f3>");
    let screen = text(&app);
    assert!(screen.contains("32010126") && screen.contains("00000003"), "{screen}");
    keys(&mut app, "<esc>y");
    // In a batch, the second slip passes over the number the first one holds.
    keys(&mut app, "b<tab><tab>王五<tab>10<f3><enter>赵六<tab>20<f3>");
    let Some(Popup::Batch(b)) = app.popups.last() else { panic!("batch") };
    let numbers: Vec<&str> = b.rows.iter().map(|r| r[8].value()).collect();
    assert_eq!(numbers, ["00000003", "00000004"]);
}

#[test]
fn v_voids_a_donations_receipt_and_gives_it_the_next_number() {
    let db = office();
    let mut app = App::new(db.open(), options(Lang::Zh, false), (80, 24)).unwrap();
    // W2 (2026-01-15) holds 00000002: the fourth of the newest-first list.
    keys(&mut app, "4jjjV");
    let msg = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert_eq!(msg, "捐赠 W2：票据 32010126 00000002 已作废，改用 32010126 00000003");
    drop(app);
    let store = db.open();
    let w2: Donation = store.get("W2").unwrap().unwrap();
    assert_eq!(w2.receipt_no.as_deref(), Some("00000003"));
    assert_eq!(store.voided_receipts().unwrap().len(), 1);
    // Read-only: the key does nothing.
    let mut app = App::new(db.open(), options(Lang::Zh, true), (80, 24)).unwrap();
    keys(&mut app, "4jjjV");
    assert_eq!(db.open().voided_receipts().unwrap().len(), 1);
}

#[test]
fn the_volunteer_detail_shows_hours_by_year_and_project_and_c_issues_a_certificate() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("证明.html");
    let mut app = App::new(db.open(), options(Lang::Zh, false), (80, 24)).unwrap();
    keys(&mut app, "5");
    let screen = text(&app);
    assert!(screen.contains("服务时长（按年） 2024 5.5"), "{screen}");
    snap("volunteer_hours", &app);
    keys(&mut app, "c");
    assert!(matches!(app.popups.last(), Some(Popup::Certificate(_))));
    // The period of the shifts, into a file of the test's folder.
    keys(&mut app, "<bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>2024-07-01<tab>");
    keys(&mut app, "<bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>2024-07-31<tab>");
    let Some(Popup::Certificate(c)) = app.popups.last_mut() else { panic!("certificate") };
    c.out = tui_input::Input::new(out.display().to_string());
    keys(&mut app, "<enter>");
    assert!(app.popups.is_empty(), "closed once written");
    let msg = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(msg.starts_with("已出具志愿服务证明 ZM2026-00001"), "{msg}");
    assert!(std::fs::read_to_string(&out).unwrap().contains("李秀英"));
    // V002 has no served hours: the popup stays, with the reason.
    keys(&mut app, "j");
    keys(&mut app, "c<enter>");
    assert!(matches!(app.popups.last(), Some(Popup::Certificate(_))));
    let msg = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(msg.contains("没有已完成的服务时长"), "{msg}");
    assert_eq!(app.pane, PaneId::Volunteers);
}
