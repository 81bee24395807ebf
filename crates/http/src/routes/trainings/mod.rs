//! `/trainings` (public) and `/admin/trainings` (staff).

pub mod admin;
pub mod dto;
pub mod files;
pub mod public;
