use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 出席・受講確認の手入力: staff record 出席確認時間 / 受講確認時間 by hand. Beside each time,
/// the staff account that recorded it and the reason; both empty when the participant
/// entered the code (every time recorded before this migration). The mark belongs to the
/// time as it stands, so it lives on its row: a corrected time carries the new reason, a
/// cleared one loses its mark, and lists and rosters read it without a join. Who changed
/// what when is in the audit log.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            integer_null(Applications::CheckedInBy),
            string_len_null(Applications::CheckedInReason, 200),
            integer_null(Applications::CheckedOutBy),
            string_len_null(Applications::CheckedOutReason, 200),
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Applications::CheckedOutReason,
            Applications::CheckedOutBy,
            Applications::CheckedInReason,
            Applications::CheckedInBy,
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    CheckedInBy,
    CheckedInReason,
    CheckedOutBy,
    CheckedOutReason,
}
