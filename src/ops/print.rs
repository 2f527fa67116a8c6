//! The one print stylesheet of every printed page: reports and notices, the village card,
//! thank-you letters and volunteer certificates. A4 with 12 mm margins, Chinese fonts
//! first (those of Windows, of Linux and of a Mac, in that order), tables as wide as the
//! page whose cells wrap rather than run off its edge, rows never split across pages,
//! and a `.page` per sheet of paper when one file holds many (letters). A report with a
//! table of many columns (the county summary) prints on landscape pages (`.landscape`),
//! in a smaller type (`table.wide`).
//!
//! Every value a page shows goes through [`super::page`] (escaped and isolated).

use crate::domain::Lang;

/// The stylesheet, whole.
pub const STYLESHEET: &str = r#"@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "PingFang SC", sans-serif; font-size: 10pt; line-height: 1.45; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; text-align: center; letter-spacing: 0.05em; }
h2 { font-size: 11pt; margin: 5mm 0 1mm; }
p { margin: 1.5mm 0; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: break-word; }
th { background: #eee; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f6f6f6; }
table.wide { font-size: 8pt; }
table.wide th { overflow-wrap: normal; }
@page landscape { size: A4 landscape; margin: 10mm; }
.landscape { page: landscape; }
.meta { color: #444; margin: 1mm 0; }
.sign { display: flex; justify-content: space-between; margin-top: 14mm; gap: 4mm; }
.sign span { min-width: 40mm; }
.bar { display: inline-block; width: 18mm; height: 3mm; border: 1px solid #666; margin-right: 1mm; vertical-align: middle; }
.bar div { height: 100%; background: #4a7; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
.letter { font-size: 12pt; line-height: 1.8; }
.letter h1 { font-size: 20pt; margin: 6mm 0 8mm; }
.letter p.body { text-indent: 2em; }
.letter table { font-size: 10pt; line-height: 1.45; margin: 3mm 0; }
.from { margin-top: 12mm; text-align: right; }
.certificate { font-size: 12pt; line-height: 1.8; }
.certificate h1 { font-size: 22pt; margin: 8mm 0 2mm; letter-spacing: 0.3em; }
.certificate .serial { text-align: right; color: #444; font-size: 10pt; }
.certificate table.fields th { width: 32mm; text-align: left; }
.certificate table.fields td, .certificate table.fields th { padding: 2mm 3mm; }
.certificate p.body { text-indent: 2em; margin: 5mm 0; }
.seal { display: inline-block; width: 42mm; height: 42mm; border: 1px dashed #999; border-radius: 50%; color: #999;
  text-align: center; line-height: 42mm; font-size: 10pt; margin-top: 2mm; }
.issuer { margin-top: 10mm; text-align: right; }
.small { font-size: 9pt; color: #555; }
bdi { unicode-bidi: isolate; }
@media screen { body { max-width: 186mm; margin: 8mm auto; }
  .page { border-bottom: 1px dashed #bbb; padding-bottom: 8mm; margin-bottom: 8mm; } }
"#;

/// A whole page: `title` is text (escaped here), `body` is markup made of escaped values.
pub fn document(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>\n{css}</style></head><body>\n{body}</body></html>\n",
        lang_attr = if lang == Lang::Zh { "zh-CN" } else { "en" },
        title = super::page::plain(title),
        css = STYLESHEET,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_a4_with_chinese_fonts_and_escaped_title() {
        let d = document(Lang::Zh, "众心村<b>", "<p>x</p>");
        assert!(d.contains("size: A4"), "{d}");
        assert!(d.contains("Microsoft YaHei") && d.contains("Noto Sans CJK SC"));
        assert!(d.contains("<title>众心村&lt;b&gt;</title>"));
        assert!(d.contains("lang=\"zh-CN\""));
        assert!(d.contains("unicode-bidi: isolate"), "values stay isolated");
    }
}
