//! Reading one CSV file's text into a header row and data rows, with the row numbers a
//! spreadsheet shows.

use super::escape::unprotect;
use super::sheet::RawRow;

/// Parses CSV text (comma-separated, quoted fields may hold newlines). Returns the header
/// cells and the non-empty data rows; `Err` with the parser's message on broken quoting.
pub fn parse_csv(text: &str) -> Result<(Vec<String>, Vec<RawRow>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
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
        let blank_lines = text
            .as_bytes()
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| **b == b'\n' || **b == b'\r')
            .filter(|b| **b == b'\n')
            .count();
        let number = last_row + 1 + blank_lines as u32;
        last_row = number;
        let cells: Vec<String> = record.iter().map(|c| unprotect(c).to_string()).collect();
        if header.is_none() {
            header = Some(cells);
            continue;
        }
        let row = RawRow { number, cells };
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok((header.unwrap_or_default(), rows))
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
        assert_eq!(rows[1].cells[1], "x\ny");
    }

    #[test]
    fn strips_formula_protection() {
        let (_, rows) = parse_csv("a\n'=1+1\n'abc\n").unwrap_or_default();
        assert_eq!(rows[0].cells[0], "=1+1");
        assert_eq!(rows[1].cells[0], "'abc");
    }
}
