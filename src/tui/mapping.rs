//! The two questions of a first import of a file that is not the template:
//!
//! - **the mapping step** ([`Mapping`]), when no preset knows the file's header: each
//!   column with sample values, mapped to a field or ignored (`←`/`→`); the unit, the
//!   date form, the channel and what each state means; a preview of the first rows as they
//!   would import, with their problems; `Ctrl-S` saves it as a named preset and imports.
//! - **the project question** ([`Links`]), when platform project ids (or the whole file)
//!   have no project yet: each is answered from a pick-list searched by name or pinyin;
//!   `Ctrl-S` remembers the answers and imports.

use std::path::PathBuf;

use tui_input::Input;

use crate::domain::{Channel, Lang};
use crate::template::foreign::Table;
use crate::template::mapping::{PreviewRow, guess, header_guess, preview, samples, values};
use crate::template::preset::{DateForm, Names, Preset, StateIs, States, Target, Unit};

use super::action::Action;
use super::picker::{PickSource, PickTarget};
use super::popup::{Effect, Outcome, Popup};

/// What a column becomes in the mapping step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnIs {
    Ignored,
    Target(Target),
    /// The column whose values say which rows are gifts.
    State,
}

/// A row of the settings part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Unit,
    Date,
    Channel,
    /// What a value of the state column means.
    State(String),
    Name,
}

/// The mapping step.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The import to run again once the preset is saved.
    pub paths: Vec<PathBuf>,
    pub table: Table,
    pub header_at: usize,
    pub headers: Vec<String>,
    pub preset: Preset,
    /// Focus: the columns (false) or the settings (true).
    pub on_settings: bool,
    pub column: usize,
    pub setting: usize,
    pub name: Input,
    pub preview: Vec<PreviewRow>,
    /// What is wrong with the mapping as it stands.
    pub problems: Vec<String>,
}

/// Rows of the preview.
const PREVIEW: usize = 5;

impl Mapping {
    /// The step for `table` (the first table of the file), with a first guess.
    pub fn new(paths: Vec<PathBuf>, table: Table, name: &str, lang: Lang) -> Mapping {
        let header_at = header_guess(&table.rows);
        let headers: Vec<String> = table
            .rows
            .get(header_at)
            .map(|r| r.cells.iter().map(|c| c.trim().trim_start_matches('`').to_string()).collect())
            .unwrap_or_default();
        let preset = guess(name, &headers);
        let mut m = Mapping {
            paths,
            table,
            header_at,
            headers,
            preset,
            on_settings: false,
            column: 0,
            setting: 0,
            name: Input::new(name.to_string()),
            preview: Vec::new(),
            problems: Vec::new(),
        };
        m.refresh(lang);
        m
    }

    /// What column `i` is now.
    pub fn column_is(&self, i: usize) -> ColumnIs {
        if self.preset.state.as_ref().is_some_and(|s| s.column.find(&self.headers) == Some(i)) {
            return ColumnIs::State;
        }
        Target::all()
            .into_iter()
            .find(|t| self.preset.column(*t).is_some_and(|n| n.find(&self.headers) == Some(i)))
            .map_or(ColumnIs::Ignored, ColumnIs::Target)
    }

    /// Sample values of column `i`.
    pub fn samples(&self, i: usize) -> Vec<String> {
        samples(&self.table.rows, self.header_at, i, 3)
    }

    /// The settings rows.
    pub fn settings(&self) -> Vec<Setting> {
        let mut out = vec![Setting::Unit, Setting::Date, Setting::Channel];
        if let Some(s) = &self.preset.state {
            out.extend(s.gift.iter().chain(&s.refund).chain(&s.skip).cloned().map(Setting::State));
        }
        out.push(Setting::Name);
        out
    }

    /// The choices a column steps through: ignored, every target, the state column.
    fn choices() -> Vec<ColumnIs> {
        let mut out = vec![ColumnIs::Ignored];
        out.extend(Target::all().into_iter().map(ColumnIs::Target));
        out.push(ColumnIs::State);
        out
    }

    /// Maps the selected column to the next (or previous) choice; a target or the state
    /// column taken from another column leaves that one ignored.
    fn step_column(&mut self, d: i64) {
        let i = self.column;
        let choices = Mapping::choices();
        let at = choices.iter().position(|c| *c == self.column_is(i)).unwrap_or(0) as i64;
        let n = choices.len() as i64;
        let next = choices[(at + d).rem_euclid(n) as usize];
        self.clear_column(i);
        let name = Names::one(&self.headers[i]);
        match next {
            ColumnIs::Ignored => {}
            ColumnIs::Target(t) => {
                self.preset.columns.insert(t.key().to_string(), name);
            }
            ColumnIs::State => {
                let all = values(&self.table.rows, self.header_at, i);
                let paid = ["SUCCESS", "成功", "收入", "已支付", "支付成功", "已收钱", "已存入零钱", "11"];
                let (gift, skip): (Vec<String>, Vec<String>) =
                    all.into_iter().partition(|v| paid.iter().any(|p| v.to_uppercase().contains(p)));
                self.preset.state = Some(States { column: name, gift, refund: Vec::new(), skip });
            }
        }
    }

    fn clear_column(&mut self, i: usize) {
        let headers = self.headers.clone();
        self.preset.columns.retain(|_, n| n.find(&headers) != Some(i));
        if self.preset.state.as_ref().is_some_and(|s| s.column.find(&headers) == Some(i)) {
            self.preset.state = None;
        }
    }

    /// Steps the selected setting.
    fn step_setting(&mut self, d: i64) {
        let settings = self.settings();
        let Some(s) = settings.get(self.setting) else { return };
        let step = |len: usize, at: usize| ((at as i64 + d).rem_euclid(len as i64)) as usize;
        match s {
            Setting::Unit => {
                self.preset.unit = if self.preset.unit == Unit::Yuan { Unit::Fen } else { Unit::Yuan };
            }
            Setting::Date => {
                let forms = DateForm::common();
                let at = forms.iter().position(|f| *f == self.preset.date).unwrap_or(0);
                self.preset.date = forms[step(forms.len(), at)].clone();
            }
            Setting::Channel => {
                // None, then every channel.
                let at =
                    self.preset.channel().map_or(0, |c| Channel::ALL.iter().position(|x| *x == c).unwrap_or(0) + 1);
                let next = step(Channel::ALL.len() + 1, at);
                self.preset.channel = (next > 0).then(|| Channel::ALL[next - 1].label_zh().to_string());
            }
            Setting::State(v) => {
                let Some(states) = self.preset.state.as_mut() else { return };
                let now = states.of(v).unwrap_or(StateIs::Skip);
                let order = [StateIs::Gift, StateIs::Skip, StateIs::Refund];
                let at = order.iter().position(|x| *x == now).unwrap_or(0);
                let next = order[step(order.len(), at)];
                let v = v.clone();
                states.gift.retain(|x| *x != v);
                states.skip.retain(|x| *x != v);
                states.refund.retain(|x| *x != v);
                match next {
                    StateIs::Gift => states.gift.push(v),
                    StateIs::Skip => states.skip.push(v),
                    StateIs::Refund => states.refund.push(v),
                }
            }
            Setting::Name => {}
        }
    }

    /// The preview and the problems, after a change.
    pub fn refresh(&mut self, lang: Lang) {
        self.preset.name = self.name.value().trim().to_string();
        self.preset.title = self.preset.name.clone();
        self.preview = preview(&self.table, &self.preset, self.header_at, PREVIEW, lang);
        self.problems = self.preset.problems().iter().map(|e| e.message(lang)).collect();
    }

    /// The name being typed, when the name row has the focus.
    pub fn name_input(&mut self) -> Option<&mut Input> {
        let on_name = self.on_settings && self.settings().get(self.setting) == Some(&Setting::Name);
        on_name.then_some(&mut self.name)
    }

    pub fn on_action(mut self: Box<Self>, action: Action, lang: Lang) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Close,
            Action::NextField | Action::PrevField => self.on_settings = !self.on_settings,
            Action::Down if self.on_settings => self.setting = (self.setting + 1).min(self.settings().len() - 1),
            Action::Up if self.on_settings => self.setting = self.setting.saturating_sub(1),
            Action::Down => self.column = (self.column + 1).min(self.headers.len().saturating_sub(1)),
            Action::Up => self.column = self.column.saturating_sub(1),
            Action::ChoiceNext | Action::ChoicePrev => {
                let d = if action == Action::ChoiceNext { 1 } else { -1 };
                if self.on_settings {
                    self.step_setting(d);
                } else if !self.headers.is_empty() {
                    self.step_column(d);
                }
                self.setting = self.setting.min(self.settings().len() - 1);
            }
            Action::Unmap if self.on_settings => {
                if let Some(name) = self.name_input() {
                    name.handle(tui_input::InputRequest::DeleteNextChar);
                }
            }
            Action::Unmap => {
                let i = self.column;
                self.clear_column(i);
            }
            Action::Save => {
                self.refresh(lang);
                if self.problems.is_empty() {
                    return Outcome::Apply { keep: None, effect: Effect::SaveMapping(self) };
                }
            }
            _ => {}
        }
        self.refresh(lang);
        Outcome::Stay(Popup::Mapping(self))
    }
}

/// A platform project id (or, `id: None`, the whole file) and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkItem {
    pub id: Option<String>,
    pub name: String,
    pub rows: u64,
    /// (project code, label) once answered.
    pub answer: Option<(String, String)>,
}

/// The project question.
#[derive(Debug, Clone)]
pub struct Links {
    pub paths: Vec<PathBuf>,
    pub items: Vec<LinkItem>,
    pub selected: usize,
    /// Shown after Ctrl-S while an item has no answer.
    pub unanswered: bool,
}

impl Links {
    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Close,
            Action::Down => self.selected = (self.selected + 1).min(self.items.len().saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Pick | Action::Accept => {
                let target = PickTarget::Link(self.selected);
                let effect = Effect::OpenPicker { target, source: PickSource::Records(crate::domain::Kind::Project) };
                return Outcome::Apply { keep: Some(Popup::Links(self)), effect };
            }
            Action::Save => {
                if self.items.iter().all(|i| i.answer.is_some()) {
                    return Outcome::Apply { keep: None, effect: Effect::SaveLinks(self) };
                }
                self.unanswered = true;
                self.selected = self.items.iter().position(|i| i.answer.is_none()).unwrap_or(0);
            }
            _ => {}
        }
        Outcome::Stay(Popup::Links(self))
    }

    /// Takes the project picked for item `i`, and moves on to the next unanswered one.
    pub fn answer(&mut self, i: usize, code: String, label: String) {
        if let Some(item) = self.items.get_mut(i) {
            item.answer = Some((code, label));
        }
        self.unanswered = false;
        if let Some(next) = self.items.iter().position(|i| i.answer.is_none()) {
            self.selected = next;
        }
    }
}
