//! The console's state and everything that changes it: keys become actions through the
//! keymap, and `update` applies an action. Rendering only reads this state.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

use chrono::{Local, NaiveDate};
use ratatui::crossterm::event::{Event as TermEvent, KeyEvent, KeyEventKind};
use tui_input::Input;

use crate::db::{DbError, DbResult, DonationTotals, Filter, Selection, StatusFilter, Store};
use crate::domain::kind::key;
use crate::domain::*;
use crate::ops::records::Record;

use super::Event;
use super::action::Action;
use super::batch::{BatchEntry, Focus};
use super::form::Form;
use super::i18n::Msg;
use super::jobs::{JobEvent, JobKind, Phase, spawn_export, spawn_import, split_paths};
use super::keymap::{Context, Key, Keymap};
use super::list::PaneList;
use super::panes::Pane;
use super::panes::donations::DonationsPane;
use super::panes::projects::ProjectsPane;
use super::panes::villages::VillagesPane;
use super::panes::volunteers::VolunteersPane;
use super::picker::Picker;
pub use super::popup::{Effect, FilterPopup, Outcome, Pending, Popup, Prompt};
use super::theme::Theme;
pub use crate::ops::overview::Overview;

/// The five panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Overview,
    Villages,
    Projects,
    Donations,
    Volunteers,
}

impl PaneId {
    pub const ALL: [PaneId; 5] =
        [PaneId::Overview, PaneId::Villages, PaneId::Projects, PaneId::Donations, PaneId::Volunteers];

    pub fn title(self) -> Msg {
        match self {
            PaneId::Overview => Msg::Overview,
            PaneId::Villages => Msg::Villages,
            PaneId::Projects => Msg::Projects,
            PaneId::Donations => Msg::Donations,
            PaneId::Volunteers => Msg::Volunteers,
        }
    }

    /// The keymap contexts of the pane, innermost first.
    pub fn contexts(self) -> &'static [Context] {
        match self {
            PaneId::Overview => &[Context::Global],
            PaneId::Villages => &[Context::Villages, Context::List, Context::Global],
            PaneId::Projects => &[Context::Projects, Context::List, Context::Global],
            PaneId::Donations => &[Context::Donations, Context::List, Context::Global],
            PaneId::Volunteers => &[Context::Volunteers, Context::List, Context::Global],
        }
    }
}

impl Popup {
    pub fn context(&self) -> Context {
        match self {
            Popup::Help => Context::Help,
            Popup::Form(_) => Context::Form,
            Popup::Picker(_) => Context::Picker,
            Popup::Batch(_) => Context::Batch,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::Report { .. } => Context::Report,
            Popup::Prompt(_) => Context::Prompt,
            Popup::Filter(_) => Context::Form,
            Popup::Welcome => Context::Welcome,
        }
    }
}

/// A running background job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

/// How the console was started.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub read_only: bool,
    /// Today, fixed in tests and screenshots.
    pub today: NaiveDate,
    /// A fixed clock for the refs of batch entries (tests and screenshots); `None` reads
    /// the real one.
    pub now: Option<chrono::NaiveDateTime>,
    /// Training mode: the sandbox this console works on.
    pub training: Option<crate::ops::training::Sandbox>,
    /// Mask the names of individual donors (inspection).
    pub mask_names: bool,
}

/// The whole console.
pub struct App {
    pub store: Store,
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub read_only: bool,
    pub today: NaiveDate,
    pub now: Option<chrono::NaiveDateTime>,
    pub training: Option<crate::ops::training::Sandbox>,
    pub mask_names: bool,
    /// The key-cast strip (for a projector).
    pub keycast: bool,
    pub pane: PaneId,
    pub size: (u16, u16),
    pub villages: VillagesPane,
    pub projects: ProjectsPane,
    pub donations: DonationsPane,
    pub totals: DonationTotals,
    pub volunteers: VolunteersPane,
    pub overview: Overview,
    /// (code, name) of the village and project the lists are scoped to.
    pub scope_village: Option<(String, String)>,
    pub scope_project: Option<(String, String)>,
    pub popups: Vec<Popup>,
    pub searching: Option<Input>,
    pub message: Option<(String, bool)>,
    pub quit: bool,
    pub job: Option<Job>,
    pub jobs: Option<Sender<Event>>,
    /// The last keys and their actions (for the key-cast strip).
    pub last_keys: Vec<(String, Option<Action>)>,
}

impl App {
    pub fn new(store: Store, opts: Options, size: (u16, u16)) -> DbResult<App> {
        let mut app = App {
            store,
            lang: opts.lang,
            theme: opts.theme,
            keymap: opts.keymap,
            read_only: opts.read_only,
            today: opts.today,
            now: opts.now,
            training: opts.training,
            mask_names: opts.mask_names,
            keycast: false,
            pane: PaneId::Overview,
            size,
            villages: VillagesPane::new(),
            projects: ProjectsPane::new(),
            donations: DonationsPane::new(),
            totals: DonationTotals::default(),
            volunteers: VolunteersPane::new(),
            overview: Overview::default(),
            scope_village: None,
            scope_project: None,
            popups: Vec::new(),
            searching: None,
            message: None,
            quit: false,
            job: None,
            jobs: None,
            last_keys: Vec::new(),
        };
        app.reload_all()?;
        let empty = app.overview.summary.as_ref().is_some_and(|s| s.villages == 0);
        if empty && !app.read_only && app.training.is_none() {
            app.popups.push(Popup::Welcome);
        }
        Ok(app)
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.lang)
    }

    /// The pane in front (none on the overview).
    pub fn front(&self) -> Option<&dyn Pane> {
        match self.pane {
            PaneId::Villages => Some(&self.villages),
            PaneId::Projects => Some(&self.projects),
            PaneId::Donations => Some(&self.donations),
            PaneId::Volunteers => Some(&self.volunteers),
            PaneId::Overview => None,
        }
    }

    /// The pane in front, beside the store it reads (two borrows of `App` at once).
    fn front_with_store(&mut self) -> (Option<&mut dyn Pane>, &Store) {
        let pane: Option<&mut dyn Pane> = match self.pane {
            PaneId::Villages => Some(&mut self.villages),
            PaneId::Projects => Some(&mut self.projects),
            PaneId::Donations => Some(&mut self.donations),
            PaneId::Volunteers => Some(&mut self.volunteers),
            PaneId::Overview => None,
        };
        (pane, &self.store)
    }

    /// The list of the pane in front.
    fn list(&self) -> Option<&dyn PaneList> {
        self.front().map(|p| p.list())
    }

    fn list_mut(&mut self) -> Option<&mut dyn PaneList> {
        self.front_with_store().0.map(|p| p.list_mut())
    }

    /// Rows a list shows at the current size.
    pub fn list_height(&self) -> usize {
        let body = self.size.1.saturating_sub(4) as usize;
        self.front().map_or(body.saturating_sub(3).max(1), |p| p.list_height(body))
    }

    /// Reloads every list and figure (after a change or an import).
    pub fn reload_all(&mut self) -> DbResult<()> {
        self.apply_scope();
        self.reload_overview()?;
        let h = self.list_height();
        self.villages.reload(&self.store, h)?;
        self.projects.reload(&self.store, h)?;
        self.donations.reload(&self.store, h)?;
        self.totals = self.store.donation_totals(&self.donations.query)?;
        self.volunteers.reload(&self.store, h)
    }

    fn apply_scope(&mut self) {
        let v = self.scope_village.as_ref().map(|s| s.0.clone());
        let p = self.scope_project.as_ref().map(|s| s.0.clone());
        self.projects.query.village = v.clone();
        self.donations.query.village = v.clone();
        self.donations.query.project = p;
        self.volunteers.query.village = v;
    }

    fn reload_overview(&mut self) -> DbResult<()> {
        self.overview = crate::ops::overview::figures(&self.store, self.today)?;
        Ok(())
    }

    // ---- keys ----------------------------------------------------------------------

    /// The keymap contexts in force, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.popups.last() {
            Some(p) => vec![p.context()],
            None => self.pane.contexts().to_vec(),
        }
    }

    /// Handles one terminal event.
    pub fn handle(&mut self, event: &TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind == KeyEventKind::Press => self.key(key, event),
            TermEvent::Resize(w, h) => {
                self.size = (*w, *h);
                let _ = self.refetch_all();
            }
            TermEvent::Paste(text) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    let e = TermEvent::Key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)));
                    self.type_into(&e);
                }
            }
            _ => {}
        }
    }

    fn key(&mut self, key: &KeyEvent, event: &TermEvent) {
        let Some(k) = Key::from_event(key) else { return };
        // Ctrl-C quits from anywhere (asking first when input would be lost).
        if k.ctrl && k.code == super::keymap::KeyCodeId::Char('c') {
            self.record_key(k, Some(Action::Quit));
            self.update(Action::Quit);
            return;
        }
        // Search input takes typed text; its own keys are Enter and Esc.
        if self.popups.is_empty() && self.searching.is_some() {
            self.search_key(k, event);
            return;
        }
        let contexts = self.contexts();
        let action = self.keymap.lookup(&contexts, k).filter(|a| self.available(*a));
        self.record_key(k, action);
        match action {
            Some(a) => self.update(a),
            None => {
                if matches!(self.popups.last(), Some(Popup::Help)) {
                    self.popups.pop();
                } else {
                    self.type_into(event);
                }
            }
        }
    }

    fn record_key(&mut self, k: Key, action: Option<Action>) {
        self.last_keys.push((k.label(), action));
        if self.last_keys.len() > 8 {
            self.last_keys.remove(0);
        }
    }

    /// Text typed into the focused field of the top popup.
    fn type_into(&mut self, event: &TermEvent) {
        let lang = self.lang;
        let req = tui_input::backend::crossterm::to_input_request(event);
        match self.popups.last_mut() {
            Some(Popup::Form(f)) => f.type_key(event, lang),
            Some(Popup::Picker(p)) => {
                if let Some(r) = req {
                    p.input.handle(r);
                    let mut p = p.clone();
                    if let Err(e) = p.refresh(&self.store) {
                        self.fail(e);
                    }
                    if let Some(Popup::Picker(top)) = self.popups.last_mut() {
                        *top = p;
                    }
                }
            }
            Some(Popup::Batch(b)) => {
                if let (Some(r), Some(i)) = (req, b.input_mut()) {
                    i.handle(r);
                }
            }
            Some(Popup::Prompt(p)) => {
                if let Some(r) = req {
                    p.input.handle(r);
                }
            }
            Some(Popup::Filter(f)) => {
                if let Some(r) = req {
                    match f.row {
                        2 => f.from.handle(r),
                        3 => f.to.handle(r),
                        _ => None,
                    };
                }
            }
            _ => {}
        }
    }

    fn search_key(&mut self, k: Key, event: &TermEvent) {
        use super::keymap::KeyCodeId;
        match k.code {
            KeyCodeId::Esc => {
                self.searching = None;
                self.set_search(String::new());
            }
            KeyCodeId::Enter => self.searching = None,
            _ => {
                if let (Some(input), Some(req)) =
                    (self.searching.as_mut(), tui_input::backend::crossterm::to_input_request(event))
                {
                    input.handle(req);
                    let text = input.value().to_string();
                    self.set_search(text);
                }
            }
        }
    }

    /// Narrows the current list to what matches `text` (empty: everything).
    fn set_search(&mut self, text: String) {
        let result = match self.front_with_store() {
            (Some(pane), store) => pane.narrow(store, &text).and_then(|()| self.reload_lists()),
            (None, _) => Ok(()),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn reload_lists(&mut self) -> DbResult<()> {
        let h = self.list_height();
        if let (Some(pane), store) = self.front_with_store() {
            pane.reload(store, h)?;
        }
        if self.pane == PaneId::Donations {
            self.totals = self.store.donation_totals(&self.donations.query)?;
        }
        Ok(())
    }

    fn refetch_all(&mut self) -> DbResult<()> {
        let h = self.list_height();
        self.villages.fetch(&self.store, h)?;
        self.projects.fetch(&self.store, h)?;
        self.donations.fetch(&self.store, h)?;
        self.volunteers.fetch(&self.store, h)?;
        Ok(())
    }

    fn fail(&mut self, e: DbError) {
        let text = e.message(self.lang);
        // A reason too long for the status line is shown whole in a popup as well: the part
        // cut off is often what to do next.
        if super::text::width(&text) + 2 > self.size.0 as usize {
            let title = self.t(Msg::JobFailed).to_string();
            self.popups.push(Popup::Report { title, lines: vec![text.clone()], scroll: 0, ok: false });
        }
        self.message = Some((text, true));
    }

    fn say(&mut self, m: Msg) {
        self.message = Some((m.text(self.lang).to_string(), false));
    }

    // ---- actions -------------------------------------------------------------------

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Help) {
            self.message = None;
        }
        let result = match self.popups.last().map(Popup::context) {
            Some(_) => self.popup_action(action),
            None => self.pane_action(action),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }

    fn pane_action(&mut self, action: Action) -> DbResult<()> {
        let page = self.list_height() as i64;
        match action {
            Action::Quit => self.ask_quit()?,
            Action::Help => self.popups.push(Popup::Help),
            Action::KeyCast => self.keycast = !self.keycast,
            Action::ResetTraining => {
                if self.training.is_some() {
                    let text = self.t(Msg::ConfirmReset).to_string();
                    self.popups.push(Popup::Confirm { text, pending: Pending::ResetTraining });
                } else {
                    self.say(Msg::NotTraining);
                }
            }
            Action::Card => self.card()?,
            Action::PaneOverview => self.go(PaneId::Overview)?,
            Action::PaneVillages => self.go(PaneId::Villages)?,
            Action::PaneProjects => self.go(PaneId::Projects)?,
            Action::PaneDonations => self.go(PaneId::Donations)?,
            Action::PaneVolunteers => self.go(PaneId::Volunteers)?,
            Action::NextPane | Action::PrevPane => {
                let i = PaneId::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { PaneId::ALL.len() - 1 };
                self.go(PaneId::ALL[(i + step) % PaneId::ALL.len()])?;
            }
            Action::Down => self.move_by(1)?,
            Action::Up => self.move_by(-1)?,
            Action::PageDown => self.move_by(page)?,
            Action::PageUp => self.move_by(-page)?,
            Action::First => self.move_by(i64::MIN / 2)?,
            Action::Last => self.move_by(i64::MAX / 2)?,
            Action::Open => self.open()?,
            Action::Back => self.back()?,
            Action::Search if self.pane != PaneId::Overview => {
                let current = self.current_search();
                self.searching = Some(Input::new(current));
            }
            Action::Sort => self.sort()?,
            Action::Filter => self.open_filter(),
            Action::New => self.new_record(self.pane_kind())?,
            Action::NewDisbursement => self.new_record(Kind::Disbursement)?,
            Action::NewShift => self.new_record(Kind::Shift)?,
            Action::Edit => self.edit()?,
            Action::Delete => self.ask_delete(),
            Action::Batch => {
                let project = self.scope_project.clone().or_else(|| {
                    (self.pane == PaneId::Projects)
                        .then(|| self.projects.current().map(|p| (p.code.clone(), p.title.clone())))
                        .flatten()
                });
                let today = self.today.format("%Y-%m-%d").to_string();
                self.popups.push(Popup::Batch(Box::new(BatchEntry::new(project, &today))));
            }
            Action::FocusShifts => self.volunteers.shifts.focus(),
            Action::FocusDisbursements => self.projects.disbursements.focus(),
            Action::FocusProjects => self.projects.disbursements.focused = false,
            Action::FocusVolunteers => self.volunteers.shifts.focused = false,
            Action::MarkServed => self.mark_shift(ShiftStatus::Served)?,
            Action::MarkAbsent => self.mark_shift(ShiftStatus::Absent)?,
            Action::Import => self.open_prompt(Msg::ImportPrompt, false),
            Action::Export => self.open_prompt(Msg::ExportPrompt, true),
            Action::Backup => self.backup()?,
            _ => {}
        }
        Ok(())
    }

    fn go(&mut self, pane: PaneId) -> DbResult<()> {
        self.pane = pane;
        self.searching = None;
        self.volunteers.shifts.focused = false;
        self.projects.disbursements.focused = false;
        self.reload_lists()
    }

    fn current_search(&self) -> String {
        self.list().map(|l| l.search().to_string()).unwrap_or_default()
    }

    fn move_by(&mut self, delta: i64) -> DbResult<()> {
        let h = self.list_height();
        match self.front_with_store() {
            (Some(pane), store) => pane.step(store, h, delta),
            (None, _) => Ok(()),
        }
    }

    /// Enter: a village opens its projects, a project its donations.
    fn open(&mut self) -> DbResult<()> {
        match self.pane {
            PaneId::Villages => {
                if let Some(v) = self.villages.current() {
                    self.scope_village = Some((v.code.clone(), v.name.clone()));
                    self.scope_project = None;
                    self.apply_scope();
                    self.projects.selected = 0;
                    self.projects.query.only = None;
                    self.projects.search.clear();
                    self.go(PaneId::Projects)?;
                }
            }
            PaneId::Projects => {
                if let Some(p) = self.projects.current() {
                    self.scope_project = Some((p.code.clone(), p.title.clone()));
                    self.apply_scope();
                    self.donations.selected = 0;
                    self.go(PaneId::Donations)?;
                }
            }
            PaneId::Volunteers => self.volunteers.shifts.focus(),
            _ => {}
        }
        Ok(())
    }

    /// Esc: back up the path.
    fn back(&mut self) -> DbResult<()> {
        if self.volunteers.shifts.focused || self.projects.disbursements.focused {
            self.volunteers.shifts.focused = false;
            self.projects.disbursements.focused = false;
            return Ok(());
        }
        match self.pane {
            PaneId::Donations if self.scope_project.is_some() => {
                self.scope_project = None;
                self.apply_scope();
                self.donations.reload(&self.store, self.list_height())?;
                self.go(PaneId::Projects)
            }
            PaneId::Projects | PaneId::Volunteers | PaneId::Donations if self.scope_village.is_some() => {
                self.scope_village = None;
                self.scope_project = None;
                self.apply_scope();
                self.reload_all()?;
                self.go(PaneId::Villages)
            }
            _ => Ok(()),
        }
    }

    fn sort(&mut self) -> DbResult<()> {
        match self.list_mut() {
            Some(list) => list.next_sort(),
            None => return Ok(()),
        }
        self.reload_lists()
    }

    /// The sort of the current list as text (`名称 ↑`).
    pub fn sort_label(&self) -> String {
        self.list().map(|l| l.sort_label(self.lang)).unwrap_or_default()
    }

    fn open_filter(&mut self) {
        if self.pane == PaneId::Overview {
            return;
        }
        let Some(q) = self.list().map(|l| l.filter().clone()) else { return };
        let date = |d: Option<NaiveDate>| Input::new(d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        self.popups.push(Popup::Filter(FilterPopup {
            row: 0,
            status: q.status,
            category: q.category,
            from: date(q.from),
            to: date(q.to),
            statuses: self.filter_statuses(),
            categories: self.front().map(|p| p.categories()).unwrap_or_default(),
        }));
    }

    /// The status values the current list can be filtered by.
    pub fn filter_statuses(&self) -> Vec<StatusFilter> {
        self.front().map(|p| p.statuses()).unwrap_or_default()
    }

    fn pane_kind(&self) -> Kind {
        self.front().map_or(Kind::Village, |p| p.new_kind())
    }

    /// The kind and code of the selected record.
    fn selected_record(&self) -> Option<(Kind, String)> {
        self.front().and_then(|p| p.selected())
    }

    fn new_record(&mut self, kind: Kind) -> DbResult<()> {
        if self.pane == PaneId::Overview && kind == Kind::Village {
            return Ok(());
        }
        let today = self.today.format("%Y-%m-%d").to_string();
        let mut prefill: Vec<(&str, String)> = Vec::new();
        let village = self.scope_village.as_ref().map(|v| v.0.clone()).or_else(|| {
            (self.pane == PaneId::Villages).then(|| self.villages.current().map(|v| v.code.clone())).flatten()
        });
        let project = self.scope_project.as_ref().map(|p| p.0.clone()).or_else(|| {
            (self.pane == PaneId::Projects).then(|| self.projects.current().map(|p| p.code.clone())).flatten()
        });
        match kind {
            Kind::Project | Kind::Volunteer => {
                if let Some(v) = village {
                    prefill.push((key::VILLAGE_CODE, v));
                }
                prefill.push((key::START_DATE, today.clone()));
            }
            Kind::Donation => {
                if let Some(p) = project {
                    prefill.push((key::PROJECT_CODE, p));
                }
                prefill.push((key::DONATED_ON, today));
            }
            Kind::Disbursement => {
                if let Some(p) = project {
                    prefill.push((key::PROJECT_CODE, p));
                }
                prefill.push((key::PAID_ON, today));
            }
            Kind::Shift => {
                if let Some(v) = self.volunteers.current() {
                    prefill.push((key::VOLUNTEER_CODE, v.code.clone()));
                }
                prefill.push((key::SHIFT_DATE, today));
            }
            Kind::Village => {}
        }
        self.popups.push(Popup::Form(Box::new(Form::new(kind, &prefill, self.lang))));
        Ok(())
    }

    fn edit(&mut self) -> DbResult<()> {
        let Some((kind, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        if let Some(record) = Record::load(&self.store, kind, &code)? {
            self.popups.push(Popup::Form(Box::new(Form::edit(&record, self.lang))));
        }
        Ok(())
    }

    fn ask_delete(&mut self) {
        let Some((kind, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return;
        };
        let text = format!("{} {} {code}？{}", self.t(Msg::ConfirmDelete), kind.name(self.lang), self.t(Msg::YesNo));
        self.popups.push(Popup::Confirm { text, pending: Pending::Delete(kind, code) });
    }

    fn mark_shift(&mut self, status: ShiftStatus) -> DbResult<()> {
        let Some(s) = self.volunteers.shifts.current() else {
            self.say(Msg::NoShift);
            return Ok(());
        };
        let code = s.shift_ref.clone();
        crate::ops::shifts::mark(&mut self.store, &code, status)?;
        self.reload_all()?;
        self.say(if status == ShiftStatus::Served { Msg::MarkedServed } else { Msg::MarkedAbsent });
        Ok(())
    }

    fn open_prompt(&mut self, title: Msg, export: bool) {
        if self.job.is_some() {
            self.say(Msg::Busy);
            return;
        }
        let default = if export {
            crate::domain::messages::export_default_name(self.lang, self.today.format("%Y%m%d"))
        } else {
            String::new()
        };
        self.popups.push(Popup::Prompt(Prompt { title, input: Input::new(default), export }));
    }

    // ---- popups --------------------------------------------------------------------

    fn popup_action(&mut self, action: Action) -> DbResult<()> {
        let Some(top) = self.popups.pop() else { return Ok(()) };
        let outcome = top.on_action(action, self.lang);
        self.resolve(outcome)
    }

    /// Puts a popup's outcome into effect.
    fn resolve(&mut self, outcome: Outcome) -> DbResult<()> {
        match outcome {
            Outcome::Stay(popup) => self.popups.push(popup),
            Outcome::Close => {}
            Outcome::Open { under, top } => {
                self.popups.push(under);
                self.popups.push(top);
            }
            Outcome::Apply { keep, effect } => {
                if let Some(popup) = keep {
                    self.popups.push(popup);
                }
                self.apply(effect)?;
            }
        }
        Ok(())
    }

    /// Every effect a popup can ask for, applied in one place.
    fn apply(&mut self, effect: Effect) -> DbResult<()> {
        match effect {
            Effect::SaveForm(form) => self.save_form(*form),
            Effect::SaveBatch { batch, confirmed } => self.save_batch(batch, confirmed),
            Effect::OpenPicker { target, source } => {
                let picker = Picker::new(target, source, &self.store)?;
                self.popups.push(Popup::Picker(Box::new(picker)));
                Ok(())
            }
            Effect::Picked { target, value, label } => {
                if let Some(top) = self.popups.last_mut() {
                    top.receive_pick(target, value, label, self.lang);
                }
                Ok(())
            }
            Effect::Confirmed(pending) => self.confirmed(pending),
            Effect::Filter { status, category, from, to } => {
                if let Some(list) = self.list_mut() {
                    *list.filter_mut() = Filter { status, category, from, to };
                }
                self.reload_lists()
            }
            Effect::StartJob(prompt) => {
                self.start_job(&prompt);
                Ok(())
            }
            Effect::Quit => self.ask_quit(),
            Effect::EnterTraining => self.enter_training(),
            Effect::OpenImport => {
                self.open_prompt(Msg::ImportPrompt, false);
                Ok(())
            }
            Effect::NewVillage => {
                self.go(PaneId::Villages)?;
                self.new_record(Kind::Village)
            }
        }
    }

    /// Switches this console to a training sandbox made from the demo data.
    fn enter_training(&mut self) -> DbResult<()> {
        let (store, sb) = match crate::ops::training::open(self.store.operator()) {
            Ok(opened) => opened,
            Err(crate::ops::OpsError::Db(e)) => return Err(e),
            Err(e) => {
                self.message = Some((e.message(self.lang), true));
                return Ok(());
            }
        };
        self.store = store;
        self.training = Some(sb);
        self.reload_all()
    }

    /// The card of the selected village.
    fn card(&mut self) -> DbResult<()> {
        let Some(code) = self.villages.current().map(|v| v.code.clone()) else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let now = self.now.unwrap_or_else(|| Local::now().naive_local());
        if let Some(card) = crate::ops::card::build(&self.store, &code, now, self.read_only)? {
            let lines = crate::ops::card::text(&card, self.lang);
            self.popups.push(Popup::Report { title: self.t(Msg::CardTitle).to_string(), lines, scroll: 0, ok: true });
        }
        Ok(())
    }

    /// A donor's name as shown: masked for individuals when names are masked.
    pub fn donor_shown(&self, name: Option<&str>, people: bool) -> String {
        match name {
            None => self.t(Msg::Anonymous).to_string(),
            Some(n) if self.mask_names && people => crate::domain::phone::mask_name(n),
            Some(n) => n.to_string(),
        }
    }

    /// A phone as shown: masked in read-only (inspection) mode.
    pub fn phone_shown(&self, phone: &str) -> String {
        if self.read_only { crate::domain::phone::mask_phone(phone) } else { phone.to_string() }
    }

    fn confirmed(&mut self, pending: Pending) -> DbResult<()> {
        match pending {
            Pending::Quit => self.quit = true,
            Pending::Delete(kind, code) => match Record::delete(&mut self.store, kind, &code) {
                Ok(()) => {
                    self.reload_all()?;
                    self.say(Msg::Deleted);
                }
                Err(e) => {
                    let title = self.t(Msg::CannotDelete).to_string();
                    self.popups.push(Popup::Report { title, lines: vec![e.message(self.lang)], scroll: 0, ok: false });
                }
            },
            Pending::CloseForm => {
                self.popups.pop();
            }
            Pending::ResetTraining => {
                if let Some(sb) = self.training.clone() {
                    crate::ops::training::reset(&mut self.store, &sb)?;
                    self.scope_village = None;
                    self.scope_project = None;
                    self.reload_all()?;
                    self.say(Msg::TrainingReset);
                }
            }
            Pending::SaveBatch => {
                if let Some(Popup::Batch(b)) = self.popups.pop() {
                    self.save_batch(b, true)?;
                }
            }
        }
        Ok(())
    }

    fn save_form(&mut self, mut form: Form) -> DbResult<()> {
        form.validate(self.lang);
        let Some(record) = form.record() else {
            form.show_all = true;
            self.popups.push(Popup::Form(Box::new(form)));
            self.say(Msg::FixErrors);
            return Ok(());
        };
        let result = match &form.editing {
            Some(code) => record.update(&mut self.store, code, form.seen.as_ref()),
            None => record.insert(&mut self.store).map(|_| ()),
        };
        match result {
            Ok(()) => {
                self.reload_all()?;
                self.say(Msg::Saved);
            }
            Err(DbError::Changed { kind, code, fields }) => {
                let current = Record::load(&self.store, kind, &code)?;
                let lines = form.merge(current, &fields, self.lang);
                self.message = Some((self.t(Msg::ChangedByOther).to_string(), true));
                self.popups.push(Popup::Form(Box::new(form)));
                let title = self.t(Msg::ChangedByOther).to_string();
                self.popups.push(Popup::Report { title, lines, scroll: 0, ok: false });
            }
            Err(DbError::Rejected { field, rule, .. }) => {
                let i = form.fields().iter().position(|f| f.key == field).unwrap_or(0);
                form.focus = i;
                form.show_all = true;
                let reason =
                    crate::domain::messages::field_reason(self.lang, form.fields()[i].header, rule.message(self.lang));
                self.message = Some((reason, true));
                self.popups.push(Popup::Form(Box::new(form)));
            }
            Err(e) => {
                self.popups.push(Popup::Form(Box::new(form)));
                return Err(e);
            }
        }
        Ok(())
    }

    fn save_batch(&mut self, mut batch: Box<BatchEntry>, confirmed: bool) -> DbResult<()> {
        let now = self.now.unwrap_or_else(|| Local::now().naive_local());
        let day = now.format("%Y%m%d").to_string();
        let Some(donations) = batch.check(&day, self.lang) else {
            self.say(Msg::FixErrors);
            self.popups.push(Popup::Batch(batch));
            return Ok(());
        };
        if donations.is_empty() || batch.project.is_none() {
            self.say(Msg::BatchEmpty);
            self.popups.push(Popup::Batch(batch));
            return Ok(());
        }
        if batch.mismatch() && !confirmed {
            // The question sits over the batch; "yes" saves the batch it covers.
            let text = self.t(Msg::BatchConfirmMismatch).to_string();
            self.popups.push(Popup::Batch(batch));
            self.popups.push(Popup::Confirm { text, pending: Pending::SaveBatch });
            return Ok(());
        }
        match crate::ops::batch::save_donations(&mut self.store, &donations, &day) {
            Ok(_) => {
                self.reload_all()?;
                self.say(Msg::BatchSaved);
            }
            Err(e) => {
                self.popups.push(Popup::Batch(batch));
                return Err(e);
            }
        }
        Ok(())
    }

    fn start_job(&mut self, prompt: &Prompt) {
        let Some(tx) = self.jobs.clone() else { return };
        let text = prompt.input.value().trim().to_string();
        if text.is_empty() {
            return;
        }
        let db = self.store.path().to_path_buf();
        self.job = Some(Job { phase: Phase::Reading, done: 0, total: 0 });
        if prompt.export {
            let selection = Selection {
                villages: self.scope_village.iter().map(|v| v.0.clone()).collect(),
                projects: self.scope_project.iter().map(|p| p.0.clone()).collect(),
                ..Selection::default()
            };
            spawn_export(tx, db, PathBuf::from(text), selection, self.lang);
        } else {
            let paths = split_paths(&text);
            spawn_import(tx, db, self.store.operator().to_string(), paths, self.lang);
        }
    }

    /// A verified backup into the backups folder, named in the status line.
    fn backup(&mut self) -> DbResult<()> {
        if self.read_only {
            self.say(Msg::BackupReadOnly);
            return Ok(());
        }
        let done = crate::ops::backup::backup(&self.store, None)?;
        self.message = Some((format!("{}{}", self.t(Msg::BackedUp), done.path.display()), false));
        Ok(())
    }

    /// A report from a worker.
    pub fn job_event(&mut self, e: JobEvent) {
        match e {
            JobEvent::Progress { phase, done, total } => self.job = Some(Job { phase, done, total }),
            JobEvent::Failed { line } => {
                self.job = None;
                let title = self.t(Msg::JobFailed).to_string();
                self.popups.push(Popup::Report { title, lines: vec![line], scroll: 0, ok: false });
            }
            JobEvent::Done { kind, ok, lines } => {
                self.job = None;
                let title = match (kind, ok) {
                    (JobKind::Import, true) => Msg::ImportDone,
                    (JobKind::Import, false) => Msg::ImportFailed,
                    (JobKind::Export, true) => Msg::ExportDone,
                    (JobKind::Export, false) => Msg::JobFailed,
                };
                self.popups.push(Popup::Report { title: self.t(title).to_string(), lines, scroll: 0, ok });
                if let Err(e) = self.reload_all() {
                    self.fail(e);
                }
            }
        }
    }

    /// Whether an action exists in this console: no writing in read-only mode, no reset
    /// outside training.
    pub fn available(&self, a: Action) -> bool {
        let writing = self.read_only && a.writes();
        let reset = a == Action::ResetTraining && self.training.is_none();
        !(writing || reset)
    }

    /// Quits, asking first when a form or batch holds unsaved input.
    fn ask_quit(&mut self) -> DbResult<()> {
        if self.job.is_some() {
            // An import commits all or nothing: quitting now leaves the database as it was.
            let text = self.t(Msg::JobRunningQuit).to_string();
            self.popups.push(Popup::Confirm { text, pending: Pending::Quit });
        } else if self.unsaved() {
            let text = self.t(Msg::UnsavedQuit).to_string();
            self.popups.push(Popup::Confirm { text, pending: Pending::Quit });
        } else {
            self.quit = true;
        }
        Ok(())
    }

    /// True while a form or batch holds unsaved input.
    pub fn unsaved(&self) -> bool {
        self.popups.iter().any(Popup::unsaved)
    }

    /// The batch being edited, for rendering its cursor.
    pub fn batch_focus(&self) -> Option<Focus> {
        match self.popups.last() {
            Some(Popup::Batch(b)) => Some(b.focus),
            _ => None,
        }
    }
}
