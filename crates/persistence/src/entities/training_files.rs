use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub training_id: i32,
    pub visibility: String,
    pub title: String,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
    pub sha256: String,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::trainings::Entity",
        from = "Column::TrainingId",
        to = "super::trainings::Column::Id",
        on_delete = "Cascade"
    )]
    Training,
}

impl Related<super::trainings::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Training.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
