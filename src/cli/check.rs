//! `xingfu check`: SQLite's checks, the running totals, and a one-screen summary; on a
//! damaged database, what is damaged and which backup to restore.

use std::path::Path;

use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;
use crate::ops::backup;

use super::Exit;

/// Problem lines shown per check; the rest are counted.
const SHOWN: usize = 20;
/// Backups tried, newest first, when looking for a good one to restore.
const TRIED: usize = 5;

fn show(lang: Lang, label: &str, problems: &[String]) {
    if problems.is_empty() {
        out!("{label}{}", lang.pick("正常", "ok"));
        return;
    }
    out!("{label}{} {}", problems.len(), lang.pick("处异常", "problems"));
    for p in problems.iter().take(SHOWN) {
        out!("  {p}");
    }
    if problems.len() > SHOWN {
        out!("  {}{}{}", lang.pick("……另有 ", "… and "), problems.len() - SHOWN, lang.pick(" 处", " more"));
    }
}

pub fn run(lang: Lang, db: &Path, operator: &str) -> Result<Exit, DbError> {
    match backup::clear_leftovers(db) {
        Ok(cleared) => {
            for p in cleared {
                out!(
                    "{}{}",
                    lang.pick("已清除中断的备份残留文件：", "cleared what an interrupted backup left: "),
                    p.display()
                );
            }
        }
        Err(e) => err!("{}{}", lang.pick("注意：", "note: "), e.message(lang)),
    }
    let store = match Store::open(db, OpenMode::ReadOnly, operator) {
        Ok(store) => store,
        // So damaged (its first page, say) that it no longer reads as a database.
        Err(e @ (DbError::NotSqlite(_) | DbError::Sqlite(_))) => {
            err!("{}", e.message(lang));
            if matches!(e, DbError::Sqlite(_)) {
                show(lang, lang.pick("完整性检查：", "integrity check: "), &crate::db::integrity_of(db));
            }
            out!(
                "{}",
                lang.pick("结论：数据库文件已损坏或不是数据库", "verdict: the file is damaged or not a database")
            );
            suggest_restore(lang, db);
            return Ok(Exit::Unusable);
        }
        Err(e) => return Err(e),
    };
    let health = store.health()?;
    out!(
        "{}{}{}{}{}",
        lang.pick("数据库：", "database: "),
        db.display(),
        lang.pick("（数据版本 ", " (schema "),
        store.schema_version()?,
        lang.pick("）", ")")
    );
    show(lang, lang.pick("完整性检查：", "integrity check: "), &health.integrity);
    show(lang, lang.pick("外键检查：  ", "foreign keys:    "), &health.foreign_keys);
    show(lang, lang.pick("汇总核对：  ", "running totals:  "), &health.totals);
    out!();
    match store.summary() {
        Ok(s) => summary(lang, &s),
        Err(e) => out!("{}{}", lang.pick("无法汇总：", "no summary: "), e.message(lang)),
    }
    out!();
    if health.is_healthy() {
        out!("{}", lang.pick("结论：健康", "verdict: healthy"));
        return Ok(Exit::Ok);
    }
    if health.integrity.is_empty() {
        out!(
            "{}",
            lang.pick(
                "结论：发现问题（请先备份，再联系技术支持）",
                "verdict: problems found (back up first, then ask for support)"
            )
        );
        return Ok(Exit::Rejected);
    }
    out!("{}", lang.pick("结论：数据库文件已损坏", "verdict: the database file is damaged"));
    drop(store);
    suggest_restore(lang, db);
    Ok(Exit::Rejected)
}

/// Names the newest backup that passes the integrity check and the command to restore it.
fn suggest_restore(lang: Lang, db: &Path) {
    match backup::newest_verified(db, TRIED) {
        Some(b) => {
            out!(
                "{}{}",
                lang.pick("最新的完好备份：", "the newest backup that passes the integrity check: "),
                b.display()
            );
            out!(
                "{}xingfu restore {} --db {}",
                lang.pick("请关闭所有幸福窗口后恢复：", "close every xingfu window, then restore it: "),
                quoted(&b),
                quoted(db)
            );
            out!(
                "{}",
                lang.pick(
                    "（损坏的文件会保留为 <名称>-before-restore-<时间>.db；备份之后录入的数据需要重新录入或导入）",
                    "(the damaged file is kept as <name>-before-restore-<time>.db; what was entered after the backup must be entered or imported again)"
                )
            );
        }
        None => out!(
            "{}{}{}",
            lang.pick("备份文件夹 ", "no backup in "),
            backup::backup_dir(db).display(),
            lang.pick(
                " 中没有完好的备份；请勿再写入此数据库，并联系技术支持",
                " passes the integrity check; do not write to this database and ask for support"
            )
        ),
    }
}

/// A path as it can be pasted into a command line: in double quotes when it holds a space.
fn quoted(p: &Path) -> String {
    let text = p.display().to_string();
    if text.contains(char::is_whitespace) { format!("\"{text}\"") } else { text }
}

fn summary(lang: Lang, s: &crate::db::Summary) {
    if lang == Lang::Zh {
        out!(
            "村社 {}  项目 {}  捐赠 {}  拨付 {}  志愿者 {}  排班 {}",
            s.villages,
            s.projects,
            s.donations,
            s.disbursements,
            s.volunteers,
            s.shifts
        );
        out!(
            "已筹 {}（公开募捐 {}，配捐 {}）",
            s.raised.display(),
            s.raised_public.display(),
            s.raised_matching.display()
        );
        out!("已拨付 {}  结余 {}", s.disbursed.display(), s.balance.display());
        out!("志愿服务 {} 小时", s.served_hours);
    } else {
        out!(
            "villages {}  projects {}  donations {}  disbursements {}  volunteers {}  shifts {}",
            s.villages,
            s.projects,
            s.donations,
            s.disbursements,
            s.volunteers,
            s.shifts
        );
        out!(
            "raised {} (public {}, matching {})",
            s.raised.display(),
            s.raised_public.display(),
            s.raised_matching.display()
        );
        out!("disbursed {}  balance {}", s.disbursed.display(), s.balance.display());
        out!("volunteer service {} hours", s.served_hours);
    }
}
