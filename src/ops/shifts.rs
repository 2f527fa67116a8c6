//! Volunteer shifts: marking one served or absent.

use crate::db::{DbError, DbResult, Store};
use crate::domain::{Kind, Shift, ShiftStatus};

/// Marks the shift `code` served or absent (one update, with its audit row).
pub fn mark(store: &mut Store, code: &str, status: ShiftStatus) -> DbResult<()> {
    let Some(seen) = store.get::<Shift>(code)? else {
        return Err(DbError::NotFound { kind: Kind::Shift, code: code.to_string() });
    };
    let marked = Shift { status, ..seen.clone() };
    store.update_from(code, Some(&seen), &marked)
}
