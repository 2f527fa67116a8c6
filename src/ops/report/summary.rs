//! The summary for a period, the sheet an office sends up: by village and category, what
//! was raised (public / 配捐), disbursed, carried over, the balance at the period's end,
//! the mix of donor types, and volunteer hours; subtotals per village and a total for the
//! office, in typed cells. A city or province database that holds its counties' exports
//! adds a level: a section by county (with a subtotal per city in a province), and each
//! county's subtotal among its villages.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::statement::flow_columns;
use super::{Report, Section, Value, period};
use crate::db::{Flows, Store, SummaryRow};
use crate::domain::division::{DivisionCode, Level};
use crate::domain::messages as m;
use crate::domain::{DonorType, Hours, Lang, Money};
use crate::ops::OpsResult;

fn add(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen() + b.fen())
}

#[derive(Default, Clone)]
struct Sums {
    flows: Flows,
    closing: Money,
    donors: Vec<Money>,
    hours: Hours,
}

impl Sums {
    fn take(&mut self, r: &SummaryRow) {
        let one = Sums { flows: r.flows, closing: r.closing, donors: r.by_donor_type.clone(), ..Sums::default() };
        self.take_sums(&one);
    }

    fn take_sums(&mut self, o: &Sums) {
        let f = &mut self.flows;
        f.donations_public = add(f.donations_public, o.flows.donations_public);
        f.donations_matching = add(f.donations_matching, o.flows.donations_matching);
        f.carried_in = add(f.carried_in, o.flows.carried_in);
        f.disbursed = add(f.disbursed, o.flows.disbursed);
        f.carried_out = add(f.carried_out, o.flows.carried_out);
        self.closing = add(self.closing, o.closing);
        self.donors.resize(self.donors.len().max(o.donors.len()), Money::ZERO);
        for (a, b) in self.donors.iter_mut().zip(&o.donors) {
            *a = add(*a, *b);
        }
        self.hours = Hours::from_tenths(self.hours.tenths() + o.hours.tenths());
    }

    fn row(&self, first: Vec<Value>, hours: bool) -> Vec<Value> {
        let mut row = first;
        row.extend(super::statement::flow_values(&self.flows));
        row.push(Value::Money(self.closing));
        let donors = self.donors.iter().copied().chain(std::iter::repeat(Money::ZERO));
        row.extend(donors.take(DonorType::ALL.len()).map(Value::Money));
        row.push(if hours { Value::text(self.hours.to_string()) } else { Value::Empty });
        row
    }
}

/// One county (or the database's own records) of the summary, with its villages' rows.
struct CountyPart {
    office: Option<DivisionCode>,
    name: String,
    rows: Vec<Vec<Value>>,
    sums: Sums,
}

pub fn build(store: &Store, from: NaiveDate, to: NaiveDate, lang: Lang, now: NaiveDateTime) -> OpsResult<Report> {
    let (from, to) = period(from, to)?;
    let rows = store.summary_rows(from, to)?;
    let hours = store.served_hours_by_village(from, to)?;
    let own = store.office_or_inferred()?;
    let names: HashMap<DivisionCode, String> = store.held_offices()?.into_iter().map(|h| (h.code, h.name)).collect();
    let name_of = |office: Option<DivisionCode>| match office {
        None => own.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| m::report_own_records(lang).to_string()),
        Some(c) => names.get(&c).cloned().or_else(|| c.name().map(str::to_string)).unwrap_or_else(|| c.to_string()),
    };
    let mut columns = vec![m::report_col_village(lang).to_string(), m::report_col_category(lang).into()];
    columns.extend(flow_columns(lang));
    columns.push(m::report_col_closing(lang).into());
    columns.extend(DonorType::ALL.iter().map(|d| m::report_col_from_donor_type(lang, d.label(lang))));
    columns.push(m::report_col_hours(lang).into());

    // Villages and their categories, county by county (rows come ordered by office).
    let mut parts: Vec<CountyPart> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let office = rows[i].office;
        let mut part = CountyPart { office, name: name_of(office), rows: Vec::new(), sums: Sums::default() };
        while i < rows.len() && rows[i].office == office {
            let code = rows[i].village_code.clone();
            let mut village = Sums::default();
            while i < rows.len() && rows[i].office == office && rows[i].village_code == code {
                let r = &rows[i];
                let mut one = Sums::default();
                one.take(r);
                part.rows.push(
                    one.row(vec![Value::text(r.village_name.clone()), Value::text(r.category.label(lang))], false),
                );
                village.take(r);
                i += 1;
            }
            village.hours = hours.get(&(office, code)).copied().unwrap_or(Hours::from_tenths(0));
            let name = rows[i - 1].village_name.clone();
            part.rows.push(village.row(vec![Value::text(m::report_subtotal(lang, &name)), Value::Empty], true));
            part.sums.take_sums(&village);
        }
        parts.push(part);
    }
    let mut office = Sums::default();
    for p in &parts {
        office.take_sums(&p.sums);
    }
    let total = office.row(vec![Value::text(m::report_total(lang)), Value::Empty], true);
    let level = own.as_ref().map_or(Level::County, |o| o.level());
    let title = match level {
        Level::County => m::report_summary_title(lang),
        Level::City => m::report_summary_title_city(lang),
        Level::Province => m::report_summary_title_province(lang),
    };
    let mut meta = vec![m::report_period(lang, from, to)];
    if let Some(o) = &own {
        meta.insert(0, m::report_office(lang, &o.name, o.code));
    }
    let mut sections = Vec::new();
    let by_county = parts.len() > 1;
    if by_county {
        sections.push(county_section(&parts, level, lang, &columns, &total));
    }
    let mut village_rows = Vec::new();
    for p in parts {
        village_rows.extend(p.rows);
        if by_county {
            let label = m::report_subtotal(lang, &p.name);
            village_rows.push(p.sums.row(vec![Value::text(label), Value::Empty], true));
        }
    }
    sections.push(Section {
        heading: m::report_by_village_category(lang).into(),
        columns,
        rows: village_rows,
        total: Some(total),
        empty: Some(m::report_no_projects(lang).into()),
    });
    Ok(Report {
        title: title.into(),
        meta,
        sections,
        signatures: Vec::new(),
        footer: m::html_generated(lang, now.format("%Y-%m-%d %H:%M")),
    })
}

/// One row per county (the database's own records first), with a subtotal per city in a
/// province's summary.
fn county_section(parts: &[CountyPart], level: Level, lang: Lang, columns: &[String], total: &[Value]) -> Section {
    let mut columns = columns.to_vec();
    columns[0] = m::report_col_county(lang).into();
    columns[1] = m::report_col_code(lang).into();
    let code_of = |o: Option<DivisionCode>| o.map_or(Value::Empty, |c| Value::text(c.to_string()));
    let mut rows = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let city = if level == Level::Province { parts[i].office.and_then(|c| c.city()) } else { None };
        let start = i;
        let mut sums = Sums::default();
        while i < parts.len() && (i == start || (city.is_some() && parts[i].office.and_then(|c| c.city()) == city)) {
            let p = &parts[i];
            rows.push(p.sums.row(vec![Value::text(p.name.clone()), code_of(p.office)], true));
            sums.take_sums(&p.sums);
            i += 1;
        }
        if let Some(city) = city {
            let name = city.name().unwrap_or_default().to_string();
            rows.push(sums.row(vec![Value::text(m::report_subtotal(lang, name)), Value::text(city.to_string())], true));
        }
    }
    Section { heading: m::report_by_county(lang).into(), columns, rows, total: Some(total.to_vec()), empty: None }
}
