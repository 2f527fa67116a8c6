//! The console's state: the panes, the scope, the popups, the status line and the options.
//! What changes it is split by where it comes from: `keys` (terminal events to actions),
//! `actions` (an action on the pane in front), `effects` (what popups ask for, and jobs).
//! Rendering only reads this state.

mod actions;
mod audit;
mod effects;
mod keys;
mod papers;

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use chrono::{Local, NaiveDate};
use ratatui::crossterm::event::{Event as TermEvent, KeyEvent};
use tui_input::Input;

use crate::db::Scope;
use crate::db::{DbError, DbResult, DonationTotals, Filter, Selection, StatusFilter};
use crate::domain::kind::key;
use crate::domain::*;
use crate::ops::Desk;
use crate::ops::report::closing::Closing;

use super::Event;
use super::action::Action;
use super::batch::{BatchEntry, Focus};
use super::files::{FileBrowser, quoted};
use super::form::Form;
use super::i18n::Msg;
use super::jobs::{JobEvent, JobKind, Phase, spawn_export, spawn_import, split_paths};
use super::keymap::{Context, Key, Keymap};
use super::list::PaneList;
use super::operator::OperatorPopup;
use super::panes::donations::DonationsPane;
use super::panes::log::LogPane;
use super::panes::projects::ProjectsPane;
use super::panes::villages::VillagesPane;
use super::panes::volunteers::VolunteersPane;
use super::panes::{Opened, Pane};
use super::picker::Picker;
use super::popup::RefusedImport;
pub use super::popup::{Effect, FilterPopup, Outcome, Pending, Popup, Prompt};
use super::theme::Theme;
pub use crate::ops::overview::Overview;

/// The six panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneId {
    Overview,
    Villages,
    Projects,
    Donations,
    Volunteers,
    Log,
}

impl PaneId {
    pub const ALL: [PaneId; 6] =
        [PaneId::Overview, PaneId::Villages, PaneId::Projects, PaneId::Donations, PaneId::Volunteers, PaneId::Log];

    pub fn title(self) -> Msg {
        match self {
            PaneId::Overview => Msg::Overview,
            PaneId::Villages => Msg::Villages,
            PaneId::Projects => Msg::Projects,
            PaneId::Donations => Msg::Donations,
            PaneId::Volunteers => Msg::Volunteers,
            PaneId::Log => Msg::Log,
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
            PaneId::Log => &[Context::Log, Context::List, Context::Global],
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
            Popup::Files(_) => Context::Files,
            Popup::Filter(_) => Context::Filter,
            Popup::Refused(_) => Context::Refused,
            Popup::Welcome => Context::Welcome,
            // Scrolled and closed as a report is.
            Popup::Donor(_) => Context::Report,
            // Fields stepped and applied as the filter's are.
            Popup::Certificate(_) => Context::Filter,
            Popup::History(_) => Context::History,
            Popup::Operator(_) => Context::Operator,
            Popup::Mapping(_) => Context::Mapping,
            Popup::Links(_) => Context::Links,
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
    /// The operators this installation knows, most recent first (from `config.toml`).
    pub operators: Vec<String>,
    /// Where a new operator's name is remembered (`config.toml`); `None`: nowhere (tests,
    /// and read-only or training consoles, which never write it).
    pub config: Option<PathBuf>,
}

/// The whole console.
pub struct App {
    /// The office database, through the operations a console may use.
    pub store: Desk,
    /// How the console was started (the training sandbox is set on entering training).
    pub opts: Options,
    /// The key-cast strip (for a projector).
    pub keycast: bool,
    pub pane: PaneId,
    pub size: (u16, u16),
    pub villages: VillagesPane,
    pub projects: ProjectsPane,
    pub donations: DonationsPane,
    pub totals: DonationTotals,
    pub volunteers: VolunteersPane,
    pub log: LogPane,
    pub overview: Overview,
    /// (code, name) of the village and project the lists are scoped to.
    pub scope_village: Option<(String, String)>,
    /// The town of the village the lists are scoped to (for the breadcrumb).
    pub scope_town: Option<String>,
    pub scope_project: Option<(String, String)>,
    pub popups: Vec<Popup>,
    pub searching: Option<Input>,
    pub message: Option<(String, bool)>,
    pub quit: bool,
    pub job: Option<Job>,
    pub jobs: Option<Sender<Event>>,
    /// The last keys and their actions (for the key-cast strip).
    pub last_keys: Vec<(String, Option<Action>)>,
    /// The change-sets this console made, with their operator, oldest first: Ctrl-Z
    /// undoes the current operator's latest.
    pub session: Vec<(String, i64)>,
    /// The store's last change-set when last looked at.
    seen_change_set: Option<i64>,
    /// Where the operator's presets are, when not the configuration folder's (tests).
    pub presets_dir: Option<PathBuf>,
}

impl App {
    pub fn new(store: impl Into<Desk>, opts: Options, size: (u16, u16)) -> DbResult<App> {
        let mut app = App {
            store: store.into(),
            opts,
            keycast: false,
            pane: PaneId::Overview,
            size,
            villages: VillagesPane::new(),
            projects: ProjectsPane::new(),
            donations: DonationsPane::new(),
            totals: DonationTotals::default(),
            volunteers: VolunteersPane::new(),
            log: LogPane::new(),
            overview: Overview::default(),
            scope_village: None,
            scope_town: None,
            scope_project: None,
            popups: Vec::new(),
            searching: None,
            message: None,
            quit: false,
            job: None,
            jobs: None,
            last_keys: Vec::new(),
            session: Vec::new(),
            seen_change_set: None,
            presets_dir: None,
        };
        // A city's database whose own records hold no village opens on its first county.
        if let Some(county) = app.store.first_county()? {
            app.store.set_focus(Some(county));
        }
        app.store.set_clock(app.opts.now);
        app.reload_all()?;
        let empty = app.overview.summary.as_ref().is_some_and(|s| s.villages == 0);
        if empty && !app.opts.read_only && app.opts.training.is_none() {
            app.popups.push(Popup::Welcome);
        } else if !app.opts.read_only && app.opts.training.is_none() && app.store.office_unknown()? {
            // A database made before offices were named, whose villages do not say which
            // county it is: asked once.
            app.popups.push(Popup::Prompt(Prompt::office()));
        }
        // No name yet: asked before anything else (an inspector writes nothing: not asked).
        if app.store.operator().is_empty() && !app.opts.read_only {
            let known = app.opts.operators.clone();
            app.popups.push(Popup::Operator(Box::new(OperatorPopup::new(known, true))));
        }
        Ok(app)
    }

    /// The operator's presets: in training those of the sandbox, so that practice never
    /// changes the office's.
    pub fn presets(&self) -> crate::ops::presets::Presets {
        use crate::ops::presets::Presets;
        match (&self.presets_dir, &self.opts.training) {
            (Some(dir), _) => Presets::at(Some(dir.clone())),
            (None, Some(sb)) => Presets::at(sb.db.parent().map(|d| d.join("presets"))),
            (None, None) => Presets::user(),
        }
    }

    pub fn t(&self, m: Msg) -> &'static str {
        m.text(self.opts.lang)
    }

    /// The pane in front (none on the overview).
    pub fn front(&self) -> Option<&dyn Pane> {
        match self.pane {
            PaneId::Villages => Some(&self.villages),
            PaneId::Projects => Some(&self.projects),
            PaneId::Donations => Some(&self.donations),
            PaneId::Volunteers => Some(&self.volunteers),
            PaneId::Log => Some(&self.log),
            PaneId::Overview => None,
        }
    }

    /// The pane in front, beside the store it reads (two borrows of `App` at once).
    pub(super) fn front_with_desk(&mut self) -> (Option<&mut dyn Pane>, &Desk) {
        let pane: Option<&mut dyn Pane> = match self.pane {
            PaneId::Villages => Some(&mut self.villages),
            PaneId::Projects => Some(&mut self.projects),
            PaneId::Donations => Some(&mut self.donations),
            PaneId::Volunteers => Some(&mut self.volunteers),
            PaneId::Log => Some(&mut self.log),
            PaneId::Overview => None,
        };
        (pane, &self.store)
    }

    /// The list of the pane in front.
    pub(super) fn list(&self) -> Option<&dyn PaneList> {
        self.front().map(|p| p.list())
    }

    pub(super) fn list_mut(&mut self) -> Option<&mut dyn PaneList> {
        self.front_with_desk().0.map(|p| p.list_mut())
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
        self.volunteers.reload(&self.store, h)?;
        self.log.reload(&self.store, h)
    }

    /// Turns the lists to the records of `office` (a county of a city's database).
    pub(super) fn turn_to(&mut self, office: Option<crate::domain::DivisionCode>) {
        if self.store.focus() != office {
            self.store.set_focus(office);
            self.projects.selected = 0;
            self.donations.selected = 0;
            self.volunteers.selected = 0;
        }
    }

    /// The name of the county in focus, in a city's database.
    pub fn focus_name(&self) -> Option<String> {
        let code = self.store.focus()?;
        let line = self.overview.offices.iter().find(|l| l.figures.office == Some(code));
        Some(
            line.map(|l| l.name.clone())
                .or_else(|| code.name().map(str::to_string))
                .unwrap_or_else(|| code.to_string()),
        )
    }

    pub(super) fn apply_scope(&mut self) {
        let v = self.scope_village.as_ref().map(|s| s.0.clone());
        let p = self.scope_project.as_ref().map(|s| s.0.clone());
        self.projects.query.village = v.clone();
        self.donations.query.village = v.clone();
        self.donations.query.project = p;
        self.volunteers.query.village = v;
    }

    pub(super) fn reload_overview(&mut self) -> DbResult<()> {
        self.overview = self.store.overview(self.opts.today)?;
        Ok(())
    }

    pub(super) fn reload_lists(&mut self) -> DbResult<()> {
        let h = self.list_height();
        if let (Some(pane), store) = self.front_with_desk() {
            pane.reload(store, h)?;
        }
        if self.pane == PaneId::Donations {
            self.totals = self.store.donation_totals(&self.donations.query)?;
        }
        Ok(())
    }

    pub(super) fn refetch_all(&mut self) -> DbResult<()> {
        let h = self.list_height();
        self.villages.fetch(&self.store, h)?;
        self.projects.fetch(&self.store, h)?;
        self.donations.fetch(&self.store, h)?;
        self.volunteers.fetch(&self.store, h)?;
        self.log.fetch(&self.store, h)?;
        Ok(())
    }

    pub(super) fn fail(&mut self, e: DbError) {
        let text = e.message(self.opts.lang);
        // A reason too long for the status line is shown whole in a popup as well: the part
        // cut off is often what to do next.
        if super::text::width(&text) + 2 > self.size.0 as usize {
            let title = self.t(Msg::JobFailed).to_string();
            self.popups.push(Popup::Report { title, lines: vec![text.clone()], scroll: 0, ok: false });
        }
        self.message = Some((text, true));
    }

    pub(super) fn say(&mut self, m: Msg) {
        self.message = Some((m.text(self.opts.lang).to_string(), false));
    }

    /// A donor's name as shown: masked for individuals when names are masked.
    pub fn donor_shown(&self, name: Option<&str>, people: bool) -> String {
        match name {
            None => self.t(Msg::Anonymous).to_string(),
            Some(n) if self.opts.mask_names && people => crate::domain::phone::mask_name(n),
            Some(n) => n.to_string(),
        }
    }

    /// What the screen hides: phones in read-only (inspection) mode, private names with
    /// `--mask-names`.
    pub fn masking(&self) -> crate::ops::export::Masking {
        crate::ops::export::Masking { phones: self.opts.read_only, names: self.opts.mask_names }
    }

    /// Who is working, as the status line shows it: the name, marked in training, or
    /// read-only for an inspection (which records nothing).
    pub fn operator_shown(&self) -> String {
        let name = crate::domain::shown::one_line(self.store.operator());
        if self.opts.read_only {
            crate::domain::messages::operator_read_only(self.opts.lang).to_string()
        } else if self.opts.training.is_some() {
            crate::domain::messages::operator_training(self.opts.lang, name)
        } else {
            name
        }
    }

    /// A phone as shown: masked in read-only (inspection) mode.
    pub fn phone_shown(&self, phone: &str) -> String {
        if self.opts.read_only { crate::domain::phone::mask_phone(phone) } else { phone.to_string() }
    }

    /// Whether an action exists in this console: no writing in read-only mode, no reset
    /// outside training.
    pub fn available(&self, a: Action) -> bool {
        let writing = self.opts.read_only && a.writes();
        let reset = a == Action::ResetTraining && self.opts.training.is_none();
        // A refused import offers only what can be done about it: a copy of files it read,
        // an update when only conflicts stopped it.
        let refused = match (a, self.popups.last()) {
            (Action::WriteErrors, Some(Popup::Refused(r))) => r.refused.report.sheets.is_empty(),
            (Action::ImportUpdate, Some(Popup::Refused(r))) => !r.refused.conflicts_only,
            // The office's code is typed, not picked from files.
            (Action::Pick, Some(Popup::Prompt(p))) => p.office,
            _ => false,
        };
        // The next receipt number belongs to donations: their form and batch entry.
        let receipt = a == Action::NextReceipt
            && !matches!(self.popups.last(), Some(Popup::Batch(_)))
            && !matches!(self.popups.last(), Some(Popup::Form(f)) if f.kind == Kind::Donation);
        // The log lists change-sets, not records: nothing to make, edit, delete, sort or search.
        let log = self.popups.is_empty()
            && self.pane == PaneId::Log
            && matches!(
                a,
                Action::New | Action::Edit | Action::Delete | Action::Sort | Action::Search | Action::History
            );
        !(writing || reset || refused || receipt || log)
    }

    /// True while the window is below the smallest usable size (the notice shows).
    pub fn too_small(&self) -> bool {
        self.size.0 < super::view::MIN_WIDTH || self.size.1 < super::view::MIN_HEIGHT
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
