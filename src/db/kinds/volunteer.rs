//! 志愿者 rows.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::DbResult;
use crate::db::record::{Stored, reference};
use crate::db::sql::{self, OptDate};
use crate::domain::kind::key;
use crate::domain::pinyin_key::search_key;
use crate::domain::{Gender, Kind, Volunteer, VolunteerStatus};

impl Stored for Volunteer {
    const KIND: Kind = Kind::Volunteer;
    const TABLE: &'static str = "volunteers";
    const CODE_COLUMN: &'static str = "code";
    const COLUMNS: &'static [&'static str] = &[
        "code",
        "name",
        "village_id",
        "gender",
        "phone",
        "skills",
        "registered_on",
        "status",
        "search_key",
        "id_number",
    ];
    const SELECT: &'static str = "SELECT t.code, t.name, v.code, t.gender, t.phone, t.skills, \
        t.registered_on, t.status, t.id_number FROM volunteers t JOIN villages v ON v.id = t.village_id";

    fn code(&self) -> &str {
        &self.code
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let village =
            reference(conn, Kind::Volunteer, &self.code, key::VILLAGE_CODE, Kind::Village, &self.village_code)?;
        Ok(vec![
            self.code.clone().into(),
            self.name.clone().into(),
            village.into(),
            self.gender.map(|g| g.key().to_string()).into(),
            self.phone.clone().into(),
            self.skills.clone().into(),
            sql::opt_date(self.registered_on).into(),
            self.status.key().to_string().into(),
            search_key(&self.code, &self.name).into(),
            self.id_number.clone().into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let gender: Option<String> = r.get(3)?;
        Ok(Volunteer {
            code: r.get(0)?,
            name: r.get(1)?,
            village_code: r.get(2)?,
            gender: gender.map(|g| sql::enum_from(&g, Gender::from_key)).transpose()?,
            phone: r.get(4)?,
            skills: r.get(5)?,
            registered_on: r.get::<_, OptDate>(6)?.0,
            status: sql::enum_from(&r.get::<_, String>(7)?, VolunteerStatus::from_key)?,
            id_number: r.get(8)?,
        })
    }

    fn dependents(conn: &Connection, id: i64) -> DbResult<Option<(&'static str, i64)>> {
        let n: i64 = conn.query_row("SELECT count(*) FROM shifts WHERE volunteer_id = ?1", [id], |r| r.get(0))?;
        if n > 0 {
            return Ok(Some((Kind::Shift.sheet(), n)));
        }
        // Certificates issued to them are kept, so that a copy can still be checked.
        let n: i64 = conn.query_row("SELECT count(*) FROM certificates WHERE volunteer_id = ?1", [id], |r| r.get(0))?;
        Ok((n > 0).then_some(("志愿服务证明", n)))
    }
}
