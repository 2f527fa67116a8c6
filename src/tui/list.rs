//! A list that holds only the rows on screen: a window fetched from the database around
//! the selection, whatever the size of the table.

use crate::db::{DbResult, ListQuery, ListRow, SortKey};
use crate::domain::Lang;
use crate::ops::Desk;

use super::i18n::Msg;

/// The label of a sort key in the list's header line. Each pane labels its list's keys
/// with an exhaustive match, so a new key without a label does not compile.
pub trait SortLabel: SortKey {
    fn label(self) -> Msg;
}

/// One list's view state, with how it reads its rows.
#[derive(Clone)]
pub struct ListView<T: ListRow + 'static> {
    pub query: Query<T>,
    fetch: &'static Fetch<T>,
    /// The rows on screen, starting at `offset`.
    pub rows: Vec<T>,
    pub offset: i64,
    pub selected: i64,
    pub count: i64,
    /// The search text, when a search narrows the list.
    pub search: String,
}

/// The query of a list of `T` rows.
pub type Query<T> = ListQuery<<T as ListRow>::Sort>;

/// Reads `limit` rows of a list from `offset`.
pub type PageFn<T> = fn(&Desk, &Query<T>, i64, i64) -> DbResult<Vec<T>>;

/// Reads `limit` rows of a list beyond an edge row (`true`: after it).
pub type BeyondFn<T> = fn(&Desk, &Query<T>, &T, bool, i64) -> DbResult<Vec<T>>;

/// How a list gets its rows.
pub struct Fetch<T: ListRow> {
    pub count: fn(&Desk, &Query<T>) -> DbResult<i64>,
    pub page: PageFn<T>,
    /// For big lists: the rows beyond an edge row (forward or back), and the last page, so
    /// moving never reads past the rows it shows.
    pub beyond: Option<Beyond<T>>,
}

/// Keyset paging of a big list.
pub struct Beyond<T: ListRow> {
    pub rows: BeyondFn<T>,
    pub last: fn(&Desk, &Query<T>, i64) -> DbResult<Vec<T>>,
}

impl<T: ListRow + std::fmt::Debug> std::fmt::Debug for ListView<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListView")
            .field("rows", &self.rows)
            .field("offset", &self.offset)
            .field("selected", &self.selected)
            .field("count", &self.count)
            .field("search", &self.search)
            .finish_non_exhaustive()
    }
}

impl<T: ListRow> ListView<T> {
    /// What narrows the list (search, status, category, dates), in words, or `None`.
    pub fn narrowing(&self, lang: Lang) -> Option<String> {
        use crate::domain::messages as m;
        let f = &self.query.filter;
        let mut parts = Vec::new();
        if !self.search.trim().is_empty() {
            parts.push(m::narrowed_search(lang, self.search.trim()));
        }
        if let Some(s) = f.status {
            parts.push(s.label(lang).to_string());
        }
        if let Some(c) = f.category {
            parts.push(c.label(lang).to_string());
        }
        if let Some(o) = &f.operator {
            parts.push(crate::domain::shown::one_line(o));
        }
        if f.from.is_some() || f.to.is_some() {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            parts.push(m::narrowed_dates(lang, day(f.from), day(f.to)));
        }
        (!parts.is_empty()).then(|| m::narrowed(lang, parts.join(" ")))
    }

    /// Drops the search and the filter; true when there was one.
    pub fn clear_narrowing(&mut self) -> bool {
        let had = !self.search.trim().is_empty() || self.query.filter != crate::db::Filter::default();
        self.search.clear();
        self.query.only = None;
        self.query.donors = None;
        self.query.filter = crate::db::Filter::default();
        self.selected = 0;
        had
    }
}

impl<T: ListRow + Clone> ListView<T> {
    pub fn new(query: Query<T>, fetch: &'static Fetch<T>) -> Self {
        ListView { query, fetch, rows: Vec::new(), offset: 0, selected: 0, count: 0, search: String::new() }
    }

    /// The selected row, if it is loaded.
    pub fn current(&self) -> Option<&T> {
        usize::try_from(self.selected - self.offset).ok().and_then(|i| self.rows.get(i))
    }

    /// Moves the selection by `delta` rows (clamped).
    pub fn move_by(&mut self, delta: i64) {
        self.selected = (self.selected + delta).clamp(0, (self.count - 1).max(0));
    }

    pub fn move_to(&mut self, index: i64) {
        self.selected = index.clamp(0, (self.count - 1).max(0));
    }

    /// Counts again and fetches the window of `height` rows that shows the selection.
    pub fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        self.count = (self.fetch.count)(desk, &self.query)?;
        // The rows may have changed: read the window afresh.
        self.rows.clear();
        self.fetch(desk, height)
    }

    /// Fetches the window of `height` rows that shows the selection (count unchanged).
    pub fn fetch(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        let fetch = self.fetch;
        let h = height.max(1) as i64;
        self.selected = self.selected.clamp(0, (self.count - 1).max(0));
        let mut offset = self.offset;
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + h {
            offset = self.selected - h + 1;
        }
        offset = offset.clamp(0, (self.count - h).max(0));
        let loaded = self.rows.len() as i64 == h.min(self.count - self.offset).max(0) && !self.rows.is_empty();
        if let (Some(b), true) = (&fetch.beyond, loaded) {
            let shift = offset - self.offset;
            if shift == 0 {
                return Ok(());
            }
            if shift > 0 && shift <= h {
                if let Some(edge) = self.rows.last().cloned() {
                    let more = (b.rows)(desk, &self.query, &edge, true, shift)?;
                    self.rows.drain(..shift as usize);
                    self.rows.extend(more);
                    self.offset = offset;
                    return Ok(());
                }
            } else if shift < 0 && -shift <= h {
                if let Some(edge) = self.rows.first().cloned() {
                    let mut more = (b.rows)(desk, &self.query, &edge, false, -shift)?;
                    self.rows.truncate((h + shift) as usize);
                    more.append(&mut self.rows);
                    self.rows = more;
                    self.offset = offset;
                    return Ok(());
                }
            } else if offset + h >= self.count {
                self.rows = (b.last)(desk, &self.query, h.min(self.count))?;
                self.offset = (self.count - self.rows.len() as i64).max(0);
                return Ok(());
            }
        }
        self.offset = offset;
        self.rows = (fetch.page)(desk, &self.query, self.offset, h)?;
        Ok(())
    }

    /// True when the selection is outside the loaded window.
    pub fn needs_fetch(&self, height: usize) -> bool {
        self.selected < self.offset || self.selected >= self.offset + height as i64 || self.rows.is_empty()
    }

    /// The next order: each key ascending, then descending, then the next key.
    pub fn next_sort(&mut self) {
        let q = &mut self.query;
        if q.descending {
            q.descending = false;
            q.sort = q.sort.next();
        } else {
            q.descending = true;
        }
    }

    /// The order as text (`名称↑`).
    pub fn sort_label(&self, lang: Lang) -> String
    where
        T::Sort: SortLabel,
    {
        let arrow = if self.query.descending { "↓" } else { "↑" };
        format!("{}{}", self.query.sort.label().text(lang), arrow)
    }
}

/// A list pane's list, whatever its rows: what `App` does to the list in front.
pub trait PaneList {
    /// Counts again and reads the window that shows the selection.
    fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()>;
    /// Reads the window that shows the selection (after a resize).
    fn fetch(&mut self, desk: &Desk, height: usize) -> DbResult<()>;
    /// Moves the selection, reading rows only when it leaves the window.
    fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()>;
    fn next_sort(&mut self);
    fn sort_label(&self, lang: Lang) -> String;
    fn filter(&self) -> &crate::db::Filter;
    fn filter_mut(&mut self) -> &mut crate::db::Filter;
    /// The search text that narrows the list.
    fn search(&self) -> &str;
    /// Drops the search and the filter; true when there was one.
    fn clear_narrowing(&mut self) -> bool;
}

impl<T: ListRow + Clone> PaneList for ListView<T>
where
    T::Sort: SortLabel,
{
    fn reload(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        ListView::reload(self, desk, height)
    }

    fn fetch(&mut self, desk: &Desk, height: usize) -> DbResult<()> {
        ListView::fetch(self, desk, height)
    }

    fn step(&mut self, desk: &Desk, height: usize, delta: i64) -> DbResult<()> {
        self.move_by(delta);
        if self.needs_fetch(height) {
            ListView::fetch(self, desk, height)?;
        }
        Ok(())
    }

    fn next_sort(&mut self) {
        ListView::next_sort(self)
    }

    fn sort_label(&self, lang: Lang) -> String {
        ListView::sort_label(self, lang)
    }

    fn filter(&self) -> &crate::db::Filter {
        &self.query.filter
    }

    fn filter_mut(&mut self) -> &mut crate::db::Filter {
        &mut self.query.filter
    }

    fn search(&self) -> &str {
        &self.search
    }
    fn clear_narrowing(&mut self) -> bool {
        ListView::clear_narrowing(self)
    }
}

/// A short list beside a pane's main list (a project's disbursements, a volunteer's
/// shifts): all its rows, a selection, and whether the keys move it or the main list.
#[derive(Debug, Clone)]
pub struct SubList<T> {
    pub rows: Vec<T>,
    pub selected: usize,
    pub focused: bool,
}

impl<T> Default for SubList<T> {
    fn default() -> Self {
        SubList { rows: Vec::new(), selected: 0, focused: false }
    }
}

impl<T> SubList<T> {
    /// New rows (the main list's selection changed, or a record was saved): the selection
    /// stays where it can, the focus only while there is something to select.
    pub fn set(&mut self, rows: Vec<T>) {
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.focused &= !self.rows.is_empty();
    }

    /// Takes the keys, when there is a row to select.
    pub fn focus(&mut self) {
        self.focused = !self.rows.is_empty();
    }

    pub fn move_by(&mut self, delta: i64) {
        self.selected = (self.selected as i64 + delta).clamp(0, (self.rows.len() as i64 - 1).max(0)) as usize;
    }

    /// The selected row, while the list has the keys.
    pub fn current(&self) -> Option<&T> {
        self.rows.get(self.selected).filter(|_| self.focused)
    }
}
