//! Kenshu's API suite: one binary, the real app, a real database (SQLite or PostgreSQL).

mod applications;
mod applications_bad_input;
mod auth;
mod certificates;
mod crafted_uploads;
mod day_codes;
mod eligibility;
mod files;
mod hardening;
mod idempotency_rush;
mod input_guards;
mod my_page;
mod openapi;
mod operations;
mod overbooking;
mod practical;
mod practical_bulk;
mod practical_my_page;
mod practical_progress;
mod resend_link;
mod seats;
mod survey;
mod trainings;
mod trainings_bad_input;
mod verification;
mod zoom_checks;
