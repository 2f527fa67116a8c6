//! 捐赠: the donations of the selected project (or village, or all), newest first, with
//! the running count and total of what is listed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::db::{DbResult, DonationRow, DonationSort, ListQuery};
use crate::domain::Kind;
use crate::ops::Desk;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::list::{Beyond, Fetch, ListView, PaneList};
use crate::tui::widgets::{code_width, col, fitted, flex, list_table};

/// The donations pane: a list that can hold a million rows, read by keyset.
#[derive(Debug, Clone)]
pub struct DonationsPane {
    pub list: ListView<DonationRow>,
}

/// Donations can number a million: keyset paging.
static FETCH: Fetch<DonationRow> = Fetch {
    count: Desk::donations_count,
    page: Desk::donations_page,
    beyond: Some(Beyond { rows: Desk::donations_beyond, last: Desk::donations_last }),
};

impl DonationsPane {
    /// Newest first.
    pub fn new() -> Self {
        DonationsPane { list: ListView::new(ListQuery { descending: true, ..ListQuery::default() }, &FETCH) }
    }

    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.list.reload(desk, height)
    }

    /// The donations list has no detail to follow it.
    pub fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        self.list.step(desk, height, delta)
    }

    pub fn selected(&self) -> Option<(Kind, String)> {
        self.list.current().map(|r| (Kind::Donation, r.donation_ref.clone()))
    }
}

pane_is_its_list!(DonationsPane, DonationRow);

impl SortLabel for DonationSort {
    fn label(self) -> Msg {
        match self {
            DonationSort::Date => Msg::Date,
            DonationSort::Amount => Msg::Amount,
            DonationSort::Donor => Msg::Donor,
            DonationSort::Ref => Msg::Ref,
        }
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = &app.opts.theme;
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let totals = crate::domain::messages::listed_totals(app.opts.lang, app.totals.count, app.totals.total.display());
    frame.render_widget(Paragraph::new(fitted(&totals, head.width as usize, t.money(), t)), head);
    let w = list.width.saturating_sub(2) as usize;
    let ref_w = code_width(app.t(Msg::Ref), app.donations.rows.iter().map(|r| r.donation_ref.as_str()), 10, 24);
    let fixed = [10, 15, 8, 4, ref_w];
    let donor_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Date), 10, false),
        col(app.t(Msg::Donor), donor_w, false),
        col(app.t(Msg::Amount), 15, true),
        col(app.t(Msg::Channel), 8, false),
        col(app.t(Msg::Matching), 4, false),
        col(app.t(Msg::Ref), ref_w, false),
    ];
    list_table(frame, list, app.t(Msg::Donations), &cols, &app.donations.list, true, t, app.opts.lang, |r| {
        vec![
            r.donated_on.to_string(),
            app.donor_shown(
                r.donor_name.as_deref(),
                matches!(r.donor_type, crate::domain::DonorType::Individual | crate::domain::DonorType::NativeVillager),
            ),
            r.amount.display(),
            r.channel.label(app.opts.lang).to_string(),
            if r.matching { app.t(Msg::Matching).to_string() } else { String::new() },
            r.donation_ref.clone(),
        ]
    });
}
