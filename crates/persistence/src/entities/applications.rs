use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub training_id: i32,
    pub status: String,
    pub member: bool,
    pub full_name: String,
    pub job_title: Option<String>,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub email_normalized: String,
    #[sea_orm(unique)]
    pub key_hash: String,
    pub checklist_version: Option<String>,
    pub checklist_answers: Option<String>,
    pub checklist_score: Option<i16>,
    pub checklist_band: Option<String>,
    pub checklist_sections: Option<String>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub cancelled_at: Option<TimeDateTimeWithTimeZone>,
    pub promoted_at: Option<TimeDateTimeWithTimeZone>,
    pub checked_in_at: Option<TimeDateTimeWithTimeZone>,
    pub checked_out_at: Option<TimeDateTimeWithTimeZone>,
    pub zoom_face: bool,
    pub zoom_display_name: bool,
    pub zoom_breakout_room: bool,
    pub zoom_throughout: bool,
    pub zoom_review: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub zoom_withheld_reason: Option<String>,
    pub zoom_reviewed_at: Option<TimeDateTimeWithTimeZone>,
    pub survey_answered_at: Option<TimeDateTimeWithTimeZone>,
    pub furigana: Option<String>,
    pub address: Option<String>,
    pub entered_by: Option<i32>,
    pub entry_channel: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_reason: Option<String>,
    pub cancelled_by: Option<i32>,
    pub checked_in_by: Option<i32>,
    pub checked_in_reason: Option<String>,
    pub checked_out_by: Option<i32>,
    pub checked_out_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
