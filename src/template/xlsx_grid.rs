//! One worksheet's cells, read sparsely: only cells that hold something are kept, so a
//! single value in XFD1048576 costs one cell, not a dense range of 17 billion.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use calamine::{Data, DataRef, Dimensions, Xlsx};

/// The last row and column an XLSX sheet can have (0-based: 1,048,576 rows, 16,384 columns).
pub const MAX_ROW: u32 = 1_048_575;
pub const MAX_COL: u32 = 16_383;

/// At most this many cells are filled in from merged ranges in one sheet.
const MAX_MERGE_FILLS: usize = 20_000_000;

/// Why a sheet could not be read.
#[derive(Debug)]
pub enum GridError {
    /// The XML is damaged (calamine's message).
    Unreadable(String),
    /// A cell or row beyond what XLSX allows, at (row, column), 0-based.
    BeyondLimits(u32, u32),
}

/// The non-empty cells of a sheet by row (0-based), each row's cells sorted by column.
#[derive(Debug, Default)]
pub struct Grid {
    pub rows: BTreeMap<u32, Vec<(u32, Data)>>,
    /// Cells holding a formula but no computed value, at (row, column).
    pub formulas_without_value: Vec<(u32, u32)>,
}

impl Grid {
    /// Streams the sheet's cells (never allocating by the sheet's declared dimension).
    pub fn read<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<Grid, GridError> {
        let unreadable = |e: calamine::XlsxError| GridError::Unreadable(e.to_string());
        let mut grid = Grid::default();
        let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
        while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(unreadable)? {
            let (row, col) = cell.pos;
            if row > MAX_ROW || col > MAX_COL {
                return Err(GridError::BeyondLimits(row, col));
            }
            let empty = matches!(cell.value, DataRef::Empty);
            if empty && cell.formula.is_some() {
                grid.formulas_without_value.push((row, col));
            }
            if empty || matches!(&cell.value, DataRef::String(s) if s.is_empty()) {
                continue;
            }
            grid.rows.entry(row).or_default().push((col, Data::from(cell.value)));
        }
        for cells in grid.rows.values_mut() {
            cells.sort_by_key(|(c, _)| *c);
            cells.dedup_by_key(|(c, _)| *c);
        }
        Ok(grid)
    }

    /// The value at (row, column), if any.
    pub fn get(&self, row: u32, col: u32) -> Option<&Data> {
        let cells = self.rows.get(&row)?;
        cells.binary_search_by_key(&col, |(c, _)| *c).ok().map(|i| &cells[i].1)
    }

    /// Fills merged ranges down: every row of a range below `header` (the header row)
    /// that holds something else gets the range's top-left value in the range's first
    /// column, when that column is before `width`. A 项目编号 merged over three donations
    /// gives each of them the code; a note merged across F:H stays one note in F (the other
    /// columns of a merged range are empty in every program's reading). `Err` when a file
    /// asks for more fills than any real sheet needs.
    pub fn fill_merged(&mut self, merged: &[Dimensions], header: u32, width: u32) -> Result<(), GridError> {
        let mut fills = 0usize;
        for m in merged {
            let (top, col) = m.start;
            let bottom = m.end.0;
            if top <= header || col >= width || bottom <= top {
                continue;
            }
            let Some(value) = self.get(top, col).cloned() else { continue };
            for (_, cells) in self.rows.range_mut(top + 1..=bottom) {
                if let Err(at) = cells.binary_search_by_key(&col, |(c, _)| *c) {
                    fills += 1;
                    if fills > MAX_MERGE_FILLS {
                        return Err(GridError::BeyondLimits(top, col));
                    }
                    cells.insert(at, (col, value.clone()));
                }
            }
        }
        Ok(())
    }
}
