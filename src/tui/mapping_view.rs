//! Drawing the mapping step and the project question (`mapping.rs`), at 80×24 and up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::kind::key;
use crate::domain::messages as m;
use crate::template::preset::StateIs;
use crate::template::sheet::column_letters;

use super::app::App;
use super::i18n::Msg;
use super::mapping::{ColumnIs, Links, Mapping, Setting};
use super::text::{pad, width};
use super::widgets::{block, centered, clear_popup, fitted};

/// The rows of `items` to show in `rows` lines, keeping `selected` in sight.
fn window(len: usize, selected: usize, rows: usize) -> std::ops::Range<usize> {
    let start = selected.saturating_sub(rows.saturating_sub(1)).min(len.saturating_sub(rows));
    start..(start + rows).min(len)
}

pub fn mapping(app: &App, mp: &Mapping, top: bool, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let lang = app.opts.lang;
    let area = centered(body, body.width.saturating_sub(2).min(110), body.height);
    clear_popup(frame, area);
    let w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let file = mp.table.file.rsplit(['/', '\\']).next().unwrap_or(&mp.table.file);
    let header_row = mp.table.rows.get(mp.header_at).map_or(1, |r| r.number);
    let mut ls: Vec<Line<'static>> = vec![fitted(
        &format!("{file}  {} {header_row}{}", app.t(Msg::MappingHeaderRow), lang.pick(" 行", "")),
        w,
        t.dim(),
        t,
    )];
    let settings = mp.settings();
    let problems: Vec<&String> = mp.problems.iter().take(2).collect();
    let preview_rows = mp.preview.len().min(5);
    let fixed = 1 + 1 + preview_rows + problems.len();
    let settings_rows = settings.len().min(inner_h.saturating_sub(fixed + 3) / 2).max(1);
    let column_rows = inner_h.saturating_sub(fixed + settings_rows).max(1);

    // The columns: letter, header, what it becomes, samples.
    let head_w = mp.headers.iter().map(|h| width(h)).max().unwrap_or(4).clamp(4, 16);
    let target_w = 16;
    for i in window(mp.headers.len(), mp.column, column_rows) {
        let target = match mp.column_is(i) {
            ColumnIs::Ignored => app.t(Msg::MappingIgnored).to_string(),
            ColumnIs::Target(tg) => tg.label(lang),
            ColumnIs::State => app.t(Msg::MappingState).to_string(),
        };
        let samples = m::list(lang, &mp.samples(i));
        let letter = format!("{:<3}", column_letters(i));
        let arrow = if t.ascii { "->" } else { "→" };
        let left =
            format!("{letter}{} {arrow} {} ", pad(&mp.headers[i], head_w, t.marker), pad(&target, target_w, t.marker));
        let rest = w.saturating_sub(width(&left));
        let style = if !mp.on_settings && i == mp.column { t.selected() } else { t.normal() };
        let dim = if !mp.on_settings && i == mp.column { t.selected() } else { t.dim() };
        ls.push(Line::from(vec![Span::styled(left, style), Span::styled(pad(&samples, rest, t.marker), dim)]));
    }
    while ls.len() < 1 + column_rows {
        ls.push(Line::from(""));
    }

    // The settings.
    for i in window(settings.len(), mp.setting, settings_rows) {
        let (label, value) = match &settings[i] {
            Setting::Unit => (app.t(Msg::MappingUnit).to_string(), mp.preset.unit.label(lang).to_string()),
            Setting::Date => (app.t(Msg::MappingDate).to_string(), mp.preset.date.text().to_string()),
            Setting::Channel => (
                app.t(Msg::MappingChannel).to_string(),
                mp.preset.channel().map_or_else(|| app.t(Msg::MappingNone).to_string(), |c| c.label(lang).to_string()),
            ),
            Setting::State(v) => {
                let meaning = match mp.preset.state.as_ref().and_then(|s| s.of(v)) {
                    Some(StateIs::Gift) => Msg::MappingGift,
                    Some(StateIs::Refund) => Msg::MappingRefund,
                    _ => Msg::MappingSkip,
                };
                (format!("{}「{v}」", app.t(Msg::MappingStateValue)), app.t(meaning).to_string())
            }
            Setting::Name => (app.t(Msg::MappingName).to_string(), mp.name.value().to_string()),
        };
        let selected = mp.on_settings && i == mp.setting;
        let style = if selected { t.selected() } else { t.normal() };
        let value = if selected && settings[i] != Setting::Name { format!("< {value} >") } else { value };
        let text = format!("{}{}{value}", label, m::colon(lang));
        ls.push(fitted(&text, w, style, t));
    }

    // The preview, and what is wrong with the mapping.
    ls.push(fitted(app.t(Msg::MappingPreview), w, t.dim(), t));
    for r in mp.preview.iter().take(preview_rows) {
        let at = m::at_row(lang, r.number).trim().to_string();
        let (text, style) = match (&r.gift, r.problems.is_empty()) {
            (Some(g), true) => {
                let v = |k: &str| g.get(k).cloned().unwrap_or_else(|| "-".into());
                let text = format!(
                    "{at}  {}  {}  {}  {}  {}",
                    v(key::DONATION_REF),
                    v(key::AMOUNT),
                    v(key::DONATED_ON),
                    v(key::DONOR_NAME),
                    v(key::PROJECT_CODE)
                );
                (text, t.normal())
            }
            (_, false) => (format!("{at}  {}", r.problems.join("；")), t.error()),
            (None, true) => (format!("{at}  {}", app.t(Msg::MappingSkipped)), t.dim()),
        };
        ls.push(fitted(&text, w, style, t));
    }
    for p in problems {
        ls.push(fitted(p, w, t.error(), t));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::MappingTitle), t)), area);
    // The caret in the name, where the Chinese IME window follows it.
    if top && mp.on_settings && settings.get(mp.setting) == Some(&Setting::Name) {
        let label = format!("{}{}", app.t(Msg::MappingName), m::colon(lang));
        let shown = settings.len().min(settings_rows);
        let row = window(settings.len(), mp.setting, shown).position(|i| i == mp.setting).unwrap_or(0);
        let y = area.y + 1 + 1 + column_rows as u16 + row as u16;
        let x = area.x + 1 + (width(&label) + width(mp.name.value())).min(w) as u16;
        frame.set_cursor_position((x, y));
    }
}

pub fn links(app: &App, l: &Links, frame: &mut Frame<'_>, body: Rect) {
    let t = &app.opts.theme;
    let area = centered(body, body.width.saturating_sub(4).min(90), (l.items.len() as u16 + 5).min(body.height));
    clear_popup(frame, area);
    let w = area.width.saturating_sub(2) as usize;
    let mut ls = vec![fitted(app.t(Msg::LinksHeader), w, t.dim(), t)];
    let rows = area.height.saturating_sub(3 + u16::from(l.unanswered)) as usize;
    let left_w = w / 2;
    for i in window(l.items.len(), l.selected, rows) {
        let item = &l.items[i];
        let who = match &item.id {
            Some(id) if *id != item.name => format!("{id} · {} · {}", item.name, item.rows),
            _ => format!("{} · {}", item.name, item.rows),
        };
        let answer = match &item.answer {
            Some((_, label)) => label.clone(),
            None => app.t(Msg::LinksNotChosen).to_string(),
        };
        let style = if i == l.selected { t.selected() } else { t.normal() };
        let answer_style = match (i == l.selected, item.answer.is_some()) {
            (true, _) => t.selected(),
            (false, true) => t.ok(),
            (false, false) => t.dim(),
        };
        ls.push(Line::from(vec![
            Span::styled(
                format!("{} {} ", pad(&who, left_w.saturating_sub(4), t.marker), if t.ascii { "->" } else { "→" }),
                style,
            ),
            Span::styled(pad(&answer, w.saturating_sub(left_w), t.marker), answer_style),
        ]));
    }
    if l.unanswered {
        ls.push(fitted(app.t(Msg::LinksUnanswered), w, t.error(), t));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::LinksTitle), t)), area);
}
