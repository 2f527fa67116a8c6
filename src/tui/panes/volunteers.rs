//! 志愿者: the roster of the selected village (or all) with served hours, and the
//! selected volunteer's shifts by date, where one key marks a shift served or absent.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::db::{DbResult, HoursLine, ListQuery, ShiftRow, VolunteerRow, VolunteerSort};
use crate::domain::Kind;
use crate::ops::Desk;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::list::{Fetch, ListView, PaneList, SubList};
use crate::tui::panes::Opened;
use crate::tui::widgets::{block, code_width, col, fitted, flex, header_line, label_width, list_table, row_line};

/// The volunteers pane: the roster, and the selected volunteer's shifts, which take the
/// keys after `→`.
#[derive(Debug, Clone)]
pub struct VolunteersPane {
    pub list: ListView<VolunteerRow>,
    pub shifts: SubList<ShiftRow>,
    /// The selected volunteer's served hours by year and by project.
    pub hours: (Vec<HoursLine>, Vec<HoursLine>),
}

static FETCH: Fetch<VolunteerRow> = Fetch { count: Desk::volunteers_count, page: Desk::volunteers_page, beyond: None };

impl VolunteersPane {
    pub fn new() -> Self {
        VolunteersPane {
            list: ListView::new(ListQuery::default(), &FETCH),
            shifts: SubList::default(),
            hours: (Vec::new(), Vec::new()),
        }
    }

    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.list.reload(desk, height)?;
        self.load_shifts(desk)
    }

    /// Moves within the shifts while they have the keys, else through the roster.
    pub fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        if self.shifts.focused {
            self.shifts.move_by(delta);
            return Ok(());
        }
        self.shifts.selected = 0;
        self.list.step(desk, height, delta)?;
        self.load_shifts(desk)
    }

    fn load_shifts(&mut self, desk: &Desk) -> DbResult<()> {
        self.shifts.set(desk.shifts(self.list.current().map(|v| v.code.as_str()))?);
        self.hours = match self.list.current() {
            Some(v) => desk.volunteer_hours(&v.code)?,
            None => (Vec::new(), Vec::new()),
        };
        Ok(())
    }

    /// The selected shift while the shifts have the keys, else the volunteer.
    /// A volunteer opens its shifts (they take the keys).
    pub fn open(&mut self) -> Opened {
        self.shifts.focus();
        Opened::Nothing
    }

    /// Esc hands the keys back from the shifts.
    pub fn back(&mut self) -> bool {
        std::mem::take(&mut self.shifts.focused)
    }

    pub fn selected(&self) -> Option<(Kind, String)> {
        if self.shifts.focused {
            return self.shifts.current().map(|s| (Kind::Shift, s.shift_ref.clone()));
        }
        self.list.current().map(|r| (Kind::Volunteer, r.code.clone()))
    }

    /// What `n` makes here.
    pub fn new_kind(&self) -> Kind {
        if self.shifts.focused { Kind::Shift } else { Kind::Volunteer }
    }
}

pane_is_its_list!(VolunteersPane, VolunteerRow);

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
    let t = &app.opts.theme;
    let [left, right] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let w = left.width.saturating_sub(2) as usize;
    let code_w = code_width(app.t(Msg::Code), app.volunteers.rows.iter().map(|r| r.code.as_str()), 6, 16);
    let lang = app.opts.lang;
    let status_w =
        label_width(app.t(Msg::Status), crate::domain::VolunteerStatus::ALL.iter().map(|s| s.label(lang)), 6);
    let fixed = [code_w, status_w, 5];
    let name_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Code), code_w, false),
        col(app.t(Msg::Name), name_w, false),
        col(app.t(Msg::Status), status_w, false),
        col(app.t(Msg::Served), 5, true),
    ];
    list_table(
        frame,
        left,
        app.t(Msg::Volunteers),
        &cols,
        &app.volunteers.list,
        !app.volunteers.shifts.focused,
        t,
        app.opts.lang,
        |r| {
            vec![
                r.code.clone(),
                r.name.clone(),
                r.status.label(app.opts.lang).to_string(),
                format!("{}", r.served_hours),
            ]
        },
    );

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
    // Served hours by year and by project, above the shifts.
    let lang = app.opts.lang;
    let (years, projects) = &app.volunteers.hours;
    let hours_line = if years.is_empty() {
        crate::domain::messages::volunteer_hours_none(lang).to_string()
    } else {
        let ys: Vec<String> = years.iter().map(|y| format!("{} {}", y.key, y.hours)).collect();
        format!("{} {}", crate::domain::messages::volunteer_hours_by_year(lang), ys.join(" · "))
    };
    let none = crate::domain::messages::volunteer_no_project(lang);
    let ps: Vec<String> = projects
        .iter()
        .map(|p| format!("{} {}", if p.label.is_empty() { none } else { p.label.as_str() }, p.hours))
        .collect();
    let mut ls = vec![fitted(&hours_line, w, t.money(), t)];
    if !ps.is_empty() {
        ls.push(fitted(
            &format!("{} {}", crate::domain::messages::volunteer_hours_by_project(lang), ps.join(" · ")),
            w,
            t.normal(),
            t,
        ));
    }
    ls.push(header_line(&cols, t));
    let height = right.height.saturating_sub(2 + ls.len() as u16) as usize;
    let start = app.volunteers.shifts.selected.saturating_sub(height.saturating_sub(1));
    for (i, s) in app.volunteers.shifts.rows.iter().enumerate().skip(start).take(height) {
        let style = if app.volunteers.shifts.focused && i == app.volunteers.shifts.selected {
            t.selected()
        } else {
            t.normal()
        };
        let cells = [
            s.shift_date.to_string(),
            s.start_time.clone().unwrap_or_default(),
            s.hours.to_string(),
            s.status.label(app.opts.lang).to_string(),
            s.activity.clone(),
        ];
        ls.push(row_line(&cols, &cells, style, t));
    }
    let name = app.volunteers.current().map(|r| r.name.clone()).unwrap_or_default();
    frame.render_widget(Paragraph::new(ls).block(block(format!("{} {name}", app.t(Msg::Shifts)), t)), right);
}
