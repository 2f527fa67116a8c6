//! The six record kinds, with every field and rule of the template.
//!
//! Records refer to each other by code, as files do; the store maps codes to rows.
//! Serialised field names are the template's English keys.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::enums::*;
use super::error::{FieldError, Rule};
use super::hours::Hours;
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

/// The anonymous donor, as written in files.
pub const ANONYMOUS: &str = "匿名";

impl Village {
    /// Parses and checks a village from its field values (by English key).
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Village, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Village {
            code: p.req("village_code", row::village_code),
            name: p.req("village_name", row::text(50)),
            town: p.req("town", row::text(50)),
            county: p.req("county", row::text(50)),
            city: p.opt("city", row::text(50)),
            contact_name: p.opt("contact_name", row::text(30)),
            contact_phone: p.opt("contact_phone", row::phone),
            households: p.opt("households", row::integer),
            population: p.opt("population", row::integer),
            joined_on: p.opt("joined_on", row::date),
            status: p.choice("status"),
            note: p.opt("note", row::long_text(500)),
        };
        p.finish(v)
    }
}

impl Project {
    /// Parses and checks a project; the end date may not be before the start date.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Project, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Project {
            code: p.req("project_code", row::code(40)),
            village_code: p.req("village_code", row::village_code),
            title: p.req("title", row::text(100)),
            category: p.req("category", row::parse_choice::<Category>),
            target: p.req("target_amount", row::money),
            start_date: p.req("start_date", row::date),
            end_date: p.opt("end_date", row::date),
            status: p.choice("status"),
            platform: p.opt("platform", row::text(50)),
            beneficiaries: p.opt("beneficiaries", row::integer),
            manager: p.opt("manager", row::text(30)),
            description: p.opt("description", row::long_text(2000)),
        };
        let start_ok = !p.errors().iter().any(|e| e.field == "start_date");
        if let Some(end) = v.end_date
            && start_ok
            && end < v.start_date
        {
            let raw = src.value("end_date").unwrap_or_default().to_string();
            p.fail("end_date", &raw, Rule::EndBeforeStart);
        }
        p.finish(v)
    }
}

impl Donation {
    /// Parses and checks a donation; an empty donor or 匿名 is anonymous.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Donation, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let donor_name =
            p.opt("donor_name", row::text(50)).filter(|n| n != ANONYMOUS && !n.eq_ignore_ascii_case("anonymous"));
        let v = Donation {
            donation_ref: p.req("donation_ref", row::code(64)),
            project_code: p.req("project_code", row::code(40)),
            donor_name,
            donor_type: p.choice("donor_type"),
            donor_phone: p.opt("donor_phone", row::phone),
            amount: p.req("amount", row::positive_money),
            donated_on: p.req("donated_on", row::date),
            channel: p.choice("channel"),
            matching: p.choice::<YesNo>("matching").is_yes(),
            receipt_code: p.opt("receipt_code", row::printed_number(20)),
            receipt_no: p.opt("receipt_no", row::printed_number(20)),
            note: p.opt("note", row::long_text(500)),
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
            disbursement_ref: p.req("disbursement_ref", row::code(64)),
            project_code: p.req("project_code", row::code(40)),
            amount: p.req("amount", row::positive_money),
            paid_on: p.req("paid_on", row::date),
            payee: p.req("payee", row::text(100)),
            purpose: p.req("purpose", row::text(200)),
            handled_by: p.opt("handled_by", row::text(30)),
            note: p.opt("note", row::long_text(500)),
        };
        p.finish(v)
    }
}

impl Volunteer {
    /// Parses and checks a volunteer.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Volunteer, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Volunteer {
            code: p.req("volunteer_code", row::code(40)),
            name: p.req("name", row::text(30)),
            village_code: p.req("village_code", row::village_code),
            gender: p.opt("gender", row::parse_choice::<Gender>),
            phone: p.opt("phone", row::phone),
            skills: p.opt("skills", row::text(200)),
            registered_on: p.opt("registered_on", row::date),
            status: p.choice("status"),
        };
        p.finish(v)
    }
}

impl Shift {
    /// Parses and checks a shift.
    pub fn parse<S: Source + ?Sized>(src: &S) -> Result<Shift, Vec<FieldError>> {
        let mut p = RowParser::new(src);
        let v = Shift {
            shift_ref: p.req("shift_ref", row::code(64)),
            volunteer_code: p.req("volunteer_code", row::code(40)),
            shift_date: p.req("shift_date", row::date),
            start_time: p.opt("start_time", row::time),
            hours: p.req("hours", row::hours),
            activity: p.req("activity", row::text(200)),
            project_code: p.opt("project_code", row::code(40)),
            status: p.choice("status"),
        };
        p.finish(v)
    }
}
