//! Write flows: open a transaction, load, let a domain rule decide, save, commit.

pub mod trainings;
