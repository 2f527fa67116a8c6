//! Colours and drawing characters: full colour, no colour (`NO_COLOR`), and plain ASCII
//! borders for Chinese Windows consoles that draw box characters double-width.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// How the console draws.
#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    /// The marker of cut text.
    pub marker: char,
    pub border: border::Set<'static>,
    pub bar_full: char,
    pub bar_empty: char,
    pub breadcrumb_sep: &'static str,
    pub contrast: bool,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme {
            color,
            ascii,
            marker: if ascii { '~' } else { '…' },
            border: if ascii { ASCII_BORDER } else { border::PLAIN },
            bar_full: if ascii { '#' } else { '█' },
            bar_empty: if ascii { '.' } else { '░' },
            breadcrumb_sep: if ascii { " > " } else { " › " },
            contrast: false,
        }
    }

    /// High contrast for a projector: bright, bold, no grey.
    pub fn contrast(mut self) -> Theme {
        self.contrast = true;
        self
    }

    fn fg(&self, c: Color) -> Style {
        let c = if self.contrast {
            match c {
                Color::DarkGray => Color::White,
                Color::Cyan => Color::LightCyan,
                Color::Green => Color::LightGreen,
                Color::Yellow => Color::LightYellow,
                Color::Red => Color::LightRed,
                other => other,
            }
        } else {
            c
        };
        if self.color { Style::default().fg(c) } else { Style::default() }
    }

    pub fn normal(&self) -> Style {
        if self.contrast && self.color {
            Style::default().fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        }
    }

    /// The selected row: reversed, so it shows without colour too.
    pub fn selected(&self) -> Style {
        if self.contrast && self.color {
            Style::default().bg(Color::LightYellow).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else if self.color {
            Style::default().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Yellow).fg(Color::Black).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn banner(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn money(&self) -> Style {
        self.fg(Color::Green)
    }
}
