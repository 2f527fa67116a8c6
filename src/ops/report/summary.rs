//! The county summary for a period, the sheet an office sends to the city: by village and
//! category, what was raised (public / 配捐), disbursed, carried over, the balance at the
//! period's end, the mix of donor types, and volunteer hours; subtotals per village and a
//! total for the office, in typed cells.

use chrono::{NaiveDate, NaiveDateTime};

use super::statement::flow_columns;
use super::{Report, Section, Value, period};
use crate::db::{Flows, Store, SummaryRow};
use crate::domain::messages as m;
use crate::domain::{DonorType, Hours, Lang, Money};
use crate::ops::OpsResult;

fn add(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen() + b.fen())
}

#[derive(Default)]
struct Sums {
    flows: Flows,
    closing: Money,
    donors: Vec<Money>,
}

impl Sums {
    fn take(&mut self, r: &SummaryRow) {
        let f = &mut self.flows;
        f.donations_public = add(f.donations_public, r.flows.donations_public);
        f.donations_matching = add(f.donations_matching, r.flows.donations_matching);
        f.carried_in = add(f.carried_in, r.flows.carried_in);
        f.disbursed = add(f.disbursed, r.flows.disbursed);
        f.carried_out = add(f.carried_out, r.flows.carried_out);
        self.closing = add(self.closing, r.closing);
        self.donors.resize(r.by_donor_type.len(), Money::ZERO);
        for (a, b) in self.donors.iter_mut().zip(&r.by_donor_type) {
            *a = add(*a, *b);
        }
    }

    fn row(&self, first: Vec<Value>, hours: Option<Hours>) -> Vec<Value> {
        let mut row = first;
        row.extend(super::statement::flow_values(&self.flows));
        row.push(Value::Money(self.closing));
        row.extend(self.donors.iter().map(|m| Value::Money(*m)));
        row.push(hours.map_or(Value::Empty, |h| Value::text(h.to_string())));
        row
    }
}

pub fn build(store: &Store, from: NaiveDate, to: NaiveDate, lang: Lang, now: NaiveDateTime) -> OpsResult<Report> {
    let (from, to) = period(from, to)?;
    let rows = store.summary_rows(from, to)?;
    let hours = store.served_hours_by_village(from, to)?;
    let mut columns = vec![m::report_col_village(lang).to_string(), m::report_col_category(lang).into()];
    columns.extend(flow_columns(lang));
    columns.push(m::report_col_closing(lang).into());
    columns.extend(DonorType::ALL.iter().map(|d| m::report_col_from_donor_type(lang, d.label(lang))));
    columns.push(m::report_col_hours(lang).into());

    let mut out = Vec::new();
    let mut office = Sums::default();
    let mut office_hours = Hours::from_tenths(0);
    let mut i = 0;
    while i < rows.len() {
        let code = rows[i].village_code.clone();
        let mut village = Sums::default();
        while i < rows.len() && rows[i].village_code == code {
            let r = &rows[i];
            let mut one = Sums::default();
            one.take(r);
            out.push(one.row(vec![Value::text(r.village_name.clone()), Value::text(r.category.label(lang))], None));
            village.take(r);
            office.take(r);
            i += 1;
        }
        let h = hours.get(&code).copied().unwrap_or(Hours::from_tenths(0));
        office_hours = Hours::from_tenths(office_hours.tenths() + h.tenths());
        let name = rows[i - 1].village_name.clone();
        out.push(village.row(vec![Value::text(m::report_subtotal(lang, &name)), Value::Empty], Some(h)));
    }
    let total = office.row(vec![Value::text(m::report_total(lang)), Value::Empty], Some(office_hours));
    Ok(Report {
        title: m::report_summary_title(lang).into(),
        meta: vec![m::report_period(lang, from, to)],
        sections: vec![Section {
            heading: m::report_by_village_category(lang).into(),
            columns,
            rows: out,
            total: Some(total),
            empty: Some(m::report_no_projects(lang).into()),
        }],
        signatures: Vec::new(),
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    })
}
