//! Finding villages, projects, donors and volunteers by code, by any part of a name, or
//! by pinyin initials (every heteronym reading), through the stored search keys.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use super::sql::{Date, like_escape};
use crate::domain::pinyin_key::query_form;
use crate::domain::{DivisionCode, Money};

/// Builds a hit from a code.
type MakeHit = fn(String) -> Hit;

/// One thing a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "key", rename_all = "lowercase")]
pub enum Hit {
    Village(String),
    Project(String),
    Donor(String),
    Volunteer(String),
}

/// What one donor gave, over all their donations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonorFigures {
    pub name: String,
    pub donations: i64,
    pub total: Money,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Store {
    /// Everything matching `query`, at most `limit` of each kind: exact codes first,
    /// then codes, names and pinyin initials containing the query.
    pub fn search(&self, query: &str, limit: i64) -> DbResult<Vec<Hit>> {
        Ok(self.search_offices(query, limit)?.into_iter().map(|(_, h)| h).collect())
    }

    /// [`Store::search`], each hit with the office whose record it is (`None`: the
    /// database's own; a donor is everyone's).
    pub fn search_offices(&self, query: &str, limit: i64) -> DbResult<Vec<(Option<DivisionCode>, Hit)>> {
        let q = query_form(query);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = format!("%{}%", like_escape(&q));
        let mut hits = Vec::new();
        let coded: [(&str, MakeHit); 3] =
            [("villages", Hit::Village), ("projects", Hit::Project), ("volunteers", Hit::Volunteer)];
        for (table, make) in coded {
            // The exact code first; then where the match stands in the key — its code, name
            // and usual initials come first, rarer readings (丁 as zhēng) after them.
            let sql = format!(
                "SELECT code, office FROM {table} WHERE code = ?1 OR search_key LIKE ?2 ESCAPE '\\' \
                 ORDER BY code <> ?1, instr(search_key, ?4), code, office LIMIT ?3"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params![query.trim(), pattern, limit, q], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            for row in rows {
                let (code, office) = row?;
                hits.push((u32::try_from(office).ok().and_then(DivisionCode::from_number), make(code)));
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM donors WHERE search_key LIKE ?1 ESCAPE '\\' \
             AND EXISTS (SELECT 1 FROM donations d WHERE d.donor_name = donors.name) \
             ORDER BY name LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![pattern, limit], |r| r.get(0))?;
        for name in rows {
            hits.push((None, Hit::Donor(name?)));
        }
        Ok(hits)
    }

    /// The donations of one donor in total.
    pub fn donor_figures(&self, name: &str) -> DbResult<Option<DonorFigures>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_fen), 0), min(donated_on), max(donated_on) \
                 FROM donations WHERE donor_name = ?1 HAVING count(*) > 0",
            )?
            .query_row([name], |r| {
                Ok(DonorFigures {
                    name: name.to_string(),
                    donations: r.get(0)?,
                    total: Money::from_fen(r.get(1)?),
                    first: r.get::<_, Date>(2)?.0,
                    last: r.get::<_, Date>(3)?.0,
                })
            })
            .optional()?;
        Ok(row)
    }
}
