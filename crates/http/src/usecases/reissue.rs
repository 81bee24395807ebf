//! マイページURLの再発行: a new key and a new acknowledgement mail, when the first mail was
//! lost. The old links stop working; the key is never shown to staff.

use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, trainings};
use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;
use crate::mail::{self, MailKind};

/// Rotates the key of an application and queues the mail with the new links.
/// Returns the id of the queued mail.
#[tracing::instrument(skip_all, fields(application.id = application_id))]
pub async fn reissue(db: &Db, config: &Config, application_id: i32, now: OffsetDateTime) -> Result<i32, AppError> {
    let not_found = || AppError::new(ErrorCode::ApplicationNotFound);
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    let application = applications::find(&tx, application_id).await?.ok_or_else(not_found)?;
    if application.status == kenshu_domain::application::ApplicationStatus::Cancelled {
        return Err(AppError::new(ErrorCode::AlreadyCancelled));
    }
    let training = trainings::find(&tx, application.training_id).await?.ok_or_else(not_found)?;
    let (key, key_hash) = super::apply::new_key();
    applications::set_key_hash(&tx, application.id, &key_hash).await?;
    let position = applications::waitlist_position(&tx, &application).await?;
    let mail_id =
        mail::queue(&tx, MailKind::ApplicationReceived, config, &training, &application, Some(&key), position, now)
            .await?;
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(mail.id = mail_id, "My Page links reissued");
    Ok(mail_id)
}
