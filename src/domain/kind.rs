//! The record kinds of the template, their sheets and their columns.

use super::lang::Lang;
use super::normalize::{INVISIBLE, fold_width};

/// The type of a column, for typed spreadsheet cells and form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Code,
    Text,
    LongText,
    Money,
    Date,
    Phone,
    Integer,
    Choice,
    Hours,
    Time,
    /// An 18-digit resident identity number (shown masked).
    IdNumber,
}

/// The English key of every column, named once: code that means a column names it here,
/// so a typo does not compile.
pub mod key {
    pub const VILLAGE_CODE: &str = "village_code";
    pub const VILLAGE_NAME: &str = "village_name";
    pub const TOWN: &str = "town";
    pub const COUNTY: &str = "county";
    pub const CITY: &str = "city";
    pub const CONTACT_NAME: &str = "contact_name";
    pub const CONTACT_PHONE: &str = "contact_phone";
    pub const HOUSEHOLDS: &str = "households";
    pub const POPULATION: &str = "population";
    pub const JOINED_ON: &str = "joined_on";
    pub const STATUS: &str = "status";
    pub const NOTE: &str = "note";
    pub const PROJECT_CODE: &str = "project_code";
    pub const TITLE: &str = "title";
    pub const CATEGORY: &str = "category";
    pub const TARGET_AMOUNT: &str = "target_amount";
    pub const START_DATE: &str = "start_date";
    pub const END_DATE: &str = "end_date";
    pub const PLATFORM: &str = "platform";
    pub const BENEFICIARIES: &str = "beneficiaries";
    pub const MANAGER: &str = "manager";
    pub const DESCRIPTION: &str = "description";
    pub const DONATION_REF: &str = "donation_ref";
    pub const DONOR_NAME: &str = "donor_name";
    pub const DONOR_TYPE: &str = "donor_type";
    pub const DONOR_PHONE: &str = "donor_phone";
    pub const DONOR_CODE: &str = "donor_code";
    pub const AMOUNT: &str = "amount";
    pub const DONATED_ON: &str = "donated_on";
    pub const CHANNEL: &str = "channel";
    pub const MATCHING: &str = "matching";
    pub const RECEIPT_CODE: &str = "receipt_code";
    pub const RECEIPT_NO: &str = "receipt_no";
    pub const DISBURSEMENT_REF: &str = "disbursement_ref";
    pub const PAID_ON: &str = "paid_on";
    pub const PAYEE: &str = "payee";
    pub const PURPOSE: &str = "purpose";
    pub const HANDLED_BY: &str = "handled_by";
    pub const VOLUNTEER_CODE: &str = "volunteer_code";
    pub const NAME: &str = "name";
    pub const GENDER: &str = "gender";
    pub const PHONE: &str = "phone";
    pub const ID_NUMBER: &str = "id_number";
    pub const SKILLS: &str = "skills";
    pub const REGISTERED_ON: &str = "registered_on";
    pub const SHIFT_REF: &str = "shift_ref";
    pub const SHIFT_DATE: &str = "shift_date";
    pub const START_TIME: &str = "start_time";
    pub const HOURS: &str = "hours";
    pub const ACTIVITY: &str = "activity";
    pub const TRANSFER_REF: &str = "transfer_ref";
    pub const FROM_PROJECT: &str = "from_project";
    pub const TO_PROJECT: &str = "to_project";
    pub const TRANSFERRED_ON: &str = "transferred_on";
    pub const REASON: &str = "reason";
    pub const APPROVED_BY: &str = "approved_by";
    pub const APPROVAL_REF: &str = "approval_ref";
    pub const DISCLOSURE_REF: &str = "disclosure_ref";
    pub const KIND: &str = "kind";
    pub const PERIOD_FROM: &str = "period_from";
    pub const PERIOD_TO: &str = "period_to";
    pub const PUBLISHED_ON: &str = "published_on";
}

/// One column of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// English key, accepted as a header too.
    pub key: &'static str,
    /// Chinese header, as written in the template (without the `*`).
    pub header: &'static str,
    pub required: bool,
    pub ty: FieldType,
    /// The most characters a text or code may have (0 for other types).
    pub max: usize,
}

impl Field {
    /// The column's name in the operator's language: the template's Chinese header, or
    /// the English key in words (`village_code` → `Village code`).
    pub fn label(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.header.to_string(),
            Lang::En => {
                let words = self.key.replace('_', " ");
                let mut c = words.chars();
                c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
            }
        }
    }
}

const fn f(key: &'static str, header: &'static str, required: bool, ty: FieldType, max: usize) -> Field {
    Field { key, header, required, ty, max }
}

use FieldType as T;

pub const VILLAGE_FIELDS: &[Field] = &[
    f(key::VILLAGE_CODE, "村社编码", true, T::Code, 20),
    f(key::VILLAGE_NAME, "村社名称", true, T::Text, 50),
    f(key::TOWN, "乡镇（街道）", true, T::Text, 50),
    f(key::COUNTY, "县（市、区）", true, T::Text, 50),
    f(key::CITY, "设区市", false, T::Text, 50),
    f(key::CONTACT_NAME, "联系人", false, T::Text, 30),
    f(key::CONTACT_PHONE, "联系电话", false, T::Phone, 0),
    f(key::HOUSEHOLDS, "户数", false, T::Integer, 0),
    f(key::POPULATION, "人口", false, T::Integer, 0),
    f(key::JOINED_ON, "加入日期", false, T::Date, 0),
    f(key::STATUS, "状态", false, T::Choice, 0),
    f(key::NOTE, "备注", false, T::LongText, 500),
];

pub const PROJECT_FIELDS: &[Field] = &[
    f(key::PROJECT_CODE, "项目编号", true, T::Code, 40),
    f(key::VILLAGE_CODE, "村社编码", true, T::Code, 20),
    f(key::TITLE, "项目名称", true, T::Text, 100),
    f(key::CATEGORY, "项目类别", true, T::Choice, 0),
    f(key::TARGET_AMOUNT, "目标金额（元）", true, T::Money, 0),
    f(key::START_DATE, "开始日期", true, T::Date, 0),
    f(key::END_DATE, "结束日期", false, T::Date, 0),
    f(key::STATUS, "项目状态", false, T::Choice, 0),
    f(key::PLATFORM, "募捐平台", false, T::Text, 50),
    f(key::BENEFICIARIES, "受益人数", false, T::Integer, 0),
    f(key::MANAGER, "负责人", false, T::Text, 30),
    f(key::DESCRIPTION, "项目简介", false, T::LongText, 2000),
];

pub const DONATION_FIELDS: &[Field] = &[
    f(key::DONATION_REF, "捐赠流水号", true, T::Code, 64),
    f(key::PROJECT_CODE, "项目编号", true, T::Code, 40),
    f(key::DONOR_NAME, "捐赠人", false, T::Text, 50),
    f(key::DONOR_TYPE, "捐赠人类型", false, T::Choice, 0),
    f(key::DONOR_PHONE, "联系电话", false, T::Phone, 0),
    f(key::DONOR_CODE, "捐赠人编号", false, T::Code, 40),
    f(key::AMOUNT, "捐赠金额（元）", true, T::Money, 0),
    f(key::DONATED_ON, "捐赠日期", true, T::Date, 0),
    f(key::CHANNEL, "捐赠渠道", false, T::Choice, 0),
    f(key::MATCHING, "配捐", false, T::Choice, 0),
    f(key::RECEIPT_CODE, "票据代码", false, T::Text, 20),
    f(key::RECEIPT_NO, "票据号码", false, T::Text, 20),
    f(key::NOTE, "备注", false, T::LongText, 500),
];

pub const DISBURSEMENT_FIELDS: &[Field] = &[
    f(key::DISBURSEMENT_REF, "拨付单号", true, T::Code, 64),
    f(key::PROJECT_CODE, "项目编号", true, T::Code, 40),
    f(key::AMOUNT, "拨付金额（元）", true, T::Money, 0),
    f(key::PAID_ON, "拨付日期", true, T::Date, 0),
    f(key::PAYEE, "收款方", true, T::Text, 100),
    f(key::PURPOSE, "用途", true, T::Text, 200),
    f(key::HANDLED_BY, "经办人", false, T::Text, 30),
    f(key::NOTE, "备注", false, T::LongText, 500),
];

pub const VOLUNTEER_FIELDS: &[Field] = &[
    f(key::VOLUNTEER_CODE, "志愿者编号", true, T::Code, 40),
    f(key::NAME, "姓名", true, T::Text, 30),
    f(key::VILLAGE_CODE, "村社编码", true, T::Code, 20),
    f(key::GENDER, "性别", false, T::Choice, 0),
    f(key::PHONE, "联系电话", false, T::Phone, 0),
    f(key::ID_NUMBER, "证件号码", false, T::IdNumber, 0),
    f(key::SKILLS, "服务技能", false, T::Text, 200),
    f(key::REGISTERED_ON, "登记日期", false, T::Date, 0),
    f(key::STATUS, "状态", false, T::Choice, 0),
];

pub const SHIFT_FIELDS: &[Field] = &[
    f(key::SHIFT_REF, "排班编号", true, T::Code, 64),
    f(key::VOLUNTEER_CODE, "志愿者编号", true, T::Code, 40),
    f(key::SHIFT_DATE, "服务日期", true, T::Date, 0),
    f(key::START_TIME, "开始时间", false, T::Time, 0),
    f(key::HOURS, "服务时长（小时）", true, T::Hours, 0),
    f(key::ACTIVITY, "服务内容", true, T::Text, 200),
    f(key::PROJECT_CODE, "项目编号", false, T::Code, 40),
    f(key::STATUS, "排班状态", false, T::Choice, 0),
];

pub const CARRY_OVER_FIELDS: &[Field] = &[
    f(key::TRANSFER_REF, "结转单号", true, T::Code, 64),
    f(key::FROM_PROJECT, "转出项目编号", true, T::Code, 40),
    f(key::TO_PROJECT, "转入项目编号", true, T::Code, 40),
    f(key::AMOUNT, "结转金额（元）", true, T::Money, 0),
    f(key::TRANSFERRED_ON, "结转日期", true, T::Date, 0),
    f(key::REASON, "结转原因", true, T::Text, 200),
    f(key::APPROVED_BY, "批准人", false, T::Text, 30),
    f(key::APPROVAL_REF, "批准文号", false, T::Text, 50),
    f(key::NOTE, "备注", false, T::LongText, 500),
];

pub const DISCLOSURE_FIELDS: &[Field] = &[
    f(key::DISCLOSURE_REF, "公示编号", true, T::Code, 64),
    f(key::PROJECT_CODE, "项目编号", true, T::Code, 40),
    f(key::KIND, "公示类型", true, T::Choice, 0),
    f(key::PERIOD_FROM, "期间起", true, T::Date, 0),
    f(key::PERIOD_TO, "期间止", true, T::Date, 0),
    f(key::PUBLISHED_ON, "公示日期", true, T::Date, 0),
    f(key::CHANNEL, "公示渠道", true, T::Choice, 0),
    f(key::NOTE, "备注", false, T::LongText, 500),
];

/// The accepted values of an enumeration column, as (Chinese label, English key), or
/// `None` when the column is not an enumeration.
pub fn choices(kind: Kind, key: &str) -> Option<Vec<(&'static str, &'static str)>> {
    use super::enums::*;
    fn all<E: Copy>(
        values: &[E],
        zh: fn(E) -> &'static str,
        en: fn(E) -> &'static str,
    ) -> Vec<(&'static str, &'static str)> {
        values.iter().map(|v| (zh(*v), en(*v))).collect()
    }
    Some(match (kind, key) {
        (Kind::Village, key::STATUS) => all(VillageStatus::ALL, VillageStatus::label_zh, VillageStatus::key),
        (Kind::Project, key::CATEGORY) => all(Category::ALL, Category::label_zh, Category::key),
        (Kind::Project, key::STATUS) => all(ProjectStatus::ALL, ProjectStatus::label_zh, ProjectStatus::key),
        (Kind::Donation, key::DONOR_TYPE) => all(DonorType::ALL, DonorType::label_zh, DonorType::key),
        (Kind::Donation, key::CHANNEL) => all(Channel::ALL, Channel::label_zh, Channel::key),
        (Kind::Donation, key::MATCHING) => all(YesNo::ALL, YesNo::label_zh, YesNo::key),
        (Kind::Volunteer, key::GENDER) => all(Gender::ALL, Gender::label_zh, Gender::key),
        (Kind::Volunteer, key::STATUS) => all(VolunteerStatus::ALL, VolunteerStatus::label_zh, VolunteerStatus::key),
        (Kind::Shift, key::STATUS) => all(ShiftStatus::ALL, ShiftStatus::label_zh, ShiftStatus::key),
        (Kind::Disclosure, key::KIND) => all(DisclosureKind::ALL, DisclosureKind::label_zh, DisclosureKind::key),
        (Kind::Disclosure, key::CHANNEL) => {
            all(DisclosureChannel::ALL, DisclosureChannel::label_zh, DisclosureChannel::key)
        }
        _ => return None,
    })
}

/// The kind a code column refers to (`village_code` of a project → villages).
pub fn reference(kind: Kind, key: &str) -> Option<Kind> {
    match (kind, key) {
        (Kind::Project | Kind::Volunteer, key::VILLAGE_CODE) => Some(Kind::Village),
        (Kind::Donation | Kind::Disbursement | Kind::Shift | Kind::Disclosure, key::PROJECT_CODE) => {
            Some(Kind::Project)
        }
        (Kind::CarryOver, key::FROM_PROJECT | key::TO_PROJECT) => Some(Kind::Project),
        (Kind::Shift, key::VOLUNTEER_CODE) => Some(Kind::Volunteer),
        _ => None,
    }
}

/// A record kind: one sheet of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Village,
    Project,
    Donation,
    Disbursement,
    Volunteer,
    Shift,
    /// 结转: a balance moved from one project to another (format version 2).
    CarryOver,
    /// 公示记录: a disclosure a project made (format version 2).
    Disclosure,
}

impl Kind {
    /// Every kind, in the order an import writes them (references first).
    pub const ALL: [Kind; 8] = [
        Kind::Village,
        Kind::Project,
        Kind::Donation,
        Kind::Disbursement,
        Kind::Volunteer,
        Kind::Shift,
        Kind::CarryOver,
        Kind::Disclosure,
    ];

    /// The sheet name (Chinese), exactly as in the template.
    pub fn sheet(self) -> &'static str {
        match self {
            Kind::Village => "村社",
            Kind::Project => "项目",
            Kind::Donation => "捐赠",
            Kind::Disbursement => "拨付",
            Kind::Volunteer => "志愿者",
            Kind::Shift => "志愿排班",
            Kind::CarryOver => "结转",
            Kind::Disclosure => "公示记录",
        }
    }

    /// English key (`villages`, …), used for file names and in English text.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Village => "villages",
            Kind::Project => "projects",
            Kind::Donation => "donations",
            Kind::Disbursement => "disbursements",
            Kind::Volunteer => "volunteers",
            Kind::Shift => "shifts",
            Kind::CarryOver => "carry_overs",
            Kind::Disclosure => "disclosures",
        }
    }

    /// The name in the operator's language.
    pub fn name(self, lang: Lang) -> &'static str {
        let english = match self {
            Kind::CarryOver => "carry-overs",
            other => other.key(),
        };
        lang.pick(self.sheet(), english)
    }

    /// One record of the kind, in the operator's language (`捐赠` / `donation`).
    pub fn one(self, lang: Lang) -> &'static str {
        let english = match self {
            Kind::Village => "village",
            Kind::Project => "project",
            Kind::Donation => "donation",
            Kind::Disbursement => "disbursement",
            Kind::Volunteer => "volunteer",
            Kind::Shift => "shift",
            Kind::CarryOver => "carry-over",
            Kind::Disclosure => "disclosure",
        };
        lang.pick(self.sheet(), english)
    }

    /// The columns of the sheet, in the template's order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Village => VILLAGE_FIELDS,
            Kind::Project => PROJECT_FIELDS,
            Kind::Donation => DONATION_FIELDS,
            Kind::Disbursement => DISBURSEMENT_FIELDS,
            Kind::Volunteer => VOLUNTEER_FIELDS,
            Kind::Shift => SHIFT_FIELDS,
            Kind::CarryOver => CARRY_OVER_FIELDS,
            Kind::Disclosure => DISCLOSURE_FIELDS,
        }
    }

    /// The field that holds the record's code (its key across files and offices).
    pub fn code_field(self) -> &'static Field {
        &self.fields()[0]
    }

    /// The field with this English key.
    pub fn field(self, key: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.key == key)
    }

    /// Matches a header cell: the Chinese header (with or without `*`) or the English
    /// key, after trimming and full-width/half-width folding.
    pub fn match_header(self, header: &str) -> Option<&'static Field> {
        let h = header_form(header);
        self.fields().iter().find(|f| header_form(f.header) == h || f.key == h)
    }

    /// The kind whose sheet has this name (trimmed, width-folded).
    pub fn from_sheet(name: &str) -> Option<Kind> {
        let n = fold_width(name).trim().to_string();
        Kind::ALL.into_iter().find(|k| k.sheet() == n || k.key().eq_ignore_ascii_case(&n))
    }
}

/// A header in comparable form: width-folded, trimmed, `*` dropped, ASCII lower-case,
/// inner spaces removed.
fn header_form(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && !INVISIBLE.contains(c))
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_every_accepted_form() {
        let k = Kind::Project;
        assert_eq!(k.match_header("目标金额（元）*").map(|f| f.key), Some("target_amount"));
        assert_eq!(k.match_header(" 目标金额(元) ").map(|f| f.key), Some("target_amount"));
        assert_eq!(k.match_header("TARGET_AMOUNT").map(|f| f.key), Some("target_amount"));
        assert_eq!(Kind::Village.match_header("乡镇(街道)").map(|f| f.key), Some("town"));
        assert_eq!(k.match_header("预算"), None);
        assert_eq!(Kind::from_sheet("志愿排班"), Some(Kind::Shift));
        assert_eq!(Kind::from_sheet("填写说明"), None);
    }
}
