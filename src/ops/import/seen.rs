//! The codes an import has met so far, each with the row where it first appeared, in
//! little memory: a 64-bit hash of (kind, code) per row instead of the code itself. A
//! hash met again is checked against the code of its first row, read again from the
//! file's text; the rare different code behind the same hash is kept by its text.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::domain::Kind;

/// Where a row is: its sheet (the import's unit), its row number, and where to read it
/// again (the byte where it starts in a CSV file's text, or its index in a worksheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub unit: u32,
    pub number: u32,
    pub at: u64,
}

#[derive(Default)]
pub struct Seen {
    by_hash: HashMap<u64, Loc>,
    exact: HashMap<(Kind, String), Loc>,
}

fn key(kind: Kind, code: &str) -> u64 {
    let mut h = DefaultHasher::new();
    kind.hash(&mut h);
    code.hash(&mut h);
    h.finish()
}

impl Seen {
    pub fn with_capacity(rows: usize) -> Seen {
        Seen { by_hash: HashMap::with_capacity(rows), exact: HashMap::new() }
    }

    /// Whether a row of `kind` with `code` was met (by its hash: a rare collision answers
    /// yes for a code not met).
    pub fn contains(&self, kind: Kind, code: &str) -> bool {
        self.by_hash.contains_key(&key(kind, code))
    }

    /// The first row of `code` among the rows of `kind` met so far, or `None` after
    /// recording `loc` as its first row. `code_of(loc)` reads the kind and the code of
    /// an earlier row again.
    pub fn first_or_insert(
        &mut self,
        kind: Kind,
        code: &str,
        loc: Loc,
        mut code_of: impl FnMut(Loc) -> Option<(Kind, String)>,
    ) -> Option<Loc> {
        let h = key(kind, code);
        let Some(&first) = self.by_hash.get(&h) else {
            self.by_hash.insert(h, loc);
            return None;
        };
        if code_of(first).is_some_and(|(k, c)| k == kind && c == code) {
            return Some(first);
        }
        // Another code with the same hash: this one is kept by its text.
        match self.exact.get(&(kind, code.to_string())) {
            Some(&first) => Some(first),
            None => {
                self.exact.insert((kind, code.to_string()), loc);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_met_again_gives_its_first_row() {
        let codes = ["A", "B", "A", "C", "B"];
        let mut seen = Seen::default();
        let loc = |i: usize| Loc { unit: 0, number: i as u32 + 2, at: i as u64 };
        let code_of = |l: Loc| Some((Kind::Donation, codes[l.at as usize].to_string()));
        let firsts: Vec<Option<u32>> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| seen.first_or_insert(Kind::Donation, c, loc(i), code_of).map(|l| l.number))
            .collect();
        assert_eq!(firsts, [None, None, Some(2), None, Some(3)]);
        // The same code of another kind is another record.
        assert_eq!(seen.first_or_insert(Kind::Project, "A", loc(0), code_of), None);
    }

    #[test]
    fn a_hash_shared_by_two_codes_keeps_them_apart() {
        let mut seen = Seen::default();
        let first = Loc { unit: 0, number: 2, at: 0 };
        seen.first_or_insert(Kind::Donation, "A", first, |_| None);
        // Force the collision path: an entry under B's hash that reads back as A.
        let h = key(Kind::Donation, "B");
        seen.by_hash.insert(h, first);
        let code_of = |_| Some((Kind::Donation, "A".to_string()));
        let b = Loc { unit: 0, number: 3, at: 1 };
        assert_eq!(seen.first_or_insert(Kind::Donation, "B", b, code_of), None);
        assert_eq!(seen.first_or_insert(Kind::Donation, "B", Loc { number: 4, ..b }, code_of), Some(b));
    }
}
