//! A cell of a village's file as the error copy gives it back: what the import reads,
//! with nothing raw in it.
//!
//! - In a code column (and a receipt's code and number) the zero-width characters the
//!   import drops are dropped here too, so a corrected copy sent again matches its records.
//! - In a note or description the format characters the import removes (with a warning)
//!   are removed here too.
//! - A cell whose value was refused, or that still holds a control or format character,
//!   shows it as a visible escape ([`shown`]): the village sees what to correct, and no
//!   control sequence or bidi control reaches the spreadsheet.

use crate::domain::kind::{FieldType, key};
use crate::domain::normalize::strip_invisible;
use crate::domain::shown::{Lines, is_format, is_unsafe, shown};

use super::sheet::Column;

/// The text written back for `value`, a cell of `column`; `refused` when a problem names
/// this very cell.
pub fn returned_cell(column: Column, value: &str, refused: bool) -> String {
    let read = match column {
        Column::Field(f) if f.ty == FieldType::Code || matches!(f.key, key::RECEIPT_CODE | key::RECEIPT_NO) => {
            strip_invisible(value)
        }
        Column::Field(f) if f.ty == FieldType::LongText => value.chars().filter(|c| !is_format(*c)).collect(),
        _ => value.to_string(),
    };
    if refused || read.chars().any(is_unsafe) { shown(&read, Lines::Many).into_owned() } else { read }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn column(kind: Kind, key: &str) -> Column {
        kind.field(key).map_or(Column::Unknown, Column::Field)
    }

    #[test]
    fn cells_come_back_as_the_import_reads_them_and_safe() {
        let code = column(Kind::Donation, key::DONATION_REF);
        let note = column(Kind::Donation, key::NOTE);
        let name = column(Kind::Donation, key::DONOR_NAME);
        assert_eq!(returned_cell(code, "D9001\u{200B}", false), "D9001");
        assert_eq!(returned_cell(column(Kind::Donation, key::RECEIPT_NO), "\u{FEFF}0001", false), "0001");
        assert_eq!(returned_cell(note, "备注\u{202E}\n二", false), "备注\n二");
        assert_eq!(returned_cell(name, "张\u{1b}[31m", true), "张\\u{1b}[31m");
        assert_eq!(returned_cell(name, "\u{202E}张", true), "\\u{202e}张");
        assert_eq!(returned_cell(Column::Unknown, "x\u{9b}", false), "x\\u{9b}");
        assert_eq!(returned_cell(name, "张三", true), "张三");
        assert_eq!(returned_cell(note, "a\nb", false), "a\nb");
    }
}
