//! The process exit codes, as documented in `--help` and the README.

/// 0 ok, 1 input or data rejected (nothing written), 2 usage, 3 database unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Rejected = 1,
    Usage = 2,
    Unusable = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}
