//! Problems found in files: where (file, sheet, row, column), the value, and why, in the
//! operator's language.

use unicode_width::UnicodeWidthChar;

use crate::domain::{Lang, Rule};

/// The widest a quoted value, column header or sheet name may print in a message, in
/// terminal columns.
pub const CLIP_WIDTH: usize = 40;
/// The widest a file's path may print (its end, where the file name is, is kept).
pub const FILE_WIDTH: usize = 120;

/// Why a file, row or cell was not accepted (or, for warnings, what was noticed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// A rule of the template.
    Rule(Rule),
    /// The file could not be read (missing, damaged, not a spreadsheet).
    Unreadable(String),
    /// A CSV file in no encoding we can read.
    Encoding,
    /// A CSV whose header row is not that of any sheet of the template.
    UnknownSheet,
    /// A required column is missing from the header row.
    MissingColumn,
    /// The same column appears twice.
    DuplicateColumn,
    /// The same code appears twice in this import.
    RepeatedCode { first: String },
    /// A record with this code exists with other content (`--update` to replace it).
    Conflict { fields: Vec<String> },
    /// A row that refers to a row of this import that has errors.
    RefersToRejected,
    /// Warning: a column that is not part of the template.
    UnknownColumn,
    /// Warning: a workbook with none of the template's sheets.
    NoTemplateSheets,
    /// Warning: more rows than one XLSX sheet can hold.
    TooManyRows,
    /// A row with non-empty cells beyond the header's last column (CSV): most often an
    /// unquoted comma in a text. `cells` counts up to the last non-empty cell.
    ExtraCells { cells: usize, header: usize },
    /// A non-empty cell in a column without a header.
    CellWithoutHeader,
    /// A cell beyond the last row or column an XLSX sheet can have.
    BeyondSheetLimits,
    /// A header row reaching further right than any template file does.
    TooWide { columns: usize, max: usize },
    /// A formula cell saved without its computed value.
    FormulaWithoutValue,
    /// Warning: a template sheet that is hidden in the workbook; its rows are imported.
    HiddenSheet,
}

impl Issue {
    /// Warnings never block an import.
    pub fn is_warning(&self) -> bool {
        matches!(self, Issue::UnknownColumn | Issue::NoTemplateSheets | Issue::HiddenSheet)
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Issue::Rule(r) => r.message(lang),
            Issue::Unreadable(why) if zh => format!("无法读取文件：{why}"),
            Issue::Unreadable(why) => format!("cannot read the file: {why}"),
            Issue::Encoding => lang
                .pick(
                    "无法识别文件编码（应为 UTF-8 或 GB18030/GBK）",
                    "the file's encoding is not recognised (UTF-8 or GB18030/GBK expected)",
                )
                .into(),
            Issue::UnknownSheet => lang
                .pick(
                    "表头不属于模板中的任何一张表（村社、项目、捐赠、拨付、志愿者、志愿排班）",
                    "the header row is not that of any template sheet (villages, projects, donations, disbursements, volunteers, shifts)",
                )
                .into(),
            Issue::MissingColumn => lang.pick("缺少必填列", "a required column is missing").into(),
            Issue::DuplicateColumn => lang.pick("该列重复出现", "this column appears twice").into(),
            Issue::RepeatedCode { first } if zh => format!("编号与本次导入的 {first} 重复"),
            Issue::RepeatedCode { first } => format!("the same code already appears at {first} in this import"),
            Issue::Conflict { fields } if zh => format!(
                "数据库中已有该编号的记录，内容不同（{}）；如需更新请使用 --update",
                clipped(fields).join("、")
            ),
            Issue::Conflict { fields } => format!(
                "a record with this code exists with different content ({}); use --update to replace it",
                clipped(fields).join(", ")
            ),
            Issue::RefersToRejected => lang
                .pick("引用的记录在本次导入中有错误", "refers to a record of this import that has errors")
                .into(),
            Issue::UnknownColumn => lang.pick("模板中没有此列，已忽略", "not a template column; ignored").into(),
            Issue::NoTemplateSheets => lang
                .pick("工作簿中没有模板中的工作表", "the workbook has none of the template's sheets")
                .into(),
            Issue::TooManyRows => lang
                .pick(
                    "行数超过 XLSX 单表上限 1,048,576 行，请改用 CSV 导出",
                    "more rows than an XLSX sheet holds (1,048,576): export CSV instead",
                )
                .into(),
            Issue::ExtraCells { cells, header } if zh => format!(
                "此行有 {cells} 个单元格，而表头只有 {header} 列；多出的内容不会被导入（可能是文字中含有未加引号的逗号）"
            ),
            Issue::ExtraCells { cells, header } => format!(
                "this row has {cells} cells where the header has {header}; the extra cells would be lost (likely an unquoted comma in a text)"
            ),
            Issue::CellWithoutHeader => lang
                .pick(
                    "此单元格有内容，但所在列没有表头，内容不会被导入",
                    "this cell has a value but its column has no header; the value would be lost",
                )
                .into(),
            Issue::BeyondSheetLimits => lang
                .pick(
                    "单元格超出 XLSX 工作表的范围（最多 1,048,576 行、16,384 列），文件已损坏",
                    "a cell beyond what an XLSX sheet can hold (1,048,576 rows, 16,384 columns): the file is damaged",
                )
                .into(),
            Issue::TooWide { columns, max } if zh => {
                format!("表头延伸到第 {columns} 列，超过上限 {max} 列，不像模板文件")
            }
            Issue::TooWide { columns, max } => {
                format!("the header row reaches column {columns}, beyond the limit of {max}; not a template file")
            }
            Issue::FormulaWithoutValue => lang
                .pick(
                    "公式没有计算结果，请在表格软件中重新计算并保存",
                    "the formula has no computed value: recalculate and save the file in the spreadsheet program",
                )
                .into(),
            Issue::HiddenSheet => lang
                .pick(
                    "这是一张隐藏的工作表，其中的行仍会导入；如不应导入，请删除该表",
                    "this sheet is hidden; its rows are imported too (delete the sheet if they should not be)",
                )
                .into(),
        }
    }
}

/// One problem, located as the operator sees it in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub sheet: Option<String>,
    /// The row number the spreadsheet shows (header = 1); `None` for the whole file.
    pub row: Option<u32>,
    /// The column header as written in the file.
    pub column: Option<String>,
    pub value: String,
    pub issue: Issue,
}

impl Problem {
    /// A problem with a whole file.
    pub fn file(file: &str, issue: Issue) -> Problem {
        Problem { file: file.to_string(), sheet: None, row: None, column: None, value: String::new(), issue }
    }

    /// `捐赠.csv 第 5 行「捐赠金额（元）」值「-5」：金额不能为负数`
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = clip_start(&self.file, FILE_WIDTH);
        if let Some(sheet) = &self.sheet {
            let sheet = clip(sheet, CLIP_WIDTH);
            s.push_str(&if zh { format!("「{sheet}」表") } else { format!(" sheet {sheet}") });
        }
        if let Some(row) = self.row {
            s.push_str(&if zh { format!(" 第 {row} 行") } else { format!(" row {row}") });
        }
        if let Some(col) = &self.column {
            let col = clip(col, CLIP_WIDTH);
            s.push_str(&if zh { format!(" 「{col}」列") } else { format!(" column {col}") });
        }
        if !self.value.is_empty() {
            let value = clip(&self.value, CLIP_WIDTH);
            s.push_str(&if zh { format!(" 值「{value}」") } else { format!(" value \"{value}\"") });
        }
        s.push_str(lang.pick("：", ": "));
        s.push_str(&self.issue.message(lang));
        s
    }

    pub fn is_warning(&self) -> bool {
        self.issue.is_warning()
    }
}

/// A value as quoted in a message: at most `width` terminal columns, cut at a character
/// boundary with a `…` marker; line breaks and tabs shown as spaces so one problem stays
/// on one line.
pub fn clip(value: &str, width: usize) -> String {
    let shown = |c: char| if c.is_control() { ' ' } else { c };
    let cols = |c: char| shown(c).width().unwrap_or(0);
    let mut used = 0;
    let fits = value.chars().all(|c| {
        used += cols(c);
        used <= width
    });
    if fits {
        return value.chars().map(shown).collect();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in value.chars() {
        if used + cols(c) > width.saturating_sub(1) {
            break;
        }
        used += cols(c);
        out.push(shown(c));
    }
    out.push('…');
    out
}

/// Like [`clip`] but keeps the end: `…/村社/捐赠.csv`.
pub fn clip_start(value: &str, width: usize) -> String {
    let reversed: String = value.chars().rev().collect();
    let clipped = clip(&reversed, width);
    match clipped.strip_suffix('…') {
        Some(kept) => std::iter::once('…').chain(kept.chars().rev()).collect(),
        None => clipped.chars().rev().collect(),
    }
}

fn clipped(fields: &[String]) -> Vec<String> {
    fields.iter().map(|f| clip(f, CLIP_WIDTH)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_clipped_by_display_width() {
        assert_eq!(clip("abc", 40), "abc");
        assert_eq!(clip("多行\n备注", 40), "多行 备注");
        let long = "很长".repeat(100_000);
        let c = clip(&long, 40);
        assert!(c.ends_with('…'));
        assert!(unicode_width::UnicodeWidthStr::width(c.as_str()) <= 40);
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abcd", 4), "abcd");
        assert_eq!(clip("众心村助学", 6), "众心…");
        assert_eq!(clip_start("/a/b/捐赠.csv", 10), "…/捐赠.csv");
        assert_eq!(clip_start("捐赠.csv", 9), "捐赠.csv");
        let p = Problem { value: long, ..Problem::file("捐赠.csv", Issue::Rule(Rule::Required)) };
        assert!(p.message(Lang::Zh).len() < 200);
    }
}
