use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Trainings::Table)
                    .if_not_exists()
                    .col(pk_auto(Trainings::Id))
                    .col(string_len(Trainings::Status, 20))
                    .col(string_len(Trainings::Title, 200))
                    .col(text(Trainings::Purpose))
                    .col(string_len(Trainings::Organiser, 200))
                    .col(timestamp_with_time_zone(Trainings::StartsAt))
                    .col(timestamp_with_time_zone(Trainings::EndsAt))
                    .col(string_len(Trainings::Venue, 200))
                    .col(text(Trainings::Theme))
                    .col(string_len(Trainings::Lecturer, 200))
                    .col(text(Trainings::TargetAudience))
                    .col(integer(Trainings::FeeYen))
                    .col(integer(Trainings::Capacity))
                    // Confirmed applications holding a seat: the row applicants race for.
                    .col(integer(Trainings::SeatsTaken).default(0))
                    .col(string_len(Trainings::Format, 20))
                    .col(string_len_null(Trainings::ZoomUrl, 500))
                    .col(string_len_null(Trainings::ZoomMeetingId, 20))
                    .col(string_len_null(Trainings::ZoomPasscode, 50))
                    .col(integer(Trainings::RoomOpensMinutesBefore))
                    .col(timestamp_with_time_zone(Trainings::ApplicationOpensAt))
                    .col(timestamp_with_time_zone(Trainings::ApplicationClosesAt))
                    .col(integer(Trainings::CheckInOpensMinutesBefore))
                    .col(integer(Trainings::CheckInGraceMinutes))
                    .col(integer(Trainings::CheckOutWindowMinutes))
                    .col(boolean(Trainings::IssuesCertificate))
                    .col(boolean(Trainings::ChecklistRequired))
                    .col(string_len(Trainings::FormKind, 20))
                    .col(boolean(Trainings::WaitingList))
                    .col(timestamp_with_time_zone(Trainings::CreatedAt))
                    .col(timestamp_with_time_zone(Trainings::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_trainings_status_starts_at")
                    .table(Trainings::Table)
                    .col(Trainings::Status)
                    .col(Trainings::StartsAt)
                    .col(Trainings::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExerciseSchedules::Table)
                    .if_not_exists()
                    .col(pk_auto(ExerciseSchedules::Id))
                    .col(integer(ExerciseSchedules::TrainingId))
                    .col(integer(ExerciseSchedules::Position))
                    .col(string_len(ExerciseSchedules::Label, 100))
                    .col(timestamp_with_time_zone(ExerciseSchedules::StartsAt))
                    .col(timestamp_with_time_zone(ExerciseSchedules::EndsAt))
                    .col(integer(ExerciseSchedules::Capacity))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_exercise_schedules_training")
                            .from(ExerciseSchedules::Table, ExerciseSchedules::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_exercise_schedules_training")
                    .table(ExerciseSchedules::Table)
                    .col(ExerciseSchedules::TrainingId)
                    .col(ExerciseSchedules::Position)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TrainingFiles::Table)
                    .if_not_exists()
                    .col(pk_auto(TrainingFiles::Id))
                    .col(integer(TrainingFiles::TrainingId))
                    .col(string_len(TrainingFiles::Visibility, 20))
                    .col(string_len(TrainingFiles::Title, 200))
                    .col(string_len(TrainingFiles::Filename, 255))
                    .col(string_len(TrainingFiles::ContentType, 100))
                    .col(integer(TrainingFiles::SizeBytes))
                    .col(string_len(TrainingFiles::Sha256, 64))
                    // Kept in the database so that every app instance serves the same files.
                    .col(ColumnDef::new(TrainingFiles::Content).blob().not_null())
                    .col(timestamp_with_time_zone(TrainingFiles::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_training_files_training")
                            .from(TrainingFiles::Table, TrainingFiles::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_training_files_training")
                    .table(TrainingFiles::Table)
                    .col(TrainingFiles::TrainingId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [TrainingFiles::Table.into_iden(), ExerciseSchedules::Table.into_iden(), Trainings::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    Id,
    Status,
    Title,
    Purpose,
    Organiser,
    StartsAt,
    EndsAt,
    Venue,
    Theme,
    Lecturer,
    TargetAudience,
    FeeYen,
    Capacity,
    SeatsTaken,
    Format,
    ZoomUrl,
    ZoomMeetingId,
    ZoomPasscode,
    RoomOpensMinutesBefore,
    ApplicationOpensAt,
    ApplicationClosesAt,
    CheckInOpensMinutesBefore,
    CheckInGraceMinutes,
    CheckOutWindowMinutes,
    IssuesCertificate,
    ChecklistRequired,
    FormKind,
    WaitingList,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ExerciseSchedules {
    Table,
    Id,
    TrainingId,
    Position,
    Label,
    StartsAt,
    EndsAt,
    Capacity,
}

#[derive(DeriveIden)]
enum TrainingFiles {
    Table,
    Id,
    TrainingId,
    Visibility,
    Title,
    Filename,
    ContentType,
    SizeBytes,
    Sha256,
    Content,
    CreatedAt,
}
