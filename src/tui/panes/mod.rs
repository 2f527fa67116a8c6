//! One module per pane: its state, what it does with a key, and how it draws itself.

pub mod donations;
pub mod overview;
pub mod projects;
pub mod villages;
pub mod volunteers;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::db::{DbResult, Store};
use crate::domain::Kind;

use super::app::App;
use super::list::PaneList;

/// A pane with a list of records (every pane but the overview). `App` works on the pane
/// in front through this, so adding a list pane is adding a module that implements it.
pub trait Pane {
    /// Its list, for sorting, filtering and search.
    fn list(&self) -> &dyn PaneList;
    fn list_mut(&mut self) -> &mut dyn PaneList;
    /// Counts and reads the list again, with whatever follows its selection.
    fn reload(&mut self, store: &Store, height: usize) -> DbResult<()>;
    /// Moves the selection (within a side list while it has the keys).
    fn step(&mut self, store: &Store, height: usize, delta: i64) -> DbResult<()>;
    /// The kind and code of the selected record.
    fn selected(&self) -> Option<(Kind, String)>;
    /// The kind of record `n` makes here.
    fn new_kind(&self) -> Kind;
    fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect);
}

macro_rules! list_pane {
    ($pane:ty, $module:ident, $new:expr) => {
        impl Pane for $pane {
            fn list(&self) -> &dyn PaneList {
                &self.list
            }
            fn list_mut(&mut self) -> &mut dyn PaneList {
                &mut self.list
            }
            fn reload(&mut self, store: &Store, height: usize) -> DbResult<()> {
                <$pane>::reload(self, store, height)
            }
            fn step(&mut self, store: &Store, height: usize, delta: i64) -> DbResult<()> {
                <$pane>::step(self, store, height, delta)
            }
            fn selected(&self) -> Option<(Kind, String)> {
                <$pane>::selected(self)
            }
            fn new_kind(&self) -> Kind {
                let new: fn(&$pane) -> Kind = $new;
                new(self)
            }
            fn render(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
                $module::render(app, frame, area)
            }
        }
    };
}

list_pane!(villages::VillagesPane, villages, |_| Kind::Village);
list_pane!(projects::ProjectsPane, projects, projects::ProjectsPane::new_kind);
list_pane!(donations::DonationsPane, donations, |_| Kind::Donation);
list_pane!(volunteers::VolunteersPane, volunteers, volunteers::VolunteersPane::new_kind);
