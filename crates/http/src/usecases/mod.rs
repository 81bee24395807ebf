//! Write flows: open a transaction, load, let a domain rule decide, save, commit.

pub mod apply;
pub mod cancel;
pub mod certificates;
pub mod idempotency;
pub mod organiser;
pub mod practical;
pub mod practical_documents;
pub mod practical_selection;
pub mod reissue;
pub mod trainings;
