//! The console's messages: the `console` table of the one catalogue in
//! `domain::messages`, re-exported for the console's modules.

pub use crate::domain::messages::Msg;
