//! The console's lines that carry figures (`crate::tui`): the counts and totals under a
//! list, the running figures of a batch, the progress of a job.

catalogue! {
    listed_totals(count, total) => " 列表：{count} 笔，合计 {total}", " {count} listed, total {total}";
    batch_running(count, total, state) => "已录：{count} 笔，合计 {total}  {state}",
        "Entered: {count}, total {total}  {state}";
    overview_counts(villages, projects, donations, donors, volunteers, hours) =>
        "村社 {villages}  项目 {projects}  捐赠 {donations} 笔  捐赠人 {donors}  志愿者 {volunteers}  服务 {hours} 小时",
        "{villages} villages  {projects} projects  {donations} donations  {donors} donors  {volunteers} volunteers  {hours} hours served";
    job_progress(phase, done, total) => " 正在处理：{phase} {done}/{total}", " Working: {phase} {done}/{total}";
    backup_before_import(path) => "导入前的备份：{path}", "backup before the import: {path}";
    field_value(field, value) => "  {field}「{value}」", "  {field} \"{value}\"";
    field_both_values(field, theirs, yours) => "  {field}  他人「{theirs}」  本窗口「{yours}」",
        "  {field}  theirs \"{theirs}\"  yours \"{yours}\"";
    field_reason(field, reason) => "{field}：{reason}", "{field}: {reason}";
    export_default_name(day) => "导出-{day}.xlsx", "export-{day}.xlsx";
}
