//! The mapping step, for a file whose header is not the template's and that no preset
//! knows: where its header row is, a first guess of which column is which field, sample
//! values of each column, and a preview of the first rows as they would import, with
//! their problems. The console's mapping popup and `xingfu presets map` both use it; what
//! the operator settles on is saved as a preset.

use std::collections::{BTreeMap, HashMap};

use crate::domain::kind::key;
use crate::domain::{Donation, Lang};

use super::adapt::adapt;
use super::foreign::Table;
use super::preset::{HEADER_SEARCH, Names, Preset, Target, header_form};
use super::sheet::RawRow;

/// The header row's index: the first of the widest rows near the top (title rows above it
/// hold one or two cells).
pub fn header_guess(rows: &[RawRow]) -> usize {
    let filled = |r: &RawRow| r.cells.iter().filter(|c| !c.trim().is_empty()).count();
    let widest = rows.iter().take(HEADER_SEARCH).map(filled).max().unwrap_or(0);
    rows.iter().take(HEADER_SEARCH).position(|r| filled(r) == widest).unwrap_or(0)
}

/// Words that name each target in the files offices receive, most telling first.
fn words(t: Target) -> &'static [&'static str] {
    match t {
        Target::Field(key::DONATION_REF) => {
            &["捐赠流水号", "交易流水号", "微信订单号", "交易单号", "订单号", "流水号", "transcode", "单号", "凭证号"]
        }
        Target::Field(key::AMOUNT) => {
            &["捐赠金额", "收入金额", "贷方发生额", "贷方金额", "应结订单金额", "金额", "money", "amount"]
        }
        Target::Field(key::DONATED_ON) => {
            &["捐赠日期", "交易日期", "记账日期", "交易时间", "支付时间", "trans_time", "日期", "时间", "date"]
        }
        Target::Field(key::DONOR_NAME) => {
            &["捐赠人", "对方户名", "交易对方", "付款人", "户名", "姓名", "donor", "nickname"]
        }
        Target::Field(key::DONOR_PHONE) => &["联系电话", "电话", "手机", "phone"],
        Target::Field(key::NOTE) => &["备注", "摘要", "附言", "用途", "note", "remark"],
        Target::PlatformProject => &["pid", "项目id", "商品名称"],
        Target::PlatformName => &["proj_name", "项目名称"],
        _ => &[],
    }
}

/// A preset named `name` with the columns of `header` guessed: a template header or key
/// where the file has one, else the words files use; each column for one field (the
/// platform's project id and name may share one).
pub fn guess(name: &str, header: &[String]) -> Preset {
    let forms: Vec<String> = header.iter().map(|h| header_form(h)).collect();
    let mut used: Vec<usize> = Vec::new();
    let mut columns: BTreeMap<String, Names> = BTreeMap::new();
    for t in Target::all() {
        let exact = match t {
            Target::Field(k) => crate::domain::Kind::Donation
                .field(k)
                .and_then(|f| forms.iter().position(|h| *h == header_form(f.header) || *h == f.key)),
            _ => None,
        };
        let by_words = || {
            words(t).iter().find_map(|w| {
                let w = header_form(w);
                let shared = |i: &usize| t == Target::PlatformName || !used.contains(i);
                (0..forms.len()).filter(shared).find(|&i| forms[i].contains(w.as_str()))
            })
        };
        if let Some(i) = exact.or_else(by_words) {
            used.push(i);
            columns.insert(t.key().to_string(), Names::one(header[i].trim().trim_start_matches('`')));
        }
    }
    // A column saying money in or out (收/支, as WeChat and Alipay bills have): only money in.
    let state = forms.iter().position(|h| ["收/支", "收支", "收/支类型", "收支类型"].contains(&h.as_str())).map(|i| {
        let v = |s: &str| s.to_string();
        super::preset::States {
            column: Names::one(header[i].trim()),
            gift: vec![v("收入")],
            refund: Vec::new(),
            skip: vec![v("支出"), v("不计收支"), v("/")],
        }
    });
    Preset { name: name.to_string(), title: name.to_string(), columns, state, ..Preset::default() }
}

/// Up to `n` different values of column `col` below the header, as found.
pub fn samples(rows: &[RawRow], header_at: usize, col: usize, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows.iter().skip(header_at + 1).take(200) {
        let v = r.cells.get(col).unwrap_or("").trim().trim_start_matches('`').trim();
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// Every different value of column `col` among the first rows below the header (for
/// deciding which states are gifts).
pub fn values(rows: &[RawRow], header_at: usize, col: usize) -> Vec<String> {
    samples(rows, header_at, col, 20)
}

/// One row of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    pub number: u32,
    /// A gift: its template values (捐赠流水号, 捐赠金额, 捐赠日期, 捐赠人, 平台项目).
    pub gift: Option<BTreeMap<&'static str, String>>,
    /// Left out (skipped, or a refund).
    pub left_out: bool,
    /// What is wrong with it, in the operator's language.
    pub problems: Vec<String>,
}

/// The first `n` rows below the header as they would import with `preset`: the values of
/// each gift, or why it would not import (the preset's conversions and the template's
/// value rules; the project is resolved later, on import).
pub fn preview(table: &Table, preset: &Preset, header_at: usize, n: usize, lang: Lang) -> Vec<PreviewRow> {
    let end = (header_at + 1 + n).min(table.rows.len());
    let head = Table { file: table.file.clone(), sheet: table.sheet.clone(), rows: table.rows[..end].to_vec() };
    let mut adapted = adapt(&head, &Preset { summary: None, ..preset.clone() }, header_at);
    let mut problems: HashMap<u32, Vec<String>> = HashMap::new();
    for p in &adapted.problems {
        if let Some(row) = p.row {
            let what = match &p.column {
                Some(c) => format!("{c}{}{}", crate::domain::messages::colon(lang), p.issue.message(lang)),
                None => p.issue.message(lang),
            };
            problems.entry(row).or_default().push(what);
        }
    }
    let mut gifts: HashMap<u32, BTreeMap<&'static str, String>> = HashMap::new();
    for g in adapted.gifts.drain(..) {
        let mut values = g.values;
        // The project comes from the links (or --project) on import.
        let mut source: HashMap<&str, String> = values.iter().map(|(k, v)| (*k, v.clone())).collect();
        source.entry(key::PROJECT_CODE).or_insert_with(|| "-".into());
        match Donation::parse(&source) {
            Err(errors) => {
                for e in errors {
                    let header =
                        crate::domain::Kind::Donation.field(e.field).map(|f| f.label(lang)).unwrap_or_default();
                    let what = format!("{header}{}{}", crate::domain::messages::colon(lang), e.rule.message(lang));
                    problems.entry(g.row.number).or_default().push(what);
                }
            }
            // As it will be stored: the amount exact, the day alone.
            Ok(d) => {
                values.insert(key::AMOUNT, d.amount.display());
                values.insert(key::DONATED_ON, d.donated_on.format("%Y-%m-%d").to_string());
                if let Some(name) = d.donor_name {
                    values.insert(key::DONOR_NAME, name);
                }
            }
        }
        if let Some(p) = g.platform {
            values.insert(key::PROJECT_CODE, p);
        }
        gifts.insert(g.row.number, values);
    }
    head.rows[header_at + 1..]
        .iter()
        .map(|r| {
            let problems = problems.remove(&r.number).unwrap_or_default();
            let gift = if problems.is_empty() { gifts.remove(&r.number) } else { None };
            PreviewRow { number: r.number, left_out: gift.is_none() && problems.is_empty(), gift, problems }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: u32, cells: &[&str]) -> RawRow {
        RawRow { number, cells: csv::StringRecord::from(cells.to_vec()) }
    }

    #[test]
    fn guesses_the_header_row_and_its_columns() {
        let rows = vec![
            row(1, &["微信支付账单明细"]),
            row(2, &["微信昵称：[众心村]"]),
            row(4, &["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "交易单号", "商户单号", "备注"]),
            row(5, &["2024-06-02 10:11:12", "转账", "李秀英", "/", "收入", "¥200.00", "1000039901", "/", "/"]),
        ];
        assert_eq!(header_guess(&rows), 2);
        let header: Vec<String> = rows[2].cells.iter().map(str::to_string).collect();
        let p = guess("x", &header);
        let col = |k: &str| p.columns.get(k).map(|n| n.first().to_string());
        assert_eq!(col("donation_ref").as_deref(), Some("交易单号"));
        assert_eq!(col("amount").as_deref(), Some("金额(元)"));
        assert_eq!(col("donated_on").as_deref(), Some("交易时间"));
        assert_eq!(col("donor_name").as_deref(), Some("交易对方"));
        assert_eq!(col("note").as_deref(), Some("备注"));
        assert_eq!(col("platform_project"), None);
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let table = Table { file: "a.csv".into(), sheet: None, rows };
        let pv = preview(&table, &p, 2, 5, Lang::Zh);
        assert_eq!(pv.len(), 1);
        let gift = pv[0].gift.clone().unwrap_or_default();
        assert_eq!(gift.get("amount").map(String::as_str), Some("¥200.00"));
        assert_eq!(gift.get("donated_on").map(String::as_str), Some("2024-06-02"));
        assert!(p.state.is_some(), "收/支 says which rows are money in");
        assert!(pv[0].problems.is_empty(), "{:?}", pv[0].problems);
        assert_eq!(samples(&table.rows, 2, 4, 3), ["收入"]);
    }
}
