//! Actions on the pane in front: moving, opening and going back, sorting, filtering,
//! searching, and starting forms, batches, deletions, imports and exports.

use super::*;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Help) {
            self.message = None;
        }
        let result = match self.popups.last().map(Popup::context) {
            Some(_) => self.popup_action(action),
            None => self.pane_action(action),
        };
        if let Err(e) = result {
            self.fail(e);
        }
        self.track_change();
    }

    pub(super) fn pane_action(&mut self, action: Action) -> DbResult<()> {
        // A county's rolled-up records in a city's database: said before a form is typed
        // into, not when it is saved.
        if action.changes_records() {
            self.store.own_records()?;
        }
        let page = self.list_height() as i64;
        match action {
            Action::Quit => self.ask_quit()?,
            Action::Help => self.popups.push(Popup::Help),
            Action::KeyCast => self.keycast = !self.keycast,
            Action::ResetTraining => {
                if self.opts.training.is_some() {
                    let text = self.t(Msg::ConfirmReset).to_string();
                    self.popups.push(Popup::Confirm { text, pending: Pending::ResetTraining });
                } else {
                    self.say(Msg::NotTraining);
                }
            }
            Action::Card => self.card()?,
            Action::PaneOverview => self.go(PaneId::Overview)?,
            Action::PaneVillages => self.go(PaneId::Villages)?,
            Action::PaneProjects => self.go(PaneId::Projects)?,
            Action::PaneDonations => self.go(PaneId::Donations)?,
            Action::PaneVolunteers => self.go(PaneId::Volunteers)?,
            Action::PaneLog => self.go(PaneId::Log)?,
            Action::Undo => self.undo()?,
            Action::History => self.history()?,
            Action::Revert => self.revert_selected()?,
            Action::SwitchOperator => self.switch_operator(),
            Action::NextPane | Action::PrevPane => {
                let i = PaneId::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { PaneId::ALL.len() - 1 };
                self.go(PaneId::ALL[(i + step) % PaneId::ALL.len()])?;
            }
            Action::Down => self.move_by(1)?,
            Action::Up => self.move_by(-1)?,
            Action::PageDown => self.move_by(page)?,
            Action::PageUp => self.move_by(-page)?,
            Action::First => self.move_by(i64::MIN / 2)?,
            Action::Last => self.move_by(i64::MAX / 2)?,
            Action::Open => self.open()?,
            Action::Back => self.back()?,
            Action::Search if self.pane != PaneId::Overview => {
                let current = self.current_search();
                self.searching = Some(Input::new(current));
            }
            Action::Sort => self.sort()?,
            Action::Filter => self.open_filter(),
            Action::New => self.new_record(self.pane_kind())?,
            Action::NewDisbursement => self.new_record(Kind::Disbursement)?,
            Action::NewShift => self.new_record(Kind::Shift)?,
            Action::Statement => self.statement()?,
            Action::DisclosuresDue => self.disclosures_due()?,
            Action::NewCarryOver => self.new_carry_over(None)?,
            Action::RecordDisclosure => self.record_disclosure()?,
            Action::CloseProject => self.close_project()?,
            Action::Edit => self.edit()?,
            Action::Delete => self.ask_delete(),
            Action::Batch => {
                let project = self.scope_project.clone().or_else(|| {
                    (self.pane == PaneId::Projects)
                        .then(|| self.projects.current().map(|p| (p.code.clone(), p.title.clone())))
                        .flatten()
                });
                // Slips for a closed project would all be refused at the end: say so now.
                if let Some((code, _)) = &project
                    && self.store.project_closed(code)?
                {
                    let text = Rule::ProjectClosed { project: code.clone() }.message(self.opts.lang);
                    self.message = Some((text, true));
                    return Ok(());
                }
                let today = self.opts.today.format("%Y-%m-%d").to_string();
                self.popups.push(Popup::Batch(Box::new(BatchEntry::new_in(project, &today, self.opts.lang))));
            }
            Action::FocusShifts => self.volunteers.shifts.focus(),
            Action::FocusDisbursements => self.projects.disbursements.focus(),
            Action::FocusProjects => self.projects.disbursements.focused = false,
            Action::FocusVolunteers => self.volunteers.shifts.focused = false,
            Action::MarkServed => self.mark_shift(ShiftStatus::Served)?,
            Action::MarkAbsent => self.mark_shift(ShiftStatus::Absent)?,
            Action::Donor => self.open_donor_of_selected()?,
            Action::FindDonor => {
                let source = super::super::picker::PickSource::Donors(self.opts.lang);
                self.apply(Effect::OpenPicker { target: super::super::picker::PickTarget::Donor, source })?;
            }
            Action::ReplaceReceipt => self.replace_receipt()?,
            Action::Certificate => self.open_certificate(),
            Action::Import => self.open_prompt(Msg::ImportPrompt, false),
            Action::Export => self.open_prompt(Msg::ExportPrompt, true),
            Action::Backup => self.backup()?,
            _ => {}
        }
        Ok(())
    }

    pub(super) fn go(&mut self, pane: PaneId) -> DbResult<()> {
        self.pane = pane;
        self.searching = None;
        self.volunteers.shifts.focused = false;
        self.projects.disbursements.focused = false;
        self.reload_lists()
    }

    pub(super) fn current_search(&self) -> String {
        self.list().map(|l| l.search().to_string()).unwrap_or_default()
    }

    pub(super) fn move_by(&mut self, delta: i64) -> DbResult<()> {
        let h = self.list_height();
        match self.front_with_desk() {
            (Some(pane), store) => pane.step(store, h, delta),
            (None, _) => Ok(()),
        }
    }

    /// Enter: a village opens its projects, a project its donations.
    pub(super) fn open(&mut self) -> DbResult<()> {
        let opened = self.front_with_desk().0.map_or(Opened::Nothing, |p| p.open());
        match opened {
            Opened::Village(code, name) => {
                // A village of a county's export turns the lists to that county.
                let current = self.villages.current().filter(|v| v.code == code);
                let (office, town) = current.map_or((self.store.focus(), None), |v| (v.office, Some(v.town.clone())));
                self.turn_to(office);
                self.scope_town = town;
                self.scope_village = Some((code, name));
                self.scope_project = None;
                self.apply_scope();
                self.projects.selected = 0;
                self.projects.query.only = None;
                self.projects.search.clear();
                self.go(PaneId::Projects)
            }
            Opened::Project(code, title) => {
                self.scope_project = Some((code, title));
                self.apply_scope();
                self.donations.selected = 0;
                self.go(PaneId::Donations)
            }
            Opened::Edit => self.edit(),
            Opened::ChangeSet(id) => self.open_change_set(id),
            Opened::Nothing => Ok(()),
        }
    }

    /// Esc: back up the path.
    pub(super) fn back(&mut self) -> DbResult<()> {
        // A side list left focused on a pane behind gives its keys back too.
        let panes: [&mut dyn Pane; 5] =
            [&mut self.villages, &mut self.projects, &mut self.donations, &mut self.volunteers, &mut self.log];
        if panes.into_iter().fold(false, |left, p| p.back() | left) {
            return Ok(());
        }
        // Then a search or filter of the list in front goes.
        if self.list_mut().is_some_and(|l| l.clear_narrowing()) {
            return self.reload_lists();
        }
        match self.pane {
            PaneId::Donations if self.scope_project.is_some() => {
                self.scope_project = None;
                self.apply_scope();
                self.donations.reload(&self.store, self.list_height())?;
                self.go(PaneId::Projects)
            }
            PaneId::Projects | PaneId::Volunteers | PaneId::Donations if self.scope_village.is_some() => {
                self.scope_village = None;
                self.scope_town = None;
                self.scope_project = None;
                self.apply_scope();
                self.reload_all()?;
                self.go(PaneId::Villages)
            }
            _ => Ok(()),
        }
    }

    pub(super) fn sort(&mut self) -> DbResult<()> {
        match self.list_mut() {
            Some(list) => list.next_sort(),
            None => return Ok(()),
        }
        self.reload_lists()
    }

    /// The sort of the current list as text (`名称 ↑`).
    pub fn sort_label(&self) -> String {
        self.list().map(|l| l.sort_label(self.opts.lang)).unwrap_or_default()
    }

    pub(super) fn open_filter(&mut self) {
        if self.pane == PaneId::Overview {
            return;
        }
        let Some(q) = self.list().map(|l| l.filter().clone()) else { return };
        let date = |d: Option<NaiveDate>| Input::new(d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        self.popups.push(Popup::Filter(FilterPopup {
            row: 0,
            status: q.status,
            category: q.category,
            from: date(q.from),
            to: date(q.to),
            statuses: self.filter_statuses(),
            categories: self.front().map(|p| p.categories()).unwrap_or_default(),
            operators: self.filter_operators(),
            operator: q.operator,
        }));
    }

    /// The operators the audit log can be filtered by (none for other lists).
    pub fn filter_operators(&self) -> Vec<String> {
        if self.pane != PaneId::Log {
            return Vec::new();
        }
        self.store.operators(50).unwrap_or_default()
    }

    /// The status values the current list can be filtered by.
    pub fn filter_statuses(&self) -> Vec<StatusFilter> {
        self.front().map(|p| p.statuses()).unwrap_or_default()
    }

    pub(super) fn pane_kind(&self) -> Kind {
        self.front().map_or(Kind::Village, |p| p.new_kind())
    }

    /// The kind and code of the selected record.
    pub(super) fn selected_record(&self) -> Option<(Kind, String)> {
        self.front().and_then(|p| p.selected())
    }

    pub(super) fn new_record(&mut self, kind: Kind) -> DbResult<()> {
        if self.pane == PaneId::Overview && kind == Kind::Village {
            return Ok(());
        }
        let today = self.opts.today.format("%Y-%m-%d").to_string();
        let mut prefill: Vec<(&str, String)> = Vec::new();
        let village = self.scope_village.as_ref().map(|v| v.0.clone()).or_else(|| {
            (self.pane == PaneId::Villages).then(|| self.villages.current().map(|v| v.code.clone())).flatten()
        });
        let project = self.scope_project.as_ref().map(|p| p.0.clone()).or_else(|| {
            (self.pane == PaneId::Projects).then(|| self.projects.current().map(|p| p.code.clone())).flatten()
        });
        match kind {
            Kind::Project | Kind::Volunteer => {
                if let Some(v) = village {
                    prefill.push((key::VILLAGE_CODE, v));
                }
                prefill.push((key::START_DATE, today.clone()));
            }
            Kind::Donation => {
                // Numbered as batch entry numbers its slips.
                let day = self.opts.today.format("%Y%m%d").to_string();
                prefill.push((key::DONATION_REF, self.store.next_donation_serial(&day)?));
                if let Some(p) = project {
                    prefill.push((key::PROJECT_CODE, p));
                }
                prefill.push((key::DONATED_ON, today));
            }
            Kind::Disbursement => {
                // Numbered as batch entry numbers donations: BF-<project>-<day>, then -2, -3 …
                if let Some(p) = project {
                    let day = self.opts.today.format("%Y%m%d");
                    prefill.push((key::DISBURSEMENT_REF, self.store.free_code(kind, &format!("BF-{p}-{day}"))?));
                    prefill.push((key::PROJECT_CODE, p));
                }
                prefill.push((key::PAID_ON, today));
            }
            Kind::Shift => {
                if let Some(v) = self.volunteers.current().map(|v| v.code.clone()) {
                    let day = self.opts.today.format("%Y%m%d");
                    prefill.push((key::SHIFT_REF, self.store.free_code(kind, &format!("PB-{v}-{day}"))?));
                    prefill.push((key::VOLUNTEER_CODE, v));
                }
                prefill.push((key::SHIFT_DATE, today));
            }
            Kind::CarryOver => {
                if let Some(p) = project {
                    prefill.push((key::FROM_PROJECT, p));
                }
                prefill.push((key::TRANSFERRED_ON, today));
            }
            Kind::Disclosure => {
                if let Some(p) = project {
                    prefill.push((key::PROJECT_CODE, p));
                }
                prefill.push((key::PUBLISHED_ON, today));
            }
            Kind::Village => {}
        }
        self.popups.push(Popup::Form(Box::new(Form::new(kind, &prefill, self.opts.lang))));
        Ok(())
    }

    pub(super) fn edit(&mut self) -> DbResult<()> {
        let Some((kind, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        if let Some(record) = self.store.load(kind, &code)? {
            self.popups.push(Popup::Form(Box::new(Form::edit(&record, self.opts.lang))));
        }
        Ok(())
    }

    pub(super) fn ask_delete(&mut self) {
        let Some((kind, code)) = self.selected_record() else {
            self.say(Msg::NothingSelected);
            return;
        };
        // Say what it is, not only its serial: the donor, amount and date of a donation …
        let what = match self.store.load(kind, &code) {
            Ok(Some(r)) => r.summary(self.opts.lang),
            _ => String::new(),
        };
        let text = crate::domain::messages::confirm_delete(
            self.opts.lang,
            kind.name(self.opts.lang),
            &code,
            what,
            self.t(Msg::YesNo),
        );
        self.popups.push(Popup::Confirm { text, pending: Pending::Delete(kind, code) });
    }

    pub(super) fn mark_shift(&mut self, status: ShiftStatus) -> DbResult<()> {
        let Some(s) = self.volunteers.shifts.current() else {
            self.say(Msg::NoShift);
            return Ok(());
        };
        let code = s.shift_ref.clone();
        self.store.mark_shift(&code, status, self.opts.today)?;
        self.reload_all()?;
        self.say(if status == ShiftStatus::Served { Msg::MarkedServed } else { Msg::MarkedAbsent });
        Ok(())
    }

    pub(super) fn open_prompt(&mut self, title: Msg, export: bool) {
        if self.job.is_some() {
            self.say(Msg::Busy);
            return;
        }
        let default = if export { self.export_default_name() } else { String::new() };
        let suggested = !default.is_empty();
        self.popups.push(Popup::Prompt(Prompt { title, input: Input::new(default), export, suggested, office: false }));
    }

    /// `导出-众心村委会-20261129.xlsx`: named after the scope, and free (`…-2.xlsx` when
    /// the name is taken).
    pub(super) fn export_default_name(&self) -> String {
        let scope = match (&self.scope_project, &self.scope_village) {
            (Some((code, _)), _) => code.clone(),
            (None, Some((_, name))) => name.clone(),
            (None, None) => self.t(Msg::AllData).to_string(),
        };
        let day = self.opts.today.format("%Y%m%d");
        let base = crate::domain::messages::export_default_name(self.opts.lang, scope, day);
        crate::ops::paths::free_name(std::path::Path::new(&base)).display().to_string()
    }

    /// The card of the selected village.
    pub(super) fn card(&mut self) -> DbResult<()> {
        let Some((code, office)) = self.villages.current().map(|v| (v.code.clone(), v.office)) else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        // A county's village (in a city's database) is read in that county's records.
        self.turn_to(office);
        let now = self.opts.now.unwrap_or_else(|| Local::now().naive_local());
        if let Some(card) = self.store.card(&code, now, self.opts.read_only)? {
            let lines = crate::ops::card::text(&card, self.opts.lang);
            self.popups.push(Popup::Report { title: self.t(Msg::CardTitle).to_string(), lines, scroll: 0, ok: true });
        }
        Ok(())
    }

    /// The statement of the selected village or project for this year so far.
    pub(super) fn statement(&mut self) -> DbResult<()> {
        if self.pane == PaneId::Villages
            && let Some(office) = self.villages.current().map(|v| v.office)
        {
            self.turn_to(office);
        }
        let scope = match self.pane {
            PaneId::Villages => self.villages.current().map(|v| Scope::Village(v.code.clone())),
            PaneId::Projects => self.projects.current().map(|p| Scope::Project(p.code.clone())),
            _ => None,
        };
        let Some(scope) = scope else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let today = self.opts.today;
        let from = NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
        let now = self.opts.now.unwrap_or_else(|| Local::now().naive_local());
        match self.store.statement(scope, from, today, self.opts.lang, now) {
            Ok(lines) => {
                let title = self.t(Msg::StatementTitle).to_string();
                self.popups.push(Popup::Report { title, lines, scroll: 0, ok: true });
            }
            Err(e) => self.ops_failed(e)?,
        }
        Ok(())
    }

    /// Every disclosure overdue or due within the overview's window, most urgent first.
    pub(super) fn disclosures_due(&mut self) -> DbResult<()> {
        let within = crate::ops::overview::DUE_WITHIN_DAYS;
        let items = self.store.open_duties(self.opts.today, within, None)?;
        let now = self.opts.now.unwrap_or_else(|| Local::now().naive_local());
        let report = crate::ops::report::due::report(&items, self.opts.today, within, self.opts.lang, now);
        let lines = crate::ops::report::lines(&report);
        self.popups.push(Popup::Report { title: self.t(Msg::DisclosuresDue).to_string(), lines, scroll: 0, ok: true });
        Ok(())
    }

    /// A carry-over out of the selected project, for `amount` when given (what is left).
    pub(super) fn new_carry_over(&mut self, amount: Option<Money>) -> DbResult<()> {
        let Some(p) = self.projects.current().map(|p| p.code.clone()).filter(|_| self.pane == PaneId::Projects) else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        // Serials the operator may keep: JZ-<project>-<day>, GS-<project>-<day>.
        let day = self.opts.today.format("%Y%m%d");
        let serial = self.store.free_code(Kind::CarryOver, &format!("JZ-{p}-{day}"))?;
        let mut prefill: Vec<(&str, String)> = vec![
            (key::TRANSFER_REF, serial),
            (key::FROM_PROJECT, p),
            (key::TRANSFERRED_ON, self.opts.today.format("%Y-%m-%d").to_string()),
        ];
        if let Some(a) = amount {
            prefill.push((key::AMOUNT, a.plain()));
        }
        self.popups.push(Popup::Form(Box::new(Form::new(Kind::CarryOver, &prefill, self.opts.lang))));
        Ok(())
    }

    /// A disclosure of the selected project, for the earliest one it owes.
    pub(super) fn record_disclosure(&mut self) -> DbResult<()> {
        let Some(p) = self.projects.current().map(|p| (p.code.clone(), p.start_date)) else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let today = self.opts.today;
        let lang = self.opts.lang;
        let serial = self.store.free_code(Kind::Disclosure, &format!("GS-{}-{}", p.0, today.format("%Y%m%d")))?;
        let mut prefill: Vec<(&str, String)> = vec![
            (key::DISCLOSURE_REF, serial),
            (key::PROJECT_CODE, p.0.clone()),
            (key::PUBLISHED_ON, today.format("%Y-%m-%d").to_string()),
        ];
        match self.store.open_duties(today, 366, Some(&p.0)) {
            Ok(due) => {
                if let Some(d) = due.first() {
                    let (from, to, kind) = d.period(p.1);
                    prefill.push((key::KIND, kind.label(lang).to_string()));
                    prefill.push((key::PERIOD_FROM, from.format("%Y-%m-%d").to_string()));
                    prefill.push((key::PERIOD_TO, to.format("%Y-%m-%d").to_string()));
                }
            }
            Err(e) => return Err(e),
        }
        prefill.push((key::CHANNEL, DisclosureChannel::NoticeBoard.label(lang).to_string()));
        self.popups.push(Popup::Form(Box::new(Form::new(Kind::Disclosure, &prefill, lang))));
        Ok(())
    }

    /// 结项: closes the selected project when it holds nothing; else offers the carry-over
    /// of what is left.
    pub(super) fn close_project(&mut self) -> DbResult<()> {
        let Some(code) = self.projects.current().map(|p| p.code.clone()) else {
            self.say(Msg::NothingSelected);
            return Ok(());
        };
        let Some(f) = self.store.project_figures(&code)? else { return Ok(()) };
        if f.status.is_closed() {
            self.say(Msg::ProjectAlreadyClosed);
        } else if f.balance.fen() != 0 {
            self.new_carry_over(Some(f.balance))?;
            let text = crate::domain::messages::close_carry_first(self.opts.lang, f.balance.display());
            if let Some(Popup::Form(form)) = self.popups.last_mut() {
                form.notice = Some(text.clone());
            }
            self.message = Some((text, true));
        } else {
            let text = crate::domain::messages::confirm_close(self.opts.lang, &code, &f.title, self.t(Msg::YesNo));
            self.popups.push(Popup::Confirm { text, pending: Pending::CloseProject(code) });
        }
        Ok(())
    }

    /// Shows an operation's error; a database failure goes up as one.
    pub(super) fn ops_failed(&mut self, e: crate::ops::OpsError) -> DbResult<()> {
        match e {
            crate::ops::OpsError::Db(e) => Err(e),
            other => {
                self.message = Some((other.message(self.opts.lang), true));
                Ok(())
            }
        }
    }

    /// A verified backup into the backups folder, named in the status line.
    pub(super) fn backup(&mut self) -> DbResult<()> {
        if self.opts.read_only {
            self.say(Msg::BackupReadOnly);
            return Ok(());
        }
        let done = self.store.backup()?;
        self.message = Some((format!("{}{}", self.t(Msg::BackedUp), done.path.display()), false));
        Ok(())
    }

    /// Quits, asking first when a form or batch holds unsaved input.
    pub(super) fn ask_quit(&mut self) -> DbResult<()> {
        if self.job.is_some() {
            // An import commits all or nothing: quitting now leaves the database as it was.
            let text = self.t(Msg::JobRunningQuit).to_string();
            self.popups.push(Popup::Confirm { text, pending: Pending::Quit });
        } else if self.unsaved() {
            let text = self.t(Msg::UnsavedQuit).to_string();
            self.popups.push(Popup::Confirm { text, pending: Pending::Quit });
        } else {
            self.quit = true;
        }
        Ok(())
    }
}
