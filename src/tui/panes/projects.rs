//! 项目: the projects (of the selected village, or all) with their progress, and the
//! selected project with its figures, disbursements and recent donations.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::db::{DbResult, DisbursementRow, ListQuery, ProjectRow, ProjectSort};
use crate::domain::Kind;
use crate::ops::Desk;
use crate::ops::details::ProjectDetail;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::list::{Fetch, ListView, PaneList, SubList};
use crate::tui::panes::Opened;
use crate::tui::text::pack;
use crate::tui::widgets::{block, code_width, col, fitted, flex, gauge, label_width, list_table};

/// The projects pane: the list, the selected project in detail, and its disbursements,
/// which take the keys after `→`.
#[derive(Debug, Clone)]
pub struct ProjectsPane {
    pub list: ListView<ProjectRow>,
    pub detail: ProjectDetail,
    pub disbursements: SubList<DisbursementRow>,
}

static FETCH: Fetch<ProjectRow> = Fetch { count: Desk::projects_count, page: Desk::projects_page, beyond: None };

impl ProjectsPane {
    pub fn new() -> Self {
        ProjectsPane {
            list: ListView::new(ListQuery::default(), &FETCH),
            detail: ProjectDetail::default(),
            disbursements: SubList::default(),
        }
    }

    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.list.reload(desk, height)?;
        self.load_detail(desk)
    }

    /// Moves within the disbursements while they have the keys, else through the list.
    pub fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        if self.disbursements.focused {
            self.disbursements.move_by(delta);
            return Ok(());
        }
        self.disbursements.selected = 0;
        self.list.step(desk, height, delta)?;
        self.load_detail(desk)
    }

    fn load_detail(&mut self, desk: &Desk) -> DbResult<()> {
        let code = self.list.current().map(|p| p.code.clone());
        self.detail = desk.project_detail(code.as_deref())?;
        self.disbursements.set(desk.disbursements(code.as_deref())?);
        Ok(())
    }

    /// The selected disbursement while the disbursements have the keys, else the project.
    /// A project opens its donations.
    pub fn open(&mut self) -> Opened {
        self.list.current().map_or(Opened::Nothing, |p| Opened::Project(p.code.clone(), p.title.clone()))
    }

    /// Esc hands the keys back from the disbursements.
    pub fn back(&mut self) -> bool {
        std::mem::take(&mut self.disbursements.focused)
    }

    pub fn selected(&self) -> Option<(Kind, String)> {
        if self.disbursements.focused {
            return self.disbursements.current().map(|d| (Kind::Disbursement, d.disbursement_ref.clone()));
        }
        self.list.current().map(|r| (Kind::Project, r.code.clone()))
    }

    /// What `n` makes here.
    pub fn new_kind(&self) -> Kind {
        if self.disbursements.focused { Kind::Disbursement } else { Kind::Project }
    }
}

pane_is_its_list!(ProjectsPane, ProjectRow);

impl SortLabel for ProjectSort {
    fn label(self) -> Msg {
        match self {
            ProjectSort::Code => Msg::Code,
            ProjectSort::Title => Msg::Title,
            ProjectSort::Raised => Msg::Raised,
            ProjectSort::StartDate => Msg::Date,
        }
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let [list, detail] = Layout::vertical([Constraint::Percentage(60), Constraint::Min(7)]).areas(area);
    let w = list.width.saturating_sub(2) as usize;
    let code_w = code_width(app.t(Msg::Code), app.projects.rows.iter().map(|r| r.code.as_str()), 8, 24);
    let lang = app.opts.lang;
    let status_w = label_width(app.t(Msg::Status), crate::domain::ProjectStatus::ALL.iter().map(|s| s.label(lang)), 8);
    let fixed = [code_w, status_w, 15, 14];
    let title_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Code), code_w, false),
        col(app.t(Msg::Title), title_w, false),
        col(app.t(Msg::Status), status_w, false),
        col(app.t(Msg::Raised), 15, true),
        col(app.t(Msg::Progress), 14, false),
    ];
    list_table(frame, list, app.t(Msg::Projects), &cols, &app.projects.list, true, t, app.opts.lang, |r| {
        let pct = r.raised.percent_of(r.target);
        vec![
            r.code.clone(),
            r.title.clone(),
            r.status.label(app.opts.lang).to_string(),
            r.raised.display(),
            format!("{}{:>4}%", gauge(pct, 9, t), pct.min(999)),
        ]
    });

    let dw = detail.width.saturating_sub(2) as usize;
    let mut ds: Vec<Line<'static>> = Vec::new();
    if let Some(f) = &app.projects.detail.figures {
        ds.push(fitted(
            &format!(
                "{} {}  {} {}  {}",
                f.code,
                f.title,
                f.village_name,
                f.category.label(app.opts.lang),
                f.status.label(app.opts.lang)
            ),
            dw,
            t.title(),
            t,
        ));
        // Money is never cut: the figures wrap to a second line when the width needs it.
        let money = [
            format!("{} {}", app.t(Msg::Target), f.target.display()),
            crate::domain::messages::raised_with_matching(
                app.opts.lang,
                app.t(Msg::Raised),
                f.raised.display(),
                app.t(Msg::Matching),
                f.raised_matching.display(),
            ),
            format!("{} {}", app.t(Msg::Disbursed), f.disbursed.display()),
            format!("{} {}", app.t(Msg::Balance), f.balance.display()),
        ];
        ds.extend(pack(&money, dw).iter().map(|l| fitted(l, dw, t.money(), t)));
        // The disbursements (all of them, scrolled to the selection, when focused).
        let room = (detail.height.saturating_sub(4) as usize).max(1);
        let d = &app.projects.disbursements;
        let shown = if d.focused { room } else { 3.min(room) };
        let start = if d.focused { d.selected.saturating_sub(shown - 1) } else { 0 };
        for (i, row) in d.rows.iter().enumerate().skip(start).take(shown) {
            let style = if d.focused && i == d.selected { t.selected() } else { t.normal() };
            let text = format!(
                "{} {}  {}  {}  {}",
                app.t(Msg::Disbursements),
                row.paid_on,
                row.amount.display(),
                row.payee,
                row.purpose
            );
            ds.push(fitted(&text, dw, style, t));
        }
        for c in &app.projects.detail.carry_overs {
            let (direction, other) = if c.from_project == f.code {
                (crate::domain::messages::report_carried_out_to(app.opts.lang), &c.to_project)
            } else {
                (crate::domain::messages::report_carried_in_from(app.opts.lang), &c.from_project)
            };
            let text = format!(
                "{} {}  {direction} {other}  {}  {}",
                Kind::CarryOver.name(app.opts.lang),
                c.transferred_on,
                c.amount.display(),
                c.reason
            );
            ds.push(fitted(&text, dw, t.normal(), t));
        }
        for d in &app.projects.detail.recent {
            ds.push(fitted(
                &format!(
                    "{} {}  {}  {}",
                    app.t(Msg::Donations),
                    d.donated_on,
                    app.donor_shown(d.donor_name.as_deref(), d.person),
                    d.amount.display()
                ),
                dw,
                t.dim(),
                t,
            ));
        }
    }
    frame.render_widget(Paragraph::new(ds).block(block(app.t(Msg::Project), t)), detail);
}
