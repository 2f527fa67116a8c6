//! The donor view (every gift of one donor, paged, with totals by year and by project and
//! their receipts) and the certificate popup (a volunteer's service period and the file
//! to write).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use crate::db::{DbResult, DonorGift};
use crate::domain::messages as m;
use crate::domain::{DonorKind, Lang};
use crate::ops::Desk;
use crate::ops::donors::DonorSummary;

use super::action::Action;
use super::app::App;
use super::popup::{Effect, Outcome, Popup};
use super::text::pad;
use super::widgets::{block, centered, clear_popup, col, fitted, flex, header_line, row_line};

/// Gifts read at a time.
const PAGE: i64 = 64;

/// One donor's history.
#[derive(Debug, Clone)]
pub struct DonorView {
    pub summary: DonorSummary,
    /// The selected gift (0 = newest).
    pub selected: i64,
    /// The gifts from `start` on, a page at a time.
    pub start: i64,
    pub gifts: Vec<DonorGift>,
}

impl DonorView {
    /// The view of donor `id`, its first page read.
    pub fn open(desk: &Desk, id: i64) -> DbResult<Option<DonorView>> {
        let Some(summary) = desk.donor_view(id)? else { return Ok(None) };
        let mut v = DonorView { summary, selected: 0, start: 0, gifts: Vec::new() };
        v.fetch(desk)?;
        Ok(Some(v))
    }

    /// Reads the page holding the selected gift, when it is not the one held.
    pub fn fetch(&mut self, desk: &Desk) -> DbResult<()> {
        let held = self.start..self.start + self.gifts.len() as i64;
        if held.contains(&self.selected) && !self.gifts.is_empty() {
            return Ok(());
        }
        self.start = self.selected - self.selected % PAGE;
        self.gifts = desk.donor_gifts(self.summary.donor.id, self.start, PAGE)?;
        Ok(())
    }

    fn count(&self) -> i64 {
        self.summary.donor.gifts
    }

    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        let last = (self.count() - 1).max(0);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(last),
            Action::Up => (self.selected - 1).max(0),
            Action::PageDown => (self.selected + 10).min(last),
            Action::PageUp => (self.selected - 10).max(0),
            Action::First => 0,
            Action::Last => last,
            Action::Cancel | Action::Accept | Action::Back => return Outcome::Close,
            _ => self.selected,
        };
        Outcome::Apply { keep: Some(Popup::Donor(self)), effect: Effect::FetchDonorPage }
    }
}

/// Draws the donor view over the panes, as large as the window.
pub fn render_donor(app: &App, v: &DonorView, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let lang = app.opts.lang;
    let area = centered(body, body.width.min(118), body.height);
    clear_popup(frame, area);
    let w = area.width.saturating_sub(2) as usize;
    let d = &v.summary.donor;
    let people = d.kind == DonorKind::Person;
    let name = app.donor_shown(Some(&d.name), people);
    // A plain `-` for none: `—` is drawn two columns wide by the fonts of Chinese consoles.
    let phone = d.phone.as_deref().map(crate::domain::phone::mask_phone).unwrap_or_else(|| "-".into());
    let code = d.code.clone().unwrap_or_else(|| "-".into());
    let mut ls: Vec<Line<'static>> = Vec::new();
    ls.push(fitted(
        &format!(
            "{} {}  {} {phone}  {} {code}",
            m::donor_view_kind(lang),
            d.kind.label(lang),
            m::donor_view_phone(lang),
            m::donor_view_code(lang)
        ),
        w,
        t.normal(),
        t,
    ));
    let mut figures = format!(
        "{}  {}",
        m::donor_view_totals(lang, d.gifts, d.total.grouped()),
        m::donor_view_receipts(lang, d.receipts)
    );
    if v.summary.same_name > 0 {
        figures.push_str("  ");
        figures.push_str(&m::donor_view_same_name(lang, v.summary.same_name));
    }
    ls.push(fitted(&figures, w, t.money(), t));
    let years: Vec<String> =
        v.summary.years.iter().map(|y| m::donor_view_year(lang, &y.key, y.gifts, y.total.grouped())).collect();
    packed_totals(&mut ls, m::donor_view_by_year(lang), years, w, t);
    let projects: Vec<String> =
        v.summary.projects.iter().map(|p| format!("{} {}", p.label, p.total.grouped())).collect();
    packed_totals(&mut ls, m::donor_view_by_project(lang), projects, w, t);
    // The gifts: as many as fit, around the selected one.
    let fixed = [10, 12, 18];
    let project_w = flex(&fixed, w);
    let cols = [
        col(app.t(super::i18n::Msg::Date), 10, false),
        col(app.t(super::i18n::Msg::Project), project_w, false),
        col(app.t(super::i18n::Msg::Amount), 12, true),
        col(m::letter_col_receipt(lang), 18, false),
    ];
    ls.push(Line::from(Span::styled(pad(m::donor_view_gifts(lang), w, t.marker), t.header())));
    ls.push(header_line(&cols, t));
    let room = (area.height as usize).saturating_sub(2 + ls.len()).max(1) as i64;
    let first = (v.selected - room + 1).max(v.start).max(0);
    for i in first..(first + room) {
        let Some(g) = v.gifts.get((i - v.start) as usize) else { break };
        let style = if i == v.selected { t.selected() } else { t.normal() };
        let receipt = match (&g.receipt_code, &g.receipt_no) {
            (Some(c), Some(n)) => format!("{c} {n}"),
            (None, Some(n)) => n.clone(),
            _ => String::new(),
        };
        let cells = [g.donated_on.to_string(), g.project_title.clone(), g.amount.display(), receipt];
        ls.push(row_line(&cols, &cells, style, t));
    }
    let at = if d.gifts == 0 { 0 } else { v.selected + 1 };
    let title = format!("{} {at}/{}", m::donor_view_title(lang, &name), d.gifts);
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
}

/// The certificate popup: a volunteer, the service period and the file to write.
#[derive(Debug, Clone)]
pub struct CertificatePopup {
    pub volunteer: String,
    pub name: String,
    pub row: usize,
    pub from: Input,
    pub to: Input,
    pub out: Input,
}

impl CertificatePopup {
    /// For `volunteer` (code, name): the year so far, into a file named after them.
    pub fn new(volunteer: String, name: String, today: NaiveDate, lang: Lang) -> CertificatePopup {
        use chrono::Datelike;
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let out = format!("{}-{volunteer}-{}.html", m::certificate_file(lang), today.format("%Y%m%d"));
        CertificatePopup {
            volunteer,
            name,
            row: 0,
            from: Input::new(from.format("%Y-%m-%d").to_string()),
            to: Input::new(today.format("%Y-%m-%d").to_string()),
            out: Input::new(out),
        }
    }

    pub fn input_mut(&mut self) -> &mut Input {
        match self.row {
            0 => &mut self.from,
            1 => &mut self.to,
            _ => &mut self.out,
        }
    }

    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Close,
            Action::NextField => self.row = (self.row + 1) % 3,
            Action::PrevField => self.row = (self.row + 2) % 3,
            Action::Save | Action::Apply => {
                return Outcome::Apply {
                    keep: Some(Popup::Certificate(self.clone())),
                    effect: Effect::IssueCertificate(self),
                };
            }
            _ => {}
        }
        Outcome::Stay(Popup::Certificate(self))
    }
}

pub fn render_certificate(app: &App, c: &CertificatePopup, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let lang = app.opts.lang;
    let area = centered(body, body.width.saturating_sub(4).min(72), 7);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let label = 8;
    let rows =
        [(m::certificate_from(lang), &c.from), (m::certificate_to(lang), &c.to), (m::certificate_out(lang), &c.out)];
    let mut ls = Vec::new();
    for (i, (l, input)) in rows.iter().enumerate() {
        let style = if i == c.row { t.selected() } else { t.normal() };
        ls.push(Line::from(vec![
            Span::styled(pad(l, label, t.marker), t.header()),
            Span::styled(pad(input.value(), inner.saturating_sub(label), t.marker), style),
        ]));
    }
    ls.push(Line::from(""));
    ls.push(fitted(m::certificate_prompt(lang), inner, t.dim(), t));
    let title = format!("{} {} {}", m::certificate_title(lang), c.volunteer, c.name);
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
    if top {
        let input = rows[c.row].1;
        let w = inner.saturating_sub(label);
        let x = area.x + 1 + label as u16 + (super::text::width(input.value()).min(w.saturating_sub(1))) as u16;
        frame.set_cursor_position((x, area.y + 1 + c.row as u16));
    }
}

/// Text for a message after a certificate is written.
pub fn certificate_written(lang: Lang, serial: &str, path: &std::path::Path) -> String {
    m::certificate_written(lang, serial, path.display())
}

/// A heading and its totals packed whole into at most two lines (never cut mid-figure at
/// 80 columns); what does not fit is shown as `…`.
fn packed_totals(ls: &mut Vec<Line<'static>>, heading: &str, items: Vec<String>, w: usize, t: &super::theme::Theme) {
    let mut items = items;
    if let Some(first) = items.first_mut() {
        *first = format!("{heading} {first}");
    } else {
        items.push(heading.to_string());
    }
    let lines = super::text::pack(&items, w);
    let more = lines.len() > 2;
    for (i, line) in lines.into_iter().take(2).enumerate() {
        let line = if more && i == 1 { format!("{line}  …") } else { line };
        ls.push(fitted(&line, w, t.normal(), t));
    }
}
