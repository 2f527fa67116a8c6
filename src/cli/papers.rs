//! `xingfu receipt-book`, `xingfu letter` and `xingfu certificate`: the receipt register,
//! thank-you letters and volunteer certificates.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};

use super::Exit;
use super::args::ReceiptBookCommand;
use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;
use crate::domain::messages as m;
use crate::domain::phone::mask_phone;
use crate::domain::receipt::ReceiptBook;
use crate::ops::letters::{self, Donors};
use crate::ops::{OpsError, certificate};

fn open(db: &Path, operator: &str, read_only: bool) -> Result<Store, OpsError> {
    let mode = if read_only { OpenMode::ReadOnly } else { OpenMode::Existing };
    Ok(Store::open(db, mode, operator)?)
}

pub fn receipt_book(
    lang: Lang,
    db: &Path,
    operator: &str,
    read_only: bool,
    cmd: ReceiptBookCommand,
) -> Result<Exit, OpsError> {
    let today = Local::now().date_naive();
    match cmd {
        ReceiptBookCommand::Add { code, first, last, received } => {
            let book = ReceiptBook::parse(&code, &first, &last, received.unwrap_or(today)).map_err(DbError::Refused)?;
            let mut store = open(db, operator, read_only)?;
            store.add_receipt_book(&book)?;
            out!("{}", m::receipt_book_added(lang, book.label(), book.size()));
        }
        ReceiptBookCommand::Void { code, number, reason } => {
            let mut store = open(db, operator, read_only)?;
            let reason = reason.unwrap_or_else(|| m::receipt_void_reason_default(lang).to_string());
            store.void_receipt(code.trim(), number.trim(), today, Some(&reason))?;
            out!("{}", m::receipt_voided_done(lang, code.trim(), number.trim()));
        }
        ReceiptBookCommand::Replace { donation, reason } => {
            let mut store = open(db, operator, read_only)?;
            let reason = reason.unwrap_or_else(|| m::receipt_void_reason_default(lang).to_string());
            let (old, code, number) = store.replace_receipt(donation.trim(), today, Some(&reason))?;
            out!("{}", m::receipt_replaced(lang, old, format!("{code} {number}"), donation.trim()));
        }
        ReceiptBookCommand::Next => {
            let store = Store::open(db, OpenMode::ReadOnly, operator)?;
            let (code, number) = store.next_receipt()?;
            out!("{}", m::receipt_next(lang, code, number));
        }
    }
    Ok(Exit::Ok)
}

pub struct LetterArgs<'a> {
    pub donors: &'a [String],
    pub all: bool,
    pub year: i32,
    pub out: &'a Path,
    pub issuer: Option<&'a str>,
}

pub fn letter(lang: Lang, db: &Path, a: LetterArgs<'_>) -> Result<Exit, OpsError> {
    certificate::html_path(a.out)?;
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    let donors = if a.all {
        Donors::All
    } else {
        let mut ids = Vec::new();
        for query in a.donors {
            match letters::find_donor(&store, query)? {
                Ok(id) => ids.push(id),
                Err(many) => {
                    // Several donors of that name: listed with their numbers, phones masked.
                    out!("{}", m::letter_which(lang, query));
                    for d in many {
                        let phone = d.phone.as_deref().map(mask_phone).unwrap_or_default();
                        let code = d.code.unwrap_or_default();
                        out!(
                            "  #{} {} {phone} {code} {}",
                            d.id,
                            d.name,
                            m::donor_view_totals(lang, d.gifts, d.total.grouped())
                        );
                    }
                    return Ok(Exit::Rejected);
                }
            }
        }
        Donors::Some(ids)
    };
    let built = letters::build(&store, &donors, a.year)?;
    let issuer = match a.issuer {
        Some(i) if !i.trim().is_empty() => i.trim().to_string(),
        _ => certificate::default_issuer(&store, lang)?,
    };
    letters::write(&built, &issuer, Local::now().date_naive(), lang, a.out)?;
    out!("{}", m::letter_written(lang, built.len(), a.out.display()));
    Ok(Exit::Ok)
}

pub struct CertificateArgs {
    pub volunteer: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub out: Option<PathBuf>,
    pub issuer: Option<String>,
    pub verify: Option<String>,
}

pub fn certificate(
    lang: Lang,
    db: &Path,
    operator: &str,
    read_only: bool,
    a: CertificateArgs,
) -> Result<Exit, OpsError> {
    if let Some(serial) = a.verify {
        let store = Store::open(db, OpenMode::ReadOnly, operator)?;
        return match store.certificate(&serial)? {
            Some(c) => {
                out!(
                    "{}",
                    m::certificate_verified(
                        lang,
                        &c.serial,
                        format!("{} {}", c.volunteer_code, c.volunteer_name),
                        m::certificate_period_value(lang, c.period_from, c.period_to),
                        c.hours,
                        &c.issuer,
                        c.issued_on
                    )
                );
                Ok(Exit::Ok)
            }
            None => {
                out!("{}", m::certificate_not_found(lang, serial.trim()));
                Ok(Exit::Rejected)
            }
        };
    }
    let (Some(query), Some(from), Some(to), Some(out)) = (a.volunteer, a.from, a.to, a.out) else {
        return Ok(Exit::Usage);
    };
    if read_only {
        err!("{}", m::error_line(lang, m::certificate_read_only(lang)));
        return Ok(Exit::Rejected);
    }
    let mut store = open(db, operator, false)?;
    let code = match certificate::find_volunteer(&store, &query)? {
        Ok(v) => v.code,
        Err(many) => {
            out!("{}", m::certificate_which(lang, &query));
            for (_, label) in many {
                out!("  {label}");
            }
            return Ok(Exit::Rejected);
        }
    };
    let today = Local::now().date_naive();
    let c = certificate::issue(&mut store, &code, from, to, a.issuer.as_deref(), today, &out, lang)?;
    out!("{}", m::certificate_written(lang, &c.serial, out.display()));
    Ok(Exit::Ok)
}
