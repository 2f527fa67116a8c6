//! Which records of an import go where (format version 2: offices and periods).
//!
//! A county database (or one with no office yet) takes files as before: a village's
//! template, its own export, a period export with its opening balances. A city or
//! province database takes its counties' exports: each export (a path the operator
//! named, with its 来源) becomes a unit of the import, written in focus on that county's
//! records, which it replaces as one unit. What cannot go in is refused here, before any
//! row is read, with the reason and what to do.

use std::collections::HashMap;

use crate::domain::Office;
use crate::domain::division::{DivisionCode, Level};
use crate::template::read::ReadResult;
use crate::template::source::{FORMAT_VERSION, Source, SourceIssue};
use crate::template::{Issue, Problem};

/// One export of an import, or everything of an import without exports.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its sheets (indices into the read sheets), in the order they are written.
    pub sheets: Vec<usize>,
    /// Its 期初余额 sheets (indices into the read opening sheets).
    pub openings: Vec<usize>,
    /// Its 来源, when it has one.
    pub source: Option<Source>,
    /// The county whose records it replaces (a roll-up); `None`: the database's own.
    pub county: Option<DivisionCode>,
    /// The office to name the database after, when it has none yet.
    pub names: Option<Office>,
}

/// The office's name in messages (empty: this database, which has none yet).
fn office_words(own: Option<&Office>) -> String {
    own.map(|o| o.name.clone()).unwrap_or_default()
}

/// Splits an import into units, or refuses it: (units, problems). `order` is every sheet
/// in writing order; `own` the database's office.
pub fn plan(read: &ReadResult, order: &[usize], own: Option<&Office>) -> (Vec<Unit>, Vec<Problem>) {
    let mut problems = Vec::new();
    let refuse = |s: &Source, issue: SourceIssue| s.problem(Issue::Source(issue));
    // A newer format is refused whatever the database.
    for s in &read.sources {
        if let Some(found) = s.format_version.filter(|v| *v > FORMAT_VERSION) {
            problems.push(refuse(s, SourceIssue::NewerFormat { found }));
        }
    }
    // One 来源 per path; two exports of one office in one import are refused.
    let mut by_origin: HashMap<usize, &Source> = HashMap::new();
    let mut by_office: HashMap<DivisionCode, &Source> = HashMap::new();
    for s in &read.sources {
        if let Some(other) = by_origin.insert(s.origin, s) {
            problems.push(refuse(s, SourceIssue::TwoSources { other: other.file.clone() }));
        }
        if let Some(code) = s.office_code
            && let Some(other) = by_office.insert(code, s)
        {
            let name = s.office_name.clone().unwrap_or_else(|| code.name().unwrap_or_default().to_string());
            problems.push(refuse(s, SourceIssue::SameCountyTwice { name, code, other: other.file.clone() }));
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let all_sheets = |origin: Option<usize>| -> Vec<usize> {
        order.iter().copied().filter(|&i| origin.is_none_or(|o| read.origins.get(i) == Some(&o))).collect()
    };
    let all_openings = |origin: Option<usize>| -> Vec<usize> {
        (0..read.openings.len()).filter(|&i| origin.is_none_or(|o| read.openings[i].origin == o)).collect()
    };
    let rolls_up = own.is_some_and(Office::rolls_up);
    let mut units = Vec::new();
    if !rolls_up {
        // A county's database: everything is one unit of its own records.
        let codes: Vec<DivisionCode> = by_office.keys().copied().collect();
        for s in &read.sources {
            let Some(code) = s.office_code else { continue };
            let name = s.office_name.clone().unwrap_or_else(|| code.name().unwrap_or_default().to_string());
            match own {
                Some(o) if o.code != code => {
                    problems.push(refuse(s, SourceIssue::OtherOffice { name, code, office: office_words(own) }))
                }
                None if codes.len() > 1 => problems.push(refuse(s, SourceIssue::UnnamedRollup)),
                _ => {}
            }
        }
        let source = read.sources.first().cloned();
        let names = match (own, &source) {
            (None, Some(s)) => s.office_code.map(|code| Office {
                code,
                name: s.office_name.clone().unwrap_or_else(|| code.name().unwrap_or_default().to_string()),
            }),
            _ => None,
        };
        units.push(Unit { sheets: all_sheets(None), openings: all_openings(None), source, county: None, names });
    } else {
        let own = own.expect("a database that rolls up has an office");
        let office = own.name.clone();
        if read.sources.is_empty() {
            let file =
                read.sheets.first().map(|s| s.file.clone()).or_else(|| read.openings.first().map(|o| o.file.clone()));
            if let Some(file) = file {
                problems.push(Problem::file(&file, Issue::Source(SourceIssue::NoSourceForRollup { office })));
            }
            return (Vec::new(), problems);
        }
        // Files that came in a path without a 来源 belong to no export.
        let mut orphans: Vec<&str> = read
            .sheets
            .iter()
            .zip(&read.origins)
            .filter(|(_, o)| !by_origin.contains_key(o))
            .map(|(s, _)| s.file.as_str())
            .chain(read.openings.iter().filter(|o| !by_origin.contains_key(&o.origin)).map(|o| o.file.as_str()))
            .collect();
        orphans.dedup();
        for file in orphans {
            problems.push(Problem::file(file, Issue::Source(SourceIssue::FilesWithoutSource)));
        }
        for s in &read.sources {
            let Some(code) = s.office_code else {
                problems.push(refuse(s, SourceIssue::NoOfficeForRollup { office: office.clone() }));
                continue;
            };
            let name = s.office_name.clone().unwrap_or_else(|| code.name().unwrap_or_default().to_string());
            let county = if code == own.code {
                None
            } else if code.level() != Level::County {
                problems.push(refuse(s, SourceIssue::NotACounty { name, code }));
                continue;
            } else if !own.code.contains(code) {
                problems.push(refuse(s, SourceIssue::NotUnder { county: name, code, office: office.clone() }));
                continue;
            } else {
                Some(code)
            };
            units.push(Unit {
                sheets: all_sheets(Some(s.origin)),
                openings: all_openings(Some(s.origin)),
                source: Some(s.clone()),
                county,
                names: None,
            });
        }
    }
    // Opening balances belong to a period export.
    for u in &units {
        let from = u.source.as_ref().and_then(|s| s.period_from);
        if from.is_none() {
            for &i in &u.openings {
                let o = &read.openings[i];
                let p = Problem {
                    sheet: o.sheet.clone(),
                    ..Problem::file(&o.file, Issue::Source(SourceIssue::OpeningWithoutPeriod))
                };
                problems.push(p);
            }
        }
    }
    if problems.iter().any(|p| !p.is_warning()) {
        units.clear();
    }
    (units, problems)
}
