//! xingfu: parse the command line and dispatch; nothing else.

fn main() -> std::process::ExitCode {
    // Output piped into `head` and closed early ends the program quietly, as other
    // command-line tools do, instead of a panic on a broken pipe. Windows has no SIGPIPE:
    // a closed pipe is a write error there, which the command line's printing ignores.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE at start, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    xingfu::cli::main().into()
}
