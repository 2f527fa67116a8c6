//! The console's lines that carry figures (`crate::tui`): the counts and totals under a
//! list, the running figures of a batch, the progress of a job.

catalogue! {
    listed_totals(count, total) => " 列表：{count} 笔，合计 {total}", " {count} listed, total {total}";
    batch_running(count, total, state) => "已录：{count} 笔，合计 {total}  {state}",
        "Entered: {count}, total {total}  {state}";
    /// Its items are separated by two spaces: the overview packs them into lines.
    overview_counts(villages, projects, donations, donors, anonymous, volunteers, hours) =>
        "村社 {villages}  项目 {projects}  捐赠 {donations} 笔  捐赠人 {donors}（另有匿名 {anonymous} 笔）  志愿者 {volunteers}  服务 {hours} 小时",
        "{villages} villages  {projects} projects  {donations} donations  {donors} donors (and {anonymous} anonymous gifts)  {volunteers} volunteers  {hours} hours served";
    job_progress(phase, done, total) => " 正在处理：{phase} {done}/{total}", " Working: {phase} {done}/{total}";
    backup_before_import(path) => "导入前的备份：{path}", "backup before the import: {path}";
    field_value(field, value) => "  {field}「{value}」", "  {field} \"{value}\"";
    field_both_values(field, theirs, yours) => "  {field}  他人「{theirs}」  本窗口「{yours}」",
        "  {field}  theirs \"{theirs}\"  yours \"{yours}\"";
    field_reason(field, reason) => "{field}：{reason}", "{field}: {reason}";
    raised_with_matching(label, total, matching_label, matching) => "{label} {total}（{matching_label} {matching}）",
        "{label} {total} ({matching_label} {matching})";
    batch_saved(count, total, first, last) => "已保存 {count} 笔，合计 {total}（{first} 至 {last}）",
        "Saved {count} slips, total {total} ({first} to {last})";
    /// A deletion asked about: what kind, its code, and what it is (donor, amount, date …).
    confirm_delete(kind, code, what, yes_no) => "删除{kind} {code}（{what}）？{yes_no}", "Delete {kind} {code} ({what})? {yes_no}";
    confirm_close(code, title, yes_no) => "结项 {code} {title}？结项后不能再录入捐赠和拨付。{yes_no}",
        "Close {code} {title}? No donations or disbursements can be entered after. {yes_no}";
    close_carry_first(balance) => "项目还有余额 {balance}：请先结转（已打开结转表单）或拨付，再结项",
        "The project still holds {balance}: carry it over (the form is open) or disburse it, then close it";
    /// The file browser's title, with how many files are marked.
    files_title(marked) => "选择文件（输入筛选 · Tab 多选 {marked} · Enter 选定 · ← 上级）",
        "Files (type to narrow · Tab marks, {marked} · Enter takes · ← up)";
    /// A title with a hint after it in brackets.
    titled_hint(title, hint) => "{title}（{hint}）", "{title} ({hint})";
    more_lines(count) => "（还有 {count} 行：j / PgDn 下翻）", "({count} more lines: j / PgDn)";
    narrowed_search(text) => "搜索「{text}」", "search \"{text}\"";
    narrowed_dates(from, to) => "{from}至{to}", "{from} to {to}";
    /// Beside a list's count: what narrows it, and how to undo that.
    narrowed(what) => "· 筛选：{what}（Esc 清除）", "· narrowed: {what} (Esc clears)";
    export_default_name(scope, day) => "导出-{scope}-{day}.xlsx", "export-{scope}-{day}.xlsx";
    confirm_overwrite(path, yes_no) => "{path} 已存在，覆盖？{yes_no}", "{path} exists. Overwrite it? {yes_no}";
    confirm_undo(what, yes_no) => "撤销您的上一次修改？{what} {yes_no}", "Undo your last change? {what} {yes_no}";
    confirm_revert(what, yes_no) => "撤销这组修改？撤销本身也记入日志。{what} {yes_no}",
        "Revert this change-set? The revert is logged too. {what} {yes_no}";
    reverted(id, by) => "已撤销第 {id} 组修改（记为第 {by} 组）", "Change-set #{id} reverted (logged as #{by})";
    operator_now(name) => "现在的操作员：{name}", "Operator now: {name}";
}

/// A short whole-yuan amount for a chart's bar: `12.3万` / `1.2亿` in Chinese, `123k` /
/// `120M` in English (the same figure, counted in the reader's units), `8500` below
/// ten thousand. Rounded to one decimal of the unit, in integers.
pub fn short_amount(lang: crate::domain::Lang, fen: i64) -> String {
    let yuan = fen / 100;
    let tenths = |unit: i64| {
        let t = (yuan.saturating_mul(10).saturating_add(unit / 2)) / unit;
        format!("{}.{}", t / 10, t % 10)
    };
    match lang {
        crate::domain::Lang::Zh if yuan >= 100_000_000 => format!("{}亿", tenths(100_000_000)),
        crate::domain::Lang::Zh if yuan >= 10_000 => format!("{}万", tenths(10_000)),
        crate::domain::Lang::En if yuan >= 1_000_000 => format!("{}M", tenths(1_000_000)),
        crate::domain::Lang::En if yuan >= 10_000 => format!("{}k", tenths(1_000)),
        _ => yuan.to_string(),
    }
}

/// What can be done after a refused import, as the last line of its report.
pub fn refused_next(lang: crate::domain::Lang, conflicts_only: bool) -> String {
    match (lang, conflicts_only) {
        (crate::domain::Lang::Zh, false) => "e 写出带“错误”列的副本，交村里改正后再发来 · Esc 关闭".into(),
        (crate::domain::Lang::Zh, true) => {
            "只有编号相同而内容不同的记录：u 以更新方式重新导入（旧值记入日志）· e 写出带“错误”列的副本 · Esc 关闭".into()
        }
        (crate::domain::Lang::En, false) => "e writes a copy with an errors column for the village to correct · Esc closes".into(),
        (crate::domain::Lang::En, true) => {
            "Only codes with other content: u imports again, updating them (old values go to the log) · e writes a copy with errors · Esc closes".into()
        }
    }
}

/// The short headers of batch entry's columns (the grid is narrow).
pub fn batch_columns(lang: crate::domain::Lang) -> [&'static str; 9] {
    match lang {
        crate::domain::Lang::Zh => {
            ["捐赠人", "金额（元）", "日期", "渠道", "类型", "配捐", "电话", "票据代码", "票据号码"]
        }
        crate::domain::Lang::En => {
            ["Donor", "Amount", "Date", "Channel", "Type", "Match", "Phone", "Rcpt code", "Rcpt no."]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::short_amount;
    use crate::domain::Lang;

    #[test]
    fn short_amounts_count_in_the_readers_units() {
        assert_eq!(short_amount(Lang::Zh, 85_000_000), "85.0万");
        assert_eq!(short_amount(Lang::En, 85_000_000), "850.0k");
        assert_eq!(short_amount(Lang::Zh, 12_345_678_900), "1.2亿");
        assert_eq!(short_amount(Lang::En, 12_345_678_900), "123.5M");
        assert_eq!(short_amount(Lang::Zh, 850_000), "8500");
        assert_eq!(short_amount(Lang::En, 850_000), "8500");
        assert_eq!(short_amount(Lang::Zh, 1_532_100), "1.5万");
        assert!(short_amount(Lang::Zh, i64::MAX).ends_with('亿'), "the largest amount does not overflow");
    }
}
