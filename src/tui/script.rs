//! Scripted keys (`"2j<enter>"`), as tests and the screenshot command type them.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::app::App;

/// The key events of a script: plain characters, and `<enter>`, `<esc>`, `<tab>`,
/// `<backtab>`, `<up>`, `<down>`, `<left>`, `<right>`, `<bs>`, `<delete>`, `<pgdn>`, `<pgup>`,
/// `<home>`, `<end>`, `<f1>`…`<f12>`, `<c-x>` (Ctrl), `<lt>` for `<`.
pub fn parse(script: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
        let (code, mods) = match name.as_str() {
            "enter" => (KeyCode::Enter, KeyModifiers::NONE),
            "esc" => (KeyCode::Esc, KeyModifiers::NONE),
            "tab" => (KeyCode::Tab, KeyModifiers::NONE),
            "backtab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
            "up" => (KeyCode::Up, KeyModifiers::NONE),
            "down" => (KeyCode::Down, KeyModifiers::NONE),
            "left" => (KeyCode::Left, KeyModifiers::NONE),
            "right" => (KeyCode::Right, KeyModifiers::NONE),
            "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
            "delete" => (KeyCode::Delete, KeyModifiers::NONE),
            "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
            "pgup" => (KeyCode::PageUp, KeyModifiers::NONE),
            "home" => (KeyCode::Home, KeyModifiers::NONE),
            "end" => (KeyCode::End, KeyModifiers::NONE),
            "lt" => (KeyCode::Char('<'), KeyModifiers::NONE),
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                (KeyCode::F(f[1..].parse().unwrap_or(1)), KeyModifiers::NONE)
            }
            c if c.starts_with("c-") && c.chars().count() == 3 => {
                (KeyCode::Char(c.chars().nth(2).unwrap_or('c')), KeyModifiers::CONTROL)
            }
            other => return Err(format!("unknown key <{other}>")),
        };
        out.push(KeyEvent::new(code, mods));
    }
    Ok(out)
}

/// Types a script into the console.
pub fn type_keys(app: &mut App, script: &str) -> Result<(), String> {
    for k in parse(script)? {
        app.handle(&Event::Key(k));
    }
    Ok(())
}
