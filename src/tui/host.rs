//! The console window the program runs in, as far as the system tells: its code page
//! (Windows), and whether this process owns the window (started by a double-click).
//!
//! Only these calls differ between systems; every decision made from their answers is a
//! plain function elsewhere (`drawing::choose`), tested on any system.

use std::io::{BufRead, IsTerminal, Write};

/// The output code page of the Windows console (936 on a Chinese system, 65001 after
/// `chcp 65001`), when there is a console and it answers.
#[cfg(windows)]
pub fn output_code_page() -> Option<u32> {
    // SAFETY: takes no arguments; returns 0 when the process has no console.
    let cp = unsafe { windows_sys::Win32::System::Console::GetConsoleOutputCP() };
    (cp != 0).then_some(cp)
}

/// Unix terminals have no code page: the locale names their encoding.
#[cfg(not(windows))]
pub fn output_code_page() -> Option<u32> {
    None
}

/// True when this process is the only one attached to its console window: Explorer
/// started it (a double-click on `xingfu.exe`) and the window closes when it exits, so a
/// last message must wait for a key to be read. From `cmd`, PowerShell or Windows
/// Terminal the shell is attached too, and the window stays.
#[cfg(windows)]
pub fn owns_window() -> bool {
    let mut ids = [0u32; 4];
    // SAFETY: the buffer holds `ids.len()` process ids; the call writes at most that many
    // and returns how many processes are attached (0 on failure).
    let n = unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    n == 1
}

/// A Unix program runs in a terminal that stays open after it exits (a launcher that
/// closes it is configured to), so no message is ever lost to a closing window.
#[cfg(not(windows))]
pub fn owns_window() -> bool {
    false
}

/// Shows `prompt` and waits for Enter, when this process owns its window (see
/// [`owns_window`]) and can read keys from it; otherwise returns at once.
pub fn hold_window(prompt: &str) {
    if !(owns_window() && std::io::stdin().is_terminal()) {
        return;
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "\n{prompt}");
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}
