//! A form for any record kind, built from the template's columns: every field is checked
//! with the domain rules as the operator types, and only a valid record is saved.

use std::collections::HashMap;

use tui_input::Input;

use crate::domain::kind::{FieldType, choices, reference};
use crate::domain::{Field, Kind, Lang};
use crate::ops::records::Record;

use super::action::Action;
use super::i18n::Msg;
use super::picker::{PickSource, PickTarget};
use super::popup::{Effect, Outcome, Pending, Popup};

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    /// The code of the record being edited; `None` for a new record.
    pub editing: Option<String>,
    /// The record being edited as it was stored when the form opened: a save is refused
    /// when the stored record no longer equals it (someone else saved in between).
    pub seen: Option<Record>,
    pub inputs: Vec<Input>,
    pub focus: usize,
    touched: Vec<bool>,
    /// Fields typed into (or whose cursor was moved): typing into any other field replaces
    /// what was filled in, as in a spreadsheet cell.
    typed: Vec<bool>,
    errors: Vec<Option<String>>,
    /// After a save attempt every error shows, touched or not.
    pub show_all: bool,
    pub dirty: bool,
    /// Why the store refused the last save, shown whole at the foot of the form.
    pub notice: Option<String>,
}

impl Form {
    /// A new record of `kind`, with some fields filled in (by English key).
    pub fn new(kind: Kind, prefill: &[(&str, String)], lang: Lang) -> Form {
        let inputs = kind
            .fields()
            .iter()
            .map(|f| {
                let v = prefill.iter().find(|(k, _)| *k == f.key).map(|(_, v)| v.clone()).unwrap_or_default();
                Input::new(v)
            })
            .collect();
        Form::with(kind, None, inputs, lang)
    }

    /// An existing record.
    pub fn edit(record: &Record, lang: Lang) -> Form {
        let inputs = record.texts().into_iter().map(Input::new).collect();
        let code = record.texts().first().cloned().unwrap_or_default();
        let mut form = Form::with(record.kind(), Some(code), inputs, lang);
        form.seen = Some(record.clone());
        form
    }

    fn with(kind: Kind, editing: Option<String>, inputs: Vec<Input>, lang: Lang) -> Form {
        let n = kind.fields().len();
        let mut f = Form {
            kind,
            editing,
            seen: None,
            inputs,
            focus: 0,
            touched: vec![false; n],
            errors: vec![None; n],
            show_all: false,
            dirty: false,
            notice: None,
            typed: vec![false; n],
        };
        f.validate(lang);
        f
    }

    pub fn fields(&self) -> &'static [Field] {
        self.kind.fields()
    }

    pub fn field(&self) -> &'static Field {
        &self.fields()[self.focus]
    }

    fn values(&self) -> HashMap<String, String> {
        self.fields().iter().zip(&self.inputs).map(|(f, i)| (f.key.to_string(), i.value().to_string())).collect()
    }

    /// Checks every field with the domain rules.
    pub fn validate(&mut self, lang: Lang) {
        self.errors = vec![None; self.inputs.len()];
        if let Err(errors) = Record::parse(self.kind, &self.values()) {
            for e in errors {
                if let Some(i) = self.fields().iter().position(|f| f.key == e.field)
                    && self.errors[i].is_none()
                {
                    self.errors[i] = Some(e.rule.message(lang));
                }
            }
        }
    }

    /// The record, when every field is valid.
    pub fn record(&self) -> Option<Record> {
        Record::parse(self.kind, &self.values()).ok()
    }

    /// The error to show beside field `i`.
    pub fn error(&self, i: usize) -> Option<&str> {
        if self.show_all || self.touched[i] { self.errors[i].as_deref() } else { None }
    }

    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(Option::is_some)
    }

    /// Sets a field's text (from a pick-list).
    pub fn set(&mut self, i: usize, value: String, lang: Lang) {
        if let Some(input) = self.inputs.get_mut(i) {
            *input = Input::new(value);
            self.touched[i] = true;
            self.dirty = true;
            self.validate(lang);
        }
    }

    /// A key typed into the focused field.
    pub fn type_key(&mut self, event: &ratatui::crossterm::event::Event, lang: Lang) {
        let Some(req) = tui_input::backend::crossterm::to_input_request(event) else { return };
        let i = self.focus;
        // The first character typed into a filled-in field replaces its value.
        if matches!(req, tui_input::InputRequest::InsertChar(_))
            && !self.typed.get(i).copied().unwrap_or(true)
            && let Some(input) = self.inputs.get_mut(i)
        {
            *input = Input::default();
        }
        if let Some(t) = self.typed.get_mut(i) {
            *t = true;
        }
        if let Some(input) = self.inputs.get_mut(i)
            && input.handle(req).is_some_and(|c| c.value)
        {
            self.dirty = true;
            self.touched[self.focus] = true;
            self.validate(lang);
        }
    }

    pub fn next(&mut self) {
        self.touched[self.focus] = true;
        self.focus = (self.focus + 1) % self.inputs.len();
    }

    pub fn prev(&mut self) {
        self.touched[self.focus] = true;
        self.focus = (self.focus + self.inputs.len() - 1) % self.inputs.len();
    }

    /// The choices of the focused field, if it is an enumeration (labels; an empty one
    /// first when the field is optional).
    pub fn choice_labels(&self, lang: Lang) -> Option<Vec<String>> {
        let f = self.field();
        if f.ty != FieldType::Choice {
            return None;
        }
        // In the operator's language: the Chinese label, or the English label (both parse).
        let mut labels: Vec<String> = choices(self.kind, f.key)?
            .iter()
            .map(|(zh, en)| match lang {
                Lang::Zh => zh.to_string(),
                Lang::En => en.replace('_', " "),
            })
            .collect();
        if !f.required {
            labels.insert(0, String::new());
        }
        Some(labels)
    }

    /// Steps the focused enumeration field through its choices.
    pub fn cycle(&mut self, delta: i64, lang: Lang) {
        let Some(labels) = self.choice_labels(lang) else { return };
        let current = self.inputs[self.focus].value().to_string();
        let at = labels
            .iter()
            .position(|l| {
                *l == current
                    || choices(self.kind, self.field().key)
                        .is_some_and(|c| c.iter().any(|(zh, en)| zh == l && en.eq_ignore_ascii_case(&current)))
            })
            .map_or(if delta > 0 { -1 } else { 0 }, |p| p as i64);
        let n = labels.len() as i64;
        let next = ((at + delta) % n + n) % n;
        self.set(self.focus, labels[next as usize].clone(), lang);
    }
}

impl Form {
    /// Handles an action on the form; saving and picking are effects for `App`.
    pub fn on_action(mut self: Box<Self>, action: Action, lang: Lang) -> Outcome {
        match action {
            Action::Save => return Outcome::Apply { keep: None, effect: Effect::SaveForm(self) },
            Action::Cancel if self.dirty => {
                let text = Msg::UnsavedClose.text(lang).to_string();
                return Outcome::Stay(Popup::Confirm { text, pending: Pending::CloseForm(self) });
            }
            Action::Cancel => return Outcome::Close,
            Action::NextField => self.next(),
            Action::PrevField => self.prev(),
            Action::ChoiceNext => self.cycle(1, lang),
            Action::ChoicePrev => self.cycle(-1, lang),
            Action::NextReceipt if self.kind == Kind::Donation => {
                return Outcome::Apply { keep: Some(Popup::Form(self)), effect: Effect::FillReceipt };
            }
            Action::Pick => {
                let field = self.field();
                let source = if field.ty == FieldType::Choice {
                    choices(self.kind, field.key).map(|c| {
                        PickSource::Choices(c.iter().map(|(zh, en)| (zh.to_string(), format!("{zh} {en}"))).collect())
                    })
                } else {
                    reference(self.kind, field.key).map(PickSource::Records)
                };
                if let Some(source) = source {
                    let target = PickTarget::FormField(self.focus);
                    return Outcome::Apply {
                        keep: Some(Popup::Form(self)),
                        effect: Effect::OpenPicker { target, source },
                    };
                }
            }
            _ => {}
        }
        Outcome::Stay(Popup::Form(self))
    }
}

impl Form {
    /// After someone else saved the record this form edits (`current`, changed in
    /// `fields`): a three-way merge. Where this form left a field as it was, their value is
    /// taken into the form; where both changed it, the form keeps this operator's value and
    /// both are listed. The form then stands on `current`, so saving again is a deliberate
    /// choice. Returns the lines that tell the operator what happened.
    pub fn merge(&mut self, current: Option<Record>, fields: &[String], lang: Lang) -> Vec<String> {
        use crate::domain::messages as m;
        let theirs = current.as_ref().map(Record::texts).unwrap_or_default();
        let seen = self.seen.as_ref().map(Record::texts).unwrap_or_default();
        let (mut taken, mut both) = (Vec::new(), Vec::new());
        for (i, f) in self.fields().iter().enumerate() {
            if !fields.iter().any(|k| k == f.key) {
                continue;
            }
            let t = theirs.get(i).cloned().unwrap_or_default();
            let mine = self.inputs.get(i).map(|x| x.value().to_string()).unwrap_or_default();
            // Left alone here, or changed here to what they saved: no conflict.
            if seen.get(i).is_some_and(|s| *s == mine) || t == mine {
                taken.push(m::field_value(lang, f.header, &t));
                self.set(i, t, lang);
            } else {
                both.push(m::field_both_values(lang, f.header, &t, &mine));
            }
        }
        let mut lines = Vec::new();
        if !taken.is_empty() {
            lines.push(Msg::ChangedTaken.text(lang).to_string());
            lines.extend(taken);
        }
        if !both.is_empty() {
            lines.push(Msg::ChangedBoth.text(lang).to_string());
            lines.extend(both);
        }
        lines.push(String::new());
        lines.push(Msg::SaveAgainToOverwrite.text(lang).to_string());
        self.seen = current;
        self.show_all = true;
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_as_typed_and_errors_show_once_touched() {
        let mut f = Form::new(Kind::Donation, &[("project_code", "ZX-1".into())], Lang::Zh);
        assert!(f.has_errors(), "required fields are empty");
        assert_eq!(f.error(0), None, "nothing shows before the field is visited");
        let amount = f.fields().iter().position(|x| x.key == "amount").unwrap_or(0);
        f.set(amount, "-5".into(), Lang::Zh);
        assert_eq!(f.error(amount), Some("金额不能为负数"));
        f.set(amount, "5".into(), Lang::Zh);
        assert_eq!(f.error(amount), None);
        f.show_all = true;
        assert_eq!(f.error(0), Some("必填项不能为空"));
    }

    #[test]
    fn choices_cycle_through_labels() {
        let mut f = Form::new(Kind::Project, &[], Lang::Zh);
        f.focus = f.fields().iter().position(|x| x.key == "category").unwrap_or(0);
        f.cycle(1, Lang::Zh);
        assert_eq!(f.inputs[f.focus].value(), "助学", "an empty field starts at the first choice");
        f.cycle(1, Lang::Zh);
        assert_eq!(f.inputs[f.focus].value(), "助医");
        f.cycle(-2, Lang::Zh);
        assert_eq!(f.inputs[f.focus].value(), "其他");
    }
}
