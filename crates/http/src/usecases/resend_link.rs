//! マイページURLの再送: an applicant who lost the mail asks on the training's page. The
//! answer never tells whether the address applied; when it holds a live application the
//! key is rotated (the old links stop working) and the mail is sent again.

use kenshu_persistence::repos::applications;
use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;

/// Sends a fresh link when `email_normalized` holds a live application for the training.
pub async fn resend(
    db: &Db,
    config: &Config,
    training_id: i32,
    email_normalized: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if let Some(application) = applications::find_live(db, training_id, email_normalized).await? {
        super::reissue::reissue(db, config, application.id, now).await?;
    }
    Ok(())
}
