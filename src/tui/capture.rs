//! The screen as text and as SVG (colours kept), for screenshots and tests.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::view;

/// Draws the console into a buffer of `w`×`h`.
pub fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let _ = t.draw(|f| view::render(app, f));
    t.backend().buffer().clone()
}

/// The cells of a row that are drawn, skipping those a wide character covers.
fn row_cells(buf: &Buffer, y: u16) -> Vec<(u16, &ratatui::buffer::Cell)> {
    let mut out = Vec::new();
    let mut x = 0u16;
    while x < buf.area.width {
        let cell = &buf[(x, y)];
        out.push((x, cell));
        x += UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
    }
    out
}

/// The screen as plain text, one line per row.
pub fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for (_, cell) in row_cells(buf, y) {
            s.push_str(cell.symbol());
        }
        s.push('\n');
    }
    s
}

fn rgb(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_string(),
        Color::Black => "#000000".into(),
        Color::Red => "#cd3131".into(),
        Color::Green => "#0dbc79".into(),
        Color::Yellow => "#e5e510".into(),
        Color::Blue => "#2472c8".into(),
        Color::Magenta => "#bc3fbc".into(),
        Color::Cyan => "#11a8cd".into(),
        Color::Gray => "#e5e5e5".into(),
        Color::DarkGray => "#767676".into(),
        Color::LightRed => "#f14c4c".into(),
        Color::LightGreen => "#23d18b".into(),
        Color::LightYellow => "#f5f543".into(),
        Color::LightBlue => "#3b8eea".into(),
        Color::LightMagenta => "#d670d6".into(),
        Color::LightCyan => "#29b8db".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(_) => default.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The screen as an SVG picture: a cell grid with each cell's colours and text.
pub fn svg(buf: &Buffer) -> String {
    const CW: u32 = 9;
    const CH: u32 = 18;
    let (w, h) = (buf.area.width as u32 * CW, buf.area.height as u32 * CH);
    let (fg0, bg0) = ("#d4d4d4", "#1e1e1e");
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg0}\"/>\n\
         <g font-family=\"'Sarasa Mono SC','Noto Sans Mono CJK SC','WenQuanYi Zen Hei Mono',monospace\" font-size=\"15\">\n"
    );
    for y in 0..buf.area.height {
        for (x, cell) in row_cells(buf, y) {
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (rgb(cell.fg, fg0), rgb(cell.bg, bg0));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let cw = UnicodeWidthStr::width(cell.symbol()).max(1) as u32;
            let (px, py) = (x as u32 * CW, y as u32 * CH);
            if bg != bg0 {
                s.push_str(&format!(
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{}\" height=\"{CH}\" fill=\"{bg}\"/>\n",
                    cw * CW
                ));
            }
            let sym = cell.symbol();
            if sym.trim().is_empty() {
                continue;
            }
            let weight = if cell.modifier.contains(Modifier::BOLD) { " font-weight=\"bold\"" } else { "" };
            s.push_str(&format!(
                "<text x=\"{px}\" y=\"{}\" fill=\"{fg}\"{weight} textLength=\"{}\">{}</text>\n",
                py + CH - 4,
                cw * CW,
                escape(sym)
            ));
        }
    }
    s.push_str("</g>\n</svg>\n");
    s
}
