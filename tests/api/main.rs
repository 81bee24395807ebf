//! Kenshu's API suite: one binary, the real app, a real database (SQLite or PostgreSQL).

mod auth;
mod files;
mod openapi;
mod operations;
mod trainings;
mod trainings_bad_input;
