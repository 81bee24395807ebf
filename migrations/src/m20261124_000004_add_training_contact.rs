use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// お問い合わせ先: the organiser's contact block printed in mails and on the complete page.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Trainings::Table).add_column(text(Trainings::Contact).default("")).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Trainings::Table).drop_column(Trainings::Contact).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    Contact,
}
