//! xingfu (幸福): a keyboard-driven console for county charity offices running the
//! 幸福家园 village-community mutual-aid programme.
//!
//! Layers, with arrows pointing down only: `cli` (and later the console) use `ops`;
//! `ops` uses `db`; `db` uses `domain`; `domain` uses nothing of ours.

pub mod cli;
pub mod db;
pub mod domain;
pub mod ops;
pub mod template;
pub mod tui;
