//! Reading one CSV file's text into a header row and data rows, with the row numbers a
//! spreadsheet shows.

use super::escape::unprotect;
use super::sheet::RawRow;

/// Parses CSV text (comma-separated, quoted fields may hold newlines). Returns the header
/// cells and the non-empty data rows; `Err` with the parser's message on broken quoting.
pub fn parse_csv(text: &str) -> Result<(Vec<String>, Vec<RawRow>), String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The spreadsheet row of the previous record.
    let mut last_row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(e.to_string()),
        }
        // The reader skips blank lines, which a spreadsheet shows as empty rows: a record's
        // position is where those blank lines begin.
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let blank_lines = blank_lines_at(text.as_bytes(), start);
        let number = last_row + 1 + blank_lines as u32;
        last_row = number;
        let mut cells = csv::StringRecord::with_capacity(record.as_slice().len(), record.len());
        for field in record.iter() {
            cells.push_field(unprotect(field));
        }
        if header.is_none() {
            header = Some(cells.iter().map(str::to_string).collect());
            continue;
        }
        let row = RawRow { number, cells };
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok((header.unwrap_or_default(), rows))
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
