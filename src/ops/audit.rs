//! The audit trail as both faces show it: change-sets and the history of a record as
//! lines in the operator's language (masked as the screen is), and reverting a
//! change-set (an import's revert first takes a verified backup).

use crate::db::{AuditEntry, CHAIN_START, ChangeSetRow, DbResult, Store};
use crate::domain::messages as m;
use crate::domain::shown::one_line;
use crate::domain::*;
use crate::template::Cell;

use super::export::Masking;
use super::records::Record;

/// `2026-11-29T10:05:00+08:00` as `2026-11-29 10:05`.
pub fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time}"),
        _ => one_line(at),
    }
}

/// The first line of a change-set: `#12  2026-11-29 10:05  王芳  导入`, with what it
/// reverts and what reverted it.
pub fn set_line(set: &ChangeSetRow, lang: Lang) -> String {
    let kind = match set.reverts {
        Some(id) => m::set_reverts(lang, id),
        None => set.kind.label(lang).to_string(),
    };
    let mut line = format!("#{}  {}  {}  {kind}", set.id, when(&set.at), one_line(&set.operator));
    if let Some(by) = set.reverted_by {
        line.push_str(&m::set_reverted_by(lang, by));
    }
    line
}

/// What a change-set did, in one line (the log's list): its only row, or its event.
pub fn set_summary(set: &ChangeSetRow, lang: Lang, masking: Masking) -> String {
    set.last.as_ref().and_then(|e| entry_lines(e, lang, masking).into_iter().next()).unwrap_or_default()
}

/// A change-set in one line: its header and what it did.
pub fn change_set_summary_line(set: &ChangeSetRow, lang: Lang, masking: Masking) -> String {
    format!("{}{}{}", set_line(set, lang), m::colon(lang), set_summary(set, lang, masking))
}

/// A record's kind from the audit log's `kind` column.
fn kind_of(key: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.key() == key)
}

/// A cell as the history shows it: money with its sign, choices in the operator's
/// language, text made safe for one line, nothing as 空.
fn cell_text(kind: Kind, field: &Field, cell: &Cell, lang: Lang) -> String {
    let text = match cell {
        Cell::Empty => return m::entry_empty(lang).to_string(),
        Cell::Money(money) => money.display(),
        other => other.text(),
    };
    let translated = match lang {
        Lang::En => crate::domain::kind::choices(kind, field.key)
            .and_then(|c| c.iter().find(|(zh, _)| *zh == text).map(|(_, en)| en.replace('_', " "))),
        Lang::Zh => None,
    };
    one_line(&translated.unwrap_or(text))
}

/// The fields of a record that say what it is, for a line about it.
fn summary_keys(kind: Kind) -> &'static [&'static str] {
    use crate::domain::kind::key;
    match kind {
        Kind::Village => &[key::VILLAGE_NAME],
        Kind::Project => &[key::TITLE],
        Kind::Donation => &[key::DONOR_NAME, key::AMOUNT, key::DONATED_ON],
        Kind::Disbursement => &[key::PAYEE, key::AMOUNT, key::PAID_ON],
        Kind::Volunteer => &[key::NAME],
        Kind::Shift => &[key::VOLUNTEER_CODE, key::SHIFT_DATE, key::ACTIVITY],
        Kind::CarryOver => &[key::FROM_PROJECT, key::TO_PROJECT, key::AMOUNT, key::TRANSFERRED_ON],
        Kind::Disclosure => &[key::PROJECT_CODE, key::PERIOD_FROM, key::PERIOD_TO],
    }
}

/// A record's cells, masked as the screen is: an ID number always (as everywhere but on
/// the certificate), phones and names as `masking` says.
fn masked_cells(record: &Record, masking: Masking) -> Vec<Cell> {
    let mut cells = record.cells();
    for (i, f) in record.kind().fields().iter().enumerate() {
        if f.ty == crate::domain::kind::FieldType::IdNumber
            && let Some(Cell::Text(t)) = cells.get_mut(i)
        {
            *t = crate::domain::id_number::mask_id_number(t);
        }
    }
    if masking.any() {
        masking.apply(record.kind(), &mut cells);
    }
    cells
}

/// What a record is, in a few words: a donation's donor, amount and date …
fn summary(record: &Record, lang: Lang, masking: Masking) -> String {
    let kind = record.kind();
    let cells = masked_cells(record, masking);
    let fields = kind.fields();
    summary_keys(kind)
        .iter()
        .filter_map(|k| fields.iter().position(|f| f.key == *k))
        .filter_map(|i| cells.get(i).map(|c| cell_text(kind, &fields[i], c, lang)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What one row of the log says, in lines: the first names the change; an update lists
/// each field it changed, from what to what.
pub fn entry_lines(e: &AuditEntry, lang: Lang, masking: Masking) -> Vec<String> {
    let code = one_line(e.code.as_deref().unwrap_or_default());
    let record = |json: &Option<String>| kind_of(&e.kind).and_then(|k| Record::from_json(k, json.as_deref()?));
    match (e.action.as_str(), kind_of(&e.kind)) {
        ("insert", Some(kind)) => {
            let what = record(&e.after).map(|r| summary(&r, lang, masking)).unwrap_or_default();
            vec![m::entry_insert(lang, kind.one(lang), code, what)]
        }
        ("delete", Some(kind)) => {
            let what = record(&e.before).map(|r| summary(&r, lang, masking)).unwrap_or_default();
            vec![m::entry_delete(lang, kind.one(lang), code, what)]
        }
        ("update", Some(kind)) => {
            let mut lines = vec![m::entry_update(lang, kind.one(lang), code)];
            if let (Some(before), Some(after)) = (record(&e.before), record(&e.after)) {
                let (b, a) = (masked_cells(&before, masking), masked_cells(&after, masking));
                for (i, field) in kind.fields().iter().enumerate() {
                    let (Some(x), Some(y)) = (b.get(i), a.get(i)) else { continue };
                    if x != y {
                        let (x, y) = (cell_text(kind, field, x, lang), cell_text(kind, field, y, lang));
                        lines.push(m::entry_field(lang, field.label(lang), x, y));
                    }
                }
            }
            lines
        }
        _ => event_lines(e, lang),
    }
}

/// The lines of an event row: an import, a batch entry, a revert, the chain's start.
fn event_lines(e: &AuditEntry, lang: Lang) -> Vec<String> {
    let detail: serde_json::Value = e.after.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default();
    let count = |v: &serde_json::Value| v.as_u64().unwrap_or(0);
    match e.action.as_str() {
        "import" => {
            let files = detail["files"].as_array().cloned().unwrap_or_default();
            let name = |f: &serde_json::Value| {
                let path = f["path"].as_str().unwrap_or_default();
                one_line(&std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy()))
            };
            let names: Vec<String> = files.iter().map(name).collect();
            let mut lines = vec![m::event_import(lang, m::list(lang, &names))];
            for f in &files {
                let hash: String = f["sha256"].as_str().unwrap_or_default().chars().take(16).collect();
                lines.push(m::event_import_file(lang, name(f), hash));
            }
            for kind in Kind::ALL {
                let c = &detail["counts"][kind.key()];
                if count(&c["inserted"]) + count(&c["updated"]) > 0 {
                    lines.push(m::event_import_counts(
                        lang,
                        kind.name(lang),
                        count(&c["inserted"]),
                        count(&c["updated"]),
                    ));
                }
            }
            lines
        }
        "batch_entry" => match detail["total"].as_str().and_then(|t| Money::parse(t).ok()) {
            Some(total) => vec![m::event_batch(lang, count(&detail["count"]), total.display())],
            None => {
                let refs: Vec<String> = detail["donations"]
                    .as_array()
                    .map(|a| a.iter().filter_map(|r| r.as_str().map(one_line)).collect())
                    .unwrap_or_default();
                vec![m::event_batch_refs(lang, m::list(lang, &refs))]
            }
        },
        "demo" => vec![m::event_demo(lang).to_string()],
        "link" | "unlink" => {
            let text = |k: &str| one_line(detail[k].as_str().unwrap_or("—"));
            match e.action.as_str() {
                "link" => vec![m::event_link(lang, text("platform_id"), text("project"))],
                _ => vec![m::event_unlink(lang, text("platform_id"), text("before"))],
            }
        }
        "revert" => {
            let done: Vec<String> = [
                (count(&detail["deleted"]), m::revert_deleted as fn(Lang, u64) -> String),
                (count(&detail["restored"]), m::revert_restored),
                (count(&detail["reinserted"]), m::revert_reinserted),
                (count(&detail["bulk_deleted"]), m::revert_bulk),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, f)| f(lang, n))
            .collect();
            let mut lines = vec![m::event_revert(lang, count(&detail["reverts"]), m::list(lang, &done))];
            for kind in Kind::ALL.into_iter().rev() {
                let n = count(&detail["bulk"][kind.key()]);
                if n > 0 {
                    lines.push(m::event_revert_bulk(lang, kind.name(lang), n));
                }
            }
            if let Some(b) = detail["backup"].as_str() {
                lines.push(m::event_backup(lang, one_line(b)));
            }
            lines
        }
        CHAIN_START => vec![m::event_chain_start(lang, count(&detail["earlier_rows"]))],
        "receipt_book" | "receipt_void" | "certificate" => {
            let text = |k: &str| one_line(detail[k].as_str().unwrap_or("-"));
            vec![match e.action.as_str() {
                "receipt_book" => m::event_receipt_book(lang, text("receipt_code"), text("first"), text("last")),
                "receipt_void" => m::event_receipt_void(lang, text("receipt_code"), text("receipt_no"), text("reason")),
                _ => m::event_certificate(lang, text("serial"), text("volunteer_code"), text("hours")),
            }]
        }
        other => vec![m::event_other(lang, one_line(other), one_line(e.after.as_deref().unwrap_or_default()))],
    }
}

/// A change-set with its first `limit` rows' lines, for a popup or the command line.
pub fn change_set_lines(
    store: &Store,
    set: &ChangeSetRow,
    lang: Lang,
    masking: Masking,
    limit: i64,
) -> DbResult<Vec<String>> {
    let mut lines = vec![set_line(set, lang)];
    for e in store.change_set_entries(set.id, 0, limit)? {
        lines.extend(entry_lines(&e, lang, masking).into_iter().map(|l| format!("  {l}")));
    }
    if set.rows > limit {
        lines.push(format!("  {}", m::set_more_rows(lang, set.rows - limit)));
    }
    Ok(lines)
}

/// One change of a record's history: its change-set (to revert) and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryItem {
    pub change_set: Option<i64>,
    pub lines: Vec<String>,
}

/// A record's history, newest first: who changed it when, each field from what to what;
/// for a record an import made, that import last. At most `limit` changes.
pub fn record_history(
    store: &Store,
    kind: Kind,
    code: &str,
    lang: Lang,
    masking: Masking,
    limit: i64,
) -> DbResult<Vec<HistoryItem>> {
    let mut items = Vec::new();
    let entries = store.record_history(kind, code, limit)?;
    for e in &entries {
        let set = match e.change_set {
            Some(id) => store.change_set(id)?,
            None => None,
        };
        let head = match &set {
            Some(s) => set_line(s, lang),
            None => format!("{}  {}", when(&e.at), one_line(&e.operator)),
        };
        let mut lines = vec![head];
        lines.extend(entry_lines(e, lang, masking).into_iter().map(|l| format!("  {l}")));
        items.push(HistoryItem { change_set: e.change_set, lines });
    }
    // An import's records have no row each: the import that made it says when and who.
    let made_here = entries.iter().any(|e| e.action == "insert");
    if !made_here
        && let Some((Some(created), _)) = store.record_links(kind, code)?
        && let Some(set) = store.change_set(created)?
        && !entries.iter().any(|e| e.change_set == Some(created))
    {
        let line = m::history_created(lang, set.id, when(&set.at), one_line(&set.operator), set.kind.label(lang));
        items.push(HistoryItem { change_set: Some(set.id), lines: vec![line] });
    }
    Ok(items)
}

/// Reverts change-set `id` as the store's operator; an import's revert takes a verified
/// backup first (what it deletes is not logged one by one). Returns the new change-set.
pub fn revert(store: &mut Store, id: i64) -> super::OpsResult<i64> {
    let set = store.change_set(id)?.ok_or(crate::db::DbError::ChangeSetNotFound(id))?;
    let backup = if set.kind == ChangeKind::Import && set.reverted_by.is_none() && !store.is_read_only() {
        Some(super::backup::backup_file(store.path())?.path)
    } else {
        None
    };
    Ok(store.revert(id, backup.as_deref())?)
}

/// A record kind as typed on the command line: its key (`donations`), its English name
/// (`donation`) or its sheet (`捐赠`).
pub fn kind_from_text(text: &str) -> Option<Kind> {
    let plain = |s: &str| s.trim().to_lowercase().replace(['-', ' '], "_").trim_end_matches('s').to_string();
    let t = plain(text);
    Kind::ALL.into_iter().find(|k| plain(k.key()) == t || plain(k.one(Lang::En)) == t || k.sheet() == text.trim())
}
