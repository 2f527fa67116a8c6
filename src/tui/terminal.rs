//! The terminal while the console runs: raw mode and the alternate screen on the way in,
//! both undone on every way out — quitting, an error, and a panic.
//!
//! [`enter`] installs the panic hook first (once), so that even a failure halfway through
//! entering is undone. A panic on the console's own thread leaves the alternate screen and
//! raw mode before the message is printed, so the message is readable and the window
//! usable; when the program owns its window (double-clicked on Windows) it then waits for
//! Enter. Work that runs beside the console (imports, exports) runs [`guarded`]: its panic
//! becomes an error the console shows, and the terminal is left alone.

use std::cell::{Cell, RefCell};
use std::io::stdout;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

use crate::domain::Lang;
use crate::domain::messages as m;

/// The console holds the terminal (raw mode, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The language of what is said after a panic (0 Chinese, 1 English).
static LANG: AtomicU8 = AtomicU8::new(0);
static HOOK: Once = Once::new();

thread_local! {
    /// This thread runs [`guarded`] work: its panics are caught and reported as errors.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic of guarded work on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Takes the terminal for the console: the panic hook, raw mode, the alternate screen.
pub fn enter(lang: Lang) -> std::io::Result<ratatui::DefaultTerminal> {
    LANG.store(u8::from(lang == Lang::En), Ordering::Relaxed);
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Err(e) = execute!(stdout(), EnterAlternateScreen) {
        leave();
        return Err(e);
    }
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout())).inspect_err(|_| leave())
}

/// Gives the terminal back as it was: raw mode off, the normal screen, the cursor shown.
/// Does nothing when the console does not hold it, so it can be called on every way out.
pub fn leave() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        // Raw mode first: it has more effects than the alternate screen.
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    }
}

/// True while the console holds the terminal.
pub fn active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Installs the console's panic hook once (see the module documentation).
pub fn install_panic_hook() {
    HOOK.call_once(|| chain_panic_hook(leave, after_panic));
}

/// Puts a hook in front of the one installed now: on a panic outside [`guarded`] work it
/// calls `restore`, then the earlier hook (which prints the message), then `after`. A
/// panic of guarded work is only kept for [`guarded`] to report.
pub fn chain_panic_hook(restore: fn(), after: fn()) {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(Cell::get) {
            let message = panic_message(info.payload());
            let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
            return;
        }
        restore();
        earlier(info);
        after();
    }));
}

/// After a panic on the console's thread: says what happened in the operator's words and,
/// when the window would close with the program, waits for Enter.
fn after_panic() {
    let lang = if LANG.load(Ordering::Relaxed) == 1 { Lang::En } else { Lang::Zh };
    eprintln!("{}", m::console_crashed(lang));
    super::host::hold_window(m::press_enter_to_exit(lang));
}

fn panic_message(payload: &dyn std::any::Any) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Runs `work` on this thread; a panic in it is returned as its message instead of
/// unwinding further, and leaves the terminal to the console.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| panic_message(&*payload)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guarded_work_returns_its_panic_as_a_message_and_leaves_the_terminal_alone() {
        let ok = guarded(|| 42);
        assert_eq!(ok, Ok(42));
        let err = guarded(|| -> u32 { panic!("行 {} 出错", 3) });
        let message = err.expect_err("the panic is caught");
        assert!(message.starts_with("行 3 出错 ("), "{message}");
        assert!(message.contains("terminal.rs"), "{message}");
        // The thread is not marked afterwards.
        assert!(!GUARDED.with(Cell::get));
        assert!(!active());
    }

    #[test]
    fn leaving_twice_or_without_entering_does_nothing() {
        assert!(!active());
        leave();
        leave();
        assert!(!active());
    }
}
