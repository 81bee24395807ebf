//! 開始番号・終了番号: the training's codes, the times they were entered, and the attempts
//! counted against guessing (one row per attempt, shared by every instance).

use kenshu_domain::attendance::Attendance;
use kenshu_domain::attendance_by_hand::{StaffNote, StaffRecorded};
use kenshu_domain::day_codes::CodeKind;
use kenshu_domain::time_jp::to_utc;
use kenshu_domain::ErrorCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::entities::applications::{Column as AppColumn, Entity as Applications};
use crate::entities::code_attempts::{self, Column, Entity as CodeAttempts};
use crate::entities::trainings::{Column as TrainingColumn, Entity as Trainings};
use crate::RepoError;

/// Stores both codes of a training (`None` clears one).
pub async fn set_codes(
    db: &impl ConnectionTrait,
    training_id: i32,
    start_code: Option<&str>,
    end_code: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let result = Trainings::update_many()
        .col_expr(TrainingColumn::StartCode, start_code.map(str::to_owned).into())
        .col_expr(TrainingColumn::EndCode, end_code.map(str::to_owned).into())
        .col_expr(TrainingColumn::UpdatedAt, to_utc(now).into())
        .filter(TrainingColumn::Id.eq(training_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::TrainingNotFound));
    }
    Ok(())
}

/// 出席確認時間: only the first start code counts (a second one is `AlreadyCheckedIn`).
pub async fn record_check_in(
    db: &impl ConnectionTrait,
    application_id: i32,
    at: OffsetDateTime,
) -> Result<(), RepoError> {
    let result = Applications::update_many()
        .col_expr(AppColumn::CheckedInAt, Some(to_utc(at)).into())
        .col_expr(AppColumn::UpdatedAt, to_utc(at).into())
        .filter(AppColumn::Id.eq(application_id))
        .filter(AppColumn::CheckedInAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::AlreadyCheckedIn));
    }
    Ok(())
}

/// 受講確認時間: after the start code, once.
pub async fn record_check_out(
    db: &impl ConnectionTrait,
    application_id: i32,
    at: OffsetDateTime,
) -> Result<(), RepoError> {
    let result = Applications::update_many()
        .col_expr(AppColumn::CheckedOutAt, Some(to_utc(at)).into())
        .col_expr(AppColumn::UpdatedAt, to_utc(at).into())
        .filter(AppColumn::Id.eq(application_id))
        .filter(AppColumn::CheckedInAt.is_not_null())
        .filter(AppColumn::CheckedOutAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::AlreadyCheckedOut));
    }
    Ok(())
}

/// Records an attempt before its code is compared; returns its id.
pub async fn add_attempt(
    db: &impl ConnectionTrait,
    application_id: i32,
    kind: CodeKind,
    client: &str,
    at: OffsetDateTime,
) -> Result<i32, RepoError> {
    let row = code_attempts::ActiveModel {
        application_id: Set(application_id),
        kind: Set(kind.as_str().to_owned()),
        client: Set(client.to_owned()),
        created_at: Set(to_utc(at)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The attempt was right (or never judged): it counts against nobody.
pub async fn remove_attempt(db: &impl ConnectionTrait, id: i32) -> Result<(), RepoError> {
    CodeAttempts::delete_many().filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Forgets every attempt held against an application (both codes): staff lift the lock
/// after a participant asked at reception. The same rows also count towards their client
/// address's limit, which loses them too. Returns how many were removed.
pub async fn clear_for_application(db: &impl ConnectionTrait, application_id: i32) -> Result<u64, RepoError> {
    let result = CodeAttempts::delete_many().filter(Column::ApplicationId.eq(application_id)).exec(db).await?;
    Ok(result.rows_affected)
}

/// Attempts held against an application for one code.
pub async fn count_for_application(
    db: &impl ConnectionTrait,
    application_id: i32,
    kind: CodeKind,
) -> Result<u64, RepoError> {
    Ok(CodeAttempts::find()
        .filter(Column::ApplicationId.eq(application_id))
        .filter(Column::Kind.eq(kind.as_str()))
        .count(db)
        .await?)
}

/// Attempts from one client address since `since`, whatever the application.
pub async fn count_for_client(
    db: &impl ConnectionTrait,
    client: &str,
    since: OffsetDateTime,
) -> Result<u64, RepoError> {
    Ok(CodeAttempts::find()
        .filter(Column::Client.eq(client))
        .filter(Expr::col(Column::CreatedAt).gte(to_utc(since)))
        .count(db)
        .await?)
}

/// Takes the application's row for the rest of the transaction (a write that changes
/// nothing): a code entered meanwhile waits, then sees what staff stored, so attendance is
/// completed, and announced, once.
pub async fn lock_application(db: &impl ConnectionTrait, application_id: i32) -> Result<(), RepoError> {
    let result = Applications::update_many()
        .col_expr(AppColumn::UpdatedAt, Expr::col(AppColumn::UpdatedAt).into())
        .filter(AppColumn::Id.eq(application_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::ApplicationNotFound));
    }
    Ok(())
}

/// 出席・受講確認の手入力: stores both times as decided, each with its staff mark (by whom,
/// why) or none.
pub async fn record_by_hand(
    db: &impl ConnectionTrait,
    application_id: i32,
    attendance: &Attendance,
    by_staff: &StaffRecorded,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let note = |n: &Option<StaffNote>| (n.as_ref().and_then(|n| n.by), n.as_ref().map(|n| n.reason.clone()));
    let (in_by, in_reason) = note(&by_staff.checked_in);
    let (out_by, out_reason) = note(&by_staff.checked_out);
    Applications::update_many()
        .col_expr(AppColumn::CheckedInAt, attendance.checked_in_at.map(to_utc).into())
        .col_expr(AppColumn::CheckedOutAt, attendance.checked_out_at.map(to_utc).into())
        .col_expr(AppColumn::CheckedInBy, in_by.into())
        .col_expr(AppColumn::CheckedInReason, in_reason.into())
        .col_expr(AppColumn::CheckedOutBy, out_by.into())
        .col_expr(AppColumn::CheckedOutReason, out_reason.into())
        .col_expr(AppColumn::UpdatedAt, to_utc(now).into())
        .filter(AppColumn::Id.eq(application_id))
        .exec(db)
        .await?;
    Ok(())
}
