//! A folder of CSV files, one per sheet, UTF-8 with BOM (or GB18030).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::cells::Cell;
use super::decode::encode_gb18030;
use super::escape::protect;
use super::write::{CsvEncoding, SheetSpec, SheetWriter, WriteError};

/// Passes UTF-8 through, or re-encodes it as GB18030 (holding back a character split
/// between two writes).
struct Encoded {
    file: BufWriter<File>,
    encoding: CsvEncoding,
    pending: Vec<u8>,
}

impl Write for Encoded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.encoding {
            CsvEncoding::Utf8Bom => self.file.write_all(buf)?,
            CsvEncoding::Gb18030 => {
                self.pending.extend_from_slice(buf);
                let valid = match std::str::from_utf8(&self.pending) {
                    Ok(s) => s.len(),
                    Err(e) => e.valid_up_to(),
                };
                let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
                self.file.write_all(&encode_gb18030(text))?;
                self.pending.drain(..valid);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Writes each sheet to `<folder>/<sheet name>.csv`.
pub struct CsvFolderWriter {
    dir: PathBuf,
    encoding: CsvEncoding,
    open: Option<csv::Writer<Encoded>>,
}

impl CsvFolderWriter {
    pub fn new(dir: &Path, encoding: CsvEncoding) -> Result<CsvFolderWriter, WriteError> {
        std::fs::create_dir_all(dir)?;
        Ok(CsvFolderWriter { dir: dir.to_path_buf(), encoding, open: None })
    }

    fn close(&mut self) -> Result<(), WriteError> {
        if let Some(mut w) = self.open.take() {
            w.flush()?;
        }
        Ok(())
    }

    fn write_record(&mut self, fields: impl Iterator<Item = String>) -> Result<(), WriteError> {
        if let Some(w) = self.open.as_mut() {
            w.write_record(fields.map(|f| protect(&f).into_owned()))?;
        }
        Ok(())
    }
}

impl SheetWriter for CsvFolderWriter {
    fn begin(&mut self, spec: &SheetSpec) -> Result<(), WriteError> {
        self.close()?;
        let path = self.dir.join(format!("{}.csv", spec.name));
        let mut file = BufWriter::new(File::create(path)?);
        if self.encoding == CsvEncoding::Utf8Bom {
            file.write_all(b"\xEF\xBB\xBF")?;
        }
        let sink = Encoded { file, encoding: self.encoding, pending: Vec::new() };
        self.open = Some(csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(sink));
        self.write_record(spec.headers.iter().cloned())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), WriteError> {
        self.write_record(cells.iter().map(Cell::text))
    }

    fn finish(mut self: Box<Self>) -> Result<(), WriteError> {
        self.close()
    }
}
