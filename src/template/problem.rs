//! Problems found in files: where (file, sheet, row, column), the value, and why, in the
//! operator's language.

use unicode_width::UnicodeWidthChar;

use crate::domain::messages as m;
use crate::domain::shown::{Lines, shown};
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
    /// The system could not read the file or folder (not found, no permission …).
    FileError { kind: std::io::ErrorKind, code: Option<i32> },
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
    /// Warning: a note or description held `count` invisible format characters (bidi
    /// controls, zero-width characters), removed on import.
    FormatCharsRemoved { count: usize },
    /// Warning: a completed or closed project that still holds money after the import.
    ClosedWithBalance { project: String, balance_fen: i64 },
    /// Warning: a donation dated after its project's end date (a late gift).
    GiftAfterEnd,
    /// Warning: a gift named by a donor's name alone, shared by `others` donors with a
    /// phone or a donor code: it is kept apart from them, never merged.
    AmbiguousDonor { others: i64 },
    /// Warning: receipt numbers in `rows` rows, while the office has registered no receipt
    /// book to check them against.
    ReceiptsWithoutBooks { rows: u64 },
    /// The file changed on disk while it was being imported (read twice, once to check
    /// it and once to write its rows); nothing is written.
    ChangedWhileImporting,
    /// Where an export comes from (its 来源) or its opening balances (期初余额), against
    /// this database (format version 2: offices and periods).
    Source(super::source::SourceIssue),
    /// A state (交易状态, trans_state) that the preset does not know; `known` lists those
    /// it does.
    UnknownState { known: String },
    /// A summary figure (or a cell it adds up) that is not a number.
    CannotAddUp,
    /// A bill whose preset requires a summary, without one (it may be cut short).
    SummaryMissing,
    /// A summary figure that disagrees with the detail rows.
    SummaryMismatch { stated: String, counted: String, difference: String },
    /// An amount in fen with a decimal point.
    FenWithDecimals,
    /// Not an amount of money.
    NotAnAmount,
    /// A time of day where a date (or a date-time) belongs.
    TimeWithoutDate,
    /// A date not in the preset's form.
    DateNotInForm { form: String },
    /// A refund row that names no paid order.
    RefundWithoutGift,
    /// A refund larger than the gift of this import it refunds (at `paid_at`).
    RefundAboveGift { paid_at: String },
    /// Warning: a refund of a gift of this import (at `paid_at`): the gift imports for
    /// what is left (`left_fen`), or not at all when nothing is.
    RefundedInImport { paid_at: String, left_fen: i64 },
    /// Warning: a refund of a gift already in the database (its ref, date, amount and
    /// project): it is
    /// not changed; the operator decides.
    RefundOfStoredGift { reference: String, date: String, amount_fen: i64, project: String },
    /// Warning: a refund of a gift neither in this import nor in the database.
    RefundOfUnknownGift { reference: String },
    /// Platform project ids not yet linked to a project of this database: (id, the
    /// platform's name for it, rows).
    Unlinked { ids: Vec<(String, String, u64)> },
    /// A file read with a preset that names no project column, imported without a project.
    NoProject,
    /// A file named with `--preset` whose header lacks the preset's columns.
    NotThePreset { preset: String, missing: String },
    /// A file that is not the template and that no preset recognises.
    Unmapped,
}

impl Issue {
    /// A file or folder the system could not read.
    pub fn file_error(e: &std::io::Error) -> Issue {
        Issue::FileError { kind: e.kind(), code: e.raw_os_error() }
    }

    /// Warnings never block an import.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Issue::UnknownColumn
                | Issue::NoTemplateSheets
                | Issue::HiddenSheet
                | Issue::EmptyFile
                | Issue::FormatCharsRemoved { .. }
                | Issue::ClosedWithBalance { .. }
                | Issue::GiftAfterEnd
                | Issue::AmbiguousDonor { .. }
                | Issue::ReceiptsWithoutBooks { .. }
                | Issue::RefundedInImport { .. }
                | Issue::RefundOfStoredGift { .. }
                | Issue::RefundOfUnknownGift { .. }
        ) || matches!(self, Issue::Source(s) if s.is_warning())
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Issue::Rule(r) => r.message(lang),
            Issue::Unreadable(why) => m::unreadable(lang, clip(why, FILE_WIDTH)),
            Issue::FileError { kind, code } => {
                let e = code.map_or_else(|| std::io::Error::from(*kind), std::io::Error::from_raw_os_error);
                m::io_reason(&e, lang)
            }
            Issue::Encoding => m::unknown_encoding(lang).into(),
            Issue::UnknownSheet => {
                let sheets: Vec<&str> = Kind::ALL.iter().map(|k| k.name(lang)).collect();
                m::unknown_sheet(lang, m::list(lang, &sheets))
            }
            Issue::MissingColumn => m::missing_column(lang).into(),
            Issue::DuplicateColumn => m::duplicate_column(lang).into(),
            Issue::RepeatedCode { first } => m::repeated_code(lang, clip_start(first, FILE_WIDTH)),
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
            Issue::FormatCharsRemoved { count } => m::format_chars_removed(lang, count),
            Issue::ClosedWithBalance { project, balance_fen } => m::closed_with_balance(
                lang,
                clip(project, CLIP_WIDTH),
                crate::domain::Money::from_fen(*balance_fen).display(),
            ),
            Issue::GiftAfterEnd => m::gift_after_end(lang).into(),
            Issue::AmbiguousDonor { others } => m::ambiguous_donor(lang, others),
            Issue::ReceiptsWithoutBooks { rows } => m::receipts_without_books(lang, rows),
            Issue::ChangedWhileImporting => m::changed_while_importing(lang).into(),
            Issue::UnknownState { known } => m::unknown_state(lang, clip(known, FILE_WIDTH)),
            Issue::CannotAddUp => m::cannot_add_up(lang).into(),
            Issue::SummaryMissing => m::summary_missing(lang).into(),
            Issue::SummaryMismatch { stated, counted, difference } => {
                m::summary_mismatch(lang, stated, counted, difference)
            }
            Issue::FenWithDecimals => m::fen_with_decimals(lang).into(),
            Issue::NotAnAmount => m::not_an_amount(lang).into(),
            Issue::TimeWithoutDate => m::time_without_date(lang).into(),
            Issue::DateNotInForm { form } => m::date_not_in_form(lang, clip(form, CLIP_WIDTH)),
            Issue::RefundWithoutGift => m::refund_without_gift(lang).into(),
            Issue::RefundAboveGift { paid_at } => m::refund_above_gift(lang, clip_start(paid_at, FILE_WIDTH)),
            Issue::RefundedInImport { paid_at, left_fen } if *left_fen == 0 => {
                m::refunded_in_import_whole(lang, clip_start(paid_at, FILE_WIDTH))
            }
            Issue::RefundedInImport { paid_at, left_fen } => m::refunded_in_import_part(
                lang,
                clip_start(paid_at, FILE_WIDTH),
                crate::domain::Money::from_fen(*left_fen).display(),
            ),
            Issue::RefundOfStoredGift { reference, date, amount_fen, project } => {
                let gift = m::stored_gift(
                    lang,
                    clip(reference, CLIP_WIDTH),
                    date,
                    crate::domain::Money::from_fen(*amount_fen).display(),
                    clip(project, CLIP_WIDTH),
                );
                m::refund_of_stored_gift(lang, gift)
            }
            Issue::RefundOfUnknownGift { reference } => m::refund_of_unknown_gift(lang, clip(reference, CLIP_WIDTH)),
            Issue::Unlinked { ids } => {
                let listed: Vec<String> = ids
                    .iter()
                    .take(20)
                    .map(|(id, name, rows)| match name == id {
                        true => m::unlinked_id_alone(lang, clip(id, CLIP_WIDTH), rows),
                        false => m::unlinked_id(lang, clip(id, CLIP_WIDTH), clip(name, CLIP_WIDTH), rows),
                    })
                    .collect();
                let more = ids.len().saturating_sub(20);
                let mut list = m::list(lang, &listed);
                if more > 0 {
                    list.push_str(&m::and_more(lang, more));
                }
                m::unlinked(lang, list)
            }
            Issue::NoProject => m::no_project(lang).into(),
            Issue::NotThePreset { preset, missing } => {
                m::not_the_preset(lang, clip(preset, CLIP_WIDTH), clip(missing, FILE_WIDTH))
            }
            Issue::Unmapped => m::unmapped(lang).into(),
            Issue::Source(s) => s.message(lang),
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

/// A value as quoted in a message: made safe to show ([`shown`]: control and format
/// characters as visible escapes, line breaks as `⏎`, so one problem stays on one line),
/// then cut to at most `width` terminal columns at a character boundary with a `…`
/// marker. Only the first `width` escapes' worth of a huge value is looked at.
pub fn clip(value: &str, width: usize) -> String {
    // Each character shows as at most 10 characters (`\u{10ffff}`); a value longer than
    // that is cut anyway, so only its start is escaped.
    let head: String = value.chars().take(width + 1).collect();
    let safe = shown(&head, Lines::One);
    let cut = head.len() < value.len();
    let cols = |c: char| c.width().unwrap_or(0);
    if !cut && safe.chars().map(cols).sum::<usize>() <= width {
        return safe.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in safe.chars() {
        if used + cols(c) > width.saturating_sub(1) {
            break;
        }
        used += cols(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// Like [`clip`] but keeps the end: `…/村社/捐赠.csv`.
pub fn clip_start(value: &str, width: usize) -> String {
    let count = value.chars().count();
    let tail: String = value.chars().skip(count.saturating_sub(width + 1)).collect();
    let safe = shown(&tail, Lines::One);
    let cols = |c: char| c.width().unwrap_or(0);
    if count <= width + 1 && safe.chars().map(cols).sum::<usize>() <= width {
        return safe.into_owned();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in safe.chars().rev() {
        if used + cols(c) > width.saturating_sub(1) {
            break;
        }
        used += cols(c);
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
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
        assert_eq!(clip("多行\n备注", 40), "多行⏎备注");
        assert_eq!(clip("众心村\u{1b}[31m", 40), "众心村\\u{1b}[31m");
        assert_eq!(clip("\u{1b}]0;pwn\u{7}", 9), "\\u{1b}]0…");
        let long = "很长".repeat(100_000);
        let c = clip(&long, 40);
        assert!(c.ends_with('…'));
        assert!(unicode_width::UnicodeWidthStr::width(c.as_str()) <= 40);
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abcd", 4), "abcd");
        assert_eq!(clip("众心村助学", 6), "众心…");
        assert_eq!(clip_start("/a/b/捐赠.csv", 10), "…/捐赠.csv");
        assert_eq!(clip_start("捐赠.csv", 9), "捐赠.csv");
        assert_eq!(clip_start("/tmp/\u{1b}]0;x\u{7}.csv", 40), "/tmp/\\u{1b}]0;x\\u{7}.csv");
        let p = Problem { value: long, ..Problem::file("捐赠.csv", Issue::Rule(Rule::Required)) };
        assert!(p.message(Lang::Zh).len() < 200);
    }
}
