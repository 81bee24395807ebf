//! Kenshu's API suite: one binary, the real app, a real database (SQLite or PostgreSQL).

mod applications;
mod applications_bad_input;
mod auth;
mod certificates;
mod eligibility;
mod files;
mod hardening;
mod input_guards;
mod my_page;
mod openapi;
mod operations;
mod practical;
mod seats;
mod trainings;
mod trainings_bad_input;
mod verification;
