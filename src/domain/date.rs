//! Dates in every form the template lists, and clock times (`HH:MM`).

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::normalize::fold_width;

/// The earliest and latest years the template accepts.
pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

/// Why a text is not an acceptable date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in any accepted form.
    Unrecognised,
    /// In an accepted form but no such day (`2021-02-30`).
    Impossible,
    /// Before 1990 or after 2100.
    OutOfRange,
}

/// Parses `2021-05-10`, `2021/5/10`, `2021.5.10`, `2021年5月10日`, `20210510`, a
/// spreadsheet serial number (1900 system), or any of those followed by a time of day
/// (a date-time keeps only its date).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let folded = fold_width(text);
    let s = folded.trim();
    // A date-time keeps only its date: cut at the first space or 'T' after the date; what
    // follows must be a valid time of day, nothing else.
    let date_part = match s.split_once([' ', 'T']) {
        Some((date, time)) if is_time_of_day(time) => date,
        Some(_) => return Err(DateError::Unrecognised),
        None => s,
    };
    let date_part = date_part.strip_suffix('日').unwrap_or(date_part);
    if date_part.is_empty() {
        return Err(DateError::Unrecognised);
    }
    if date_part.chars().all(|c| c.is_ascii_digit()) {
        return match date_part.len() {
            8 => {
                let y = num(&date_part[0..4])?;
                let m = num(&date_part[4..6])?;
                let d = num(&date_part[6..8])?;
                ymd(y, m, d)
            }
            1..=6 => from_serial(date_part.parse().map_err(|_| DateError::Unrecognised)?, false),
            _ => Err(DateError::Unrecognised),
        };
    }
    // A serial number with a time fraction, as some programs write a date cell.
    if let Some((days, frac)) = date_part.split_once('.')
        && !date_part.contains('年')
        && (1..=6).contains(&days.len())
        && !frac.is_empty()
        && days.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
    {
        return from_serial(days.parse().map_err(|_| DateError::Unrecognised)?, false);
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.', '年', '月']).map(str::trim).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(DateError::Unrecognised);
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(DateError::Unrecognised);
    }
    ymd(num(parts[0])?, num(parts[1])?, num(parts[2])?)
}

/// The time after a date in a date-time: `14:33`, `14:33:00`, `14:33:00.000`, an optional
/// `Z`, and the 12-hour forms [`parse_time`] reads.
fn is_time_of_day(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix('Z').unwrap_or(t);
    // Fractions of a second, as databases and ISO writers add them.
    let t = match t.rsplit_once('.') {
        Some((head, frac)) if !frac.is_empty() && frac.len() <= 9 && frac.chars().all(|c| c.is_ascii_digit()) => head,
        _ => t,
    };
    parse_time(t).is_some()
}

/// A date from a spreadsheet serial number of days. In the 1900 system serial 60 is
/// the fictitious 1900-02-29 (an error); in the 1904 system day 0 is 1904-01-01.
pub fn from_serial(days: i64, epoch_1904: bool) -> Result<NaiveDate, DateError> {
    let base = if epoch_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)
    } else if days == 60 {
        return Err(DateError::Impossible);
    } else if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    }
    .ok_or(DateError::Unrecognised)?;
    if !(0..=200_000).contains(&days) {
        return Err(DateError::OutOfRange);
    }
    let date = base.checked_add_signed(Duration::days(days)).ok_or(DateError::OutOfRange)?;
    in_range(date)
}

/// The 1900-system serial number of a date (for writing date cells).
pub fn to_serial(date: NaiveDate) -> i64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN);
    (date - base).num_days()
}

fn num(s: &str) -> Result<u32, DateError> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(DateError::Unrecognised);
    }
    s.parse().map_err(|_| DateError::Unrecognised)
}

fn ymd(y: u32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(DateError::Impossible);
    }
    let y = i32::try_from(y).map_err(|_| DateError::OutOfRange)?;
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::Impossible)?;
    in_range(date)
}

fn in_range(date: NaiveDate) -> Result<NaiveDate, DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) { Ok(date) } else { Err(DateError::OutOfRange) }
}

/// Parses a clock time `HH:MM` (also `H:MM`, a full-width colon, seconds, and the
/// 12-hour forms spreadsheets write: `08:30:00 AM`, `下午 2:00`).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let folded = fold_width(text);
    let mut s = folded.trim().to_ascii_uppercase();
    let mut pm = None;
    for (mark, is_pm) in [("AM", false), ("PM", true), ("上午", false), ("下午", true)] {
        if let Some(rest) = s.strip_suffix(mark) {
            s = rest.trim().to_string();
            pm = Some(is_pm);
        } else if let Some(rest) = s.strip_prefix(mark) {
            s = rest.trim().to_string();
            pm = Some(is_pm);
        }
    }
    let mut it = s.split(':');
    let h = it.next()?;
    let m = it.next()?;
    let sec = it.next();
    if it.next().is_some() || h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if let Some(sec) = sec
        && (sec.len() != 2 || num(sec).ok()? > 59)
    {
        return None;
    }
    let mut h: u32 = num(h).ok()?;
    let m: u32 = num(m).ok()?;
    match pm {
        Some(_) if h == 0 || h > 12 => return None,
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Result<NaiveDate, DateError> {
        NaiveDate::from_ymd_opt(y, m, dd).ok_or(DateError::Impossible)
    }

    #[test]
    fn accepts_every_template_form() {
        for s in [
            "2021-05-10",
            "2021/5/10",
            "2021.5.10",
            "2021年5月10日",
            "20210510",
            "２０２１－０５－１０",
            "2021-05-10 14:33:00",
            "2021/5/10 9:05",
            "2021-05-10T14:33:00",
            "44326",
            " 2021年5月10日 ",
        ] {
            assert_eq!(parse_date(s), d(2021, 5, 10), "{s}");
        }
    }

    #[test]
    fn rejects_impossible_and_out_of_range() {
        assert_eq!(parse_date("2021-02-30"), Err(DateError::Impossible));
        assert_eq!(parse_date("2021-13-01"), Err(DateError::Impossible));
        assert_eq!(parse_date("1989-12-31"), Err(DateError::OutOfRange));
        assert_eq!(parse_date("2101-01-01"), Err(DateError::OutOfRange));
        assert_eq!(parse_date("10/5/2021"), Err(DateError::Unrecognised));
        assert_eq!(parse_date("yesterday"), Err(DateError::Unrecognised));
        assert_eq!(parse_date(""), Err(DateError::Unrecognised));
        assert_eq!(parse_date("60"), Err(DateError::Impossible));
    }

    #[test]
    fn junk_after_a_date_is_rejected() {
        for s in [
            "2021-05-10 junk",
            "2021-05-10 25:99:99",
            "2021-05-10T",
            "2021-05-10 14:33 x",
            "20210510 9",
            "2021年5月10日 下午",
        ] {
            assert_eq!(parse_date(s), Err(DateError::Unrecognised), "{s}");
        }
        for s in ["2021-05-10 14:33:00.000", "2021-05-10 00:00", "2021/5/10 下午 2:00", "2021-05-10  14:33"] {
            assert_eq!(parse_date(s), d(2021, 5, 10), "{s}");
        }
    }

    #[test]
    fn serials_in_both_systems() {
        assert_eq!(from_serial(44326, false), d(2021, 5, 10));
        assert_eq!(from_serial(44326 - 1462, true), d(2021, 5, 10));
        assert_eq!(from_serial(60, false), Err(DateError::Impossible));
        assert_eq!(to_serial(NaiveDate::from_ymd_opt(2021, 5, 10).unwrap_or_default()), 44326);
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("08:30"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_time("8:30"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_time("０８：３０"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_time("08:30:00 AM"), NaiveTime::from_hms_opt(8, 30, 0));
        assert_eq!(parse_time("02:00:00 PM"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(parse_time("12:15 AM"), NaiveTime::from_hms_opt(0, 15, 0));
        assert_eq!(parse_time("下午 2:00"), NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(parse_time("13:00 PM"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("8.30"), None);
    }
}
