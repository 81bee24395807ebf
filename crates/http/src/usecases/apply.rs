//! 研修に申し込む: one transaction stores the application, takes the seat (or a place on
//! the waiting list), queues the acknowledgement mail and records the idempotent answer.

use kenshu_domain::application::{
    admission, check_form, Admission, Application, ApplicationForm, ApplicationStatus, ApplyError,
};
use kenshu_domain::checklist;
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::FieldIssue;
use kenshu_persistence::repos::applications::{self, NewApplication};
use kenshu_persistence::repos::idempotency::{self, StoredResponse};
use kenshu_persistence::{Db, RepoError, TransactionTrait};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::ApiError;
use crate::mail::{self, MailKind};
use crate::usecases::trainings::get_public;

/// What the applicant is told (the My Page key is never part of it: the mail proves
/// the address).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApplicationCreated {
    pub status: ApplicationStatus,
    pub training_id: i32,
    /// Place on the waiting list, from 1; null when a seat was taken.
    pub waitlist_position: Option<u64>,
    pub full_name: String,
    pub email: String,
}

/// The answer to send: status and JSON body, identical when a key is replayed.
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

/// A fresh My Page key (192 random bits, hex) and its SHA-256.
pub fn new_key() -> (String, String) {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    let hash = hash_key(&key);
    (key, hash)
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

pub fn apply_error(err: ApplyError) -> ApiError {
    let mut e = ApiError::conflict(err.code(), err.to_string());
    if err == ApplyError::AlreadyApplied {
        e.errors = vec![FieldIssue::new("email", "already_applied", err.to_string())];
    }
    e
}

/// The whole flow. `idempotency` is the client's key and the hash of the body.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply(
    db: &Db,
    config: &Config,
    training_id: i32,
    form: ApplicationForm,
    idempotency: Option<(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, ApiError> {
    let scope = format!("apply:{training_id}");
    if let Some((key, hash)) = &idempotency {
        if let Some(answer) = replay(db, &scope, key, hash).await? {
            return Ok(answer);
        }
    }
    let result = apply_new(db, config, training_id, form, &scope, idempotency.as_ref(), now).await;
    match (result, &idempotency) {
        // A concurrent request with the same key got there first (its application makes
        // this one a duplicate, or its key row collides): answer what it answered.
        (Err(err), Some((key, hash))) => match replay(db, &scope, key, hash).await? {
            Some(answer) => Ok(answer),
            None => Err(err),
        },
        (result, _) => result,
    }
}

async fn apply_new(
    db: &Db,
    config: &Config,
    training_id: i32,
    form: ApplicationForm,
    scope: &str,
    idempotency: Option<&(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, ApiError> {
    let training = get_public(db, training_id).await?;
    let offered = admission(&training, FormKind::Simple, now).map_err(apply_error)?;
    let valid = check_form(&form, training.plan.checklist_required).map_err(ApiError::validation)?;
    if applications::has_live(db, training.id, valid.email.normalized()).await? {
        return Err(apply_error(ApplyError::AlreadyApplied));
    }
    store(db, config, &training, offered, &valid, scope, idempotency, now).await
}

#[allow(clippy::too_many_arguments)]
async fn store(
    db: &Db,
    config: &Config,
    training: &Training,
    offered: Admission,
    valid: &kenshu_domain::application::ValidApplication,
    scope: &str,
    idempotency: Option<&(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, ApiError> {
    let tx = db.begin().await.map_err(ApiError::internal)?;
    let status = match offered {
        Admission::Seat if applications::take_seat(&tx, training.id).await? => ApplicationStatus::Confirmed,
        _ if training.plan.waiting_list => {
            applications::lock_training(&tx, training.id).await?;
            ApplicationStatus::Waitlisted
        }
        _ => return Err(apply_error(ApplyError::Full)),
    };
    let (key, key_hash) = new_key();
    let stored_checklist = valid.checklist.map(|(answers, score)| (checklist::VERSION, answers, score));
    let application: Application = applications::insert(
        &tx,
        NewApplication {
            training_id: training.id,
            status,
            member: valid.member,
            full_name: &valid.full_name,
            workplace: &valid.workplace,
            phone: valid.phone.as_str(),
            email: valid.email.as_str(),
            email_normalized: valid.email.normalized(),
            key_hash: &key_hash,
            checklist: stored_checklist,
        },
        now,
    )
    .await
    .map_err(|e| match e {
        RepoError::Conflict(_) => apply_error(ApplyError::AlreadyApplied),
        other => other.into(),
    })?;
    let position = applications::waitlist_position(&tx, &application).await?;
    mail::queue(&tx, MailKind::ApplicationReceived, config, training, &application, Some(&key), position, now).await?;
    let body = serde_json::to_string(&ApplicationCreated {
        status,
        training_id: training.id,
        waitlist_position: position,
        full_name: application.full_name.clone(),
        email: application.email.clone(),
    })
    .map_err(ApiError::internal)?;
    if let Some((key, hash)) = idempotency {
        let stored = StoredResponse { request_hash: hash.clone(), status: 201, body: body.clone() };
        idempotency::insert(&tx, scope, key, &stored, now).await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    tracing::info!(application.id = application.id, status = status.as_str(), "application stored");
    Ok(Answer { status: 201, body, replayed: false })
}

async fn replay(db: &Db, scope: &str, key: &str, hash: &str) -> Result<Option<Answer>, ApiError> {
    match idempotency::find(db, scope, key).await? {
        Some(stored) if stored.request_hash == hash => {
            Ok(Some(Answer { status: stored.status, body: stored.body, replayed: true }))
        }
        Some(_) => Err(ApiError::new(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "同じ Idempotency-Key で別の内容が送信されました",
        )),
        None => Ok(None),
    }
}
