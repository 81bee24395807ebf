//! キャンセル from My Page or by staff: frees the seat, or hands it to the first applicant
//! waiting.

use kenshu_domain::application::{can_cancel, Application, ApplicationStatus};
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, seats, trainings, webhooks};
use kenshu_persistence::{Db, RepoError};
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;
use crate::mail::{self, MailKind};

pub fn not_found() -> AppError {
    AppError::new(ErrorCode::ApplicationNotFound).with_detail("メールに記載のURLをご確認ください")
}

/// The application a key opens, with its training.
pub async fn open(db: &Db, key: &str) -> Result<(Application, Training), AppError> {
    let application = applications::find_by_key_hash(db, &super::apply::hash_key(key)).await?.ok_or_else(not_found)?;
    let training = trainings::find(db, application.training_id).await?.ok_or_else(not_found)?;
    Ok((application, training))
}

/// Cancels from My Page (until the training starts). `hold_until_ms`: see [`withdraw`].
#[tracing::instrument(skip_all)]
pub async fn cancel(
    db: &Db,
    config: &Config,
    key: &str,
    now: OffsetDateTime,
    hold_until_ms: i64,
) -> Result<(), AppError> {
    let (application, training) = open(db, key).await?;
    if application.status == ApplicationStatus::Cancelled {
        return Err(already_cancelled());
    }
    if !can_cancel(application.status, &training, now) {
        return Err(AppError::new(ErrorCode::CancelClosed));
    }
    withdraw(db, config, &application, &training, None, now, hold_until_ms).await
}

/// Why and by whom staff cancelled (issue 12).
#[derive(Debug, Clone, Copy)]
pub struct StaffNote<'a> {
    pub reason: &'a str,
    pub by: Option<i32>,
}

/// Cancels for the office, with a reason, by application id: while the training is live
/// (published or 締切), also after its start, when My Page no longer cancels.
#[tracing::instrument(skip_all, fields(application.id = application_id))]
pub async fn cancel_by_staff(
    db: &Db,
    config: &Config,
    application_id: i32,
    note: StaffNote<'_>,
    now: OffsetDateTime,
    hold_until_ms: i64,
) -> Result<Application, AppError> {
    let not_found = || AppError::new(ErrorCode::ApplicationNotFound);
    let application = applications::find(db, application_id).await?.ok_or_else(not_found)?;
    let training = trainings::find(db, application.training_id).await?.ok_or_else(not_found)?;
    if application.status == ApplicationStatus::Cancelled {
        return Err(already_cancelled());
    }
    if !training.status.is_public() {
        return Err(AppError::new(ErrorCode::TrainingNotEditable));
    }
    withdraw(db, config, &application, &training, Some(note), now, hold_until_ms).await?;
    applications::find(db, application_id).await?.ok_or_else(not_found)
}

/// The cancellation itself, whoever asked: a confirmed seat goes to the first applicant on
/// the waiting list (with a mail) while the training keeps a waiting list, otherwise back
/// to the pool; the applicant gets the cancellation mail. A seat freed in a sold-out
/// training is held until `hold_until_ms` (`sold_out`).
async fn withdraw(
    db: &Db,
    config: &Config,
    application: &Application,
    training: &Training,
    note: Option<StaffNote<'_>>,
    now: OffsetDateTime,
    hold_until_ms: i64,
) -> Result<(), AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    applications::cancel(&tx, application.id, application.status, now).await.map_err(|e| match e {
        // A second click that raced the first one.
        RepoError::Conflict(ErrorCode::StatusChanged) => already_cancelled(),
        other => other.into(),
    })?;
    if let Some(note) = note {
        applications::set_cancel_note(&tx, application.id, note.reason, note.by).await?;
    }
    // The applicant's confirmation, copied to the organiser, in the same transaction.
    mail::cancelled::queue(&tx, config, training, application, now).await?;
    let data = ApplicationEvent::new(FormKind::Simple, application.id, training.id);
    webhooks::enqueue(&tx, WebhookEvent::ApplicationCancelled, &data, now).await?;
    if application.status == ApplicationStatus::Confirmed {
        // Under the training's lock, as joining the waiting list is: an applicant joining at
        // this moment is either seen here (and promoted) or finds the freed seat.
        applications::lock_training(&tx, training.id).await?;
        seats::hold_freed_seats(&tx, training.id, hold_until_ms).await?;
        let next = match training.plan.waiting_list {
            true => applications::first_waitlisted(&tx, training.id).await?,
            false => None,
        };
        match next {
            Some(waiting) => {
                applications::promote(&tx, waiting.id, now).await?;
                let promoted = Application { status: ApplicationStatus::Confirmed, ..waiting };
                // Their key is stored only as a hash: the mail points to the first mail's link.
                mail::queue(&tx, MailKind::WaitlistPromoted, config, training, &promoted, None, None, now).await?;
                tracing::info!(application.id = promoted.id, "promoted from the waiting list");
            }
            None => applications::release_seat(&tx, training.id).await?,
        }
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(application.id = application.id, by_staff = note.is_some(), "application cancelled");
    Ok(())
}

fn already_cancelled() -> AppError {
    AppError::new(ErrorCode::AlreadyCancelled)
}
