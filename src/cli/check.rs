//! `xingfu check`: SQLite's checks, the running totals, and a one-screen summary.

use std::path::Path;

use crate::db::{DbError, OpenMode, Store};
use crate::domain::Lang;

use super::Exit;

pub fn run(lang: Lang, db: &Path, operator: &str) -> Result<Exit, DbError> {
    let store = Store::open(db, OpenMode::ReadOnly, operator)?;
    let health = store.health()?;
    let s = store.summary()?;
    let ok = lang.pick("正常", "ok");
    let show = |label: &str, problems: &[String]| {
        if problems.is_empty() {
            out!("{label}{ok}");
        } else {
            out!("{label}{} {}", problems.len(), lang.pick("处异常", "problems"));
            for p in problems.iter().take(10) {
                out!("  {p}");
            }
        }
    };
    out!(
        "{}{}{}{}{}",
        lang.pick("数据库：", "database: "),
        db.display(),
        lang.pick("（数据版本 ", " (schema "),
        store.schema_version()?,
        lang.pick("）", ")")
    );
    show(lang.pick("完整性检查：", "integrity check: "), &health.integrity);
    show(lang.pick("外键检查：  ", "foreign keys:    "), &health.foreign_keys);
    show(lang.pick("汇总核对：  ", "running totals:  "), &health.totals);
    out!();
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
    out!();
    if health.is_healthy() {
        out!("{}", lang.pick("结论：健康", "verdict: healthy"));
        Ok(Exit::Ok)
    } else {
        out!(
            "{}",
            lang.pick(
                "结论：发现问题（请先备份，再联系技术支持）",
                "verdict: problems found (back up first, then ask for support)"
            )
        );
        Ok(Exit::Rejected)
    }
}
