//! 概览: the office's totals, donations per month, projects by status, what needs attention.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use crate::domain::Money;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::text::{pack, pad};
use crate::tui::widgets::{block, fitted};

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let o = &app.overview;
    let inner_w = area.width.saturating_sub(2) as usize;
    // The figures, packed into as many lines as the width needs (at most four).
    let mut ls = Vec::new();
    if let Some(s) = &o.summary {
        let lang = app.opts.lang;
        let money = [
            crate::domain::messages::raised_with_matching(
                lang,
                app.t(Msg::Raised),
                s.raised.display(),
                app.t(Msg::Matching),
                s.raised_matching.display(),
            ),
            format!("{} {}", app.t(Msg::Disbursed), s.disbursed.display()),
            format!("{} {}", app.t(Msg::Balance), s.balance.display()),
        ];
        let counts = crate::domain::messages::overview_counts(
            app.opts.lang,
            s.villages,
            s.projects,
            s.donations,
            o.donors,
            o.anonymous,
            s.volunteers,
            s.served_hours,
        );
        let counts: Vec<&str> = counts.split("  ").collect();
        ls.extend(pack(&money, inner_w).iter().map(|l| fitted(l, inner_w, t.money(), t)));
        ls.extend(pack(&counts, inner_w).iter().map(|l| fitted(l, inner_w, t.normal(), t)));
        ls.truncate(4);
    }
    let height = ls.len().max(3) as u16 + 2;
    // A city's (or province's) database with its counties' exports: a table of the
    // counties takes the chart's place (both show on a tall screen).
    let counties = o.offices.len() > 1;
    let table_rows = county_rows(app).len() as u16 + 3;
    let tall = area.height >= height + table_rows + 6 + 8;
    let [totals, middle, bottom] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(6), Constraint::Length(8)]).areas(area);
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::Overview), t)), totals);
    let chart = match (counties, tall) {
        (false, _) => middle,
        (true, false) => {
            county_table(app, frame, middle);
            Rect::default()
        }
        (true, true) => {
            let [table, chart] = Layout::vertical([Constraint::Length(table_rows), Constraint::Min(6)]).areas(middle);
            county_table(app, frame, table);
            chart
        }
    };
    if chart.height > 0 {
        month_chart(app, frame, chart);
    }
    bottom_panels(app, frame, bottom);
    let _ = Money::ZERO;
}

/// The rows of the county table: (name, indented under a city, figures); a city's name
/// heads its counties in a province's database.
fn county_rows(app: &App) -> Vec<(String, Option<&crate::db::OfficeFigures>)> {
    let mut out = Vec::new();
    let mut city: Option<&str> = None;
    for l in &app.overview.offices {
        if l.city.is_some() && l.city.as_deref() != city {
            city = l.city.as_deref();
            out.push((l.city.clone().unwrap_or_default(), None));
        }
        let indent = if l.city.is_some() { "  " } else { "" };
        out.push((format!("{indent}{}", l.name), Some(&l.figures)));
    }
    out
}

/// Each county's figures, the database's own first, one county a row.
fn county_table(app: &App, frame: &mut Frame<'_>, area: Rect) {
    use crate::tui::widgets::{col, flex, header_line, label_width, row_line};
    let t = &app.opts.theme;
    let w = area.width.saturating_sub(2) as usize;
    let rows = county_rows(app);
    let wide = w >= 96;
    let count_w = label_width(app.t(Msg::DonationCount), std::iter::empty(), 7).max(9);
    let small_w = label_width(app.t(Msg::ProjectCount), std::iter::empty(), 5);
    let mut fixed = vec![count_w, 15, 15, 15];
    if wide {
        fixed.extend([small_w, small_w]);
    }
    let name_w = flex(&fixed, w).max(6);
    let mut cols = vec![col(app.t(Msg::County), name_w, false)];
    if wide {
        cols.push(col(app.t(Msg::Villages), small_w, true));
        cols.push(col(app.t(Msg::ProjectCount), small_w, true));
    }
    cols.extend([
        col(app.t(Msg::DonationCount), count_w, true),
        col(app.t(Msg::Raised), 15, true),
        col(app.t(Msg::Disbursed), 15, true),
        col(app.t(Msg::Balance), 15, true),
    ]);
    let room = area.height.saturating_sub(3) as usize;
    let mut ls = vec![header_line(&cols, t)];
    let shown = if rows.len() > room { room.saturating_sub(1) } else { rows.len() };
    for (name, f) in rows.iter().take(shown) {
        let cells = match f {
            None => vec![name.clone()],
            Some(f) => {
                let mut cells = vec![name.clone()];
                if wide {
                    cells.extend([f.villages.to_string(), f.projects.to_string()]);
                }
                cells.extend([f.donations.to_string(), f.raised.display(), f.disbursed.display(), f.balance.display()]);
                cells
            }
        };
        let style = if f.is_none() { t.title() } else { t.normal() };
        ls.push(row_line(&cols[..cells.len()], &cells, style, t));
    }
    if shown < rows.len() {
        let more = format!("… {} {}", app.t(Msg::MoreCounties), rows.len() - shown);
        ls.push(fitted(&more, w, t.dim(), t));
    }
    frame.render_widget(Paragraph::new(ls).block(block(app.t(Msg::ByCounty), t)), area);
}

/// Donations per month for the last 12 months (months without donations show empty).
fn month_chart(app: &App, frame: &mut Frame<'_>, chart: Rect) {
    let t = &app.opts.theme;
    let o = &app.overview;

    // Donations per month for the last 12 months (months without donations show empty).
    let mut bars = Vec::new();
    let mut month = chrono::Datelike::month(&app.opts.today) as i64;
    let mut year = chrono::Datelike::year(&app.opts.today) as i64;
    let mut keys = Vec::new();
    for _ in 0..12 {
        keys.push((year, month));
        month -= 1;
        if month == 0 {
            month = 12;
            year -= 1;
        }
    }
    keys.reverse();
    for (y, m) in keys {
        let key = format!("{y}-{m:02}");
        let fen = o.months.iter().find(|(k, _)| *k == key).map_or(0, |(_, v)| *v);
        let label = if app.opts.lang == crate::domain::Lang::Zh { format!("{m}月") } else { format!("{m:02}") };
        bars.push(
            Bar::default()
                .value(u64::try_from(fen).unwrap_or(0))
                .label(Line::from(label))
                .text_value(crate::domain::messages::short_amount(app.opts.lang, fen)),
        );
    }
    let chart_w = chart.width.saturating_sub(2);
    let bar_width = ((chart_w.saturating_sub(11)) / 12).clamp(3, 8);
    let widget = BarChart::default()
        .block(block(app.t(Msg::PerMonth), t))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .bar_style(t.money())
        .value_style(t.tab_active());
    frame.render_widget(widget, chart);
}

/// Projects by status, and what needs attention.
fn bottom_panels(app: &App, frame: &mut Frame<'_>, bottom: Rect) {
    let t = &app.opts.theme;
    let o = &app.overview;
    let [left, right] = Layout::horizontal([Constraint::Length(24), Constraint::Min(20)]).areas(bottom);
    let lw = left.width.saturating_sub(2) as usize;
    let status_lines: Vec<Line<'static>> = o
        .statuses
        .iter()
        .map(|(s, n)| Line::from(format!("{}{n:>6}", pad(s.label(app.opts.lang), lw.saturating_sub(6), t.marker))))
        .collect();
    frame.render_widget(Paragraph::new(status_lines).block(block(app.t(Msg::ByStatus), t)), left);
    let rw = right.width.saturating_sub(2) as usize;
    // Disclosures due first (the law's deadlines), then projects to look at.
    let room = bottom.height.saturating_sub(2) as usize;
    let due_room = if o.attention.is_empty() { room } else { room.div_ceil(2) };
    let lang = app.opts.lang;
    let mut att: Vec<Line<'static>> = o
        .due
        .iter()
        .take(due_room)
        .map(|d| {
            let late = crate::ops::report::due::days_late(d, app.opts.today);
            let state = if late > 0 {
                crate::domain::messages::report_overdue_days(lang, late)
            } else {
                crate::domain::messages::report_due_in_days(lang, -late)
            };
            let duty = crate::ops::report::due::duty_text(&d.duty, lang);
            let text = format!("{state}  {} {}  {duty}", d.project, d.title);
            Line::from(Span::styled(pad(&text, rw, t.marker), if late > 0 { t.error() } else { t.normal() }))
        })
        .collect();
    att.extend(o.attention.iter().map(|p| {
        let overdue =
            p.status == crate::domain::ProjectStatus::Fundraising && p.end_date.is_some_and(|e| e < app.opts.today);
        let why = if overdue { app.t(Msg::PastEnd) } else { app.t(Msg::LargeBalance) };
        let text = format!("{} {}  {} {}  {why}", p.code, p.title, app.t(Msg::Balance), p.balance().display());
        Line::from(Span::styled(pad(&text, rw, t.marker), if overdue { t.error() } else { t.normal() }))
    }));
    if att.is_empty() {
        att.push(Line::from(app.t(Msg::Nothing)));
    }
    let title = match o.due_count {
        0 => app.t(Msg::Attention).to_string(),
        n => format!("{} · {} {n}", app.t(Msg::Attention), app.t(Msg::DisclosuresDue)),
    };
    frame.render_widget(Paragraph::new(att).block(block(title, t)), right);
}
