//! 村社 rows.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::DbResult;
use crate::db::record::Stored;
use crate::db::sql::{self, OptDate};
use crate::domain::pinyin_key::search_key;
use crate::domain::{Kind, Village, VillageStatus};

impl Stored for Village {
    const KIND: Kind = Kind::Village;
    const TABLE: &'static str = "villages";
    const CODE_COLUMN: &'static str = "code";
    const COLUMNS: &'static [&'static str] = &[
        "code",
        "name",
        "town",
        "county",
        "city",
        "contact_name",
        "contact_phone",
        "households",
        "population",
        "joined_on",
        "status",
        "note",
        "search_key",
    ];
    const SELECT: &'static str = "SELECT t.code, t.name, t.town, t.county, t.city, t.contact_name, \
        t.contact_phone, t.households, t.population, t.joined_on, t.status, t.note FROM villages t";

    fn code(&self) -> &str {
        &self.code
    }

    fn values(&self, _conn: &Connection) -> DbResult<Vec<Value>> {
        Ok(vec![
            self.code.clone().into(),
            self.name.clone().into(),
            self.town.clone().into(),
            self.county.clone().into(),
            self.city.clone().into(),
            self.contact_name.clone().into(),
            self.contact_phone.clone().into(),
            self.households.into(),
            self.population.into(),
            sql::opt_date(self.joined_on).into(),
            self.status.key().to_string().into(),
            self.note.clone().into(),
            search_key(&self.code, &self.name).into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Village {
            code: r.get(0)?,
            name: r.get(1)?,
            town: r.get(2)?,
            county: r.get(3)?,
            city: r.get(4)?,
            contact_name: r.get(5)?,
            contact_phone: r.get(6)?,
            households: r.get(7)?,
            population: r.get(8)?,
            joined_on: r.get::<_, OptDate>(9)?.0,
            status: sql::enum_from(&r.get::<_, String>(10)?, VillageStatus::from_key)?,
            note: r.get(11)?,
        })
    }

    fn dependents(conn: &Connection, id: i64) -> DbResult<Option<(&'static str, i64)>> {
        let projects: i64 =
            conn.query_row("SELECT count(*) FROM projects WHERE village_id = ?1", [id], |r| r.get(0))?;
        if projects > 0 {
            return Ok(Some((Kind::Project.sheet(), projects)));
        }
        let volunteers: i64 =
            conn.query_row("SELECT count(*) FROM volunteers WHERE village_id = ?1", [id], |r| r.get(0))?;
        Ok((volunteers > 0).then_some((Kind::Volunteer.sheet(), volunteers)))
    }
}
