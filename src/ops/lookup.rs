//! Lookup: an instant answer card for each village, project, donor or volunteer that
//! matches a query. Never writes.

use serde::Serialize;

use crate::db::{
    DbResult, DonationLine, DonorFigures, Hit, ProjectFigures, Store, VillageFigures, VolunteerFigures, VolunteerLine,
};

/// How many items each list on a card shows.
pub const CARD_ROWS: i64 = 5;

/// The answer for one hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Card {
    Village { village: VillageFigures, projects: Vec<ProjectFigures>, volunteers: Vec<VolunteerLine> },
    Project { project: ProjectFigures, latest_donations: Vec<DonationLine> },
    Donor { donor: DonorFigures, latest_donations: Vec<DonationLine> },
    Volunteer { volunteer: VolunteerFigures },
}

/// Finds everything matching `query` (at most `limit` hits of each kind) and builds
/// its card.
pub fn lookup(store: &Store, query: &str, limit: i64) -> DbResult<Vec<Card>> {
    let mut cards = Vec::new();
    let was = store.focus();
    for (office, hit) in store.search_offices(query, limit)? {
        // A county's record in a city's database is read in its county's records.
        store.set_focus(office);
        let card = match hit {
            Hit::Village(code) => store.village_figures(&code)?.map(|village| -> DbResult<Card> {
                Ok(Card::Village {
                    projects: store.village_projects(&code)?,
                    volunteers: store.village_volunteers(&code, CARD_ROWS)?,
                    village,
                })
            }),
            Hit::Project(code) => store.project_figures(&code)?.map(|project| -> DbResult<Card> {
                Ok(Card::Project { latest_donations: store.latest_donations(&code, CARD_ROWS)?, project })
            }),
            Hit::Donor(name) => store.donor_figures(&name)?.map(|donor| -> DbResult<Card> {
                Ok(Card::Donor { latest_donations: store.donor_donations(&name, CARD_ROWS)?, donor })
            }),
            Hit::Volunteer(code) => store.volunteer_figures(&code)?.map(|volunteer| Ok(Card::Volunteer { volunteer })),
        };
        if let Some(card) = card {
            cards.push(card?);
        }
    }
    store.set_focus(was);
    Ok(cards)
}

/// Masks the names of donors who are people (individuals and 乡贤) on every card.
pub fn mask_names(cards: &mut [Card]) {
    use crate::domain::phone::mask_name;
    let mask = |lines: &mut Vec<DonationLine>| {
        for d in lines.iter_mut().filter(|d| d.person) {
            d.donor_name = d.donor_name.as_deref().map(mask_name);
        }
    };
    for c in cards.iter_mut() {
        match c {
            Card::Project { latest_donations, .. } => mask(latest_donations),
            Card::Donor { donor, latest_donations } => {
                if latest_donations.iter().any(|d| d.person) {
                    donor.name = mask_name(&donor.name);
                }
                mask(latest_donations);
            }
            _ => {}
        }
    }
}
