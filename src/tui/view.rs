//! Drawing the whole console from the state, without changing it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::action::Action;
use super::app::{App, PaneId};
use super::i18n::Msg;
use super::jobs::Phase;
use super::keymap::Context;
use super::panes;
use super::popups;
use super::text::{pad, width};
use super::widgets::{fitted, lines};

/// The smallest usable terminal.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws everything; nothing unsafe is left on the screen ([`widgets::scrub`]).
pub fn render(app: &App, frame: &mut Frame<'_>) {
    draw(app, frame);
    super::widgets::scrub(frame.buffer_mut());
    if app.opts.theme.ascii {
        super::widgets::to_ascii(frame.buffer_mut());
    }
}

fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    let cast = if app.keycast { 1 } else { 0 };
    let [top, crumb, body, status, strip, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(cast),
        Constraint::Length(1),
    ])
    .areas(area);
    if app.keycast {
        keycast(app, frame, strip);
    }
    tabs(app, frame, top);
    breadcrumb(app, frame, crumb);
    match app.front() {
        Some(pane) => pane.render(app, frame, body),
        None => panes::overview::render(app, frame, body),
    }
    status_line(app, frame, status);
    footer_line(app, frame, footer);
    for (i, p) in app.popups.iter().enumerate() {
        popups::render(app, p, i + 1 == app.popups.len(), frame, body);
    }
}

/// The last keys pressed and what each did, for a room following a trainer.
fn keycast(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let mut spans = vec![Span::styled(format!(" {} ", app.t(Msg::KeysTitle)), t.tab_active()), Span::raw(" ")];
    for (key, action) in &app.last_keys {
        spans.push(Span::styled(format!("[{key}]"), t.key()));
        let what = action.map_or("·", |a| a.describe(app.opts.lang));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    let line = Line::from(spans);
    let w = area.width as usize;
    // Keep the latest keys when the strip is full: drop from the left.
    let mut line = line;
    while super::widgets::line_width(&line) > w && line.spans.len() > 4 {
        line.spans.remove(2);
        line.spans.remove(2);
    }
    lines(frame, area, vec![line]);
}

fn too_small(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let msg = app.t(Msg::TooSmall);
    let now = format!("{} {}×{}", app.t(Msg::TooSmallNow), area.width, area.height);
    let w = area.width as usize;
    let y = area.height / 2;
    let mut ls: Vec<Line<'static>> = (0..y.saturating_sub(1)).map(|_| Line::from("")).collect();
    for t in [msg, now.as_str(), app.t(Msg::TooSmallKeys)] {
        let pad_left = w.saturating_sub(width(t)) / 2;
        ls.push(fitted(&format!("{}{t}", " ".repeat(pad_left)), w, app.opts.theme.title(), &app.opts.theme));
    }
    lines(frame, area, ls);
}

fn tabs(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let mut spans = vec![Span::styled(format!(" {} ", app.t(Msg::AppName)), t.title())];
    for (i, p) in PaneId::ALL.iter().enumerate() {
        let label = format!(" {}{} ", i + 1, p.title().text(app.opts.lang));
        let style = if *p == app.pane { t.tab_active() } else { t.normal() };
        spans.push(Span::styled(label, style));
    }
    let mut used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let banner = if app.opts.read_only {
        Some(Msg::ReadOnly)
    } else if app.opts.training.is_some() {
        Some(Msg::Training)
    } else {
        None
    };
    if let Some(b) = banner {
        let banner = format!(" {} ", b.text(app.opts.lang));
        // The banner must be read whole (an inspector relies on it): the program's name
        // gives way first.
        if used + width(&banner) > area.width as usize && spans.len() > 1 {
            used -= width(&spans.remove(0).content);
        }
        let gap = (area.width as usize).saturating_sub(used + width(&banner));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(banner, t.banner()));
    }
    lines(frame, area, vec![Line::from(spans)]);
}

/// `盐城市 › 大丰区 › 西团镇 › 众心村委会 › 众心村助学项目`: the office (with the city above
/// a county; in a city's database, the county in view once the lists are its), then the
/// village with its town; with the list's sort and search on the right.
fn breadcrumb(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let mut path: Vec<String> = app.overview.office.as_ref().map(crate::ops::office::path).unwrap_or_default();
    // The villages list and the overview show every county; the other lists the one in view.
    let every_county = app.scope_village.is_none() && matches!(app.pane, PaneId::Overview | PaneId::Villages);
    if let Some(county) = app.focus_name().filter(|_| !every_county) {
        path.push(county);
    }
    match &app.scope_village {
        Some((_, name)) => {
            path.extend(app.scope_town.clone());
            path.push(name.clone());
        }
        None => path.push(app.t(Msg::AllVillages).to_string()),
    }
    if let Some((_, title)) = &app.scope_project {
        path.push(title.clone());
    }
    let left = format!(" {}", path.join(t.breadcrumb_sep));
    let mut right = String::new();
    if app.pane != PaneId::Overview {
        right = format!("{} {} ", app.t(Msg::SortedBy), app.sort_label());
    }
    let w = area.width as usize;
    let left = pad(&left, w.saturating_sub(width(&right)), t.marker);
    lines(frame, area, vec![Line::from(vec![Span::styled(left, t.header()), Span::styled(right, t.dim())])]);
}

/// The status line: the search being typed, a job's progress or the last message on the
/// left, and who is working on the right (left out while a search is typed, and when a
/// message needs the room).
fn status_line(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    if app.searching.is_none() {
        let who = format!(" {} ", crate::domain::messages::operator_label(app.opts.lang, app.operator_shown()));
        let left = status_text(app).map_or(0, |s| width(&s) + 1);
        let who_w = width(&who) as u16;
        if left + who_w as usize <= area.width as usize && area.width > who_w {
            let right = Rect { x: area.x + area.width - who_w, width: who_w, ..area };
            lines(frame, right, vec![Line::from(Span::styled(who, t.dim()))]);
            return status_left(app, frame, Rect { width: area.width - who_w, ..area });
        }
    }
    status_left(app, frame, area)
}

/// The text of the status line's left part (a job's progress or the last message).
fn status_text(app: &App) -> Option<String> {
    if let Some(job) = &app.job {
        return Some(crate::domain::messages::job_progress(
            app.opts.lang,
            app.t(phase_msg(job.phase)),
            job.done,
            job.total,
        ));
    }
    app.message.as_ref().map(|(text, _)| format!(" {text}"))
}

fn phase_msg(phase: Phase) -> Msg {
    match phase {
        Phase::Reading => Msg::PhaseReading,
        Phase::Checking => Msg::PhaseChecking,
        Phase::Writing => Msg::PhaseWriting,
        Phase::Backup => Msg::PhaseBackup,
        Phase::Indexing => Msg::PhaseIndexing,
        Phase::Committing => Msg::PhaseCommitting,
    }
}

fn status_left(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let w = area.width as usize;
    if let Some(input) = &app.searching {
        let label = format!(
            " / {}: ",
            crate::domain::messages::titled_hint(app.opts.lang, app.t(Msg::Search), app.t(Msg::SearchHint))
        );
        let room = w.saturating_sub(width(&label) + 1);
        let scroll = input.visual_scroll(room);
        let shown: String = input.value().chars().collect();
        let line = Line::from(vec![Span::styled(label.clone(), t.key()), Span::raw(pad(&shown, room, t.marker))]);
        lines(frame, area, vec![line]);
        let x = area.x + (width(&label) + input.visual_cursor() - scroll) as u16;
        frame.set_cursor_position((x.min(area.x + area.width - 1), area.y));
        return;
    }
    if let Some(job) = &app.job {
        let text =
            crate::domain::messages::job_progress(app.opts.lang, app.t(phase_msg(job.phase)), job.done, job.total);
        lines(frame, area, vec![fitted(&text, w, t.key(), t)]);
        return;
    }
    if let Some((text, error)) = &app.message {
        let style = if *error { t.error() } else { t.ok() };
        lines(frame, area, vec![fitted(&format!(" {text}"), w, style, t)]);
    }
}

/// Movement and pane keys are left out of the footer (and the keys of receipts, donors and
/// certificates, to leave room); the help screen lists them.
fn in_footer(a: Action) -> bool {
    !matches!(
        a,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last
            | Action::PaneOverview
            | Action::PaneVillages
            | Action::PaneProjects
            | Action::PaneDonations
            | Action::PaneVolunteers
            | Action::PaneLog
            | Action::PrevPane
            | Action::PrevField
            | Action::PrevRow
            | Action::ChoicePrev
            | Action::Help
            // Issue 13's keys are in the help screen: the footer keeps what is used most.
            | Action::Donor
            | Action::FindDonor
            | Action::ReplaceReceipt
            | Action::NextReceipt
            | Action::Certificate
    )
}

/// The keys that apply now, generated from the keymap.
pub fn footer_items(app: &App) -> Vec<(String, String)> {
    // What an operator needs most comes first, so a narrow line still shows it.
    let first =
        |a: Action| matches!(a, Action::Open | Action::New | Action::Search | Action::Yes | Action::No | Action::Save);
    let mut items: Vec<(String, String, bool)> = Vec::new();
    for ctx in app.contexts() {
        for (keys, action) in app.opts.keymap.bindings(ctx) {
            if !in_footer(action)
                || !app.available(action)
                || items.iter().any(|(_, d, _)| d == action.describe(app.opts.lang))
            {
                continue;
            }
            // "n/Esc 否": every key of a question's answers, the first of anything else.
            let shown = if matches!(action, Action::Yes | Action::No) {
                keys.iter().map(|k| k.label_in(app.opts.theme.ascii)).collect::<Vec<_>>().join("/")
            } else {
                keys[0].label_in(app.opts.theme.ascii)
            };
            items.push((shown, action.describe(app.opts.lang).to_string(), first(action)));
        }
    }
    items.sort_by_key(|(_, _, f)| !*f);
    items.into_iter().map(|(k, d, _)| (k, d)).collect()
}

fn footer_line(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let w = area.width as usize;
    let help = app
        .opts
        .keymap
        .bindings(Context::Global)
        .into_iter()
        .find(|(_, a)| *a == Action::Help)
        .map(|(k, _)| k[0].label());
    let help_text = help.map(|k| format!("{k} {}", Action::Help.describe(app.opts.lang))).unwrap_or_default();
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1 + width(&help_text) + 2;
    for (key, desc) in footer_items(app) {
        let item_w = width(&key) + 1 + width(&desc) + 2;
        if used + item_w > w {
            break;
        }
        used += item_w;
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {desc}  ")));
    }
    // The help key works where the global keys do.
    if !help_text.is_empty() && app.contexts().contains(&Context::Global) {
        spans.push(Span::styled(help_text, t.key()));
    }
    lines(frame, area, vec![Line::from(spans)]);
}
