//! The operator console: a keyboard-driven ratatui application over the store.
//!
//! Keys become actions through the keymap (`keymap`), `App::update` applies them
//! (`app`), and `view` draws the state. The loop blocks on input: nothing runs while the
//! operator does nothing, and the screen is drawn only after an event.

pub mod action;
pub mod app;
pub mod batch;
pub mod capture;
pub mod decode;
pub mod drawing;
pub mod files;
pub mod form;
pub mod history;
pub mod host;
pub mod i18n;
pub mod jobs;
pub mod keymap;
pub mod list;
pub mod mapping;
pub mod mapping_view;
pub mod operator;
pub mod panes;
pub mod papers;
pub mod picker;
pub mod popup;
pub mod popups;
pub mod script;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod view;
pub mod widgets;

use std::sync::mpsc;

use ratatui::crossterm::event::{self, Event as TermEvent};

use crate::db::DbError;
use crate::ops::Desk;
use app::{App, Options};
use jobs::JobEvent;

/// What wakes the loop.
#[derive(Debug)]
pub enum Event {
    Term(TermEvent),
    Job(JobEvent),
}

/// Runs the console until the operator quits. The terminal is restored on every exit
/// path, panics included (see [`terminal`]).
pub fn run(desk: impl Into<Desk>, opts: Options) -> Result<(), DbError> {
    let mut terminal = terminal::enter(opts.lang)?;
    let result = run_loop(&mut terminal, desk.into(), opts);
    terminal::leave();
    result
}

fn run_loop(terminal: &mut ratatui::DefaultTerminal, desk: Desk, opts: Options) -> Result<(), DbError> {
    let size = terminal.size().map(|s| (s.width, s.height)).unwrap_or((80, 24));
    let mut app = App::new(desk, opts, size)?;
    let (tx, rx) = mpsc::channel();
    let keys = tx.clone();
    std::thread::spawn(move || {
        while let Ok(e) = event::read() {
            if keys.send(Event::Term(e)).is_err() {
                break;
            }
        }
    });
    app.jobs = Some(tx);
    terminal.draw(|f| view::render(&app, f))?;
    while let Ok(ev) = rx.recv() {
        match ev {
            Event::Term(e) => app.handle(&e),
            Event::Job(j) => app.job_event(j),
        }
        if app.quit {
            break;
        }
        terminal.draw(|f| view::render(&app, f))?;
    }
    Ok(())
}
