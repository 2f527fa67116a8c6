//! Reports as an A4 page to print: every value escaped and isolated (`<bdi>`), so text
//! from a file can neither add markup nor turn the direction of what follows it.

use super::{Report, Value};
use crate::domain::Lang;

/// A text of the page: escaped and isolated, through the helper every printed page uses.
fn esc(s: &str) -> String {
    crate::ops::page::value(s)
}

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
        body.push_str("<table><tr>");
        for c in &s.columns {
            body.push_str(&format!("<th>{}</th>", esc(c)));
        }
        body.push_str("</tr>\n");
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
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang_attr}"><head><meta charset="utf-8"><title>{title}</title>
<style>
@page {{ size: A4; margin: 12mm; }}
body {{ font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10pt; color: #111; }}
h1 {{ font-size: 16pt; margin: 0 0 2mm; text-align: center; }} h2 {{ font-size: 11pt; margin: 5mm 0 1mm; }}
table {{ border-collapse: collapse; width: 100%; page-break-inside: auto; }} tr {{ page-break-inside: avoid; }}
th, td {{ border: 1px solid #999; padding: 1mm 1.5mm; }} th {{ background: #eee; }}
td.n {{ text-align: right; white-space: nowrap; }} tr.total td {{ font-weight: bold; background: #f6f6f6; }}
.meta {{ color: #444; margin: 1mm 0; }}
.sign {{ display: flex; justify-content: space-between; margin-top: 14mm; }} .sign span {{ min-width: 45mm; }}
{isolate}
</style></head><body>
{body}</body></html>
"#,
        lang_attr = if lang == Lang::Zh { "zh-CN" } else { "en" },
        title = crate::ops::page::plain(&report.title),
        isolate = crate::ops::page::STYLE,
    )
}
