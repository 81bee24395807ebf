//! One module per aggregate.

pub mod api_tokens;
pub mod applications;
pub mod audit_log;
pub mod certificates;
pub mod day_codes;
mod fixed_text;
pub mod idempotency;
mod lease;
pub mod organiser;
pub mod outbox;
pub mod practical;
pub mod rosters;
pub mod seats;
pub mod staff_users;
pub mod survey;
pub mod training_files;
pub mod trainings;
pub mod webhooks;
pub mod zoom_checks;

/// A page of a list: 1-based page number and page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub page: u64,
    pub per_page: u64,
}

impl Page {
    pub fn offset(self) -> u64 {
        (self.page.saturating_sub(1)) * self.per_page
    }
}
