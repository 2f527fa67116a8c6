//! Reports as an A4 page to print: every value escaped and isolated (`<bdi>`), so text
//! from a file can neither add markup nor turn the direction of what follows it.

use super::{Report, Value};
use crate::domain::Lang;

/// A text of the page: escaped and isolated, through the helper every printed page uses.
fn esc(s: &str) -> String {
    crate::ops::page::value(s)
}

/// Tables with more columns than this print in smaller type, on landscape pages.
const WIDE: usize = 8;

pub fn page(report: &Report, lang: Lang) -> String {
    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n", esc(&report.title)));
    for m in &report.meta {
        body.push_str(&format!("<p class=meta>{}</p>\n", esc(m)));
    }
    for s in &report.sections {
        body.push_str(&format!("<h2>{}</h2>\n", esc(&s.heading)));
        if s.rows.is_empty() && s.total.is_none() {
            if let Some(e) = &s.empty {
                body.push_str(&format!("<p>{}</p>\n", esc(e)));
            }
            continue;
        }
        // Many columns (the county summary) print smaller, so that none is cut.
        let class = if s.columns.len() > WIDE { " class=wide" } else { "" };
        body.push_str(&format!("<table{class}><thead><tr>"));
        for c in &s.columns {
            body.push_str(&format!("<th>{}</th>", esc(c)));
        }
        body.push_str("</tr></thead>\n");
        for (row, total) in s.rows.iter().map(|r| (r, false)).chain(s.total.iter().map(|r| (r, true))) {
            body.push_str(if total { "<tr class=total>" } else { "<tr>" });
            for v in row {
                let class = if matches!(v, Value::Money(_) | Value::Int(_)) { " class=n" } else { "" };
                body.push_str(&format!("<td{class}>{}</td>", esc(&v.shown())));
            }
            body.push_str("</tr>\n");
        }
        body.push_str("</table>\n");
    }
    if !report.signatures.is_empty() {
        body.push_str("<div class=sign>");
        for s in &report.signatures {
            body.push_str(&format!("<span>{}</span>", esc(s)));
        }
        body.push_str("</div>\n");
    }
    body.push_str(&format!("<p class=meta>{}</p>\n", esc(&report.footer)));
    // A table of many columns takes the page across (landscape), so that none is cut.
    if report.sections.iter().any(|s| s.columns.len() > WIDE) {
        body = format!("<div class=landscape>\n{body}</div>\n");
    }
    crate::ops::print::document(lang, &report.title, &body)
}
