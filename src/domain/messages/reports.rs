//! Reports (`crate::ops::report`): statements, the disclosure calendar, notices, closing
//! reports and the county summary.

catalogue! {
    report_statement_title => "收支情况表", "Statement of income and spending";
    report_summary_title => "县级汇总表", "County summary";
    report_due_title => "信息公开日历：待公示事项", "Disclosure calendar: what is due";
    report_notice_title(title) => "{title} 收支公示", "Public notice: {title}";
    report_closing_title(title) => "{title} 结项报告", "Closing report: {title}";
    report_scope_project(code, name) => "项目 {code} {name}", "Project {code} {name}";
    report_scope_village(code, name) => "村社 {code} {name}", "Village {code} {name}";
    report_anonymous => "匿名", "anonymous";
    report_whole_office => "全部项目", "All projects of the office";
    report_period(from, to) => "期间：{from} 至 {to}", "Period: {from} to {to}";
    report_summary_heading => "收支汇总", "Summary";
    report_by_month => "按月", "By month";
    report_by_village_category => "按村社和类别", "By village and category";
    report_opening => "期初余额", "Opening balance";
    report_closing => "期末余额", "Closing balance";
    report_total => "合计", "Total";
    /// A village's subtotal row.
    report_subtotal(name) => "{name} 小计", "{name} subtotal";
    report_col_item => "科目", "Item";
    report_col_amount => "金额（元）", "Amount (yuan)";
    report_col_month => "月份", "Month";
    report_col_public => "公开募捐", "Public";
    report_col_matching => "配捐", "Matching";
    report_col_donations => "捐赠", "Donations";
    report_col_carried_in => "结转转入", "Carry in";
    report_col_disbursed => "拨付", "Disbursed";
    report_col_carried_out => "结转转出", "Carry out";
    report_col_closing => "期末余额", "Closing";
    report_col_village => "村社", "Village";
    report_col_category => "类别", "Category";
    report_col_from_donor_type(kind) => "来自{kind}", "From {kind}";
    report_col_hours => "志愿服务小时", "Volunteer hours";
    report_col_donor => "捐赠人", "Donor";
    report_col_donor_type => "捐赠人类型", "Donor type";
    report_col_direction => "方向", "Direction";
    report_col_reason => "原因", "Reason";
    report_col_due_on => "应公示日期", "Due on";
    report_col_state => "状态", "State";
    report_col_duty => "公示事项", "Disclosure";
    report_carried_in_from => "转入自", "in from";
    report_carried_out_to => "转出至", "out to";
    report_no_activity_in_period => "本期无收支", "no money moved in the period";
    report_none_in_period => "本期无", "none in the period";
    report_no_projects => "没有项目", "no projects";
    report_notice_meta(from, to, target) => "公示期间：{from} 至 {to}　目标金额：{target}",
        "Period: {from} to {to}   Target: {target}";
    report_balances(opening, closing) => "期初余额 {opening}，期末余额 {closing}",
        "Opening balance {opening}, closing balance {closing}";
    report_notice_donations(count) => "本期捐赠（{count} 笔）", "Donations of the period ({count})";
    report_notice_disbursements(count) => "本期拨付（{count} 笔）", "Disbursements of the period ({count})";
    report_notice_carry_overs => "本期结转", "Carry-overs of the period";
    report_sign_handler => "经办人：__________", "Prepared by: __________";
    report_sign_reviewer => "审核人：__________", "Checked by: __________";
    report_sign_seal => "村委会（盖章）", "Village committee (seal)";
    report_sign_date => "日期：____年__月__日", "Date: ____-__-__";
    report_due_meta(today, within) => "截至 {today}，含今后 {within} 天内到期的事项",
        "As of {today}, with what falls due within {within} days";
    report_due_heading => "逾期及即将到期", "Overdue and due soon";
    report_nothing_due => "没有待公示的事项", "nothing is due";
    report_overdue_days(days) => "已逾期 {days} 天", "overdue {days} d";
    report_due_in_days(days) => "{days} 天后到期", "due in {days} d";
    report_met_on(date) => "已于 {date} 公示", "disclosed on {date}";
    report_duty_quarter(from, to) => "定期公示 {from} 至 {to}", "periodic, {from} to {to}";
    report_duty_final(end) => "结项公示（{end} 结束）", "final (ended {end})";
    report_disclosures_owed => "信息公开", "Disclosures";
    report_closing_status(status, balance) => "状态：{status}　余额：{balance}", "Status: {status}   Balance: {balance}";
    report_to_check => "需核对", "To check";
    report_nothing_to_check => "无", "nothing";
    report_closed_with_balance(balance) => "项目已结项或关闭，但仍有余额 {balance}：请结转或拨付",
        "the project is completed or closed but still holds {balance}: carry it over or disburse it";
    report_gifts_after_end(end, amount) => "结束日期 {end} 之后仍收到捐赠 {amount}",
        "donations of {amount} arrived after the end date {end}";
    report_written(path) => "已保存：{path}", "written: {path}";
    report_format(path) => "报表只能保存为 .xlsx、.html 或 .csv：{path}", "a report is saved as .xlsx, .html or .csv: {path}";
    period_backwards(from, to) => "期间的结束日期 {to} 早于开始日期 {from}", "the period ends ({to}) before it begins ({from})";
    /// `what` is the kind of record (`项目` / `project`).
    no_such_record(what, code) => "{what} {code} 不存在", "no {what} with code {code}";
    no_activity(project) => "项目 {project} 在该期间没有捐赠、拨付或结转，无需公示",
        "project {project} had no donations, disbursements or carry-overs in the period: nothing to publish";
}
