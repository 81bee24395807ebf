use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Attempts at the day's codes (SPEC §4: brute force must not work). Each attempt is a row,
/// written before the code is compared and removed when it was right, so every instance on
/// the database counts the same wrong codes per application and per client address.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CodeAttempts::Table)
                    .if_not_exists()
                    .col(pk_auto(CodeAttempts::Id))
                    .col(integer(CodeAttempts::ApplicationId))
                    .col(string_len(CodeAttempts::Kind, 8))
                    .col(string_len(CodeAttempts::Client, 64))
                    .col(timestamp_with_time_zone(CodeAttempts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_code_attempts_application")
                            .from(CodeAttempts::Table, CodeAttempts::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_code_attempts_application")
                    .table(CodeAttempts::Table)
                    .col(CodeAttempts::ApplicationId)
                    .col(CodeAttempts::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_code_attempts_client")
                    .table(CodeAttempts::Table)
                    .col(CodeAttempts::Client)
                    .col(CodeAttempts::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CodeAttempts::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum CodeAttempts {
    Table,
    Id,
    ApplicationId,
    Kind,
    Client,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}
