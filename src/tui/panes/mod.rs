//! One module per pane: each draws itself from the state.

pub mod donations;
pub mod overview;
pub mod projects;
pub mod villages;
pub mod volunteers;
