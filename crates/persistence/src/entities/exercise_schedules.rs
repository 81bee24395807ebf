use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exercise_schedules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub training_id: i32,
    pub position: i32,
    pub label: String,
    pub starts_at: TimeDateTimeWithTimeZone,
    pub ends_at: TimeDateTimeWithTimeZone,
    pub capacity: i32,
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
