//! Who is working: the name asked for at the first start, and the switch (`O`): type a
//! name, or step through the names this installation knows with ↑↓.

use tui_input::Input;

use super::action::Action;
use super::popup::{Effect, Outcome, Popup};

#[derive(Debug, Clone)]
pub struct OperatorPopup {
    pub input: Input,
    /// The names this installation knows, most recent first.
    pub known: Vec<String>,
    pub selected: Option<usize>,
    /// The first start: there is no operator yet, so it cannot be dismissed.
    pub first_run: bool,
    /// Enter was pressed on an empty name.
    pub empty: bool,
}

impl OperatorPopup {
    pub fn new(known: Vec<String>, first_run: bool) -> OperatorPopup {
        OperatorPopup { input: Input::default(), known, selected: None, first_run, empty: false }
    }

    fn choose(&mut self, i: usize) {
        if let Some(name) = self.known.get(i) {
            self.selected = Some(i);
            self.input = Input::new(name.clone());
            self.empty = false;
        }
    }

    pub fn on_action(mut self, action: Action) -> Outcome {
        match action {
            Action::Down => {
                let next = self.selected.map_or(0, |s| (s + 1).min(self.known.len().saturating_sub(1)));
                self.choose(next);
            }
            Action::Up => {
                if let Some(s) = self.selected {
                    self.choose(s.saturating_sub(1));
                }
            }
            Action::Accept => {
                let name = self.input.value().trim().to_string();
                if name.is_empty() {
                    self.empty = true;
                } else {
                    return Outcome::Apply { keep: None, effect: Effect::SetOperator(name) };
                }
            }
            Action::Cancel if !self.first_run => return Outcome::Close,
            Action::Cancel => self.empty = true,
            _ => {}
        }
        Outcome::Stay(Popup::Operator(Box::new(self)))
    }
}
