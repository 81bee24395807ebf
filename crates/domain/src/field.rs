//! A rule broken by one field of what someone typed.

use serde::Serialize;

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
