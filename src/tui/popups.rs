//! Drawing the popups: help, forms, pick-lists, batch entry, confirmations, reports,
//! prompts and the filter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;

use super::app::{App, FilterPopup, Popup};
use super::batch::{BatchEntry, COLUMNS, Focus};
use super::form::Form;
use super::i18n::Msg;
use super::keymap::Context;
use super::picker::Picker;
use super::text::{pad, pad_right, width};
use super::widgets::{block, centered, clear_popup, fitted};

/// Draws one popup; the top one also places the terminal cursor.
pub fn render(app: &App, popup: &Popup, top: bool, frame: &mut Frame<'_>, body: Rect) {
    match popup {
        Popup::Help => help(app, frame, body),
        Popup::Form(f) => form(app, f, top, frame, body),
        Popup::Picker(p) => picker(app, p, top, frame, body),
        Popup::Files(f) => files(app, f, top, frame, body),
        Popup::Refused(r) => {
            let mut lines = r.lines.clone();
            lines.push(String::new());
            lines.push(crate::domain::messages::refused_next(app.opts.lang, r.refused.conflicts_only));
            message(app, &r.title, &lines, r.scroll, frame, body, false)
        }
        Popup::Batch(b) => batch(app, b, top, frame, body),
        Popup::Confirm { text, pending } => {
            // The form or batch the question is about stays in sight beneath it.
            if let Some(about) = pending.about() {
                render(app, &about, false, frame, body);
            }
            let title =
                if matches!(pending, super::app::Pending::Delete(..)) { Msg::ConfirmDelete } else { Msg::Confirm };
            message(app, app.t(title), std::slice::from_ref(text), 0, frame, body, true)
        }
        Popup::Report { title, lines, scroll, ok } => message(app, title, lines, *scroll, frame, body, *ok),
        Popup::Prompt(p) => prompt(app, app.t(p.title), &p.input, top, frame, body),
        Popup::Filter(f) => filter(app, f, top, frame, body),
        Popup::Welcome => welcome(app, frame, body),
        Popup::Donor(v) => super::papers::render_donor(app, v, frame, body),
        Popup::Certificate(c) => super::papers::render_certificate(app, c, top, frame, body),
        Popup::History(h) => history(app, h, frame, body),
        Popup::Operator(o) => operator(app, o, top, frame, body),
        Popup::Mapping(mp) => super::mapping_view::mapping(app, mp, top, frame, body),
        Popup::Links(l) => super::mapping_view::links(app, l, frame, body),
    }
}

/// A record's history or a change-set: the selected change highlighted, the keys below.
fn history(app: &App, h: &super::history::HistoryPopup, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, body.width.saturating_sub(4).min(118), body.height);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let room = area.height.saturating_sub(3) as usize;
    let top = h.top(room);
    let mut ls: Vec<Line<'static>> = h
        .lines()
        .skip(top)
        .take(room)
        .map(|(i, l)| {
            let style = if i == h.selected && h.items.len() > 1 { t.selected() } else { t.normal() };
            fitted(l, inner, style, t)
        })
        .collect();
    while ls.len() < room {
        ls.push(Line::from(""));
    }
    ls.push(fitted(app.t(Msg::HistoryHint), inner, t.dim(), t));
    let total = h.lines().count();
    let title = match total.saturating_sub(top + room) {
        0 => h.title.clone(),
        more => format!("{} {}", h.title, crate::domain::messages::more_lines(app.opts.lang, more)),
    };
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
}

/// The operator's name: typed, or one of the known names chosen with ↑↓.
fn operator(app: &App, o: &super::operator::OperatorPopup, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let shown_known = o.known.len().min(6) as u16;
    let area = centered(body, body.width.saturating_sub(8).min(64), 6 + shown_known);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let ask = if o.first_run { Msg::OperatorFirst } else { Msg::OperatorSwitch };
    let mut ls = vec![
        fitted(app.t(ask), inner, t.normal(), t),
        Line::from(vec![Span::styled("> ", t.key()), Span::raw(pad(&shown(&o.input, inner - 2), inner - 2, t.marker))]),
    ];
    for (i, name) in o.known.iter().enumerate().take(shown_known as usize) {
        let style = if o.selected == Some(i) { t.selected() } else { t.normal() };
        ls.push(fitted(&format!("  {}", crate::domain::shown::one_line(name)), inner, style, t));
    }
    ls.push(Line::from(""));
    if o.empty {
        let text = if o.first_run {
            app.t(Msg::OperatorNeeded)
        } else {
            crate::domain::messages::operator_empty(app.opts.lang)
        };
        ls.push(fitted(text, inner, t.error(), t));
    } else {
        ls.push(fitted(app.t(Msg::OperatorHint), inner, t.dim(), t));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::OperatorTitle), t)), area);
    if top {
        caret(frame, &o.input, area.x + 3, area.y + 2, inner - 2);
    }
}

/// The first-run choices, with their keys from the keymap.
fn welcome(app: &App, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, 64, 9);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let mut ls = vec![fitted(app.t(Msg::WelcomeEmpty), inner, t.normal(), t), Line::from("")];
    for (keys, action) in app.opts.keymap.bindings(Context::Welcome) {
        if action == super::action::Action::Cancel {
            continue;
        }
        let desc = match action {
            super::action::Action::Import => app.t(Msg::ImportPrompt).trim_end_matches(['：', ':']),
            super::action::Action::New => app.t(Msg::StartEntering),
            other => other.describe(app.opts.lang),
        };
        ls.push(Line::from(vec![
            Span::styled(format!("  {}  ", keys[0].label_in(t.ascii)), t.key()),
            Span::raw(desc.to_string()),
        ]));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::WelcomeTitle), t)), area);
}

/// Places the cursor at the caret of `input` drawn at (x, y) in `w` columns.
fn caret(frame: &mut Frame<'_>, input: &Input, x: u16, y: u16, w: usize) {
    let scroll = input.visual_scroll(w);
    let cx = x + (input.visual_cursor().saturating_sub(scroll)).min(w) as u16;
    frame.set_cursor_position((cx, y));
}

/// The visible part of an input's text.
fn shown(input: &Input, w: usize) -> String {
    let scroll = input.visual_scroll(w);
    let mut skipped = 0;
    let mut out = String::new();
    for c in input.value().chars() {
        let cw = width(&c.to_string());
        if skipped < scroll {
            skipped += cw;
            continue;
        }
        out.push(c);
    }
    out
}

fn help(app: &App, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, body.width.saturating_sub(4), body.height);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let mut items: Vec<(String, String)> = Vec::new();
    for ctx in app.pane.contexts() {
        for (keys, action) in app.opts.keymap.bindings(*ctx) {
            if !app.available(action) {
                continue;
            }
            let k: Vec<String> = keys.iter().map(|k| k.label_in(t.ascii)).collect();
            items.push((k.join("/"), action.describe(app.opts.lang).to_string()));
        }
    }
    // Two columns, or three when two would not fit the window's height (the keys of the
    // projects pane at 80×24).
    let room = area.height.saturating_sub(2) as usize;
    let cols = if items.len() <= 2 * room.max(1) { 2 } else { 3 };
    let col_w = inner / cols;
    let rows = items.len().div_ceil(cols);
    // Three columns give each key only the room its column's widest key needs.
    let key_w = |c: usize| match cols {
        2 => 14,
        _ => items.iter().skip(c * rows).take(rows).map(|(k, _)| width(k)).max().unwrap_or(0) + 1,
    };
    let mut ls = Vec::new();
    for r in 0..rows {
        let mut spans = Vec::new();
        for c in 0..cols {
            if let Some((k, d)) = items.get(c * rows + r) {
                let key_w = key_w(c);
                spans.push(Span::styled(pad(k, key_w, t.marker), t.key()));
                spans.push(Span::raw(pad(d, col_w.saturating_sub(key_w + 1), t.marker)));
                spans.push(Span::raw(" "));
            }
        }
        ls.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::HelpTitle), t)), area);
}

fn form(app: &App, f: &Form, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let n = f.fields().len() as u16;
    let width = body.width.saturating_sub(2).min(100);
    let inner = width.saturating_sub(2) as usize;
    // A refusal of the store is shown whole (wrapped), a field's error or the keys in one line.
    let notice: Vec<String> =
        f.notice.as_deref().map(|r| super::text::wrap(r, inner).into_iter().take(3).collect()).unwrap_or_default();
    let foot = notice.len().max(1) as u16;
    let area = centered(body, width, (n + 3 + foot).min(body.height));
    clear_popup(frame, area);
    let label_w = 18;
    let value_w = (inner - label_w - 2) * 11 / 20;
    let err_w = inner.saturating_sub(label_w + value_w + 2);
    let mut ls = Vec::new();
    for (i, field) in f.fields().iter().enumerate() {
        let mark = if field.required { "*" } else { " " };
        let label = pad(&format!("{mark}{}", field.label(app.opts.lang)), label_w, t.marker);
        let value = pad(&shown(&f.inputs[i], value_w), value_w, t.marker);
        let focused = i == f.focus;
        let err = f.error(i).unwrap_or("");
        ls.push(Line::from(vec![
            Span::styled(label, if focused { t.key() } else { t.header() }),
            Span::raw(" "),
            Span::styled(value, if focused { t.selected() } else { t.normal() }),
            Span::raw(" "),
            Span::styled(pad(err, err_w, t.marker), t.error()),
        ]));
    }
    ls.push(Line::from(""));
    if notice.is_empty() {
        let focused_err = f.error(f.focus).map(str::to_string);
        let hint = focused_err.unwrap_or_else(|| app.t(Msg::FormHint).to_string());
        let style = if f.error(f.focus).is_some() { t.error() } else { t.dim() };
        ls.push(fitted(&hint, inner, style, t));
    } else {
        ls.extend(notice.iter().map(|l| fitted(l, inner, t.error(), t)));
    }
    let verb = if f.editing.is_some() { Msg::EditRecord } else { Msg::NewRecord };
    let title = format!("{} {}", app.t(verb), f.kind.name(app.opts.lang));
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
    if top {
        let x = area.x + 1 + label_w as u16 + 1;
        let y = area.y + 1 + f.focus as u16;
        caret(frame, &f.inputs[f.focus], x, y, value_w);
    }
}

fn picker(app: &App, p: &Picker, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, 60, body.height.min(18));
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let mut ls = vec![Line::from(vec![
        Span::styled("> ", t.key()),
        Span::raw(pad(&shown(&p.input, inner - 2), inner - 2, t.marker)),
    ])];
    let rows = area.height.saturating_sub(3) as usize;
    let start = p.selected.saturating_sub(rows.saturating_sub(1));
    for (i, (_, label)) in p.items.iter().enumerate().skip(start).take(rows) {
        let style = if i == p.selected { t.selected() } else { t.normal() };
        ls.push(fitted(label, inner, style, t));
    }
    let title = crate::domain::messages::titled_hint(app.opts.lang, app.t(Msg::PickTitle), app.t(Msg::SearchHint));
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
    if top {
        caret(frame, &p.input, area.x + 3, area.y + 1, inner - 2);
    }
}

/// The file browser: the folder, the typed filter, then `..`, folders and files; marked
/// files carry a tick.
fn files(app: &App, f: &super::files::FileBrowser, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, body.width.saturating_sub(4).min(100), body.height);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let mut ls = vec![
        fitted(&f.dir.display().to_string(), inner, t.dim(), t),
        Line::from(vec![Span::styled("> ", t.key()), Span::raw(pad(&shown(&f.input, inner - 2), inner - 2, t.marker))]),
    ];
    if let Some(e) = &f.error {
        ls.push(fitted(e, inner, t.error(), t));
    }
    let rows = area.height.saturating_sub(2 + ls.len() as u16) as usize;
    let start = f.selected.saturating_sub(rows.saturating_sub(1));
    for (i, e) in f.entries.iter().enumerate().skip(start).take(rows) {
        let marked = !e.folder && f.marked.contains(&f.dir.join(&e.name));
        let mark = if marked { "[x] " } else { "    " };
        let name = if e.folder && e.name != ".." {
            format!("{}{}", e.name, std::path::MAIN_SEPARATOR)
        } else {
            e.name.clone()
        };
        let style = if i == f.selected {
            t.selected()
        } else if e.folder {
            t.title()
        } else {
            t.normal()
        };
        ls.push(fitted(&format!("{mark}{name}"), inner, style, t));
    }
    let title = crate::domain::messages::files_title(app.opts.lang, f.marked.len());
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
    if top {
        caret(frame, &f.input, area.x + 3, area.y + 2, inner - 2);
    }
}

fn batch(app: &App, b: &BatchEntry, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = body;
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let project = b
        .project
        .as_ref()
        .map(|(c, n)| format!("{c} {n}"))
        .unwrap_or_else(|| crate::domain::messages::titled_hint(app.opts.lang, "—", "F2"));
    let (n, total) = b.running();
    let (ec, et) = b.expected();
    let mut ls = vec![fitted(
        &format!("{}{}{project}", app.t(Msg::BatchProject), crate::domain::messages::colon(app.opts.lang)),
        inner,
        t.title(),
        t,
    )];
    let field = |label: Msg, input: &Input, focused: bool| -> Vec<Span<'static>> {
        vec![
            Span::styled(format!("{}{}", app.t(label), crate::domain::messages::colon(app.opts.lang)), t.header()),
            Span::styled(pad(input.value(), 14, t.marker), if focused { t.selected() } else { t.normal() }),
            Span::raw("  "),
        ]
    };
    let mut head = field(Msg::BatchExpectedCount, &b.expected_count, b.focus == Focus::ExpectedCount);
    head.extend(field(Msg::BatchExpectedTotal, &b.expected_total, b.focus == Focus::ExpectedTotal));
    ls.push(Line::from(head));
    let state = if ec.is_none() && et.is_none() {
        String::new()
    } else if b.mismatch() {
        app.t(Msg::BatchMismatch).to_string()
    } else {
        app.t(Msg::BatchMatches).to_string()
    };
    let running = crate::domain::messages::batch_running(app.opts.lang, n, total.display(), state);
    ls.push(fitted(&running, inner, if b.mismatch() { t.error() } else { t.ok() }, t));
    // Donor, amount and date always show; the other columns after them as the width
    // allows, scrolled so that the focused one is on screen.
    let widths = [12usize, 14, 10, 8, 8, 5, 11, 10, 10];
    let focus_col = match b.focus {
        Focus::Cell(_, c) => c,
        _ => 0,
    };
    let room = inner.saturating_sub(4 + widths[..3].iter().sum::<usize>() + 3);
    let fits = |from: usize, to: usize| widths[from..=to].iter().map(|w| w + 1).sum::<usize>() <= room;
    let mut first = 3;
    while focus_col >= 3 && first < focus_col && !fits(first, focus_col) {
        first += 1;
    }
    let shown_cols: Vec<usize> = (0..3)
        .chain((first..COLUMNS.len()).scan(0usize, |used, c| {
            *used += widths[c] + 1;
            (*used <= room).then_some(c)
        }))
        .collect();
    let headers = crate::domain::messages::batch_columns(app.opts.lang);
    let mut header = format!("{} ", pad("#", 3, t.marker));
    for &c in &shown_cols {
        header.push_str(&pad(headers[c], widths[c], t.marker));
        header.push(' ');
    }
    ls.push(fitted(&header, inner, t.header(), t));
    let rows_h = area.height.saturating_sub(7) as usize;
    let focus_row = match b.focus {
        Focus::Cell(r, _) => r,
        _ => 0,
    };
    let start = focus_row.saturating_sub(rows_h.saturating_sub(1));
    let mut cursor = None;
    let y0 = area.y + 1 + ls.len() as u16;
    for (r, row) in b.rows.iter().enumerate().skip(start).take(rows_h) {
        let mut spans = vec![Span::raw(format!("{} ", pad_right(&(r + 1).to_string(), 3, t.marker)))];
        let mut x = area.x + 1 + 4;
        for &c in &shown_cols {
            let input = &row[c];
            let focused = b.focus == Focus::Cell(r, c);
            // The cell being typed in follows its cursor; the others show their start.
            let text = match (c, focused) {
                (1, _) => pad_right(input.value(), widths[c], t.marker),
                (_, true) => pad(&shown(input, widths[c]), widths[c], t.marker),
                (_, false) => pad(input.value(), widths[c], t.marker),
            };
            if focused {
                cursor = Some((input.clone(), x, y0 + (r - start) as u16, widths[c]));
            }
            spans.push(Span::styled(text, if focused { t.selected() } else { t.normal() }));
            spans.push(Span::raw(" "));
            x += widths[c] as u16 + 1;
        }
        if let Some(Some(e)) = b.errors.get(r) {
            spans.push(Span::styled(e.clone(), t.error()));
        }
        ls.push(Line::from(spans));
    }
    while ls.len() < area.height.saturating_sub(3) as usize {
        ls.push(Line::from(""));
    }
    // The focused slip's problem, whole, in place of the keys' hint.
    match b.errors.get(focus_row).cloned().flatten() {
        Some(e) if matches!(b.focus, Focus::Cell(..)) => ls.push(fitted(&e, inner, t.error(), t)),
        _ => ls.push(fitted(app.t(Msg::BatchHint), inner, t.dim(), t)),
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::BatchTitle), t)), area);
    if top {
        match b.focus {
            Focus::ExpectedCount => caret(
                frame,
                &b.expected_count,
                area.x
                    + 1
                    + width(&format!(
                        "{}{}",
                        app.t(Msg::BatchExpectedCount),
                        crate::domain::messages::colon(app.opts.lang)
                    )) as u16,
                area.y + 2,
                14,
            ),
            Focus::ExpectedTotal => {
                let x = area.x
                    + 1
                    + (width(&format!(
                        "{}{}",
                        app.t(Msg::BatchExpectedCount),
                        crate::domain::messages::colon(app.opts.lang)
                    )) + 16
                        + width(&format!(
                            "{}{}",
                            app.t(Msg::BatchExpectedTotal),
                            crate::domain::messages::colon(app.opts.lang)
                        ))) as u16;
                caret(frame, &b.expected_total, x, area.y + 2, 14)
            }
            Focus::Cell(..) => {
                if let Some((input, x, y, w)) = cursor {
                    caret(frame, &input, x, y, w);
                }
            }
        }
    }
}

fn message(app: &App, title: &str, text: &[String], scroll: usize, frame: &mut Frame<'_>, body: Rect, ok: bool) {
    let t = &app.opts.theme;
    // As wide as the window allows (a card or a statement has wide tables).
    let w = body.width.saturating_sub(4).min(118);
    let inner = w.saturating_sub(2) as usize;
    // Long lines wrap: a question or a reason cut off at 80 columns is no answer.
    let wrapped: Vec<String> = text.iter().skip(scroll).flat_map(|l| super::text::wrap(l, inner)).collect();
    let h = (wrapped.len() as u16 + 2).clamp(3, body.height);
    let area = centered(body, w, h);
    clear_popup(frame, area);
    let style = if ok { t.normal() } else { t.error() };
    let room = h.saturating_sub(2) as usize;
    let ls: Vec<Line<'static>> = wrapped.iter().map(|l| fitted(l, inner, style, t)).collect();
    // What does not fit is said in the title, with the key that shows it.
    let title = match wrapped.len().saturating_sub(room) {
        0 => title.to_string(),
        more => format!("{title} {}", crate::domain::messages::more_lines(app.opts.lang, more)),
    };
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
}

fn prompt(app: &App, title: &str, input: &Input, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, body.width.saturating_sub(8).min(76), 3);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let ls = vec![Line::from(pad(&shown(input, inner), inner, t.marker))];
    frame.render_widget(Paragraph::new(ls).block(block(title, t)), area);
    if top {
        caret(frame, input, area.x + 1, area.y + 1, inner);
    }
}

fn filter(app: &App, f: &FilterPopup, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, 60, 8);
    clear_popup(frame, area);
    let inner = area.width.saturating_sub(2) as usize;
    let all = app.t(Msg::FilterAll);
    let status = f.status.map_or(all, |s| s.label(app.opts.lang));
    let category = f.category.map_or(all, |c| c.label(app.opts.lang));
    // The audit log: its kinds of change-set, and its operators.
    let log = matches!(f.statuses.first(), Some(crate::db::StatusFilter::Change(_)));
    let (first, second, second_value) = if log {
        let who = f.operator.as_deref().map_or(all.to_string(), crate::domain::shown::one_line);
        (app.t(Msg::ChangeKindCol), app.t(Msg::Operator), who)
    } else {
        (app.t(Msg::Status), app.t(Msg::Category), category.to_string())
    };
    let rows = [
        (first, format!("‹ {status} ›")),
        (second, format!("‹ {second_value} ›")),
        (app.t(Msg::From), f.from.value().to_string()),
        (app.t(Msg::To), f.to.value().to_string()),
    ];
    let mut ls = Vec::new();
    for (i, (l, v)) in rows.iter().enumerate() {
        let style = if i == f.row { t.selected() } else { t.normal() };
        ls.push(Line::from(vec![
            Span::styled(pad(l, 10, t.marker), t.header()),
            Span::styled(pad(v, inner - 10, t.marker), style),
        ]));
    }
    ls.push(Line::from(""));
    ls.push(fitted(app.t(Msg::FilterHint), inner, t.dim(), t));
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::FilterTitle), t)), area);
    if top && f.row >= 2 {
        let input = if f.row == 2 { &f.from } else { &f.to };
        caret(frame, input, area.x + 11, area.y + 1 + f.row as u16, inner - 10);
    }
}
