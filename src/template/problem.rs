//! Problems found in files: where (file, sheet, row, column), the value, and why, in the
//! operator's language.

use crate::domain::{Lang, Rule};

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
}

impl Issue {
    /// Warnings never block an import.
    pub fn is_warning(&self) -> bool {
        matches!(self, Issue::UnknownColumn | Issue::NoTemplateSheets)
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
                fields.join("、")
            ),
            Issue::Conflict { fields } => format!(
                "a record with this code exists with different content ({}); use --update to replace it",
                fields.join(", ")
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
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s.push_str(&if zh { format!("「{sheet}」表") } else { format!(" sheet {sheet}") });
        }
        if let Some(row) = self.row {
            s.push_str(&if zh { format!(" 第 {row} 行") } else { format!(" row {row}") });
        }
        if let Some(col) = &self.column {
            s.push_str(&if zh { format!(" 「{col}」列") } else { format!(" column {col}") });
        }
        if !self.value.is_empty() {
            s.push_str(&if zh { format!(" 值「{}」", self.value) } else { format!(" value \"{}\"", self.value) });
        }
        s.push_str(lang.pick("：", ": "));
        s.push_str(&self.issue.message(lang));
        s
    }

    pub fn is_warning(&self) -> bool {
        self.issue.is_warning()
    }
}
