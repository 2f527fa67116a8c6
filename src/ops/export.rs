//! Export: the database, or a consistent subset of it, as standard-template files;
//! and the blank template.

use std::path::Path;

use super::OpsError;
use crate::db::{Selection, Store, Stored};
use crate::domain::*;
use crate::template::cells::{Cell, ToCells};
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

/// What an export hides, as the screen of an inspection does: phone numbers (read-only
/// mode), and the names of private donors and of payees who are people (`--mask-names`).
/// A masked export is for reading; it does not import again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masking {
    pub phones: bool,
    pub names: bool,
}

impl Masking {
    pub const NONE: Masking = Masking { phones: false, names: false };

    pub fn any(self) -> bool {
        self.phones || self.names
    }

    /// Masks the cells of one record of `kind` in place.
    pub(crate) fn apply(self, kind: Kind, cells: &mut [Cell]) {
        use crate::domain::kind::{FieldType, key};
        use crate::domain::phone::{mask_name, mask_phone};
        use crate::domain::privacy::mask_people;
        let fields = kind.fields();
        let at = |k: &str| fields.iter().position(|f| f.key == k);
        for (i, f) in fields.iter().enumerate() {
            if self.phones
                && f.ty == FieldType::Phone
                && let Some(Cell::Text(t)) = cells.get_mut(i)
            {
                *t = mask_phone(t);
            }
            if self.phones
                && f.ty == FieldType::IdNumber
                && let Some(Cell::Text(t)) = cells.get_mut(i)
            {
                *t = crate::domain::id_number::mask_id_number(t);
            }
        }
        if !self.names {
            return;
        }
        match kind {
            Kind::Donation => {
                let kind = at(key::DONOR_TYPE)
                    .and_then(|i| cells.get(i))
                    .map(|c| DonorType::parse(&c.text()).unwrap_or_default())
                    .unwrap_or_default();
                if let Some(Cell::Text(n)) = at(key::DONOR_NAME).and_then(|i| cells.get_mut(i))
                    && n != ANONYMOUS
                {
                    match kind {
                        DonorType::Individual | DonorType::NativeVillager => *n = mask_name(n),
                        DonorType::Other => *n = mask_people(n),
                        DonorType::Company | DonorType::Organisation => {}
                    }
                }
            }
            Kind::Disbursement => {
                if let Some(Cell::Text(p)) = at(key::PAYEE).and_then(|i| cells.get_mut(i)) {
                    *p = mask_people(p);
                }
            }
            _ => {}
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

#[allow(clippy::too_many_arguments)]
fn sheet<R: Stored + ToCells>(
    store: &Store,
    sel: &Selection,
    masking: Masking,
    w: &mut dyn SheetWriter,
    counts: &mut ExportCounts,
    progress: &mut dyn FnMut(u64, u64),
    done: &mut u64,
    total: u64,
) -> Result<(), OpsError> {
    w.begin(&SheetSpec::of(<R as Stored>::KIND))?;
    let mut n = 0u64;
    store.each_selected::<R, OpsError>(sel, |rec| {
        let mut cells = rec.cells();
        if masking.any() {
            masking.apply(<R as Stored>::KIND, &mut cells);
        }
        w.row(&cells)?;
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
    export_masked(store, out, format, sel, Masking::NONE, progress)
}

/// [`export`], hiding what `masking` says.
pub fn export_masked(
    store: &Store,
    out: &Path,
    format: Format,
    sel: &Selection,
    masking: Masking,
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
    let office = source_office(store)?;
    let mut w = writer_for(out, format)?;
    let mut counts = Vec::new();
    let mut done = 0;
    sheet::<Village>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Project>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Donation>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Disbursement>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Volunteer>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Shift>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<CarryOver>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    sheet::<Disclosure>(store, sel, masking, w.as_mut(), &mut counts, progress, &mut done, total)?;
    source_sheets(store, sel, office, w.as_mut())?;
    w.finish()?;
    progress(total, total);
    Ok(counts)
}

/// Where the export comes from (`来源`: the office in focus, now, the period, the format
/// version) and, for an export from a date, each selected project's balance the day
/// before (`期初余额`), so that the export imports on its own.
fn source_sheets(
    store: &Store,
    sel: &Selection,
    office: Option<(DivisionCode, String)>,
    w: &mut dyn SheetWriter,
) -> Result<(), OpsError> {
    use crate::template::source::{OPENING_HEADERS, OPENING_SHEET, SOURCE_SHEET, source_rows};
    let now = chrono::Local::now().naive_local();
    let rows = source_rows(office.as_ref().map(|(c, n)| (*c, n.as_str())), now, sel.from, sel.to);
    let mut rows = rows.into_iter();
    let first = rows.next().unwrap_or_default();
    let spec = SheetSpec {
        name: SOURCE_SHEET.to_string(),
        headers: first.iter().map(Cell::text).collect(),
        types: vec![None, None],
        required: vec![false, false],
    };
    w.begin(&spec)?;
    for row in rows {
        w.row(&row)?;
    }
    let Some(from) = sel.from else { return Ok(()) };
    let spec = SheetSpec {
        name: OPENING_SHEET.to_string(),
        headers: OPENING_HEADERS.iter().map(|(zh, _)| zh.to_string()).collect(),
        types: vec![Some(crate::domain::kind::FieldType::Code), Some(crate::domain::kind::FieldType::Money)],
        required: vec![true, true],
    };
    w.begin(&spec)?;
    for (code, fen) in store.balances_before(sel, from)? {
        w.row(&[Cell::Text(code), Cell::Money(Money::from_fen(fen))])?;
    }
    Ok(())
}

/// The office an export says it comes from: the county in focus (a city re-sending a
/// county's records), else the database's own. Refused, before any file is written, when
/// the database holds villages and no office can be named (`xingfu init --office`; the
/// console asks).
fn source_office(store: &Store) -> Result<Option<(DivisionCode, String)>, OpsError> {
    let office = match store.focus() {
        Some(county) => {
            let name = store.held_office(county)?.map(|h| h.name).or_else(|| county.name().map(str::to_string));
            Some((county, name.unwrap_or_default()))
        }
        None => store.office_or_inferred()?.map(|o| (o.code, o.name)),
    };
    if office.is_none() && store.own_villages()? > 0 {
        return Err(crate::db::DbError::Office(crate::domain::division::OfficeRefusal::NoOffice).into());
    }
    Ok(office)
}

/// Writes the blank template: every sheet with its headers (and, in XLSX, 填写说明).
pub fn write_blank_template(out: &Path, format: Format) -> Result<(), WriteError> {
    let mut w = writer_for(out, format)?;
    for kind in Kind::ALL {
        w.begin(&SheetSpec::of(kind))?;
    }
    w.finish()
}
