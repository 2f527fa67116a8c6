//! 捐赠: the donations of the selected project (or village, or all), newest first, with
//! the running count and total of what is listed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::db::DonationSort;
use crate::tui::app::App;
use crate::tui::i18n::Msg;
use crate::tui::list::SortLabel;
use crate::tui::widgets::{col, fitted, flex, list_table};

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
    let t = &app.theme;
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let totals = crate::domain::messages::listed_totals(app.lang, app.totals.count, app.totals.total.display());
    frame.render_widget(Paragraph::new(fitted(&totals, head.width as usize, t.money(), t)), head);
    let w = list.width.saturating_sub(2) as usize;
    let fixed = [10, 15, 8, 4, 14];
    let donor_w = flex(&fixed, w);
    let cols = [
        col(app.t(Msg::Date), 10, false),
        col(app.t(Msg::Donor), donor_w, false),
        col(app.t(Msg::Amount), 15, true),
        col(app.t(Msg::Channel), 8, false),
        col(app.t(Msg::Matching), 4, false),
        col(app.t(Msg::Ref), 14, false),
    ];
    list_table(frame, list, app.t(Msg::Donations), &cols, &app.donations, true, t, |r| {
        vec![
            r.donated_on.to_string(),
            app.donor_shown(
                r.donor_name.as_deref(),
                matches!(r.donor_type, crate::domain::DonorType::Individual | crate::domain::DonorType::NativeVillager),
            ),
            r.amount.display(),
            r.channel.label(app.lang).to_string(),
            if r.matching { app.t(Msg::Matching).to_string() } else { String::new() },
            r.donation_ref.clone(),
        ]
    });
}
