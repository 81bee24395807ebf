//! The office's corrections to an application (issue 12): its contact fields, the code
//! lock, and attendance recorded by hand.

use kenshu_domain::application::Application;
use kenshu_domain::attendance_by_hand::{self, AttendanceChange};
use kenshu_domain::certificate::CertificateKind;
use kenshu_domain::office::{check_contact, may_edit, ContactChange};
use kenshu_domain::training::FormKind;
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::applications::{self, ContactUpdate};
use kenshu_persistence::repos::{certificates, day_codes, trainings, webhooks};
use kenshu_persistence::{Db, RepoError};
use time::OffsetDateTime;

use crate::error::AppError;

/// Replaces the email, phone and address (and the 資格・職名 when given) of a live
/// application, checked as the form checks them; a new email must not hold another live
/// application of the training.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn update_contact(
    db: &Db,
    id: i32,
    change: &ContactChange,
    now: OffsetDateTime,
) -> Result<Application, AppError> {
    let not_found = || AppError::new(ErrorCode::ApplicationNotFound);
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    let application = applications::find(&tx, id).await?.ok_or_else(not_found)?;
    may_edit(application.status)?;
    let valid = check_contact(change).map_err(AppError::validation)?;
    let contact = ContactUpdate {
        email: valid.email.as_str(),
        email_normalized: valid.email.normalized(),
        phone: valid.phone.as_str(),
        address: valid.address.as_deref(),
        job_title: valid.job_title.as_ref().map(Option::as_deref),
    };
    applications::update_contact(&tx, id, &contact, now).await.map_err(|e| match e {
        RepoError::Conflict(ErrorCode::AlreadyApplied) => {
            AppError::from(kenshu_domain::application::ApplyError::AlreadyApplied)
        }
        RepoError::Conflict(ErrorCode::StatusChanged) => AppError::new(ErrorCode::AlreadyCancelled),
        other => other.into(),
    })?;
    let updated = applications::find(&tx, id).await?.ok_or_else(not_found)?;
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!("contact changed by staff");
    Ok(updated)
}

/// 番号の入力回数制限の解除: forgets the wrong codes a participant entered (both codes), so
/// that the right one is taken again. Only for a live application; returns how many wrong
/// codes were forgiven (0 when none were held).
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn reset_code_attempts(db: &Db, id: i32) -> Result<u64, AppError> {
    let application = applications::find(db, id).await?.ok_or_else(|| AppError::new(ErrorCode::ApplicationNotFound))?;
    may_edit(application.status)?;
    let cleared = day_codes::clear_for_application(db, id).await?;
    tracing::info!(cleared, "code attempts reset by staff");
    Ok(cleared)
}

/// 出席・受講確認の手入力: staff record, correct or clear 出席確認時間 / 受講確認時間 with a
/// reason (the rules: `kenshu_domain::attendance_by_hand`). One transaction holds the
/// application's row from the first read, so a code entered meanwhile waits and then finds
/// the time in; when this change completes attendance the `attendance.completed` webhook is
/// queued in it, as the end code does, so it goes out once per completion. Nothing is
/// stored when the change is refused.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn record_attendance(
    db: &Db,
    id: i32,
    change: &AttendanceChange<'_>,
    now: OffsetDateTime,
) -> Result<Application, AppError> {
    let not_found = || AppError::new(ErrorCode::ApplicationNotFound);
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    day_codes::lock_application(&tx, id).await.map_err(|e| match e {
        RepoError::Conflict(_) => not_found(),
        other => other.into(),
    })?;
    let mut application = applications::find(&tx, id).await?.ok_or_else(not_found)?;
    let training = trainings::find(&tx, application.training_id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("application {id} without its training")))?;
    let certificate = certificates::find_by_subject(&tx, CertificateKind::Attendance, id).await?;
    let certificate_in_force = certificate.is_some_and(|c| c.revocation.is_none());
    let day = &application.day;
    let decided = attendance_by_hand::record(
        change,
        application.status,
        &day.attendance,
        &day.by_staff,
        &training,
        certificate_in_force,
        now,
    )?;
    if decided.changed {
        day_codes::record_by_hand(&tx, id, &decided.attendance, &decided.by_staff, now).await?;
    }
    if decided.completes {
        let data = ApplicationEvent::new(FormKind::Simple, id, training.id);
        webhooks::enqueue(&tx, WebhookEvent::AttendanceCompleted, &data, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(changed = decided.changed, completes = decided.completes, "attendance recorded by staff");
    // The answer is what was decided and written: no second read.
    application.day.attendance = decided.attendance;
    application.day.by_staff = decided.by_staff;
    Ok(application)
}
