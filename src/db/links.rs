//! Platform project links: which project of this database a platform project id (a
//! charity platform's `pid`, a WeChat bill's 商品名称) stands for. One row per id; each
//! change has its audit row.

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::Store;
use super::audit::{self, Log};
use super::error::{DbError, DbResult};
use crate::domain::shown;
use crate::domain::{ChangeKind, Kind};

/// One link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformLink {
    pub platform_id: String,
    pub project_code: String,
    pub project_title: String,
    /// The platform's name for it, when known.
    pub label: Option<String>,
    pub linked_at: String,
}

impl Store {
    /// Every link, by platform id.
    pub fn platform_links(&self) -> DbResult<Vec<PlatformLink>> {
        let mut stmt = self.conn.prepare(
            "SELECT l.platform_id, p.code, p.title, l.label, l.linked_at FROM platform_links l \
             JOIN projects p ON p.id = l.project_id ORDER BY l.platform_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PlatformLink {
                platform_id: r.get(0)?,
                project_code: r.get(1)?,
                project_title: r.get(2)?,
                label: r.get(3)?,
                linked_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Links `platform_id` to the project `project` (replacing an earlier link), with the
    /// platform's name for it. Refused for a project that does not exist.
    pub fn link_platform(&mut self, platform_id: &str, project: &str, label: Option<&str>) -> DbResult<()> {
        self.writable()?;
        let id = platform_id.trim();
        if id.is_empty() || id.chars().count() > 200 {
            return Err(DbError::NotFound { kind: Kind::Project, code: id.to_string() });
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        let project_id: Option<i64> = tx
            .query_row("SELECT id FROM projects WHERE office = focus_office() AND code = ?1", [project], |r| r.get(0))
            .optional()?;
        let Some(project_id) = project_id else {
            return Err(DbError::NotFound { kind: Kind::Project, code: project.to_string() });
        };
        let before: Option<String> = tx
            .query_row(
                "SELECT p.code FROM platform_links l JOIN projects p ON p.id = l.project_id WHERE l.platform_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
        tx.execute(
            "INSERT INTO platform_links(platform_id, project_id, label, linked_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(platform_id) DO UPDATE SET project_id = excluded.project_id, \
             label = coalesce(excluded.label, label), linked_at = excluded.linked_at",
            params![id, project_id, label.map(shown::one_line), at],
        )?;
        let detail = json!({ "platform_id": id, "project": project, "before": before, "label": label });
        let mut log = Log::begin(&tx, audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        log.event(&tx, "link", &detail)?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(())
    }

    /// Removes the link of `platform_id`; false when there was none.
    pub fn unlink_platform(&mut self, platform_id: &str) -> DbResult<bool> {
        self.writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| DbError::on_write(&self.path, e))?;
        let before: Option<String> = tx
            .query_row(
                "SELECT p.code FROM platform_links l JOIN projects p ON p.id = l.project_id WHERE l.platform_id = ?1",
                [platform_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(before) = before else { return Ok(false) };
        tx.execute("DELETE FROM platform_links WHERE platform_id = ?1", [platform_id])?;
        let mut log = Log::begin(&tx, audit::now(self.clock), &self.operator, ChangeKind::Single, None)?;
        log.event(&tx, "unlink", &json!({ "platform_id": platform_id, "before": before }))?;
        log.finish()?;
        tx.commit().map_err(|e| DbError::on_write(&self.path, e))?;
        self.last_change_set.set(Some(log.id()));
        Ok(true)
    }
}

/// The project code `platform_id` is linked to now, if any (in the caller's transaction).
pub(crate) fn linked(conn: &rusqlite::Connection, platform_id: &str) -> DbResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT p.code FROM platform_links l JOIN projects p ON p.id = l.project_id WHERE l.platform_id = ?1",
            [platform_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Links `platform_id` to `project` again, or removes its link (`None`), in the caller's
/// transaction (a revert); false when the project no longer exists.
pub(crate) fn relink(
    conn: &rusqlite::Connection,
    platform_id: &str,
    project: Option<&str>,
    at: &str,
) -> DbResult<bool> {
    let Some(project) = project else {
        conn.execute("DELETE FROM platform_links WHERE platform_id = ?1", [platform_id])?;
        return Ok(true);
    };
    let project_id: Option<i64> = conn
        .query_row("SELECT id FROM projects WHERE office = focus_office() AND code = ?1", [project], |r| r.get(0))
        .optional()?;
    let Some(project_id) = project_id else { return Ok(false) };
    conn.execute(
        "INSERT INTO platform_links(platform_id, project_id, linked_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT(platform_id) DO UPDATE SET project_id = excluded.project_id, linked_at = excluded.linked_at",
        params![platform_id, project_id, at],
    )?;
    Ok(true)
}
