//! Volunteer service for certificates (志愿服务证明): served shifts in a period, hours by
//! year and by project, and the register of certificates issued, each with a serial
//! number so that a copy can be checked.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::Store;
use super::error::{DbError, DbResult};
use super::sql::{self, Date};
use crate::domain::{ChangeKind, Hours, Kind};

/// One served shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServedShift {
    pub shift_date: NaiveDate,
    pub hours: Hours,
    pub activity: String,
    pub project_title: Option<String>,
}

/// Served hours of one year or one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursLine {
    /// The year (`2026`), or the project's code (empty for shifts of no project).
    pub key: String,
    /// The project's title (empty for a year).
    pub label: String,
    pub shifts: i64,
    pub hours: Hours,
}

/// A certificate as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedCertificate {
    pub serial: String,
    pub volunteer_code: String,
    pub volunteer_name: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub hours: Hours,
    pub issued_on: NaiveDate,
    pub issuer: String,
}

impl Store {
    /// The served shifts of a volunteer dated in `from..=to`, oldest first.
    pub fn served_shifts(&self, volunteer: &str, from: NaiveDate, to: NaiveDate) -> DbResult<Vec<ServedShift>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.shift_date, s.hours_tenths, s.activity, p.title FROM shifts s \
             JOIN volunteers w ON w.id = s.volunteer_id LEFT JOIN projects p ON p.id = s.project_id \
             WHERE w.office = focus_office() AND w.code = ?1 AND s.status = 'served' AND s.shift_date BETWEEN ?2 AND ?3 \
             ORDER BY s.shift_date, s.id",
        )?;
        let rows = stmt.query_map(rusqlite::params![volunteer, sql::date(from), sql::date(to)], |r| {
            Ok(ServedShift {
                shift_date: r.get::<_, Date>(0)?.0,
                hours: Hours::from_tenths(r.get(1)?),
                activity: r.get(2)?,
                project_title: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A volunteer's served hours per year, latest first.
    pub fn volunteer_hours_by_year(&self, volunteer: &str) -> DbResult<Vec<HoursLine>> {
        self.hours_lines(
            "SELECT substr(s.shift_date, 1, 4), '', count(*), sum(s.hours_tenths) FROM shifts s \
             JOIN volunteers w ON w.id = s.volunteer_id WHERE w.office = focus_office() AND w.code = ?1 AND s.status = 'served' \
             GROUP BY 1 ORDER BY 1 DESC",
            volunteer,
        )
    }

    /// A volunteer's served hours per project, most first (shifts of no project last).
    pub fn volunteer_hours_by_project(&self, volunteer: &str) -> DbResult<Vec<HoursLine>> {
        self.hours_lines(
            "SELECT coalesce(p.code, ''), coalesce(p.title, ''), count(*), sum(s.hours_tenths) AS t FROM shifts s \
             JOIN volunteers w ON w.id = s.volunteer_id LEFT JOIN projects p ON p.id = s.project_id \
             WHERE w.office = focus_office() AND w.code = ?1 AND s.status = 'served' GROUP BY p.id ORDER BY p.id IS NULL, t DESC, p.code",
            volunteer,
        )
    }

    fn hours_lines(&self, sql: &str, volunteer: &str) -> DbResult<Vec<HoursLine>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([volunteer], |r| {
            Ok(HoursLine { key: r.get(0)?, label: r.get(1)?, shifts: r.get(2)?, hours: Hours::from_tenths(r.get(3)?) })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records a certificate and returns its serial number, `ZM<year>-<n>` with `n` the
    /// count of certificates issued that year (five digits), drawn inside the write lock.
    /// `publish` writes the certificate with its serial before the record is committed:
    /// when it fails, nothing is recorded.
    #[allow(clippy::too_many_arguments)]
    pub fn record_certificate(
        &mut self,
        volunteer: &str,
        from: NaiveDate,
        to: NaiveDate,
        hours: Hours,
        issued_on: NaiveDate,
        issuer: &str,
        publish: &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> DbResult<String> {
        use chrono::Datelike;
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        let id = super::record::id_of(&tx, "volunteers", "code", volunteer)?
            .ok_or_else(|| DbError::NotFound { kind: Kind::Volunteer, code: volunteer.to_string() })?;
        let prefix = format!("ZM{}-", issued_on.year());
        let issued: i64 = tx.query_row(
            "SELECT count(*) FROM certificates WHERE substr(serial, 1, length(?1)) = ?1",
            [&prefix],
            |r| r.get(0),
        )?;
        let serial = format!("{prefix}{:05}", issued + 1);
        tx.execute(
            "INSERT INTO certificates(serial, volunteer_id, period_from, period_to, hours_tenths, issued_on, issuer, operator) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                serial,
                id,
                sql::date(from),
                sql::date(to),
                hours.tenths(),
                sql::date(issued_on),
                issuer,
                crate::domain::shown::one_line(&self.operator)
            ],
        )?;
        let detail = serde_json::json!({
            "serial": serial, "volunteer_code": volunteer, "period_from": sql::date(from),
            "period_to": sql::date(to), "hours": hours.to_string(), "issuer": issuer,
        });
        let mut log =
            super::audit::Log::begin(&tx, super::audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        log.event(&tx, "certificate", &detail)?;
        log.finish()?;
        publish(&serial)?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        Ok(serial)
    }

    /// The county most of the office's villages are in.
    pub fn main_county(&self) -> DbResult<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT county FROM villages GROUP BY county ORDER BY count(*) DESC, county LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The certificate with this serial number, to check a copy.
    pub fn certificate(&self, serial: &str) -> DbResult<Option<IssuedCertificate>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.serial, w.code, w.name, c.period_from, c.period_to, c.hours_tenths, c.issued_on, c.issuer \
                 FROM certificates c JOIN volunteers w ON w.id = c.volunteer_id WHERE c.serial = ?1",
            )?
            .query_row([serial.trim()], |r| {
                Ok(IssuedCertificate {
                    serial: r.get(0)?,
                    volunteer_code: r.get(1)?,
                    volunteer_name: r.get(2)?,
                    period_from: r.get::<_, Date>(3)?.0,
                    period_to: r.get::<_, Date>(4)?.0,
                    hours: Hours::from_tenths(r.get(5)?),
                    issued_on: r.get::<_, Date>(6)?.0,
                    issuer: r.get(7)?,
                })
            })
            .optional()?)
    }
}
