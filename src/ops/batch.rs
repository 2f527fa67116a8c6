//! Saving a batch of donation slips typed in the console: one transaction, one change-set
//! (a row per slip), and serials that never clash.

use crate::db::{DbError, DbResult, Outcome, Store};
use crate::domain::{Donation, Kind, Rule};

use super::records::Record;

fn serial_prefix(day: &str) -> String {
    format!("LR{day}-")
}

/// The serial of the `n`th slip entered on `day` (`YYYYMMDD`): `LR20261129-0001`.
pub fn serial(day: &str, n: u64) -> String {
    format!("{}{n:04}", serial_prefix(day))
}

/// Writes the donations in one transaction as one change-set (a row per slip, and one for
/// the batch with its count and total), and
/// returns their serials. The serials `LR<day>-NNNN` are drawn inside the write lock,
/// after the last one of that day, so they are unique by construction; should one still
/// be taken, the whole batch is refused, never a slip skipped.
pub fn save_donations(store: &mut Store, donations: &[Donation], day: &str) -> DbResult<Vec<String>> {
    let mut batch = store.batch_of(crate::domain::ChangeKind::Batch, None)?;
    let first = batch.next_donation_serial(&serial_prefix(day))?;
    let mut refs = Vec::with_capacity(donations.len());
    for (n, d) in (first..).zip(donations) {
        let d = Donation { donation_ref: serial(day, n), ..d.clone() };
        match Record::Donation(d.clone()).put(&mut batch, false)? {
            Outcome::Inserted => refs.push(d.donation_ref),
            _ => {
                return Err(DbError::Rejected {
                    kind: Kind::Donation,
                    code: d.donation_ref,
                    field: crate::domain::kind::key::DONATION_REF,
                    rule: Rule::Duplicate,
                });
            }
        }
    }
    let total = donations.iter().fold(crate::domain::Money::ZERO, |t, d| {
        crate::domain::Money::from_fen(t.fen().saturating_add(d.amount.fen()))
    });
    batch.commit("batch_entry", &serde_json::json!({ "count": refs.len(), "total": total.plain() }))?;
    Ok(refs)
}
