//! Rule violations, typed, each with a message in Chinese and English.

use std::fmt;

use super::date::DateError;
use super::lang::Lang;
use super::money::MoneyError;

/// One broken rule of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A required value is empty.
    Required,
    /// Longer than allowed (`len` characters).
    TooLong { max: usize, len: usize },
    /// Holds a control character (a tab, or a line break outside notes and descriptions).
    ControlChars,
    /// A village code with something other than digits and letters.
    CodeChars,
    /// Not an acceptable amount of money.
    Money(MoneyError),
    /// An amount that must be above zero is zero.
    NotPositive,
    /// Not an acceptable date.
    Date(DateError),
    /// An end date before the start date.
    EndBeforeStart,
    /// Not a phone number.
    Phone,
    /// Not a whole number ≥ 0.
    Integer,
    /// Not one of the values of an enumeration (`choices` lists them).
    Choice { choices: String },
    /// Not a number of hours with at most one decimal, 0 < h ≤ 24.
    Hours,
    /// Not a clock time HH:MM.
    Time,
    /// Refers to a record that does not exist.
    UnknownReference { what: &'static str, code: String },
    /// A code (or receipt) that is already used by another record.
    Duplicate,
    /// A disbursement that would take the project's disbursements above its donations.
    Overdisbursed { raised_fen: i64, disbursed_fen: i64, amount_fen: i64 },
    /// A change to a donation that would leave the project's donations below what it has
    /// already disbursed.
    Underfunded { raised_fen: i64, disbursed_fen: i64 },
    /// A record that others still refer to cannot be deleted.
    InUse { what: &'static str, count: i64 },
    /// Once every row of an import is applied, the project's disbursements exceed its
    /// donations.
    ProjectOverdisbursed { project: String, raised_fen: i64, disbursed_fen: i64 },
    /// The project's donations would pass the largest total a project may hold.
    TotalTooLarge { project: String },
}

impl Rule {
    /// The reason, in the operator's language.
    pub fn message(&self, lang: Lang) -> String {
        use super::money::Money;
        let zh = lang == Lang::Zh;
        match self {
            Rule::Required => lang.pick("必填项不能为空", "required value is empty").into(),
            Rule::TooLong { max, len } => {
                if zh {
                    format!("长度为 {len} 个字，最多 {max} 个字")
                } else {
                    format!("{len} characters long; at most {max} allowed")
                }
            }
            Rule::ControlChars => lang
                .pick(
                    "含有不允许的控制字符（如制表符或换行）",
                    "contains a control character (such as a tab or line break) that is not allowed",
                )
                .into(),
            Rule::CodeChars => lang.pick("编码只能由数字和字母组成", "a code may hold only digits and letters").into(),
            Rule::Money(e) => match e {
                MoneyError::NotANumber => lang
                    .pick(
                        "不是有效金额（示例：850000、850,000.00、¥1,234.5）",
                        "not an amount of money (e.g. 850000, 850,000.00, ¥1,234.5)",
                    )
                    .into(),
                MoneyError::Negative => lang.pick("金额不能为负数", "an amount cannot be negative").into(),
                MoneyError::TooManyDecimals => lang
                    .pick(
                        "金额最多两位小数（不会自动四舍五入）",
                        "an amount has at most two decimals (it is never rounded)",
                    )
                    .into(),
                MoneyError::TooLarge => lang
                    .pick("金额超过上限 1,000,000,000,000 元", "an amount above the limit of 1,000,000,000,000 yuan")
                    .into(),
            },
            Rule::NotPositive => lang.pick("金额必须大于 0", "the amount must be above 0").into(),
            Rule::Date(e) => match e {
                DateError::Unrecognised => lang
                    .pick(
                        "不是有效日期（示例：2021-05-10、2021/5/10、2021年5月10日、20210510）",
                        "not a date (e.g. 2021-05-10, 2021/5/10, 2021年5月10日, 20210510)",
                    )
                    .into(),
                DateError::Impossible => lang.pick("日期不存在", "no such date").into(),
                DateError::OutOfRange => {
                    lang.pick("年份须在 1990 至 2100 之间", "the year must be between 1990 and 2100").into()
                }
            },
            Rule::EndBeforeStart => lang.pick("结束日期早于开始日期", "the end date is before the start date").into(),
            Rule::Phone => lang
                .pick(
                    "不是有效电话号码（7–15 位数字，可带 +86、空格、短横线）",
                    "not a phone number (7–15 digits, optionally +86, spaces, dashes)",
                )
                .into(),
            Rule::Integer => lang.pick("须为不小于 0 的整数", "must be a whole number ≥ 0").into(),
            Rule::Choice { choices } => {
                if zh {
                    format!("不是可选值之一：{choices}")
                } else {
                    format!("not one of the values: {choices}")
                }
            }
            Rule::Hours => lang
                .pick(
                    "服务时长须大于 0、不超过 24 小时，最多一位小数",
                    "hours must be above 0 and at most 24, with at most one decimal",
                )
                .into(),
            Rule::Time => lang.pick("不是有效时间（HH:MM）", "not a time of day (HH:MM)").into(),
            Rule::UnknownReference { what, code } => {
                if zh {
                    format!("{what} {code} 不存在")
                } else {
                    format!("no {} with code {code}", english_of(what))
                }
            }
            Rule::Duplicate => lang.pick("编号已被其他记录使用", "this code is already used by another record").into(),
            Rule::Overdisbursed { raised_fen, disbursed_fen, amount_fen } => {
                let raised = Money::from_fen(*raised_fen).display();
                let disbursed = Money::from_fen(*disbursed_fen).display();
                let amount = Money::from_fen(*amount_fen).display();
                if zh {
                    format!("拨付超出筹款：项目已筹 {raised}，已拨付 {disbursed}，本次 {amount}")
                } else {
                    format!(
                        "disbursements would exceed donations: raised {raised}, already disbursed {disbursed}, this {amount}"
                    )
                }
            }
            Rule::Underfunded { raised_fen, disbursed_fen } => {
                let raised = Money::from_fen(*raised_fen).display();
                let disbursed = Money::from_fen(*disbursed_fen).display();
                if zh {
                    format!("修改后项目筹款 {raised} 将低于已拨付的 {disbursed}")
                } else {
                    format!("the project's donations would fall to {raised}, below the {disbursed} already disbursed")
                }
            }
            Rule::ProjectOverdisbursed { project, raised_fen, disbursed_fen } => {
                let raised = Money::from_fen(*raised_fen).display();
                let disbursed = Money::from_fen(*disbursed_fen).display();
                if zh {
                    format!("全部导入后，项目 {project} 的拨付合计 {disbursed} 将超过捐赠合计 {raised}")
                } else {
                    format!(
                        "once everything is imported, project {project} would have disbursed {disbursed}, more than the {raised} it raised"
                    )
                }
            }
            Rule::TotalTooLarge { project } => {
                if zh {
                    format!("项目 {project} 的捐赠合计将超过上限 1,000,000,000,000 元")
                } else {
                    format!("project {project}'s donations would pass the limit of 1,000,000,000,000 yuan")
                }
            }
            Rule::InUse { what, count } => {
                if zh {
                    format!("仍有 {count} 条{what}引用此记录，不能删除")
                } else {
                    format!("{count} {} still refer to this record; it cannot be deleted", english_of(what))
                }
            }
        }
    }
}

/// English words for the Chinese record names used in messages.
fn english_of(zh: &str) -> &str {
    match zh {
        "村社" => "village",
        "项目" => "project",
        "捐赠" => "donations",
        "拨付" => "disbursements",
        "志愿者" => "volunteer",
        "志愿排班" => "shifts",
        other => other,
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// A rule broken by one field of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's English key (`amount`, `village_code`…).
    pub field: &'static str,
    /// The value as it was given.
    pub value: String,
    pub rule: Rule,
}

impl FieldError {
    /// `捐赠金额（元）「-5」：金额不能为负数`
    pub fn message(&self, lang: Lang, header: &str) -> String {
        match lang {
            Lang::Zh => format!("{header}「{}」：{}", self.value, self.rule.message(lang)),
            Lang::En => format!("{header} \"{}\": {}", self.value, self.rule.message(lang)),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message(Lang::En, self.field))
    }
}

impl std::error::Error for FieldError {}
