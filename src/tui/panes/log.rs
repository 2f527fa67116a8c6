//! 日志: the audit log's change-sets, newest first — who, when, what kind, what it did —
//! filtered by kind, operator and date (`f`), and the selected one in detail. Enter
//! shows all its rows, `r` reverts it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::db::{AuditEntry, ChangeSetRow, DbResult, ListQuery, LogSort};
use crate::domain::ChangeKind;
use crate::ops::Desk;
use crate::ops::audit::{entry_lines, set_line, set_summary, when};
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::{Fetch, ListView, PaneList, SortLabel};
use crate::tui::panes::Opened;
use crate::tui::widgets::{block, col, fitted, flex, label_width, list_table};

/// Rows of the selected change-set read for the detail.
const DETAIL_ROWS: i64 = 12;

/// The log pane: the change-sets, and the selected one's first rows.
#[derive(Debug, Clone)]
pub struct LogPane {
    pub list: ListView<ChangeSetRow>,
    pub detail: Vec<AuditEntry>,
}

static FETCH: Fetch<ChangeSetRow> =
    Fetch { count: Desk::change_sets_count, page: Desk::change_sets_page, beyond: None };

impl LogPane {
    pub fn new() -> Self {
        // Newest first.
        let query = ListQuery { descending: true, ..ListQuery::default() };
        LogPane { list: ListView::new(query, &FETCH), detail: Vec::new() }
    }

    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.list.reload(desk, height)?;
        self.load_detail(desk)
    }

    pub fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        self.list.step(desk, height, delta)?;
        self.load_detail(desk)
    }

    fn load_detail(&mut self, desk: &Desk) -> DbResult<()> {
        self.detail = match self.list.current() {
            Some(set) => desk.change_set_entries(set.id, DETAIL_ROWS)?,
            None => Vec::new(),
        };
        Ok(())
    }

    /// The selected change-set.
    pub fn current_set(&self) -> Option<i64> {
        self.list.current().map(|s| s.id)
    }

    /// Enter: the change-set with all its rows.
    pub fn open(&mut self) -> Opened {
        self.current_set().map_or(Opened::Nothing, Opened::ChangeSet)
    }
}

pane_is_its_list!(LogPane, ChangeSetRow);

impl SortLabel for LogSort {
    fn label(self) -> Msg {
        match self {
            LogSort::Id => Msg::Number,
        }
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let lang = app.opts.lang;
    let masking = app.masking();
    let [list, detail] = Layout::vertical([Constraint::Percentage(55), Constraint::Min(6)]).areas(area);
    let w = list.width.saturating_sub(2) as usize;
    let kind_w = label_width(app.t(Msg::ChangeKindCol), ChangeKind::ALL.iter().map(|k| k.label(lang)), 4);
    let op_w = 10;
    let fixed = [6, 16, op_w, kind_w];
    let what_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Number), 6, true),
        col(app.t(Msg::When), 16, false),
        col(app.t(Msg::Operator), op_w, false),
        col(app.t(Msg::ChangeKindCol), kind_w, false),
        col(app.t(Msg::What), what_w, false),
    ];
    list_table(frame, list, app.t(Msg::Log), &cols, &app.log.list, true, t, lang, |r| {
        let mut what = set_summary(r, lang, masking);
        if let Some(by) = r.reverted_by {
            what = format!("{} {what}", crate::domain::messages::set_reverted_by(lang, by).trim());
        }
        vec![format!("#{}", r.id), when(&r.at), r.operator.clone(), r.kind.label(lang).to_string(), what]
    });
    let dw = detail.width.saturating_sub(2) as usize;
    let mut ds: Vec<Line<'static>> = Vec::new();
    if let Some(set) = app.log.list.current() {
        ds.push(fitted(&set_line(set, lang), dw, t.title(), t));
        for e in &app.log.detail {
            for l in entry_lines(e, lang, masking) {
                ds.push(fitted(&format!("  {l}"), dw, t.normal(), t));
            }
        }
        if set.rows > DETAIL_ROWS {
            ds.push(fitted(
                &format!("  {}", crate::domain::messages::set_more_rows(lang, set.rows - DETAIL_ROWS)),
                dw,
                t.dim(),
                t,
            ));
        }
    }
    frame.render_widget(Paragraph::new(ds).block(block(app.t(Msg::LogDetail), t)), detail);
}
