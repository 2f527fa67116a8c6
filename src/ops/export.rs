//! Export: the database, or a consistent subset of it, as standard-template files;
//! and the blank template.

use std::path::Path;

use super::OpsError;
use crate::db::{Selection, Store, Stored};
use crate::domain::*;
use crate::template::cells::ToCells;
use crate::template::write::{CsvEncoding, SheetSpec, SheetWriter, WriteError, open_writer};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    /// A folder with one CSV file per sheet.
    Csv(CsvEncoding),
}

impl Format {
    /// The format `out` implies: `.xlsx` is a workbook, anything else a CSV folder.
    pub fn from_path(out: &Path, encoding: CsvEncoding) -> Format {
        match out.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
            _ => Format::Csv(encoding),
        }
    }
}

/// How many rows of each kind were written.
pub type ExportCounts = Vec<(Kind, u64)>;

fn writer_for(out: &Path, format: Format) -> Result<Box<dyn SheetWriter>, WriteError> {
    match format {
        Format::Xlsx => open_writer(out, true, CsvEncoding::Utf8Bom),
        Format::Csv(enc) => open_writer(out, false, enc),
    }
}

fn sheet<R: Stored + ToCells>(
    store: &Store,
    sel: &Selection,
    w: &mut dyn SheetWriter,
    counts: &mut ExportCounts,
    progress: &mut dyn FnMut(u64, u64),
    done: &mut u64,
    total: u64,
) -> Result<(), OpsError> {
    w.begin(&SheetSpec::of(<R as Stored>::KIND))?;
    let mut n = 0u64;
    store.each_selected::<R, OpsError>(sel, |rec| {
        w.row(&rec.cells())?;
        n += 1;
        *done += 1;
        if done.is_multiple_of(4096) {
            progress(*done, total);
        }
        Ok(())
    })?;
    counts.push((<R as Stored>::KIND, n));
    Ok(())
}

/// Writes the selected records to `out`; `progress(done, total)` as rows are written.
pub fn export(
    store: &Store,
    out: &Path,
    format: Format,
    sel: &Selection,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportCounts, OpsError> {
    let total = store.count_selected::<Village>(sel)?
        + store.count_selected::<Project>(sel)?
        + store.count_selected::<Donation>(sel)?
        + store.count_selected::<Disbursement>(sel)?
        + store.count_selected::<Volunteer>(sel)?
        + store.count_selected::<Shift>(sel)?
        + store.count_selected::<CarryOver>(sel)?
        + store.count_selected::<Disclosure>(sel)?;
    let mut w = writer_for(out, format)?;
    let mut counts = Vec::new();
    let mut done = 0;
    sheet::<Village>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Project>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Donation>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Disbursement>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Volunteer>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Shift>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<CarryOver>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Disclosure>(store, sel, w.as_mut(), &mut counts, progress, &mut done, total)?;
    w.finish()?;
    progress(total, total);
    Ok(counts)
}

/// Writes the blank template: every sheet with its headers (and, in XLSX, 填写说明).
pub fn write_blank_template(out: &Path, format: Format) -> Result<(), WriteError> {
    let mut w = writer_for(out, format)?;
    for kind in Kind::ALL {
        w.begin(&SheetSpec::of(kind))?;
    }
    w.finish()
}
