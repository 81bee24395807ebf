use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trainings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub status: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub purpose: String,
    pub organiser: String,
    pub starts_at: TimeDateTimeWithTimeZone,
    pub ends_at: TimeDateTimeWithTimeZone,
    pub venue: String,
    #[sea_orm(column_type = "Text")]
    pub theme: String,
    pub lecturer: String,
    #[sea_orm(column_type = "Text")]
    pub target_audience: String,
    pub fee_yen: i32,
    pub capacity: i32,
    pub seats_taken: i32,
    pub format: String,
    pub zoom_url: Option<String>,
    pub zoom_meeting_id: Option<String>,
    pub zoom_passcode: Option<String>,
    pub room_opens_minutes_before: i32,
    pub application_opens_at: TimeDateTimeWithTimeZone,
    pub application_closes_at: TimeDateTimeWithTimeZone,
    pub check_in_opens_minutes_before: i32,
    pub check_in_grace_minutes: i32,
    pub check_out_window_minutes: i32,
    pub issues_certificate: bool,
    pub checklist_required: bool,
    pub form_kind: String,
    pub waiting_list: bool,
    #[sea_orm(column_type = "Text")]
    pub contact: String,
    pub start_code: Option<String>,
    pub end_code: Option<String>,
    pub certificate_needs_survey: bool,
    /// No seat is granted before this instant (Unix ms, real time): see `repos::seats`.
    pub offers_from_ms: Option<i64>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::exercise_schedules::Entity")]
    ExerciseSchedules,
    #[sea_orm(has_many = "super::training_files::Entity")]
    TrainingFiles,
}

impl Related<super::exercise_schedules::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExerciseSchedules.def()
    }
}

impl Related<super::training_files::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::TrainingFiles.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
