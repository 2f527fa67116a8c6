//! Reading one CSV file's text into a header row and data rows, with the row numbers a
//! spreadsheet shows.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::escape::unprotect;
use super::sheet::RawRow;

/// Parses CSV text (comma-separated, quoted fields may hold newlines). Returns the header
/// cells and the non-empty data rows; `Err` with the parser's message on broken quoting.
pub fn parse_csv(text: &str) -> Result<(Vec<String>, Vec<RawRow>), String> {
    let mut rows = CsvRows::new(text);
    let header = rows.header()?;
    let mut out = Vec::new();
    while let Some((row, _)) = rows.next_row()? {
        out.push(row);
    }
    Ok((header, out))
}

/// The rows of a CSV file one at a time, with the row numbers a spreadsheet shows, so
/// that a file of a million rows is never held as rows — nor, read from a file, as text.
pub struct CsvRows<R: Read> {
    reader: csv::Reader<Recorder<R>>,
    record: csv::StringRecord,
    /// The spreadsheet row of the previous record.
    last_row: u32,
    header_read: bool,
}

/// What the CSV reader has read, from a little before the current record on: where the
/// blank lines before a record are counted. With `hash`, every byte also goes into a
/// SHA-256.
struct Recorder<R> {
    inner: R,
    kept: Vec<u8>,
    /// The offset of `kept[0]` in the input.
    base: u64,
    hash: Option<Sha256>,
}

impl<R: Read> Read for Recorder<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.kept.extend_from_slice(&out[..n]);
        if let Some(h) = self.hash.as_mut() {
            h.update(&out[..n]);
        }
        Ok(n)
    }
}

impl<R> Recorder<R> {
    /// How many blank lines stand at `start` (the byte where a record's position is).
    fn blank_lines_at(&mut self, start: u64) -> usize {
        let from = start.saturating_sub(1).max(self.base);
        let at = (from - self.base) as usize;
        let lines = blank_lines_at(&self.kept[at..], (start - from) as usize);
        // Forget what lies before, now and then (a copy per record would cost more).
        if at > 1 << 16 {
            self.kept.drain(..at);
            self.base = from;
        }
        lines
    }
}

impl<'a> CsvRows<&'a [u8]> {
    pub fn new(text: &'a str) -> CsvRows<&'a [u8]> {
        CsvRows::from_reader(text.as_bytes(), None)
    }
}

impl CsvRows<std::fs::File> {
    /// The rows of a UTF-8 file read from disk, from byte `skip` (after a BOM); `hash`,
    /// when given, gets every byte from there on.
    pub fn from_file(path: &Path, skip: u64, hash: Option<Sha256>) -> std::io::Result<CsvRows<std::fs::File>> {
        let mut file = std::fs::File::open(path)?;
        file.seek(SeekFrom::Start(skip))?;
        Ok(CsvRows::from_reader(file, hash))
    }
}

impl<R: Read> CsvRows<R> {
    fn from_reader(input: R, hash: Option<Sha256>) -> CsvRows<R> {
        let recorder = Recorder { inner: input, kept: Vec::new(), base: 0, hash };
        let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(recorder);
        CsvRows { reader, record: csv::StringRecord::new(), last_row: 0, header_read: false }
    }

    /// The SHA-256 of what was read, once every row has been.
    pub fn finish_hash(self) -> Option<Sha256> {
        self.reader.into_inner().hash
    }

    /// The next record as written: its row number and the byte where it starts (the blank
    /// lines before it included); `None` at the end.
    fn next_record(&mut self) -> Result<Option<(u32, u64)>, String> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => return Err(e.to_string()),
        }
        // The reader skips blank lines, which a spreadsheet shows as empty rows: a record's
        // position is where those blank lines begin.
        let start = self.record.position().map_or(0, |p| p.byte());
        let blank_lines = self.reader.get_mut().blank_lines_at(start);
        let number = self.last_row + 1 + blank_lines as u32;
        self.last_row = number;
        Ok(Some((number, start)))
    }

    /// The header cells (the first record; empty for an empty file).
    pub fn header(&mut self) -> Result<Vec<String>, String> {
        self.header_read = true;
        match self.next_record()? {
            Some(_) => Ok(self.record.iter().map(|f| unprotect(f).to_string()).collect()),
            None => Ok(Vec::new()),
        }
    }

    /// The next non-empty data row and the byte where it starts (for [`row_at`]).
    pub fn next_row(&mut self) -> Result<Option<(RawRow, u64)>, String> {
        if !self.header_read {
            self.header()?;
        }
        while let Some((number, start)) = self.next_record()? {
            let mut cells = csv::StringRecord::with_capacity(self.record.as_slice().len(), self.record.len());
            for field in self.record.iter() {
                cells.push_field(unprotect(field));
            }
            let row = RawRow { number, cells };
            if !row.is_empty() {
                return Ok(Some((row, start)));
            }
        }
        Ok(None)
    }

    /// Every non-empty record from here on, the first included (a file whose header is
    /// not its first row: title rows above it), with the row numbers a spreadsheet shows.
    pub fn all_rows(mut self) -> Result<Vec<RawRow>, String> {
        self.header_read = true;
        let mut out = Vec::new();
        while let Some((number, _)) = self.next_record()? {
            let mut cells = csv::StringRecord::with_capacity(self.record.as_slice().len(), self.record.len());
            for field in self.record.iter() {
                cells.push_field(unprotect(field));
            }
            let row = RawRow { number, cells };
            if !row.is_empty() {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Reads the whole input once without keeping anything: the header and the number of
    /// non-empty data rows, or the parser's message.
    pub fn count_rows(mut self) -> Result<(Vec<String>, u64), String> {
        let header = self.header()?;
        let mut n = 0;
        while self.next_record()?.is_some() {
            if !self.record.iter().all(|f| unprotect(f).trim().is_empty()) {
                n += 1;
            }
        }
        Ok((header, n))
    }
}

/// Reads one record at the start of `input`, as a row numbered `number`.
fn first_row<R: Read>(input: R, number: u32) -> Option<RawRow> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(input);
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).ok().filter(|read| *read)?;
    let mut cells = csv::StringRecord::with_capacity(record.as_slice().len(), record.len());
    for field in record.iter() {
        cells.push_field(unprotect(field));
    }
    Some(RawRow { number, cells })
}

/// The row that starts at byte `start` of `text` (as [`CsvRows::next_row`] gave it), with
/// its row number `number`.
pub fn row_at(text: &str, start: u64, number: u32) -> Option<RawRow> {
    first_row(text.as_bytes().get(start as usize..)?, number)
}

/// [`row_at`] in a file read from byte `skip`.
pub fn row_at_in_file(path: &Path, skip: u64, start: u64, number: u32) -> Option<RawRow> {
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(skip + start)).ok()?;
    first_row(std::io::BufReader::new(file), number)
}

/// How many line ends stand at `start` before the record (a `\n` that completes the
/// previous line's `\r\n` is not one).
fn blank_lines_at(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    if i > 0 && bytes.get(i - 1) == Some(&b'\r') && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut lines = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\r' => {
                lines += 1;
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => lines += 1,
            _ => break,
        }
        i += 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_numbers_match_the_spreadsheet() {
        let text = "a,b\n1,2\n\n3,\"x\ny\"\n,,\n5,6\n";
        let (h, rows) = parse_csv(text).unwrap_or_default();
        assert_eq!(h, ["a", "b"]);
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4, 6]);
        assert_eq!(&rows[1].cells[1], "x\ny");
    }

    #[test]
    fn streamed_rows_are_the_parsed_rows_and_can_be_read_again_where_they_start() {
        let text = "a,b\n1,2\n\n3,\"x\ny\"\n,,\n5,6\n";
        let (_, parsed) = parse_csv(text).unwrap_or_default();
        let mut rows = CsvRows::new(text);
        let mut streamed = Vec::new();
        while let Ok(Some((row, start))) = rows.next_row() {
            assert_eq!(row_at(text, start, row.number).as_ref(), Some(&row));
            streamed.push(row);
        }
        assert_eq!(streamed, parsed);
        assert_eq!(CsvRows::new(text).count_rows().map(|(_, n)| n), Ok(3));
    }

    #[test]
    fn windows_line_ends_are_one_row_each() {
        let text = "a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n5,6\r\n";
        let (_, rows) = parse_csv(text).unwrap_or_default();
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 4, 5]);
    }

    #[test]
    fn strips_formula_protection() {
        let (_, rows) = parse_csv("a\n'=1+1\n'abc\n").unwrap_or_default();
        assert_eq!(&rows[0].cells[0], "=1+1");
        assert_eq!(&rows[1].cells[0], "'abc");
    }
}
