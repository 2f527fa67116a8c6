//! Small drawing helpers shared by the panes and popups.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{pad, pad_right, width};
use super::theme::Theme;
use crate::domain::shown::{Lines, is_unsafe, shown};

/// A column of a table: header, width, right-aligned.
pub struct Col<'a> {
    pub header: &'a str,
    pub width: usize,
    pub right: bool,
}

pub fn col(header: &str, width: usize, right: bool) -> Col<'_> {
    Col { header, width, right }
}

/// The width of a column of codes: the widest code on screen (or its header), at least
/// `min` and at most `max`, so a code is never cut while the text beside it has room.
pub fn code_width<'a>(header: &str, codes: impl Iterator<Item = &'a str>, min: usize, max: usize) -> usize {
    codes.map(super::text::width).chain(std::iter::once(super::text::width(header))).max().unwrap_or(0).clamp(min, max)
}

/// The width of a column of labels (statuses): the widest label in the operator's
/// language, or the header if wider, so `fundraising` is not cut to `fundrai…`.
pub fn label_width<'a>(header: &str, labels: impl Iterator<Item = &'a str>, min: usize) -> usize {
    labels.map(super::text::width).chain(std::iter::once(super::text::width(header))).max().unwrap_or(0).max(min)
}

/// Fits the flexible column so the columns fill `total` columns (one space between).
pub fn flex(fixed: &[usize], total: usize) -> usize {
    let used: usize = fixed.iter().sum::<usize>() + fixed.len();
    total.saturating_sub(used).max(4)
}

fn cell(text: &str, c: &Col<'_>, theme: &Theme) -> String {
    if c.right { pad_right(text, c.width, theme.marker) } else { pad(text, c.width, theme.marker) }
}

/// A list of records as a table in a titled box (`村社 3/34`): the header, then one line
/// per row on screen; the selected row is highlighted, or only marked while the focus is
/// elsewhere (`focused` false). `cells` gives a row's texts in the columns' order.
#[allow(clippy::too_many_arguments)]
pub fn list_table<R: crate::db::ListRow>(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    cols: &[Col<'_>],
    view: &super::list::ListView<R>,
    focused: bool,
    theme: &Theme,
    lang: crate::domain::Lang,
    cells: impl Fn(&R) -> Vec<String>,
) {
    let mut ls = vec![header_line(cols, theme)];
    for (i, r) in view.rows.iter().enumerate() {
        let selected = view.offset + i as i64 == view.selected;
        let style = match (selected, focused) {
            (true, true) => theme.selected(),
            (true, false) => theme.header(),
            _ => theme.normal(),
        };
        ls.push(row_line(cols, &cells(r), style, theme));
    }
    let at = if view.count == 0 { 0 } else { view.selected + 1 };
    let title = match view.narrowing(lang) {
        Some(n) => format!("{title} {at}/{} {n}", view.count),
        None => format!("{title} {at}/{}", view.count),
    };
    frame.render_widget(Paragraph::new(ls).block(block(title, theme)), area);
}

/// The header line of a table.
pub fn header_line(cols: &[Col<'_>], theme: &Theme) -> Line<'static> {
    let text: Vec<String> = cols.iter().map(|c| cell(c.header, c, theme)).collect();
    Line::from(Span::styled(text.join(" "), theme.header()))
}

/// One row of a table, each cell cut and padded to its column.
pub fn row_line(cols: &[Col<'_>], cells: &[String], style: Style, theme: &Theme) -> Line<'static> {
    let text: Vec<String> = cols.iter().zip(cells).map(|(c, t)| cell(t, c, theme)).collect();
    Line::from(Span::styled(text.join(" "), style))
}

/// A bordered block in the theme's border set; its title (which may hold a name) as
/// [`shown`] shows it.
pub fn block<'a>(title: impl AsRef<str>, theme: &Theme) -> Block<'a> {
    Block::bordered().border_set(theme.border).title(shown(title.as_ref(), Lines::One).into_owned())
}

/// The last net under the console's text drawing: drops from the drawn screen any control
/// or format character that reached it by a path that did not show it as an escape
/// ([`super::text`] does), so none ever reaches the terminal.
pub fn scrub(buf: &mut Buffer) {
    for cell in buf.content.iter_mut().filter(|c| c.symbol().chars().any(is_unsafe)) {
        let kept: String = cell.symbol().chars().filter(|c| !is_unsafe(*c)).collect();
        cell.set_symbol(if kept.is_empty() { " " } else { &kept });
    }
}

/// The drawing symbols of the screen in plain ASCII (`--ascii`, for consoles whose fonts
/// draw them double-width or not at all): arrows, dots, bars and ellipses. Text — Chinese
/// included — is left as it is.
pub fn to_ascii(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let plain = match cell.symbol() {
            "↑" => "^",
            "↓" => "v",
            "←" => "<",
            "→" => ">",
            "·" => "|",
            "…" => "~",
            "›" => ">",
            "⏎" => "/",
            "▁" | "▂" | "▃" => "_",
            "▄" | "▅" | "▆" | "▇" | "█" => "#",
            "░" => ".",
            _ => continue,
        };
        cell.set_symbol(plain);
    }
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears the area of a popup, one column wider on each side, so a wide character
/// straddling its edge is erased whole (ratatui#2526).
pub fn clear_popup(frame: &mut Frame<'_>, area: Rect) {
    let screen = frame.area();
    let x = area.x.saturating_sub(1);
    let right = (area.x + area.width + 1).min(screen.x + screen.width);
    frame.render_widget(Clear, Rect { x, y: area.y, width: right - x, height: area.height });
}

/// A text line cut to `w` columns.
pub fn fitted(text: &str, w: usize, style: Style, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(pad(text, w, theme.marker), style))
}

/// A progress bar of `w` columns at `percent`.
pub fn gauge(percent: i64, w: usize, theme: &Theme) -> String {
    let p = percent.clamp(0, 100) as usize;
    let full = p * w / 100;
    let mut s: String = std::iter::repeat_n(theme.bar_full, full).collect();
    s.extend(std::iter::repeat_n(theme.bar_empty, w - full));
    s
}

/// Renders lines into an area.
pub fn lines(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>) {
    frame.render_widget(Paragraph::new(lines), area);
}

/// The display width of a line's text.
pub fn line_width(l: &Line<'_>) -> usize {
    l.spans.iter().map(|s| width(&s.content)).sum()
}
