//! Fuzzy search for the console: codes, names and pinyin initials ranked with
//! nucleo-matcher, streaming the stored search keys without loading rows.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::db::{DbResult, Store};
use crate::domain::Kind;
use crate::domain::pinyin_key::query_form;

/// The ids of the best matches of `query` among records of `kind` (donors for
/// donations), best first, at most `limit`.
pub fn fuzzy_ids(store: &Store, kind: Kind, query: &str, limit: usize) -> DbResult<Vec<i64>> {
    let q = query_form(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, i64)> = Vec::new();
    store.each_search_key(kind, |id, key| {
        if let Some(score) = pattern.score(Utf32Str::new(key, &mut buf), &mut matcher) {
            scored.push((score, id));
        }
    })?;
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    Ok(scored.into_iter().map(|(_, id)| id).collect())
}

/// Donor names best matching `query`, best first.
pub fn fuzzy_donors(store: &Store, query: &str, limit: usize) -> DbResult<Vec<String>> {
    let q = query_form(query);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, String)> = Vec::new();
    store.each_donor_key(|name, key| {
        if let Some(score) = pattern.score(Utf32Str::new(key, &mut buf), &mut matcher) {
            scored.push((score, name.to_string()));
        }
    })?;
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    Ok(scored.into_iter().map(|(_, n)| n).collect())
}
