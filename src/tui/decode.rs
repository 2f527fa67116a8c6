//! Terminal events as the console acts on them, the same on Windows and Unix.
//!
//! crossterm reports keys differently by system. On Windows every key comes twice, as a
//! press and as a release (the Windows console reports both; held keys repeat their
//! press), and AltGr — the right Alt key that types `@ { € ą` on European layouts — arrives
//! as Ctrl+Alt with the character it typed. On Unix a terminal sends only presses, and
//! AltGr characters as plain characters; with the keyboard enhancement protocol, held keys
//! come as repeats. [`decode`] turns both into one stream: only presses and repeats act
//! (a release is dropped, so nothing happens twice), a repeat acts as a press, and an
//! AltGr character is the character, typed.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The event the console acts on, or `None` for one it must not act on (a key release,
/// mouse and focus events).
pub fn decode(event: &Event) -> Option<Event> {
    match event {
        Event::Key(k) => key(k).map(Event::Key),
        Event::Resize(..) | Event::Paste(_) => Some(event.clone()),
        Event::FocusGained | Event::FocusLost | Event::Mouse(_) => None,
    }
}

/// A key as the console acts on it: see the module documentation.
pub fn key(k: &KeyEvent) -> Option<KeyEvent> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let mut k = *k;
    k.kind = KeyEventKind::Press;
    let ctrl_alt = KeyModifiers::CONTROL | KeyModifiers::ALT;
    if let KeyCode::Char(c) = k.code
        && k.modifiers.contains(ctrl_alt)
        && altgr_char(c)
    {
        k.modifiers.remove(ctrl_alt);
    }
    Some(k)
}

/// A character that Ctrl+Alt (AltGr) typed: anything printable but an ASCII letter, which
/// is a real Ctrl+Alt+letter combination (Windows reports the letter of the key then).
fn altgr_char(c: char) -> bool {
    !c.is_ascii_alphabetic() && !c.is_control() && c != ' '
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyEventKind::{Press, Release, Repeat};

    fn ev(code: KeyCode, modifiers: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent::new_with_kind(code, modifiers, kind))
    }

    fn pressed(code: KeyCode, modifiers: KeyModifiers) -> Event {
        ev(code, modifiers, Press)
    }

    fn decoded(stream: &[Event]) -> Vec<Event> {
        stream.iter().filter_map(decode).collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;

    #[test]
    fn windows_press_and_release_act_once() {
        // `2`, then Shift+c (C), then Esc, as crossterm reads them from the Windows console:
        // each key pressed and released; Shift's own key records give no event.
        let windows = [
            ev(KeyCode::Char('2'), NONE, Press),
            ev(KeyCode::Char('2'), NONE, Release),
            ev(KeyCode::Char('C'), SHIFT, Press),
            ev(KeyCode::Char('C'), SHIFT, Release),
            ev(KeyCode::Esc, NONE, Press),
            ev(KeyCode::Esc, NONE, Release),
        ];
        let unix = [pressed(KeyCode::Char('2'), NONE), pressed(KeyCode::Char('C'), SHIFT), pressed(KeyCode::Esc, NONE)];
        assert_eq!(decoded(&windows), unix);
        assert_eq!(decoded(&unix), unix);
    }

    #[test]
    fn a_held_key_acts_on_every_press_and_repeat() {
        // Windows repeats the press while ↓ is held; the enhanced Unix protocol says Repeat.
        let windows = [
            ev(KeyCode::Down, NONE, Press),
            ev(KeyCode::Down, NONE, Press),
            ev(KeyCode::Down, NONE, Press),
            ev(KeyCode::Down, NONE, Release),
        ];
        let enhanced =
            [ev(KeyCode::Down, NONE, Press), ev(KeyCode::Down, NONE, Repeat), ev(KeyCode::Down, NONE, Repeat)];
        let three = vec![pressed(KeyCode::Down, NONE); 3];
        assert_eq!(decoded(&windows), three);
        assert_eq!(decoded(&enhanced), three);
    }

    #[test]
    fn altgr_types_its_character() {
        // German layout AltGr+Q (@), AltGr+7 ({), AltGr+E (€); Polish AltGr+Shift+A (Ą):
        // Windows reports Ctrl+Alt (+Shift) with the character.
        let windows = [
            ev(KeyCode::Char('@'), CTRL | ALT, Press),
            ev(KeyCode::Char('@'), CTRL | ALT, Release),
            ev(KeyCode::Char('{'), CTRL | ALT, Press),
            ev(KeyCode::Char('€'), CTRL | ALT, Press),
            ev(KeyCode::Char('Ą'), CTRL | ALT | SHIFT, Press),
        ];
        assert_eq!(
            decoded(&windows),
            [
                pressed(KeyCode::Char('@'), NONE),
                pressed(KeyCode::Char('{'), NONE),
                pressed(KeyCode::Char('€'), NONE),
                pressed(KeyCode::Char('Ą'), SHIFT),
            ]
        );
        // A real Ctrl+Alt+letter stays what it is; Ctrl+S and Alt+x are untouched.
        assert_eq!(decoded(&[pressed(KeyCode::Char('s'), CTRL | ALT)]), [pressed(KeyCode::Char('s'), CTRL | ALT)]);
        assert_eq!(decoded(&[pressed(KeyCode::Char('s'), CTRL)]), [pressed(KeyCode::Char('s'), CTRL)]);
        assert_eq!(decoded(&[pressed(KeyCode::Char('x'), ALT)]), [pressed(KeyCode::Char('x'), ALT)]);
    }

    #[test]
    fn chinese_input_and_other_events() {
        // Characters committed by the Chinese input method come as plain key presses (and
        // releases on Windows).
        let windows = [
            ev(KeyCode::Char('众'), NONE, Press),
            ev(KeyCode::Char('众'), NONE, Release),
            ev(KeyCode::Char('心'), NONE, Press),
            ev(KeyCode::Char('心'), NONE, Release),
            Event::FocusLost,
            Event::Resize(100, 30),
            Event::Paste("众心村".into()),
        ];
        assert_eq!(
            decoded(&windows),
            [
                pressed(KeyCode::Char('众'), NONE),
                pressed(KeyCode::Char('心'), NONE),
                Event::Resize(100, 30),
                Event::Paste("众心村".into()),
            ]
        );
    }
}
