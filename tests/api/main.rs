//! Kenshu's API suite: one binary, the real app, a real database (SQLite or PostgreSQL).

mod applications;
mod applications_bad_input;
mod auth;
mod eligibility;
mod files;
mod hardening;
mod input_guards;
mod my_page;
mod openapi;
mod operations;
mod practical;
mod practical_bulk;
mod seats;
mod trainings;
mod trainings_bad_input;
