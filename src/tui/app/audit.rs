//! The audit trail in the console: who is working (and switching), a record's history,
//! a change-set's rows, undo of the operator's own last change, and reverts.

use super::*;
use crate::domain::messages as m;
use crate::ops::audit::{HistoryItem, change_set_summary_line};
use crate::tui::history::HistoryPopup;
use crate::tui::jobs::spawn_revert;

/// Changes a history popup lists.
const HISTORY_LIMIT: i64 = 200;
/// Rows of a change-set its popup lists.
const SET_ROWS: i64 = 500;

impl App {
    /// After an action: a change-set this console just made joins the session (what
    /// Ctrl-Z undoes).
    pub(super) fn track_change(&mut self) {
        let last = self.store.last_change_set();
        if last.is_some() && last != self.seen_change_set {
            self.seen_change_set = last;
            if let Some(id) = last {
                self.session.push((self.store.operator().to_string(), id));
            }
        }
    }

    /// A change-set made on another connection (an import's worker) joins the session.
    pub(super) fn track_job_change(&mut self, id: i64) {
        self.session.push((self.store.operator().to_string(), id));
    }

    /// `H`: the history of the selected record.
    pub(super) fn history(&mut self) -> DbResult<()> {
        let Some((kind, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let mut items = self.store.record_history(kind, &code, self.opts.lang, self.masking(), HISTORY_LIMIT)?;
        if items.is_empty() {
            items.push(HistoryItem { change_set: None, lines: vec![m::history_none(self.opts.lang).to_string()] });
        }
        let title = format!("{} {} {}", self.t(Msg::HistoryTitle), kind.one(self.opts.lang), code);
        self.popups.push(Popup::History(Box::new(HistoryPopup::new(title, items))));
        Ok(())
    }

    /// Enter on the log: the change-set with all its rows.
    pub(super) fn open_change_set(&mut self, id: i64) -> DbResult<()> {
        let Some(set) = self.store.change_set(id)? else { return Ok(()) };
        let lines = self.store.change_set_lines(&set, self.opts.lang, self.masking(), SET_ROWS)?;
        let title = format!("{} #{id}", self.t(Msg::LogDetail));
        let item = HistoryItem { change_set: Some(id), lines };
        self.popups.push(Popup::History(Box::new(HistoryPopup::new(title, vec![item]))));
        Ok(())
    }

    /// `r` on the log: revert the selected change-set (after asking).
    pub(super) fn revert_selected(&mut self) -> DbResult<()> {
        match self.log.current_set() {
            Some(id) => self.ask_revert(id, false),
            None => {
                self.say(Msg::NotAChangeSet);
                Ok(())
            }
        }
    }

    /// Ctrl-Z: the current operator's latest change of this session, undone after asking.
    pub(super) fn undo(&mut self) -> DbResult<()> {
        let me = self.store.operator().to_string();
        match self.session.iter().rev().find(|(op, _)| *op == me).map(|(_, id)| *id) {
            Some(id) => self.ask_revert(id, true),
            None => {
                self.say(Msg::NothingToUndo);
                Ok(())
            }
        }
    }

    /// Asks before reverting, saying what the change was.
    pub(super) fn ask_revert(&mut self, id: i64, undo: bool) -> DbResult<()> {
        let Some(set) = self.store.change_set(id)? else { return Ok(()) };
        let what = change_set_summary_line(&set, self.opts.lang, self.masking());
        let yes_no = self.t(Msg::YesNo);
        let text = if undo {
            m::confirm_undo(self.opts.lang, what, yes_no)
        } else {
            m::confirm_revert(self.opts.lang, what, yes_no)
        };
        self.popups.push(Popup::Confirm { text, pending: Pending::Revert { id, undo } });
        Ok(())
    }

    /// Reverts a change-set: the lists show the result; a refusal says why. An import's
    /// revert runs on a worker, the status line showing it.
    pub(super) fn revert(&mut self, id: i64) -> DbResult<()> {
        let import = self.store.change_set(id)?.is_some_and(|s| s.kind == ChangeKind::Import);
        if let (true, Some(tx)) = (import, self.jobs.clone()) {
            if self.job.is_some() {
                self.say(Msg::Busy);
                return Ok(());
            }
            self.job = Some(Job { phase: Phase::Backup, done: 0, total: 1 });
            let db = self.store.path().to_path_buf();
            spawn_revert(tx, db, self.store.operator().to_string(), id, self.opts.now, self.opts.lang);
            return Ok(());
        }
        match self.store.revert(id) {
            Ok(by) => self.reverted(id, Ok(by)),
            Err(crate::ops::OpsError::Db(e)) if !e.is_rejection() => Err(e),
            Err(e) => self.reverted(id, Err(e.message(self.opts.lang))),
        }
    }

    /// What became of a revert: the lists show the result, or a popup says why not.
    pub(super) fn reverted(&mut self, id: i64, result: Result<i64, String>) -> DbResult<()> {
        match result {
            Ok(by) => {
                // The revert is not itself something to undo with Ctrl-Z: the change it
                // undid leaves the session instead.
                self.seen_change_set = self.store.last_change_set();
                self.session.retain(|(_, s)| *s != id);
                self.popups.retain(|p| !matches!(p, Popup::History(_)));
                self.reload_all()?;
                self.message = Some((m::reverted(self.opts.lang, id, by), false));
            }
            Err(why) => {
                let title = self.t(Msg::CannotRevert).to_string();
                self.popups.push(Popup::Report { title, lines: vec![why], scroll: 0, ok: false });
            }
        }
        Ok(())
    }

    /// `O`: someone else takes over the console.
    pub(super) fn switch_operator(&mut self) {
        let known = self.opts.operators.clone();
        self.popups.push(Popup::Operator(Box::new(OperatorPopup::new(known, false))));
    }

    /// The name typed or chosen: it records every change from now on, and the
    /// installation remembers it (never in read-only or training mode).
    pub(super) fn set_operator(&mut self, name: String) -> DbResult<()> {
        self.store.set_operator(&name)?;
        self.opts.operators.retain(|n| *n != name);
        self.opts.operators.insert(0, name.clone());
        let remembered = match &self.opts.config {
            Some(path) if !self.opts.read_only && self.opts.training.is_none() => {
                crate::ops::settings::remember_operator(path, &name).err()
            }
            _ => None,
        };
        self.message = Some(match remembered {
            None => (m::operator_now(self.opts.lang, crate::domain::shown::one_line(&name)), false),
            Some(e) => (m::write_failed(self.opts.lang, crate::domain::messages::io_reason(&e, self.opts.lang)), true),
        });
        Ok(())
    }
}
