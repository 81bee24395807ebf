use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 資格・職名 (SPEC §7): the attendee's title, optional on the simple form and on staff
/// entry, printed before the name on the 受講証明書. Existing applications have none.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(string_len_null(Applications::JobTitle, 40))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Applications::Table).drop_column(Applications::JobTitle).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    JobTitle,
}
