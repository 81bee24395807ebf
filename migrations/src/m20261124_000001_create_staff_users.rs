use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffUsers::Table)
                    .if_not_exists()
                    .col(pk_auto(StaffUsers::Id))
                    // Stored lower-cased, so the unique index is case-insensitive.
                    .col(string_len_uniq(StaffUsers::Email, 254))
                    .col(string_len(StaffUsers::PasswordHash, 200))
                    .col(string_len(StaffUsers::Role, 20))
                    .col(timestamp_with_time_zone(StaffUsers::CreatedAt))
                    .col(timestamp_with_time_zone(StaffUsers::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(StaffUsers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    CreatedAt,
    UpdatedAt,
}
