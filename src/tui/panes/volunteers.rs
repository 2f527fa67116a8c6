//! 志愿者: the roster of the selected village (or all) with served hours, and the
//! selected volunteer's shifts by date, where one key marks a shift served or absent.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::db::VolunteerSort;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::widgets::{block, col, flex, header_line, list_table, row_line};

impl SortLabel for VolunteerSort {
    fn label(self) -> Msg {
        match self {
            VolunteerSort::Code => Msg::Code,
            VolunteerSort::Name => Msg::Name,
            VolunteerSort::Served => Msg::Served,
        }
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.theme;
    let [left, right] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let w = left.width.saturating_sub(2) as usize;
    let fixed = [10, 6, 5];
    let name_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Code), 10, false),
        col(app.t(Msg::Name), name_w, false),
        col(app.t(Msg::Status), 6, false),
        col(app.t(Msg::Served), 5, true),
    ];
    list_table(frame, left, app.t(Msg::Volunteers), &cols, &app.volunteers, !app.shifts.focused, t, |r| {
        vec![r.code.clone(), r.name.clone(), r.status.label(app.lang).to_string(), format!("{}", r.served_hours)]
    });

    let w = right.width.saturating_sub(2) as usize;
    let fixed = [10, 5, 4, 6];
    let act_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Date), 10, false),
        col("", 5, false),
        col(app.t(Msg::Hours), 4, true),
        col(app.t(Msg::Status), 6, false),
        col(app.t(Msg::Activity), act_w, false),
    ];
    let mut ls = vec![header_line(&cols, t)];
    let height = right.height.saturating_sub(3) as usize;
    let start = app.shifts.selected.saturating_sub(height.saturating_sub(1));
    for (i, s) in app.shifts.rows.iter().enumerate().skip(start).take(height) {
        let style = if app.shifts.focused && i == app.shifts.selected { t.selected() } else { t.normal() };
        let cells = [
            s.shift_date.to_string(),
            s.start_time.clone().unwrap_or_default(),
            s.hours.to_string(),
            s.status.label(app.lang).to_string(),
            s.activity.clone(),
        ];
        ls.push(row_line(&cols, &cells, style, t));
    }
    let name = app.volunteers.current().map(|r| r.name.clone()).unwrap_or_default();
    frame.render_widget(Paragraph::new(ls).block(block(format!("{} {name}", app.t(Msg::Shifts)), t)), right);
}
