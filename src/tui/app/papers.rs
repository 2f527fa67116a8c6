//! Receipts, donors and certificates in the console: the donor view, the next receipt
//! number in a form or a batch slip, voiding a donation's receipt, and a volunteer's
//! certificate.

use super::*;
use crate::domain::messages as m;
use crate::tui::papers::{CertificatePopup, DonorView};

impl App {
    /// The donor of the selected donation (an anonymous gift has none).
    pub(super) fn open_donor_of_selected(&mut self) -> DbResult<()> {
        let Some((Kind::Donation, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        match self.store.donor_of(&code)? {
            Some(id) => self.open_donor(id),
            None => {
                self.message = Some((m::donor_view_anonymous(self.opts.lang).to_string(), false));
                Ok(())
            }
        }
    }

    pub(super) fn open_donor(&mut self, id: i64) -> DbResult<()> {
        match DonorView::open(&self.store, id)? {
            Some(v) => self.popups.push(Popup::Donor(Box::new(v))),
            None => self.message = Some((m::donor_view_none(self.opts.lang).to_string(), true)),
        }
        Ok(())
    }

    /// Voids the selected donation's receipt and gives it the next free number.
    pub(super) fn replace_receipt(&mut self) -> DbResult<()> {
        let Some((Kind::Donation, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let reason = m::receipt_void_reason_default(self.opts.lang);
        let (old, new_code, number) = self.store.replace_receipt(&code, self.opts.today, reason)?;
        self.reload_all()?;
        self.message = Some((m::receipt_replaced(self.opts.lang, old, format!("{new_code} {number}"), &code), false));
        Ok(())
    }

    /// The next free receipt number, into the form's or the focused slip's receipt fields.
    pub(super) fn fill_receipt(&mut self) -> DbResult<()> {
        let lang = self.opts.lang;
        // The numbers other slips of a batch already hold are passed over.
        let taken: Vec<(String, String)> = match self.popups.last() {
            Some(Popup::Batch(b)) => {
                let here = match b.focus {
                    Focus::Cell(r, _) => Some(r),
                    _ => None,
                };
                b.rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != here)
                    .map(|(_, r)| (r[7].value().trim().to_string(), r[8].value().trim().to_string()))
                    .filter(|(_, n)| !n.is_empty())
                    .collect()
            }
            _ => Vec::new(),
        };
        let (code, number) = self.store.next_receipt_after(&taken)?;
        match self.popups.last_mut() {
            Some(Popup::Form(f)) => {
                let at = |k: &str| f.fields().iter().position(|x| x.key == k);
                if let (Some(c), Some(n)) = (at(key::RECEIPT_CODE), at(key::RECEIPT_NO)) {
                    f.set(c, code.clone(), lang);
                    f.set(n, number.clone(), lang);
                }
            }
            Some(Popup::Batch(b)) => {
                let Focus::Cell(r, _) = b.focus else {
                    self.say(Msg::NothingSelected);
                    return Ok(());
                };
                if let Some(row) = b.rows.get_mut(r) {
                    row[7] = Input::new(code.clone());
                    row[8] = Input::new(number.clone());
                }
            }
            _ => return Ok(()),
        }
        self.message = Some((m::receipt_filled(lang, code, number), false));
        Ok(())
    }

    /// The certificate popup for the selected volunteer.
    pub(super) fn open_certificate(&mut self) {
        if self.pane != PaneId::Volunteers {
            return;
        }
        let Some(v) = self.volunteers.current() else {
            self.say(Msg::NothingSelected);
            return;
        };
        let popup = CertificatePopup::new(v.code.clone(), v.name.clone(), self.opts.today, self.opts.lang);
        self.popups.push(Popup::Certificate(Box::new(popup)));
    }

    /// Issues the certificate the popup describes; the popup closes once it is written.
    pub(super) fn issue_certificate(&mut self, c: CertificatePopup) -> DbResult<()> {
        let lang = self.opts.lang;
        let parse = |i: &Input| crate::domain::date::parse_date(i.value());
        let (Ok(from), Ok(to)) = (parse(&c.from), parse(&c.to)) else {
            self.message = Some((Rule::Date(crate::domain::date::DateError::Unrecognised).message(lang), true));
            return Ok(());
        };
        let out = crate::ops::paths::absolute(std::path::Path::new(c.out.value().trim()));
        match self.store.issue_certificate(&c.volunteer, from, to, self.opts.today, &out, lang) {
            Ok(done) => {
                self.popups.pop();
                self.message = Some((crate::tui::papers::certificate_written(lang, &done.serial, &out), false));
            }
            Err(e) => {
                let text = e.message(lang);
                if super::super::text::width(&text) + 2 > self.size.0 as usize {
                    let title = self.t(Msg::JobFailed).to_string();
                    self.popups.push(Popup::Report { title, lines: vec![text.clone()], scroll: 0, ok: false });
                }
                self.message = Some((text, true));
            }
        }
        Ok(())
    }
}
