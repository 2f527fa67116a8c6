//! Writing sheets, row by row, to CSV folders or XLSX workbooks.

use std::path::Path;

use crate::domain::Kind;
use crate::domain::kind::FieldType;

use super::cells::Cell;

/// What can go wrong while writing files.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("more than 1,048,575 rows in sheet {0}: export CSV instead")]
    TooManyRows(String),
}

/// CSV text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvEncoding {
    /// UTF-8 with a BOM, which Excel opens correctly.
    #[default]
    Utf8Bom,
    Gb18030,
}

/// The columns of a sheet to write.
#[derive(Debug, Clone)]
pub struct SheetSpec {
    pub name: String,
    pub headers: Vec<String>,
    pub types: Vec<Option<FieldType>>,
    /// Which headers are required (drawn in bold red in XLSX).
    pub required: Vec<bool>,
}

impl SheetSpec {
    /// The template's sheet of `kind`.
    pub fn of(kind: Kind) -> SheetSpec {
        SheetSpec {
            name: kind.sheet().to_string(),
            headers: kind.fields().iter().map(|f| f.header.to_string()).collect(),
            types: kind.fields().iter().map(|f| Some(f.ty)).collect(),
            required: kind.fields().iter().map(|f| f.required).collect(),
        }
    }
}

/// A destination for sheets written one row at a time.
pub trait SheetWriter {
    fn begin(&mut self, spec: &SheetSpec) -> Result<(), WriteError>;
    fn row(&mut self, cells: &[Cell]) -> Result<(), WriteError>;
    /// Finishes the files; nothing is complete before this.
    fn finish(self: Box<Self>) -> Result<(), WriteError>;
}

/// Opens a writer for `out`: an `.xlsx` file, or a folder of CSV files.
pub fn open_writer(out: &Path, xlsx: bool, encoding: CsvEncoding) -> Result<Box<dyn SheetWriter>, WriteError> {
    if xlsx {
        Ok(Box::new(super::write_xlsx::XlsxWriter::new(out)))
    } else {
        Ok(Box::new(super::write_csv::CsvFolderWriter::new(out, encoding)?))
    }
}
