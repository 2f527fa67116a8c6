//! xingfu (幸福): a keyboard-driven console for county charity offices running the
//! 幸福家园 village-community mutual-aid programme.
//!
//! Layers, with arrows pointing down only (`ARCHITECTURE.md`):
//!
//! - [`tui`]: the console (app state, keymap, panes, popups and forms, rendering); and
//!   [`cli`]: the non-interactive commands, which also start the console. Both use
//!   [`ops`]; the console reaches the database only through [`ops::Desk`] (it names `db`'s
//!   row and query types, never the store), and never calls the command line's code.
//! - [`ops`]: operations both faces share (import, export, lookup, card, backup, demo,
//!   training, settings), plain functions with progress callbacks; they use [`db`] and
//!   [`template`].
//! - [`db`]: the store, every line of SQL (schema, one module per record kind, the
//!   console's list queries with their sort keys and filters, search, backup, audit); and
//!   [`template`]: the standard template's CSV/XLSX files, read and written. Each uses
//!   [`domain`] and never the other.
//! - [`domain`]: plain types and rules (records, money, dates, codes, enumerations, the
//!   record kinds and their field keys); uses nothing of ours.
//!
//! `main.rs` only parses arguments and dispatches to [`cli`].

pub mod cli;
pub mod db;
pub mod domain;
pub mod ops;
pub mod template;
pub mod tui;
