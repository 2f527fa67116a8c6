//! Batch donation entry: a stack of paper slips or a bank statement typed row after
//! row against an expected count and total, saved in one transaction.

use std::collections::HashMap;

use tui_input::Input;

use crate::domain::kind::key;
use crate::domain::row::money;
use crate::domain::{Channel, Donation, DonorType, Kind, Lang, Money, YesNo};

use super::action::Action;
use super::picker::{PickSource, PickTarget};
use super::popup::{Effect, Outcome, Popup};

/// The columns of a batch row: what every slip has. Tab walks them all; Enter starts the
/// next slip at once.
pub const COLUMNS: [&str; 9] = [
    key::DONOR_NAME,
    key::AMOUNT,
    key::DONATED_ON,
    key::CHANNEL,
    key::DONOR_TYPE,
    key::MATCHING,
    key::DONOR_PHONE,
    key::RECEIPT_CODE,
    key::RECEIPT_NO,
];

/// How many columns a batch row has.
pub const WIDTH: usize = COLUMNS.len();

/// The columns a new slip takes from the one above it (a stack of slips shares its date,
/// channel, kind of donor, matching and receipt book).
const CARRIED: [usize; 5] = [2, 3, 4, 5, 7];

/// The columns whose value is one of a list, stepped with ←/→.
const CHOICES: [usize; 3] = [3, 4, 5];

/// Where the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    ExpectedCount,
    ExpectedTotal,
    Cell(usize, usize),
}

/// An open batch entry.
#[derive(Debug, Clone)]
pub struct BatchEntry {
    /// (code, title)
    pub project: Option<(String, String)>,
    pub expected_count: Input,
    pub expected_total: Input,
    pub rows: Vec<[Input; WIDTH]>,
    pub focus: Focus,
    /// The error of each row, once checked.
    pub errors: Vec<Option<String>>,
    /// The date new rows start with (`YYYY-MM-DD`).
    today: String,
    /// The language of its choices (the Chinese labels and the English ones both parse).
    pub lang: Lang,
}

impl BatchEntry {
    pub fn new(project: Option<(String, String)>, today: &str) -> BatchEntry {
        BatchEntry::new_in(project, today, Lang::Zh)
    }

    /// A batch whose choices are labelled in `lang`.
    pub fn new_in(project: Option<(String, String)>, today: &str, lang: Lang) -> BatchEntry {
        BatchEntry {
            project,
            expected_count: Input::default(),
            expected_total: Input::default(),
            rows: vec![new_row(today, None, lang)],
            focus: Focus::ExpectedCount,
            errors: vec![None],
            today: today.to_string(),
            lang,
        }
    }

    /// The input under the cursor.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self.focus {
            Focus::ExpectedCount => Some(&mut self.expected_count),
            Focus::ExpectedTotal => Some(&mut self.expected_total),
            Focus::Cell(r, c) => self.rows.get_mut(r).and_then(|row| row.get_mut(c)),
        }
    }

    /// True when a slip has a donor or an amount typed in (dates and choices carried
    /// down alone are no input).
    pub fn has_slips(&self) -> bool {
        self.rows.iter().any(|r| !r[0].value().trim().is_empty() || !r[1].value().trim().is_empty())
    }

    /// Rows with anything typed in them.
    fn filled(&self) -> impl Iterator<Item = (usize, &[Input; WIDTH])> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().any(|i| !i.value().trim().is_empty()) && !r[1].value().trim().is_empty())
    }

    /// How many rows and their total, counting the amounts that are valid.
    pub fn running(&self) -> (i64, Money) {
        let mut n = 0;
        let mut total = Money::ZERO;
        for (_, r) in self.filled() {
            n += 1;
            if let Ok(m) = money(r[1].value()) {
                total = total.checked_add(m).unwrap_or(total);
            }
        }
        (n, total)
    }

    /// The expected count and total, when given and valid.
    pub fn expected(&self) -> (Option<i64>, Option<Money>) {
        let count = self.expected_count.value().trim().parse().ok();
        let total = money(self.expected_total.value()).ok().filter(|_| !self.expected_total.value().trim().is_empty());
        (count, total)
    }

    /// True when an expected figure is given and differs from what was entered.
    pub fn mismatch(&self) -> bool {
        let (n, total) = self.running();
        let (ec, et) = self.expected();
        ec.is_some_and(|c| c != n) || et.is_some_and(|t| t != total)
    }

    /// Moves to the next field; past the last cell of the last row, a new row starts
    /// with what the previous row carries down (date, channel, donor type, matching,
    /// receipt book).
    pub fn next(&mut self, today: &str) {
        self.focus = match self.focus {
            Focus::ExpectedCount => Focus::ExpectedTotal,
            Focus::ExpectedTotal => Focus::Cell(0, 0),
            Focus::Cell(r, c) if c + 1 < COLUMNS.len() => Focus::Cell(r, c + 1),
            Focus::Cell(r, _) => self.next_slip(r, today),
        };
    }

    /// Enter: the first cell of the next slip (made when this is the last).
    pub fn next_row(&mut self, today: &str) {
        self.focus = match self.focus {
            Focus::Cell(r, _) => self.next_slip(r, today),
            other => {
                self.focus = other;
                self.next(today);
                return;
            }
        };
    }

    fn next_slip(&mut self, r: usize, today: &str) -> Focus {
        if r + 1 == self.rows.len() {
            let row = new_row(today, self.rows.get(r), self.lang);
            self.rows.push(row);
            self.errors.push(None);
        }
        Focus::Cell(r + 1, 0)
    }

    pub fn prev(&mut self) {
        self.focus = match self.focus {
            Focus::ExpectedCount => Focus::ExpectedCount,
            Focus::ExpectedTotal => Focus::ExpectedCount,
            Focus::Cell(0, 0) => Focus::ExpectedTotal,
            Focus::Cell(r, 0) => Focus::Cell(r - 1, COLUMNS.len() - 1),
            Focus::Cell(r, c) => Focus::Cell(r, c - 1),
        };
    }

    pub fn row_by(&mut self, delta: i64) {
        if let Focus::Cell(r, c) = self.focus {
            let r = (r as i64 + delta).clamp(0, self.rows.len() as i64 - 1) as usize;
            self.focus = Focus::Cell(r, c);
        }
    }

    pub fn delete_row(&mut self) {
        if let Focus::Cell(r, c) = self.focus
            && self.rows.len() > 1
        {
            self.rows.remove(r);
            self.errors.remove(r);
            self.focus = Focus::Cell(r.min(self.rows.len() - 1), c);
        }
    }

    /// Steps the channel, donor type or matching of the focused row through its choices.
    pub fn cycle_channel(&mut self, delta: i64) {
        if let Focus::Cell(r, c) = self.focus
            && CHOICES.contains(&c)
        {
            let lang = self.lang;
            let labels: Vec<&str> = match c {
                3 => Channel::ALL.iter().map(|x| x.label(lang)).collect(),
                4 => DonorType::ALL.iter().map(|x| x.label(lang)).collect(),
                _ => YesNo::ALL.iter().map(|x| x.label(lang)).collect(),
            };
            let cur = self.rows[r][c].value().to_string();
            let at = labels.iter().position(|l| *l == cur).map_or(-1, |p| p as i64);
            let n = labels.len() as i64;
            let next = ((at + delta) % n + n) % n;
            self.rows[r][c] = Input::new(labels[next as usize].to_string());
        }
    }

    /// Checks every filled row; returns the donations when all are valid. Their serials
    /// are provisional (`LR<day>-0001`…): [`BatchEntry::save`] draws the real ones.
    pub fn check(&mut self, day: &str, lang: Lang) -> Option<Vec<Donation>> {
        let project = self.project.as_ref().map(|p| p.0.clone()).unwrap_or_default();
        let mut out = Vec::new();
        let mut ok = true;
        let filled: Vec<usize> = self.filled().map(|(i, _)| i).collect();
        self.errors = vec![None; self.rows.len()];
        for (n, i) in filled.into_iter().enumerate() {
            let row = &self.rows[i];
            let mut values: HashMap<String, String> =
                COLUMNS.iter().zip(row.iter()).map(|(k, v)| (k.to_string(), v.value().to_string())).collect();
            values.insert(key::DONATION_REF.into(), serial(day, n as u64 + 1));
            values.insert(key::PROJECT_CODE.into(), project.clone());
            match Donation::parse(&values) {
                Ok(d) => out.push(d),
                Err(errors) => {
                    ok = false;
                    self.errors[i] = errors.first().map(|e| {
                        let header = crate::domain::Kind::Donation.field(e.field).map_or(e.field, |f| f.header);
                        crate::domain::messages::field_reason(lang, header, e.rule.message(lang))
                    });
                }
            }
        }
        ok.then_some(out)
    }
}

/// The provisional serial of the `n`th slip of a batch; saving draws the real one.
fn serial(day: &str, n: u64) -> String {
    crate::ops::batch::serial(day, n)
}

impl BatchEntry {
    /// Handles an action on the batch; saving and picking the project are effects.
    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        match action {
            // Slips typed are not thrown away without a question.
            Action::Cancel if self.has_slips() => {
                let text = super::i18n::Msg::UnsavedClose.text(self.lang).to_string();
                return Outcome::Stay(Popup::Confirm { text, pending: super::popup::Pending::CloseBatch(self) });
            }
            Action::Cancel => return Outcome::Close,
            Action::NextField => {
                let today = self.today.clone();
                self.next(&today);
            }
            Action::Accept => {
                let today = self.today.clone();
                self.next_row(&today);
            }
            Action::PrevField => self.prev(),
            Action::NextRow => self.row_by(1),
            Action::PrevRow => self.row_by(-1),
            Action::DeleteRow => self.delete_row(),
            Action::ChoiceNext => self.cycle_channel(1),
            Action::ChoicePrev => self.cycle_channel(-1),
            Action::Pick => {
                let effect =
                    Effect::OpenPicker { target: PickTarget::BatchProject, source: PickSource::Records(Kind::Project) };
                return Outcome::Apply { keep: Some(Popup::Batch(self)), effect };
            }
            Action::Save => {
                return Outcome::Apply { keep: None, effect: Effect::SaveBatch { batch: self, confirmed: false } };
            }
            Action::NextReceipt => {
                return Outcome::Apply { keep: Some(Popup::Batch(self)), effect: Effect::FillReceipt };
            }
            _ => {}
        }
        Outcome::Stay(Popup::Batch(self))
    }
}

/// A new slip: dated `today` with the template's defaults shown (online, individual, not
/// 配捐), or taking what carries down from `above`.
fn new_row(today: &str, above: Option<&[Input; WIDTH]>, lang: Lang) -> [Input; WIDTH] {
    let mut row: [Input; WIDTH] = Default::default();
    row[2] = Input::new(today.to_string());
    row[3] = Input::new(Channel::default().label(lang).to_string());
    row[4] = Input::new(DonorType::default().label(lang).to_string());
    row[5] = Input::new(YesNo::default().label(lang).to_string());
    if let Some(above) = above {
        for c in CARRIED {
            row[c] = Input::new(above[c].value().to_string());
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(b: &mut BatchEntry, text: &str) {
        if let Some(i) = b.input_mut() {
            *i = Input::new(text.to_string());
        }
    }

    #[test]
    fn running_figures_and_mismatch() {
        let mut b = BatchEntry::new(Some(("P1".into(), "助学".into())), "2026-11-29");
        typed(&mut b, "2");
        b.next("2026-11-29");
        typed(&mut b, "150");
        b.next("2026-11-29");
        typed(&mut b, "张三");
        b.next("2026-11-29");
        typed(&mut b, "100");
        b.next("2026-11-29");
        typed(&mut b, "2026-11-28");
        for _ in 0..2 {
            b.next("2026-11-29");
        }
        typed(&mut b, "企业");
        b.next_row("2026-11-29");
        assert_eq!(b.focus, Focus::Cell(1, 0));
        assert_eq!(b.rows[1][2].value(), "2026-11-28", "the date carries over");
        assert_eq!(b.rows[1][4].value(), "企业", "and the donor type");
        assert_eq!(b.rows[1][0].value(), "", "not the donor");
        typed(&mut b, "李四");
        b.next("2026-11-29");
        typed(&mut b, "-5");
        assert_eq!(b.running(), (2, Money::from_fen(10_000)));
        assert!(b.mismatch());
        assert!(b.check("X", Lang::Zh).is_none());
        assert_eq!(b.errors[1].as_deref(), Some("捐赠金额（元）：金额不能为负数"));
        typed(&mut b, "50");
        assert!(!b.mismatch());
        let ds = b.check("X", Lang::Zh).unwrap_or_default();
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[1].donation_ref, "LRX-0002");
    }
}
