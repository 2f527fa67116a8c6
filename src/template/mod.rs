//! The standard project template (`TEMPLATE.md`): reading CSV and XLSX files into rows of
//! text, recognising sheets and columns, the problem report, and writing CSV and XLSX.
//!
//! Nothing here touches the database: `ops::import` and `ops::export` join the two.

pub mod adapt;
pub mod cells;
pub mod decode;
pub mod escape;
pub mod foreign;
pub mod instructions;
pub mod mapping;
pub mod preset;
pub mod problem;
pub mod read;
pub mod read_csv;
pub mod read_xlsx;
pub mod returned;
pub mod sheet;
pub mod source;
pub mod write;
pub mod write_csv;
pub mod write_xlsx;
pub mod xlsx_grid;
pub mod xlsx_stream;

pub use cells::{Cell, record_cells};
pub use problem::{Issue, Problem};
pub use sheet::{Column, RawRow, Sheet};
