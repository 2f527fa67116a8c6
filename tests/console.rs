//! The console on a real database file: scripted keys drive `App`, the screen is rendered
//! to ratatui's test backend and compared with insta snapshots (80×24 and 120×40).

mod common;

use std::path::Path;

use chrono::NaiveDate;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use xingfu::db::{DonationSort, Store};
use xingfu::domain::*;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::tui::app::{App, Options, PaneId, Popup};
use xingfu::tui::keymap::Keymap;
use xingfu::tui::theme::Theme;
use xingfu::tui::view;

/// A database holding the LibreOffice fixture: three real villages of 大丰区 with their
/// projects, donations, disbursements, volunteers and shifts.
fn office() -> TempDb {
    let db = TempDb::new();
    let mut store = db.open();
    // The import is logged at a fixed time, as the console's own changes are (`Options::now`).
    store.set_clock(NaiveDate::from_ymd_opt(2021, 12, 14).unwrap().and_hms_opt(16, 5, 0));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/libreoffice/office.xlsx");
    let report = import(&mut store, &[path], ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(!report.has_errors());
    db
}

fn options(ascii: bool) -> Options {
    Options {
        lang: Lang::Zh,
        theme: Theme::new(false, ascii),
        keymap: Keymap::default_map(),
        read_only: false,
        today: NaiveDate::from_ymd_opt(2021, 12, 15).unwrap(),
        now: NaiveDate::from_ymd_opt(2021, 12, 15).unwrap().and_hms_opt(9, 30, 0),
        training: None,
        mask_names: false,
        operators: Vec::new(),
        config: None,
    }
}

fn app_on(db: &TempDb, w: u16, h: u16) -> App {
    App::new(db.open(), options(false), (w, h)).unwrap()
}

/// Types a key script (see `xingfu::tui::script`).
fn keys(app: &mut App, script: &str) {
    xingfu::tui::script::type_keys(app, script).unwrap();
}

fn screen(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

/// Every row of the screen is exactly the terminal's width in display columns: wide
/// characters never push a border out or leave half a character.
fn assert_rows_fit(t: &Terminal<TestBackend>) {
    let buf = t.backend().buffer();
    let w = buf.area.width as usize;
    for y in 0..buf.area.height {
        let mut x = 0usize;
        let mut text = String::new();
        while x < w {
            let sym = buf[(x as u16, y)].symbol();
            let cw = unicode_width::UnicodeWidthStr::width(sym).max(1);
            text.push_str(sym);
            x += cw;
        }
        assert_eq!(x, w, "row {y} overflows: {text}");
    }
}

fn snap(name: &str, app: &App, w: u16, h: u16) {
    let t = screen(app, w, h);
    assert_rows_fit(&t);
    insta::assert_snapshot!(name, t.backend());
}

#[test]
fn overview() {
    let db = office();
    for (w, h) in [(80, 24), (120, 40)] {
        let app = app_on(&db, w, h);
        snap(&format!("overview_{w}x{h}"), &app, w, h);
    }
}

#[test]
fn villages_then_projects_then_donations() {
    let db = office();
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_on(&db, w, h);
        keys(&mut app, "2j");
        snap(&format!("villages_{w}x{h}"), &app, w, h);
        keys(&mut app, "<enter>");
        assert_eq!(app.pane, PaneId::Projects);
        assert_eq!(app.scope_village.as_ref().map(|v| v.1.as_str()), Some("众心村委会"));
        snap(&format!("projects_{w}x{h}"), &app, w, h);
        keys(&mut app, "<enter>");
        assert_eq!(app.pane, PaneId::Donations);
        snap(&format!("donations_{w}x{h}"), &app, w, h);
        keys(&mut app, "<esc>");
        assert_eq!((app.pane, app.scope_project.is_none()), (PaneId::Projects, true));
        keys(&mut app, "<esc>");
        assert_eq!((app.pane, app.scope_village.is_none()), (PaneId::Villages, true));
    }
}

#[test]
fn volunteers_roster_and_marking_a_shift() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "5j");
    snap("volunteers_80x24", &app, 80, 24);
    // ZXV001 李秀英: two served shifts (5.5 h). Mark her latest shift absent.
    assert_eq!(app.volunteers.current().map(|v| v.code.as_str()), Some("ZXV001"));
    keys(&mut app, "<right>a");
    assert_eq!(app.store.volunteer_figures("ZXV001").unwrap().unwrap().served_hours, Hours::from_tenths(25));
    keys(&mut app, "v");
    assert_eq!(app.store.volunteer_figures("ZXV001").unwrap().unwrap().served_hours, Hours::from_tenths(55));
}

#[test]
fn a_form_shows_a_rejected_value_and_saves_only_when_valid() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "2jn");
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    keys(&mut app, "320904104210<tab>龙窑村委会<tab>西团镇<tab>大丰区<tab><tab><tab>12a<tab>");
    snap("form_rejected_80x24", &app, 80, 24);
    keys(&mut app, "<c-s>");
    assert!(app.store.get::<Village>("320904104210").unwrap().is_none(), "an invalid form never saves");
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    // Fix the phone and save.
    keys(&mut app, "<backtab><bs><bs><bs>13900001234<c-s>");
    assert!(app.popups.is_empty());
    let v = app.store.get::<Village>("320904104210").unwrap().unwrap();
    assert_eq!((v.name.as_str(), v.contact_phone.as_deref()), ("龙窑村委会", Some("13900001234")));
    assert_eq!(app.store.audit_log(1).unwrap()[0].action, "insert");
}

#[test]
fn editing_and_deleting_records() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    // Edit 西团村 (first by code): change its town.
    keys(&mut app, "2e<tab><tab><end><bs><bs><bs>三龙镇<c-s>");
    assert_eq!(app.store.get::<Village>("320904104203").unwrap().unwrap().town, "三龙镇");
    // A village with projects cannot be deleted: the reason is shown.
    keys(&mut app, "dy");
    let Some(Popup::Report { lines, .. }) = app.popups.last() else { panic!("no report") };
    assert!(lines[0].contains("仍有 1 条项目引用此记录"), "{lines:?}");
    keys(&mut app, "<esc>");
    // Delete a project without donations after confirming; "n" keeps it.
    keys(&mut app, "<enter>dn");
    assert!(app.store.get::<Project>("XT-2023-01").unwrap().is_some());
    keys(&mut app, "dy");
    assert!(app.store.get::<Project>("XT-2023-01").unwrap().is_none());
}

#[test]
fn pick_lists_for_choices_and_villages() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    // A new project from the projects pane: pick the village by pinyin initials.
    keys(&mut app, "3n<tab><f2>ctc");
    snap("picker_80x24", &app, 80, 24);
    keys(&mut app, "<enter>");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[1].value(), "320904110222");
    // The category from its pick-list.
    keys(&mut app, "<tab><f2>乡村<enter>");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[3].value(), "乡村建设");
}

#[test]
fn batch_entry_with_a_mismatch() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "3jjjjb");
    // Tab walks a slip's cells, Enter starts the next slip (batch entry has nine columns).
    keys(&mut app, "3<tab>300<tab>张三<tab>100<enter>李四<tab>150<enter>");
    snap("batch_mismatch_80x24", &app, 80, 24);
    let before = app.store.project_figures("ZX-2021-02").unwrap().unwrap();
    keys(&mut app, "<c-s>");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })), "a mismatch asks first");
    keys(&mut app, "n");
    assert_eq!(app.store.project_figures("ZX-2021-02").unwrap().unwrap(), before);
    keys(&mut app, "王五<tab>50<c-s>");
    assert!(app.popups.is_empty(), "count and total match: saved without asking");
    let after = app.store.project_figures("ZX-2021-02").unwrap().unwrap();
    assert_eq!(after.donations, before.donations + 3);
    assert_eq!(after.raised, before.raised.checked_add(yuan("300")).unwrap());
    let d = app.store.get::<Donation>("LR20211215-0002").unwrap().unwrap();
    assert_eq!((d.donor_name.as_deref(), d.channel), (Some("李四"), Channel::Online));
    assert_eq!(app.store.audit_log(1).unwrap()[0].action, "batch_entry");
}

#[test]
fn search_by_pinyin_initials_narrows_as_typed() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "2/zx");
    assert_eq!(app.villages.count, 1);
    snap("search_zx_80x24", &app, 80, 24);
    keys(&mut app, "<enter>");
    assert!(app.searching.is_none());
    assert_eq!(app.villages.current().map(|v| v.name.as_str()), Some("众心村委会"));
    keys(&mut app, "/<esc>");
    assert_eq!(app.villages.count, 3);
    // Donations by donor initials.
    keys(&mut app, "4/wjg<enter>");
    assert_eq!(app.donations.count, 1);
    assert_eq!(app.totals.total, yuan("0.01"));
}

#[test]
fn sort_and_filter() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "3s");
    assert_eq!(app.projects.current().map(|p| p.code.as_str()), Some("ZX-2022-03"), "code, descending");
    keys(&mut app, "f<right><c-s>");
    assert_eq!(app.projects.count, 1, "only 筹备中");
    keys(&mut app, "f<left><c-s>");
    assert_eq!(app.projects.count, 6);
}

#[test]
fn help_is_generated_from_the_keymap() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "2?");
    snap("help_80x24", &app, 80, 24);
    keys(&mut app, "x");
    assert!(app.popups.is_empty(), "any key closes help");
}

#[test]
fn too_small_and_ascii() {
    let db = office();
    let app = app_on(&db, 60, 20);
    snap("too_small_60x20", &app, 60, 20);
    let mut app = App::new(db.open(), options(true), (80, 24)).unwrap();
    keys(&mut app, "2");
    snap("villages_ascii_80x24", &app, 80, 24);
}

#[test]
fn long_names_rare_characters_and_mixed_widths_fit_every_row() {
    let db = office();
    {
        let mut store: Store = db.open();
        let v = Village {
            name: "大丰区西团镇众心村𠮷祥如意幸福家园互助会委员会办公室ABC123".into(),
            town: "𠮷𠮷𠮷𠮷𠮷𠮷镇".into(),
            ..registry_village("320904104210")
        };
        store.insert(&v).unwrap();
        let p = Project {
            title: "众心村𠮷祥助学项目a1b2c3（第二期）长长长长长长长长长长长长长长长长".into(),
            ..common::project("ZX-LONG-𠮷-名称", "320904104210", "x", "100")
        };
        store.insert(&p).unwrap();
        let d = Donation {
            note: None,
            ..donation("D-LONG", "ZX-LONG-𠮷-名称", Some("吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷吉𠮷"), "1", false)
        };
        store.insert(&d).unwrap();
    }
    for (w, h) in [(80, 24), (120, 40), (81, 25)] {
        let mut app = app_on(&db, w, h);
        for script in ["", "2", "<end>", "<enter>", "<enter>", "5", "3n"] {
            keys(&mut app, script);
            assert_rows_fit(&screen(&app, w, h));
        }
    }
}

#[test]
fn key_release_events_are_ignored_and_quit_asks_about_unsaved_input() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle(&Event::Key(release));
    assert_eq!(app.pane, PaneId::Overview);
    keys(&mut app, "2n众");
    app.handle(&Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(!app.quit);
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    keys(&mut app, "y");
    assert!(app.quit);
}

/// A key script as crossterm reads it from the Windows console: every key pressed, then
/// released (Shift and Ctrl give no event of their own).
fn windows_stream(script: &str) -> Vec<Event> {
    let mut out = Vec::new();
    for k in xingfu::tui::script::parse(script).unwrap() {
        out.push(Event::Key(k));
        out.push(Event::Key(KeyEvent { kind: KeyEventKind::Release, ..k }));
    }
    out
}

#[test]
fn windows_key_streams_act_as_unix_ones() {
    let db = office();
    // The same keys, as Windows and Unix deliver them, leave the same screen: nothing acts twice.
    let script = "2/zx<enter><enter>3<down>n众心<tab>";
    let mut unix = app_on(&db, 80, 24);
    keys(&mut unix, script);
    let mut windows = app_on(&db, 80, 24);
    for e in windows_stream(script) {
        windows.handle(&e);
    }
    assert_eq!(screen(&windows, 80, 24).backend().buffer(), screen(&unix, 80, 24).backend().buffer());
    assert!(matches!(windows.popups.last(), Some(Popup::Form(_))));
    // A held ↓: Windows repeats the press, then releases once.
    let mut windows = app_on(&db, 80, 24);
    keys(&mut windows, "2");
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    for _ in 0..2 {
        windows.handle(&Event::Key(down));
    }
    windows.handle(&Event::Key(KeyEvent { kind: KeyEventKind::Release, ..down }));
    assert_eq!(windows.villages.selected, 2);
}

#[test]
fn altgr_characters_are_typed_into_fields() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "2n<tab>");
    // AltGr+Q (@, German layout) and AltGr+Shift+A (Ą, Polish layout), as Windows reports
    // them: Ctrl+Alt (+Shift) with the character, pressed and released.
    let ctrl_alt = KeyModifiers::CONTROL | KeyModifiers::ALT;
    for (c, m) in [('@', ctrl_alt), ('Ą', ctrl_alt | KeyModifiers::SHIFT)] {
        let k = KeyEvent::new(KeyCode::Char(c), m);
        app.handle(&Event::Key(k));
        app.handle(&Event::Key(KeyEvent { kind: KeyEventKind::Release, ..k }));
    }
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[1].value(), "@Ą");
}

#[test]
fn update_drives_the_state_directly() {
    use xingfu::tui::action::Action;
    let db = office();
    let mut app = app_on(&db, 80, 24);
    app.update(Action::PaneVillages);
    assert_eq!((app.pane, app.villages.count, app.villages.selected), (PaneId::Villages, 3, 0));
    app.update(Action::Last);
    assert_eq!(app.villages.current().map(|v| v.code.as_str()), Some("320904110222"));
    app.update(Action::Open);
    assert_eq!((app.pane, app.projects.count), (PaneId::Projects, 2));
    app.update(Action::NextPane);
    assert_eq!(app.pane, PaneId::Donations);
    assert_eq!(app.totals.count, 2, "the donations of 长坍村 only");
    app.update(Action::Sort);
    assert!(
        !app.donations.query.descending && app.donations.query.sort == DonationSort::Amount,
        "by amount, ascending"
    );
    app.update(Action::Help);
    assert!(matches!(app.popups.last(), Some(Popup::Help)));
    app.update(Action::Cancel);
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn disbursements_are_edited_and_deleted_from_the_project() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    // ZX-2021-01 has disbursement BF-2021-001 of 400,000.
    keys(&mut app, "3jjj");
    assert_eq!(app.projects.current().map(|p| p.code.as_str()), Some("ZX-2021-01"));
    keys(&mut app, "<right>e<tab><tab><end><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>390000<c-s>");
    assert_eq!(app.store.get::<Disbursement>("BF-2021-001").unwrap().unwrap().amount, yuan("390000"));
    // Raising it above what the project raised is refused, beside the amount.
    keys(&mut app, "e<tab><tab><end><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs><bs>900000<c-s>");
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    assert!(app.message.as_ref().is_some_and(|(m, err)| *err && m.contains("拨付超出筹款")), "{:?}", app.message);
    keys(&mut app, "<esc>y");
    keys(&mut app, "dy");
    assert!(app.store.get::<Disbursement>("BF-2021-001").unwrap().is_none());
    assert_eq!(app.store.project_figures("ZX-2021-01").unwrap().unwrap().disbursed, Money::ZERO);
}

/// Moving through a big list reads only the rows beyond the window (keyset paging); the
/// rows shown are always exactly those at that position in the list's order.
#[test]
fn keyset_paging_shows_the_same_rows_as_offsets() {
    let db = TempDb::new();
    {
        let mut s = db.open();
        seed(&mut s);
        for i in 0..120 {
            let mut d = donation(
                &format!("K{i:03}"),
                "ZX-2024-02",
                Some(["甲", "乙", "丙"][i % 3]),
                &format!("{}", 1 + i % 7),
                false,
            );
            d.donated_on = NaiveDate::from_ymd_opt(2024, 1 + (i % 12) as u32, 1 + (i % 5) as u32).unwrap();
            s.insert(&d).unwrap();
        }
    }
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "4");
    for sort_presses in 0..8 {
        let q = app.donations.query.clone();
        for script in ["<down>", "<down><down>", "<pgdn>", "<end>", "<up>", "<pgup>", "<home>", "<pgdn><pgdn><up>"] {
            keys(&mut app, script);
            let expected = app.store.donations_page(&q, app.donations.offset, app.donations.rows.len() as i64).unwrap();
            assert_eq!(app.donations.rows, expected, "sort {sort_presses} after {script}");
            assert!(app.donations.current().is_some());
        }
        keys(&mut app, "s");
    }
}

/// The screen as text, one line per row.
fn text_of(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        let (mut x, mut line) = (0u16, String::new());
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            // A wide character covers the next cell too.
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push(line);
    }
    out.join("\n")
}

#[test]
fn quitting_during_an_import_asks_first_and_the_write_phase_shows() {
    use xingfu::tui::jobs::{JobEvent, Phase};
    let db = office();
    let mut app = app_on(&db, 80, 24);
    app.job = Some(xingfu::tui::app::Job { phase: Phase::Reading, done: 0, total: 0 });
    app.job_event(JobEvent::Progress { phase: Phase::Writing, done: 40_000, total: 1_023_000 });
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("写入（请勿关闭） 40000/1023000"), "{shown}");
    keys(&mut app, "q");
    assert!(!app.quit, "a running import is not dropped without a question");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    keys(&mut app, "n");
    assert!(!app.quit);
    keys(&mut app, "qy");
    assert!(app.quit);
}

#[test]
fn a_form_saved_over_someone_elses_save_shows_both_values_and_saves_on_the_second_try() {
    let db = office();
    let mut app = app_on(&db, 120, 40);
    keys(&mut app, "2e");
    let Some(Popup::Form(form)) = app.popups.last() else { panic!("edit form open") };
    let code = form.editing.clone().unwrap();
    // Someone else changes 户数 and saves while the form is open.
    let mut other = Store::open(&db.path, xingfu::db::OpenMode::Existing, "乙").unwrap();
    let mut v = other.get::<Village>(&code).unwrap().unwrap();
    v.households = Some(777);
    other.update(&code, &v).unwrap();
    // The operator changes the contact and saves.
    keys(&mut app, "<tab><tab><tab><tab><tab>");
    keys(&mut app, "王主任<c-s>");
    let (msg, error) = app.message.clone().unwrap();
    assert!(error && msg.contains("已被他人保存"), "{msg}");
    let Some(Popup::Report { lines, .. }) = app.popups.last() else { panic!("{:?}", app.popups.last()) };
    let shown = lines.join("\n");
    assert!(shown.contains("户数「777」") && shown.contains("已填入表单"), "{shown}");
    assert_eq!(app.store.get::<Village>(&code).unwrap().unwrap().households, Some(777), "their save stands");
    snap("form_changed_by_someone_else_80x24", &app, 80, 24);
    keys(&mut app, "<esc>");
    let Some(Popup::Form(form)) = app.popups.last() else { panic!("the form stays open") };
    assert_eq!(form.inputs[7].value(), "777", "their 户数 is taken into the form, which left it alone");
    keys(&mut app, "<c-s>");
    assert!(app.popups.is_empty(), "{:?}", app.message);
    let stored = app.store.get::<Village>(&code).unwrap().unwrap();
    assert_eq!(stored.households, Some(777), "their change survives the second save");
    assert!(stored.contact_name.as_deref().is_some_and(|c| c.ends_with("王主任")), "{stored:?}");
}

#[test]
fn the_read_only_banner_is_whole_in_english_at_80_columns() {
    let db = office();
    let opts = Options { lang: Lang::En, read_only: true, ..options(false) };
    let store = Store::open(&db.path, xingfu::db::OpenMode::ReadOnly, "").unwrap();
    let app = App::new(store, opts, (80, 24)).unwrap();
    let shown = text_of(&screen(&app, 80, 24));
    let first = shown.lines().next().unwrap_or_default();
    assert!(first.contains("READ-ONLY") && first.contains("5Volunteers"), "{first}");
}

#[test]
fn the_overview_figures_are_whole_at_80_columns_in_both_languages() {
    let db = TempDb::new();
    let mut store = db.open();
    xingfu::ops::demo::load(&mut store).unwrap();
    drop(store);
    for lang in [Lang::Zh, Lang::En] {
        let opts = Options { lang, ..options(false) };
        let app = App::new(db.open(), opts, (80, 24)).unwrap();
        let t = screen(&app, 80, 24);
        assert_rows_fit(&t);
        let shown = text_of(&t);
        let block: Vec<&str> = shown.lines().skip(3).take_while(|l| !l.starts_with('└')).collect();
        let figures = block.join("\n");
        assert!(!figures.contains('…'), "a figure is cut:\n{figures}");
        for want in ["¥", "34", "97", "18815", "1161", "119", "552.5"] {
            assert!(figures.contains(want), "{want} missing:\n{figures}");
        }
        if lang == Lang::En {
            assert!(!figures.contains('（') && !figures.contains('）'), "full-width brackets in English:\n{figures}");
        }
    }
}

#[test]
fn nothing_acts_behind_the_window_too_small_notice() {
    let db = office();
    let mut app = app_on(&db, 60, 20);
    let before = app.store.summary().unwrap();
    keys(&mut app, "4dy");
    keys(&mut app, "3n");
    assert!(app.popups.is_empty(), "no hidden form or question");
    assert_eq!(app.store.summary().unwrap(), before, "nothing deleted unseen");
    assert_eq!(app.pane, PaneId::Overview, "not even the pane changes");
    // Enlarged, the same keys act.
    app.handle(&Event::Resize(80, 24));
    keys(&mut app, "3nZX-9");
    assert!(matches!(app.popups.last(), Some(Popup::Form(_))));
    // Small again, with something typed into the form: q would lose it unseen.
    app.handle(&Event::Resize(60, 20));
    keys(&mut app, "q");
    assert!(!app.quit, "input would be lost behind the notice");
    // Without a form, q quits.
    let mut app = app_on(&db, 60, 20);
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn a_shift_still_to_come_cannot_be_marked_served() {
    let db = office();
    let mut store = db.open();
    let shift = Shift {
        shift_ref: "S-FUTURE".into(),
        volunteer_code: "ZXV001".into(),
        shift_date: NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(),
        hours: Hours::from_tenths(20),
        activity: "探访独居老人".into(),
        ..Shift::default()
    };
    store.insert(&shift).unwrap();
    drop(store);
    let mut app = app_on(&db, 80, 24);
    let before = app.store.volunteer_figures("ZXV001").unwrap().unwrap().served_hours;
    keys(&mut app, "5j<right>v");
    assert_eq!(app.store.get::<Shift>("S-FUTURE").unwrap().unwrap().status, ShiftStatus::Scheduled);
    assert_eq!(app.store.volunteer_figures("ZXV001").unwrap().unwrap().served_hours, before);
    let (text, error) = app.message.clone().unwrap();
    assert!(error && text.contains("2022-01-10") && text.contains("还未到"), "{text}");
    // Absent is allowed (the volunteer sent word); served once the day has come.
    keys(&mut app, "a");
    assert_eq!(app.store.get::<Shift>("S-FUTURE").unwrap().unwrap().status, ShiftStatus::Absent);
}

#[test]
fn an_export_over_an_existing_file_asks_first_and_is_named_after_its_scope() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    // In a village: the default name says which.
    keys(&mut app, "2j<enter>x");
    let Some(Popup::Prompt(p)) = app.popups.last() else { panic!("no prompt") };
    let default = p.input.value().to_string();
    let village = app.scope_village.clone().unwrap().1;
    assert!(
        default.starts_with("导出-") && default.contains(&village) && default.ends_with("-20211215.xlsx"),
        "{default}"
    );
    // A path that exists: asked, with the full path; "no" gives the prompt back.
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("已有 文件.xlsx");
    std::fs::write(&taken, b"keep me").unwrap();
    if let Some(Popup::Prompt(p)) = app.popups.last_mut() {
        p.input = tui_input::Input::new(format!("\"{}\"", taken.display()));
    }
    keys(&mut app, "<enter>");
    let Some(Popup::Confirm { text, .. }) = app.popups.last() else { panic!("no question: {:?}", app.popups.last()) };
    assert!(text.contains(&taken.display().to_string()) && text.contains("覆盖"), "{text}");
    keys(&mut app, "n");
    assert!(matches!(app.popups.last(), Some(Popup::Prompt(_))));
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep me");
}

#[test]
fn what_narrows_a_list_shows_beside_its_count_and_esc_clears_it() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "2/zx<enter>");
    assert_eq!(app.villages.count, 1);
    let top = text_of(&screen(&app, 80, 24));
    assert!(top.contains("村社 1/1 · 筛选：搜索「zx」（Esc 清除）"), "{top}");
    keys(&mut app, "<esc>");
    assert_eq!(app.villages.count, 3, "Esc clears the search");
    assert!(!text_of(&screen(&app, 80, 24)).contains("筛选："));
    // A status filter shows too, and Esc clears it before leaving the village.
    keys(&mut app, "j<enter>");
    let village = app.scope_village.clone();
    app.projects.query.filter.status = Some(xingfu::db::StatusFilter::Project(ProjectStatus::Fundraising));
    keys(&mut app, "s");
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("募集中（Esc 清除）"), "{shown}");
    keys(&mut app, "<esc>");
    assert_eq!(app.projects.query.filter, xingfu::db::Filter::default());
    assert_eq!(app.scope_village, village, "the first Esc only clears the filter");
    keys(&mut app, "<esc>");
    assert!(app.scope_village.is_none());
}

#[test]
fn codes_and_money_are_never_cut_and_a_long_popup_says_there_is_more() {
    let db = TempDb::new();
    let mut store = db.open();
    xingfu::ops::demo::load(&mut store).unwrap();
    drop(store);
    let mut app = App::new(db.open(), options(false), (80, 24)).unwrap();
    // Two projects of one village differ only after the 12th character of their codes.
    keys(&mut app, "3");
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("001202-2023-01 ") && shown.contains("001202-2023-02 "), "{shown}");
    // The detail's figures: the balance whole, on a second line if need be.
    let balance = app.store.project_figures("001202-2023-01").unwrap().unwrap().balance.display();
    assert!(shown.contains(&format!("结余 {balance}")), "{shown}");
    // Donation serials whole.
    keys(&mut app, "4");
    let shown = text_of(&screen(&app, 80, 24));
    let first = app.donations.current().unwrap().donation_ref.clone();
    assert!(shown.contains(&first), "{first} in {shown}");
    // The village card uses the width of a 120-column window and says what is below.
    let mut app = App::new(db.open(), options(false), (120, 40)).unwrap();
    keys(&mut app, "2/zxc<enter>c");
    let shown = text_of(&screen(&app, 120, 40));
    let card_top = shown.lines().find(|l| l.contains("村社卡片")).unwrap_or_default();
    assert!(unicode_width::UnicodeWidthStr::width(card_top.trim()) >= 110, "{card_top}");
    let mut small = App::new(db.open(), options(false), (80, 24)).unwrap();
    keys(&mut small, "2/zxc<enter>c");
    let shown = text_of(&screen(&small, 80, 24));
    assert!(shown.contains("行：j / PgDn 下翻"), "{shown}");
}

#[test]
fn typing_replaces_a_filled_in_value_and_x_exports_the_narrowest_scope() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    // The donation form fills in today's date; typing a date replaces it.
    keys(&mut app, "4n<tab><tab><tab><tab><tab><tab>2021-01-01");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[6].value(), "2021-01-01");
    // Once typed into, the field is edited in place.
    keys(&mut app, "<bs>2");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[6].value(), "2021-01-02");
    keys(&mut app, "<esc>y");
    // Inside a project, x exports that project; inside a village, the village.
    keys(&mut app, "2j<enter>");
    let village = app.scope_village.clone().unwrap().0;
    assert_eq!(app.export_selection(), xingfu::db::Selection { villages: vec![village], ..Default::default() });
    keys(&mut app, "<enter>");
    let project = app.scope_project.clone().unwrap().0;
    assert_eq!(app.export_selection(), xingfu::db::Selection { projects: vec![project], ..Default::default() });
}

#[test]
fn ascii_leaves_no_drawing_symbol_on_any_screen() {
    let db = office();
    for script in ["", "2", "3", "4", "5j<right>", "3n", "?", "2c"] {
        let mut app = App::new(db.open(), options(true), (80, 24)).unwrap();
        keys(&mut app, script);
        let shown = text_of(&screen(&app, 80, 24));
        let drawing: Vec<char> = shown.chars().filter(|c| "↑↓←→·…›⏎▁▂▃▄▅▆▇█░─│┌┐└┘├┤┬┴┼".contains(*c)).collect();
        assert!(drawing.is_empty(), "{script:?}: {drawing:?}\n{shown}");
    }
}

#[test]
fn a_delete_question_says_what_is_deleted_and_enter_opens_a_donation() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "4");
    let d = app.donations.current().unwrap().clone();
    keys(&mut app, "d");
    let Some(Popup::Confirm { text, .. }) = app.popups.last() else { panic!("no question") };
    assert!(
        text.contains(&d.donation_ref)
            && text.contains(&d.amount.display())
            && text.contains(&d.donated_on.to_string()),
        "{text}"
    );
    keys(&mut app, "n<enter>");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("Enter opens the donation") };
    assert_eq!(f.editing.as_deref(), Some(d.donation_ref.as_str()));
}

#[test]
fn disbursements_and_shifts_are_numbered_for_the_operator() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "3jjjj");
    let project = app.projects.current().unwrap().code.clone();
    assert_eq!(project, "ZX-2021-02", "a running project");
    keys(&mut app, "p");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[0].value(), format!("BF-{project}-20211215"));
    // Saved, the next one gets the next number.
    keys(&mut app, "<tab><tab>100<tab><tab>西团镇中心小学<tab>助学金<c-s>");
    assert!(app.store.get::<Disbursement>(&format!("BF-{project}-20211215")).unwrap().is_some(), "{:?}", app.message);
    keys(&mut app, "p");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[0].value(), format!("BF-{project}-20211215-2"));
    keys(&mut app, "<esc>y5jt");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no shift form") };
    let volunteer = app.volunteers.current().unwrap().code.clone();
    assert_eq!(f.inputs[0].value(), format!("PB-{volunteer}-20211215"));
}

#[test]
fn english_forms_speak_english() {
    let db = office();
    let opts = Options { lang: Lang::En, ..options(false) };
    let mut app = App::new(db.open(), opts, (80, 24)).unwrap();
    keys(&mut app, "3n<tab><tab><tab><right>");
    let shown = text_of(&screen(&app, 80, 24));
    for zh in ["项目编号", "村社编码", "项目名称", "项目类别", "助学"] {
        assert!(!shown.contains(zh), "{zh} on an English form:\n{shown}");
    }
    assert!(shown.contains("Project code") && shown.contains("Category"), "{shown}");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    assert_eq!(f.inputs[3].value(), "education", "choices in English");
}

#[test]
fn a_refused_import_offers_the_error_copy_and_an_update_when_only_conflicts_stopped_it() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("村社 改名.csv");
    std::fs::write(&csv, "村社编码,村社名称,乡镇（街道）,县（市、区）\n320904104209,众心村,西团镇,大丰区\n").unwrap();
    let report = import(&mut db.open(), std::slice::from_ref(&csv), ImportOptions::default(), &mut |_| {}).unwrap();
    assert!(report.has_errors());
    let mut app = app_on(&db, 80, 24);
    let refused = xingfu::tui::jobs::Refused {
        report: std::sync::Arc::new(report),
        paths: vec![csv.clone()],
        conflicts_only: true,
    };
    app.job_event(xingfu::tui::jobs::JobEvent::Refused { lines: vec!["冲突".into()], refused });
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("u 以更新方式重新导入"), "{shown}");
    keys(&mut app, "e");
    let (said, error) = app.message.clone().unwrap();
    assert!(!error && said.contains(&dir.path().display().to_string()), "{said}");
    let copies: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(copies.iter().any(|n| n.contains("错误")), "{copies:?}");
}

#[test]
fn english_lists_keep_words_whole_and_the_footer_offers_new() {
    let db = office();
    let opts = Options { lang: Lang::En, ..options(false) };
    let mut app = App::new(db.open(), opts, (80, 24)).unwrap();
    keys(&mut app, "3");
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("fundraising") && !shown.contains("fundrai…"), "{shown}");
    let footer = shown.lines().last().unwrap_or_default();
    assert!(footer.contains("n new"), "{footer}");
    keys(&mut app, "/");
    let shown = text_of(&screen(&app, 80, 24));
    assert!(!shown.contains('（') && !shown.contains('：'), "full-width punctuation in English:\n{shown}");
}

#[test]
fn batch_entry_takes_what_every_slip_has_and_carries_it_down() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "3jjjjb<tab><tab>");
    keys(&mut app, "大丰港物流有限公司<tab>500<tab><tab><tab><right><right><tab><tab><tab>32010126<tab>00000007");
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("票据号码") && shown.contains("00000007"), "the focused column scrolls into view:\n{shown}");
    keys(&mut app, "<enter>");
    let Some(Popup::Batch(b)) = app.popups.last() else { panic!("no batch") };
    assert_eq!(b.rows[1][4].value(), "企业", "the donor type carries down");
    assert_eq!(b.rows[1][7].value(), "32010126", "and the receipt book");
    assert_eq!(b.rows[1][8].value(), "", "not the receipt number");
    keys(&mut app, "<c-s>");
    assert!(app.popups.is_empty(), "{:?}", app.message);
    let d = app.store.get::<Donation>("LR20211215-0001").unwrap().unwrap();
    assert_eq!(d.donor_type, DonorType::Company, "a company's slip is saved as a company's");
    assert_eq!((d.receipt_code.as_deref(), d.receipt_no.as_deref()), (Some("32010126"), Some("00000007")));
    let said = app.message.clone().unwrap().0;
    assert!(said.contains("1 笔") && said.contains("¥500.00"), "{said}");
}

#[test]
fn slips_are_not_dropped_unasked_typed_names_replace_suggestions_and_enter_never_deletes() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "3jjjjb<tab><tab>赵六<tab>20<esc>");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })), "Esc with slips asks first");
    keys(&mut app, "n");
    let Some(Popup::Batch(b)) = app.popups.last() else { panic!("the batch comes back") };
    assert_eq!(b.rows[0][0].value(), "赵六");
    keys(&mut app, "<esc>y");
    assert!(app.popups.is_empty());
    // A suggested export name is replaced by what is typed.
    keys(&mut app, "xmine.xlsx");
    let Some(Popup::Prompt(p)) = app.popups.last() else { panic!("no prompt") };
    assert_eq!(p.input.value(), "mine.xlsx");
    keys(&mut app, "<esc>");
    // Enter on a delete question keeps the record.
    keys(&mut app, "4");
    let d = app.donations.current().unwrap().donation_ref.clone();
    keys(&mut app, "d<enter>");
    assert!(app.store.get::<Donation>(&d).unwrap().is_some(), "Enter is no");
}

#[test]
fn a_missing_file_is_said_once_and_offers_nothing_it_cannot_do() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("不存在.csv");
    let report = import(&mut db.open(), std::slice::from_ref(&missing), ImportOptions::default(), &mut |_| {}).unwrap();
    let mut app = app_on(&db, 80, 24);
    let refused =
        xingfu::tui::jobs::Refused { report: std::sync::Arc::new(report), paths: vec![missing], conflicts_only: false };
    app.job_event(xingfu::tui::jobs::JobEvent::Refused { lines: vec!["文件或文件夹不存在".into()], refused });
    let shown = text_of(&screen(&app, 80, 24));
    let footer = shown.lines().last().unwrap_or_default();
    assert!(!footer.contains("写出带错误列的副本") && !footer.contains("重新导入"), "{footer}");
    keys(&mut app, "e");
    assert!(app.message.is_none(), "no copy claimed: {:?}", app.message);
}

#[test]
fn a_donation_entered_alone_is_numbered_as_batch_slips_are() {
    let db = office();
    let mut app = app_on(&db, 80, 24);
    keys(&mut app, "4n");
    let Some(Popup::Form(f)) = app.popups.last() else { panic!("no form") };
    let serial = f.inputs[0].value().to_string();
    assert!(serial.starts_with("LR20211215-") && serial.len() == "LR20211215-0001".len(), "{serial}");
    assert!(app.store.get::<Donation>(&serial).unwrap().is_none(), "a free serial");
}

/// Issue 19: a record's history (`H`) and the 日志 pane at 80×24, in both languages; the
/// operator on the status line; Ctrl-Z undoes the operator's own edit after asking.
#[test]
fn the_log_pane_and_a_records_history() {
    for (lang, suffix) in [(Lang::Zh, ""), (Lang::En, "_en")] {
        let db = office();
        let mut app = App::new(db.open(), Options { lang, ..options(false) }, (80, 24)).unwrap();
        // The newest donation (¥0.01, a test payment): its amount corrected to ¥100.
        keys(&mut app, "4e<tab><tab><tab><tab><tab><tab><end><bs><bs><bs><bs>100<c-s>");
        assert_eq!(app.store.get::<Donation>("TX20220102005").unwrap().unwrap().amount, yuan("100"));
        keys(&mut app, "H");
        assert!(matches!(app.popups.last(), Some(Popup::History(_))));
        snap(&format!("history{suffix}_80x24"), &app, 80, 24);
        keys(&mut app, "<esc>6");
        assert_eq!(app.pane, PaneId::Log);
        snap(&format!("log{suffix}_80x24"), &app, 80, 24);
        let shown = text_of(&screen(&app, 80, 24));
        if lang == Lang::En {
            for zh in ["单条", "导入", "修改", "操作员", "日志", "捐赠金额"] {
                assert!(!shown.contains(zh), "{zh} on an English screen:\n{shown}");
            }
            assert!(shown.contains("operator: 测试员") && shown.contains("changed donation TX20220102005"), "{shown}");
        }
        // Ctrl-Z: asked first, then undone, and the undo is logged too.
        keys(&mut app, "<c-z>");
        assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
        keys(&mut app, "n");
        assert_eq!(app.store.get::<Donation>("TX20220102005").unwrap().unwrap().amount, yuan("100"));
        keys(&mut app, "<c-z>y");
        assert_eq!(app.store.get::<Donation>("TX20220102005").unwrap().unwrap().amount, yuan("0.01"));
        assert_eq!(app.log.count, 3, "the import, the edit and its undo");
        // Nothing more of this operator's to undo in this session.
        keys(&mut app, "<c-z>");
        assert!(app.popups.is_empty());
        assert!(app.message.as_ref().is_some_and(|(m, _)| !m.is_empty()));
    }
}

/// Issue 19: the first start asks for a name before anything else; an empty one is not
/// taken; the log's filter narrows by operator; `r` on the log reverts after asking.
#[test]
fn a_name_first_then_the_log_filters_and_reverts() {
    let db = office();
    let store = xingfu::db::Store::open(&db.path, xingfu::db::OpenMode::Existing, "").unwrap();
    let mut app = App::new(store, options(false), (80, 24)).unwrap();
    assert!(matches!(app.popups.last(), Some(Popup::Operator(_))));
    keys(&mut app, "<enter><esc>2");
    assert!(matches!(app.popups.last(), Some(Popup::Operator(_))), "no name, no console");
    assert_eq!(app.pane, PaneId::Overview);
    keys(&mut app, "<bs>王芳<enter>");
    assert!(app.popups.is_empty());
    assert_eq!(app.store.operator(), "王芳");
    // An edit as 王芳, then the log narrowed to her changes.
    keys(&mut app, "2e<tab><tab><end><bs><bs><bs>三龙镇<c-s>6");
    assert_eq!(app.log.count, 2);
    keys(&mut app, "f<tab><right><enter>");
    assert_eq!(app.log.query.filter.operator.as_deref(), Some("王芳"));
    assert_eq!(app.log.count, 1);
    keys(&mut app, "r");
    assert!(matches!(app.popups.last(), Some(Popup::Confirm { .. })));
    keys(&mut app, "y");
    assert_eq!(app.store.get::<Village>("320904104203").unwrap().unwrap().town, "西团镇");
    assert_eq!(app.log.count, 2, "her edit and its revert");
    // Read-only: no undo, no revert, no switching.
    let store = xingfu::db::Store::open(&db.path, xingfu::db::OpenMode::ReadOnly, "").unwrap();
    let mut app = App::new(store, Options { read_only: true, ..options(false) }, (80, 24)).unwrap();
    assert!(app.popups.is_empty(), "an inspector is not asked for a name");
    keys(&mut app, "6r<c-z>O");
    assert!(app.popups.is_empty());
    let shown = text_of(&screen(&app, 80, 24));
    assert!(shown.contains("操作员：只读"), "{shown}");
}

/// Runs the background jobs the console started until none is left, as the event loop does.
fn finish_jobs(app: &mut App, rx: &std::sync::mpsc::Receiver<xingfu::tui::Event>) {
    while app.job.is_some() {
        match rx.recv_timeout(std::time::Duration::from_secs(60)) {
            Ok(xingfu::tui::Event::Job(e)) => app.job_event(e),
            Ok(_) => {}
            Err(e) => panic!("no report from the import: {e}"),
        }
    }
}

const PERSONAL_BILL: &str = "微信支付账单明细,,,,,,,,,,
微信昵称：[众心村委会],,,,,,,,,,
起始时间：[2021-11-01 00:00:00] 终止时间：[2021-11-30 23:59:59],,,,,,,,,,
----------------------微信支付账单明细列表--------------------,,,,,,,,,,
交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注
2021-11-02 10:11:12,转账,李秀英,/,收入,¥200.00,/,已存入零钱,1000039901202111020000000001,/,/
2021-11-03 08:00:00,商户消费,西团镇超市,办公用品,支出,¥35.50,零钱,支付成功,4200001111202111030000000009,/,/
2021-11-05 18:30:00,二维码收款,陈志强,/,收入,¥66.60,/,已收钱,1000039901202111050000000002,/,/
";

#[test]
fn a_file_no_preset_knows_is_mapped_and_its_project_chosen_by_keys_alone() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let bill = dir.path().join("微信个人账单 11月.csv");
    std::fs::write(&bill, PERSONAL_BILL).unwrap();
    let mut app = app_on(&db, 80, 24);
    app.presets_dir = Some(dir.path().join("presets"));
    let (tx, rx) = std::sync::mpsc::channel();
    app.jobs = Some(tx);
    let before = app.store.project_figures("ZX-2021-02").unwrap().unwrap();

    keys(&mut app, "i");
    keys(&mut app, &format!("{}<enter>", bill.display()));
    finish_jobs(&mut app, &rx);
    let Some(Popup::Mapping(m)) = app.popups.last() else { panic!("no mapping step: {:?}", app.popups.last()) };
    assert_eq!(m.preset.column(xingfu::template::preset::Target::Field("amount")).map(|n| n.first()), Some("金额(元)"));
    snap("mapping_80x24", &app, 80, 24);
    // The note column holds only "/": ignore it (down to 备注, Delete); then the channel
    // 微信 (Tab to the settings, down twice, right twice), and save.
    keys(&mut app, "<down><down><down><down><down><down><down><down><down><down><delete>");
    keys(&mut app, "<tab><down><down><right><right>");
    snap("mapping_settings_80x24", &app, 80, 24);
    keys(&mut app, "<c-s>");
    finish_jobs(&mut app, &rx);
    assert!(dir.path().join("presets/微信个人账单11月.toml").is_file(), "saved as a preset");

    // Its preset has no project column: which project is the whole file?
    let Some(Popup::Links(l)) = app.popups.last() else { panic!("no project question: {:?}", app.popups.last()) };
    assert_eq!((l.items.len(), l.items[0].id.clone(), l.items[0].rows), (1, None, 2));
    keys(&mut app, "<enter>zxczl");
    snap("links_picker_80x24", &app, 80, 24);
    keys(&mut app, "<enter>");
    snap("links_80x24", &app, 80, 24);
    keys(&mut app, "<c-s>");
    finish_jobs(&mut app, &rx);
    let Some(Popup::Report { lines, ok, .. }) = app.popups.last() else { panic!("no report: {:?}", app.popups.last()) };
    assert!(*ok, "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("捐赠 2 笔 ¥266.60") && l.contains("跳过 1 行")), "{lines:?}");
    let after = app.store.project_figures("ZX-2021-02").unwrap().unwrap();
    assert_eq!(after.raised, before.raised.checked_add(yuan("266.60")).unwrap());
    let d = app.store.get::<Donation>("1000039901202111050000000002").unwrap().unwrap();
    assert_eq!((d.donor_name.as_deref(), d.channel, d.note), (Some("陈志强"), Channel::Wechat, None));

    // The next file of the kind is recognised: no mapping, only the project question.
    keys(&mut app, "<esc>i");
    keys(&mut app, &format!("{}<enter>", bill.display()));
    finish_jobs(&mut app, &rx);
    assert!(matches!(app.popups.last(), Some(Popup::Links(_))), "{:?}", app.popups.last());
}

#[test]
fn a_wechat_bill_asks_once_which_project_each_product_is() {
    let db = office();
    let dir = tempfile::tempdir().unwrap();
    let header = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    let row = |id: &str, amount: &str, product: &str| {
        let f = [
            "2021-11-10 09:01:02",
            "wx2421b1c4370ec43b",
            "1900000109",
            "0",
            "",
            id,
            "ZX1",
            "oUpF8u",
            "JSAPI",
            "SUCCESS",
            "CFT",
            "CNY",
            amount,
            "0.00",
            "0",
            "0",
            "0.00",
            "0.00",
            "",
            "",
            product,
            "",
            "0.00",
            "0.60%",
            amount,
            "0.00",
            "",
        ];
        f.iter().map(|x| format!("`{x}")).collect::<Vec<_>>().join(",")
    };
    let text = format!(
        "{header}\n{}\n{}\n{}\n总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n`3,`130.00,`0.00,`0.00,`0.00,`130.00,`0.00\n",
        row("4200001111202111100000000001", "100.00", "众心村助老餐桌捐款"),
        row("4200001111202111100000000002", "20.00", "众心村道路亮化捐款"),
        row("4200001111202111100000000003", "10.00", "众心村助老餐桌捐款"),
    );
    let bill = dir.path().join("微信账单.csv");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&bill, gbk).unwrap();
    let mut app = app_on(&db, 80, 24);
    app.presets_dir = Some(dir.path().join("presets"));
    let (tx, rx) = std::sync::mpsc::channel();
    app.jobs = Some(tx);
    keys(&mut app, &format!("i{}<enter>", bill.display()));
    finish_jobs(&mut app, &rx);
    let Some(Popup::Links(l)) = app.popups.last() else { panic!("no project question: {:?}", app.popups.last()) };
    assert_eq!(l.items.len(), 2);
    // Ctrl-S with a product unanswered says so and saves nothing.
    keys(&mut app, "<enter>zxczl<enter><c-s>");
    let Some(Popup::Links(l)) = app.popups.last() else { panic!("the question stays") };
    assert!(l.unanswered && l.selected == 1);
    keys(&mut app, "<enter>zxcdl<enter><c-s>");
    finish_jobs(&mut app, &rx);
    let Some(Popup::Report { lines, ok: true, .. }) = app.popups.last() else { panic!("{:?}", app.popups.last()) };
    assert!(lines.iter().any(|l| l.contains("「应结订单总金额」¥130.00，明细 ¥130.00：相符")), "{lines:?}");
    assert_eq!(app.store.get::<Donation>("4200001111202111100000000003").unwrap().unwrap().project_code, "ZX-2021-02");
    assert_eq!(app.store.get::<Donation>("4200001111202111100000000002").unwrap().unwrap().project_code, "ZX-2022-03");
    // Remembered: the same bill again asks nothing and adds nothing.
    keys(&mut app, &format!("<esc>i{}<enter>", bill.display()));
    finish_jobs(&mut app, &rx);
    let Some(Popup::Report { lines, .. }) = app.popups.last() else { panic!("{:?}", app.popups.last()) };
    assert!(lines.iter().any(|l| l.contains("未变 3")), "{lines:?}");
}

/// The help lists every key of the pane in front, also where two columns do not hold them
/// all at 80×24 (the projects pane): three columns then.
#[test]
fn help_lists_every_key_of_the_projects_pane_at_80x24() {
    let db = office();
    for lang in [Lang::Zh, Lang::En] {
        let mut app = App::new(db.open(), Options { lang, ..options(false) }, (80, 24)).unwrap();
        keys(&mut app, "3?");
        let t = screen(&app, 80, 24);
        assert_rows_fit(&t);
        let shown = text_of(&t);
        for ctx in app.pane.contexts() {
            for (keys, action) in app.opts.keymap.bindings(*ctx) {
                if app.available(action) {
                    let label = keys.iter().map(|k| k.label()).collect::<Vec<_>>().join("/");
                    assert!(shown.contains(&label), "{label} ({action:?}) missing:\n{shown}");
                }
            }
        }
    }
}

#[test]
fn a_city_holding_its_counties_groups_them_and_the_breadcrumb_names_the_county() {
    let city = counties::rolled_up_city();
    let mut app = app_on(&city, 80, 24);
    // The overview's table of counties takes the chart's place; the lists open on the
    // first county (the city holds no village of its own).
    assert_eq!(app.overview.offices.len(), 2);
    snap("city_overview_80x24", &app, 80, 24);
    keys(&mut app, "2");
    snap("city_villages_80x24", &app, 80, 24);
    // The last village is 东台市's: opening it turns the lists to 东台市.
    keys(&mut app, "<end><enter>");
    assert_eq!(app.pane, PaneId::Projects);
    assert_eq!(app.focus_name().as_deref(), Some("东台市"));
    snap("city_projects_80x24", &app, 80, 24);
    let crumb = line(&screen(&app, 80, 24), 1);
    assert!(crumb.starts_with(" 盐城市 › 东台市 › 弶港镇 › 弶港镇测试村社"), "{crumb}");
    // Its projects carry the same codes as 大丰区's, and are 东台市's own.
    assert!(app.projects.rows.iter().all(|p| p.village_code.starts_with("DT")));
    // A county's records are read-only in the city's database: said at the key, before
    // a form is typed into; no form opens and nothing is saved.
    keys(&mut app, "<enter>e");
    assert!(app.popups.is_empty(), "a form opened on a county's record");
    let status = line(&screen(&app, 80, 24), 22);
    assert!(status.contains("这些记录来自东台市（320981）报送的导出，只读"), "{status}");
    keys(&mut app, "n");
    assert!(app.popups.is_empty(), "a new record's form opened in a county's records");
    // Back to the villages: every county again.
    keys(&mut app, "<esc><esc><esc>");
    assert_eq!(app.pane, PaneId::Villages);
    assert!(line(&screen(&app, 80, 24), 1).starts_with(" 盐城市 › 全部村社"));
    // And in English, the table and the grouping speak English around the names.
    let mut app = App::new(city.open(), Options { lang: Lang::En, ..options(false) }, (80, 24)).unwrap();
    snap("city_overview_en_80x24", &app, 80, 24);
    keys(&mut app, "2");
    let header = line(&screen(&app, 80, 24), 3);
    assert!(header.contains("County") && header.contains("Code"), "{header}");
}

/// Row `y` of a rendered screen, as text.
fn line(t: &Terminal<TestBackend>, y: usize) -> String {
    text_of(t).lines().nth(y).unwrap_or_default().to_string()
}

#[test]
fn a_database_whose_villages_name_no_county_is_asked_its_office_once() {
    let db = TempDb::new();
    {
        // A village numbered by the office itself (not a division code): nothing to infer.
        let mut store = db.open();
        store.insert(&Village { code: "DF0001".into(), ..registry_village(ZHONGXIN) }).unwrap();
    }
    let mut app = app_on(&db, 80, 24);
    assert!(matches!(app.popups.last(), Some(Popup::Prompt(p)) if p.office));
    snap("office_prompt_80x24", &app, 80, 24);
    // Not a code: said, and asked again.
    keys(&mut app, "3209<enter>");
    assert!(matches!(app.popups.last(), Some(Popup::Prompt(p)) if p.office));
    assert!(app.message.as_ref().is_some_and(|(m, bad)| *bad && m.contains("不是六位行政区划代码")));
    keys(&mut app, "04<enter>");
    assert!(app.popups.is_empty());
    assert_eq!(app.message.as_ref().map(|m| m.0.as_str()), Some("本数据库属于：大丰区（320904，县（市、区））"));
    assert!(line(&screen(&app, 80, 24), 1).starts_with(" 盐城市 › 大丰区 › 全部村社"));
    // Named once: not asked again; an inspector is never asked.
    assert!(app_on(&db, 80, 24).popups.is_empty());
    let other = TempDb::new();
    other.open().insert(&Village { code: "DF0001".into(), ..registry_village(ZHONGXIN) }).unwrap();
    let inspector = App::new(other.open(), Options { read_only: true, ..options(false) }, (80, 24)).unwrap();
    assert!(inspector.popups.is_empty());
}
