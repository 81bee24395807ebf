use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Staff tokens are checked against their account on every request: a disabled account, or
/// one whose `token_version` moved on (disabled, password reset), loses its tokens at once.
/// SQLite adds one column per ALTER, hence two statements.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StaffUsers::Table)
                    .add_column(integer(StaffUsers::TokenVersion).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffUsers::Table)
                    .add_column(timestamp_with_time_zone_null(StaffUsers::DisabledAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(StaffUsers::Table).drop_column(StaffUsers::DisabledAt).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(StaffUsers::Table).drop_column(StaffUsers::TokenVersion).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StaffUsers {
    Table,
    TokenVersion,
    DisabledAt,
}
