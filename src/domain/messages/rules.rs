//! Why a value or record breaks a rule of the template ([`crate::domain::Rule`]).

catalogue! {
    required => "必填项不能为空", "required value is empty";
    too_long(len, max) => "长度为 {len} 个字，最多 {max} 个字", "{len} characters long; at most {max} allowed";
    control_chars => "含有不允许的控制字符（如制表符或换行）",
        "contains a control character (such as a tab or line break) that is not allowed";
    /// `code` is the character's code point (`U+202E`).
    format_char(code) => "含有不可见的格式字符 {code}（如改变文字方向的双向控制符、零宽字符），编码、名称等单行内容中不允许出现，请删除后重新填写",
        "contains the invisible format character {code} (such as a bidi control that reverses text, or a zero-width character), which is not allowed in codes, names and other single-line values: delete it and type the value again";
    code_chars => "编码只能由数字和字母组成", "a code may hold only digits and letters";
    money_not_a_number => "不是有效金额（示例：850000、850,000.00、¥1,234.5）",
        "not an amount of money (e.g. 850000, 850,000.00, ¥1,234.5)";
    money_negative => "金额不能为负数", "an amount cannot be negative";
    money_too_many_decimals => "金额最多两位小数（不会自动四舍五入）",
        "an amount has at most two decimals (it is never rounded)";
    money_too_large => "金额超过上限 1,000,000,000,000 元", "an amount above the limit of 1,000,000,000,000 yuan";
    not_positive => "金额必须大于 0", "the amount must be above 0";
    /// `examples` are spellings of a date that are accepted, as a list.
    date_unrecognised(examples) => "不是有效日期（示例：{examples}）", "not a date (e.g. {examples})";
    date_impossible => "日期不存在", "no such date";
    date_out_of_range => "年份须在 1990 至 2100 之间", "the year must be between 1990 and 2100";
    end_before_start => "结束日期早于开始日期", "the end date is before the start date";
    phone => "不是有效电话号码（7–15 位数字，可带 +86、空格、短横线）",
        "not a phone number (7–15 digits, optionally +86, spaces, dashes)";
    integer => "须为不小于 0 的整数", "must be a whole number ≥ 0";
    not_a_choice(choices) => "不是可选值之一：{choices}", "not one of the values: {choices}";
    hours => "服务时长须大于 0、不超过 24 小时，最多一位小数",
        "hours must be above 0 and at most 24, with at most one decimal";
    time => "不是有效时间（HH:MM）", "not a time of day (HH:MM)";
    /// `what` is the kind of record (`村社` / `village`).
    unknown_reference(what, code) => "{what} {code} 不存在", "no {what} with code {code}";
    duplicate => "编号已被其他记录使用", "this code is already used by another record";
    overdisbursed(raised, disbursed, amount) =>
        "拨付超出筹款：项目收入（捐赠与结转转入）{raised}，已支出（拨付与结转转出）{disbursed}，本次 {amount}",
        "disbursements would exceed the balance: income (donations, carry-overs in) {raised}, already spent (disbursements, carry-overs out) {disbursed}, this {amount}";
    underfunded(raised, disbursed) =>
        "修改后该捐赠原属项目的收入（捐赠与结转转入）将为 {raised}，低于已支出的 {disbursed}（拨付与结转转出）",
        "the donation's project would then have an income (donations, carry-overs in) of {raised}, below the {disbursed} it already spent (disbursements, carry-overs out)";
    project_overdisbursed(project, disbursed, raised) =>
        "全部导入后，项目 {project} 的拨付合计（含结转转出）{disbursed} 将超过收入合计（捐赠与结转转入）{raised}",
        "once everything is imported, project {project} would have spent {disbursed} (disbursements, carry-overs out), more than its income of {raised} (donations, carry-overs in)";
    total_too_large(project) => "项目 {project} 的捐赠合计将超过上限 1,000,000,000,000 元",
        "project {project}'s donations would pass the limit of 1,000,000,000,000 yuan";
    served_ahead(date) => "排班日期 {date} 还未到，不能标记为已完成", "the shift is on {date}, still to come: it cannot be marked served";
    breaks_carry_over(carry_over, project, balance, amount) =>
        "这样会使结转 {carry_over} 超出项目 {project} 在结转日期的余额：当日余额将只有 {balance}，结转 {amount}",
        "this would leave carry-over {carry_over} larger than project {project} holds on its date: {balance} against {amount}";
    published_before_period_ends => "公示日期早于期间止：定期公示和结项公示须在期间结束后发布",
        "published before the period ends: a periodic or final disclosure comes after its period";
    carry_over_to_itself => "转入项目与转出项目相同", "the receiving project is the giving project";
    carry_over_exceeds_balance(project, balance, amount) =>
        "结转超出余额：项目 {project} 在结转日期的余额为 {balance}，本次结转 {amount}",
        "the carry-over exceeds the balance: project {project} holds {balance} on that date, this moves {amount}";
    carry_over_to_closed(project) => "项目 {project} 已结项或关闭，不能再转入资金",
        "project {project} is completed or closed and cannot receive a carry-over";
    project_closed(project) => "项目 {project} 已结项或关闭，不能再录入捐赠或拨付",
        "project {project} is completed or closed: no new donations or disbursements";
    /// `what` is the kind of the records that refer to it (`捐赠` / `donations`).
    record_in_use(count, what) => "仍有 {count} 条{what}引用此记录，不能删除",
        "{count} {what} still refer to this record; it cannot be deleted";
    /// A broken rule of one field: its column header, the value as given, and why.
    field_error(header, value, reason) => "{header}「{value}」：{reason}", "{header} \"{value}\": {reason}";
}

/// The spellings of a date the template accepts, shown as examples.
pub const DATE_EXAMPLES: [&str; 4] = ["2021-05-10", "2021/5/10", "2021年5月10日", "20210510"];
