//! Effects: what popups ask of the console, applied in one place, and what background
//! jobs report.

use super::*;

impl App {
    pub(super) fn popup_action(&mut self, action: Action) -> DbResult<()> {
        let Some(top) = self.popups.pop() else { return Ok(()) };
        let outcome = top.on_action(action, self.opts.lang);
        self.resolve(outcome)
    }

    /// Puts a popup's outcome into effect.
    pub(super) fn resolve(&mut self, outcome: Outcome) -> DbResult<()> {
        match outcome {
            Outcome::Stay(popup) => self.popups.push(popup),
            Outcome::Close => {}
            Outcome::Apply { keep, effect } => {
                if let Some(popup) = keep {
                    self.popups.push(popup);
                }
                self.apply(effect)?;
            }
        }
        Ok(())
    }

    /// Every effect a popup can ask for, applied in one place.
    pub(super) fn apply(&mut self, effect: Effect) -> DbResult<()> {
        match effect {
            Effect::SaveForm(form) => self.save_form(*form),
            Effect::SaveBatch { batch, confirmed } => self.save_batch(batch, confirmed),
            Effect::OpenPicker { target, source } => {
                let picker = Picker::new(target, source, &self.store)?;
                self.popups.push(Popup::Picker(Box::new(picker)));
                Ok(())
            }
            Effect::Picked { target: super::super::picker::PickTarget::Donor, value, .. } => {
                let id = value.trim_start_matches('#').parse::<i64>().unwrap_or(0);
                self.open_donor(id)
            }
            Effect::FetchDonorPage => {
                if let Some(Popup::Donor(v)) = self.popups.last_mut() {
                    v.fetch(&self.store)?;
                }
                Ok(())
            }
            Effect::IssueCertificate(c) => self.issue_certificate(*c),
            Effect::FillReceipt => self.fill_receipt(),
            Effect::Picked { target, value, label } => {
                if let Some(top) = self.popups.last_mut() {
                    top.receive_pick(target, value, label, self.opts.lang);
                }
                Ok(())
            }
            Effect::Confirmed(pending) => self.confirmed(pending),
            Effect::Filter { status, category, from, to, operator } => {
                if let Some(list) = self.list_mut() {
                    *list.filter_mut() = Filter { status, category, from, to, operator };
                }
                self.reload_lists()
            }
            Effect::StartJob(prompt) => {
                self.start_job(&prompt);
                Ok(())
            }
            Effect::NameOffice(code) => {
                // Refused (not a code, unknown): the prompt stays with the reason below.
                let office = self.store.name_office(&code)?;
                if matches!(self.popups.last(), Some(Popup::Prompt(p)) if p.office) {
                    self.popups.pop();
                }
                self.reload_all()?;
                self.message = Some((crate::ops::office::describe(&office, self.opts.lang), false));
                Ok(())
            }
            Effect::Quit => self.ask_quit(),
            Effect::WriteErrorCopy(refused) => {
                // Beside the first input: a workbook's copy is named after it, CSV copies
                // go into its folder.
                let first = refused.paths.first().cloned().unwrap_or_default();
                let out = if first.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) || first.is_dir() {
                    first.clone()
                } else {
                    first.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                match crate::ops::import::write_error_copy(&refused.report, &out, self.opts.lang) {
                    Ok(at) => {
                        let at = crate::ops::paths::absolute(&at);
                        let text = crate::domain::messages::error_copy_written(self.opts.lang, at.display());
                        self.message = Some((text, false));
                    }
                    Err(e) => self.message = Some((crate::domain::messages::write_failed(self.opts.lang, e), true)),
                }
                Ok(())
            }
            Effect::ImportWithUpdate(refused) => {
                self.start_import(refused.paths, true, None);
                Ok(())
            }
            Effect::SaveMapping(mapping) => {
                match self.presets().save(&mapping.preset, false) {
                    Ok(path) => {
                        let saved = crate::domain::messages::preset_saved(
                            self.opts.lang,
                            &mapping.preset.name,
                            crate::ops::paths::absolute(&path).display(),
                        );
                        self.message = Some((saved, false));
                        self.start_import(mapping.paths, false, None);
                    }
                    Err(e) => {
                        self.message = Some((e.message(self.opts.lang), true));
                        self.popups.push(Popup::Mapping(mapping));
                    }
                }
                Ok(())
            }
            Effect::SaveLinks(links) => {
                let mut project = None;
                for item in &links.items {
                    let Some((code, _)) = &item.answer else { continue };
                    match &item.id {
                        Some(id) => {
                            let label = (item.name != *id).then_some(item.name.as_str());
                            if let Err(e) = self.store.link_platform(id, code, label) {
                                self.popups.push(Popup::Links(links.clone()));
                                self.fail(e);
                                return Ok(());
                            }
                        }
                        None => project = Some(code.clone()),
                    }
                }
                self.start_import(links.paths, false, project);
                Ok(())
            }
            Effect::OpenFiles => {
                // From the folder of what is typed, else the current folder.
                let typed = match self.popups.last() {
                    Some(Popup::Prompt(p)) => super::super::jobs::split_paths(p.input.value()),
                    _ => Vec::new(),
                };
                let start = typed
                    .first()
                    .map(|p| if p.is_dir() { p.clone() } else { p.parent().map(Path::to_path_buf).unwrap_or_default() })
                    .filter(|d| d.is_dir())
                    .unwrap_or_else(|| PathBuf::from("."));
                self.popups.push(Popup::Files(Box::new(FileBrowser::new(&start))));
                Ok(())
            }
            Effect::FilesChosen(files) => {
                if let Some(Popup::Prompt(p)) = self.popups.last_mut() {
                    p.input = Input::new(quoted(&files));
                    p.suggested = false;
                }
                Ok(())
            }
            Effect::AskRevert(id) => self.ask_revert(id, false),
            Effect::SetOperator(name) => self.set_operator(name),
            Effect::EnterTraining => self.enter_training(),
            Effect::OpenImport => {
                self.open_prompt(Msg::ImportPrompt, false);
                Ok(())
            }
            Effect::NewVillage => {
                self.go(PaneId::Villages)?;
                self.new_record(Kind::Village)
            }
        }
    }

    /// Switches this console to a training sandbox made from the demo data.
    pub(super) fn enter_training(&mut self) -> DbResult<()> {
        let (desk, sb) = match Desk::training(self.store.operator()) {
            Ok(opened) => opened,
            Err(crate::ops::OpsError::Db(e)) => return Err(e),
            Err(e) => {
                self.message = Some((e.message(self.opts.lang), true));
                return Ok(());
            }
        };
        self.store = desk;
        self.store.set_clock(self.opts.now);
        // Another database: what Ctrl-Z undoes was made in the one left behind.
        self.session.clear();
        self.opts.training = Some(sb);
        self.reload_all()
    }

    pub(super) fn confirmed(&mut self, pending: Pending) -> DbResult<()> {
        match pending {
            Pending::Quit => self.quit = true,
            Pending::Delete(kind, code) => match self.store.delete(kind, &code) {
                Ok(()) => {
                    self.reload_all()?;
                    self.say(Msg::Deleted);
                }
                Err(e) => {
                    let title = self.t(Msg::CannotDelete).to_string();
                    self.popups.push(Popup::Report {
                        title,
                        lines: vec![e.message(self.opts.lang)],
                        scroll: 0,
                        ok: false,
                    });
                }
            },
            // The form or batch goes with the question.
            Pending::CloseForm(_) | Pending::CloseBatch(_) => {}
            Pending::ResetTraining => {
                if let Some(sb) = self.opts.training.clone() {
                    self.store.reset_training(&sb)?;
                    self.session.clear();
                    self.scope_village = None;
                    self.scope_town = None;
                    self.scope_project = None;
                    self.reload_all()?;
                    self.say(Msg::TrainingReset);
                }
            }
            Pending::SaveBatch(batch) => self.save_batch(batch, true)?,
            Pending::Overwrite(prompt) => self.run_job(&prompt),
            Pending::Revert { id, .. } => self.revert(id)?,
            Pending::CloseProject(code) => match self.store.close_project(&code, self.opts.today) {
                Ok(Closing::Closed) => {
                    self.reload_all()?;
                    self.say(Msg::ProjectClosed);
                }
                Ok(Closing::AlreadyClosed) => self.say(Msg::ProjectAlreadyClosed),
                Ok(Closing::HoldsBalance(left)) => self.new_carry_over(Some(left))?,
                Err(e) => self.ops_failed(e)?,
            },
        }
        Ok(())
    }

    pub(super) fn save_form(&mut self, mut form: Form) -> DbResult<()> {
        form.validate(self.opts.lang);
        let Some(record) = form.record() else {
            form.show_all = true;
            self.popups.push(Popup::Form(Box::new(form)));
            self.say(Msg::FixErrors);
            return Ok(());
        };
        match self.store.save(&record, form.editing.as_deref(), form.seen.as_ref(), Some(self.opts.today)) {
            Ok(()) => {
                self.reload_all()?;
                self.say(Msg::Saved);
            }
            Err(DbError::Changed { kind, code, fields }) => {
                let current = self.store.load(kind, &code)?;
                let lines = form.merge(current, &fields, self.opts.lang);
                self.message = Some((self.t(Msg::ChangedByOther).to_string(), true));
                self.popups.push(Popup::Form(Box::new(form)));
                let title = self.t(Msg::ChangedByOther).to_string();
                self.popups.push(Popup::Report { title, lines, scroll: 0, ok: false });
            }
            Err(DbError::Rejected { field, rule, .. }) => {
                let i = form.fields().iter().position(|f| f.key == field).unwrap_or(0);
                form.focus = i;
                form.show_all = true;
                let reason = crate::domain::messages::field_reason(
                    self.opts.lang,
                    form.fields()[i].header,
                    rule.message(self.opts.lang),
                );
                // Whole in the form (the status line may cut it), and in the status line.
                form.notice = Some(reason.clone());
                self.message = Some((reason, true));
                self.popups.push(Popup::Form(Box::new(form)));
            }
            Err(e) => {
                self.popups.push(Popup::Form(Box::new(form)));
                return Err(e);
            }
        }
        Ok(())
    }

    pub(super) fn save_batch(&mut self, mut batch: Box<BatchEntry>, confirmed: bool) -> DbResult<()> {
        let now = self.opts.now.unwrap_or_else(|| Local::now().naive_local());
        let day = now.format("%Y%m%d").to_string();
        let Some(donations) = batch.check(&day, self.opts.lang) else {
            self.say(Msg::FixErrors);
            self.popups.push(Popup::Batch(batch));
            return Ok(());
        };
        if donations.is_empty() || batch.project.is_none() {
            self.say(Msg::BatchEmpty);
            self.popups.push(Popup::Batch(batch));
            return Ok(());
        }
        if batch.mismatch() && !confirmed {
            // The question holds the batch: "yes" saves it, "no" gives it back.
            let text = self.t(Msg::BatchConfirmMismatch).to_string();
            self.popups.push(Popup::Confirm { text, pending: Pending::SaveBatch(batch) });
            return Ok(());
        }
        match self.store.save_batch(&donations, &day) {
            Ok(serials) => {
                self.reload_all()?;
                let total = donations.iter().fold(Money::ZERO, |t, d| Money::from_fen(t.fen() + d.amount.fen()));
                let (first, last) =
                    (serials.first().cloned().unwrap_or_default(), serials.last().cloned().unwrap_or_default());
                let text =
                    crate::domain::messages::batch_saved(self.opts.lang, serials.len(), total.display(), first, last);
                self.message = Some((text, false));
            }
            Err(e) => {
                self.popups.push(Popup::Batch(batch));
                return Err(e);
            }
        }
        Ok(())
    }

    /// Starts the import or export a prompt names; an export over a file that exists asks
    /// first.
    pub(super) fn start_job(&mut self, prompt: &Prompt) {
        // As the export will name it (for an import, only whether anything is given).
        let text = crate::ops::paths::clean(prompt.input.value(), crate::ops::paths::PathStyle::NATIVE);
        if text.is_empty() {
            return;
        }
        if prompt.export && std::path::Path::new(&text).exists() {
            let shown = crate::ops::paths::absolute(std::path::Path::new(&text));
            let text = crate::domain::messages::confirm_overwrite(self.opts.lang, shown.display(), self.t(Msg::YesNo));
            self.popups.push(Popup::Confirm { text, pending: Pending::Overwrite(Box::new(prompt.clone())) });
            return;
        }
        self.run_job(prompt);
    }

    pub(super) fn run_job(&mut self, prompt: &Prompt) {
        let Some(tx) = self.jobs.clone() else { return };
        let text = prompt.input.value().trim().to_string();
        let db = self.store.path().to_path_buf();
        self.job = Some(Job { phase: Phase::Reading, done: 0, total: 0 });
        if prompt.export {
            let selection = self.export_selection();
            // An inspector's export hides what the screen hides.
            let masking = crate::ops::export::Masking { phones: self.opts.read_only, names: self.opts.mask_names };
            let out = PathBuf::from(crate::ops::paths::clean(&text, crate::ops::paths::PathStyle::NATIVE));
            spawn_export(tx, db, out, selection, masking, self.opts.lang, self.store.focus());
        } else {
            self.start_import(split_paths(&text), false, None);
        }
    }

    /// Imports `paths` on a worker (`project`: every gift of a file read through a preset
    /// into it).
    pub(super) fn start_import(&mut self, paths: Vec<PathBuf>, update: bool, project: Option<String>) {
        let Some(tx) = self.jobs.clone() else { return };
        self.job = Some(Job { phase: Phase::Reading, done: 0, total: 0 });
        let job = super::super::jobs::ImportJob {
            db: self.store.path().to_path_buf(),
            operator: self.store.operator().to_string(),
            paths,
            update,
            lang: self.opts.lang,
            presets: self.presets(),
            project,
        };
        spawn_import(tx, job);
    }

    /// The question a refused import asks instead of refusing: the mapping step when all
    /// that stopped it is a file no preset knows, the project question when all that
    /// stopped it is platform projects (or a whole file) without a project.
    fn question(&self, refused: &super::super::jobs::Refused) -> Option<Popup> {
        use crate::template::Issue;
        let report = &refused.report;
        let only = |ok: &dyn Fn(&Issue) -> bool| report.errors().all(|p| ok(&p.issue));
        let lang = self.opts.lang;
        if let Some(file) = report.unmapped.first()
            && only(&|i| matches!(i, Issue::Unmapped))
        {
            let table = crate::template::foreign::read_foreign(file).ok()?.tables.into_iter().next()?;
            let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let name: String =
                stem.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_').take(40).collect();
            let name = if name.is_empty() { "preset".to_string() } else { name };
            let mapping = super::super::mapping::Mapping::new(refused.paths.clone(), table, &name, lang);
            return Some(Popup::Mapping(Box::new(mapping)));
        }
        let asks = !report.unlinked.is_empty() || !report.no_project.is_empty();
        if asks && only(&|i| matches!(i, Issue::Unlinked { .. } | Issue::NoProject)) {
            use super::super::mapping::{LinkItem, Links};
            let mut items: Vec<LinkItem> = report
                .unlinked
                .iter()
                .map(|u| LinkItem { id: Some(u.id.clone()), name: u.name.clone(), rows: u.rows, answer: None })
                .collect();
            if !report.no_project.is_empty() {
                let rows = report.bills.iter().map(|b| b.gifts).sum();
                let name = self.t(Msg::WholeFile).to_string();
                items.push(LinkItem { id: None, name, rows, answer: None });
            }
            return Some(Popup::Links(Box::new(Links {
                paths: refused.paths.clone(),
                items,
                selected: 0,
                unanswered: false,
            })));
        }
        None
    }

    /// What `x` exports: the narrowest scope — inside a project that project (with its
    /// village), else the village, else everything.
    pub fn export_selection(&self) -> Selection {
        match (&self.scope_project, &self.scope_village) {
            (Some((p, _)), _) => Selection { projects: vec![p.clone()], ..Selection::default() },
            (None, Some((v, _))) => Selection { villages: vec![v.clone()], ..Selection::default() },
            (None, None) => Selection::default(),
        }
    }

    /// A report from a worker.
    pub fn job_event(&mut self, e: JobEvent) {
        match e {
            JobEvent::Progress { phase, done, total } => self.job = Some(Job { phase, done, total }),
            JobEvent::Failed { line } => {
                self.job = None;
                let title = self.t(Msg::JobFailed).to_string();
                self.popups.push(Popup::Report { title, lines: vec![line], scroll: 0, ok: false });
            }
            JobEvent::Refused { lines, refused } => {
                self.job = None;
                // A file no preset knows, or projects not known yet: the question, not the refusal.
                if let Some(question) = self.question(&refused) {
                    self.popups.push(question);
                    return;
                }
                let title = self.t(Msg::ImportFailed).to_string();
                self.popups.push(Popup::Refused(Box::new(RefusedImport { title, lines, scroll: 0, refused })));
            }
            JobEvent::Reverted { id, result } => {
                self.job = None;
                if let Err(e) = self.reverted(id, result) {
                    self.fail(e);
                }
            }
            JobEvent::Done { kind, ok, lines, change_set } => {
                self.job = None;
                if let Some(id) = change_set {
                    self.track_job_change(id);
                }
                let title = match (kind, ok) {
                    (JobKind::Import, true) => Msg::ImportDone,
                    (JobKind::Import, false) => Msg::ImportFailed,
                    (JobKind::Export, true) => Msg::ExportDone,
                    (JobKind::Export, false) => Msg::JobFailed,
                };
                self.popups.push(Popup::Report { title: self.t(title).to_string(), lines, scroll: 0, ok });
                if let Err(e) = self.reload_all() {
                    self.fail(e);
                }
            }
        }
    }
}
