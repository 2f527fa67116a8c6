//! Reports of the operations both faces use: import, export, the village card, the demo
//! and training data (`crate::ops`).

catalogue! {
    more_errors_not_shown(rest) => "另有 {rest} 处错误未列出（导出带“错误”列的副本可看到全部）",
        "{rest} more problems not shown (the copy with an error column lists them all)";
    more_warnings_not_shown(rest) => "另有 {rest} 条警告未列出", "{rest} more warnings not shown";
    rows_read(sheet, read) => "{sheet}：读取 {read} 行", "{sheet}: {read} rows read";
    rows_written(sheet, read, inserted, updated, unchanged) =>
        "{sheet}：读取 {read} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}",
        "{sheet}: {read} rows read, {inserted} inserted, {updated} updated, {unchanged} unchanged";
    rows_would_write(sheet, read, inserted, updated, unchanged) =>
        "{sheet}：读取 {read} 行，将新增 {inserted}，将更新 {updated}，未变 {unchanged}",
        "{sheet}: {read} rows read, {inserted} would be inserted, {updated} updated, {unchanged} unchanged";
    /// Added to the name of the error copy of a file.
    error_copy_suffix => "错误", "errors";
    export_too_many_rows(sheet) => "「{sheet}」表行数超过 XLSX 单表上限 1,048,575 行，请改用 CSV 导出",
        "sheet {sheet} has more rows than XLSX holds (1,048,575): export CSV instead";
    write_failed(error) => "写文件失败：{error}", "cannot write the file: {error}";
    json_failed(error) => "无法生成 JSON：{error}", "cannot write the JSON: {error}";
    demo_not_empty(path) => "数据库不是空的，演示数据只能载入新数据库：{path}",
        "the database is not empty; the demo loads only into a new one: {path}";
    demo_rejected => "内置的演示数据未能导入（程序错误）", "the built-in demo data did not import (a bug)";
    card_contact(name, phone) => "联系人：{name} {phone}", "contact: {name} {phone}";
    card_village_figures(projects, target, raised, public, matching, disbursed, balance) =>
        "项目 {projects} 个  目标 {target}  已筹 {raised}（公开 {public}，配捐 {matching}）  已拨付 {disbursed}  结余 {balance}",
        "{projects} projects  target {target}  raised {raised} (public {public}, matching {matching})  disbursed {disbursed}  balance {balance}";
    card_project_figures(target, raised, matching, disbursed, balance, percent) =>
        "目标 {target}  已筹 {raised}（配捐 {matching}）  已拨付 {disbursed}  结余 {balance}  {percent}%",
        "target {target}  raised {raised} (matching {matching})  disbursed {disbursed}  balance {balance}  {percent}%";
    card_latest_disbursements => "最近拨付：", "latest disbursements:";
    card_volunteer_hours(count, year) => "在册志愿者 {count} 人，{year} 年服务时长：", "{count} volunteers in the register, hours served in {year}:";
    card_generated(time) => "生成时间：{time}", "generated: {time}";
    html_title => "村社卡片", "Village card";
    html_heading(name, code) => "{name}（{code}）", "{name} ({code})";
    /// What the raised total is made of, after it.
    html_raised_split(public, matching) => "（公开募捐 ¥{public}，配捐 ¥{matching}）", " (public ¥{public}, matching ¥{matching})";
    html_contact(name, phone) => "联系人：{name} {phone}", "Contact: {name} {phone}";
    html_raised => "已筹", "Raised";
    html_public => "公开募捐", "public";
    html_matching => "配捐", "matching";
    html_disbursed => "已拨付", "Disbursed";
    html_balance => "结余", "Balance";
    html_projects => "项目", "Projects";
    html_code => "编号", "Code";
    html_title_column => "名称", "Title";
    html_status => "状态", "Status";
    html_target => "目标", "Target";
    html_progress => "进度", "Progress";
    html_latest => "最近拨付", "Latest disbursements";
    html_date => "日期", "Date";
    html_project => "项目", "Project";
    html_amount => "金额", "Amount";
    html_payee => "收款方", "Payee";
    html_purpose => "用途", "Purpose";
    html_volunteers => "志愿者及本年服务时长", "Volunteers and hours served this year";
    html_name => "姓名", "Name";
    html_phone => "电话", "Phone";
    html_hours => "小时", "Hours";
    html_generated(time) => "生成时间：{time}", "Generated: {time}";
}
