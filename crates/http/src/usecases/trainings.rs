//! Creating, editing and moving trainings through their lifecycle.

use std::collections::HashMap;

use kenshu_domain::file::{
    accepted_content_type, check_upload, stored_name, FileVisibility, TrainingFile, UploadFields,
};
use kenshu_domain::selection::{tally_claims, PracticalCounts};
use kenshu_domain::training::{check_capacity, transition, FormKind, StatusAction, Training, TrainingPlan};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::training_files::{self, NewFile};
use kenshu_persistence::repos::{applications, seats, trainings};
use kenshu_persistence::{ConnectionTrait, Db};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::AppError;

/// Stores a new draft.
#[tracing::instrument(skip_all)]
pub async fn create(db: &Db, plan: TrainingPlan, now: OffsetDateTime) -> Result<Training, AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    let training = trainings::insert(&tx, &plan, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(training)
}

/// Replaces the plan of a training that is not finished or cancelled. A sold-out training
/// holds its seats until `hold_until_ms` (`sold_out`): the new plan may offer some.
#[tracing::instrument(skip_all, fields(training.id = id))]
pub async fn update(
    db: &Db,
    id: i32,
    plan: TrainingPlan,
    now: OffsetDateTime,
    hold_until_ms: i64,
) -> Result<Training, AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    hold_seats(&tx, id, hold_until_ms).await?;
    let current = trainings::find(&tx, id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    if !current.status.is_editable() {
        return Err(AppError::new(ErrorCode::TrainingNotEditable));
    }
    if let Some(issue) = check_capacity(plan.capacity, current.seats_taken) {
        return Err(AppError::validation(vec![issue]));
    }
    let updated = trainings::update_plan(&tx, id, &plan, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(updated)
}

/// Publishes, closes, reopens, finishes or cancels, as the lifecycle and the calendar allow.
/// A sold-out training holds its seats until `hold_until_ms`, as in [`update`].
#[tracing::instrument(skip_all, fields(training.id = id, action = ?action))]
pub async fn change_status(
    db: &Db,
    id: i32,
    action: StatusAction,
    now: OffsetDateTime,
    hold_until_ms: i64,
) -> Result<Training, AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    hold_seats(&tx, id, hold_until_ms).await?;
    let current = trainings::find(&tx, id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    let next = transition(current.status, action, &current.plan, now)?;
    let changed = trainings::set_status(&tx, id, current.status, next, now).await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(changed)
}

/// Under the training's lock for the rest of the transaction, so that no seat is taken
/// between the hold and the change.
async fn hold_seats(tx: &impl ConnectionTrait, id: i32, hold_until_ms: i64) -> Result<(), AppError> {
    applications::lock_training(tx, id).await?;
    Ok(seats::hold_freed_seats(tx, id, hold_until_ms).await?)
}

/// The counts of the practical trainings among `trainings` (applications, acceptances,
/// seats left, per schedule too), read from their applications whenever they are shown.
pub async fn practical_counts(
    db: &impl ConnectionTrait,
    trainings: &[Training],
) -> Result<HashMap<i32, PracticalCounts>, AppError> {
    let practical: Vec<&Training> = trainings.iter().filter(|t| t.plan.form_kind == FormKind::Practical).collect();
    let ids: Vec<i32> = practical.iter().map(|t| t.id).collect();
    let claims = kenshu_persistence::repos::practical::seat_claims(db, &ids).await?;
    Ok(practical
        .into_iter()
        .map(|t| (t.id, tally_claims(t, claims.get(&t.id).map(Vec::as_slice).unwrap_or_default())))
        .collect())
}

/// A stored training or 404.
pub async fn get(db: &Db, id: i32) -> Result<Training, AppError> {
    trainings::find(db, id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))
}

/// A training the public may see (published or closed), or 404 as if it did not exist.
pub async fn get_public(db: &Db, id: i32) -> Result<Training, AppError> {
    match trainings::find(db, id).await? {
        Some(t) if t.status.is_public() => Ok(t),
        _ => Err(AppError::new(ErrorCode::TrainingNotFound)),
    }
}

/// Files of one training, optionally of one visibility.
pub async fn files(
    db: &Db,
    id: i32,
    only: Option<FileVisibility>,
) -> Result<Vec<kenshu_domain::file::TrainingFile>, AppError> {
    Ok(training_files::list(db, &[id], only).await?)
}

/// Adds a file to a training: the form's rules first, then the content must be a kind the
/// office shares (recognised by its bytes, not its name).
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn add_file(
    db: &Db,
    training_id: i32,
    fields: &UploadFields,
    content: Vec<u8>,
    now: OffsetDateTime,
) -> Result<TrainingFile, AppError> {
    let upload = check_upload(fields).map_err(AppError::validation)?;
    let content_type =
        infer::get(&content).and_then(|kind| accepted_content_type(kind.mime_type())).ok_or_else(|| {
            AppError::new(ErrorCode::UnsupportedFileType)
                .with_detail("PDF・画像（PNG・JPEG）・Word・Excel・PowerPoint のファイルを選んでください")
        })?;
    let sha256 = format!("{:x}", Sha256::digest(&content));
    let filename = stored_name(&upload.filename, content_type);
    let new = NewFile {
        training_id,
        visibility: upload.visibility,
        title: &upload.title,
        filename: &filename,
        content_type,
        sha256: &sha256,
        content,
    };
    Ok(training_files::insert(db, new, now).await?)
}
