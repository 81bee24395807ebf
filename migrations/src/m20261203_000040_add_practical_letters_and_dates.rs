use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Practical training (issue 10): the 文書番号 of an application's latest 受講可否通知
/// (a sequence per training, never two alike), and the days attendance and completion
/// were recorded for (the 修了証書 is dated on the completion day). SQLite adds one column
/// per ALTER.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer_null(PracticalApplications::NoticeNumber),
            date_null(PracticalApplications::AttendedOn),
            date_null(PracticalApplications::CompletedOn),
        ] {
            manager
                .alter_table(Table::alter().table(PracticalApplications::Table).add_column(column).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_practical_notice_number")
                    .table(PracticalApplications::Table)
                    .col(PracticalApplications::TrainingId)
                    .col(PracticalApplications::NoticeNumber)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ux_practical_notice_number").table(PracticalApplications::Table).to_owned())
            .await?;
        for column in
            [PracticalApplications::CompletedOn, PracticalApplications::AttendedOn, PracticalApplications::NoticeNumber]
        {
            manager
                .alter_table(Table::alter().table(PracticalApplications::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PracticalApplications {
    Table,
    TrainingId,
    NoticeNumber,
    AttendedOn,
    CompletedOn,
}
