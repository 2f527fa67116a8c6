//! 村社: the villages with their figures, and the selected village in detail.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::db::{DbResult, ListQuery, VillageRow, VillageSort};
use crate::domain::Kind;
use crate::ops::Desk;
use crate::ops::details::VillageDetail;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::list::{Fetch, ListView, PaneList};
use crate::tui::panes::Opened;
use crate::tui::text::pack;
use crate::tui::widgets::{block, code_width, col, fitted, flex, label_width, list_table};

/// The villages pane: the list, and the selected village in detail.
#[derive(Debug, Clone)]
pub struct VillagesPane {
    pub list: ListView<VillageRow>,
    pub detail: VillageDetail,
}

static FETCH: Fetch<VillageRow> = Fetch { count: Desk::villages_count, page: Desk::villages_page, beyond: None };

impl VillagesPane {
    pub fn new() -> Self {
        VillagesPane { list: ListView::new(ListQuery::default(), &FETCH), detail: VillageDetail::default() }
    }

    /// Counts and reads the list again, and the detail of its selection.
    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.list.reload(desk, height)?;
        self.load_detail(desk)
    }

    pub fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        self.list.step(desk, height, delta)?;
        self.load_detail(desk)
    }

    /// The detail of the selected village, read in its own office (the list shows the
    /// villages of every county a city's database holds).
    fn load_detail(&mut self, desk: &Desk) -> DbResult<()> {
        let current = self.list.current();
        self.detail = desk.village_detail_in(current.and_then(|v| v.office), current.map(|v| v.code.as_str()))?;
        Ok(())
    }

    pub fn selected(&self) -> Option<(Kind, String)> {
        self.list.current().map(|r| (Kind::Village, r.code.clone()))
    }

    /// A village opens its projects.
    pub fn open(&mut self) -> Opened {
        self.list.current().map_or(Opened::Nothing, |v| Opened::Village(v.code.clone(), v.name.clone()))
    }

    pub fn back(&mut self) -> bool {
        false
    }
}

pane_is_its_list!(VillagesPane, VillageRow);

impl SortLabel for VillageSort {
    fn label(self) -> Msg {
        match self {
            VillageSort::Code => Msg::Code,
            VillageSort::Name => Msg::Name,
            VillageSort::Town => Msg::Town,
            VillageSort::Raised => Msg::Raised,
        }
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let [list, detail] = Layout::vertical([Constraint::Percentage(60), Constraint::Min(6)]).areas(area);
    let w = list.width.saturating_sub(2) as usize;
    let code_w = code_width(app.t(Msg::Code), app.villages.rows.iter().map(|r| r.code.as_str()), 8, 20);
    let lang = app.opts.lang;
    let status_w = label_width(app.t(Msg::Status), crate::domain::VillageStatus::ALL.iter().map(|s| s.label(lang)), 6);
    let count_w = label_width(app.t(Msg::ProjectCount), std::iter::empty(), 4);
    // A city's database holding its counties' villages lists them county by county,
    // each county named on its first row.
    let offices = &app.overview.offices;
    let grouped = offices.len() > 1;
    let county_w =
        if grouped { label_width(app.t(Msg::County), offices.iter().map(|o| o.name.as_str()), 6).min(12) } else { 0 };
    let mut fixed = vec![code_w, 10, status_w, count_w, 15];
    if grouped {
        fixed.push(county_w);
    }
    let name_w = flex(&fixed, w);
    let mut cols = vec![
        col(app.t(Msg::Code), code_w, false),
        col(app.t(Msg::Name), name_w, false),
        col(app.t(Msg::Town), 10, false),
        col(app.t(Msg::Status), status_w, false),
        col(app.t(Msg::ProjectCount), count_w, true),
        col(app.t(Msg::Raised), 15, true),
    ];
    if grouped {
        cols.insert(0, col(app.t(Msg::County), county_w, false));
    }
    let rows = &app.villages.rows;
    let firsts: Vec<i64> =
        rows.iter().enumerate().filter(|(i, r)| *i == 0 || rows[i - 1].office != r.office).map(|(_, r)| r.id).collect();
    let county_of = |r: &VillageRow| {
        let name = offices.iter().find(|o| o.figures.office == r.office).map(|o| o.name.clone());
        if firsts.contains(&r.id) { name.unwrap_or_default() } else { String::new() }
    };
    list_table(frame, list, app.t(Msg::Villages), &cols, &app.villages.list, true, t, app.opts.lang, |r| {
        let mut cells = vec![
            r.code.clone(),
            r.name.clone(),
            r.town.clone(),
            r.status.label(app.opts.lang).to_string(),
            r.projects.to_string(),
            r.raised.display(),
        ];
        if grouped {
            cells.insert(0, county_of(r));
        }
        cells
    });

    let dw = detail.width.saturating_sub(2) as usize;
    let mut ds: Vec<Line<'static>> = Vec::new();
    if let Some(f) = &app.villages.detail.figures {
        let contact = app
            .villages
            .detail
            .contact
            .as_ref()
            .map(|(n, p)| format!("  {n} {}", app.phone_shown(p)))
            .unwrap_or_default();
        ds.push(fitted(
            &format!("{} {}  {} · {}  {}{contact}", f.code, f.name, f.town, f.county, f.status.label(app.opts.lang)),
            dw,
            t.title(),
            t,
        ));
        // Money is never cut: the figures wrap when the width needs it.
        let figures = [
            format!("{} {}", app.t(Msg::Projects), f.projects),
            format!("{} {}", app.t(Msg::Target), f.target.display()),
            crate::domain::messages::raised_with_matching(
                app.opts.lang,
                app.t(Msg::Raised),
                f.raised.display(),
                app.t(Msg::Matching),
                f.raised_matching.display(),
            ),
        ];
        ds.extend(pack(&figures, dw).iter().map(|l| fitted(l, dw, t.normal(), t)));
        let money = [
            format!("{} {}", app.t(Msg::Disbursed), f.disbursed.display()),
            format!("{} {}", app.t(Msg::Balance), f.balance.display()),
        ];
        ds.extend(pack(&money, dw).iter().map(|l| fitted(l, dw, t.money(), t)));
        ds.push(fitted(
            &format!(
                "{} {}  {} {} {}",
                app.t(Msg::VolunteersCount),
                f.volunteers,
                app.t(Msg::ServedHours),
                f.served_hours,
                app.t(Msg::Hours)
            ),
            dw,
            t.normal(),
            t,
        ));
    }
    frame.render_widget(Paragraph::new(ds).block(block(app.t(Msg::Village), t)), detail);
}
