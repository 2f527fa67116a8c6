//! Keys: a terminal event becomes an action through the keymap, or text typed into the
//! popup or search in front.

use super::*;

impl App {
    /// The keymap contexts in force, innermost first.
    pub fn contexts(&self) -> Vec<Context> {
        match self.popups.last() {
            Some(p) => vec![p.context()],
            None => self.pane.contexts().to_vec(),
        }
    }

    /// Handles one terminal event, as [`decode`](crate::tui::decode) gives it: a key acts
    /// once however the system reports it (press and release on Windows, AltGr).
    pub fn handle(&mut self, event: &TermEvent) {
        let Some(event) = crate::tui::decode::decode(event) else { return };
        let event = &event;
        match event {
            TermEvent::Key(key) => self.key(key, event),
            TermEvent::Resize(w, h) => {
                self.size = (*w, *h);
                let _ = self.refetch_all();
            }
            TermEvent::Paste(text) => {
                for c in text.chars().filter(|c| !c.is_control()) {
                    let e = TermEvent::Key(KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c)));
                    self.type_into(&e);
                }
            }
            _ => {}
        }
    }

    pub(super) fn key(&mut self, key: &KeyEvent, event: &TermEvent) {
        let Some(k) = Key::from_event(key) else { return };
        // Behind the "window too small" notice nothing may act unseen: only quitting, and
        // only when no input would be lost (a question would not be seen either).
        if self.too_small() {
            let quit = self.opts.keymap.lookup(&[Context::Global], k) == Some(Action::Quit)
                || (k.ctrl && k.code == crate::tui::keymap::KeyCodeId::Char('c'));
            if quit && !self.unsaved() && self.job.is_none() {
                self.quit = true;
            }
            return;
        }
        // Ctrl-C quits from anywhere (asking first when input would be lost).
        if k.ctrl && k.code == crate::tui::keymap::KeyCodeId::Char('c') {
            self.record_key(k, Some(Action::Quit));
            self.update(Action::Quit);
            return;
        }
        // Search input takes typed text; its own keys are Enter and Esc.
        if self.popups.is_empty() && self.searching.is_some() {
            self.search_key(k, event);
            return;
        }
        let contexts = self.contexts();
        let action = self.opts.keymap.lookup(&contexts, k).filter(|a| self.available(*a));
        self.record_key(k, action);
        match action {
            Some(a) => self.update(a),
            None => {
                if matches!(self.popups.last(), Some(Popup::Help)) {
                    self.popups.pop();
                } else {
                    self.type_into(event);
                }
            }
        }
    }

    pub(super) fn record_key(&mut self, k: Key, action: Option<Action>) {
        self.last_keys.push((k.label(), action));
        if self.last_keys.len() > 8 {
            self.last_keys.remove(0);
        }
    }

    /// Text typed into the focused field of the top popup.
    pub(super) fn type_into(&mut self, event: &TermEvent) {
        let lang = self.opts.lang;
        let req = tui_input::backend::crossterm::to_input_request(event);
        match self.popups.last_mut() {
            Some(Popup::Form(f)) => f.type_key(event, lang),
            Some(Popup::Picker(p)) => {
                if let Some(r) = req {
                    p.input.handle(r);
                    let mut p = p.clone();
                    if let Err(e) = p.refresh(&self.store) {
                        self.fail(e);
                    }
                    if let Some(Popup::Picker(top)) = self.popups.last_mut() {
                        *top = p;
                    }
                }
            }
            Some(Popup::Batch(b)) => {
                if let (Some(r), Some(i)) = (req, b.input_mut()) {
                    i.handle(r);
                }
            }
            Some(Popup::Prompt(p)) => {
                if let Some(r) = req {
                    // The first character typed over a suggested name replaces it.
                    if p.suggested && matches!(r, tui_input::InputRequest::InsertChar(_)) {
                        p.input = Input::default();
                    }
                    p.suggested = false;
                    p.input.handle(r);
                }
            }
            Some(Popup::Files(f)) => {
                use ratatui::crossterm::event::KeyCode;
                let backspace = matches!(event, TermEvent::Key(k) if k.code == KeyCode::Backspace);
                if backspace && f.input.value().is_empty() {
                    f.up();
                } else if let Some(r) = req {
                    f.input.handle(r);
                    f.selected = 0;
                    f.refresh();
                }
            }
            Some(Popup::Certificate(c)) => {
                if let Some(r) = req {
                    c.input_mut().handle(r);
                }
            }
            Some(Popup::Operator(o)) => {
                if let Some(r) = req {
                    o.input.handle(r);
                    o.selected = None;
                    o.empty = false;
                }
            }
            Some(Popup::Mapping(mp)) => {
                if let (Some(r), Some(name)) = (req, mp.name_input()) {
                    name.handle(r);
                    mp.refresh(lang);
                }
            }
            Some(Popup::Filter(f)) => {
                if let Some(r) = req {
                    match f.row {
                        2 => f.from.handle(r),
                        3 => f.to.handle(r),
                        _ => None,
                    };
                }
            }
            _ => {}
        }
    }

    pub(super) fn search_key(&mut self, k: Key, event: &TermEvent) {
        use crate::tui::keymap::KeyCodeId;
        match k.code {
            KeyCodeId::Esc => {
                self.searching = None;
                self.set_search(String::new());
            }
            KeyCodeId::Enter => self.searching = None,
            _ => {
                if let (Some(input), Some(req)) =
                    (self.searching.as_mut(), tui_input::backend::crossterm::to_input_request(event))
                {
                    input.handle(req);
                    let text = input.value().to_string();
                    self.set_search(text);
                }
            }
        }
    }

    /// Narrows the current list to what matches `text` (empty: everything).
    pub(super) fn set_search(&mut self, text: String) {
        let result = match self.front_with_desk() {
            (Some(pane), store) => pane.narrow(store, &text).and_then(|()| self.reload_lists()),
            (None, _) => Ok(()),
        };
        if let Err(e) = result {
            self.fail(e);
        }
    }
}
