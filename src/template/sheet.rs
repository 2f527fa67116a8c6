//! A sheet as read from a file: its kind, its columns and its rows of text.

use std::collections::HashMap;

use crate::domain::row::Source;
use crate::domain::{Field, Kind};

use super::problem::{Issue, Problem};

/// The header of the column a rejected file gets back, and which imports ignore.
pub const ERROR_COLUMN: &str = "错误";

/// What a column of a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Field(&'static Field),
    /// The 错误 column of a returned error report: ignored silently.
    ErrorReport,
    /// A header that is not part of the template: kept in reports, warned about.
    Unknown,
}

/// One data row, with the row number the spreadsheet shows (header = 1). The cells share
/// one buffer (a `StringRecord`), which keeps a million-row import small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub number: u32,
    pub cells: csv::StringRecord,
}

impl RawRow {
    /// True when every cell is blank.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A sheet of one kind read from a CSV file or an XLSX worksheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file as the operator named it.
    pub file: String,
    /// The worksheet name (XLSX only).
    pub sheet: Option<String>,
    pub kind: Kind,
    /// The header cells as written in the file.
    pub headers: Vec<String>,
    pub columns: Vec<Column>,
    /// Column index of each field, by English key.
    pub index: HashMap<&'static str, usize>,
    pub rows: Vec<RawRow>,
}

impl Sheet {
    /// Builds a sheet of `kind` from its header cells, reporting unknown columns
    /// (warnings), and repeated or missing required columns (errors).
    pub fn new(
        file: &str,
        sheet: Option<&str>,
        kind: Kind,
        headers: Vec<String>,
        rows: Vec<RawRow>,
        problems: &mut Vec<Problem>,
    ) -> Sheet {
        let mut columns = Vec::with_capacity(headers.len());
        let mut index = HashMap::new();
        let at = |column: &str, issue: Issue| Problem {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            row: Some(1),
            column: Some(column.to_string()),
            value: String::new(),
            issue,
        };
        for (i, h) in headers.iter().enumerate() {
            let col = match kind.match_header(h) {
                Some(f) => {
                    if index.insert(f.key, i).is_some() {
                        problems.push(at(h, Issue::DuplicateColumn));
                    }
                    Column::Field(f)
                }
                None if is_error_column(h) => Column::ErrorReport,
                None if h.trim().is_empty() => Column::Unknown,
                None => {
                    problems.push(at(h, Issue::UnknownColumn));
                    Column::Unknown
                }
            };
            columns.push(col);
        }
        for f in kind.fields().iter().filter(|f| f.required) {
            if !index.contains_key(f.key) {
                problems.push(at(f.header, Issue::MissingColumn));
            }
        }
        for row in &rows {
            if let Some(p) = cells_without_header(file, sheet, &headers, row) {
                problems.push(p);
            }
        }
        Sheet { file: file.to_string(), sheet: sheet.map(str::to_string), kind, headers, columns, index, rows }
    }

    /// The problem of a row read after the sheet was made (a streamed CSV file): a cell
    /// that no header names, as [`Sheet::new`] reports for the rows it is given.
    pub fn row_problem(&self, row: &RawRow) -> Option<Problem> {
        cells_without_header(&self.file, self.sheet.as_deref(), &self.headers, row)
    }

    /// True when every required column is present.
    pub fn has_required_columns(&self) -> bool {
        self.kind.fields().iter().filter(|f| f.required).all(|f| self.index.contains_key(f.key))
    }

    /// The header of a field's column as the file wrote it (else the template's).
    pub fn header_of(&self, key: &str) -> String {
        match self.index.get(key) {
            Some(&i) => self.headers[i].clone(),
            None => self.kind.field(key).map(|f| f.header.to_string()).unwrap_or_else(|| key.to_string()),
        }
    }

    /// A row's values by English key.
    pub fn view<'a>(&'a self, row: &'a RawRow) -> RowView<'a> {
        RowView { sheet: self, row }
    }
}

/// A problem when a row has a non-empty cell that no header names: beyond the header's
/// last column (in a CSV file, most often an unquoted comma), or under an empty header.
/// Such a cell would be lost, so it is an error.
fn cells_without_header(file: &str, sheet: Option<&str>, headers: &[String], row: &RawRow) -> Option<Problem> {
    let named = headers.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |i| i + 1);
    let filled = |c: &str| !c.trim().is_empty();
    let cells: Vec<&str> = row.cells.iter().collect();
    let last = cells.iter().rposition(|c| filled(c))?;
    let problem = |column: Option<String>, value: String, issue: Issue| Problem {
        file: file.to_string(),
        sheet: sheet.map(str::to_string),
        row: Some(row.number),
        column,
        value,
        issue,
    };
    if sheet.is_none() && last >= named {
        let value = cells[named..=last].join(",");
        return Some(problem(None, value, Issue::ExtraCells { cells: last + 1, header: named }));
    }
    let unnamed = |i: usize| headers.get(i).is_none_or(|h| h.trim().is_empty());
    let (i, cell) = cells.iter().enumerate().find(|(i, c)| filled(c) && unnamed(*i))?;
    let column = if sheet.is_some() { column_letters(i) } else { (i + 1).to_string() };
    Some(problem(Some(column), cell.to_string(), Issue::CellWithoutHeader))
}

/// A column's letters as a spreadsheet shows them: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

fn is_error_column(h: &str) -> bool {
    let t = h.trim();
    t == ERROR_COLUMN || t.eq_ignore_ascii_case("error") || t.eq_ignore_ascii_case("errors")
}

/// The values of one row, by English key: what record parsing reads.
pub struct RowView<'a> {
    sheet: &'a Sheet,
    row: &'a RawRow,
}

impl RowView<'_> {
    /// A value trimmed, without invisible characters, empty when absent: a code as stored.
    pub fn value_trimmed(&self, key: &str) -> String {
        let v = crate::domain::normalize::strip_invisible(self.value(key).unwrap_or_default());
        crate::domain::normalize::fold_width(&v).trim().to_string()
    }
}

impl Source for RowView<'_> {
    fn value(&self, key: &str) -> Option<&str> {
        let i = *self.sheet.index.get(key)?;
        self.row.cells.get(i)
    }
}

/// Which kind a CSV header row is: the kind whose code column is present and that
/// matches the most headers.
pub fn detect_kind(headers: &[String]) -> Option<Kind> {
    let mut best: Option<(Kind, usize)> = None;
    for kind in Kind::ALL {
        let matched: Vec<&str> = headers.iter().filter_map(|h| kind.match_header(h)).map(|f| f.key).collect();
        if !matched.contains(&kind.code_field().key) {
            continue;
        }
        let n = matched.len();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((kind, n));
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_each_kind_from_its_headers() {
        assert_eq!(detect_kind(&h(&["村社编码", "村社名称", "乡镇（街道）", "县（市、区）"])), Some(Kind::Village));
        assert_eq!(
            detect_kind(&h(&["项目编号", "村社编码", "项目名称", "项目类别", "目标金额（元）", "开始日期"])),
            Some(Kind::Project)
        );
        assert_eq!(detect_kind(&h(&["捐赠流水号", "项目编号", "捐赠金额（元）", "捐赠日期"])), Some(Kind::Donation));
        assert_eq!(detect_kind(&h(&["disbursement_ref", "project_code", "amount"])), Some(Kind::Disbursement));
        assert_eq!(detect_kind(&h(&["志愿者编号", "姓名", "村社编码"])), Some(Kind::Volunteer));
        assert_eq!(detect_kind(&h(&["排班编号", "志愿者编号", "服务日期"])), Some(Kind::Shift));
        assert_eq!(detect_kind(&h(&["姓名", "金额"])), None);
    }

    #[test]
    fn column_letters_as_a_spreadsheet_shows_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(7), "H");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
    }
}
