use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .if_not_exists()
                    .col(pk_auto(Applications::Id))
                    .col(integer(Applications::TrainingId))
                    .col(string_len(Applications::Status, 20))
                    .col(boolean(Applications::Member))
                    .col(string_len(Applications::FullName, 100))
                    .col(string_len(Applications::Workplace, 200))
                    .col(string_len(Applications::Phone, 20))
                    .col(string_len(Applications::Email, 254))
                    // Domain lower-cased: one live application per person and training.
                    .col(string_len(Applications::EmailNormalized, 254))
                    // SHA-256 of the My Page key; the key itself is only in the mail.
                    .col(string_len_uniq(Applications::KeyHash, 64))
                    .col(string_len_null(Applications::ChecklistVersion, 40))
                    .col(string_len_null(Applications::ChecklistAnswers, 40))
                    .col(small_integer_null(Applications::ChecklistScore))
                    .col(string_len_null(Applications::ChecklistBand, 10))
                    .col(string_len_null(Applications::ChecklistSections, 40))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Applications::CancelledAt))
                    .col(timestamp_with_time_zone_null(Applications::PromotedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_applications_training")
                            .from(Applications::Table, Applications::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_training_status")
                    .table(Applications::Table)
                    .col(Applications::TrainingId)
                    .col(Applications::Status)
                    .col(Applications::Id)
                    .to_owned(),
            )
            .await?;
        // A partial unique index: same syntax on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_applications_live_email ON applications (training_id, email_normalized) \
                 WHERE status <> 'cancelled'",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .if_not_exists()
                    .col(string_len(IdempotencyKeys::Scope, 100))
                    .col(string_len(IdempotencyKeys::Key, 200))
                    .col(string_len(IdempotencyKeys::RequestHash, 64))
                    .col(small_integer(IdempotencyKeys::ResponseStatus))
                    .col(text(IdempotencyKeys::ResponseBody))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(Index::create().col(IdempotencyKeys::Scope).col(IdempotencyKeys::Key))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .if_not_exists()
                    .col(pk_auto(Outbox::Id))
                    .col(string_len(Outbox::Kind, 40))
                    .col(integer_null(Outbox::ApplicationId))
                    .col(integer_null(Outbox::TrainingId))
                    .col(string_len(Outbox::Recipient, 254))
                    .col(string_len_null(Outbox::Cc, 254))
                    .col(string_len(Outbox::Subject, 300))
                    .col(text(Outbox::Body))
                    .col(string_len(Outbox::Status, 20))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Outbox::Table.into_iden(), IdempotencyKeys::Table.into_iden(), Applications::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    TrainingId,
    Status,
    Member,
    FullName,
    Workplace,
    Phone,
    Email,
    EmailNormalized,
    KeyHash,
    ChecklistVersion,
    ChecklistAnswers,
    ChecklistScore,
    ChecklistBand,
    ChecklistSections,
    CreatedAt,
    UpdatedAt,
    CancelledAt,
    PromotedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Scope,
    Key,
    RequestHash,
    ResponseStatus,
    ResponseBody,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    ApplicationId,
    TrainingId,
    Recipient,
    Cc,
    Subject,
    Body,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    CreatedAt,
    SentAt,
}
