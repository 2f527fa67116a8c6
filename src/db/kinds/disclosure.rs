//! 公示记录 rows.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};

use crate::db::error::DbResult;
use crate::db::record::{Stored, reference};
use crate::db::sql::{self, Date};
use crate::domain::kind::key;
use crate::domain::{Disclosure, DisclosureChannel, DisclosureKind, Kind};

impl Stored for Disclosure {
    const KIND: Kind = Kind::Disclosure;
    const TABLE: &'static str = "disclosures";
    const CODE_COLUMN: &'static str = "ref";
    const COLUMNS: &'static [&'static str] =
        &["ref", "project_id", "kind", "period_from", "period_to", "published_on", "channel", "note"];
    const SELECT: &'static str = "SELECT t.ref, p.code, t.kind, t.period_from, t.period_to, t.published_on, \
        t.channel, t.note FROM disclosures t JOIN projects p ON p.id = t.project_id";

    fn code(&self) -> &str {
        &self.disclosure_ref
    }

    fn values(&self, conn: &Connection) -> DbResult<Vec<Value>> {
        let project = reference(
            conn,
            Kind::Disclosure,
            &self.disclosure_ref,
            key::PROJECT_CODE,
            Kind::Project,
            &self.project_code,
        )?;
        Ok(vec![
            self.disclosure_ref.clone().into(),
            project.into(),
            Value::from(self.kind.key().to_string()),
            sql::date(self.period_from).into(),
            sql::date(self.period_to).into(),
            sql::date(self.published_on).into(),
            Value::from(self.channel.key().to_string()),
            self.note.clone().into(),
        ])
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Disclosure {
            disclosure_ref: r.get(0)?,
            project_code: r.get(1)?,
            kind: sql::enum_from(&r.get::<_, String>(2)?, DisclosureKind::from_key)?,
            period_from: r.get::<_, Date>(3)?.0,
            period_to: r.get::<_, Date>(4)?.0,
            published_on: r.get::<_, Date>(5)?.0,
            channel: sql::enum_from(&r.get::<_, String>(6)?, DisclosureChannel::from_key)?,
            note: r.get(7)?,
        })
    }
}
