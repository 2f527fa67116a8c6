//! A foreign file's rows through a preset: which rows are gifts, refunds or left out,
//! what template values each gift becomes, and whether the detail adds up to the file's
//! own summary. The result becomes a donations sheet ([`to_sheet`]) that the template's
//! checked import reads like any other: every rule, every problem at its row.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::domain::kind::{DONATION_FIELDS, key};
use crate::domain::money::strip_thousands;
use crate::domain::normalize::fold_width;
use crate::domain::{Kind, Money};

use super::foreign::Table;
use super::preset::{DateForm, Layout, Names, Preset, StateIs, Target, Unit, header_form};
use super::problem::{Issue, Problem};
use super::sheet::{Column, RawRow, Sheet};

/// A gift row: the row as the file has it, and the template values it became.
#[derive(Debug, Clone)]
pub struct Gift {
    pub row: RawRow,
    /// Template field key → value, as the template's rules read it.
    pub values: BTreeMap<&'static str, String>,
    /// The amount in fen, when it reads as one (for refunds in the same import).
    pub amount_fen: Option<i64>,
    /// The platform's project id and its name there.
    pub platform: Option<String>,
    pub platform_name: Option<String>,
    /// Not imported: refunded in full by a refund row of the same import, or (the import
    /// is refused then) its project is not known.
    pub left_out: bool,
}

/// A refund row.
#[derive(Debug, Clone)]
pub struct Refund {
    pub number: u32,
    /// The 捐赠流水号 of the gift it refunds.
    pub reference: String,
    pub amount_fen: i64,
    /// The refund amount's column and cell, for messages.
    pub column: String,
    pub value: String,
}

/// A summary figure against the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The figure's name (its column).
    pub label: String,
    /// As the file states it (`None`: the file has no such figure).
    pub stated: Option<Amount>,
    /// As the detail rows add up.
    pub counted: Amount,
}

/// A count of rows or a sum of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    Rows(u64),
    Fen(i64),
}

impl Amount {
    pub fn text(self) -> String {
        match self {
            Amount::Rows(n) => n.to_string(),
            Amount::Fen(f) => Money::from_fen(f).display(),
        }
    }

    /// `self − other`, as shown.
    pub fn difference(self, other: Amount) -> String {
        match (self, other) {
            (Amount::Rows(a), Amount::Rows(b)) => (a as i128 - b as i128).to_string(),
            (Amount::Fen(a), Amount::Fen(b)) => Money::from_fen(a.saturating_sub(b)).display(),
            _ => String::new(),
        }
    }
}

/// One table read through a preset.
#[derive(Debug, Clone)]
pub struct Adapted {
    pub file: String,
    pub sheet: Option<String>,
    pub preset: String,
    pub title: String,
    /// The header row's number.
    pub header_row: u32,
    pub headers: Vec<String>,
    pub gifts: Vec<Gift>,
    pub refunds: Vec<Refund>,
    /// Rows between the header and the summary.
    pub detail_rows: u64,
    /// Rows left out (a `[[skip]]` rule or a skipped state).
    pub skipped: u64,
    /// The summary row, when found.
    pub summary_row: Option<u32>,
    pub figures: Vec<Figure>,
    /// Errors and warnings found (each row with one is not a gift).
    pub problems: Vec<Problem>,
}

/// The columns of a header row for a preset.
struct Bound<'a> {
    preset: &'a Preset,
    headers: Vec<String>,
    cols: HashMap<Target, usize>,
    state: Option<usize>,
    refund_amount: Option<usize>,
    refund_ref: Option<usize>,
}

impl Bound<'_> {
    fn column_of(&self, names: Option<&Names>, field: Option<&str>) -> Option<usize> {
        match (names, field) {
            (Some(n), _) => n.find(&self.headers),
            (None, Some(f)) => Target::from_key(f).and_then(|t| self.cols.get(&t).copied()),
            (None, None) => None,
        }
    }
}

/// A cell with the preset's prefix (the bill's backtick) removed, trimmed.
fn clean<'a>(cell: &'a str, prefix: &str) -> &'a str {
    let t = cell.trim();
    let t = if prefix.is_empty() { t } else { t.strip_prefix(prefix).unwrap_or(t) };
    t.trim()
}

fn cell<'a>(row: &'a RawRow, i: usize, prefix: &str) -> &'a str {
    clean(row.cells.get(i).unwrap_or(""), prefix)
}

/// Reads `table` with `preset`, whose header row is `rows[header_at]`.
pub fn adapt(table: &Table, preset: &Preset, header_at: usize) -> Adapted {
    let prefix = preset.strip_prefix.as_str();
    let header_row = &table.rows[header_at];
    let headers: Vec<String> = header_row.cells.iter().map(|c| clean(c, prefix).to_string()).collect();
    let mut cols = HashMap::new();
    for t in Target::all() {
        if let Some(i) = preset.column(t).and_then(|n| n.find(&headers)) {
            cols.insert(t, i);
        }
    }
    let state = preset.state.as_ref().and_then(|s| s.column.find(&headers));
    let refund_amount = preset.refund.as_ref().and_then(|r| r.amount.as_ref()).and_then(|n| n.find(&headers));
    let refund_ref = preset.refund.as_ref().and_then(|r| r.reference.as_ref()).and_then(|n| n.find(&headers));
    let b = Bound { preset, headers, cols, state, refund_amount, refund_ref };
    let mut out = Adapted {
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        preset: preset.name.clone(),
        title: preset.title.clone(),
        header_row: header_row.number,
        headers: b.headers.clone(),
        gifts: Vec::new(),
        refunds: Vec::new(),
        detail_rows: 0,
        skipped: 0,
        summary_row: None,
        figures: Vec::new(),
        problems: Vec::new(),
    };
    let problem = |row: &RawRow, col: Option<usize>, issue: Issue| Problem {
        sheet: table.sheet.clone(),
        row: Some(row.number),
        column: col.map(|c| b.headers.get(c).cloned().unwrap_or_default()),
        value: col.map(|c| cell(row, c, prefix).to_string()).unwrap_or_default(),
        ..Problem::file(&table.file, issue)
    };
    let checks = checks_of(&b);
    let mut sums: Vec<i64> = vec![0; checks.len()];
    let mut unsummable: Vec<(u32, usize, usize)> = Vec::new();
    let starts: Vec<String> =
        preset.summary.iter().flat_map(|s| &s.starts).map(|s| header_form(s)).filter(|s| !s.is_empty()).collect();
    let mut end = None;
    for (i, row) in table.rows.iter().enumerate().skip(header_at + 1) {
        let first = row.cells.iter().map(|c| header_form(clean(c, prefix))).find(|c| !c.is_empty());
        if first.is_some_and(|f| starts.iter().any(|s| f.starts_with(s.as_str()))) {
            end = Some(i);
            break;
        }
        out.detail_rows += 1;
        for (k, check) in checks.iter().enumerate() {
            if let CheckOn::Sum(c) = check.on {
                match signed_fen(cell(row, c, prefix), preset.unit) {
                    Some(f) => sums[k] = sums[k].saturating_add(f),
                    None => unsummable.push((row.number, k, c)),
                }
            }
        }
        if preset.skip.iter().any(|r| meets(&b, r, row)) {
            out.skipped += 1;
            continue;
        }
        let what = match (&preset.state, b.state) {
            (Some(s), Some(c)) => {
                let v = cell(row, c, prefix);
                match s.of(v) {
                    Some(w) => w,
                    None => {
                        let known = s.known().join(", ");
                        out.problems.push(problem(row, Some(c), Issue::UnknownState { known }));
                        continue;
                    }
                }
            }
            _ => StateIs::Gift,
        };
        match what {
            StateIs::Skip => out.skipped += 1,
            StateIs::Refund => match refund(&b, row) {
                Ok(r) => out.refunds.push(r),
                Err((c, issue)) => out.problems.push(problem(row, c, issue)),
            },
            StateIs::Gift => match gift(&b, row) {
                Ok(g) => out.gifts.push(g),
                Err((c, issue)) => out.problems.push(problem(row, Some(c), issue)),
            },
        }
    }
    let with_problems: HashSet<u32> = out.problems.iter().filter_map(|p| p.row).collect();
    let mut reported = HashSet::new();
    for (number, k, c) in unsummable {
        if !with_problems.contains(&number) && reported.insert(k) {
            let row = table.rows.iter().find(|r| r.number == number);
            if let Some(row) = row {
                out.problems.push(problem(row, Some(c), Issue::CannotAddUp));
            }
        }
    }
    summary(table, &b, end, &checks, &sums, &mut out);
    out
}

/// What a check adds up.
#[derive(Debug, Clone, Copy)]
enum CheckOn {
    Rows,
    Sum(usize),
}

struct BoundCheck<'a> {
    on: CheckOn,
    figure: Option<&'a Names>,
    /// The detail column of a sum (its name, when the check names no figure).
    column: Option<usize>,
}

/// The checks of the preset's summary that apply to this header (a sum of a column the
/// file does not have is left out).
fn checks_of<'a>(b: &Bound<'a>) -> Vec<BoundCheck<'a>> {
    let Some(s) = &b.preset.summary else { return Vec::new() };
    s.checks
        .iter()
        .filter_map(|c| {
            if c.count {
                return Some(BoundCheck { on: CheckOn::Rows, figure: c.figure.as_ref(), column: None });
            }
            let col = b.column_of(c.sum.as_ref(), c.sum_field.as_deref())?;
            Some(BoundCheck { on: CheckOn::Sum(col), figure: c.figure.as_ref(), column: Some(col) })
        })
        .collect()
}

/// The summary's figures against the detail: a figure that disagrees is an error, as is
/// a missing summary that the preset requires.
fn summary(
    table: &Table,
    b: &Bound<'_>,
    end: Option<usize>,
    checks: &[BoundCheck<'_>],
    sums: &[i64],
    out: &mut Adapted,
) {
    let Some(spec) = &b.preset.summary else { return };
    let prefix = b.preset.strip_prefix.as_str();
    let Some(end) = end else {
        if spec.required {
            out.problems
                .push(Problem { sheet: table.sheet.clone(), ..Problem::file(&table.file, Issue::SummaryMissing) });
        }
        for (k, c) in checks.iter().enumerate() {
            out.figures.push(Figure { label: label_of(b, c), stated: None, counted: counted(c, out, sums[k]) });
        }
        return;
    };
    // The row of figures, and the header naming them.
    let (values, names): (Option<&RawRow>, Vec<String>) = match spec.layout {
        Layout::Row => (table.rows.get(end), b.headers.clone()),
        Layout::Below => {
            let names = table.rows[end].cells.iter().map(|c| clean(c, prefix).to_string()).collect();
            (table.rows.get(end + 1), names)
        }
    };
    out.summary_row = values.map(|r| r.number);
    for (k, c) in checks.iter().enumerate() {
        let counted = counted(c, out, sums[k]);
        let label = label_of(b, c);
        let col = match (c.figure, spec.layout) {
            (Some(f), _) => f.find(&names),
            (None, Layout::Row) => c.column,
            (None, Layout::Below) => None,
        };
        let stated = match (values, col, c.on) {
            (Some(row), Some(col), CheckOn::Rows) => {
                let v = cell(row, col, prefix);
                Some(count_in(v).ok_or((row, col)))
            }
            (Some(row), Some(col), CheckOn::Sum(_)) => {
                let v = cell(row, col, prefix);
                Some(signed_fen(v, b.preset.unit).map(Amount::Fen).ok_or((row, col)))
            }
            // A totals row that says how many rows it totals: "共 12 笔".
            (Some(row), None, CheckOn::Rows) if spec.layout == Layout::Row => {
                row.cells.iter().find_map(|v| count_in_words(clean(v, prefix))).map(Ok)
            }
            _ => None,
        };
        let stated = match stated {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err((row, col))) => {
                out.problems.push(Problem {
                    sheet: table.sheet.clone(),
                    row: Some(row.number),
                    column: names.get(col).cloned(),
                    value: cell(row, col, prefix).to_string(),
                    ..Problem::file(&table.file, Issue::CannotAddUp)
                });
                None
            }
        };
        if let Some(s) = stated
            && s != counted
        {
            out.problems.push(Problem {
                sheet: table.sheet.clone(),
                row: out.summary_row,
                column: Some(label.clone()),
                value: s.text(),
                ..Problem::file(
                    &table.file,
                    Issue::SummaryMismatch {
                        stated: s.text(),
                        counted: counted.text(),
                        difference: s.difference(counted),
                    },
                )
            });
        }
        out.figures.push(Figure { label, stated, counted });
    }
}

fn counted(c: &BoundCheck<'_>, out: &Adapted, sum: i64) -> Amount {
    match c.on {
        CheckOn::Rows => Amount::Rows(out.detail_rows),
        CheckOn::Sum(_) => Amount::Fen(sum),
    }
}

fn label_of(b: &Bound<'_>, c: &BoundCheck<'_>) -> String {
    match (c.figure, c.column) {
        (Some(f), _) => f.first().to_string(),
        (None, Some(col)) => b.headers.get(col).cloned().unwrap_or_default(),
        (None, None) => String::new(),
    }
}

/// A count written as a number (`12`, `12.0`, `12笔`).
fn count_in(v: &str) -> Option<Amount> {
    let v = fold_width(v);
    let v = v.trim().trim_end_matches('笔').trim_end_matches("条").trim();
    let v = v.strip_suffix(".0").unwrap_or(v);
    strip_thousands(v).filter(|d| !d.is_empty()).and_then(|d| d.parse().ok()).map(Amount::Rows)
}

/// A count in words: `共 12 笔`, `12笔`.
fn count_in_words(v: &str) -> Option<Amount> {
    let v = fold_width(v);
    let at = v.find('笔')?;
    let digits: String = v[..at]
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok().map(Amount::Rows)
}

/// Whether a row meets a `[[skip]]` or `[[set]]` condition.
fn meets(b: &Bound<'_>, rule: &super::preset::RowRule, row: &RawRow) -> bool {
    let Some(c) = b.column_of(rule.column.as_ref(), rule.field.as_deref()) else { return false };
    let v = cell(row, c, &b.preset.strip_prefix);
    let f = header_form(v);
    (!rule.is.is_empty() && rule.is.iter().any(|x| header_form(x) == f))
        || (!rule.contains.is_empty() && rule.contains.iter().any(|x| !x.is_empty() && v.contains(x.as_str())))
        || (rule.empty && is_blank_amount(v))
        || (rule.negative && signed_fen(v, b.preset.unit).is_some_and(|f| f < 0))
}

/// Empty, a dash, or zero.
fn is_blank_amount(v: &str) -> bool {
    let v = fold_width(v);
    let v = v.trim();
    v.is_empty() || v.chars().all(|c| c == '-' || c == '—') || signed_fen(v, Unit::Yuan) == Some(0)
}

/// A signed amount in fen, in the file's unit: `¥1,234.50`, `-12.5`, `1250` (fen); empty
/// or a dash is zero.
pub fn signed_fen(v: &str, unit: Unit) -> Option<i64> {
    let folded = fold_width(v);
    let mut s = folded.trim();
    if s.is_empty() || s.chars().all(|c| c == '-' || c == '—') {
        return Some(0);
    }
    let negative = s.starts_with('-') || (s.starts_with('(') && s.ends_with(')'));
    s = s.trim_start_matches(['-', '+', '(']).trim_end_matches(')').trim();
    for prefix in ["¥", "￥", "RMB", "CNY"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
        }
    }
    s = s.strip_suffix('元').unwrap_or(s).trim_end();
    let fen = match unit {
        Unit::Yuan => Money::parse(s).ok()?.fen(),
        Unit::Fen => whole_fen(s).ok()?,
    };
    Some(if negative { -fen } else { fen })
}

/// Fen as a whole number (thousands separators allowed); a decimal point is an error.
fn whole_fen(s: &str) -> Result<i64, Issue> {
    if s.contains('.') {
        return Err(Issue::FenWithDecimals);
    }
    let digits = strip_thousands(s).filter(|d| !d.is_empty() && d.len() <= 17).ok_or(Issue::NotAnAmount)?;
    digits.parse().map_err(|_| Issue::NotAnAmount)
}

/// The day of a date or date-time in the preset's form, as `YYYY-MM-DD`; a form the
/// template reads itself is passed on as it is (its rules say what is wrong with it).
fn day(v: &str, form: &DateForm) -> Result<String, Issue> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    if crate::domain::date::parse_time(v).is_some() {
        return Err(Issue::TimeWithoutDate);
    }
    let china = |dt: DateTime<FixedOffset>| {
        let east8 = FixedOffset::east_opt(8 * 3600).unwrap_or(*dt.offset());
        dt.with_timezone(&east8).date_naive().format("%Y-%m-%d").to_string()
    };
    match form {
        DateForm::Auto => Ok(DateTime::parse_from_rfc3339(v).map(china).unwrap_or_else(|_| v.to_string())),
        DateForm::Rfc3339 => {
            DateTime::parse_from_rfc3339(v).map(china).map_err(|_| Issue::DateNotInForm { form: "RFC 3339".into() })
        }
        DateForm::Pattern(p) => NaiveDateTime::parse_from_str(v, p)
            .map(|dt| dt.date())
            .or_else(|_| NaiveDate::parse_from_str(v, p))
            .map(|d| d.format("%Y-%m-%d").to_string())
            .map_err(|_| Issue::DateNotInForm { form: p.clone() }),
    }
}

/// A gift row's template values; `Err` with the column and why.
fn gift(b: &Bound<'_>, row: &RawRow) -> Result<Gift, (usize, Issue)> {
    let p = b.preset;
    let prefix = p.strip_prefix.as_str();
    let mut values: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut amount_fen = None;
    for (t, &c) in &b.cols {
        let raw = cell(row, c, prefix);
        let Target::Field(k) = *t else { continue };
        let v = match k {
            key::DONATION_REF if !raw.is_empty() => format!("{}{raw}", p.ref_prefix),
            key::AMOUNT => match p.unit {
                Unit::Yuan => {
                    amount_fen = signed_fen(raw, Unit::Yuan);
                    raw.to_string()
                }
                Unit::Fen if raw.is_empty() => String::new(),
                Unit::Fen => {
                    let negative = raw.starts_with('-');
                    let fen = whole_fen(raw.trim_start_matches(['-', '+'])).map_err(|e| (c, e))?;
                    let fen = if negative { -fen } else { fen };
                    amount_fen = Some(fen);
                    Money::from_fen(fen).plain()
                }
            },
            key::DONATED_ON => day(raw, &p.date).map_err(|e| (c, e))?,
            _ => raw.to_string(),
        };
        values.insert(k, v);
    }
    if !values.contains_key(key::CHANNEL)
        && let Some(ch) = p.channel()
    {
        values.insert(key::CHANNEL, ch.label_zh().to_string());
    }
    for rule in p.set.iter().filter(|r| meets(b, r, row)) {
        for (field, value) in &rule.to {
            if let Some(f) = Kind::Donation.field(field) {
                values.insert(f.key, value.clone());
            }
        }
    }
    let text = |t: Target| b.cols.get(&t).map(|&c| cell(row, c, prefix).to_string()).filter(|s| !s.is_empty());
    Ok(Gift {
        row: row.clone(),
        values,
        amount_fen,
        platform: text(Target::PlatformProject),
        platform_name: text(Target::PlatformName),
        left_out: false,
    })
}

/// A refund row; `Err` with the column and why.
fn refund(b: &Bound<'_>, row: &RawRow) -> Result<Refund, (Option<usize>, Issue)> {
    let p = b.preset;
    let prefix = p.strip_prefix.as_str();
    let ref_col = b.refund_ref.or_else(|| b.cols.get(&Target::Field(key::DONATION_REF)).copied());
    let amount_col = b.refund_amount.or_else(|| b.cols.get(&Target::Field(key::AMOUNT)).copied());
    let reference = ref_col.map(|c| cell(row, c, prefix)).unwrap_or_default();
    if reference.is_empty() {
        return Err((ref_col, Issue::RefundWithoutGift));
    }
    let Some(c) = amount_col else { return Err((None, Issue::NotAnAmount)) };
    let value = cell(row, c, prefix).to_string();
    let amount_fen = match p.unit {
        Unit::Fen => whole_fen(value.trim_start_matches(['-', '+'])).map_err(|e| (Some(c), e))?,
        Unit::Yuan => signed_fen(&value, Unit::Yuan).ok_or((Some(c), Issue::NotAnAmount))?.abs(),
    };
    Ok(Refund {
        number: row.number,
        reference: format!("{}{reference}", p.ref_prefix),
        amount_fen,
        column: b.headers.get(c).cloned().unwrap_or_default(),
        value,
    })
}

/// Refunds of gifts of the same import (any of its files): a gift refunded in full is not
/// imported, one refunded in part is imported for what is left; both rows are named in a
/// warning at the refund. A refund above its gift is an error. Returns the refunds whose
/// gift is not in the import (to be looked for in the database).
pub fn pair_refunds(files: &mut [Adapted]) -> Vec<(usize, Refund)> {
    let mut gifts: HashMap<String, (usize, usize)> = HashMap::new();
    for (f, a) in files.iter().enumerate() {
        for (g, gift) in a.gifts.iter().enumerate() {
            if let Some(r) = gift.values.get(key::DONATION_REF) {
                gifts.entry(r.clone()).or_insert((f, g));
            }
        }
    }
    let mut unpaired = Vec::new();
    for f in 0..files.len() {
        let refunds = files[f].refunds.clone();
        for r in refunds {
            let Some(&(gf, gi)) = gifts.get(&r.reference) else {
                unpaired.push((f, r));
                continue;
            };
            let (paid_at, left) = {
                let g = &mut files[gf].gifts[gi];
                let paid_at = place(&files[gf].file, files[gf].sheet.as_deref(), g.row.number);
                let Some(paid) = g.amount_fen else { continue };
                (paid_at, paid - r.amount_fen)
            };
            let a = &mut files[f];
            let at = |issue: Issue| Problem {
                sheet: a.sheet.clone(),
                row: Some(r.number),
                column: Some(r.column.clone()),
                value: r.value.clone(),
                ..Problem::file(&a.file, issue)
            };
            if left < 0 {
                a.problems.push(at(Issue::RefundAboveGift { paid_at }));
                continue;
            }
            a.problems.push(at(Issue::RefundedInImport { paid_at, left_fen: left }));
            let g = &mut files[gf].gifts[gi];
            g.amount_fen = Some(left);
            if left == 0 {
                g.left_out = true;
            } else {
                g.values.insert(key::AMOUNT, Money::from_fen(left).plain());
            }
        }
    }
    unpaired
}

/// `file#row` or `file「sheet」#row`, as the import names a row elsewhere.
pub fn place(file: &str, sheet: Option<&str>, row: u32) -> String {
    match sheet {
        Some(s) => format!("{file}「{s}」#{row}"),
        None => format!("{file}#{row}"),
    }
}

/// The donations sheet of a read table: the file's own columns as they were (kept for the
/// copy with the 错误 column, never imported), then one column per template field with
/// the value each gift became. Only the gifts not left out.
pub fn to_sheet(a: &Adapted) -> Sheet {
    let gifts: Vec<&Gift> = a.gifts.iter().filter(|g| !g.left_out).collect();
    let width = gifts.iter().map(|g| g.row.cells.len()).chain(std::iter::once(a.headers.len())).max().unwrap_or(0);
    let mut headers = a.headers.clone();
    headers.resize(width, String::new());
    let mut columns = vec![Column::Unknown; width];
    let mut index = HashMap::new();
    for (i, f) in DONATION_FIELDS.iter().enumerate() {
        headers.push(f.header.to_string());
        columns.push(Column::Field(f));
        index.insert(f.key, width + i);
    }
    let rows = gifts
        .iter()
        .map(|g| {
            let mut cells = csv::StringRecord::new();
            for i in 0..width {
                cells.push_field(g.row.cells.get(i).unwrap_or(""));
            }
            for f in DONATION_FIELDS {
                cells.push_field(g.values.get(f.key).map(String::as_str).unwrap_or(""));
            }
            RawRow { number: g.row.number, cells }
        })
        .collect();
    Sheet { file: a.file.clone(), sheet: a.sheet.clone(), kind: Kind::Donation, headers, columns, index, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_either_unit() {
        assert_eq!(signed_fen("`12.50", Unit::Yuan), None);
        assert_eq!(signed_fen("¥1,234.50", Unit::Yuan), Some(123_450));
        assert_eq!(signed_fen("-0.01", Unit::Yuan), Some(-1));
        assert_eq!(signed_fen("", Unit::Yuan), Some(0));
        assert_eq!(signed_fen("1250", Unit::Fen), Some(1250));
        assert_eq!(signed_fen("12.50", Unit::Fen), None);
        assert_eq!(whole_fen("12.50"), Err(Issue::FenWithDecimals));
        assert_eq!(whole_fen("1,250"), Ok(1250));
    }

    #[test]
    fn days_in_every_form() {
        let p = |s: &str| DateForm::Pattern(s.into());
        assert_eq!(day("2023-11-30T16:27:42+08:00", &DateForm::Rfc3339), Ok("2023-11-30".into()));
        // 20:00 UTC is the next morning in China.
        assert_eq!(day("2023-11-30T20:00:00Z", &DateForm::Rfc3339), Ok("2023-12-01".into()));
        assert_eq!(day("2024-05-10 16:33:45", &p("%Y-%m-%d %H:%M:%S")), Ok("2024-05-10".into()));
        assert_eq!(day("10/05/2024", &p("%d/%m/%Y")), Ok("2024-05-10".into()));
        assert_eq!(day("16:27:42", &DateForm::Auto), Err(Issue::TimeWithoutDate));
        assert_eq!(day("2024/5/10", &DateForm::Auto), Ok("2024/5/10".into()));
        assert_eq!(day("2024-05-10", &DateForm::Rfc3339), Err(Issue::DateNotInForm { form: "RFC 3339".into() }));
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(count_in_words("共 12 笔"), Some(Amount::Rows(12)));
        assert_eq!(count_in_words("合计"), None);
        assert_eq!(count_in("`3"), None);
        assert_eq!(count_in("3"), Some(Amount::Rows(3)));
    }
}
