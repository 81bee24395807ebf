use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practical_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub training_id: i32,
    pub status: String,
    pub decision: Option<String>,
    pub kind: String,
    pub full_name: String,
    pub birth_date: TimeDate,
    pub email: String,
    pub email_normalized: String,
    pub person_key: String,
    pub preferred_schedule_id: Option<i32>,
    pub binding_preference: bool,
    pub schedule_id: Option<i32>,
    pub plan_category: String,
    pub required_count: i32,
    pub completed_count: i32,
    pub office_key: String,
    pub office_priority: Option<i32>,
    pub wants_waitlist: bool,
    pub submitted_outcome: String,
    #[sea_orm(column_type = "Text")]
    pub submitted_verdict: String,
    #[sea_orm(column_type = "Text")]
    pub form: String,
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment_size: Option<i32>,
    pub attachment_bytes: Option<Vec<u8>>,
    pub certificate_number: Option<String>,
    pub submitted_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub notified_at: Option<TimeDateTimeWithTimeZone>,
    pub completed_at: Option<TimeDateTimeWithTimeZone>,
    pub notice_number: Option<i32>,
    pub attended_on: Option<TimeDate>,
    pub completed_on: Option<TimeDate>,
    pub key_hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
