//! Thank-you letters (感谢信): one A4 page per donor listing the year's gifts and the
//! projects they went to; for many donors one HTML file with a page break after each,
//! ready to print. A letter goes to the donor, so it names them in full; no phone appears.

use chrono::NaiveDate;

use super::{OpsError, OpsResult, page};
use crate::db::{DonorGift, DonorRecord, Store};
use crate::domain::messages as m;
use crate::domain::{Lang, Money};

/// At most this many gifts are listed one by one; beyond, the page shows the projects only
/// (so that a letter stays one page).
pub const LISTED_GIFTS: usize = 12;

/// At most this many projects are listed one by one; the rest share one line.
pub const LISTED_PROJECTS: usize = 10;

/// One donor's letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub donor: DonorRecord,
    pub year: i32,
    pub gifts: Vec<DonorGift>,
    /// (project title, village, gifts, amount), most first.
    pub projects: Vec<(String, String, usize, Money)>,
    pub total: Money,
}

/// Which donors a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Donors {
    /// These donors (ids).
    Some(Vec<i64>),
    /// Every donor who gave in the year.
    All,
}

/// The donors `query` names: `#12` (a donor's number), a donor code, or a name; `Ok(Err)`
/// lists several donors of that name for the operator to choose.
pub fn find_donor(store: &Store, query: &str) -> OpsResult<Result<i64, Vec<DonorRecord>>> {
    let q = query.trim();
    if let Some(id) = q.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return store.donor(id)?.map(|d| Ok(d.id)).ok_or_else(|| OpsError::NoDonor(q.to_string()));
    }
    let found = store.find_donors(q, 20)?;
    // A code or a whole name is preferred to names that merely contain the query.
    let exact: Vec<&DonorRecord> = found.iter().filter(|d| d.code.as_deref() == Some(q) || d.name == q).collect();
    let pool: Vec<DonorRecord> = if exact.is_empty() { found.clone() } else { exact.into_iter().cloned().collect() };
    match pool.as_slice() {
        [] => Err(OpsError::NoDonor(q.to_string())),
        [one] => Ok(Ok(one.id)),
        many => Ok(Err(many.to_vec())),
    }
}

/// The letters of `year` for `donors`, by name; donors who gave nothing that year get none,
/// and none at all is refused.
pub fn build(store: &Store, donors: &Donors, year: i32) -> OpsResult<Vec<Letter>> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(OpsError::NoGifts { year })?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(OpsError::NoGifts { year })?;
    let ids = match donors {
        Donors::Some(ids) => ids.clone(),
        Donors::All => store.donors_giving_between(from, to)?,
    };
    let mut out = Vec::new();
    for id in ids {
        let Some(donor) = store.donor(id)? else { continue };
        let gifts = store.donor_gifts_between(id, from, to)?;
        if gifts.is_empty() {
            continue;
        }
        let mut projects: Vec<(String, String, usize, Money)> = Vec::new();
        for g in &gifts {
            match projects.iter_mut().find(|p| p.0 == g.project_title && p.1 == g.village_name) {
                Some(p) => {
                    p.2 += 1;
                    p.3 = Money::from_fen(p.3.fen() + g.amount.fen());
                }
                None => projects.push((g.project_title.clone(), g.village_name.clone(), 1, g.amount)),
            }
        }
        projects.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(&b.0)));
        let total = Money::from_fen(gifts.iter().map(|g| g.amount.fen()).sum());
        out.push(Letter { donor, year, gifts, projects, total });
    }
    if out.is_empty() {
        return Err(OpsError::NoGifts { year });
    }
    Ok(out)
}

/// The letters as one HTML file, one page each.
pub fn html(letters: &[Letter], issuer: &str, today: NaiveDate, lang: Lang) -> String {
    let v = page::value;
    let date = |d: NaiveDate| match lang {
        Lang::Zh => d.format("%Y年%m月%d日").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    };
    let mut body = String::new();
    for l in letters {
        let mut projects = String::new();
        let (shown, rest) = if l.projects.len() > LISTED_PROJECTS {
            l.projects.split_at(LISTED_PROJECTS - 1)
        } else {
            (l.projects.as_slice(), &[][..])
        };
        for (title, village, n, amount) in shown {
            projects.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=n>{n}</td><td class=n>{}</td></tr>\n",
                v(title),
                v(village),
                amount.grouped()
            ));
        }
        if !rest.is_empty() {
            let n: usize = rest.iter().map(|p| p.2).sum();
            let amount = Money::from_fen(rest.iter().map(|p| p.3.fen()).sum());
            projects.push_str(&format!(
                "<tr><td>{}</td><td></td><td class=n>{n}</td><td class=n>{}</td></tr>\n",
                m::letter_other_projects(lang, rest.len()),
                amount.grouped()
            ));
        }
        let mut gifts = String::new();
        if l.gifts.len() <= LISTED_GIFTS {
            gifts.push_str(&format!(
                "<h2>{}</h2>\n<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n",
                m::letter_gifts_heading(lang),
                m::letter_col_date(lang),
                m::letter_col_project(lang),
                m::html_amount(lang),
                m::letter_col_receipt(lang)
            ));
            for g in &l.gifts {
                let receipt = match (&g.receipt_code, &g.receipt_no) {
                    (Some(c), Some(n)) => format!("{c} {n}"),
                    (None, Some(n)) => n.clone(),
                    _ => String::new(),
                };
                gifts.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td>{}</td></tr>\n",
                    g.donated_on,
                    v(&g.project_title),
                    g.amount.grouped(),
                    v(&receipt)
                ));
            }
            gifts.push_str("</table>\n");
        }
        body.push_str(&format!(
            "<div class=\"letter page\">\n<h1>{title}</h1>\n<p>{dear}</p>\n<p class=body>{text}</p>\n\
             <table><thead><tr><th>{t_project}</th><th>{t_village}</th><th>{t_gifts}</th><th>{t_amount}</th></tr></thead>\n\
             {projects}<tr class=total><td>{t_total}</td><td></td><td class=n>{count}</td><td class=n>{total}</td></tr>\n</table>\n\
             {gifts}<p class=body>{closing}</p>\n<div class=from><p>{issuer}</p><p>{today}</p></div>\n</div>\n",
            title = m::letter_title(lang),
            dear = v(&m::letter_dear(lang, &l.donor.name)),
            text = v(&m::letter_body(lang, l.year, l.gifts.len(), l.total.grouped())),
            t_project = m::letter_col_project(lang),
            t_village = m::letter_col_village(lang),
            t_gifts = m::letter_col_gifts(lang),
            t_amount = m::html_amount(lang),
            t_total = m::report_total(lang),
            count = l.gifts.len(),
            total = l.total.grouped(),
            closing = m::letter_closing(lang),
            issuer = v(issuer),
            today = date(today),
        ));
    }
    let title = match letters {
        [one] => format!("{} {}", m::letter_title(lang), one.donor.name),
        _ => m::letter_title(lang).to_string(),
    };
    super::print::document(lang, &title, &body)
}

/// Writes the letters to `out` (an .html file).
pub fn write(letters: &[Letter], issuer: &str, today: NaiveDate, lang: Lang, out: &std::path::Path) -> OpsResult<()> {
    super::certificate::html_path(out)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, html(letters, issuer, today, lang))?;
    Ok(())
}
