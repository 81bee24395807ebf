use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The practical applicant's My Page (issue 10): the SHA-256 of the key in their mail, as
/// the simple form keeps it (never the key itself). Applications stored before have none.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PracticalApplications::Table)
                    .add_column(string_len_null(PracticalApplications::KeyHash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_practical_key_hash")
                    .table(PracticalApplications::Table)
                    .col(PracticalApplications::KeyHash)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ux_practical_key_hash").table(PracticalApplications::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PracticalApplications::Table)
                    .drop_column(PracticalApplications::KeyHash)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PracticalApplications {
    Table,
    KeyHash,
}
