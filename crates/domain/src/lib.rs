//! Kenshu's rules as plain functions over data.
//!
//! Nothing here does IO or reads the clock: "now" is always an argument, so every rule
//! can be tested with the worked examples of SPEC.md and the seeds.

pub mod application;
pub mod attendance;
pub mod attendance_by_hand;
pub mod certificate;
pub mod checklist;
pub mod dates;
pub mod day_codes;
pub mod eligibility;
pub mod error;
pub mod field;
pub mod file;
pub mod idempotency;
pub mod mail;
pub mod office;
pub mod practical;
pub mod practical_form;
pub mod roster;
pub mod selection;
pub mod staff;
pub mod survey;
pub mod text;
pub mod time_jp;
pub mod training;
pub mod wareki;
pub mod webhook;
pub mod zoom;

pub use error::{Catalogued, ErrorCode};
pub use field::FieldIssue;
