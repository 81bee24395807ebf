use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The day of the training (SPEC §4, §7, §8): the training's start and end codes and
/// whether its certificate waits for the survey; per application the times the codes were
/// entered, the Zoom checks (seed 000 6(5) ①–④) with staff's decision, and when the survey
/// was answered. SQLite adds one column per ALTER, hence one statement per column.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null(Trainings::StartCode, 4),
            string_len_null(Trainings::EndCode, 4),
            boolean(Trainings::CertificateNeedsSurvey).default(false).to_owned(),
        ] {
            manager.alter_table(Table::alter().table(Trainings::Table).add_column(column).to_owned()).await?;
        }
        for column in [
            timestamp_with_time_zone_null(Applications::CheckedInAt),
            timestamp_with_time_zone_null(Applications::CheckedOutAt),
            boolean(Applications::ZoomFace).default(false).to_owned(),
            boolean(Applications::ZoomDisplayName).default(false).to_owned(),
            boolean(Applications::ZoomBreakoutRoom).default(false).to_owned(),
            boolean(Applications::ZoomThroughout).default(false).to_owned(),
            string_len_null(Applications::ZoomReview, 16),
            text_null(Applications::ZoomWithheldReason),
            timestamp_with_time_zone_null(Applications::ZoomReviewedAt),
            timestamp_with_time_zone_null(Applications::SurveyAnsweredAt),
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Applications::SurveyAnsweredAt,
            Applications::ZoomReviewedAt,
            Applications::ZoomWithheldReason,
            Applications::ZoomReview,
            Applications::ZoomThroughout,
            Applications::ZoomBreakoutRoom,
            Applications::ZoomDisplayName,
            Applications::ZoomFace,
            Applications::CheckedOutAt,
            Applications::CheckedInAt,
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Trainings::CertificateNeedsSurvey, Trainings::EndCode, Trainings::StartCode] {
            manager.alter_table(Table::alter().table(Trainings::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    StartCode,
    EndCode,
    CertificateNeedsSurvey,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    CheckedInAt,
    CheckedOutAt,
    ZoomFace,
    ZoomDisplayName,
    ZoomBreakoutRoom,
    ZoomThroughout,
    ZoomReview,
    ZoomWithheldReason,
    ZoomReviewedAt,
    SurveyAnsweredAt,
}
