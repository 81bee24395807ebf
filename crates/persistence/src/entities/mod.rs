//! sea-orm entities, one per table. They stay inside this crate: repos return domain types.

pub mod api_tokens;
pub mod applications;
pub mod audit_log;
pub mod certificate_sequences;
pub mod certificates;
pub mod code_attempts;
pub mod exercise_schedules;
pub mod idempotency_keys;
pub mod organiser_seals;
pub mod organisers;
pub mod outbox;
pub mod practical_applications;
pub mod practical_events;
pub mod staff_users;
pub mod survey_answers;
pub mod survey_questions;
pub mod training_files;
pub mod trainings;
pub mod webhook_deliveries;
pub mod webhook_subscriptions;
