//! Offices and the national division codes (GB/T 2260) that name them.
//!
//! Every database belongs to one office: a county (`320904` 大丰区), a prefecture-level
//! city (`320900` 盐城市) or a province (`320000` 江苏省). The level follows from the shape
//! of the six digits; the names come from the registry in `data/registry/offices.csv`
//! (the 31 provinces, the 333 prefecture-level divisions and the counties the programme
//! has met), built into the program.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The registry of offices: `code,name`, one a line.
pub const REGISTRY: &str = include_str!("../../data/registry/offices.csv");

/// A six-digit division code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct DivisionCode(u32);

/// Where an office stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    City,
    County,
}

impl DivisionCode {
    /// Six ASCII digits (full-width digits and spaces around are accepted), the first two
    /// a province (11–82), not ending in a county part of `00` with a city part of `00`
    /// unless the whole is a province.
    pub fn parse(text: &str) -> Option<DivisionCode> {
        let t = super::normalize::fold_width(text.trim());
        let t = t.trim();
        if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = t.parse().ok()?;
        DivisionCode::from_number(n)
    }

    /// The code of a stored number (as the database keeps offices).
    pub fn from_number(n: u32) -> Option<DivisionCode> {
        let province = n / 10_000;
        ((11..=82).contains(&province) && n < 1_000_000).then_some(DivisionCode(n))
    }

    /// The six digits as a number.
    pub fn number(self) -> u32 {
        self.0
    }

    pub fn level(self) -> Level {
        if self.0.is_multiple_of(10_000) {
            Level::Province
        } else if self.0.is_multiple_of(100) {
            Level::City
        } else {
            Level::County
        }
    }

    /// The province this code lies in (itself for a province).
    pub fn province(self) -> DivisionCode {
        DivisionCode(self.0 / 10_000 * 10_000)
    }

    /// The prefecture-level city a county lies in, when the registry knows one (the
    /// counties of a municipality or directly under a province have none); itself for a
    /// city; none for a province.
    pub fn city(self) -> Option<DivisionCode> {
        match self.level() {
            Level::Province => None,
            Level::City => Some(self),
            Level::County => {
                let city = DivisionCode(self.0 / 100 * 100);
                city.name().is_some().then_some(city)
            }
        }
    }

    /// True when `other` is a county (or city) that reports to this office: a county of
    /// this city, or a county or city of this province. An office is not under itself.
    pub fn contains(self, other: DivisionCode) -> bool {
        if other == self || other.level() <= self.level() {
            return false;
        }
        match self.level() {
            Level::Province => other.province() == self,
            Level::City => other.0 / 100 == self.0 / 100,
            Level::County => false,
        }
    }

    /// The county a village belongs to: the first six digits of a 12-digit statistical
    /// division code, when they name a county. `None` for any other village code (it
    /// belongs to the office that created it).
    pub fn of_village(village_code: &str) -> Option<DivisionCode> {
        if village_code.len() != 12 || !village_code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        DivisionCode::parse(&village_code[..6]).filter(|c| c.level() == Level::County)
    }

    /// The name the registry gives this code.
    pub fn name(self) -> Option<&'static str> {
        registry().get(&self.0).copied()
    }
}

impl std::fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

fn registry() -> &'static HashMap<u32, &'static str> {
    static MAP: OnceLock<HashMap<u32, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        REGISTRY
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (code, name) = l.split_once(',')?;
                Some((code.trim().parse().ok()?, name.trim()))
            })
            .collect()
    })
}

/// The office a database belongs to: its code and its name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Office {
    pub code: DivisionCode,
    pub name: String,
}

impl Office {
    pub fn level(&self) -> Level {
        self.code.level()
    }

    /// True for a city or province: a database that rolls up its counties' exports.
    pub fn rolls_up(&self) -> bool {
        self.level() != Level::County
    }

    /// The offices above it with their names, outermost first (盐城市 for 大丰区).
    pub fn above(&self) -> Vec<(DivisionCode, &'static str)> {
        let mut out = Vec::new();
        if self.level() == Level::County
            && let Some(city) = self.code.city()
            && let Some(name) = city.name()
        {
            out.push((city, name));
        }
        out
    }
}

/// Why the office of a database could not be named or its records written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfficeRefusal {
    /// The database already belongs to another office.
    AlreadyNamed { current: DivisionCode, current_name: String, asked: DivisionCode },
    /// A county was named whose villages the database does not hold: they belong to
    /// `county`.
    VillagesOfAnother { asked: DivisionCode, county: DivisionCode, county_name: String },
    /// Not a six-digit division code.
    NotACode(String),
    /// A code the registry does not name, given without a name.
    Unnamed(DivisionCode),
    /// The records in focus were rolled up from a county's export: they change only with
    /// that county's next export.
    RolledUp { office: DivisionCode, name: String },
    /// The database has no office yet and this needs one.
    NoOffice,
}

impl OfficeRefusal {
    pub fn message(&self, lang: super::Lang) -> String {
        use super::messages as m;
        match self {
            OfficeRefusal::AlreadyNamed { current, current_name, asked } => {
                m::office_already_named(lang, current_name, current, asked)
            }
            OfficeRefusal::VillagesOfAnother { asked, county, county_name } => {
                m::office_villages_of_another(lang, asked, county_name, county)
            }
            OfficeRefusal::NotACode(text) => m::office_not_a_code(lang, super::shown::one_line(text)),
            OfficeRefusal::Unnamed(code) => m::office_unnamed(lang, code),
            OfficeRefusal::RolledUp { office, name } => m::office_rolled_up(lang, name, office),
            OfficeRefusal::NoOffice => m::office_none(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> DivisionCode {
        DivisionCode::parse(s).expect("a code")
    }

    #[test]
    fn the_registry_names_provinces_cities_and_known_counties() {
        assert_eq!(code("320000").name(), Some("江苏省"));
        assert_eq!(code("320900").name(), Some("盐城市"));
        assert_eq!(code("320904").name(), Some("大丰区"));
        assert_eq!(code("320981").name(), Some("东台市"));
        assert_eq!(code("110000").name(), Some("北京市"));
        assert_eq!(code("652900").name(), Some("阿克苏地区"));
        let lines: Vec<&str> = REGISTRY.lines().skip(1).collect();
        let level = |l: Level| lines.iter().filter(|x| code(&x[..6]).level() == l).count();
        assert_eq!(level(Level::Province), 31);
        assert_eq!(level(Level::City), 333);
        // Every city lies in a province of the registry; no code twice.
        for l in &lines {
            assert!(code(&l[..6]).province().name().is_some(), "{l}");
        }
        let distinct: std::collections::HashSet<&str> = lines.iter().map(|l| &l[..6]).collect();
        assert_eq!(distinct.len(), lines.len());
    }

    #[test]
    fn levels_and_belonging_follow_the_digits() {
        assert_eq!(code("320000").level(), Level::Province);
        assert_eq!(code("320900").level(), Level::City);
        assert_eq!(code("320904").level(), Level::County);
        assert!(code("320900").contains(code("320904")));
        assert!(code("320000").contains(code("320904")));
        assert!(code("320000").contains(code("320900")));
        assert!(!code("320900").contains(code("320505")));
        assert!(!code("320900").contains(code("320900")));
        assert!(!code("320904").contains(code("320904")));
        assert!(!code("320900").contains(code("320000")));
        assert_eq!(code("320904").city(), Some(code("320900")));
        assert_eq!(code("320904").province(), code("320000"));
        assert_eq!(DivisionCode::of_village("320904104209"), Some(code("320904")));
        assert_eq!(DivisionCode::of_village("V0001"), None);
        assert_eq!(DivisionCode::of_village("320900104209"), None);
        assert_eq!(DivisionCode::parse("３２０９０４"), Some(code("320904")));
        assert_eq!(DivisionCode::parse("32090"), None);
        assert_eq!(DivisionCode::parse("990000"), None);
        assert_eq!(DivisionCode::parse("32a904"), None);
        assert_eq!(code("320904").to_string(), "320904");
    }
}
