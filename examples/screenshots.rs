//! Regenerates `screenshots/`: every pane and the main popups of the console, rendered
//! from the test backend on the LibreOffice fixture database (three real villages of
//! 大丰区), as SVG (colours kept) and plain text.
//!
//! Run: `cargo run --example screenshots`

use std::path::Path;

use chrono::NaiveDate;
use xingfu::db::{OpenMode, Store};
use xingfu::domain::Lang;
use xingfu::ops::import::{ImportOptions, import};
use xingfu::ops::{demo, training};
use xingfu::tui::app::{App, Options};
use xingfu::tui::capture;
use xingfu::tui::keymap::Keymap;
use xingfu::tui::script::type_keys;
use xingfu::tui::theme::Theme;

/// How a screenshot's console is started.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The LibreOffice fixture database.
    Office,
    /// Training mode on the demo data, with the key-cast strip.
    Training,
    /// Inspection: read-only, phones and individual donors masked.
    Inspection,
    /// A new, empty database: the first start.
    Empty,
    /// The LibreOffice fixture database, drawn in plain ASCII (`--ascii`).
    OfficeAscii,
    /// A city's database (盐城市) holding the demo's 大丰区 and a small 东台市 (whose villages
    /// are test villages: the repository holds no registry of 东台市).
    City,
}

use Mode::*;

/// A screenshot: file name, size, language, mode, key script.
type Shot = (&'static str, (u16, u16), Lang, Mode, &'static str);

const SHOTS: &[Shot] = &[
    ("1-overview", (80, 24), Lang::Zh, Office, ""),
    ("1-overview-120x40", (120, 40), Lang::Zh, Office, ""),
    ("2-villages", (80, 24), Lang::Zh, Office, "2j"),
    ("3-projects", (80, 24), Lang::Zh, Office, "2j<enter>"),
    ("4-donations", (80, 24), Lang::Zh, Office, "2j<enter><enter>"),
    ("5-volunteers", (80, 24), Lang::Zh, Office, "5j<right>"),
    ("6-log", (80, 24), Lang::Zh, Office, "4e<tab><tab><tab><tab><tab><tab><end><bs><bs><bs><bs>100<c-s>6"),
    ("history", (80, 24), Lang::Zh, Office, "4e<tab><tab><tab><tab><tab><tab><end><bs><bs><bs><bs>100<c-s>H"),
    ("log-english", (80, 24), Lang::En, Office, "4e<tab><tab><tab><tab><tab><tab><end><bs><bs><bs><bs>100<c-s>6"),
    (
        "form-validation-error",
        (80, 24),
        Lang::Zh,
        Office,
        "2jn320904104210<tab>龙窑村委会<tab>西团镇<tab>大丰区<tab><tab><tab>12a<tab>",
    ),
    ("search-pinyin", (80, 24), Lang::Zh, Office, "2/zxc"),
    ("help", (80, 24), Lang::Zh, Office, "2?"),
    ("pick-village", (80, 24), Lang::Zh, Office, "3n<tab><f2>ctc"),
    ("batch-entry", (80, 24), Lang::Zh, Office, "3jjjjb3<tab>300<tab>张三<tab>100<enter>李四<tab>150<enter>"),
    ("villages-english", (80, 24), Lang::En, Office, "2j"),
    ("too-small", (60, 20), Lang::Zh, Office, ""),
    ("training-keycast", (80, 24), Lang::Zh, Training, "<f12>2/zxc<enter><enter>"),
    ("training-overview", (80, 24), Lang::Zh, Training, "<f12>"),
    ("inspection-villages", (80, 24), Lang::Zh, Inspection, "2"),
    ("inspection-donations", (80, 24), Lang::Zh, Inspection, "4"),
    ("inspection-card", (80, 24), Lang::Zh, Inspection, "2c"),
    ("statement", (80, 24), Lang::Zh, Training, "3/ZX-2021-02<enter>r"),
    ("disclosures-due-120x40", (120, 40), Lang::Zh, Training, ""),
    ("close-project", (80, 24), Lang::Zh, Training, "3C"),
    ("record-disclosure", (80, 24), Lang::Zh, Training, "3/002211-2025-04<enter>o"),
    ("welcome", (80, 24), Lang::Zh, Empty, ""),
    ("3-projects-ascii", (80, 24), Lang::Zh, OfficeAscii, "2j<enter>"),
    ("city-overview", (80, 24), Lang::Zh, City, ""),
    ("city-overview-120x40", (120, 40), Lang::Zh, City, ""),
    ("city-villages", (80, 24), Lang::Zh, City, "2<end>"),
    ("city-village-opened", (80, 24), Lang::Zh, City, "2/zxc<enter><enter>"),
];

/// A city's database holding two counties' exports, in `dir`.
fn city(dir: &Path) -> Result<std::path::PathBuf, Box<dyn std::error::Error>> {
    use xingfu::ops::export::{Format, export};
    use xingfu::ops::office::parse;
    let export_of = |store: &Store, out: &Path| -> Result<(), Box<dyn std::error::Error>> {
        export(store, out, Format::Csv(Default::default()), &Default::default(), &mut |_, _| {})?;
        Ok(())
    };
    let mut dafeng = Store::open(&dir.join("大丰区.db"), OpenMode::Create, "截图")?;
    dafeng.set_office(&parse("320904", None)?)?;
    demo::load(&mut dafeng)?;
    export_of(&dafeng, &dir.join("大丰区"))?;
    let files = dir.join("东台市-files");
    std::fs::create_dir_all(&files)?;
    std::fs::write(
        files.join("村社.csv"),
        "村社编码,村社名称,乡镇（街道）,县（市、区）,设区市\nDTAF01,安丰镇测试村社,安丰镇,东台市,盐城市\n\
         DTFA01,富安镇测试村社,富安镇,东台市,盐城市\n",
    )?;
    std::fs::write(
        files.join("项目.csv"),
        "项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期\nZX-2021-01,DTAF01,安丰镇助学,助学,80000,2025-03-01\n\
         ZX-2021-02,DTFA01,富安镇助老餐桌,助老,50000,2025-05-01\n",
    )?;
    std::fs::write(
        files.join("捐赠.csv"),
        "捐赠流水号,项目编号,捐赠人,捐赠金额（元）,捐赠日期\nD000001,ZX-2021-01,王建国,5000.00,2025-03-08\n\
         D000002,ZX-2021-01,,1200.00,2025-06-01\nD000003,ZX-2021-02,李秀英,3600.00,2025-07-15\n",
    )?;
    let mut dongtai = Store::open(&dir.join("东台市.db"), OpenMode::Create, "截图")?;
    dongtai.set_office(&parse("320981", None)?)?;
    import(&mut dongtai, &[files], ImportOptions::default(), &mut |_| {})?;
    export_of(&dongtai, &dir.join("东台市"))?;
    let db = dir.join("盐城市.db");
    let mut city = Store::open(&db, OpenMode::Create, "截图")?;
    city.set_office(&parse("320900", None)?)?;
    let report = import(&mut city, &[dir.join("大丰区"), dir.join("东台市")], ImportOptions::default(), &mut |_| {})?;
    assert!(!report.has_errors(), "the exports roll up");
    Ok(db)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("screenshots");
    std::fs::create_dir_all(&out)?;
    let fixture = root.join("tests/fixtures/libreoffice/office.xlsx");
    for (name, (w, h), lang, mode, script) in SHOTS {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("demo.db");
        let mut store = Store::open(&db, OpenMode::Create, "截图")?;
        // The import is logged at a fixed time, as the console's changes are.
        store.set_clock(NaiveDate::from_ymd_opt(2021, 12, 14).and_then(|d| d.and_hms_opt(16, 5, 0)));
        let sandbox = if *mode == Training {
            let sb = training::prepare(&dir.path().join("training"), false)?;
            store = Store::open(&sb.db, OpenMode::Existing, "王芳")?;
            Some(sb)
        } else if *mode == Empty {
            None
        } else if *mode == City {
            drop(store);
            store = Store::open(&city(dir.path())?, OpenMode::Existing, "截图")?;
            None
        } else {
            let report = import(&mut store, std::slice::from_ref(&fixture), ImportOptions::default(), &mut |_| {})?;
            assert!(!report.has_errors(), "the fixture imports cleanly");
            None
        };
        if *mode == Inspection {
            drop(store);
            store = Store::open(&db, OpenMode::ReadOnly, "")?;
        }
        let today = if matches!(mode, Training | City) {
            demo::demo_today()
        } else {
            NaiveDate::from_ymd_opt(2021, 12, 15).unwrap_or_default()
        };
        let opts = Options {
            lang: *lang,
            theme: Theme::new(true, *mode == OfficeAscii),
            keymap: Keymap::default_map(),
            read_only: *mode == Inspection,
            today,
            now: today.and_hms_opt(9, 30, 0),
            training: sandbox,
            mask_names: *mode == Inspection,
            operators: Vec::new(),
            config: None,
        };
        let mut app = App::new(store, opts, (*w, *h))?;
        type_keys(&mut app, script)?;
        let buf = capture::render(&app, *w, *h);
        std::fs::write(out.join(format!("{name}.svg")), capture::svg(&buf))?;
        std::fs::write(out.join(format!("{name}.txt")), capture::text(&buf))?;
        println!("screenshots/{name}.svg");
    }
    Ok(())
}
