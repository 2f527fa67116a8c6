//! A test hook: an import holds still at a named phase, so a test can kill the process
//! there and prove the database is left as it was (`tests/import_killed.rs`).
//!
//! Set `XINGFU_TEST_PAUSE_IMPORT` to `reading`, `writing`, `indexing` or `committing`:
//! on reaching that point the import writes `xingfu-test: paused at <phase>` on stderr
//! and sleeps. Unset (always, outside those tests), a check costs one lookup of the
//! environment at each of a handful of points per import.

use std::io::Write;
use std::time::Duration;

/// The name of the variable.
pub const VARIABLE: &str = "XINGFU_TEST_PAUSE_IMPORT";

/// The points an import may hold at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// After reading the first file, before checking.
    Reading,
    /// Halfway through writing the rows, inside the transaction.
    Writing,
    /// After building the first index set aside, inside the transaction.
    Indexing,
    /// After the backup, just before the commit.
    Committing,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Writing => "writing",
            Phase::Indexing => "indexing",
            Phase::Committing => "committing",
        }
    }
}

/// Holds here (for ten minutes, until killed) when the variable names this phase.
pub fn at(phase: Phase) {
    if std::env::var(VARIABLE).ok().as_deref() != Some(phase.name()) {
        return;
    }
    let mut err = std::io::stderr();
    let _ = writeln!(err, "xingfu-test: paused at {}", phase.name());
    let _ = err.flush();
    std::thread::sleep(Duration::from_secs(600));
}
