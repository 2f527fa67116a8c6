//! Printing that never fails a command: a full disk or a closed console behind stdout
//! must not turn a committed import into an error code or a panic (`println!` panics
//! when it cannot write). A failed write is noted once on stderr and otherwise ignored.
//! A closed pipe still ends the program quietly on Unix (SIGPIPE, set in `main`).
//!
//! Everything printed passes through [`shown`] last: whatever a value held (a file name,
//! a query, a stored name), no control sequence and no bidi control reaches the terminal.
//! Values are made safe where they are quoted (one line each); this is the net under them.

use std::fmt::Arguments;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::shown::{Lines, shown};

static NOTED: AtomicBool = AtomicBool::new(false);

/// The text of `args`, safe for a terminal.
fn safe(args: Arguments<'_>) -> String {
    let text = args.to_string();
    shown(&text, Lines::Many).into_owned()
}

fn write(args: Arguments<'_>, newline: bool) {
    let text = safe(args);
    let mut out = std::io::stdout().lock();
    let result = out.write_all(text.as_bytes()).and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result
        && !NOTED.swap(true, Ordering::Relaxed)
    {
        let _ = writeln!(std::io::stderr(), "xingfu: 无法写入标准输出 / cannot write to standard output: {e}");
    }
}

/// One line on stdout.
pub(crate) fn line(args: Arguments<'_>) {
    write(args, true);
}

/// Text on stdout, no newline added.
pub(crate) fn text(args: Arguments<'_>) {
    write(args, false);
}

/// One line on stderr; a failure is ignored (there is nowhere left to say it).
pub(crate) fn error_line(args: Arguments<'_>) {
    let text = safe(args);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.write_all(b"\n"));
}

/// `println!` that cannot fail the command.
macro_rules! out {
    () => { $crate::cli::out::line(format_args!("")) };
    ($($t:tt)*) => { $crate::cli::out::line(format_args!($($t)*)) };
}

/// `print!` that cannot fail the command.
macro_rules! out_text {
    ($($t:tt)*) => { $crate::cli::out::text(format_args!($($t)*)) };
}

/// `eprintln!` that cannot fail the command.
macro_rules! err {
    ($($t:tt)*) => { $crate::cli::out::error_line(format_args!($($t)*)) };
}
