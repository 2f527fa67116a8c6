//! The receipt register (票据登记簿): each receipt book with the numbers used, voided,
//! skipped and left, the voided numbers, the donations of a period still without a
//! receipt, and receipts in no book.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Report, Section, Value};
use crate::db::{ReceiptLine, Store};
use crate::domain::messages as m;
use crate::domain::{Lang, Money};
use crate::ops::OpsResult;

/// The most donations a section lists; the heading says how many there are.
pub const LISTED: i64 = 1000;

/// The register, with the donations dated `from..=to` (either end open).
pub fn build(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    lang: Lang,
    now: NaiveDateTime,
) -> OpsResult<Report> {
    if let (Some(f), Some(t)) = (from, to) {
        super::period(f, t)?;
    }
    let books = store.receipt_register()?;
    let voided = store.voided_receipts()?;
    let (missing, missing_rows) = store.donations_without_receipt(from, to, LISTED)?;
    let (outside, outside_rows) = store.receipts_outside_books(LISTED)?;
    let dash = |d: Option<NaiveDate>| d.map_or_else(|| "…".to_string(), |d| d.format("%Y-%m-%d").to_string());
    let period = match (from, to) {
        (None, None) => m::receipts_all_time(lang).to_string(),
        _ => m::receipts_period(lang, dash(from), dash(to)),
    };
    let book_rows: Vec<Vec<Value>> = books
        .iter()
        .map(|b| {
            vec![
                Value::text(b.book.code.clone()),
                Value::text(format!("{}–{}", b.book.format(b.book.first), b.book.format(b.book.last))),
                Value::Date(b.book.received_on),
                Value::Int(b.used as i64),
                Value::Int(b.voided as i64),
                Value::Int(b.gaps as i64),
                Value::Int(b.left as i64),
                Value::text(b.next.map_or_else(|| m::receipts_none_left(lang).to_string(), |n| b.book.format(n))),
            ]
        })
        .collect();
    let sum = |f: fn(&crate::db::BookStatus) -> u64| Value::Int(books.iter().map(f).sum::<u64>() as i64);
    let total = (!books.is_empty()).then(|| {
        vec![
            Value::text(m::report_total(lang)),
            Value::Empty,
            Value::Empty,
            sum(|b| b.used),
            sum(|b| b.voided),
            sum(|b| b.gaps),
            sum(|b| b.left),
            Value::Empty,
        ]
    });
    let void_rows = voided
        .iter()
        .map(|v| {
            vec![
                Value::text(v.code.clone()),
                Value::text(v.number.clone()),
                Value::Date(v.voided_on),
                Value::text(v.reason.clone().unwrap_or_default()),
                Value::text(v.donation_ref.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let line_columns = |with_receipt: bool| {
        let mut c: Vec<String> = vec![
            m::receipts_col_ref(lang).into(),
            m::html_date(lang).into(),
            m::report_col_donor(lang).into(),
            m::html_project(lang).into(),
            m::html_amount(lang).into(),
        ];
        if with_receipt {
            c.push(m::receipts_col_code(lang).into());
            c.push(m::receipts_col_number(lang).into());
        }
        c
    };
    let line_rows = |lines: &[ReceiptLine], with_receipt: bool| -> Vec<Vec<Value>> {
        lines
            .iter()
            .map(|l| {
                let mut row = vec![
                    Value::text(l.donation_ref.clone()),
                    Value::Date(l.donated_on),
                    Value::text(l.donor_name.clone().unwrap_or_else(|| m::report_anonymous(lang).into())),
                    Value::text(l.project_code.clone()),
                    Value::Money(l.amount),
                ];
                if with_receipt {
                    row.push(Value::text(l.receipt_code.clone().unwrap_or_default()));
                    row.push(Value::text(l.receipt_no.clone().unwrap_or_default()));
                }
                row
            })
            .collect()
    };
    let missing_total = Money::from_fen(missing_rows.iter().map(|l| l.amount.fen()).sum());
    let mut meta = vec![period];
    if missing > LISTED || outside > LISTED {
        meta.push(m::receipts_listed_first(lang, LISTED));
    }
    let mut sections = vec![
        Section {
            heading: m::receipts_books_heading(lang).into(),
            columns: vec![
                m::receipts_col_code(lang).into(),
                m::receipts_col_range(lang).into(),
                m::receipts_col_received(lang).into(),
                m::receipts_col_used(lang).into(),
                m::receipts_col_voided(lang).into(),
                m::receipts_col_gaps(lang).into(),
                m::receipts_col_left(lang).into(),
                m::receipts_col_next(lang).into(),
            ],
            rows: book_rows,
            total,
            empty: Some(m::receipts_no_books(lang).into()),
        },
        Section {
            heading: m::receipts_voided_heading(lang, voided.len()),
            columns: vec![
                m::receipts_col_code(lang).into(),
                m::receipts_col_number(lang).into(),
                m::html_date(lang).into(),
                m::receipts_col_reason(lang).into(),
                m::receipts_col_ref(lang).into(),
            ],
            rows: void_rows,
            total: None,
            empty: Some(m::receipts_none(lang).into()),
        },
        Section {
            heading: m::receipts_missing_heading(lang, missing),
            columns: line_columns(false),
            rows: line_rows(&missing_rows, false),
            total: (missing > 0 && missing <= LISTED).then(|| {
                vec![
                    Value::text(m::report_total(lang)),
                    Value::Empty,
                    Value::Empty,
                    Value::Empty,
                    Value::Money(missing_total),
                ]
            }),
            empty: Some(m::receipts_none(lang).into()),
        },
    ];
    if outside > 0 {
        sections.push(Section {
            heading: m::receipts_outside_heading(lang, outside),
            columns: line_columns(true),
            rows: line_rows(&outside_rows, true),
            total: None,
            empty: None,
        });
    }
    Ok(Report {
        title: m::receipts_title(lang).into(),
        meta,
        sections,
        signatures: Vec::new(),
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    })
}
