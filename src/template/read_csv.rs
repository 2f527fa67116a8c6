//! Reading one CSV file's text into a header row and data rows, with the row numbers a
//! spreadsheet shows.

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

/// The rows of CSV text one at a time, with the row numbers a spreadsheet shows, so that
/// a file of a million rows never has to be held as rows.
pub struct CsvRows<'a> {
    text: &'a str,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    /// The spreadsheet row of the previous record.
    last_row: u32,
    header_read: bool,
}

impl<'a> CsvRows<'a> {
    pub fn new(text: &'a str) -> CsvRows<'a> {
        let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        CsvRows { text, reader, record: csv::StringRecord::new(), last_row: 0, header_read: false }
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
        let blank_lines = blank_lines_at(self.text.as_bytes(), start as usize);
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

    /// Reads the whole text once without keeping anything: the number of non-empty data
    /// rows, or the parser's message on broken quoting.
    pub fn count_rows(mut self) -> Result<u64, String> {
        if !self.header_read {
            self.header()?;
        }
        let mut n = 0;
        while self.next_record()?.is_some() {
            if !self.record.iter().all(|f| unprotect(f).trim().is_empty()) {
                n += 1;
            }
        }
        Ok(n)
    }
}

/// The row that starts at byte `start` of `text` (as [`CsvRows::next_row`] gave it), with
/// its row number `number`.
pub fn row_at(text: &str, start: u64, number: u32) -> Option<RawRow> {
    let bytes = text.as_bytes().get(start as usize..)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record).ok().filter(|read| *read)?;
    let mut cells = csv::StringRecord::with_capacity(record.as_slice().len(), record.len());
    for field in record.iter() {
        cells.push_field(unprotect(field));
    }
    Some(RawRow { number, cells })
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
        assert_eq!(CsvRows::new(text).count_rows(), Ok(3));
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
