//! xingfu: parse the command line and dispatch; nothing else.

use clap::Parser;
use xingfu::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    cli::run(Cli::parse()).into()
}
