//! A rule broken by one field of what someone typed, and the checks every form shares.

use serde::Serialize;
use time::Date;

use crate::dates::Years;
use crate::text::contact::{Email, Phone};
use crate::text::line::{check_characters, text_field, Lines, TextError, TextShape};
use crate::text::postal::PostalCode;

/// One bad field: its path in the request (`exercise_schedules[1].capacity`), a stable
/// machine code and a Japanese message for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

/// Collects every issue of a form, so that all are reported at once. Each method checks
/// one field the way every form checks it and returns the value normalised.
#[derive(Debug, Default)]
pub struct Checker {
    issues: Vec<FieldIssue>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.issues.push(FieldIssue::new(field, code, message));
    }

    pub fn extend(&mut self, issues: impl IntoIterator<Item = FieldIssue>) {
        self.issues.extend(issues);
    }

    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    pub fn into_issues(self) -> Vec<FieldIssue> {
        self.issues
    }

    /// Free text: trimmed, at most so many characters, no control character (line breaks
    /// kept where the shape has several lines); `required` adds the ★ check. A refused
    /// value comes back trimmed, for the form to be shown again.
    pub fn text(&mut self, value: &str, field: &str, label: &str, shape: TextShape, required: bool) -> String {
        text_field(value, shape, required).unwrap_or_else(|error| {
            self.issues.push(error.issue(field, label));
            value.trim().to_owned()
        })
    }

    /// Refuses control characters in a value another parser reads next (a phone number,
    /// a certificate number …): `false` when refused.
    pub fn characters(&mut self, value: &str, field: &str, label: &str) -> bool {
        let ok = check_characters(value, Lines::Single).is_ok();
        if !ok {
            self.issues.push(TextError::ControlCharacter.issue(field, label));
        }
        ok
    }

    /// A phone number, normalised (０１１－… → 011-…); `None` when empty or refused.
    pub fn phone(&mut self, value: &str, field: &str, label: &str, required: bool) -> Option<Phone> {
        if !self.characters(value, field, label) {
            return None;
        }
        if value.trim().is_empty() {
            if required {
                self.push(field, "required", format!("{label}を入力してください"));
            }
            return None;
        }
        // The parser says what is wrong (characters, or the number of digits) about
        // "電話番号"; name the field it is about.
        Phone::parse(value).map_err(|message| self.push(field, "invalid", message.replacen("電話番号", label, 1))).ok()
    }

    /// A postal code, normalised to NNN-NNNN; empty stays empty.
    pub fn postal(&mut self, value: &str, field: &str) -> String {
        if !self.characters(value, field, "郵便番号") || value.trim().is_empty() {
            return value.trim().to_owned();
        }
        match PostalCode::parse(value) {
            Ok(code) => code.as_str().to_owned(),
            Err(message) => {
                self.push(field, "invalid", message);
                value.trim().to_owned()
            }
        }
    }

    /// A required mail address typed twice: the address when both are valid and the same
    /// (the domain compared case-insensitively).
    pub fn email_pair(
        &mut self,
        email: &str,
        confirmation: &str,
        field: &str,
        confirmation_field: &str,
    ) -> Option<Email> {
        let label = "メールアドレス";
        let readable = self.characters(email, field, label) & self.characters(confirmation, confirmation_field, label);
        let parsed = if email.trim().is_empty() {
            self.push(field, "required", "メールアドレスを入力してください");
            None
        } else if readable {
            Email::parse(email).map_err(|m| self.push(field, "invalid", m)).ok()
        } else {
            None
        };
        if confirmation.trim().is_empty() {
            self.push(confirmation_field, "required", "確認のため、メールアドレスをもう一度入力してください");
        } else if readable {
            let same = match (&parsed, Email::parse(confirmation)) {
                (Some(email), Ok(again)) => email.normalized() == again.normalized(),
                _ => email.trim() == confirmation.trim(),
            };
            if !same {
                self.push(confirmation_field, "mismatch", "メールアドレスが一致しません");
            }
        }
        parsed.filter(|_| readable)
    }

    /// A date inside `years`; `false` (and an issue naming the field) outside.
    pub fn date_in(&mut self, day: Date, years: Years, field: &str, label: &str) -> bool {
        match years.check(day, field, label) {
            Ok(()) => true,
            Err(issue) => {
                self.issues.push(issue);
                false
            }
        }
    }

    /// The value when no issue was found, every issue otherwise.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldIssue>> {
        if self.issues.is_empty() {
            Ok(value)
        } else {
            Err(self.issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn codes(c: Checker) -> Vec<(String, &'static str)> {
        c.into_issues().into_iter().map(|i| (i.field, i.code)).collect()
    }

    #[test]
    fn an_email_pair_is_the_same_address_typed_twice() {
        let mut c = Checker::new();
        let email = c.email_pair("Hanako@Example.JP", "Hanako@example.jp", "email", "email_confirmation");
        assert_eq!(email.map(|e| e.as_str().to_owned()), Some("Hanako@Example.JP".into()));
        assert!(c.is_empty());
        let mut c = Checker::new();
        // The address itself is good; the form fails on the confirmation.
        assert!(c.email_pair("hanako@example.jp", "hanak0@example.jp", "email", "again").is_some());
        assert_eq!(codes(c), [("again".to_owned(), "mismatch")]);
        let mut c = Checker::new();
        c.email_pair("", "", "email", "again");
        assert_eq!(codes(c), [("email".to_owned(), "required"), ("again".to_owned(), "required")]);
    }

    #[test]
    fn a_control_character_in_a_parsed_field_is_named_as_such() {
        let mut c = Checker::new();
        assert!(c.email_pair("hanako@example.jp\0", "hanako@example.jp\0", "email", "again").is_none());
        assert!(c.phone("011-123-4567\n", "phone", "電話番号", true).is_none());
        c.postal("060-0001\t", "postal_code");
        assert_eq!(
            codes(c),
            [
                ("email".to_owned(), "control_character"),
                ("again".to_owned(), "control_character"),
                ("phone".to_owned(), "control_character"),
                ("postal_code".to_owned(), "control_character"),
            ]
        );
    }

    #[test]
    fn phone_errors_name_their_field() {
        let mut c = Checker::new();
        c.phone("011-123-456", "fax", "FAX番号", false);
        c.phone("", "fax2", "FAX番号", false);
        let issues = c.into_issues();
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.starts_with("FAX番号は0から始まる"), "{issues:?}");
    }

    #[test]
    fn dates_outside_their_years_are_named() {
        let mut c = Checker::new();
        assert!(c.date_in(date!(2026 - 12 - 01), Years::TRAINING, "starts_at", "開始日時"));
        assert!(!c.date_in(date!(9999 - 12 - 31), Years::TRAINING, "starts_at", "開始日時"));
        assert_eq!(codes(c), [("starts_at".to_owned(), "date_out_of_range")]);
    }
}
