use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Refusals from memory (issue 13, item 9): each instance may refuse applicants to a sold-out
/// training from memory for a short while. When a seat of such a training is freed (or its
/// plan or status changes), no seat is granted before `offers_from_ms` (Unix milliseconds,
/// real time), so that every instance has forgotten the training was full before anyone is
/// seated again. Empty for trainings that never were both full and without a waiting list.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Trainings::Table).add_column(big_integer_null(Trainings::OffersFromMs)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Trainings::Table).drop_column(Trainings::OffersFromMs).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    OffersFromMs,
}
