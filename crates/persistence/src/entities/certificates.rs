use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub subject_id: i32,
    pub training_id: i32,
    pub organiser_id: i32,
    pub fiscal_year: i32,
    pub number: Option<i32>,
    pub verification_code: String,
    pub holder_name: String,
    #[sea_orm(column_type = "Text")]
    pub training_title: String,
    pub held: String,
    pub hours: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub snapshot: String,
    pub issued_at: TimeDateTimeWithTimeZone,
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    #[sea_orm(column_type = "Text", nullable)]
    pub revoked_reason: Option<String>,
    pub revoked_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
