//! The 填写说明 (instructions) sheet and the rule text of every column.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::domain::kind::FieldType;
use crate::domain::kind::key;
use crate::domain::*;

/// The name of the instructions sheet.
pub const SHEET: &str = "填写说明";

/// The accepted values of an enumeration column, if it is one.
fn choices(kind: Kind, key: &str) -> Option<String> {
    let list = crate::domain::kind::choices(kind, key)?;
    Some(list.iter().map(|(zh, en)| format!("{zh} {en}")).collect::<Vec<_>>().join(" / "))
}

/// The rule of one column, in Chinese.
pub fn rule_text(kind: Kind, field: &Field) -> String {
    let mut s = match field.ty {
        FieldType::Code if field.key == key::VILLAGE_CODE => {
            "编码，1–20 位数字或字母，通常为 12 位统计用区划代码".to_string()
        }
        FieldType::Code => format!("编号，1–{} 个字符", field.max),
        FieldType::Text => format!("文字，最多 {} 个字", field.max),
        FieldType::LongText => format!("文字，最多 {} 个字，可换行", field.max),
        FieldType::Money => "金额（元），最多两位小数，如 850000、850,000.00、¥1,234.5".to_string(),
        FieldType::Date => "日期，如 2021-05-10、2021/5/10、2021年5月10日、20210510".to_string(),
        FieldType::Phone => "电话，7–15 位数字，可带 +86、空格、短横线".to_string(),
        FieldType::Integer => "不小于 0 的整数".to_string(),
        FieldType::Choice => choices(kind, field.key).map(|c| format!("可选：{c}")).unwrap_or_default(),
        FieldType::Hours => "小时数，大于 0、不超过 24，最多一位小数".to_string(),
        FieldType::Time => "时间 HH:MM，如 08:30".to_string(),
        FieldType::IdNumber => {
            "18 位居民身份证号码（校验位须正确），仅用于出具志愿服务证明，其他地方只显示部分".to_string()
        }
    };
    match (kind, field.key) {
        (Kind::Project | Kind::Volunteer, key::VILLAGE_CODE) => s.push_str("；须为已有村社"),
        (Kind::Donation | Kind::Disbursement | Kind::Disclosure, key::PROJECT_CODE)
        | (Kind::CarryOver, key::FROM_PROJECT) => s.push_str("；须为已有项目"),
        (Kind::CarryOver, key::TO_PROJECT) => s.push_str("；须为已有项目，且不同于转出项目"),
        (Kind::CarryOver, key::AMOUNT) => s.push_str("；须大于 0，且不超过转出项目在结转日期的余额"),
        (Kind::Disclosure, key::PERIOD_TO) => s.push_str("；不早于期间起"),
        (Kind::Shift, key::PROJECT_CODE) => s.push_str("；填写时须为已有项目"),
        (Kind::Shift, key::VOLUNTEER_CODE) => s.push_str("；须为已有志愿者"),
        (Kind::Donation, key::DONOR_CODE) => s.push_str("；募捐平台的捐赠人编号，同一编号为同一捐赠人"),
        (Kind::Donation, key::DONATION_REF)
        | (Kind::Disbursement, key::DISBURSEMENT_REF)
        | (Kind::Shift, key::SHIFT_REF)
        | (Kind::CarryOver, key::TRANSFER_REF)
        | (Kind::Disclosure, key::DISCLOSURE_REF) => s.push_str("；不可重复"),
        (Kind::Donation, key::AMOUNT) | (Kind::Disbursement, key::AMOUNT) => s.push_str("；须大于 0"),
        (Kind::Donation, key::DONOR_NAME) => s.push_str("；留空或填“匿名”为匿名捐赠"),
        (Kind::Donation, key::RECEIPT_NO) => s.push_str("；票据代码＋票据号码不可重复"),
        (Kind::Donation, key::DONATED_ON) => s.push_str("；含时间的只保留日期"),
        (Kind::Project, key::END_DATE) => s.push_str("；不早于开始日期"),
        _ => {}
    }
    if kind == Kind::Disbursement && field.key == key::AMOUNT {
        s.push_str("；项目累计拨付不得超过累计捐赠");
    }
    s
}

/// The general notes at the top of the sheet.
const NOTES: &[&str] = &[
    "幸福家园项目模板 填写说明",
    "每类记录一张工作表：村社、项目、捐赠、拨付、志愿者、志愿排班。工作表可缺省，顺序不限。",
    "第 1 行为表头，列的顺序不限；红色表头为必填列。也可用英文键名作表头。",
    "编码（编号）是记录的唯一标识：同一编号再次导入时，内容相同则跳过，不同则视为冲突。",
    "金额以元为单位，最多两位小数，不得为负；日期年份须在 1990 至 2100 之间。",
    "CSV 文件：每张表一个文件，UTF-8 或 GB18030/GBK 编码均可，逗号分隔。",
    "只有“已完成”的排班计入志愿服务时长。",
];

/// Writes the instructions sheet: notes, then every sheet's columns and their rules.
pub fn write_sheet(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let plain = Format::new();
    let mut row = 0u32;
    for (i, note) in NOTES.iter().enumerate() {
        ws.write_string_with_format(row, 0, *note, if i == 0 { &title } else { &plain })?;
        row += 1;
    }
    for kind in Kind::ALL {
        row += 1;
        ws.write_string_with_format(row, 0, kind.sheet(), &bold)?;
        ws.write_string_with_format(row, 1, "英文键名", &bold)?;
        ws.write_string_with_format(row, 2, "必填", &bold)?;
        ws.write_string_with_format(row, 3, "填写规则", &bold)?;
        row += 1;
        for f in kind.fields() {
            ws.write_string(row, 0, f.header)?;
            ws.write_string(row, 1, f.key)?;
            ws.write_string(row, 2, if f.required { "是" } else { "" })?;
            ws.write_string(row, 3, rule_text(kind, f))?;
            row += 1;
        }
    }
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 18)?;
    ws.set_column_width(2, 6)?;
    ws.set_column_width(3, 90)?;
    Ok(())
}
