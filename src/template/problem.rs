//! Problems found in files: where (file, sheet, row, column), the value, and why, in the
//! operator's language.

use unicode_width::UnicodeWidthChar;

use crate::domain::messages as m;
use crate::domain::{Kind, Lang, Rule};

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
    /// Warning: a CSV file of the import that holds a header and no rows, while others
    /// hold rows (perhaps the wrong file was sent).
    EmptyFile,
    /// The file changed on disk while it was being imported (read twice, once to check
    /// it and once to write its rows); nothing is written.
    ChangedWhileImporting,
}

impl Issue {
    /// Warnings never block an import.
    pub fn is_warning(&self) -> bool {
        matches!(self, Issue::UnknownColumn | Issue::NoTemplateSheets | Issue::HiddenSheet | Issue::EmptyFile)
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Issue::Rule(r) => r.message(lang),
            Issue::Unreadable(why) => m::unreadable(lang, why),
            Issue::Encoding => m::unknown_encoding(lang).into(),
            Issue::UnknownSheet => {
                let sheets: Vec<&str> = Kind::ALL.iter().map(|k| k.name(lang)).collect();
                m::unknown_sheet(lang, m::list(lang, &sheets))
            }
            Issue::MissingColumn => m::missing_column(lang).into(),
            Issue::DuplicateColumn => m::duplicate_column(lang).into(),
            Issue::RepeatedCode { first } => m::repeated_code(lang, first),
            Issue::Conflict { fields } => m::conflict(lang, m::list(lang, &clipped(fields))),
            Issue::RefersToRejected => m::refers_to_rejected(lang).into(),
            Issue::UnknownColumn => m::unknown_column(lang).into(),
            Issue::NoTemplateSheets => m::no_template_sheets(lang).into(),
            Issue::TooManyRows => m::too_many_rows(lang).into(),
            Issue::ExtraCells { cells, header } => m::extra_cells(lang, cells, header),
            Issue::CellWithoutHeader => m::cell_without_header(lang).into(),
            Issue::BeyondSheetLimits => m::beyond_sheet_limits(lang).into(),
            Issue::TooWide { columns, max } => m::too_wide(lang, columns, max),
            Issue::FormulaWithoutValue => m::formula_without_value(lang).into(),
            Issue::HiddenSheet => m::hidden_sheet(lang).into(),
            Issue::EmptyFile => m::empty_file(lang).into(),
            Issue::ChangedWhileImporting => m::changed_while_importing(lang).into(),
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
        let mut s = clip_start(&self.file, FILE_WIDTH);
        if let Some(sheet) = &self.sheet {
            s.push_str(&m::at_sheet(lang, clip(sheet, CLIP_WIDTH)));
        }
        if let Some(row) = self.row {
            s.push_str(&m::at_row(lang, row));
        }
        if let Some(col) = &self.column {
            s.push_str(&m::at_column(lang, clip(col, CLIP_WIDTH)));
        }
        if !self.value.is_empty() {
            s.push_str(&m::at_value(lang, clip(&self.value, CLIP_WIDTH)));
        }
        s.push_str(m::colon(lang));
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
