//! Volunteer certificates (志愿服务证明), with the contents 《志愿服务记录与证明出具办法》
//! asks for: the volunteer's name, identity number, gender, the volunteer organisation, the
//! service period, the hours served (served shifts only), the main activities, the issuing
//! organisation, the date, and a place for its seal. Each certificate gets a serial number,
//! recorded with what it certifies, so that a copy can be checked (`--verify`).
//!
//! The identity number is printed whole here and only here: the certificate is what it is
//! for. Everywhere else it is masked.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{OpsError, OpsResult, page};
use crate::db::{ServedShift, Store, VolunteerFigures};
use crate::domain::messages as m;
use crate::domain::{Gender, Hours, Kind, Lang, Village, Volunteer};

/// What a certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub serial: String,
    pub name: String,
    /// Whole, as stored (none when the volunteer's record has none).
    pub id_number: Option<String>,
    pub gender: Option<Gender>,
    pub organisation: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours: Hours,
    pub shifts: usize,
    /// (activity, times, hours), most hours first.
    pub activities: Vec<(String, usize, Hours)>,
    pub issuer: String,
    pub issued_on: NaiveDate,
}

/// The issuing organisation when none is named: the charity federation of the county most
/// of the office's villages are in (`大丰区慈善总会`).
pub fn default_issuer(store: &Store, lang: Lang) -> OpsResult<String> {
    let county = store.main_county()?.unwrap_or_default();
    Ok(match lang {
        Lang::Zh => format!("{county}慈善总会"),
        Lang::En => format!("{county} Charity Federation").trim().to_string(),
    })
}

/// The main activities of served shifts: (activity, times, hours), most hours first.
fn activities(shifts: &[ServedShift]) -> Vec<(String, usize, Hours)> {
    let mut by: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for s in shifts {
        let e = by.entry(s.activity.as_str()).or_default();
        e.0 += 1;
        e.1 += s.hours.tenths();
    }
    let mut out: Vec<(String, usize, Hours)> =
        by.into_iter().map(|(a, (n, t))| (a.to_string(), n, Hours::from_tenths(t))).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    out
}

/// Issues a certificate for `volunteer` (a code) over `from..=to`: refused for a period
/// with no served hours. The page is written to `out` (an .html file) inside the same
/// transaction that records its serial: if the file cannot be written, no serial is
/// recorded either.
#[allow(clippy::too_many_arguments)]
pub fn issue(
    store: &mut Store,
    volunteer: &str,
    from: NaiveDate,
    to: NaiveDate,
    issuer: Option<&str>,
    today: NaiveDate,
    out: &Path,
    lang: Lang,
) -> OpsResult<Certificate> {
    super::report::period(from, to)?;
    html_path(out)?;
    let v: Volunteer = store
        .get(volunteer)?
        .ok_or_else(|| OpsError::NoSuchRecord { kind: Kind::Volunteer, code: volunteer.to_string() })?;
    let shifts = store.served_shifts(volunteer, from, to)?;
    let tenths: i64 = shifts.iter().map(|s| s.hours.tenths()).sum();
    if tenths == 0 {
        return Err(OpsError::NoServedHours { name: v.name, from, to });
    }
    let village: Option<Village> = store.get(&v.village_code)?;
    let issuer = match issuer.map(str::trim).filter(|i| !i.is_empty()) {
        Some(i) => i.to_string(),
        None => default_issuer(store, lang)?,
    };
    let mut c = Certificate {
        serial: String::new(),
        name: v.name.clone(),
        id_number: v.id_number.clone(),
        gender: v.gender,
        organisation: m::certificate_org_of(
            lang,
            village.map_or(v.village_code.clone(), |x| x.name.trim_end_matches("委会").to_string()),
        ),
        from,
        to,
        hours: Hours::from_tenths(tenths),
        shifts: shifts.len(),
        activities: activities(&shifts),
        issuer,
        issued_on: today,
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    // A folder of that name cannot take the page: said before a serial is drawn.
    if out.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory).into());
    }
    // Written beside the output before the serial is committed, and put in place after: a
    // certificate with a serial never exists without its record (a crash in between leaves
    // only the `.partial` file, or a recorded serial whose page was not put in place).
    let partial = out.with_extension("html.partial");
    let recorded = store.record_certificate(volunteer, from, to, c.hours, today, &c.issuer, &mut |serial| {
        let page = html(&Certificate { serial: serial.to_string(), ..c.clone() }, lang);
        std::fs::write(&partial, page)
    });
    let serial = match recorded {
        Ok(serial) => serial,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
    };
    std::fs::rename(&partial, out)?;
    c.serial = serial;
    Ok(c)
}

/// Refuses an output file that is not .html.
pub fn html_path(out: &Path) -> OpsResult<()> {
    let ok = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if ok { Ok(()) } else { Err(OpsError::NotHtml(out.to_path_buf())) }
}

/// The certificate as one A4 page.
pub fn html(c: &Certificate, lang: Lang) -> String {
    let v = page::value;
    let date = |d: NaiveDate| match lang {
        Lang::Zh => d.format("%Y年%m月%d日").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    };
    let period = m::certificate_period_value(lang, date(c.from), date(c.to));
    let activities: Vec<String> =
        c.activities.iter().map(|(a, n, h)| v(&m::certificate_activity_line(lang, a, n, h))).collect();
    let row = |label: &str, value: String| format!("<tr><th>{label}</th><td>{value}</td></tr>\n");
    let mut fields = String::new();
    fields.push_str(&row(m::certificate_name(lang), v(&c.name)));
    fields.push_str(&row(m::certificate_id(lang), v(c.id_number.as_deref().unwrap_or(""))));
    fields.push_str(&row(m::certificate_gender(lang), c.gender.map(|g| g.label(lang)).unwrap_or("").to_string()));
    fields.push_str(&row(m::certificate_org(lang), v(&c.organisation)));
    fields.push_str(&row(m::certificate_period(lang), v(&period)));
    fields.push_str(&row(m::certificate_hours(lang), v(&m::certificate_hours_value(lang, c.hours, c.shifts))));
    fields.push_str(&row(m::certificate_activities(lang), activities.join("<br>")));
    let body = format!(
        "<div class=\"certificate page\">\n<p class=serial>{serial}</p>\n<h1>{title}</h1>\n\
         <p class=body>{text}</p>\n<table class=fields>\n{fields}</table>\n<p class=small>{rules}</p>\n\
         <div class=issuer><p>{t_issuer}：{issuer}</p><p>{t_date}：{issued}</p><div class=seal>{seal}</div></div>\n\
         <p class=small>{check}</p>\n</div>\n",
        serial = v(&m::certificate_serial(lang, &c.serial)),
        title = m::certificate_title(lang),
        text = v(&m::certificate_body(lang, &c.name, date(c.from), date(c.to), c.hours)),
        rules = m::certificate_rules(lang),
        t_issuer = m::certificate_issuer(lang),
        issuer = v(&c.issuer),
        t_date = m::certificate_date(lang),
        issued = date(c.issued_on),
        seal = m::certificate_seal(lang),
        check = v(&m::certificate_check(lang, &c.serial)),
    );
    super::print::document(lang, &format!("{} {}", m::certificate_title(lang), c.serial), &body)
}

/// The volunteer `query` names: its code, else the one volunteer whose name or initials
/// match; several matches are returned as (code, label) for the operator to choose.
pub fn find_volunteer(store: &Store, query: &str) -> OpsResult<Result<VolunteerFigures, Vec<(String, String)>>> {
    if let Some(f) = store.volunteer_figures(query.trim())? {
        return Ok(Ok(f));
    }
    let found = super::search::pick_records(store, Kind::Volunteer, query, 10)?;
    match found.as_slice() {
        [] => Err(OpsError::NoSuchRecord { kind: Kind::Volunteer, code: query.to_string() }),
        [(one, _)] => match store.volunteer_figures(one)? {
            Some(f) => Ok(Ok(f)),
            None => Err(OpsError::NoSuchRecord { kind: Kind::Volunteer, code: query.to_string() }),
        },
        many => Ok(Err(many.to_vec())),
    }
}
