//! The committed blank template in data/template/ is exactly what the program writes,
//! and it imports (as nothing) without errors.

use std::path::Path;

use xingfu::ops::export::{Format, write_blank_template};
use xingfu::template::write::CsvEncoding;

fn committed(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/template").join(rel)
}

#[test]
fn the_committed_xlsx_template_matches_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.xlsx");
    write_blank_template(&out, Format::Xlsx).unwrap();
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(committed("幸福家园项目模板.xlsx")).unwrap(),
        "data/template/幸福家园项目模板.xlsx is stale: regenerate it with `xingfu template data/template/幸福家园项目模板.xlsx`"
    );
}

#[test]
fn the_committed_csv_template_matches_the_code() {
    let dir = tempfile::tempdir().unwrap();
    write_blank_template(dir.path(), Format::Csv(CsvEncoding::Utf8Bom)).unwrap();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(committed("csv")).unwrap() {
        let name = entry.unwrap().file_name();
        let ours = std::fs::read(dir.path().join(&name)).unwrap();
        assert_eq!(ours, std::fs::read(committed("csv").join(&name)).unwrap(), "{name:?} is stale");
        names.push(name.to_string_lossy().into_owned());
    }
    names.sort();
    // Format version 2 adds 结转 and 公示记录.
    assert_eq!(
        names,
        ["公示记录.csv", "志愿排班.csv", "志愿者.csv", "拨付.csv", "捐赠.csv", "村社.csv", "结转.csv", "项目.csv"]
    );
    let head = std::fs::read_to_string(committed("csv/项目.csv")).unwrap();
    assert_eq!(
        head,
        "\u{feff}项目编号,村社编码,项目名称,项目类别,目标金额（元）,开始日期,结束日期,项目状态,募捐平台,受益人数,负责人,项目简介\r\n"
    );
}

#[test]
fn the_blank_workbook_has_every_sheet_and_instructions() {
    let mut problems = Vec::new();
    let bytes = std::fs::read(committed("幸福家园项目模板.xlsx")).unwrap();
    let sheets = xingfu::template::read_xlsx::read_xlsx("t.xlsx", bytes.clone(), &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<&str> = sheets.iter().map(|s| s.kind.sheet()).collect();
    assert_eq!(names, ["村社", "项目", "捐赠", "拨付", "志愿者", "志愿排班", "结转", "公示记录"]);
    assert!(sheets.iter().all(|s| s.rows.is_empty() && s.has_required_columns()));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names()[0], "填写说明");
    let notes = book.worksheet_range("填写说明").unwrap();
    let text: Vec<String> = notes.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|t| t.contains("票据代码＋票据号码不可重复")));
    assert!(text.iter().any(|t| t.contains("可选：助学 education")));
    assert!(text.iter().any(|t| t.contains("不超过转出项目在结转日期的余额")));
    assert!(text.iter().any(|t| t.contains("可选：村务公开栏 notice_board")));
}
