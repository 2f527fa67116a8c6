//! The two sheets of format version 2 that are not records: `来源` (where an export comes
//! from: the office, when, which period, which format version) and `期初余额` (each
//! project's balance at the start of a period export), read and written.
//!
//! `来源` is key/value rows: 单位编码, 单位名称, 导出时间, 期间起, 期间止, 格式版本 (or the
//! English keys), one a row, the value in the next cell; a header row above them (such as
//! `项目,内容`) is allowed. `期初余额` is a sheet with a header: 项目编号, 期初余额（元）.

use chrono::{NaiveDate, NaiveDateTime};

use super::cells::Cell;
use super::problem::{Issue, Problem};
use crate::domain::division::DivisionCode;
use crate::domain::messages as m;
use crate::domain::{Lang, Money, Rule};

/// The sheet (and, with `.csv`, the file) naming an export's source.
pub const SOURCE_SHEET: &str = "来源";
/// The sheet of the opening balances of a period export.
pub const OPENING_SHEET: &str = "期初余额";
/// The format version this program reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// The keys of the 来源 sheet: (Chinese, English).
pub const KEYS: [(&str, &str); 6] = [
    ("单位编码", "office_code"),
    ("单位名称", "office_name"),
    ("导出时间", "exported_at"),
    ("期间起", "period_from"),
    ("期间止", "period_to"),
    ("格式版本", "format_version"),
];

/// The headers of the 期初余额 sheet: (Chinese, English).
pub const OPENING_HEADERS: [(&str, &str); 2] = [("项目编号", "project_code"), ("期初余额（元）", "opening_balance")];

/// What a 来源 sheet says, with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub file: String,
    pub sheet: Option<String>,
    /// Which of the paths the operator named it came in (for an import of several exports).
    pub origin: usize,
    pub office_code: Option<DivisionCode>,
    pub office_name: Option<String>,
    pub exported_at: Option<NaiveDateTime>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub format_version: Option<u32>,
}

impl Source {
    /// True for a period export (`--from`/`--to`).
    pub fn is_period(&self) -> bool {
        self.period_from.is_some() || self.period_to.is_some()
    }

    /// The problem of the whole 来源 sheet.
    pub fn problem(&self, issue: Issue) -> Problem {
        Problem { sheet: self.sheet.clone(), ..Problem::file(&self.file, issue) }
    }
}

/// One row of a 期初余额 sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub project_code: String,
    pub amount: Money,
    /// The row number the spreadsheet shows.
    pub row: u32,
}

/// A 期初余额 sheet as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Openings {
    pub file: String,
    pub sheet: Option<String>,
    pub origin: usize,
    /// The header of each column as the file wrote it: (project code, amount).
    pub headers: (String, String),
    pub rows: Vec<Opening>,
}

impl Openings {
    /// A problem at one row, in the amount column (`amount`) or the project column.
    pub fn problem(&self, row: &Opening, amount: bool, issue: Issue) -> Problem {
        let (column, value) = if amount {
            (self.headers.1.clone(), row.amount.display())
        } else {
            (self.headers.0.clone(), row.project_code.clone())
        };
        Problem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: Some(row.row),
            column: Some(column),
            value,
            issue,
        }
    }
}

/// Which of the two sheets a file or worksheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideKind {
    Source,
    Opening,
}

/// A sheet of one of the two kinds, its cells as text by row (row numbers as the
/// spreadsheet shows them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideSheet {
    pub file: String,
    pub sheet: Option<String>,
    pub kind: SideKind,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// Why an export's source is not acceptable, or an opening balance cannot be taken: the
/// refusals of a roll-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceIssue {
    /// A value of the 来源 sheet that cannot be read (`key` is its key as written).
    BadValue { key: String },
    /// A key the 来源 sheet does not have (a warning).
    UnknownKey { key: String },
    /// Written by a newer format version than this program reads.
    NewerFormat { found: u32 },
    /// A file with no 来源 (format version 1, or typed by hand) into a city or province
    /// database: it does not say which county it comes from.
    NoSourceForRollup { office: String },
    /// A 来源 without an office code, into a city or province database.
    NoOfficeForRollup { office: String },
    /// A county that does not report to this city or province.
    NotUnder { county: String, code: DivisionCode, office: String },
    /// An export of a city or province (not a county) into a roll-up.
    NotACounty { name: String, code: DivisionCode },
    /// Another county's (or office's) export into a county database.
    OtherOffice { name: String, code: DivisionCode, office: String },
    /// Two 来源 sheets in what one path brought (a folder, a workbook).
    TwoSources { other: String },
    /// Exports of several offices into a database that has no office yet.
    UnnamedRollup,
    /// Two exports of the same county in one import.
    SameCountyTwice { name: String, code: DivisionCode, other: String },
    /// Several exports in one import, and files that belong to none of them.
    FilesWithoutSource,
    /// An export older than the one the database holds for that county.
    OlderThanHeld { name: String, held: NaiveDateTime, found: NaiveDateTime },
    /// An export of another period (from, to) than the exports the database holds.
    OtherPeriod { held: (Option<NaiveDate>, Option<NaiveDate>), found: (Option<NaiveDate>, Option<NaiveDate>) },
    /// An opening balance that differs from the balance the database computes on that day.
    OpeningDiffers { project: String, on: NaiveDate, held_fen: i64 },
    /// Records dated before a project's opening balance.
    BeforeOpening { project: String, on: NaiveDate },
    /// A record the new export no longer holds, which records it still holds refer to.
    StillReferred { kind: String, code: String, by: String },
    /// The same project twice in a 期初余额 sheet.
    OpeningTwice,
    /// An opening balance without a period (a 期初余额 sheet in a full export).
    OpeningWithoutPeriod,
    /// A village of another county in a county's export.
    VillageOfAnother { county: DivisionCode },
}

impl SourceIssue {
    pub fn is_warning(&self) -> bool {
        matches!(self, SourceIssue::UnknownKey { .. })
    }

    pub fn message(&self, lang: Lang) -> String {
        use super::problem::{CLIP_WIDTH, clip};
        let c = |s: &str| clip(s, CLIP_WIDTH);
        // An office without a name is this database's, which has none yet.
        let office = |s: &str| if s.is_empty() { m::this_database(lang).to_string() } else { clip(s, CLIP_WIDTH) };
        let keys = || {
            let names: Vec<&str> = KEYS.iter().map(|(zh, en)| if lang == Lang::Zh { *zh } else { *en }).collect();
            m::list(lang, &names)
        };
        match self {
            SourceIssue::BadValue { key } => m::source_bad_value(lang, c(key)),
            SourceIssue::UnknownKey { key } => m::source_unknown_key(lang, c(key), keys()),
            SourceIssue::NewerFormat { found } => m::source_newer_format(lang, found, FORMAT_VERSION),
            SourceIssue::NoSourceForRollup { office: o } => m::source_none_for_rollup(lang, office(o)),
            SourceIssue::NoOfficeForRollup { office: o } => m::source_no_office_for_rollup(lang, office(o)),
            SourceIssue::NotUnder { county, code, office: o } => m::source_not_under(lang, c(county), code, office(o)),
            SourceIssue::NotACounty { name, code } => m::source_not_a_county(lang, c(name), code),
            SourceIssue::OtherOffice { name, code, office: o } => {
                m::source_other_office(lang, c(name), code, office(o))
            }
            SourceIssue::SameCountyTwice { name, code, other } => {
                m::source_same_county_twice(lang, c(name), code, super::problem::clip_start(other, 80))
            }
            SourceIssue::FilesWithoutSource => m::source_files_without_source(lang).into(),
            SourceIssue::TwoSources { other } => m::source_two_sources(lang, super::problem::clip_start(other, 80)),
            SourceIssue::UnnamedRollup => m::source_unnamed_rollup(lang).into(),
            SourceIssue::OlderThanHeld { name, held, found } => m::source_older_than_held(
                lang,
                c(name),
                found.format("%Y-%m-%d %H:%M:%S"),
                held.format("%Y-%m-%d %H:%M:%S"),
            ),
            SourceIssue::OtherPeriod { held, found } => {
                m::source_other_period(lang, period_words(held.0, held.1, lang), period_words(found.0, found.1, lang))
            }
            SourceIssue::OpeningDiffers { project, on, held_fen } => {
                m::opening_differs(lang, c(project), on, Money::from_fen(*held_fen).display())
            }
            SourceIssue::BeforeOpening { project, on } => m::before_opening(lang, c(project), on),
            SourceIssue::StillReferred { kind, code, by } => m::still_referred(lang, kind, c(code), by),
            SourceIssue::OpeningTwice => m::opening_twice(lang).into(),
            SourceIssue::OpeningWithoutPeriod => m::opening_without_period(lang).into(),
            SourceIssue::VillageOfAnother { county } => {
                m::village_of_another(lang, county.name().unwrap_or_default(), county)
            }
        }
    }
}

/// A period in words: `全部数据` for a full export, else `2026-07-01 至 2026-09-30`.
pub fn period_words(from: Option<NaiveDate>, to: Option<NaiveDate>, lang: Lang) -> String {
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "…".to_string(), |d| d.format("%Y-%m-%d").to_string());
    if from.is_none() && to.is_none() {
        m::period_full(lang).to_string()
    } else {
        m::period_between(lang, day(from), day(to))
    }
}

/// Header cells and keys compare after trimming, width folding and a trailing `*`.
fn norm(s: &str) -> String {
    crate::domain::normalize::fold_width(s.trim()).trim().trim_end_matches('*').trim().to_lowercase()
}

fn is_key(cell: &str) -> Option<usize> {
    let n = norm(cell);
    KEYS.iter().position(|(zh, en)| norm(zh) == n || *en == n)
}

/// Which side sheet a CSV file is, from its first rows: a 来源 when its first column names
/// a 来源 key in the first row (or the second, under a header); a 期初余额 when its header
/// row names both of that sheet's columns.
pub fn detect_csv(rows: &[Vec<String>]) -> Option<SideKind> {
    if rows.iter().take(2).any(|r| r.first().is_some_and(|c| is_key(c).is_some()) && r.len() <= 3) {
        return Some(SideKind::Source);
    }
    let header = rows.first()?;
    let has = |(zh, en): (&str, &str)| header.iter().any(|h| norm(h) == norm(zh) || norm(h) == en);
    (has(OPENING_HEADERS[0]) && has(OPENING_HEADERS[1])).then_some(SideKind::Opening)
}

/// Which side sheet a worksheet is, by its name.
pub fn detect_sheet(name: &str) -> Option<SideKind> {
    match name.trim() {
        SOURCE_SHEET => Some(SideKind::Source),
        OPENING_SHEET => Some(SideKind::Opening),
        _ => None,
    }
}

/// Reads a 来源 sheet. Problems: values that cannot be read (errors), unknown keys
/// (warnings).
pub fn read_source(side: &SideSheet, origin: usize, problems: &mut Vec<Problem>) -> Source {
    let mut out = Source { file: side.file.clone(), sheet: side.sheet.clone(), origin, ..Source::default() };
    let mut bad = |row: u32, key: &str, value: &str, issue: SourceIssue| {
        problems.push(Problem {
            file: side.file.clone(),
            sheet: side.sheet.clone(),
            row: Some(row),
            column: Some(key.to_string()),
            value: value.to_string(),
            issue: Issue::Source(issue),
        })
    };
    for (i, (row, cells)) in side.rows.iter().enumerate() {
        let key = cells.first().map(String::as_str).unwrap_or("");
        let value = cells.get(1).map(|v| v.trim()).unwrap_or("");
        let Some(k) = is_key(key) else {
            // A header row above the keys, or an empty key, is passed over.
            if !(i == 0 || key.trim().is_empty()) {
                bad(*row, key, value, SourceIssue::UnknownKey { key: key.to_string() });
            }
            continue;
        };
        let refuse = |bad: &mut dyn FnMut(u32, &str, &str, SourceIssue)| {
            bad(*row, key, value, SourceIssue::BadValue { key: key.to_string() })
        };
        let parsed = match KEYS[k].1 {
            "office_code" if value.is_empty() => true,
            "office_code" => DivisionCode::parse(value).map(|c| out.office_code = Some(c)).is_some(),
            "office_name" => match crate::domain::text::single_line(value, 50) {
                Ok(v) => {
                    out.office_name = (!v.is_empty()).then_some(v);
                    true
                }
                Err(_) => false,
            },
            "exported_at" if value.is_empty() => true,
            "exported_at" => parse_time(value).map(|t| out.exported_at = Some(t)).is_some(),
            "period_from" if value.is_empty() => true,
            "period_from" => parse_day(value).map(|d| out.period_from = Some(d)).is_some(),
            "period_to" if value.is_empty() => true,
            "period_to" => parse_day(value).map(|d| out.period_to = Some(d)).is_some(),
            _ => value.parse::<u32>().map(|v| out.format_version = Some(v)).is_ok(),
        };
        if !parsed {
            refuse(&mut bad);
        }
    }
    out
}

/// A date as the template writes it, or the date of a date-time.
fn parse_day(s: &str) -> Option<NaiveDate> {
    crate::domain::date::parse_date(s).ok().or_else(|| parse_time(s).map(|t| t.date()))
}

/// `2026-11-29 10:30:00` (or with `T`, or without seconds).
pub fn parse_time(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Reads a 期初余额 sheet: every row with a project code and an amount (≥ 0, exact);
/// problems at the cells that cannot be read, and at a project given twice.
pub fn read_openings(side: &SideSheet, origin: usize, problems: &mut Vec<Problem>) -> Openings {
    let mut out = Openings { file: side.file.clone(), sheet: side.sheet.clone(), origin, ..Openings::default() };
    let Some((_, header)) = side.rows.first() else { return out };
    let find = |(zh, en): (&str, &str)| header.iter().position(|h| norm(h) == norm(zh) || norm(h) == en);
    let (Some(pc), Some(ac)) = (find(OPENING_HEADERS[0]), find(OPENING_HEADERS[1])) else {
        problems.push(Problem {
            sheet: side.sheet.clone(),
            row: Some(1),
            ..Problem::file(&side.file, Issue::MissingColumn)
        });
        return out;
    };
    out.headers = (header[pc].clone(), header[ac].clone());
    let mut seen = std::collections::HashSet::new();
    for (row, cells) in side.rows.iter().skip(1) {
        let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = |column: &str, value: &str, issue: Issue| Problem {
            file: side.file.clone(),
            sheet: side.sheet.clone(),
            row: Some(*row),
            column: Some(column.to_string()),
            value: value.to_string(),
            issue,
        };
        let code = crate::domain::text::code(cell(pc), 40, false);
        let amount = Money::parse(cell(ac));
        match (code, amount) {
            (Ok(code), Ok(amount)) => {
                if !seen.insert(code.clone()) {
                    problems.push(at(&header[pc], cell(pc), Issue::Source(SourceIssue::OpeningTwice)));
                    continue;
                }
                out.rows.push(Opening { project_code: code, amount, row: *row });
            }
            (code, amount) => {
                if let Err(rule) = code {
                    problems.push(at(&header[pc], cell(pc), Issue::Rule(rule)));
                }
                if let Err(e) = amount {
                    problems.push(at(&header[ac], cell(ac), Issue::Rule(Rule::Money(e))));
                }
            }
        }
    }
    out
}

/// The rows of a 来源 sheet as written by an export: key and value cells.
pub fn source_rows(
    office: Option<(DivisionCode, &str)>,
    exported_at: NaiveDateTime,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<Vec<Cell>> {
    let text = |s: String| Cell::Text(s);
    let day = |d: Option<NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    vec![
        vec![text(KEYS[0].0.into()), office.map_or(Cell::Empty, |(c, _)| text(c.to_string()))],
        vec![text(KEYS[1].0.into()), office.map_or(Cell::Empty, |(_, n)| text(n.to_string()))],
        vec![text(KEYS[2].0.into()), text(exported_at.format("%Y-%m-%d %H:%M:%S").to_string())],
        vec![text(KEYS[3].0.into()), day(from)],
        vec![text(KEYS[4].0.into()), day(to)],
        vec![text(KEYS[5].0.into()), text(FORMAT_VERSION.to_string())],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(kind: SideKind, rows: &[&[&str]]) -> SideSheet {
        SideSheet {
            file: "x.csv".into(),
            sheet: None,
            kind,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u32 + 1, r.iter().map(|c| c.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn a_source_is_read_with_or_without_a_header_and_in_either_language() {
        let rows: Vec<Vec<String>> = vec![vec!["单位编码".into(), "320904".into()]];
        assert_eq!(detect_csv(&rows), Some(SideKind::Source));
        let rows: Vec<Vec<String>> =
            vec![vec!["项目".into(), "内容".into()], vec!["office_code".into(), "320904".into()]];
        assert_eq!(detect_csv(&rows), Some(SideKind::Source));
        let rows: Vec<Vec<String>> = vec![vec!["项目编号".into(), "期初余额（元）".into()]];
        assert_eq!(detect_csv(&rows), Some(SideKind::Opening));
        let rows: Vec<Vec<String>> = vec![vec!["项目编号".into(), "村社编码".into()]];
        assert_eq!(detect_csv(&rows), None);

        let mut problems = Vec::new();
        let s = read_source(
            &side(
                SideKind::Source,
                &[
                    &["项目", "内容"],
                    &["单位编码", "320904"],
                    &["office_name", "大丰区"],
                    &["导出时间", "2026-11-29 10:30:00"],
                    &["期间起", "2026-07-01"],
                    &["期间止", "2026/9/30"],
                    &["格式版本", "2"],
                    &["备注", "x"],
                ],
            ),
            3,
            &mut problems,
        );
        assert_eq!(s.office_code, DivisionCode::parse("320904"));
        assert_eq!(s.office_name.as_deref(), Some("大丰区"));
        assert_eq!(s.exported_at, parse_time("2026-11-29 10:30"));
        assert_eq!(s.period_from, NaiveDate::from_ymd_opt(2026, 7, 1));
        assert_eq!(s.period_to, NaiveDate::from_ymd_opt(2026, 9, 30));
        assert_eq!((s.format_version, s.origin), (Some(2), 3));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_warning(), "{problems:?}");
    }

    #[test]
    fn bad_values_are_errors_at_their_row() {
        let mut problems = Vec::new();
        let s = read_source(
            &side(SideKind::Source, &[&["单位编码", "32090X"], &["导出时间", "昨天"], &["格式版本", "二"]]),
            0,
            &mut problems,
        );
        assert_eq!(s.office_code, None);
        assert_eq!(problems.iter().filter(|p| !p.is_warning()).count(), 3);
        assert_eq!(problems[1].row, Some(2));
        let mut problems = Vec::new();
        let o = read_openings(
            &side(
                SideKind::Opening,
                &[&["项目编号", "期初余额（元）"], &["P1", "1,234.50"], &["P2", "-1"], &["P1", "3"], &["", ""]],
            ),
            0,
            &mut problems,
        );
        assert_eq!(o.rows, vec![Opening { project_code: "P1".into(), amount: Money::from_fen(123_450), row: 2 }]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!((problems[0].row, problems[1].row), (Some(3), Some(4)));
    }
}
