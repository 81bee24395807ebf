//! The practical applicant's My Page (issue 10): the application a key opens, and its
//! cancellation by the applicant, which promotes as a staff cancellation does.

use kenshu_domain::selection::{ApplicantStatus, NoticeGround, PracticalStatus, SelectionAction, SelectionError};
use kenshu_domain::training::Training;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::practical::{self, PracticalRecord};
use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::usecases::apply::hash_key;
use crate::usecases::practical_documents::notice_ground;
use crate::usecases::trainings::get;

/// An application as its applicant sees it: the ground of the decision they were sent.
pub struct View {
    pub record: PracticalRecord,
    pub training: Training,
    /// Once the notice of the current decision has been sent (and kept after completion).
    pub ground: Option<NoticeGround>,
}

fn not_found() -> AppError {
    AppError::new(ErrorCode::ApplicationNotFound).with_detail("メールに記載のURLをご確認ください")
}

/// The application `key` opens, or 404.
pub async fn view(db: &Db, key: &str) -> Result<View, AppError> {
    let id = practical::find_by_key_hash(db, &hash_key(key)).await?.ok_or_else(not_found)?;
    let record = practical::find(db, id).await?.ok_or_else(not_found)?;
    let training = get(db, record.training_id).await?;
    let a = &record.application;
    let sent =
        matches!(a.state.status(), PracticalStatus::Notified | PracticalStatus::Attended | PracticalStatus::Completed);
    let ground = match a.state.decision() {
        Some(decision) if sent => Some(notice_ground(db, &training, a, decision).await?),
        _ => None,
    };
    Ok(View { record, training, ground })
}

/// キャンセル by the applicant: refused twice (409 already_cancelled) and after completion;
/// a freed seat goes to the next waiting applicant who fits.
#[tracing::instrument(skip_all)]
pub async fn cancel(db: &Db, key: &str, now: OffsetDateTime) -> Result<Option<i32>, AppError> {
    let id = practical::find_by_key_hash(db, &hash_key(key)).await?.ok_or_else(not_found)?;
    let record = practical::find(db, id).await?.ok_or_else(not_found)?;
    let state = record.application.state;
    if record.application.is_cancelled() {
        return Err(AppError::new(ErrorCode::AlreadyCancelled));
    }
    // Nothing to withdraw from once refused or completed.
    if !ApplicantStatus::of(state).can_cancel() {
        let refused = SelectionError::NotAllowed { from: state.status(), action: SelectionAction::Cancel };
        return Err(AppError::from_catalogued(refused));
    }
    let promoted = crate::usecases::practical_selection::cancel(db, None, id, "本人がマイページでキャンセル", now)
        .await
        .map_err(|e| if e.code == ErrorCode::StatusChanged { AppError::new(ErrorCode::AlreadyCancelled) } else { e })?;
    Ok(promoted)
}
