//! Any record kind behind one type, for code that works on whichever kind the operator
//! is looking at (forms, import).

use crate::db::{DbResult, Store};
use crate::domain::row::Source;
use crate::domain::*;
use crate::template::cells::ToCells;

/// A record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Village(Village),
    Project(Project),
    Donation(Donation),
    Disbursement(Disbursement),
    Volunteer(Volunteer),
    Shift(Shift),
    CarryOver(CarryOver),
    Disclosure(Disclosure),
}

/// Calls `$body` with the inner record bound to `$r`, whatever the kind.
macro_rules! each {
    ($rec:expr, $r:ident => $body:expr) => {
        match $rec {
            Record::Village($r) => $body,
            Record::Project($r) => $body,
            Record::Donation($r) => $body,
            Record::Disbursement($r) => $body,
            Record::Volunteer($r) => $body,
            Record::Shift($r) => $body,
            Record::CarryOver($r) => $body,
            Record::Disclosure($r) => $body,
        }
    };
}

impl Record {
    /// Parses and checks a record of `kind` from its field values.
    pub fn parse<S: Source + ?Sized>(kind: Kind, src: &S) -> Result<Record, Vec<FieldError>> {
        Ok(match kind {
            Kind::Village => Record::Village(Village::parse(src)?),
            Kind::Project => Record::Project(Project::parse(src)?),
            Kind::Donation => Record::Donation(Donation::parse(src)?),
            Kind::Disbursement => Record::Disbursement(Disbursement::parse(src)?),
            Kind::Volunteer => Record::Volunteer(Volunteer::parse(src)?),
            Kind::Shift => Record::Shift(Shift::parse(src)?),
            Kind::CarryOver => Record::CarryOver(CarryOver::parse(src)?),
            Kind::Disclosure => Record::Disclosure(Disclosure::parse(src)?),
        })
    }

    /// A record of `kind` from the JSON the audit log holds; `None` when it does not read.
    pub fn from_json(kind: Kind, json: &str) -> Option<Record> {
        fn read<T: serde::de::DeserializeOwned>(json: &str) -> Option<T> {
            serde_json::from_str(json).ok()
        }
        Some(match kind {
            Kind::Village => Record::Village(read(json)?),
            Kind::Project => Record::Project(read(json)?),
            Kind::Donation => Record::Donation(read(json)?),
            Kind::Disbursement => Record::Disbursement(read(json)?),
            Kind::Volunteer => Record::Volunteer(read(json)?),
            Kind::Shift => Record::Shift(read(json)?),
            Kind::CarryOver => Record::CarryOver(read(json)?),
            Kind::Disclosure => Record::Disclosure(read(json)?),
        })
    }

    /// The record with `code`, if any.
    pub fn load(store: &Store, kind: Kind, code: &str) -> DbResult<Option<Record>> {
        Ok(match kind {
            Kind::Village => store.get::<Village>(code)?.map(Record::Village),
            Kind::Project => store.get::<Project>(code)?.map(Record::Project),
            Kind::Donation => store.get::<Donation>(code)?.map(Record::Donation),
            Kind::Disbursement => store.get::<Disbursement>(code)?.map(Record::Disbursement),
            Kind::Volunteer => store.get::<Volunteer>(code)?.map(Record::Volunteer),
            Kind::Shift => store.get::<Shift>(code)?.map(Record::Shift),
            Kind::CarryOver => store.get::<CarryOver>(code)?.map(Record::CarryOver),
            Kind::Disclosure => store.get::<Disclosure>(code)?.map(Record::Disclosure),
        })
    }

    /// What the record is, in a few words, for a question about it: a donation's donor,
    /// amount and date; a disbursement's payee, amount and date; a name or title.
    pub fn summary(&self, lang: Lang) -> String {
        let donor = |d: &Donation| {
            d.donor_name.clone().unwrap_or_else(|| crate::domain::messages::report_anonymous(lang).into())
        };
        match self {
            Record::Village(v) => v.name.clone(),
            Record::Project(p) => p.title.clone(),
            Record::Donation(d) => format!("{} {} {}", donor(d), d.amount.display(), d.donated_on),
            Record::Disbursement(d) => format!("{} {} {}", d.payee, d.amount.display(), d.paid_on),
            Record::Volunteer(v) => v.name.clone(),
            Record::Shift(s) => format!("{} {} {}", s.volunteer_code, s.shift_date, s.activity),
            Record::CarryOver(c) => {
                format!("{} → {} {} {}", c.from_project, c.to_project, c.amount.display(), c.transferred_on)
            }
            Record::Disclosure(d) => format!("{} {}–{}", d.project_code, d.period_from, d.period_to),
        }
    }

    /// The record's code (its key).
    pub fn code(&self) -> &str {
        each!(self, r => crate::db::Stored::code(r))
    }

    pub fn kind(&self) -> Kind {
        each!(self, r => <_ as ToCells>::kind_of(r))
    }

    /// The field values as text, in the template's column order (as in files).
    pub fn texts(&self) -> Vec<String> {
        self.cells().iter().map(|c| c.text()).collect()
    }

    /// The field values as typed cells, in the template's column order.
    pub fn cells(&self) -> Vec<crate::template::Cell> {
        each!(self, r => r.cells())
    }

    pub fn insert(&self, store: &mut Store) -> DbResult<i64> {
        each!(self, r => store.insert(r))
    }

    /// Replaces the record that has `code`. With `seen` (the record as the operator's
    /// form showed it), the save is refused with `DbError::Changed` when someone else
    /// saved the record in between.
    pub fn update(&self, store: &mut Store, code: &str, seen: Option<&Record>) -> DbResult<()> {
        macro_rules! seen {
            ($variant:ident) => {
                match seen {
                    Some(Record::$variant(s)) => Some(s),
                    _ => None,
                }
            };
        }
        match self {
            Record::Village(r) => store.update_from(code, seen!(Village), r),
            Record::Project(r) => store.update_from(code, seen!(Project), r),
            Record::Donation(r) => store.update_from(code, seen!(Donation), r),
            Record::Disbursement(r) => store.update_from(code, seen!(Disbursement), r),
            Record::Volunteer(r) => store.update_from(code, seen!(Volunteer), r),
            Record::Shift(r) => store.update_from(code, seen!(Shift), r),
            Record::CarryOver(r) => store.update_from(code, seen!(CarryOver), r),
            Record::Disclosure(r) => store.update_from(code, seen!(Disclosure), r),
        }
    }

    /// Deletes the record of `kind` with `code`.
    pub fn delete(store: &mut Store, kind: Kind, code: &str) -> DbResult<()> {
        match kind {
            Kind::Village => store.delete::<Village>(code),
            Kind::Project => store.delete::<Project>(code),
            Kind::Donation => store.delete::<Donation>(code),
            Kind::Disbursement => store.delete::<Disbursement>(code),
            Kind::Volunteer => store.delete::<Volunteer>(code),
            Kind::Shift => store.delete::<Shift>(code),
            Kind::CarryOver => store.delete::<CarryOver>(code),
            Kind::Disclosure => store.delete::<Disclosure>(code),
        }
    }

    /// Reads the stored records of `codes` of `kind` in one query, for the puts that follow.
    pub fn prefetch(batch: &mut crate::db::Batch<'_>, kind: Kind, codes: &[&str]) -> DbResult<()> {
        match kind {
            Kind::Village => batch.prefetch::<Village>(codes),
            Kind::Project => batch.prefetch::<Project>(codes),
            Kind::Donation => batch.prefetch::<Donation>(codes),
            Kind::Disbursement => batch.prefetch::<Disbursement>(codes),
            Kind::Volunteer => batch.prefetch::<Volunteer>(codes),
            Kind::Shift => batch.prefetch::<Shift>(codes),
            Kind::CarryOver => batch.prefetch::<CarryOver>(codes),
            Kind::Disclosure => batch.prefetch::<Disclosure>(codes),
        }
    }

    /// Removes the records of `kind` of the office in focus that are not in `kept` (row
    /// ids): a county's records its newer export no longer holds.
    pub fn sweep(batch: &mut crate::db::Batch<'_>, kind: Kind, kept: &mut [i64]) -> DbResult<crate::db::Swept> {
        match kind {
            Kind::Village => batch.sweep::<Village>(kept),
            Kind::Project => batch.sweep::<Project>(kept),
            Kind::Donation => batch.sweep::<Donation>(kept),
            Kind::Disbursement => batch.sweep::<Disbursement>(kept),
            Kind::Volunteer => batch.sweep::<Volunteer>(kept),
            Kind::Shift => batch.sweep::<Shift>(kept),
            Kind::CarryOver => batch.sweep::<CarryOver>(kept),
            Kind::Disclosure => batch.sweep::<Disclosure>(kept),
        }
    }

    /// Writes the record in a batch (import semantics).
    pub fn put(&self, batch: &mut crate::db::Batch<'_>, update: bool) -> DbResult<crate::db::Outcome> {
        each!(self, r => batch.put(r, update))
    }
}
