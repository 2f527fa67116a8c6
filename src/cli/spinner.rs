//! A spinner with the elapsed time on stderr (when it is a terminal) while a long check
//! runs that can say nothing about how far it is: SQLite's `integrity_check`, which
//! `restore` runs on the backup and `xingfu check` on the database (tens of seconds on a
//! large database).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Shown until dropped.
pub struct Spinner(Option<ProgressBar>);

pub fn start(message: &str) -> Spinner {
    if !std::io::stderr().is_terminal() {
        return Spinner(None);
    }
    let pb = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner());
    pb.set_style(style);
    pb.set_message(message.to_string());
    pb.enable_steady_tick(Duration::from_millis(120));
    Spinner(Some(pb))
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}
