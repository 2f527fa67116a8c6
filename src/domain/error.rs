//! Rule violations, typed, each with a message in Chinese and English.

use std::fmt;

use super::date::DateError;
use super::lang::Lang;
use super::messages as m;
use super::money::MoneyError;
use super::shown::one_line;

/// One broken rule of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// A required value is empty.
    Required,
    /// Longer than allowed (`len` characters).
    TooLong { max: usize, len: usize },
    /// Holds a control character (a tab, or a line break outside notes and descriptions).
    ControlChars,
    /// Holds an invisible format character (a bidi control, a zero-width character…) in a
    /// code, a name or another single-line value.
    FormatChar(char),
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
    /// A carry-over whose giving and receiving project are the same.
    CarryOverToItself,
    /// A carry-over larger than the giving project's balance on its date.
    CarryOverExceedsBalance { project: String, balance_fen: i64, amount_fen: i64 },
    /// A carry-over into a project that is closed (已结项 / 已关闭).
    CarryOverToClosed { project: String },
    /// A donation or disbursement entered for a closed project.
    ProjectClosed { project: String },
    /// A change that would leave a carry-over larger than its giving project's balance on
    /// the carry-over's date.
    BreaksCarryOver { carry_over: String, project: String, balance_fen: i64, amount_fen: i64 },
    /// A periodic or final disclosure dated before the end of the period it accounts for.
    PublishedBeforePeriodEnds,
    /// A shift marked served before its day.
    ServedAhead { date: chrono::NaiveDate },
    /// Not a valid 18-digit resident identity number (check character, birth date).
    IdNumber,
    /// A receipt number that is not digits only (at most 20).
    ReceiptNumber,
    /// A receipt book whose last number is below its first.
    ReceiptRangeBackwards,
    /// A receipt book that shares numbers with a registered one (`book` as labelled).
    ReceiptOverlap { book: String },
    /// A receipt number in no registered book, while the office has books.
    ReceiptOutsideBooks { code: String, number: String },
    /// A receipt number that was voided; it is never used again.
    ReceiptVoided { code: String, number: String },
    /// A receipt number that a donation holds (it cannot be voided as blank).
    ReceiptInUse { code: String, number: String, donation: String },
    /// A receipt number already voided (voided twice).
    ReceiptAlreadyVoided { code: String, number: String },
    /// No receipt book has numbers left.
    ReceiptsExhausted,
    /// The office has registered no receipt book.
    NoReceiptBooks,
    /// A donation that holds no receipt number (nothing to void).
    NoReceiptNumber { donation: String },
}

impl Rule {
    /// The reason, in the operator's language, on one line; a code it quotes is shown as
    /// [`one_line`] shows it.
    pub fn message(&self, lang: Lang) -> String {
        one_line(&self.reason(lang))
    }

    fn reason(&self, lang: Lang) -> String {
        use super::money::Money;
        let amount = |fen: &i64| Money::from_fen(*fen).display();
        match self {
            Rule::Required => m::required(lang).into(),
            Rule::TooLong { max, len } => m::too_long(lang, len, max),
            Rule::ControlChars => m::control_chars(lang).into(),
            Rule::FormatChar(c) => m::format_char(lang, format!("U+{:04X}", *c as u32)),
            Rule::CodeChars => m::code_chars(lang).into(),
            Rule::Money(e) => match e {
                MoneyError::NotANumber => m::money_not_a_number(lang).into(),
                MoneyError::Negative => m::money_negative(lang).into(),
                MoneyError::TooManyDecimals => m::money_too_many_decimals(lang).into(),
                MoneyError::TooLarge => m::money_too_large(lang).into(),
            },
            Rule::NotPositive => m::not_positive(lang).into(),
            Rule::Date(e) => match e {
                DateError::Unrecognised => m::date_unrecognised(lang, m::list(lang, &m::DATE_EXAMPLES)),
                DateError::Impossible => m::date_impossible(lang).into(),
                DateError::OutOfRange => m::date_out_of_range(lang).into(),
            },
            Rule::EndBeforeStart => m::end_before_start(lang).into(),
            Rule::Phone => m::phone(lang).into(),
            Rule::Integer => m::integer(lang).into(),
            Rule::Choice { choices } => m::not_a_choice(lang, choices),
            Rule::Hours => m::hours(lang).into(),
            Rule::Time => m::time(lang).into(),
            Rule::UnknownReference { what, code } => m::unknown_reference(lang, record_word(what, lang), code),
            Rule::Duplicate => m::duplicate(lang).into(),
            Rule::Overdisbursed { raised_fen, disbursed_fen, amount_fen } => {
                m::overdisbursed(lang, amount(raised_fen), amount(disbursed_fen), amount(amount_fen))
            }
            Rule::Underfunded { raised_fen, disbursed_fen } => {
                m::underfunded(lang, amount(raised_fen), amount(disbursed_fen))
            }
            Rule::ProjectOverdisbursed { project, raised_fen, disbursed_fen } => {
                m::project_overdisbursed(lang, project, amount(disbursed_fen), amount(raised_fen))
            }
            Rule::TotalTooLarge { project } => m::total_too_large(lang, project),
            Rule::CarryOverToItself => m::carry_over_to_itself(lang).into(),
            Rule::CarryOverExceedsBalance { project, balance_fen, amount_fen } => {
                m::carry_over_exceeds_balance(lang, project, amount(balance_fen), amount(amount_fen))
            }
            Rule::CarryOverToClosed { project } => m::carry_over_to_closed(lang, project),
            Rule::ProjectClosed { project } => m::project_closed(lang, project),
            Rule::ServedAhead { date } => m::served_ahead(lang, date),
            Rule::PublishedBeforePeriodEnds => m::published_before_period_ends(lang).into(),
            Rule::BreaksCarryOver { carry_over, project, balance_fen, amount_fen } => {
                m::breaks_carry_over(lang, carry_over, project, amount(balance_fen), amount(amount_fen))
            }
            Rule::InUse { what, count } => m::record_in_use(lang, count, record_word(what, lang)),
            Rule::IdNumber => m::id_number_invalid(lang).into(),
            Rule::ReceiptNumber => m::receipt_number_invalid(lang).into(),
            Rule::ReceiptRangeBackwards => m::receipt_range_backwards(lang).into(),
            Rule::ReceiptOverlap { book } => m::receipt_overlap(lang, book),
            Rule::ReceiptOutsideBooks { code, number } => m::receipt_outside_books(lang, code, number),
            Rule::ReceiptVoided { code, number } => m::receipt_voided(lang, code, number),
            Rule::ReceiptInUse { code, number, donation } => m::receipt_in_use(lang, code, number, donation),
            Rule::ReceiptAlreadyVoided { code, number } => m::receipt_already_voided(lang, code, number),
            Rule::ReceiptsExhausted => m::receipts_exhausted(lang).into(),
            Rule::NoReceiptBooks => m::no_receipt_books(lang).into(),
            Rule::NoReceiptNumber { donation } => m::receipt_no_receipt(lang, donation),
        }
    }
}

/// A Chinese record name used in messages (`村社`), in the operator's language.
fn record_word(zh: &str, lang: Lang) -> &str {
    match lang {
        Lang::Zh => zh,
        Lang::En => english_of(zh),
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
        "结转" => "carry-overs",
        "公示记录" => "disclosures",
        "志愿服务证明" => "certificates",
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
    /// `捐赠金额（元）「-5」：金额不能为负数`; the value and header as [`one_line`] shows them.
    pub fn message(&self, lang: Lang, header: &str) -> String {
        m::field_error(lang, one_line(header), one_line(&self.value), self.rule.message(lang))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message(Lang::En, self.field))
    }
}

impl std::error::Error for FieldError {}
