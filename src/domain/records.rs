//! The record kinds, with every field and rule of the template.
//!
//! Records refer to each other by code, as files do; the store maps codes to rows.
//! Serialised field names are the template's English keys.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::enums::*;
use super::error::{FieldError, Rule};
use super::hours::Hours;
use super::kind::key;
use super::money::Money;
use super::row::{self, RowParser, Source};

/// 村社: a village committee taking part in the programme.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Village {
    #[serde(rename = "village_code")]
    pub code: String,
    #[serde(rename = "village_name")]
    pub name: String,
    pub town: String,
    pub county: String,
    pub city: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub households: Option<i64>,
    pub population: Option<i64>,
    pub joined_on: Option<NaiveDate>,
    pub status: VillageStatus,
    pub note: Option<String>,
}

/// 项目: a fundraising project of a village.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Project {
    #[serde(rename = "project_code")]
    pub code: String,
    pub village_code: String,
    pub title: String,
    pub category: Category,
    #[serde(rename = "target_amount")]
    pub target: Money,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub status: ProjectStatus,
    pub platform: Option<String>,
    pub beneficiaries: Option<i64>,
    pub manager: Option<String>,
    pub description: Option<String>,
}

/// 捐赠: one donation to a project.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Donation {
    pub donation_ref: String,
    pub project_code: String,
    /// `None` for an anonymous donor (empty or 匿名 in a file).
    pub donor_name: Option<String>,
    pub donor_type: DonorType,
    pub donor_phone: Option<String>,
    /// The donor's code on the platform (捐赠人编号), which identifies them across gifts.
    pub donor_code: Option<String>,
    pub amount: Money,
    pub donated_on: NaiveDate,
    pub channel: Channel,
    /// Matching funds (配捐) added by the platform, a company or government.
    pub matching: bool,
    pub receipt_code: Option<String>,
    pub receipt_no: Option<String>,
    pub note: Option<String>,
}

/// 拨付: money paid out of a project to a beneficiary.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Disbursement {
    pub disbursement_ref: String,
    pub project_code: String,
    pub amount: Money,
    pub paid_on: NaiveDate,
    pub payee: String,
    pub purpose: String,
    pub handled_by: Option<String>,
    pub note: Option<String>,
}

/// 志愿者: a volunteer of a village.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Volunteer {
    #[serde(rename = "volunteer_code")]
    pub code: String,
    pub name: String,
    pub village_code: String,
    pub gender: Option<Gender>,
    pub phone: Option<String>,
    /// 证件号码: an 18-digit resident identity number, for certificates; shown masked
    /// everywhere else.
    pub id_number: Option<String>,
    pub skills: Option<String>,
    pub registered_on: Option<NaiveDate>,
    pub status: VolunteerStatus,
}

/// 志愿排班: a planned or served shift of a volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Shift {
    pub shift_ref: String,
    pub volunteer_code: String,
    pub shift_date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub hours: Hours,
    pub activity: String,
    pub project_code: Option<String>,
    pub status: ShiftStatus,
}

/// 结转: a balance moved from one project to another. Income of the receiving project and
/// spending of the giving one; neither a donation nor a disbursement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CarryOver {
    pub transfer_ref: String,
    pub from_project: String,
    pub to_project: String,
    pub amount: Money,
    pub transferred_on: NaiveDate,
    pub reason: String,
    pub approved_by: Option<String>,
    pub approval_ref: Option<String>,
    pub note: Option<String>,
}

/// 公示记录: a disclosure of a project's income and spending for a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Disclosure {
    pub disclosure_ref: String,
    pub project_code: String,
    pub kind: DisclosureKind,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub published_on: NaiveDate,
    pub channel: DisclosureChannel,
    pub note: Option<String>,
}

/// The anonymous donor, as written in files.
pub const ANONYMOUS: &str = "匿名";

impl Village {
    /// Parses and checks a village from its field values (by English key).
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Village, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Village {
            code: p.req(key::VILLAGE_CODE, row::village_code),
            name: p.req(key::VILLAGE_NAME, row::text(50)),
            town: p.req(key::TOWN, row::text(50)),
            county: p.req(key::COUNTY, row::text(50)),
            city: p.opt(key::CITY, row::text(50)),
            contact_name: p.opt(key::CONTACT_NAME, row::text(30)),
            contact_phone: p.opt(key::CONTACT_PHONE, row::phone),
            households: p.opt(key::HOUSEHOLDS, row::integer),
            population: p.opt(key::POPULATION, row::integer),
            joined_on: p.opt(key::JOINED_ON, row::date),
            status: p.choice(key::STATUS),
            note: p.opt(key::NOTE, row::long_text(500)),
        };
        p.finish(v)
    }
}

impl Project {
    /// Parses and checks a project; the end date may not be before the start date.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Project, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Project {
            code: p.req(key::PROJECT_CODE, row::code(40)),
            village_code: p.req(key::VILLAGE_CODE, row::village_code),
            title: p.req(key::TITLE, row::text(100)),
            category: p.req(key::CATEGORY, row::parse_choice::<Category>),
            target: p.req(key::TARGET_AMOUNT, row::money),
            start_date: p.req(key::START_DATE, row::date),
            end_date: p.opt(key::END_DATE, row::date),
            status: p.choice(key::STATUS),
            platform: p.opt(key::PLATFORM, row::text(50)),
            beneficiaries: p.opt(key::BENEFICIARIES, row::integer),
            manager: p.opt(key::MANAGER, row::text(30)),
            description: p.opt(key::DESCRIPTION, row::long_text(2000)),
        };
        let start_ok = !p.errors().iter().any(|e| e.field == key::START_DATE);
        if let Some(end) = v.end_date
            && start_ok
            && end < v.start_date
        {
            let raw = src.value(key::END_DATE).unwrap_or_default().to_string();
            p.fail(key::END_DATE, &raw, Rule::EndBeforeStart);
        }
        p.finish(v)
    }
}

impl Donation {
    /// Parses and checks a donation; an empty donor or 匿名 is anonymous.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Donation, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let donor_name =
            p.opt(key::DONOR_NAME, row::text(50)).filter(|n| n != ANONYMOUS && !n.eq_ignore_ascii_case("anonymous"));
        let v = Donation {
            donation_ref: p.req(key::DONATION_REF, row::code(64)),
            project_code: p.req(key::PROJECT_CODE, row::code(40)),
            donor_name,
            donor_type: p.choice(key::DONOR_TYPE),
            donor_phone: p.opt(key::DONOR_PHONE, row::phone),
            donor_code: p.opt(key::DONOR_CODE, row::code(40)),
            amount: p.req(key::AMOUNT, row::positive_money),
            donated_on: p.req(key::DONATED_ON, row::date),
            channel: p.choice(key::CHANNEL),
            matching: p.choice::<YesNo>(key::MATCHING).is_yes(),
            receipt_code: p.opt(key::RECEIPT_CODE, row::printed_number(20)),
            receipt_no: p.opt(key::RECEIPT_NO, row::printed_number(20)),
            note: p.opt(key::NOTE, row::long_text(500)),
        };
        p.finish(v)
    }

    /// The donor as shown to people: the name, or 匿名.
    pub fn donor_label(&self) -> &str {
        self.donor_name.as_deref().unwrap_or(ANONYMOUS)
    }
}

impl Disbursement {
    /// Parses and checks a disbursement (the limit against donations is the store's).
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Disbursement, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Disbursement {
            disbursement_ref: p.req(key::DISBURSEMENT_REF, row::code(64)),
            project_code: p.req(key::PROJECT_CODE, row::code(40)),
            amount: p.req(key::AMOUNT, row::positive_money),
            paid_on: p.req(key::PAID_ON, row::date),
            payee: p.req(key::PAYEE, row::text(100)),
            purpose: p.req(key::PURPOSE, row::text(200)),
            handled_by: p.opt(key::HANDLED_BY, row::text(30)),
            note: p.opt(key::NOTE, row::long_text(500)),
        };
        p.finish(v)
    }
}

impl Volunteer {
    /// Parses and checks a volunteer.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Volunteer, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Volunteer {
            code: p.req(key::VOLUNTEER_CODE, row::code(40)),
            name: p.req(key::NAME, row::text(30)),
            village_code: p.req(key::VILLAGE_CODE, row::village_code),
            gender: p.opt(key::GENDER, row::parse_choice::<Gender>),
            phone: p.opt(key::PHONE, row::phone),
            id_number: p.opt(key::ID_NUMBER, row::id_number),
            skills: p.opt(key::SKILLS, row::text(200)),
            registered_on: p.opt(key::REGISTERED_ON, row::date),
            status: p.choice(key::STATUS),
        };
        p.finish(v)
    }
}

impl Shift {
    /// Parses and checks a shift.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Shift, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Shift {
            shift_ref: p.req(key::SHIFT_REF, row::code(64)),
            volunteer_code: p.req(key::VOLUNTEER_CODE, row::code(40)),
            shift_date: p.req(key::SHIFT_DATE, row::date),
            start_time: p.opt(key::START_TIME, row::time),
            hours: p.req(key::HOURS, row::hours),
            activity: p.req(key::ACTIVITY, row::text(200)),
            project_code: p.opt(key::PROJECT_CODE, row::code(40)),
            status: p.choice(key::STATUS),
        };
        p.finish(v)
    }
}

impl CarryOver {
    /// Parses and checks a carry-over; it moves money between two different projects.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<CarryOver, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = CarryOver {
            transfer_ref: p.req(key::TRANSFER_REF, row::code(64)),
            from_project: p.req(key::FROM_PROJECT, row::code(40)),
            to_project: p.req(key::TO_PROJECT, row::code(40)),
            amount: p.req(key::AMOUNT, row::positive_money),
            transferred_on: p.req(key::TRANSFERRED_ON, row::date),
            reason: p.req(key::REASON, row::text(200)),
            approved_by: p.opt(key::APPROVED_BY, row::text(30)),
            approval_ref: p.opt(key::APPROVAL_REF, row::text(50)),
            note: p.opt(key::NOTE, row::long_text(500)),
        };
        if !v.from_project.is_empty() && v.from_project == v.to_project {
            let raw = src.value(key::TO_PROJECT).unwrap_or_default().to_string();
            p.fail(key::TO_PROJECT, &raw, Rule::CarryOverToItself);
        }
        p.finish(v)
    }
}

impl Disclosure {
    /// Parses and checks a disclosure; its period ends on or after it begins.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Disclosure, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Disclosure {
            disclosure_ref: p.req(key::DISCLOSURE_REF, row::code(64)),
            project_code: p.req(key::PROJECT_CODE, row::code(40)),
            kind: p.req(key::KIND, row::parse_choice::<DisclosureKind>),
            period_from: p.req(key::PERIOD_FROM, row::date),
            period_to: p.req(key::PERIOD_TO, row::date),
            published_on: p.req(key::PUBLISHED_ON, row::date),
            channel: p.req(key::CHANNEL, row::parse_choice::<DisclosureChannel>),
            note: p.opt(key::NOTE, row::long_text(500)),
        };
        let from_ok = !p.errors().iter().any(|e| e.field == key::PERIOD_FROM);
        let to_ok = !p.errors().iter().any(|e| e.field == key::PERIOD_TO);
        if from_ok && to_ok && v.period_to < v.period_from {
            let raw = src.value(key::PERIOD_TO).unwrap_or_default().to_string();
            p.fail(key::PERIOD_TO, &raw, Rule::EndBeforeStart);
        }
        // An account of income and spending is published once its period is over (a
        // fundraising notice may come first).
        let on_ok = !p.errors().iter().any(|e| e.field == key::PUBLISHED_ON);
        if to_ok
            && on_ok
            && matches!(v.kind, DisclosureKind::Periodic | DisclosureKind::Final)
            && v.published_on < v.period_to
        {
            let raw = src.value(key::PUBLISHED_ON).unwrap_or_default().to_string();
            p.fail(key::PUBLISHED_ON, &raw, Rule::PublishedBeforePeriodEnds);
        }
        p.finish(v)
    }
}
