use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The office's daily work (issue 12, item 2): an application staff enter on someone's
/// behalf names the staff account and the channel it came by (phone, FAX, …) and may hold
/// the applicant's ふりがな and address; a cancellation by staff keeps its reason and who
/// cancelled. Applications made on the public form leave all of these empty.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len_null(Applications::Furigana, 100),
            string_len_null(Applications::Address, 200),
            integer_null(Applications::EnteredBy),
            string_len_null(Applications::EntryChannel, 16),
            text_null(Applications::CancelReason),
            integer_null(Applications::CancelledBy),
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Applications::CancelledBy,
            Applications::CancelReason,
            Applications::EntryChannel,
            Applications::EnteredBy,
            Applications::Address,
            Applications::Furigana,
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Furigana,
    Address,
    EnteredBy,
    EntryChannel,
    CancelReason,
    CancelledBy,
}
