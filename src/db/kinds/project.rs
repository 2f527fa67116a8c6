//! 项目 rows.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::DbResult;
use crate::db::record::{Stored, reference};
use crate::db::sql::{self, Date, OptDate};
use crate::domain::kind::key;
use crate::domain::pinyin_key::search_key;
use crate::domain::{Category, Kind, Project, ProjectStatus};

impl Stored for Project {
    const KIND: Kind = Kind::Project;
    const TABLE: &'static str = "projects";
    const CODE_COLUMN: &'static str = "code";
    const COLUMNS: &'static [&'static str] = &[
        "code",
        "village_id",
        "title",
        "category",
        "target_fen",
        "start_date",
        "end_date",
        "status",
        "platform",
        "beneficiaries",
        "manager",
        "description",
        "search_key",
    ];
    const SELECT: &'static str = "SELECT t.code, v.code, t.title, t.category, t.target_fen, t.start_date, \
        t.end_date, t.status, t.platform, t.beneficiaries, t.manager, t.description \
        FROM projects t JOIN villages v ON v.id = t.village_id";

    fn code(&self) -> &str {
        &self.code
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let village = reference(conn, Kind::Project, &self.code, key::VILLAGE_CODE, Kind::Village, &self.village_code)?;
        Ok(vec![
            self.code.clone().into(),
            village.into(),
            self.title.clone().into(),
            self.category.key().to_string().into(),
            self.target.fen().into(),
            sql::date(self.start_date).into(),
            sql::opt_date(self.end_date).into(),
            self.status.key().to_string().into(),
            self.platform.clone().into(),
            self.beneficiaries.into(),
            self.manager.clone().into(),
            self.description.clone().into(),
            search_key(&self.code, &self.title).into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Project {
            code: r.get(0)?,
            village_code: r.get(1)?,
            title: r.get(2)?,
            category: sql::enum_from(&r.get::<_, String>(3)?, Category::from_key)?,
            target: sql::money(r.get(4)?),
            start_date: r.get::<_, Date>(5)?.0,
            end_date: r.get::<_, OptDate>(6)?.0,
            status: sql::enum_from(&r.get::<_, String>(7)?, ProjectStatus::from_key)?,
            platform: r.get(8)?,
            beneficiaries: r.get(9)?,
            manager: r.get(10)?,
            description: r.get(11)?,
        })
    }

    fn dependents(conn: &Connection, id: i64) -> DbResult<Option<(&'static str, i64)>> {
        for (sql, what) in [
            ("SELECT count(*) FROM donations WHERE project_id = ?1", Kind::Donation.sheet()),
            ("SELECT count(*) FROM disbursements WHERE project_id = ?1", Kind::Disbursement.sheet()),
            ("SELECT count(*) FROM shifts WHERE project_id = ?1", Kind::Shift.sheet()),
            (
                "SELECT count(*) FROM carry_overs WHERE from_project_id = ?1 OR to_project_id = ?1",
                Kind::CarryOver.sheet(),
            ),
            ("SELECT count(*) FROM disclosures WHERE project_id = ?1", Kind::Disclosure.sheet()),
        ] {
            let n: i64 = conn.query_row(sql, [id], |r| r.get(0))?;
            if n > 0 {
                return Ok(Some((what, n)));
            }
        }
        Ok(None)
    }
}
