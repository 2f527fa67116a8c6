//! `xingfu lookup`: print a card per hit, as text or JSON. Opens the database read-only.

use std::path::Path;

use crate::db::{DbError, DonationLine, OpenMode, ProjectFigures, Store};
use crate::domain::{ANONYMOUS, Lang, Money};
use crate::ops::lookup::{Card, lookup};

use super::Exit;

pub fn run(lang: Lang, db: &Path, query: &str, json: bool, limit: i64, mask_names: bool) -> Result<Exit, DbError> {
    let store = Store::open(db, OpenMode::ReadOnly, "")?;
    let mut cards = lookup(&store, query, limit.max(1))?;
    if mask_names {
        crate::ops::lookup::mask_names(&mut cards);
    }
    if json {
        let text = serde_json::to_string_pretty(&cards).map_err(|e| DbError::Other(e.to_string()))?;
        out!("{text}");
        return Ok(Exit::Ok);
    }
    if cards.is_empty() {
        out!("{}「{query}」", lang.pick("未找到：", "nothing matches: "));
        return Ok(Exit::Ok);
    }
    for (i, card) in cards.iter().enumerate() {
        if i > 0 {
            out!();
        }
        out_text!("{}", render(card, lang));
    }
    Ok(Exit::Ok)
}

/// A card as plain text lines.
pub fn render(card: &Card, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    match card {
        Card::Village { village: v, projects, volunteers } => {
            line(format!(
                "■ {} {} {}  {} · {}  {}",
                lang.pick("村社", "village"),
                v.code,
                v.name,
                v.town,
                v.county,
                v.status.label(lang)
            ));
            let money = figures(lang, [v.target, v.raised, v.raised_matching, v.disbursed, v.balance], None);
            line(if zh {
                format!("  项目 {} 个  {money}", v.projects)
            } else {
                format!("  {} projects  {money}", v.projects)
            });
            for p in projects {
                line(project_line(p, lang));
            }
            let names: Vec<String> =
                volunteers.iter().map(|w| format!("{} {}{}", w.name, w.served_hours, lang.pick("小时", "h"))).collect();
            line(if zh {
                format!("  志愿者 {} 人在册，服务 {} 小时：{}", v.volunteers, v.served_hours, names.join("、"))
            } else {
                format!("  {} active volunteers, {} hours served: {}", v.volunteers, v.served_hours, names.join(", "))
            });
        }
        Card::Project { project: p, latest_donations } => {
            line(format!(
                "■ {} {} {}  {} {} · {} · {}",
                lang.pick("项目", "project"),
                p.code,
                p.title,
                p.village_code,
                p.village_name,
                p.category.label(lang),
                p.status.label(lang)
            ));
            line(project_line(p, lang));
            donation_lines(&mut line, latest_donations, lang);
        }
        Card::Donor { donor: d, latest_donations } => {
            line(format!("■ {} {}", lang.pick("捐赠人", "donor"), d.name));
            line(if zh {
                format!("  捐赠 {} 笔，共 {}（{} 至 {}）", d.donations, d.total.display(), d.first, d.last)
            } else {
                format!("  {} donations, {} in all ({} to {})", d.donations, d.total.display(), d.first, d.last)
            });
            donation_lines(&mut line, latest_donations, lang);
        }
        Card::Volunteer { volunteer: w } => {
            line(format!(
                "■ {} {} {}  {} {}  {}",
                lang.pick("志愿者", "volunteer"),
                w.code,
                w.name,
                w.village_code,
                w.village_name,
                w.status.label(lang)
            ));
            line(if zh {
                format!("  已服务 {} 小时，待服务排班 {} 次", w.served_hours, w.shifts_scheduled)
            } else {
                format!("  {} hours served, {} shifts scheduled", w.served_hours, w.shifts_scheduled)
            });
            if let Some(skills) = &w.skills {
                line(format!("  {}{skills}", lang.pick("技能：", "skills: ")));
            }
        }
    }
    out
}

fn project_line(p: &ProjectFigures, lang: Lang) -> String {
    let pct = p.raised.percent_of(p.target);
    let money = figures(lang, [p.target, p.raised, p.raised_matching, p.disbursed, p.balance], Some(pct));
    format!("  · {} {}  {money}", p.code, p.title)
}

/// `目标 ¥…  已筹 ¥…（[n%，]配捐 ¥…）  已拨付 ¥…  结余 ¥…` from target, raised, matching,
/// disbursed and balance.
fn figures(lang: Lang, [target, raised, matching, disbursed, balance]: [Money; 5], pct: Option<i64>) -> String {
    let (target, raised, matching) = (target.display(), raised.display(), matching.display());
    let (disbursed, balance) = (disbursed.display(), balance.display());
    match lang {
        Lang::Zh => {
            let pct = pct.map(|p| format!("{p}%，")).unwrap_or_default();
            format!("目标 {target}  已筹 {raised}（{pct}配捐 {matching}）  已拨付 {disbursed}  结余 {balance}")
        }
        Lang::En => {
            let pct = pct.map(|p| format!("{p}%, ")).unwrap_or_default();
            format!(
                "target {target}  raised {raised} ({pct}matching {matching})  disbursed {disbursed}  balance {balance}"
            )
        }
    }
}

fn donation_lines(line: &mut impl FnMut(String), donations: &[DonationLine], lang: Lang) {
    if donations.is_empty() {
        return;
    }
    line(format!("  {}", lang.pick("最近捐赠：", "latest donations:")));
    for d in donations {
        let matching = if d.matching { lang.pick("（配捐）", " (matching)") } else { "" };
        line(format!(
            "    {}  {}  {}  {}{}  {}",
            d.donated_on,
            d.donor_name.as_deref().unwrap_or(ANONYMOUS),
            d.amount.display(),
            d.project_code,
            matching,
            d.donation_ref
        ));
    }
}
