//! Popups: what is drawn over the panes and gets the keys first. Each popup handles an
//! action on its own state and returns an [`Outcome`]; anything that reaches beyond the
//! popup (saving, deleting, starting a job, quitting) is an [`Effect`] that `App` applies
//! in one place (`App::apply`). A popup never looks at the popup below it: a question
//! about a form or a batch holds it while it is asked, and a pick-list hands its value
//! back as an effect, which `App` gives to the popup that opened it.

use chrono::NaiveDate;
use tui_input::Input;

use crate::db::StatusFilter;
use crate::domain::{Category, Kind, Lang};

use super::action::Action;
use super::batch::BatchEntry;
use super::form::Form;
use super::i18n::Msg;
use super::picker::{PickSource, PickTarget, Picker};

/// Something drawn over the panes; the last one gets the keys.
#[derive(Debug, Clone)]
pub enum Popup {
    Help,
    Form(Box<Form>),
    Picker(Box<Picker>),
    Batch(Box<BatchEntry>),
    Confirm {
        text: String,
        pending: Pending,
    },
    Report {
        title: String,
        lines: Vec<String>,
        scroll: usize,
        ok: bool,
    },
    Prompt(Prompt),
    /// The file browser of the import prompt.
    Files(Box<super::files::FileBrowser>),
    /// A refused import's report, with what can be done next.
    Refused(Box<RefusedImport>),
    Filter(FilterPopup),
    /// The first-run choices on an empty database.
    Welcome,
    /// One donor's history.
    Donor(Box<super::papers::DonorView>),
    /// A volunteer certificate's period and file.
    Certificate(Box<super::papers::CertificatePopup>),
    /// A record's history, or one change-set.
    History(Box<super::history::HistoryPopup>),
    /// The operator's name: asked at the first start, or switched.
    Operator(Box<super::operator::OperatorPopup>),
    /// The mapping step of a file no preset knows.
    Mapping(Box<super::mapping::Mapping>),
    /// Which project each platform project id (or the whole file) belongs to.
    Links(Box<super::mapping::Links>),
}

/// What a confirmation does on "yes". A question about a form or a batch holds it while
/// it is asked: "yes" acts on it, "no" gives it back, and nothing reaches below.
#[derive(Debug, Clone)]
pub enum Pending {
    Delete(Kind, String),
    Quit,
    /// Save this batch though its count or total differs from what was expected.
    SaveBatch(Box<BatchEntry>),
    /// Close this form, dropping what was typed.
    CloseForm(Box<Form>),
    /// Close this batch entry, dropping its slips.
    CloseBatch(Box<BatchEntry>),
    ResetTraining,
    /// Close (结项) this project, whose balance is zero.
    CloseProject(String),
    /// Export over a file or folder that exists.
    Overwrite(Box<Prompt>),
    /// Revert this change-set (`undo`: the operator's own last change, Ctrl-Z).
    Revert {
        id: i64,
        undo: bool,
    },
}

impl Pending {
    /// The popup the question was about, drawn beneath it.
    pub fn about(&self) -> Option<Popup> {
        match self {
            Pending::SaveBatch(b) => Some(Popup::Batch(b.clone())),
            Pending::CloseForm(f) => Some(Popup::Form(f.clone())),
            Pending::CloseBatch(b) => Some(Popup::Batch(b.clone())),
            Pending::Overwrite(p) => Some(Popup::Prompt((**p).clone())),
            _ => None,
        }
    }
}

/// A refused import's report: scrolls like a report; `e` writes the copy with the 错误
/// column, `u` imports again with update when only conflicts stopped it.
#[derive(Debug, Clone)]
pub struct RefusedImport {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
    pub refused: super::jobs::Refused,
}

/// A line prompt (import and export paths).
#[derive(Debug, Clone)]
pub struct Prompt {
    pub title: Msg,
    pub input: Input,
    pub export: bool,
    /// True while the suggested text is untouched: typing replaces it.
    pub suggested: bool,
    /// Asks for the database's office (a division code), not a path.
    pub office: bool,
}

impl Prompt {
    /// The question of the database's office, asked once.
    pub fn office() -> Prompt {
        Prompt { title: Msg::OfficePrompt, input: Input::default(), export: false, suggested: false, office: true }
    }
}

/// The filter of the current list, with the choices it steps through.
#[derive(Debug, Clone)]
pub struct FilterPopup {
    pub row: usize,
    pub status: Option<StatusFilter>,
    pub category: Option<Category>,
    pub from: Input,
    pub to: Input,
    /// The statuses and categories of the list's kind, stepped through in order.
    pub statuses: Vec<StatusFilter>,
    pub categories: Vec<Category>,
    /// The audit log: the operators it names, stepped through in the second row instead
    /// of categories, and the one chosen.
    pub operators: Vec<String>,
    pub operator: Option<String>,
}

/// What became of a popup after an action.
#[derive(Debug)]
pub enum Outcome {
    /// It stays, as it now is.
    Stay(Popup),
    /// It is gone.
    Close,
    /// The effect is applied after the popup is put back (`keep`) or closed (`None`).
    Apply { keep: Option<Popup>, effect: Effect },
}

/// Something a popup asks of the console beyond its own state.
#[derive(Debug)]
pub enum Effect {
    /// Write the copy of a refused import's files with the 错误 column.
    WriteErrorCopy(super::jobs::Refused),
    /// Import the same files again, replacing what conflicts.
    ImportWithUpdate(super::jobs::Refused),
    /// Open the file browser over the import prompt.
    OpenFiles,
    /// Files chosen in the browser, for the prompt beneath it.
    FilesChosen(Vec<std::path::PathBuf>),
    /// Save the form (it is closed meanwhile and reopened when the save is refused).
    SaveForm(Box<Form>),
    /// Save the batch; `confirmed` once a mismatch with the expected figures was accepted.
    SaveBatch {
        batch: Box<BatchEntry>,
        confirmed: bool,
    },
    /// Open a pick-list over the popup that asked.
    OpenPicker {
        target: PickTarget,
        source: PickSource,
    },
    /// A picked value for the popup that opened the pick-list.
    Picked {
        target: PickTarget,
        value: String,
        label: String,
    },
    /// Read the page of the donor view's selected gift.
    FetchDonorPage,
    /// Issue the certificate (the popup stays until it is written).
    IssueCertificate(Box<super::papers::CertificatePopup>),
    /// Fill the next free receipt number into the form or the batch's slip.
    FillReceipt,
    /// A confirmation was answered yes.
    Confirmed(Pending),
    /// The filter of the current list.
    Filter {
        status: Option<StatusFilter>,
        category: Option<Category>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        operator: Option<String>,
    },
    /// Import or export the path(s) typed in the prompt.
    StartJob(Prompt),
    /// Name the database's office with the typed division code (the prompt stays until
    /// the code is accepted).
    NameOffice(String),
    /// Quit (asking first when something would be lost).
    Quit,
    /// Ask before reverting this change-set.
    AskRevert(i64),
    /// This operator takes over.
    SetOperator(String),
    /// Welcome: practise on the demo data; import; start with a new village.
    EnterTraining,
    OpenImport,
    NewVillage,
    /// Save the mapping as a preset, then import its files again.
    SaveMapping(Box<super::mapping::Mapping>),
    /// Remember the projects answered, then import the files again.
    SaveLinks(Box<super::mapping::Links>),
}

impl Popup {
    /// Handles one action on this popup's own state.
    pub fn on_action(self, action: Action, lang: Lang) -> Outcome {
        if action == Action::Quit {
            return Outcome::Apply { keep: Some(self), effect: Effect::Quit };
        }
        match self {
            Popup::Help => Outcome::Close,
            Popup::Form(form) => form.on_action(action, lang),
            Popup::Picker(picker) => picker.on_action(action),
            Popup::Batch(batch) => batch.on_action(action),
            Popup::Confirm { text, pending } => match action {
                Action::Yes => Outcome::Apply { keep: None, effect: Effect::Confirmed(pending) },
                // "No" gives back the form or batch the question was about.
                Action::No => match pending {
                    Pending::SaveBatch(b) => Outcome::Stay(Popup::Batch(b)),
                    Pending::CloseForm(f) => Outcome::Stay(Popup::Form(f)),
                    Pending::CloseBatch(b) => Outcome::Stay(Popup::Batch(b)),
                    Pending::Overwrite(p) => Outcome::Stay(Popup::Prompt(*p)),
                    _ => Outcome::Close,
                },
                _ => Outcome::Stay(Popup::Confirm { text, pending }),
            },
            Popup::Report { title, lines, scroll, ok } => {
                let max = lines.len().saturating_sub(1);
                let scroll = match action {
                    Action::Down => (scroll + 1).min(max),
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => (scroll + 10).min(max),
                    Action::PageUp => scroll.saturating_sub(10),
                    Action::Cancel | Action::Accept => return Outcome::Close,
                    _ => scroll,
                };
                Outcome::Stay(Popup::Report { title, lines, scroll, ok })
            }
            Popup::Files(files) => files.on_action(action),
            Popup::Donor(view) => view.on_action(action),
            Popup::Certificate(c) => c.on_action(action),
            Popup::Refused(mut r) => {
                let max = r.lines.len().saturating_sub(1);
                match action {
                    Action::Down => r.scroll = (r.scroll + 1).min(max),
                    Action::Up => r.scroll = r.scroll.saturating_sub(1),
                    Action::PageDown => r.scroll = (r.scroll + 10).min(max),
                    Action::PageUp => r.scroll = r.scroll.saturating_sub(10),
                    Action::Cancel | Action::Accept => return Outcome::Close,
                    Action::WriteErrors => {
                        let refused = r.refused.clone();
                        return Outcome::Apply {
                            keep: Some(Popup::Refused(r)),
                            effect: Effect::WriteErrorCopy(refused),
                        };
                    }
                    Action::ImportUpdate if r.refused.conflicts_only => {
                        return Outcome::Apply { keep: None, effect: Effect::ImportWithUpdate(r.refused) };
                    }
                    _ => {}
                }
                Outcome::Stay(Popup::Refused(r))
            }
            Popup::Prompt(prompt) if prompt.office => match action {
                Action::Accept => {
                    let code = prompt.input.value().to_string();
                    Outcome::Apply { keep: Some(Popup::Prompt(prompt)), effect: Effect::NameOffice(code) }
                }
                Action::Cancel => Outcome::Close,
                _ => Outcome::Stay(Popup::Prompt(prompt)),
            },
            Popup::Prompt(prompt) => match action {
                Action::Accept => Outcome::Apply { keep: None, effect: Effect::StartJob(prompt) },
                // Browse for the files to import (an export names a new file: typed).
                Action::Pick if !prompt.export => {
                    Outcome::Apply { keep: Some(Popup::Prompt(prompt)), effect: Effect::OpenFiles }
                }
                Action::Cancel => Outcome::Close,
                _ => Outcome::Stay(Popup::Prompt(prompt)),
            },
            Popup::Filter(f) => f.on_action(action),
            Popup::History(h) => h.on_action(action),
            Popup::Operator(o) => o.on_action(action),
            Popup::Mapping(m) => m.on_action(action, lang),
            Popup::Links(l) => l.on_action(action),
            Popup::Welcome => match action {
                Action::WelcomeTraining => Outcome::Apply { keep: None, effect: Effect::EnterTraining },
                Action::Import => Outcome::Apply { keep: None, effect: Effect::OpenImport },
                Action::New => Outcome::Apply { keep: None, effect: Effect::NewVillage },
                Action::Cancel => Outcome::Close,
                _ => Outcome::Stay(Popup::Welcome),
            },
        }
    }

    /// Takes a value picked from the pick-list this popup opened.
    pub fn receive_pick(&mut self, target: PickTarget, value: String, label: String, lang: Lang) {
        match (target, self) {
            (PickTarget::FormField(i), Popup::Form(form)) => {
                form.set(i, value, lang);
                form.next();
            }
            (PickTarget::Link(i), Popup::Links(l)) => l.answer(i, value, label),
            (PickTarget::BatchProject, Popup::Batch(b)) => {
                let title = label.split_once(' ').map_or(label.clone(), |(_, rest)| rest.to_string());
                b.project = Some((value, title));
            }
            _ => {}
        }
    }

    /// True while it holds input that closing would lose.
    pub fn unsaved(&self) -> bool {
        match self {
            Popup::Form(f) => f.dirty,
            Popup::Batch(b) => b.has_slips(),
            Popup::Confirm { pending: Pending::CloseBatch(b), .. } => b.has_slips(),
            Popup::Confirm { pending: Pending::SaveBatch(b), .. } => Popup::Batch(b.clone()).unsaved(),
            Popup::Confirm { pending: Pending::CloseForm(f), .. } => f.dirty,
            _ => false,
        }
    }
}

impl FilterPopup {
    fn on_action(mut self, action: Action) -> Outcome {
        /// The next value after `cur` in `list` (`None` standing before the first).
        fn step<T: Copy + PartialEq>(cur: Option<T>, list: &[T], d: i64) -> Option<T> {
            let n = list.len() as i64 + 1;
            let at = cur.and_then(|c| list.iter().position(|k| *k == c)).map_or(0, |p| p as i64 + 1);
            let next = ((at + d) % n + n) % n;
            if next == 0 { None } else { Some(list[next as usize - 1]) }
        }
        match action {
            Action::Cancel => return Outcome::Close,
            Action::NextField => self.row = (self.row + 1) % 4,
            Action::PrevField => self.row = (self.row + 3) % 4,
            Action::ChoiceNext | Action::ChoicePrev => {
                let d = if action == Action::ChoiceNext { 1 } else { -1 };
                match self.row {
                    0 => self.status = step(self.status, &self.statuses, d),
                    1 if !self.operators.is_empty() => {
                        let at = self.operator.as_ref().and_then(|o| self.operators.iter().position(|x| x == o));
                        self.operator = step(at, &(0..self.operators.len()).collect::<Vec<_>>(), d)
                            .map(|i| self.operators[i].clone());
                    }
                    1 => self.category = step(self.category, &self.categories, d),
                    _ => {}
                }
            }
            Action::Save | Action::Apply => {
                let effect = Effect::Filter {
                    status: self.status,
                    category: self.category,
                    from: crate::domain::date::parse_date(self.from.value()).ok(),
                    to: crate::domain::date::parse_date(self.to.value()).ok(),
                    operator: self.operator,
                };
                return Outcome::Apply { keep: None, effect };
            }
            _ => {}
        }
        Outcome::Stay(Popup::Filter(self))
    }
}
