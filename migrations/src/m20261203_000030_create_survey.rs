use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Webアンケート (SPEC §8): a training's questions in order, and one answer per
/// application (the 介護支援専門員番号 and the answers as JSON keyed by question id). When
/// it was answered is `applications.survey_answered_at` (m20261202_000001), set in the
/// same transaction; the unique application id makes a second answer impossible.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SurveyQuestions::Table)
                    .if_not_exists()
                    .col(pk_auto(SurveyQuestions::Id))
                    .col(integer(SurveyQuestions::TrainingId))
                    .col(integer(SurveyQuestions::Position))
                    .col(string_len(SurveyQuestions::Kind, 20))
                    .col(text(SurveyQuestions::Text))
                    .col(boolean(SurveyQuestions::Required))
                    // The options as a JSON array of strings.
                    .col(text(SurveyQuestions::Options))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_questions_training")
                            .from(SurveyQuestions::Table, SurveyQuestions::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_questions_training")
                    .table(SurveyQuestions::Table)
                    .col(SurveyQuestions::TrainingId)
                    .col(SurveyQuestions::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyAnswers::Table)
                    .if_not_exists()
                    .col(pk_auto(SurveyAnswers::Id))
                    .col(integer(SurveyAnswers::TrainingId))
                    .col(integer_uniq(SurveyAnswers::ApplicationId))
                    .col(string_len(SurveyAnswers::CareManagerNumber, 8))
                    .col(text(SurveyAnswers::Answers))
                    .col(timestamp_with_time_zone(SurveyAnswers::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_answers_training")
                            .from(SurveyAnswers::Table, SurveyAnswers::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_survey_answers_application")
                            .from(SurveyAnswers::Table, SurveyAnswers::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_answers_training")
                    .table(SurveyAnswers::Table)
                    .col(SurveyAnswers::TrainingId)
                    .col(SurveyAnswers::ApplicationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SurveyAnswers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SurveyQuestions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    Id,
    TrainingId,
    Position,
    Kind,
    Text,
    Required,
    Options,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    Id,
    TrainingId,
    ApplicationId,
    CareManagerNumber,
    Answers,
    AnsweredAt,
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
}
