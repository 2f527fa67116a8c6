//! Operations both faces (command line and console) use: plain functions over the store.

pub mod audit;
pub mod backup;
pub mod batch;
pub mod card;
pub mod certificate;
pub mod demo;
pub mod desk;
pub mod details;
pub mod donors;
pub mod error;
pub mod export;
pub mod import;
pub mod letters;
pub mod lookup;
pub mod office;
pub mod overview;
pub mod page;
pub mod paths;
pub mod pause;
pub mod presets;
pub mod print;
pub mod records;
pub mod report;
pub mod scale;
pub mod search;
pub mod settings;
pub mod shifts;
pub mod training;

pub use desk::Desk;
pub use error::{OpsError, OpsResult};
