//! The six record kinds of the template, their sheets and their columns.

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

const fn f(key: &'static str, header: &'static str, required: bool, ty: FieldType, max: usize) -> Field {
    Field { key, header, required, ty, max }
}

use FieldType as T;

pub const VILLAGE_FIELDS: &[Field] = &[
    f("village_code", "村社编码", true, T::Code, 20),
    f("village_name", "村社名称", true, T::Text, 50),
    f("town", "乡镇（街道）", true, T::Text, 50),
    f("county", "县（市、区）", true, T::Text, 50),
    f("city", "设区市", false, T::Text, 50),
    f("contact_name", "联系人", false, T::Text, 30),
    f("contact_phone", "联系电话", false, T::Phone, 0),
    f("households", "户数", false, T::Integer, 0),
    f("population", "人口", false, T::Integer, 0),
    f("joined_on", "加入日期", false, T::Date, 0),
    f("status", "状态", false, T::Choice, 0),
    f("note", "备注", false, T::LongText, 500),
];

pub const PROJECT_FIELDS: &[Field] = &[
    f("project_code", "项目编号", true, T::Code, 40),
    f("village_code", "村社编码", true, T::Code, 20),
    f("title", "项目名称", true, T::Text, 100),
    f("category", "项目类别", true, T::Choice, 0),
    f("target_amount", "目标金额（元）", true, T::Money, 0),
    f("start_date", "开始日期", true, T::Date, 0),
    f("end_date", "结束日期", false, T::Date, 0),
    f("status", "项目状态", false, T::Choice, 0),
    f("platform", "募捐平台", false, T::Text, 50),
    f("beneficiaries", "受益人数", false, T::Integer, 0),
    f("manager", "负责人", false, T::Text, 30),
    f("description", "项目简介", false, T::LongText, 2000),
];

pub const DONATION_FIELDS: &[Field] = &[
    f("donation_ref", "捐赠流水号", true, T::Code, 64),
    f("project_code", "项目编号", true, T::Code, 40),
    f("donor_name", "捐赠人", false, T::Text, 50),
    f("donor_type", "捐赠人类型", false, T::Choice, 0),
    f("donor_phone", "联系电话", false, T::Phone, 0),
    f("amount", "捐赠金额（元）", true, T::Money, 0),
    f("donated_on", "捐赠日期", true, T::Date, 0),
    f("channel", "捐赠渠道", false, T::Choice, 0),
    f("matching", "配捐", false, T::Choice, 0),
    f("receipt_code", "票据代码", false, T::Text, 20),
    f("receipt_no", "票据号码", false, T::Text, 20),
    f("note", "备注", false, T::LongText, 500),
];

pub const DISBURSEMENT_FIELDS: &[Field] = &[
    f("disbursement_ref", "拨付单号", true, T::Code, 64),
    f("project_code", "项目编号", true, T::Code, 40),
    f("amount", "拨付金额（元）", true, T::Money, 0),
    f("paid_on", "拨付日期", true, T::Date, 0),
    f("payee", "收款方", true, T::Text, 100),
    f("purpose", "用途", true, T::Text, 200),
    f("handled_by", "经办人", false, T::Text, 30),
    f("note", "备注", false, T::LongText, 500),
];

pub const VOLUNTEER_FIELDS: &[Field] = &[
    f("volunteer_code", "志愿者编号", true, T::Code, 40),
    f("name", "姓名", true, T::Text, 30),
    f("village_code", "村社编码", true, T::Code, 20),
    f("gender", "性别", false, T::Choice, 0),
    f("phone", "联系电话", false, T::Phone, 0),
    f("skills", "服务技能", false, T::Text, 200),
    f("registered_on", "登记日期", false, T::Date, 0),
    f("status", "状态", false, T::Choice, 0),
];

pub const SHIFT_FIELDS: &[Field] = &[
    f("shift_ref", "排班编号", true, T::Code, 64),
    f("volunteer_code", "志愿者编号", true, T::Code, 40),
    f("shift_date", "服务日期", true, T::Date, 0),
    f("start_time", "开始时间", false, T::Time, 0),
    f("hours", "服务时长（小时）", true, T::Hours, 0),
    f("activity", "服务内容", true, T::Text, 200),
    f("project_code", "项目编号", false, T::Code, 40),
    f("status", "排班状态", false, T::Choice, 0),
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
        (Kind::Village, "status") => all(VillageStatus::ALL, VillageStatus::label_zh, VillageStatus::key),
        (Kind::Project, "category") => all(Category::ALL, Category::label_zh, Category::key),
        (Kind::Project, "status") => all(ProjectStatus::ALL, ProjectStatus::label_zh, ProjectStatus::key),
        (Kind::Donation, "donor_type") => all(DonorType::ALL, DonorType::label_zh, DonorType::key),
        (Kind::Donation, "channel") => all(Channel::ALL, Channel::label_zh, Channel::key),
        (Kind::Donation, "matching") => all(YesNo::ALL, YesNo::label_zh, YesNo::key),
        (Kind::Volunteer, "gender") => all(Gender::ALL, Gender::label_zh, Gender::key),
        (Kind::Volunteer, "status") => all(VolunteerStatus::ALL, VolunteerStatus::label_zh, VolunteerStatus::key),
        (Kind::Shift, "status") => all(ShiftStatus::ALL, ShiftStatus::label_zh, ShiftStatus::key),
        _ => return None,
    })
}

/// The kind a code column refers to (`village_code` of a project → villages).
pub fn reference(kind: Kind, key: &str) -> Option<Kind> {
    match (kind, key) {
        (Kind::Project | Kind::Volunteer, "village_code") => Some(Kind::Village),
        (Kind::Donation | Kind::Disbursement | Kind::Shift, "project_code") => Some(Kind::Project),
        (Kind::Shift, "volunteer_code") => Some(Kind::Volunteer),
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
}

impl Kind {
    /// Every kind, in the order an import writes them (references first).
    pub const ALL: [Kind; 6] =
        [Kind::Village, Kind::Project, Kind::Donation, Kind::Disbursement, Kind::Volunteer, Kind::Shift];

    /// The sheet name (Chinese), exactly as in the template.
    pub fn sheet(self) -> &'static str {
        match self {
            Kind::Village => "村社",
            Kind::Project => "项目",
            Kind::Donation => "捐赠",
            Kind::Disbursement => "拨付",
            Kind::Volunteer => "志愿者",
            Kind::Shift => "志愿排班",
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
        }
    }

    /// The name in the operator's language.
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.sheet(), self.key())
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
