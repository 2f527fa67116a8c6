//! Pick-lists: the values of an enumeration, or a village, project or volunteer found by
//! typing part of its name, its code or its pinyin initials.

use tui_input::Input;

use crate::db::{DbResult, ListQuery, Store};
use crate::domain::Kind;
use crate::ops::search::fuzzy_ids;

/// Where a picked value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    /// A field of the form below.
    FormField(usize),
    /// The project of a batch entry.
    BatchProject,
}

/// What is picked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickSource {
    /// (value, label) pairs.
    Choices(Vec<(String, String)>),
    Records(Kind),
}

/// An open pick-list.
#[derive(Debug, Clone)]
pub struct Picker {
    pub target: PickTarget,
    pub source: PickSource,
    pub input: Input,
    /// (value, label)
    pub items: Vec<(String, String)>,
    pub selected: usize,
}

const SHOWN: i64 = 50;

impl Picker {
    pub fn new(target: PickTarget, source: PickSource, store: &Store) -> DbResult<Picker> {
        let mut p = Picker { target, source, input: Input::default(), items: Vec::new(), selected: 0 };
        p.refresh(store)?;
        Ok(p)
    }

    /// Narrows the items to what matches the typed text.
    pub fn refresh(&mut self, store: &Store) -> DbResult<()> {
        let q = self.input.value().trim().to_string();
        self.items = match &self.source {
            PickSource::Choices(all) => all
                .iter()
                .filter(|(v, l)| q.is_empty() || l.contains(&q) || v.to_lowercase().contains(&q.to_lowercase()))
                .cloned()
                .collect(),
            PickSource::Records(kind) => {
                let only = if q.is_empty() { None } else { Some(fuzzy_ids(store, *kind, &q, SHOWN as usize)?) };
                match kind {
                    Kind::Village => store
                        .villages_page(&ListQuery { only, ..ListQuery::default() }, 0, SHOWN)?
                        .into_iter()
                        .map(|r| (r.code.clone(), format!("{} {} {}", r.code, r.name, r.town)))
                        .collect(),
                    Kind::Project => store
                        .projects_page(&ListQuery { only, ..ListQuery::default() }, 0, SHOWN)?
                        .into_iter()
                        .map(|r| (r.code.clone(), format!("{} {} · {}", r.code, r.title, r.village_name)))
                        .collect(),
                    _ => store
                        .volunteers_page(&ListQuery { only, ..ListQuery::default() }, 0, SHOWN)?
                        .into_iter()
                        .map(|r| (r.code.clone(), format!("{} {} · {}", r.code, r.name, r.village_name)))
                        .collect(),
                }
            }
        };
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        Ok(())
    }

    pub fn current(&self) -> Option<&(String, String)> {
        self.items.get(self.selected)
    }

    pub fn move_by(&mut self, delta: i64) {
        let n = self.items.len() as i64;
        if n > 0 {
            self.selected = (self.selected as i64 + delta).clamp(0, n - 1) as usize;
        }
    }
}
