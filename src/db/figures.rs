//! Derived figures, computed exactly in SQL from the running totals kept by triggers.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use super::Store;
use super::error::DbResult;
use super::sql::{self, Date, OptDate};
use crate::domain::{Category, Hours, Money, ProjectStatus, VillageStatus, VolunteerStatus};

/// A project with what it raised (public donations and matching funds separately),
/// disbursed and has left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectFigures {
    pub code: String,
    pub title: String,
    pub village_code: String,
    pub village_name: String,
    pub category: Category,
    pub status: ProjectStatus,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub target: Money,
    pub raised_public: Money,
    pub raised_matching: Money,
    pub raised: Money,
    pub disbursed: Money,
    pub carried_in: Money,
    pub carried_out: Money,
    /// The opening balance (期初余额) a period export brought.
    pub opening: Money,
    pub balance: Money,
    pub donations: i64,
}

/// A village with the figures of all its projects, its volunteers and served hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VillageFigures {
    pub code: String,
    pub name: String,
    pub town: String,
    pub county: String,
    pub status: VillageStatus,
    pub projects: i64,
    pub target: Money,
    pub raised_public: Money,
    pub raised_matching: Money,
    pub raised: Money,
    pub disbursed: Money,
    pub carried_in: Money,
    pub carried_out: Money,
    /// The opening balances (期初余额) period exports brought.
    pub opening: Money,
    pub balance: Money,
    pub donations: i64,
    pub volunteers: i64,
    pub served_hours: Hours,
}

/// The whole database in a few numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub villages: i64,
    pub projects: i64,
    pub donations: i64,
    pub disbursements: i64,
    pub volunteers: i64,
    pub shifts: i64,
    pub carry_overs: i64,
    pub disclosures: i64,
    pub raised_public: Money,
    pub raised_matching: Money,
    pub raised: Money,
    pub disbursed: Money,
    pub carried_in: Money,
    pub carried_out: Money,
    /// The opening balances (期初余额) period exports brought.
    pub opening: Money,
    pub balance: Money,
    pub served_hours: Hours,
}

/// One donation in a short list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DonationLine {
    pub donation_ref: String,
    pub project_code: String,
    pub donor_name: Option<String>,
    pub amount: Money,
    pub donated_on: NaiveDate,
    pub matching: bool,
    /// True when the donor is a person (individual or 乡贤), whose name can be masked.
    pub person: bool,
}

/// One volunteer in a short list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerLine {
    pub code: String,
    pub name: String,
    pub status: VolunteerStatus,
    pub served_hours: Hours,
}

const PROJECT_FIGURES: &str = "SELECT p.code, p.title, v.code, v.name, p.category, p.status, \
    p.start_date, p.end_date, p.target_fen, p.raised_public_fen, p.raised_matching_fen, \
    p.disbursed_fen, p.donation_count, p.carried_in_fen, p.carried_out_fen, p.opening_fen \
    FROM projects p JOIN villages v ON v.id = p.village_id";

fn project_figures(r: &Row<'_>) -> rusqlite::Result<ProjectFigures> {
    let public: i64 = r.get(9)?;
    let matching: i64 = r.get(10)?;
    let disbursed: i64 = r.get(11)?;
    let (carried_in, carried_out) = (Money::from_fen(r.get(13)?), Money::from_fen(r.get(14)?));
    let opening = Money::from_fen(r.get(15)?);
    Ok(ProjectFigures {
        code: r.get(0)?,
        title: r.get(1)?,
        village_code: r.get(2)?,
        village_name: r.get(3)?,
        category: sql::enum_from(&r.get::<_, String>(4)?, Category::from_key)?,
        status: sql::enum_from(&r.get::<_, String>(5)?, ProjectStatus::from_key)?,
        start_date: r.get::<_, Date>(6)?.0,
        end_date: r.get::<_, OptDate>(7)?.0,
        target: Money::from_fen(r.get(8)?),
        raised_public: Money::from_fen(public),
        raised_matching: Money::from_fen(matching),
        raised: Money::from_fen(public + matching),
        disbursed: Money::from_fen(disbursed),
        carried_in,
        carried_out,
        opening,
        balance: Money::balance(
            Money::from_fen(public + matching),
            Money::from_fen(carried_in.fen() + opening.fen()),
            Money::from_fen(disbursed),
            carried_out,
        ),
        donations: r.get(12)?,
    })
}

const VILLAGE_FIGURES: &str = "SELECT v.code, v.name, v.town, v.county, v.status, \
    (SELECT count(*) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(target_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(raised_public_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(raised_matching_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(disbursed_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(donation_count), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT count(*) FROM volunteers w WHERE w.village_id = v.id AND w.status = 'active'), \
    (SELECT coalesce(sum(served_tenths), 0) FROM volunteers w WHERE w.village_id = v.id), \
    (SELECT coalesce(sum(carried_in_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(carried_out_fen), 0) FROM projects p WHERE p.village_id = v.id), \
    (SELECT coalesce(sum(opening_fen), 0) FROM projects p WHERE p.village_id = v.id) \
    FROM villages v";

fn village_figures(r: &Row<'_>) -> rusqlite::Result<VillageFigures> {
    let public: i64 = r.get(7)?;
    let matching: i64 = r.get(8)?;
    let disbursed: i64 = r.get(9)?;
    let (carried_in, carried_out) = (Money::from_fen(r.get(13)?), Money::from_fen(r.get(14)?));
    let opening = Money::from_fen(r.get(15)?);
    Ok(VillageFigures {
        code: r.get(0)?,
        name: r.get(1)?,
        town: r.get(2)?,
        county: r.get(3)?,
        status: sql::enum_from(&r.get::<_, String>(4)?, VillageStatus::from_key)?,
        projects: r.get(5)?,
        target: Money::from_fen(r.get(6)?),
        raised_public: Money::from_fen(public),
        raised_matching: Money::from_fen(matching),
        raised: Money::from_fen(public + matching),
        disbursed: Money::from_fen(disbursed),
        carried_in,
        carried_out,
        opening,
        balance: Money::balance(
            Money::from_fen(public + matching),
            Money::from_fen(carried_in.fen() + opening.fen()),
            Money::from_fen(disbursed),
            carried_out,
        ),
        donations: r.get(10)?,
        volunteers: r.get(11)?,
        served_hours: Hours::from_tenths(r.get(12)?),
    })
}

fn donation_line(r: &Row<'_>) -> rusqlite::Result<DonationLine> {
    Ok(DonationLine {
        donation_ref: r.get(0)?,
        project_code: r.get(1)?,
        donor_name: r.get(2)?,
        amount: Money::from_fen(r.get(3)?),
        donated_on: r.get::<_, Date>(4)?.0,
        matching: r.get::<_, i64>(5)? != 0,
        person: matches!(r.get::<_, String>(6)?.as_str(), "individual" | "native_villager"),
    })
}

impl Store {
    /// The figures of one project.
    pub fn project_figures(&self, code: &str) -> DbResult<Option<ProjectFigures>> {
        let sql = format!("{PROJECT_FIGURES} WHERE p.office = focus_office() AND p.code = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([code], project_figures).optional()?)
    }

    /// The figures of every project of a village, by code.
    pub fn village_projects(&self, village_code: &str) -> DbResult<Vec<ProjectFigures>> {
        let sql = format!("{PROJECT_FIGURES} WHERE v.office = focus_office() AND v.code = ?1 ORDER BY p.code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([village_code], project_figures)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The figures of one village.
    pub fn village_figures(&self, code: &str) -> DbResult<Option<VillageFigures>> {
        let sql = format!("{VILLAGE_FIGURES} WHERE v.office = focus_office() AND v.code = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([code], village_figures).optional()?)
    }

    /// The volunteers of a village with their served hours, most hours first.
    pub fn village_volunteers(&self, village_code: &str, limit: i64) -> DbResult<Vec<VolunteerLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.code, w.name, w.status, w.served_tenths FROM volunteers w \
             JOIN villages v ON v.id = w.village_id WHERE v.office = focus_office() AND v.code = ?1 \
             ORDER BY w.served_tenths DESC, w.code LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![village_code, limit], |r| {
            Ok(VolunteerLine {
                code: r.get(0)?,
                name: r.get(1)?,
                status: sql::enum_from(&r.get::<_, String>(2)?, VolunteerStatus::from_key)?,
                served_hours: Hours::from_tenths(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest donations where `filter` (a condition on `?1`) holds, newest first.
    fn latest_where(&self, filter: &str, value: &str, limit: i64) -> DbResult<Vec<DonationLine>> {
        let sql = format!(
            "SELECT d.ref, p.code, d.donor_name, d.amount_fen, d.donated_on, d.matching, d.donor_type \
             FROM donations d JOIN projects p ON p.id = d.project_id WHERE {filter} \
             ORDER BY d.donated_on DESC, d.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![value, limit], donation_line)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest donations of a project, newest first.
    pub fn latest_donations(&self, project_code: &str, limit: i64) -> DbResult<Vec<DonationLine>> {
        self.latest_where("p.office = focus_office() AND p.code = ?1", project_code, limit)
    }

    /// The latest donations of a donor (by exact name), newest first.
    pub fn donor_donations(&self, donor: &str, limit: i64) -> DbResult<Vec<DonationLine>> {
        self.latest_where("d.donor_name = ?1", donor, limit)
    }

    /// Counts and totals of the whole database.
    pub fn summary(&self) -> DbResult<Summary> {
        let count = |table: &str| -> DbResult<i64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let (public, matching, disbursed, carried_in, carried_out, opening): (i64, i64, i64, i64, i64, i64) =
            self.conn.query_row(
                "SELECT coalesce(sum(raised_public_fen), 0), coalesce(sum(raised_matching_fen), 0), \
                 coalesce(sum(disbursed_fen), 0), coalesce(sum(carried_in_fen), 0), coalesce(sum(carried_out_fen), 0), \
                 coalesce(sum(opening_fen), 0) FROM projects",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )?;
        let served: i64 =
            self.conn.query_row("SELECT coalesce(sum(served_tenths), 0) FROM volunteers", [], |r| r.get(0))?;
        Ok(Summary {
            villages: count("villages")?,
            projects: count("projects")?,
            donations: self
                .conn
                .query_row("SELECT coalesce(sum(donation_count), 0) FROM projects", [], |r| r.get(0))?,
            disbursements: count("disbursements")?,
            volunteers: count("volunteers")?,
            shifts: count("shifts")?,
            carry_overs: count("carry_overs")?,
            disclosures: count("disclosures")?,
            raised_public: Money::from_fen(public),
            raised_matching: Money::from_fen(matching),
            raised: Money::from_fen(public + matching),
            disbursed: Money::from_fen(disbursed),
            carried_in: Money::from_fen(carried_in),
            carried_out: Money::from_fen(carried_out),
            opening: Money::from_fen(opening),
            balance: Money::balance(
                Money::from_fen(public + matching),
                Money::from_fen(carried_in + opening),
                Money::from_fen(disbursed),
                Money::from_fen(carried_out),
            ),
            served_hours: Hours::from_tenths(served),
        })
    }
}

/// A volunteer with their village and served hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerFigures {
    pub code: String,
    pub name: String,
    pub village_code: String,
    pub village_name: String,
    pub status: VolunteerStatus,
    pub skills: Option<String>,
    pub served_hours: Hours,
    pub shifts_scheduled: i64,
}

impl Store {
    /// The figures of one volunteer.
    pub fn volunteer_figures(&self, code: &str) -> DbResult<Option<VolunteerFigures>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT w.code, w.name, v.code, v.name, w.status, w.skills, w.served_tenths, \
                 (SELECT count(*) FROM shifts s WHERE s.volunteer_id = w.id AND s.status = 'scheduled') \
                 FROM volunteers w JOIN villages v ON v.id = w.village_id WHERE w.office = focus_office() AND w.code = ?1",
            )?
            .query_row([code], |r| {
                Ok(VolunteerFigures {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    village_code: r.get(2)?,
                    village_name: r.get(3)?,
                    status: sql::enum_from(&r.get::<_, String>(4)?, VolunteerStatus::from_key)?,
                    skills: r.get(5)?,
                    served_hours: Hours::from_tenths(r.get(6)?),
                    shifts_scheduled: r.get(7)?,
                })
            })
            .optional()?)
    }
}

/// A volunteer with the hours served in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolunteerYear {
    pub code: String,
    pub name: String,
    pub phone: Option<String>,
    pub served_hours: Hours,
}

impl Store {
    /// The volunteers of a village with the hours they served in `year` (served shifts).
    pub fn village_volunteer_year(&self, village: &str, year: i32) -> DbResult<Vec<VolunteerYear>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT w.code, w.name, w.phone, coalesce((SELECT sum(s.hours_tenths) FROM shifts s \
                 WHERE s.volunteer_id = w.id AND s.status = 'served' AND s.shift_date BETWEEN ?2 AND ?3), 0) AS h \
             FROM volunteers w JOIN villages v ON v.id = w.village_id \
             WHERE v.office = focus_office() AND v.code = ?1 AND w.status = 'active' \
             ORDER BY h DESC, w.code",
        )?;
        let rows =
            stmt.query_map(rusqlite::params![village, format!("{year:04}-01-01"), format!("{year:04}-12-31")], |r| {
                Ok(VolunteerYear {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    phone: r.get(2)?,
                    served_hours: Hours::from_tenths(r.get(3)?),
                })
            })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest disbursements of all projects of a village.
    pub fn village_disbursements(&self, village: &str, limit: i64) -> DbResult<Vec<(String, super::DisbursementRow)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, b.ref, b.paid_on, b.amount_fen, b.payee, b.purpose FROM disbursements b \
             JOIN projects p ON p.id = b.project_id JOIN villages v ON v.id = p.village_id \
             WHERE v.office = focus_office() AND v.code = ?1 ORDER BY b.paid_on DESC, b.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![village, limit], |r| {
            Ok((
                r.get(0)?,
                super::DisbursementRow {
                    disbursement_ref: r.get(1)?,
                    paid_on: r.get::<_, Date>(2)?.0,
                    amount: Money::from_fen(r.get(3)?),
                    payee: r.get(4)?,
                    purpose: r.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
