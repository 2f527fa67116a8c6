//! A list that holds only the rows on screen: a window fetched from the database around
//! the selection, whatever the size of the table.

use crate::db::{DbResult, ListQuery, Store};

/// One list's view state.
#[derive(Debug, Clone, Default)]
pub struct ListView<T> {
    pub query: ListQuery,
    /// The rows on screen, starting at `offset`.
    pub rows: Vec<T>,
    pub offset: i64,
    pub selected: i64,
    pub count: i64,
    /// The search text, when a search narrows the list.
    pub search: String,
}

/// How a list gets its rows.
pub struct Fetch<T> {
    pub count: fn(&Store, &ListQuery) -> DbResult<i64>,
    pub page: fn(&Store, &ListQuery, i64, i64) -> DbResult<Vec<T>>,
}

impl<T> ListView<T> {
    pub fn new(query: ListQuery) -> Self {
        ListView { query, rows: Vec::new(), offset: 0, selected: 0, count: 0, search: String::new() }
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
    pub fn reload(&mut self, store: &Store, height: usize, fetch: &Fetch<T>) -> DbResult<()> {
        self.count = (fetch.count)(store, &self.query)?;
        self.fetch(store, height, fetch)
    }

    /// Fetches the window of `height` rows that shows the selection (count unchanged).
    pub fn fetch(&mut self, store: &Store, height: usize, fetch: &Fetch<T>) -> DbResult<()> {
        let h = height.max(1) as i64;
        self.selected = self.selected.clamp(0, (self.count - 1).max(0));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected - h + 1;
        }
        self.offset = self.offset.clamp(0, (self.count - h).max(0));
        self.rows = (fetch.page)(store, &self.query, self.offset, h)?;
        Ok(())
    }

    /// True when the selection is outside the loaded window.
    pub fn needs_fetch(&self, height: usize) -> bool {
        self.selected < self.offset || self.selected >= self.offset + height as i64 || self.rows.is_empty()
    }
}
