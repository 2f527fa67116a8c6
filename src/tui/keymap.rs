//! The keymap is data: `data/keymap.toml` built in, overridden key by key by the user's
//! `keymap.toml`. The help screen and the footer are generated from it.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::domain::Lang;

/// The built-in keymap.
pub const DEFAULT_KEYMAP: &str = include_str!("../../data/keymap.toml");

/// A key as written in keymap files: `q`, `ctrl-s`, `pagedown`, `backtab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCodeId,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key codes keymaps can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCodeId {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    /// Parses `ctrl-s`, `G`, `f1`, `space`…
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCodeId::Enter,
            "esc" => KeyCodeId::Esc,
            "tab" => KeyCodeId::Tab,
            "backtab" | "shift-tab" => KeyCodeId::BackTab,
            "backspace" => KeyCodeId::Backspace,
            "delete" => KeyCodeId::Delete,
            "up" => KeyCodeId::Up,
            "down" => KeyCodeId::Down,
            "left" => KeyCodeId::Left,
            "right" => KeyCodeId::Right,
            "home" => KeyCodeId::Home,
            "end" => KeyCodeId::End,
            "pageup" => KeyCodeId::PageUp,
            "pagedown" => KeyCodeId::PageDown,
            "space" => KeyCodeId::Char(' '),
            f if f.starts_with('f') && f.len() > 1 && f[1..].chars().all(|c| c.is_ascii_digit()) => {
                KeyCodeId::F(f[1..].parse().ok()?)
            }
            c if c.chars().count() == 1 => KeyCodeId::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key of a terminal event.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        let code = match e.code {
            KeyCode::Char(c) => {
                KeyCodeId::Char(if e.modifiers.contains(KeyModifiers::CONTROL) { c.to_ascii_lowercase() } else { c })
            }
            KeyCode::F(n) => KeyCodeId::F(n),
            KeyCode::Enter => KeyCodeId::Enter,
            KeyCode::Esc => KeyCodeId::Esc,
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => KeyCodeId::BackTab,
            KeyCode::Tab => KeyCodeId::Tab,
            KeyCode::BackTab => KeyCodeId::BackTab,
            KeyCode::Backspace => KeyCodeId::Backspace,
            KeyCode::Delete => KeyCodeId::Delete,
            KeyCode::Up => KeyCodeId::Up,
            KeyCode::Down => KeyCodeId::Down,
            KeyCode::Left => KeyCodeId::Left,
            KeyCode::Right => KeyCodeId::Right,
            KeyCode::Home => KeyCodeId::Home,
            KeyCode::End => KeyCodeId::End,
            KeyCode::PageUp => KeyCodeId::PageUp,
            KeyCode::PageDown => KeyCodeId::PageDown,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// How the key is shown in help and footer.
    pub fn label(&self) -> String {
        self.label_in(false)
    }

    /// [`Key::label`], with the arrow keys named in words for plain ASCII (`--ascii`).
    pub fn label_in(&self, ascii: bool) -> String {
        let base = match self.code {
            KeyCodeId::Up if ascii => "Up".into(),
            KeyCodeId::Down if ascii => "Down".into(),
            KeyCodeId::Left if ascii => "Left".into(),
            KeyCodeId::Right if ascii => "Right".into(),
            KeyCodeId::Char(' ') => "Space".to_string(),
            KeyCodeId::Char(c) => c.to_string(),
            KeyCodeId::F(n) => format!("F{n}"),
            KeyCodeId::Enter => "Enter".into(),
            KeyCodeId::Esc => "Esc".into(),
            KeyCodeId::Tab => "Tab".into(),
            KeyCodeId::BackTab => "S-Tab".into(),
            KeyCodeId::Backspace => "Bksp".into(),
            KeyCodeId::Delete => "Del".into(),
            KeyCodeId::Up => "↑".into(),
            KeyCodeId::Down => "↓".into(),
            KeyCodeId::Left => "←".into(),
            KeyCodeId::Right => "→".into(),
            KeyCodeId::Home => "Home".into(),
            KeyCodeId::End => "End".into(),
            KeyCodeId::PageUp => "PgUp".into(),
            KeyCodeId::PageDown => "PgDn".into(),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{}", base.to_uppercase()),
            (_, true) => format!("Alt-{base}"),
            _ => base,
        }
    }
}

/// Where a binding applies: a section of the keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    /// Everywhere without a popup.
    Global,
    /// Every list pane.
    List,
    Villages,
    Projects,
    Donations,
    Volunteers,
    /// The audit log pane (日志).
    Log,
    /// A record's history, or a change-set, in a popup.
    History,
    /// The operator's name (first start, or switching).
    Operator,
    /// Record forms and the filter popup.
    Form,
    Batch,
    Picker,
    Prompt,
    /// The file browser of the import prompt.
    Files,
    /// The filter of a list.
    Filter,
    /// A refused import's report.
    Refused,
    Confirm,
    Report,
    Welcome,
    /// The mapping step of a file no preset knows.
    Mapping,
    /// The project question of a first import.
    Links,
    /// The help overlay (no bindings by default: any key closes it).
    Help,
}

impl Context {
    /// Every context, from the most general.
    pub const ALL: &[Context] = &[
        Context::Global,
        Context::List,
        Context::Villages,
        Context::Projects,
        Context::Donations,
        Context::Volunteers,
        Context::Log,
        Context::History,
        Context::Operator,
        Context::Form,
        Context::Batch,
        Context::Picker,
        Context::Prompt,
        Context::Files,
        Context::Filter,
        Context::Refused,
        Context::Confirm,
        Context::Report,
        Context::Welcome,
        Context::Mapping,
        Context::Links,
        Context::Help,
    ];

    /// The section name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Villages => "villages",
            Context::Projects => "projects",
            Context::Donations => "donations",
            Context::Volunteers => "volunteers",
            Context::Log => "log",
            Context::History => "history",
            Context::Operator => "operator",
            Context::Form => "form",
            Context::Batch => "batch",
            Context::Picker => "picker",
            Context::Prompt => "prompt",
            Context::Files => "files",
            Context::Filter => "filter",
            Context::Refused => "refused",
            Context::Confirm => "confirm",
            Context::Report => "report",
            Context::Welcome => "welcome",
            Context::Mapping => "mapping",
            Context::Links => "links",
            Context::Help => "help",
        }
    }

    /// The context of a section name.
    pub fn parse(section: &str) -> Option<Context> {
        Context::ALL.iter().copied().find(|c| c.name() == section)
    }
}

/// The bindings of every context, in file order.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    contexts: BTreeMap<Context, Vec<(Key, Action)>>,
}

/// A problem in a keymap file, reported to the user at start; the rest of the file
/// still applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// The file is not TOML (the parser's message).
    Syntax(String),
    /// A section name that is no context.
    UnknownSection(String),
    /// A top-level entry that is not a `[section]`.
    NotASection(String),
    UnknownKey(Context, String),
    UnknownAction(Context, String),
}

impl KeymapProblem {
    /// The problem in the operator's language.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (KeymapProblem::Syntax(e), Lang::Zh) => format!("格式错误，未使用：{e}"),
            (KeymapProblem::Syntax(e), Lang::En) => format!("not valid TOML, not used: {e}"),
            (KeymapProblem::UnknownSection(s), Lang::Zh) => {
                format!("未知的区段 [{s}]，已忽略（可用：{}）", Self::sections("、"))
            }
            (KeymapProblem::UnknownSection(s), Lang::En) => {
                format!("unknown section [{s}], ignored (known: {})", Self::sections(", "))
            }
            (KeymapProblem::NotASection(s), Lang::Zh) => format!("[{s}] 不是区段，已忽略"),
            (KeymapProblem::NotASection(s), Lang::En) => format!("[{s}] is not a section"),
            (KeymapProblem::UnknownKey(c, k), Lang::Zh) => format!("[{}] 未知的按键 {k}", c.name()),
            (KeymapProblem::UnknownKey(c, k), Lang::En) => format!("[{}] unknown key {k}", c.name()),
            (KeymapProblem::UnknownAction(c, a), Lang::Zh) => format!("[{}] 未知的动作 {a}", c.name()),
            (KeymapProblem::UnknownAction(c, a), Lang::En) => format!("[{}] unknown action {a}", c.name()),
        }
    }

    fn sections(sep: &str) -> String {
        Context::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(sep)
    }
}

impl Keymap {
    /// The built-in keymap.
    pub fn default_map() -> Keymap {
        let mut k = Keymap::default();
        let _ = k.merge(DEFAULT_KEYMAP);
        k
    }

    /// Applies a keymap file's bindings over these, key by key.
    pub fn merge(&mut self, text: &str) -> Vec<KeymapProblem> {
        let mut problems = Vec::new();
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => return vec![KeymapProblem::Syntax(e.to_string())],
        };
        for (section, entries) in table {
            let Some(entries) = entries.as_table() else {
                problems.push(KeymapProblem::NotASection(section));
                continue;
            };
            let Some(context) = Context::parse(&section) else {
                problems.push(KeymapProblem::UnknownSection(section));
                continue;
            };
            let list = self.contexts.entry(context).or_default();
            for (key, action) in entries {
                let Some(k) = Key::parse(key) else {
                    problems.push(KeymapProblem::UnknownKey(context, key.clone()));
                    continue;
                };
                let name = action.as_str().unwrap_or("");
                list.retain(|(existing, _)| *existing != k);
                if name == "none" {
                    continue;
                }
                match Action::from_name(name) {
                    Some(a) => list.push((k, a)),
                    None => problems.push(KeymapProblem::UnknownAction(context, name.to_string())),
                }
            }
        }
        problems
    }

    /// The action of a key in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: Key) -> Option<Action> {
        contexts.iter().find_map(|c| self.contexts.get(c)?.iter().find(|(k, _)| *k == key).map(|(_, a)| *a))
    }

    /// The bindings of a context, with all keys of one action together, in file order.
    pub fn bindings(&self, context: Context) -> Vec<(Vec<Key>, Action)> {
        let mut out: Vec<(Vec<Key>, Action)> = Vec::new();
        for (k, a) in self.contexts.get(&context).map(Vec::as_slice).unwrap_or_default() {
            match out.iter_mut().find(|(_, x)| x == a) {
                Some((keys, _)) => keys.push(*k),
                None => out.push((vec![*k], *a)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keymap_parses_completely() {
        let mut k = Keymap::default();
        assert_eq!(k.merge(DEFAULT_KEYMAP), vec![]);
        let q = Key::parse("q");
        assert_eq!(q.and_then(|q| k.lookup(&[Context::List, Context::Global], q)), Some(Action::Quit));
        let s = Key::parse("ctrl-s");
        assert_eq!(s.and_then(|s| k.lookup(&[Context::Form], s)), Some(Action::Save));
    }

    #[test]
    fn a_user_file_overrides_key_by_key() {
        let mut k = Keymap::default_map();
        let problems = k.merge("[list]\n\"x\" = \"delete\"\n\"d\" = \"none\"\n\"z\" = \"fly\"\n");
        assert_eq!(problems, vec![KeymapProblem::UnknownAction(Context::List, "fly".into())]);
        let key = |s: &str| Key::parse(s).unwrap_or(Key { code: KeyCodeId::Esc, ctrl: false, alt: false });
        assert_eq!(k.lookup(&[Context::List], key("x")), Some(Action::Delete));
        assert_eq!(k.lookup(&[Context::List], key("d")), None);
        assert_eq!(k.lookup(&[Context::List], key("j")), Some(Action::Down));
    }

    #[test]
    fn an_unknown_section_is_reported_not_ignored() {
        let mut k = Keymap::default_map();
        let problems = k.merge("[lists]\n\"x\" = \"delete\"\n[list]\n\"x\" = \"delete\"\n");
        assert_eq!(problems, vec![KeymapProblem::UnknownSection("lists".into())]);
        assert!(problems[0].text(Lang::En).starts_with("unknown section [lists], ignored (known: global, list,"));
        assert!(problems[0].text(Lang::Zh).starts_with("未知的区段 [lists]，已忽略"));
        let x = Key::parse("x").unwrap_or(Key { code: KeyCodeId::Esc, ctrl: false, alt: false });
        assert_eq!(k.lookup(&[Context::List], x), Some(Action::Delete), "the rest of the file applies");
    }

    #[test]
    fn every_section_of_the_default_keymap_is_a_context() {
        let table: toml::Table = DEFAULT_KEYMAP.parse().unwrap_or_default();
        assert!(!table.is_empty());
        for section in table.keys() {
            assert!(Context::parse(section).is_some(), "{section}");
        }
    }
}
