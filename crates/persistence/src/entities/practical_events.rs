use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practical_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub staff_user_id: Option<i32>,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub decision: Option<String>,
    pub schedule_id: Option<i32>,
    pub r#override: bool,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
