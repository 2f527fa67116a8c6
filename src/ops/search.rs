//! Fuzzy search for the console: codes, names and pinyin initials ranked with
//! nucleo-matcher, streaming the stored search keys without loading rows.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::db::{DbResult, ListQuery, Store};
use crate::domain::Kind;
use crate::domain::pinyin_key::query_form;

/// Ranks the items that `each` streams as (item, search key) by how well their key
/// matches `query`; the best `limit`, best first.
fn rank<T: Ord>(
    query: &str,
    limit: usize,
    each: impl FnOnce(&mut dyn FnMut(T, &str)) -> DbResult<()>,
) -> DbResult<Vec<T>> {
    let q = query_form(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, T)> = Vec::new();
    each(&mut |item, key| {
        if let Some(score) = pattern.score(Utf32Str::new(key, &mut buf), &mut matcher) {
            // The code, the name and the initials of the usual readings come first in a
            // key: a match there beats one found only through a rarer reading.
            let usual = key.split(' ').take(3).any(|t| t.contains(q.as_str()));
            scored.push((score + if usual { 1_000 } else { 0 }, item));
        }
    })?;
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    Ok(scored.into_iter().map(|(_, item)| item).collect())
}

/// The ids of the villages, projects or volunteers best matching `query`, best first.
pub fn fuzzy_ids(store: &Store, kind: Kind, query: &str, limit: usize) -> DbResult<Vec<i64>> {
    rank(query, limit, |f| store.each_search_key(kind, |id, key| f(id, key)))
}

/// Donor names best matching `query`, best first.
pub fn fuzzy_donors(store: &Store, query: &str, limit: usize) -> DbResult<Vec<String>> {
    rank(query, limit, |f| store.each_donor_key(|name, key| f(name.to_string(), key)))
}

/// Up to `limit` villages, projects or volunteers matching `text` (everything when empty),
/// as (code, label) pairs for a pick-list: `code name town` / `code title · village`.
pub fn pick_records(store: &Store, kind: Kind, text: &str, limit: i64) -> DbResult<Vec<(String, String)>> {
    let only = if text.is_empty() { None } else { Some(fuzzy_ids(store, kind, text, limit as usize)?) };
    Ok(match kind {
        Kind::Village => store
            .villages_page(&ListQuery { only, ..ListQuery::default() }, 0, limit)?
            .into_iter()
            .map(|r| (r.code.clone(), format!("{} {} {}", r.code, r.name, r.town)))
            .collect(),
        Kind::Project => store
            .projects_page(&ListQuery { only, ..ListQuery::default() }, 0, limit)?
            .into_iter()
            .map(|r| (r.code.clone(), format!("{} {} · {}", r.code, r.title, r.village_name)))
            .collect(),
        _ => store
            .volunteers_page(&ListQuery { only, ..ListQuery::default() }, 0, limit)?
            .into_iter()
            .map(|r| (r.code.clone(), format!("{} {} · {}", r.code, r.name, r.village_name)))
            .collect(),
    })
}
