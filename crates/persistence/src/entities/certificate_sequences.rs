use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificate_sequences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organiser_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub fiscal_year: i32,
    pub last_number: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
