//! Presets: how a file that is not the template — a platform's order list, a WeChat Pay
//! trade bill, a bank statement — becomes the template's donation rows.
//!
//! One small TOML file per source, after hledger's CSV rules: the columns of each field,
//! the unit of the amounts, the date form, the rows to skip, which states are gifts,
//! refunds or skipped, values set by conditions, and the summary figures the detail must
//! add up to. Operators read, edit and share them; `docs/PRESETS.md` describes the format.
//! Three are built in (`data/presets/`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::kind::{DONATION_FIELDS, key};
use crate::domain::messages as m;
use crate::domain::normalize::{INVISIBLE, fold_width};
use crate::domain::{Channel, DonorType, Kind, Lang, YesNo, enums::Enumeration};

use super::sheet::RawRow;

/// One or several column headers: the first that a file has is used (banks name the same
/// column differently). Written as a string or a list of strings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Names(pub Vec<String>);

impl Names {
    pub fn one(name: &str) -> Names {
        Names(vec![name.to_string()])
    }

    /// The first of the names, for messages.
    pub fn first(&self) -> &str {
        self.0.first().map(String::as_str).unwrap_or_default()
    }

    /// The index of the first of these names in `header` (compared as [`header_form`]).
    pub fn find(&self, header: &[String]) -> Option<usize> {
        self.0.iter().find_map(|n| {
            let n = header_form(n);
            header.iter().position(|h| header_form(h) == n)
        })
    }
}

impl Serialize for Names {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match OneOrMany::deserialize(d)? {
            OneOrMany::One(s) => Names(vec![s]),
            OneOrMany::Many(v) => Names(v),
        })
    }
}

/// A header cell in comparable form: without the backtick of a WeChat bill, width-folded,
/// without spaces, invisible characters and `*`, ASCII lower-case.
pub fn header_form(s: &str) -> String {
    let s = s.trim().trim_start_matches('`');
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && !INVISIBLE.contains(c))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The unit of the amounts of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// Yuan, as the template: `12.50`.
    #[default]
    Yuan,
    /// Fen, a whole number: `1250`.
    Fen,
}

impl Unit {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Unit::Yuan => m::unit_yuan(lang),
            Unit::Fen => m::unit_fen(lang),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Unit::Yuan => "元",
            Unit::Fen => "分",
        })
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim() {
            "元" | "yuan" => Ok(Unit::Yuan),
            "分" | "fen" => Ok(Unit::Fen),
            other => Err(serde::de::Error::custom(format!("unit \"{other}\": 元 (yuan) or 分 (fen)"))),
        }
    }
}

/// How the dates of a file are written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DateForm {
    /// Every form the template accepts, date-times, and RFC 3339 with an offset.
    #[default]
    Auto,
    /// RFC 3339 with an offset (`2023-11-30T16:27:42+08:00`): the day in China (UTC+8).
    Rfc3339,
    /// A strftime pattern (`%Y%m%d`, `%d/%m/%Y %H:%M`).
    Pattern(String),
}

impl DateForm {
    /// The forms the mapping step steps through.
    pub fn common() -> Vec<DateForm> {
        let p = |s: &str| DateForm::Pattern(s.to_string());
        vec![
            DateForm::Auto,
            DateForm::Rfc3339,
            p("%Y-%m-%d %H:%M:%S"),
            p("%Y%m%d"),
            p("%Y/%m/%d"),
            p("%d/%m/%Y"),
            p("%m/%d/%Y"),
        ]
    }

    /// As written in a preset file.
    pub fn text(&self) -> &str {
        match self {
            DateForm::Auto => "auto",
            DateForm::Rfc3339 => "rfc3339",
            DateForm::Pattern(p) => p,
        }
    }

    fn parse(s: &str) -> Option<DateForm> {
        match s.trim() {
            "" | "auto" | "自动" => Some(DateForm::Auto),
            "rfc3339" | "RFC3339" | "RFC 3339" => Some(DateForm::Rfc3339),
            p if p.contains('%') && pattern_is_valid(p) => Some(DateForm::Pattern(p.to_string())),
            _ => None,
        }
    }
}

/// A strftime pattern chrono understands, with a year, a month and a day in it.
fn pattern_is_valid(p: &str) -> bool {
    use chrono::format::{Item, StrftimeItems};
    let items: Vec<Item> = StrftimeItems::new(p).collect();
    let has = |needles: &[&str]| needles.iter().any(|n| p.contains(n));
    !items.iter().any(|i| matches!(i, Item::Error))
        && has(&["%Y", "%y", "%F", "%D", "%x"])
        && has(&["%m", "%b", "%B", "%F", "%D", "%x"])
        && has(&["%d", "%e", "%F", "%D", "%x"])
}

impl Serialize for DateForm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl<'de> Deserialize<'de> for DateForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateForm::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("date \"{s}\": auto, rfc3339, or a pattern such as %Y-%m-%d %H:%M:%S"))
        })
    }
}

/// What a column of a foreign file can become.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A field of the template's donations sheet (its English key).
    Field(&'static str),
    /// The platform's project id (`pid`, 商品名称): linked to a project of this database.
    PlatformProject,
    /// The platform's name of that project (`proj_name`), shown when asking for the link.
    PlatformName,
}

impl Target {
    /// Every target, in the order the mapping step offers them.
    pub fn all() -> Vec<Target> {
        let mut out: Vec<Target> =
            vec![Target::Field(key::DONATION_REF), Target::PlatformProject, Target::PlatformName];
        out.extend(DONATION_FIELDS.iter().filter(|f| f.key != key::DONATION_REF).map(|f| Target::Field(f.key)));
        out
    }

    /// The key in a preset's `[columns]` table.
    pub fn key(self) -> &'static str {
        match self {
            Target::Field(k) => k,
            Target::PlatformProject => "platform_project",
            Target::PlatformName => "platform_name",
        }
    }

    pub fn from_key(k: &str) -> Option<Target> {
        Target::all().into_iter().find(|t| t.key() == k)
    }

    /// The name in the operator's language.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Target::Field(k) => Kind::Donation.field(k).map(|f| f.label(lang)).unwrap_or_default(),
            Target::PlatformProject => m::target_platform_project(lang).to_string(),
            Target::PlatformName => m::target_platform_name(lang).to_string(),
        }
    }

    /// The fields every mapping must have.
    pub fn required() -> [Target; 3] {
        [Target::Field(key::DONATION_REF), Target::Field(key::AMOUNT), Target::Field(key::DONATED_ON)]
    }
}

/// Which states of a column are gifts, refunds or skipped; any other state is an error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct States {
    pub column: Names,
    #[serde(default)]
    pub gift: Vec<String>,
    #[serde(default)]
    pub refund: Vec<String>,
    #[serde(default)]
    pub skip: Vec<String>,
}

/// What a state means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateIs {
    Gift,
    Refund,
    Skip,
}

impl States {
    /// What `value` means, `None` for a state the preset does not know.
    pub fn of(&self, value: &str) -> Option<StateIs> {
        let v = state_form(value);
        let has = |list: &[String]| list.iter().any(|s| state_form(s) == v);
        if has(&self.gift) {
            Some(StateIs::Gift)
        } else if has(&self.refund) {
            Some(StateIs::Refund)
        } else if has(&self.skip) {
            Some(StateIs::Skip)
        } else {
            None
        }
    }

    /// Every state the preset knows, for messages.
    pub fn known(&self) -> Vec<&str> {
        self.gift.iter().chain(&self.refund).chain(&self.skip).map(String::as_str).collect()
    }
}

fn state_form(s: &str) -> String {
    header_form(s)
}

/// Refund rows: the column of the amount refunded, and of the paid order they refund
/// (by default the column of 捐赠流水号).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refunds {
    pub amount: Option<Names>,
    #[serde(rename = "ref")]
    pub reference: Option<Names>,
}

/// A condition on a row, and (in `[[set]]`) the values it sets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowRule {
    /// The column looked at …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<Names>,
    /// … or the column of a field (`amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The cell is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub is: Vec<String>,
    /// The cell contains one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<String>,
    /// The cell is empty, a dash or zero.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty: bool,
    /// The cell is a negative number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negative: bool,
    /// `[[set]]`: field = value for the rows that meet the condition.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub to: BTreeMap<String, String>,
}

/// Where a file's summary figures are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// A summary header row and the row of figures below it (a WeChat bill).
    #[default]
    Below,
    /// In the totals row itself, under the detail's columns (a bank statement).
    Row,
}

/// One figure of the summary and what it must equal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The figure's column (in the summary header, or the detail's in a totals row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<Names>,
    /// The figure counts the detail rows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub count: bool,
    /// The figure is the sum of this column of the detail rows …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Names>,
    /// … or of the column of this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum_field: Option<String>,
}

/// The summary at the end of the detail.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The detail ends at a row whose first cell starts with one of these.
    pub starts: Vec<String>,
    #[serde(default)]
    pub layout: Layout,
    /// A file without its summary is an error (it may be cut short).
    #[serde(default)]
    pub required: bool,
    #[serde(default, rename = "check")]
    pub checks: Vec<Check>,
}

/// A preset, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Its name: letters, digits, `-` and `_` (Chinese letters too).
    pub name: String,
    /// What it reads, for lists.
    #[serde(default)]
    pub title: String,
    /// Columns that identify the file besides those of its fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Names>,
    /// Text every cell starts with that is not part of its value (the backtick of a
    /// WeChat bill).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub strip_prefix: String,
    #[serde(default)]
    pub unit: Unit,
    #[serde(default)]
    pub date: DateForm,
    /// The channel of every row (unless a column gives it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Put before every 捐赠流水号.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ref_prefix: String,
    /// Field (or `platform_project`, `platform_name`) = the column(s) it comes from.
    pub columns: BTreeMap<String, Names>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<States>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Refunds>,
    /// Rows left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<RowRule>,
    /// Values set on the rows that meet a condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set: Vec<RowRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Compiled in (cannot be deleted).
    #[serde(skip)]
    pub builtin: bool,
}

/// What is wrong with a preset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresetError {
    /// Not TOML, or not a preset's keys (the parser's message).
    Syntax(String),
    BadName(String),
    /// A required field (or the project, when asked for) has no column.
    Unmapped(String),
    UnknownTarget(String),
    BadChannel(String),
    /// `[[set]]` sets a field that cannot be set, or to a value its rules refuse.
    BadSet {
        field: String,
        value: String,
    },
    /// A rule or check that looks at no column.
    NoColumn,
    /// A `[[skip]]`/`[[set]]` rule without a test.
    NoTest,
    /// A state listed twice.
    StateTwice(String),
}

impl PresetError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PresetError::Syntax(e) => m::preset_syntax(lang, crate::domain::shown::one_line(e)),
            PresetError::BadName(n) => m::preset_bad_name(lang, n),
            PresetError::Unmapped(f) => m::preset_unmapped(lang, f),
            PresetError::UnknownTarget(t) => {
                let known: Vec<&str> = Target::all().iter().map(|t| t.key()).collect();
                m::preset_unknown_target(lang, t, known.join(", "))
            }
            PresetError::BadChannel(c) => m::preset_bad_channel(lang, c, Channel::all_choices()),
            PresetError::BadSet { field, value } => m::preset_bad_set(lang, field, value),
            PresetError::NoColumn => m::preset_no_column(lang).into(),
            PresetError::NoTest => m::preset_no_test(lang).into(),
            PresetError::StateTwice(s) => m::preset_state_twice(lang, s),
        }
    }
}

/// The built-in presets' files.
const BUILTIN: [&str; 3] = [
    include_str!("../../data/presets/wechat-bill.toml"),
    include_str!("../../data/presets/tencent-orders.toml"),
    include_str!("../../data/presets/bank.toml"),
];

/// The built-in presets: `wechat-bill`, `tencent-orders`, `bank`.
pub fn builtin() -> Vec<Preset> {
    BUILTIN.iter().filter_map(|text| Preset::parse(text).ok()).map(|p| Preset { builtin: true, ..p }).collect()
}

/// The text of a built-in preset.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN.iter().copied().find(|t| Preset::parse(t).is_ok_and(|p| p.name == name))
}

/// A name a preset file can have: 1–40 letters, digits, `-` and `_`.
pub fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=40).contains(&n)
        && !name.starts_with(['-', '.'])
        && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

impl Preset {
    /// Reads and checks a preset file's text.
    pub fn parse(text: &str) -> Result<Preset, Vec<PresetError>> {
        let p: Preset = toml::from_str(text).map_err(|e| vec![PresetError::Syntax(e.to_string())])?;
        let errors = p.problems();
        if errors.is_empty() { Ok(p) } else { Err(errors) }
    }

    /// The preset as a file: TOML with a comment heading it.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!("# xingfu preset (docs/PRESETS.md): {}\n{body}", crate::domain::shown::one_line(&self.title))
    }

    /// The column(s) of a target.
    pub fn column(&self, t: Target) -> Option<&Names> {
        self.columns.get(t.key()).filter(|n| !n.0.is_empty())
    }

    /// The channel every row gets, when no column gives it.
    pub fn channel(&self) -> Option<Channel> {
        self.channel.as_deref().and_then(Channel::parse_value)
    }

    /// Everything wrong with it.
    pub fn problems(&self) -> Vec<PresetError> {
        let mut out = Vec::new();
        if !valid_name(&self.name) {
            out.push(PresetError::BadName(self.name.clone()));
        }
        for k in self.columns.keys() {
            if Target::from_key(k).is_none() {
                out.push(PresetError::UnknownTarget(k.clone()));
            }
        }
        for t in Target::required() {
            if self.column(t).is_none() {
                out.push(PresetError::Unmapped(t.key().to_string()));
            }
        }
        if let Some(c) = &self.channel
            && Channel::parse_value(c).is_none()
        {
            out.push(PresetError::BadChannel(c.clone()));
        }
        if let Some(s) = &self.state {
            if s.column.0.is_empty() {
                out.push(PresetError::NoColumn);
            }
            let mut seen: Vec<String> = Vec::new();
            for v in s.known() {
                let f = state_form(v);
                if seen.contains(&f) {
                    out.push(PresetError::StateTwice(v.to_string()));
                }
                seen.push(f);
            }
        }
        for r in self.skip.iter().chain(&self.set) {
            if r.column.is_none() && r.field.is_none() {
                out.push(PresetError::NoColumn);
            }
            if let Some(f) = &r.field
                && Target::from_key(f).is_none()
            {
                out.push(PresetError::UnknownTarget(f.clone()));
            }
            if r.is.is_empty() && r.contains.is_empty() && !r.empty && !r.negative {
                out.push(PresetError::NoTest);
            }
        }
        for r in &self.set {
            for (field, value) in &r.to {
                if !settable(field, value) {
                    out.push(PresetError::BadSet { field: field.clone(), value: value.clone() });
                }
            }
        }
        for c in self.summary.iter().flat_map(|s| &s.checks) {
            let looks = c.count || c.sum.is_some() || c.sum_field.is_some();
            if !looks {
                out.push(PresetError::NoTest);
            }
            if let Some(f) = &c.sum_field
                && Target::from_key(f).is_none()
            {
                out.push(PresetError::UnknownTarget(f.clone()));
            }
        }
        out
    }

    /// The columns a header row must have to be this preset's: those of the required
    /// fields, the state column and the preset's `header` list.
    pub fn identifying(&self) -> Vec<&Names> {
        let mut out: Vec<&Names> = Target::required().iter().filter_map(|t| self.column(*t)).collect();
        if let Some(s) = &self.state {
            out.push(&s.column);
        }
        out.extend(&self.header);
        out
    }

    /// The first row among the first [`HEADER_SEARCH`] rows that has every identifying
    /// column: its index in `rows`.
    pub fn find_header(&self, rows: &[RawRow]) -> Option<usize> {
        rows.iter().take(HEADER_SEARCH).position(|r| {
            let cells: Vec<String> = r.cells.iter().map(str::to_string).collect();
            self.identifying().iter().all(|n| n.find(&cells).is_some())
        })
    }

    /// The identifying columns that `header` lacks, for messages.
    pub fn missing_in(&self, header: &[String]) -> Vec<String> {
        self.identifying().iter().filter(|n| n.find(header).is_none()).map(|n| n.0.join("/")).collect()
    }
}

/// How far down a file its header row is looked for (title rows above it).
pub const HEADER_SEARCH: usize = 50;

/// Whether `[[set]]` may set `field` to `value`: a text field, or a choice it accepts.
fn settable(field: &str, value: &str) -> bool {
    match field {
        key::DONOR_TYPE => DonorType::parse_value(value).is_some(),
        key::CHANNEL => Channel::parse_value(value).is_some(),
        key::MATCHING => YesNo::parse_value(value).is_some(),
        key::DONOR_NAME | key::NOTE | key::RECEIPT_CODE => true,
        _ => false,
    }
}

/// The preset that reads `rows` best among `presets`: the one whose header is found with
/// the most identifying columns (the first on a tie); with the index of its header row.
pub fn recognise<'a>(presets: &'a [Preset], rows: &[RawRow]) -> Option<(&'a Preset, usize)> {
    let mut best: Option<(&Preset, usize, usize)> = None;
    for p in presets {
        if let Some(at) = p.find_header(rows) {
            let n = p.identifying().len();
            if best.is_none_or(|(_, _, m)| n > m) {
                best = Some((p, at, n));
            }
        }
    }
    best.map(|(p, at, _)| (p, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_presets_parse_and_check() {
        for text in BUILTIN {
            match Preset::parse(text) {
                Ok(p) => assert!(p.problems().is_empty(), "{}", p.name),
                Err(e) => panic!("{e:?}"),
            }
        }
        let names: Vec<String> = builtin().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["wechat-bill", "tencent-orders", "bank"]);
    }

    #[test]
    fn a_preset_round_trips_through_its_file() {
        for p in builtin() {
            let again = Preset::parse(&p.to_toml()).map(|q| Preset { builtin: true, ..q });
            assert_eq!(again.as_ref(), Ok(&p), "{}", p.to_toml());
        }
    }

    #[test]
    fn a_mapping_without_a_required_field_is_refused() {
        let text = "name = \"x\"\n[columns]\ndonation_ref = \"单号\"\namount = \"金额\"\n";
        assert_eq!(Preset::parse(text), Err(vec![PresetError::Unmapped("donated_on".into())]));
        let bad = "name = \"a/b\"\ndate = \"%H:%M\"\n[columns]\n";
        assert!(matches!(Preset::parse(bad), Err(e) if matches!(e[0], PresetError::Syntax(_))));
        let typo = "name = \"x\"\n[columns]\ndonation_ref = \"a\"\namount = \"b\"\ndonated_on = \"c\"\ndonor = \"d\"\n";
        assert_eq!(Preset::parse(typo), Err(vec![PresetError::UnknownTarget("donor".into())]));
    }

    #[test]
    fn date_patterns_need_a_whole_date() {
        assert_eq!(DateForm::parse("%Y%m%d"), Some(DateForm::Pattern("%Y%m%d".into())));
        assert_eq!(DateForm::parse("%H:%M"), None);
        assert_eq!(DateForm::parse("%Y-%m-%d %Q"), None);
        assert_eq!(DateForm::parse("rfc3339"), Some(DateForm::Rfc3339));
    }

    #[test]
    fn names_match_headers_as_written_in_any_width_and_with_a_backtick() {
        let header: Vec<String> =
            ["`交易时间", " 收入金额（元） ", "TRANS_STATE"].iter().map(|s| s.to_string()).collect();
        assert_eq!(Names::one("交易时间").find(&header), Some(0));
        assert_eq!(Names(vec!["贷方发生额".into(), "收入金额(元)".into()]).find(&header), Some(1));
        assert_eq!(Names::one("trans_state").find(&header), Some(2));
        assert_eq!(Names::one("摘要").find(&header), None);
    }
}
