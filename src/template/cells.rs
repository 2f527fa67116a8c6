//! Records as rows of typed cells, in the template's column order.

use chrono::NaiveDate;

use crate::domain::shown::{Lines, shown};
use crate::domain::*;

/// One cell to write: typed, so XLSX gets numbers and dates, CSV their text forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Money(Money),
    Date(NaiveDate),
    Int(i64),
    Hours(Hours),
}

impl Cell {
    /// The text written to CSV (before formula protection).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Money(m) => m.plain(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Hours(h) => h.to_string(),
        }
    }
}

/// A text as exports write it: safe to show ([`shown`]), so no control or bidi character
/// reaches a spreadsheet even when one reached the database some other way. Line breaks
/// stay (a note's are its own); values that passed the template's rules are unchanged.
fn t(s: &str) -> Cell {
    Cell::Text(shown(s, Lines::Many).into_owned())
}

fn ot(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, t)
}

fn od(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

fn oi(i: Option<i64>) -> Cell {
    i.map_or(Cell::Empty, Cell::Int)
}

/// A record that can be written as a template row.
pub trait ToCells {
    const KIND: Kind;
    fn cells(&self) -> Vec<Cell>;

    /// The record's kind.
    fn kind_of(&self) -> Kind {
        Self::KIND
    }
}

impl ToCells for Village {
    const KIND: Kind = Kind::Village;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.code),
            t(&self.name),
            t(&self.town),
            t(&self.county),
            ot(&self.city),
            ot(&self.contact_name),
            ot(&self.contact_phone),
            oi(self.households),
            oi(self.population),
            od(self.joined_on),
            t(self.status.label_zh()),
            ot(&self.note),
        ]
    }
}

impl ToCells for Project {
    const KIND: Kind = Kind::Project;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.code),
            t(&self.village_code),
            t(&self.title),
            t(self.category.label_zh()),
            Cell::Money(self.target),
            Cell::Date(self.start_date),
            od(self.end_date),
            t(self.status.label_zh()),
            ot(&self.platform),
            oi(self.beneficiaries),
            ot(&self.manager),
            ot(&self.description),
        ]
    }
}

impl ToCells for Donation {
    const KIND: Kind = Kind::Donation;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.donation_ref),
            t(&self.project_code),
            t(self.donor_label()),
            t(self.donor_type.label_zh()),
            ot(&self.donor_phone),
            ot(&self.donor_code),
            Cell::Money(self.amount),
            Cell::Date(self.donated_on),
            t(self.channel.label_zh()),
            t(YesNo::from_bool(self.matching).label_zh()),
            ot(&self.receipt_code),
            ot(&self.receipt_no),
            ot(&self.note),
        ]
    }
}

impl ToCells for Disbursement {
    const KIND: Kind = Kind::Disbursement;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.disbursement_ref),
            t(&self.project_code),
            Cell::Money(self.amount),
            Cell::Date(self.paid_on),
            t(&self.payee),
            t(&self.purpose),
            ot(&self.handled_by),
            ot(&self.note),
        ]
    }
}

impl ToCells for Volunteer {
    const KIND: Kind = Kind::Volunteer;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.code),
            t(&self.name),
            t(&self.village_code),
            self.gender.map_or(Cell::Empty, |g| t(g.label_zh())),
            ot(&self.phone),
            ot(&self.id_number),
            ot(&self.skills),
            od(self.registered_on),
            t(self.status.label_zh()),
        ]
    }
}

impl ToCells for Shift {
    const KIND: Kind = Kind::Shift;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.shift_ref),
            t(&self.volunteer_code),
            Cell::Date(self.shift_date),
            self.start_time.map_or(Cell::Empty, |tm| t(&tm.format("%H:%M").to_string())),
            Cell::Hours(self.hours),
            t(&self.activity),
            ot(&self.project_code),
            t(self.status.label_zh()),
        ]
    }
}

impl ToCells for CarryOver {
    const KIND: Kind = Kind::CarryOver;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.transfer_ref),
            t(&self.from_project),
            t(&self.to_project),
            Cell::Money(self.amount),
            Cell::Date(self.transferred_on),
            t(&self.reason),
            ot(&self.approved_by),
            ot(&self.approval_ref),
            ot(&self.note),
        ]
    }
}

impl ToCells for Disclosure {
    const KIND: Kind = Kind::Disclosure;
    fn cells(&self) -> Vec<Cell> {
        vec![
            t(&self.disclosure_ref),
            t(&self.project_code),
            t(self.kind.label_zh()),
            Cell::Date(self.period_from),
            Cell::Date(self.period_to),
            Cell::Date(self.published_on),
            t(self.channel.label_zh()),
            ot(&self.note),
        ]
    }
}

/// The cells of any record.
pub fn record_cells<R: ToCells>(r: &R) -> Vec<Cell> {
    r.cells()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cell_per_template_column() {
        assert_eq!(Village::default().cells().len(), Kind::Village.fields().len());
        assert_eq!(Project::default().cells().len(), Kind::Project.fields().len());
        assert_eq!(Donation::default().cells().len(), Kind::Donation.fields().len());
        assert_eq!(Disbursement::default().cells().len(), Kind::Disbursement.fields().len());
        assert_eq!(Volunteer::default().cells().len(), Kind::Volunteer.fields().len());
        assert_eq!(Shift::default().cells().len(), Kind::Shift.fields().len());
        assert_eq!(CarryOver::default().cells().len(), Kind::CarryOver.fields().len());
        assert_eq!(Disclosure::default().cells().len(), Kind::Disclosure.fields().len());
    }
}
