//! One module per pane: its state, what it does with a key, and how it draws itself.

/// A pane struct is its list to everyone who reads it (`app.villages.count`), with its
/// detail beside; `Default` is its `new`.
macro_rules! pane_is_its_list {
    ($pane:ty, $row:ty) => {
        impl Default for $pane {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::ops::Deref for $pane {
            type Target = crate::tui::list::ListView<$row>;
            fn deref(&self) -> &Self::Target {
                &self.list
            }
        }

        impl std::ops::DerefMut for $pane {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.list
            }
        }
    };
}

pub mod donations;
pub mod log;
pub mod overview;
pub mod projects;
pub mod villages;
pub mod volunteers;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::db::{DbResult, ListRow, StatusFilter};
use crate::domain::{Category, Kind};
use crate::ops::Desk;

use super::app::App;
use super::list::{ListView, PaneList};

/// A pane with a list of records (every pane but the overview). `App` works on the pane
/// in front through this, so adding a list pane is adding a module that implements it.
pub trait Pane {
    /// Its list, for sorting, filtering and search.
    fn list(&self) -> &dyn PaneList;
    fn list_mut(&mut self) -> &mut dyn PaneList;
    /// Counts and reads the list again, with whatever follows its selection.
    fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()>;
    /// Moves the selection (within a side list while it has the keys).
    fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()>;
    /// The kind and code of the selected record.
    fn selected(&self) -> Option<(Kind, String)>;
    /// Enter: what the selected row opens (a side list's focus stays within the pane).
    fn open(&mut self) -> Opened;
    /// Esc, first: hands the keys back from a side list; false when none had them.
    fn back(&mut self) -> bool;
    /// The kind of record `n` makes here.
    fn new_kind(&self) -> Kind;
    /// Rows its list shows in a body of `body` rows (the rest is its detail).
    fn list_height(&self, body: usize) -> usize;
    /// Narrows the list to what matches `text` (empty: everything).
    fn narrow(&mut self, desk: &Desk, text: &str) -> DbResult<()>;
    /// The statuses and categories its list can be filtered by.
    fn statuses(&self) -> Vec<StatusFilter>;
    fn categories(&self) -> Vec<Category>;
    fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect);
}

/// What Enter on a pane asks of the console: to scope the lists to a record and show the
/// next pane along the path (village → its projects → their donations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    Nothing,
    /// (code, name) of a village: show its projects.
    Village(String, String),
    /// (code, title) of a project: show its donations.
    Project(String, String),
    /// The selected record's form.
    Edit,
    /// A change-set of the audit log, with all its rows.
    ChangeSet(i64),
}

/// Search by code, name or pinyin initials: the list shows the best matches.
fn narrow_to_matches<T: ListRow + Clone>(list: &mut ListView<T>, desk: &Desk, kind: Kind, text: &str) -> DbResult<()> {
    list.query.only = if text.trim().is_empty() { None } else { Some(desk.fuzzy_ids(kind, text, 500)?) };
    list.search = text.to_string();
    list.selected = 0;
    Ok(())
}

/// Villages and projects keep room for their detail panel.
fn with_detail(body: usize) -> usize {
    (body * 3 / 5).saturating_sub(3).max(1)
}

fn whole(body: usize) -> usize {
    body.saturating_sub(3).max(1)
}

macro_rules! list_pane {
    ($pane:ty, $module:ident, kind: $kind:expr, new: $new:expr, height: $height:expr, categories: $cats:expr) => {
        impl Pane for $pane {
            fn list(&self) -> &dyn PaneList {
                &self.list
            }
            fn list_mut(&mut self) -> &mut dyn PaneList {
                &mut self.list
            }
            fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
                <$pane>::reload(self, desk, height)
            }
            fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
                <$pane>::step(self, desk, height, delta)
            }
            fn selected(&self) -> Option<(Kind, String)> {
                <$pane>::selected(self)
            }
            fn open(&mut self) -> Opened {
                <$pane>::open(self)
            }
            fn back(&mut self) -> bool {
                <$pane>::back(self)
            }
            fn new_kind(&self) -> Kind {
                let new: fn(&$pane) -> Kind = $new;
                new(self)
            }
            fn list_height(&self, body: usize) -> usize {
                let height: fn(usize) -> usize = $height;
                height(body)
            }
            fn narrow(&mut self, desk: &Desk, text: &str) -> DbResult<()> {
                narrow_to_matches(&mut self.list, desk, $kind, text)
            }
            fn statuses(&self) -> Vec<StatusFilter> {
                StatusFilter::all($kind)
            }
            fn categories(&self) -> Vec<Category> {
                $cats
            }
            fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
                $module::render(app, frame, area)
            }
        }
    };
}

list_pane!(villages::VillagesPane, villages, kind: Kind::Village, new: |_| Kind::Village, height: with_detail,
    categories: Vec::new());
list_pane!(projects::ProjectsPane, projects, kind: Kind::Project, new: projects::ProjectsPane::new_kind,
    height: with_detail, categories: Category::ALL.to_vec());
list_pane!(volunteers::VolunteersPane, volunteers, kind: Kind::Volunteer, new: volunteers::VolunteersPane::new_kind,
    height: whole, categories: Vec::new());

/// Donations are searched by donor, and have no status to filter by.
impl Pane for donations::DonationsPane {
    fn list(&self) -> &dyn PaneList {
        &self.list
    }
    fn list_mut(&mut self) -> &mut dyn PaneList {
        &mut self.list
    }
    fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        donations::DonationsPane::reload(self, desk, height)
    }
    fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        donations::DonationsPane::step(self, desk, height, delta)
    }
    fn selected(&self) -> Option<(Kind, String)> {
        donations::DonationsPane::selected(self)
    }
    /// A donation opens its form (the footer offers Enter to open).
    fn open(&mut self) -> Opened {
        Opened::Edit
    }
    fn back(&mut self) -> bool {
        false
    }
    fn new_kind(&self) -> Kind {
        Kind::Donation
    }
    /// Room for the line of totals above the list.
    fn list_height(&self, body: usize) -> usize {
        body.saturating_sub(4).max(1)
    }
    fn narrow(&mut self, desk: &Desk, text: &str) -> DbResult<()> {
        self.list.query.donors = if text.trim().is_empty() { None } else { Some(desk.fuzzy_donors(text, 50)?) };
        self.list.search = text.to_string();
        self.list.selected = 0;
        Ok(())
    }
    fn statuses(&self) -> Vec<StatusFilter> {
        Vec::new()
    }
    fn categories(&self) -> Vec<Category> {
        Vec::new()
    }
    fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        donations::render(app, frame, area)
    }
}

/// The audit log: change-sets, not records; filtered by kind, operator and date, never
/// searched.
impl Pane for log::LogPane {
    fn list(&self) -> &dyn PaneList {
        &self.list
    }
    fn list_mut(&mut self) -> &mut dyn PaneList {
        &mut self.list
    }
    fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        log::LogPane::reload(self, desk, height)
    }
    fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        log::LogPane::step(self, desk, height, delta)
    }
    fn selected(&self) -> Option<(Kind, String)> {
        None
    }
    fn open(&mut self) -> Opened {
        log::LogPane::open(self)
    }
    fn back(&mut self) -> bool {
        false
    }
    fn new_kind(&self) -> Kind {
        Kind::Village
    }
    fn list_height(&self, body: usize) -> usize {
        (body * 55 / 100).saturating_sub(3).max(1)
    }
    fn narrow(&mut self, _desk: &Desk, _text: &str) -> DbResult<()> {
        Ok(())
    }
    fn statuses(&self) -> Vec<StatusFilter> {
        crate::domain::ChangeKind::ALL.iter().map(|k| StatusFilter::Change(*k)).collect()
    }
    fn categories(&self) -> Vec<Category> {
        Vec::new()
    }
    fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        log::render(app, frame, area)
    }
}
