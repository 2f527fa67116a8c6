//! The history popup: a record's changes (who, when, each field from what to what), or
//! one change-set with all its rows. ↑↓ select a change, `r` reverts it (after asking).

use crate::ops::audit::HistoryItem;

use super::action::Action;
use super::popup::{Effect, Outcome, Popup};

/// A record's history, or one change-set.
#[derive(Debug, Clone)]
pub struct HistoryPopup {
    pub title: String,
    pub items: Vec<HistoryItem>,
    pub selected: usize,
    /// Lines scrolled past the selected change's start (a change longer than the popup).
    pub extra: usize,
}

impl HistoryPopup {
    pub fn new(title: String, items: Vec<HistoryItem>) -> HistoryPopup {
        HistoryPopup { title, items, selected: 0, extra: 0 }
    }

    /// Every line, in order.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &String)> {
        self.items.iter().enumerate().flat_map(|(i, item)| item.lines.iter().map(move |l| (i, l)))
    }

    /// The line where change `i` starts.
    pub fn start_of(&self, i: usize) -> usize {
        self.items.iter().take(i).map(|item| item.lines.len()).sum()
    }

    /// The first line shown in `height` lines: the selected change near the top.
    pub fn top(&self, height: usize) -> usize {
        let total = self.items.iter().map(|i| i.lines.len()).sum::<usize>();
        (self.start_of(self.selected).saturating_sub(1) + self.extra).min(total.saturating_sub(height))
    }

    pub fn on_action(mut self, action: Action) -> Outcome {
        let last = self.items.len().saturating_sub(1);
        match action {
            Action::Down if self.selected < last => {
                self.selected += 1;
                self.extra = 0;
            }
            Action::Down => self.extra += 1,
            Action::Up if self.extra > 0 => self.extra -= 1,
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.extra += 10,
            Action::PageUp => self.extra = self.extra.saturating_sub(10),
            Action::Revert => {
                if let Some(id) = self.items.get(self.selected).and_then(|i| i.change_set) {
                    return Outcome::Apply {
                        keep: Some(Popup::History(Box::new(self))),
                        effect: Effect::AskRevert(id),
                    };
                }
            }
            Action::Cancel | Action::Accept => return Outcome::Close,
            _ => {}
        }
        // The extra scroll never runs past the last line.
        let total = self.items.iter().map(|i| i.lines.len()).sum::<usize>();
        self.extra = self.extra.min(total.saturating_sub(self.start_of(self.selected) + 1));
        Outcome::Stay(Popup::History(Box::new(self)))
    }
}
