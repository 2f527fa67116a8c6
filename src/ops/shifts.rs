//! Volunteer shifts: marking one served or absent.

use chrono::NaiveDate;

use crate::db::{DbError, DbResult, Store};
use crate::domain::kind::key;
use crate::domain::{Kind, Rule, Shift, ShiftStatus};

/// Marks the shift `code` served or absent (one update, with its audit row). A shift
/// still to come cannot have been served.
pub fn mark(store: &mut Store, code: &str, status: ShiftStatus, today: NaiveDate) -> DbResult<()> {
    let Some(seen) = store.get::<Shift>(code)? else {
        return Err(DbError::NotFound { kind: Kind::Shift, code: code.to_string() });
    };
    let marked = Shift { status, ..seen.clone() };
    not_served_ahead(&marked, today)?;
    store.update_from(code, Some(&seen), &marked)
}

/// Refuses a shift marked served on a day still to come.
pub fn not_served_ahead(shift: &Shift, today: NaiveDate) -> DbResult<()> {
    if shift.status == ShiftStatus::Served && shift.shift_date > today {
        return Err(DbError::Rejected {
            kind: Kind::Shift,
            code: shift.shift_ref.clone(),
            field: key::STATUS,
            rule: Rule::ServedAhead { date: shift.shift_date },
        });
    }
    Ok(())
}
