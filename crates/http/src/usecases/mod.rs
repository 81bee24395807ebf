//! Write flows: open a transaction, load, let a domain rule decide, save, commit.

pub mod apply;
pub mod cancel;
pub mod certificates;
pub mod day_codes;
pub mod idempotency;
pub mod office;
pub mod organiser;
pub mod practical;
pub mod practical_documents;
pub mod practical_my_page;
pub mod practical_selection;
pub mod reissue;
pub mod resend_link;
pub mod rosters;
pub mod staff_accounts;
pub mod survey;
pub mod trainings;
pub mod zoom_checks;
