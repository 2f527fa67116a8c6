//! 志愿排班 rows.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::DbResult;
use crate::db::record::{Stored, reference};
use crate::db::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::{Kind, Shift, ShiftStatus};

impl Stored for Shift {
    const KIND: Kind = Kind::Shift;
    const TABLE: &'static str = "shifts";
    const CODE_COLUMN: &'static str = "ref";
    const COLUMNS: &'static [&'static str] =
        &["ref", "volunteer_id", "shift_date", "start_time", "hours_tenths", "activity", "project_id", "status"];
    const SELECT: &'static str = "SELECT t.ref, v.code, t.shift_date, t.start_time, t.hours_tenths, \
        t.activity, p.code, t.status FROM shifts t JOIN volunteers v ON v.id = t.volunteer_id \
        LEFT JOIN projects p ON p.id = t.project_id";

    fn code(&self) -> &str {
        &self.shift_ref
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let volunteer =
            reference(conn, Kind::Shift, &self.shift_ref, key::VOLUNTEER_CODE, Kind::Volunteer, &self.volunteer_code)?;
        let project = match &self.project_code {
            Some(code) => Some(reference(conn, Kind::Shift, &self.shift_ref, key::PROJECT_CODE, Kind::Project, code)?),
            None => None,
        };
        Ok(vec![
            self.shift_ref.clone().into(),
            volunteer.into(),
            sql::date(self.shift_date).into(),
            self.start_time.map(sql::time).into(),
            self.hours.tenths().into(),
            self.activity.clone().into(),
            project.into(),
            self.status.key().to_string().into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let time: Option<String> = r.get(3)?;
        Ok(Shift {
            shift_ref: r.get(0)?,
            volunteer_code: r.get(1)?,
            shift_date: r.get::<_, Date>(2)?.0,
            start_time: time.map(|t| sql::parse_time(&t)).transpose()?,
            hours: sql::hours(r.get(4)?),
            activity: r.get(5)?,
            project_code: r.get(6)?,
            status: sql::enum_from(&r.get::<_, String>(7)?, ShiftStatus::from_key)?,
        })
    }
}
