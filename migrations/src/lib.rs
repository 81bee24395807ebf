//! Kenshu's schema. Only sea-orm-migration's schema helpers are used, so the same
//! migrations run on SQLite and PostgreSQL. Times are `timestamp with time zone`, stored in UTC.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_create_staff_users;
mod m20261124_000002_create_trainings;
mod m20261124_000003_create_applications;
mod m20261124_000004_add_training_contact;
mod m20261124_000005_create_practical_applications;
mod m20261201_000001_add_staff_user_access;
mod m20261202_000001_add_day_of_training;
mod m20261203_000010_create_code_attempts;
mod m20261203_000020_create_certificates;
mod m20261203_000030_create_survey;
mod m20261203_000040_add_practical_letters_and_dates;
mod m20261203_000041_add_practical_key_hash;
mod m20261205_000001_create_api_tokens;
mod m20261206_000001_create_audit_log;
mod m20261206_000002_create_webhooks;
mod m20261208_000001_add_office_entry;
mod m20261210_000001_add_application_job_title;
mod m20261211_000001_add_offers_from;
mod m20261212_000001_add_attendance_by_staff;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_staff_users::Migration),
            Box::new(m20261124_000002_create_trainings::Migration),
            Box::new(m20261124_000003_create_applications::Migration),
            Box::new(m20261124_000004_add_training_contact::Migration),
            Box::new(m20261124_000005_create_practical_applications::Migration),
            Box::new(m20261201_000001_add_staff_user_access::Migration),
            Box::new(m20261202_000001_add_day_of_training::Migration),
            Box::new(m20261203_000010_create_code_attempts::Migration),
            Box::new(m20261203_000030_create_survey::Migration),
            Box::new(m20261203_000040_add_practical_letters_and_dates::Migration),
            Box::new(m20261203_000041_add_practical_key_hash::Migration),
            Box::new(m20261203_000020_create_certificates::Migration),
            Box::new(m20261205_000001_create_api_tokens::Migration),
            Box::new(m20261206_000001_create_audit_log::Migration),
            Box::new(m20261206_000002_create_webhooks::Migration),
            Box::new(m20261208_000001_add_office_entry::Migration),
            Box::new(m20261210_000001_add_application_job_title::Migration),
            Box::new(m20261211_000001_add_offers_from::Migration),
            Box::new(m20261212_000001_add_attendance_by_staff::Migration),
        ]
    }
}
