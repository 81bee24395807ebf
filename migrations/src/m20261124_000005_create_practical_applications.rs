use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 実践研修の申込 (seed 003): the normalised form as JSON, the columns selection sorts and
/// filters by, the verdict it was submitted with, and every staff decision with its reason.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PracticalApplications::Table)
                    .if_not_exists()
                    .col(pk_auto(PracticalApplications::Id))
                    .col(integer(PracticalApplications::TrainingId))
                    .col(string_len(PracticalApplications::Status, 20))
                    .col(string_len_null(PracticalApplications::Decision, 20))
                    .col(string_len(PracticalApplications::Kind, 20))
                    .col(string_len(PracticalApplications::FullName, 100))
                    .col(date(PracticalApplications::BirthDate))
                    .col(string_len(PracticalApplications::Email, 254))
                    // Domain lower-cased, for one address per person (seed 003).
                    .col(string_len(PracticalApplications::EmailNormalized, 254))
                    // Name without spaces and birth date: who holds the address.
                    .col(string_len(PracticalApplications::PersonKey, 150))
                    .col(integer_null(PracticalApplications::PreferredScheduleId))
                    .col(boolean(PracticalApplications::BindingPreference))
                    .col(integer_null(PracticalApplications::ScheduleId))
                    .col(string_len(PracticalApplications::PlanCategory, 20))
                    .col(integer(PracticalApplications::RequiredCount))
                    .col(integer(PracticalApplications::CompletedCount))
                    .col(string_len(PracticalApplications::OfficeKey, 200))
                    .col(integer_null(PracticalApplications::OfficePriority))
                    .col(boolean(PracticalApplications::WantsWaitlist))
                    .col(string_len(PracticalApplications::SubmittedOutcome, 20))
                    .col(text(PracticalApplications::SubmittedVerdict))
                    .col(text(PracticalApplications::Form))
                    .col(string_len_null(PracticalApplications::AttachmentName, 255))
                    .col(string_len_null(PracticalApplications::AttachmentType, 100))
                    .col(integer_null(PracticalApplications::AttachmentSize))
                    .col(blob_null(PracticalApplications::AttachmentBytes))
                    .col(string_len_null(PracticalApplications::CertificateNumber, 40))
                    .col(timestamp_with_time_zone(PracticalApplications::SubmittedAt))
                    .col(timestamp_with_time_zone(PracticalApplications::UpdatedAt))
                    .col(timestamp_with_time_zone_null(PracticalApplications::NotifiedAt))
                    .col(timestamp_with_time_zone_null(PracticalApplications::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_practical_applications_training")
                            .from(PracticalApplications::Table, PracticalApplications::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_practical_applications_training")
                    .table(PracticalApplications::Table)
                    .col(PracticalApplications::TrainingId)
                    .col(PracticalApplications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_practical_applications_email")
                    .table(PracticalApplications::Table)
                    .col(PracticalApplications::EmailNormalized)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // One live application per address and training; certificate numbers never repeat.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_practical_live_email ON practical_applications (training_id, email_normalized) \
             WHERE status <> 'cancelled'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_practical_certificate ON practical_applications (training_id, certificate_number) \
             WHERE certificate_number IS NOT NULL",
        )
        .await?;
        // Another applicant's address is looked up across trainings (simple form too).
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_email")
                    .table(Applications::Table)
                    .col(Applications::EmailNormalized)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PracticalEvents::Table)
                    .if_not_exists()
                    .col(pk_auto(PracticalEvents::Id))
                    .col(integer(PracticalEvents::ApplicationId))
                    .col(integer_null(PracticalEvents::StaffUserId))
                    .col(string_len(PracticalEvents::Action, 30))
                    .col(string_len(PracticalEvents::FromStatus, 20))
                    .col(string_len(PracticalEvents::ToStatus, 20))
                    .col(string_len_null(PracticalEvents::Decision, 20))
                    .col(integer_null(PracticalEvents::ScheduleId))
                    .col(boolean(PracticalEvents::Override))
                    .col(text(PracticalEvents::Reason))
                    .col(timestamp_with_time_zone(PracticalEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_practical_events_application")
                            .from(PracticalEvents::Table, PracticalEvents::ApplicationId)
                            .to(PracticalApplications::Table, PracticalApplications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_practical_events_application")
                    .table(PracticalEvents::Table)
                    .col(PracticalEvents::ApplicationId)
                    .col(PracticalEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PracticalEvents::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_applications_email").table(Applications::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(PracticalApplications::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum PracticalApplications {
    Table,
    Id,
    TrainingId,
    Status,
    Decision,
    Kind,
    FullName,
    BirthDate,
    Email,
    EmailNormalized,
    PersonKey,
    PreferredScheduleId,
    BindingPreference,
    ScheduleId,
    PlanCategory,
    RequiredCount,
    CompletedCount,
    OfficeKey,
    OfficePriority,
    WantsWaitlist,
    SubmittedOutcome,
    SubmittedVerdict,
    Form,
    AttachmentName,
    AttachmentType,
    AttachmentSize,
    AttachmentBytes,
    CertificateNumber,
    SubmittedAt,
    UpdatedAt,
    NotifiedAt,
    CompletedAt,
}

#[derive(DeriveIden)]
enum PracticalEvents {
    Table,
    Id,
    ApplicationId,
    StaffUserId,
    Action,
    FromStatus,
    ToStatus,
    Decision,
    ScheduleId,
    Override,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    EmailNormalized,
}
