//! Pick-lists: the values of an enumeration, or a village, project or volunteer found by
//! typing part of its name, its code or its pinyin initials.

use tui_input::Input;

use crate::db::DbResult;
use crate::domain::Kind;
use crate::ops::Desk;

use super::action::Action;
use super::popup::{Effect, Outcome, Popup};

/// Where a picked value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    /// A field of the form below.
    FormField(usize),
    /// The project of a batch entry.
    BatchProject,
    /// A donor, whose history opens.
    Donor,
    /// The project of a platform project id in the project question.
    Link(usize),
}

/// What is picked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickSource {
    /// (value, label) pairs.
    Choices(Vec<(String, String)>),
    Records(Kind),
    /// Donors with a record, by code, name or pinyin initials (labels in this language).
    Donors(crate::domain::Lang),
}

/// An open pick-list.
#[derive(Debug, Clone)]
pub struct Picker {
    pub target: PickTarget,
    pub source: PickSource,
    pub input: Input,
    /// (value, label)
    pub items: Vec<(String, String)>,
    pub selected: usize,
}

const SHOWN: i64 = 50;

impl Picker {
    pub fn new(target: PickTarget, source: PickSource, desk: &Desk) -> DbResult<Picker> {
        let mut p = Picker { target, source, input: Input::default(), items: Vec::new(), selected: 0 };
        p.refresh(desk)?;
        Ok(p)
    }

    /// Narrows the items to what matches the typed text.
    pub fn refresh(&mut self, desk: &Desk) -> DbResult<()> {
        let q = self.input.value().trim().to_string();
        self.items = match &self.source {
            PickSource::Choices(all) => all
                .iter()
                .filter(|(v, l)| q.is_empty() || l.contains(&q) || v.to_lowercase().contains(&q.to_lowercase()))
                .cloned()
                .collect(),
            PickSource::Records(kind) => desk.pick(*kind, &q, SHOWN)?,
            PickSource::Donors(lang) => desk.pick_donors(&q, SHOWN, *lang)?,
        };
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        Ok(())
    }

    pub fn current(&self) -> Option<&(String, String)> {
        self.items.get(self.selected)
    }

    pub fn move_by(&mut self, delta: i64) {
        let n = self.items.len() as i64;
        if n > 0 {
            self.selected = (self.selected as i64 + delta).clamp(0, n - 1) as usize;
        }
    }
}

impl Picker {
    /// Handles an action on the pick-list; the picked value goes back as an effect.
    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(10),
            Action::PageUp => self.move_by(-10),
            Action::Cancel => return Outcome::Close,
            Action::Accept => {
                return match self.current().cloned() {
                    Some((value, label)) => {
                        Outcome::Apply { keep: None, effect: Effect::Picked { target: self.target, value, label } }
                    }
                    None => Outcome::Close,
                };
            }
            _ => {}
        }
        Outcome::Stay(Popup::Picker(self))
    }
}
