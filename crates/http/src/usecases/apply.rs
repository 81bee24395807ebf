//! 研修に申し込む: one transaction stores the application, takes the seat (or a place on
//! the waiting list), queues the acknowledgement mail and records the idempotent answer.
//! Seats go through the seat desk (`workers::seats`), which commits the applicants who
//! arrive together in one transaction; the waiting list has a transaction of its own.

use kenshu_domain::application::{
    admission, check_form, Admission, Application, ApplicationForm, ApplicationStatus, ApplyError, ValidApplication,
};
use kenshu_domain::checklist;
use kenshu_domain::office::{check_extras, staff_admission, EntryChannel};
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::applications::{self, NewApplication, OfficeEntry};
use kenshu_persistence::repos::idempotency::{self, StoredResponse};

use crate::usecases::idempotency::{answer_to, replay, Answer};
use kenshu_persistence::repos::outbox::NewMail;
use kenshu_persistence::repos::seats::{self, SeatClaim, SeatOutcome};
use kenshu_persistence::repos::{trainings, webhooks};
use kenshu_persistence::{Db, RepoError};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;
use crate::extract::JsonBytes;
use crate::mail::{self, Applicant, MailKind};
use crate::sold_out::SoldOut;
use crate::workers::seats::SeatDesk;

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

/// The refusal of an application to a training this instance remembers as sold out,
/// decided from memory exactly as [`apply`] decides it (`sold_out`); `None`: ask [`apply`].
/// Called before the body is checked: only a body the checks of the database path surely
/// accept is refused here, by the admission, which comes before the form there too (a
/// sold-out training refuses every form alike); any other body goes there, to be told what
/// is wrong with it.
pub fn refused_from_memory(
    db: &Db,
    sold_out: &SoldOut,
    training_id: i32,
    key: Option<&str>,
    body: &JsonBytes,
    now: OffsetDateTime,
) -> Option<AppError> {
    sold_out.refusal(db, training_id, key, |training| {
        if !body.surely_accepted::<ApplicationForm>() {
            return None;
        }
        public_admission(Some(training), now).err()
    })
}

/// Whether the public form is open to `training` now, and what it offers.
fn public_admission(training: Option<&Training>, now: OffsetDateTime) -> Result<(&Training, Admission), AppError> {
    let training =
        training.filter(|t| t.status.is_public()).ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    Ok((training, admission(training, FormKind::Simple, now).map_err(AppError::from)?))
}

/// Whether the public form may enter `form` for `training`: the admission, then the form.
fn decide_public(
    form: &ApplicationForm,
    training: Option<&Training>,
    now: OffsetDateTime,
) -> Result<(Admission, ValidApplication), AppError> {
    let (training, offered) = public_admission(training, now)?;
    let valid = check_form(form, training.plan.checklist_required).map_err(AppError::validation)?;
    Ok((offered, valid))
}

/// The whole flow through the database. `idempotency` is the client's key and the hash of
/// the body. A refusal as full teaches `sold_out` that the training is sold out.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply(
    db: &Db,
    config: &Config,
    desk: &SeatDesk,
    sold_out: &SoldOut,
    training_id: i32,
    form: ApplicationForm,
    idempotency: Option<(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    let decide = |training: Option<&Training>| decide_public(&form, training, now);
    let scope = crate::sold_out::public_scope(training_id);
    let answer = run(db, config, desk, scope, training_id, &decide, None, idempotency, now).await;
    if answer.as_ref().is_err_and(|e| e.code == ErrorCode::TrainingFull) {
        sold_out.learn(db, training_id);
    }
    answer
}

/// What staff took down besides the form (issue 12).
#[derive(Debug, Clone)]
pub struct OfficeForm {
    pub entered_by: Option<i32>,
    pub channel: EntryChannel,
    pub furigana: Option<String>,
    pub address: Option<String>,
}

/// Staff enter an application on someone's behalf (phone, FAX …): the same form rules,
/// seat desk, waiting list and mail as [`apply`]; only when staff may enter differs
/// ([`staff_admission`]: also after the public deadline, until the start). The application
/// records who entered it and how it came.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply_for(
    db: &Db,
    config: &Config,
    desk: &SeatDesk,
    training_id: i32,
    form: ApplicationForm,
    office: OfficeForm,
    idempotency: Option<(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    let extras = check_extras(office.furigana.as_deref(), office.address.as_deref());
    let (furigana, address) = extras.clone().unwrap_or_default();
    let decide = |training: Option<&Training>| {
        let training = training.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
        let offered = staff_admission(training, now).map_err(AppError::from)?;
        match (check_form(&form, training.plan.checklist_required), extras) {
            (Ok(valid), Ok(_)) => Ok((offered, valid)),
            (form, extras) => Err(AppError::validation(
                form.err().unwrap_or_default().into_iter().chain(extras.err().unwrap_or_default()).collect(),
            )),
        }
    };
    let entry = OfficeEntry {
        entered_by: office.entered_by,
        channel: office.channel,
        furigana: furigana.as_deref(),
        address: address.as_deref(),
    };
    let scope = format!("office-apply:{training_id}");
    run(db, config, desk, scope, training_id, decide, Some(entry), idempotency, now).await
}

/// What both ways in share: the idempotent answer, the decision, then the seat or the
/// waiting list.
#[allow(clippy::too_many_arguments)]
async fn run(
    db: &Db,
    config: &Config,
    desk: &SeatDesk,
    scope: String,
    training_id: i32,
    decide: impl FnOnce(Option<&Training>) -> Result<(Admission, ValidApplication), AppError>,
    office: Option<OfficeEntry<'_>>,
    idempotency: Option<(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    // The training and the answer stored under the key, in one statement: when a request
    // with the same key took the last seat before this read, its answer is seen with it.
    let answer_key = idempotency.as_ref().map(|(key, _)| (scope.as_str(), key.as_str()));
    let (training, stored) = trainings::find_with_answer(db, training_id, answer_key).await?;
    if let Some((_, hash)) = &idempotency {
        if let Some(answer) = answer_to(stored, hash)? {
            return Ok(answer);
        }
    }
    let (offered, valid) = decide(training.as_ref())?;
    let training = training.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    let result = enter(db, config, desk, &training, offered, &valid, office, &scope, idempotency.as_ref(), now).await;
    match (result, &idempotency) {
        // A concurrent request with the same key may have got there first (its application
        // makes this one a duplicate, its key row collides, or it took the last seat):
        // answer what it answered.
        (Err(err), Some((key, hash))) => match replay(db, &scope, key, hash).await? {
            Some(answer) => Ok(answer),
            None => Err(err),
        },
        (result, _) => result,
    }
}

#[allow(clippy::too_many_arguments)]
async fn enter(
    db: &Db,
    config: &Config,
    desk: &SeatDesk,
    training: &Training,
    offered: Admission,
    valid: &ValidApplication,
    office: Option<OfficeEntry<'_>>,
    scope: &str,
    idempotency: Option<&(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    if offered == Admission::Seat {
        if let Some(answer) = take_seat(desk, config, training, valid, office, scope, idempotency, now).await? {
            return Ok(answer);
        }
        if !training.plan.waiting_list {
            return Err(AppError::from(ApplyError::Full));
        }
    }
    join_waiting_list(db, config, training, valid, office, scope, idempotency, now).await
}

/// Takes a seat through the seat desk, with the mail and the answer rendered beforehand so
/// that only the writes happen while the seat counter is held. `None`: no seat was left.
#[allow(clippy::too_many_arguments)]
async fn take_seat(
    desk: &SeatDesk,
    config: &Config,
    training: &Training,
    valid: &ValidApplication,
    office: Option<OfficeEntry<'_>>,
    scope: &str,
    idempotency: Option<&(String, String)>,
    now: OffsetDateTime,
) -> Result<Option<Answer>, AppError> {
    let status = ApplicationStatus::Confirmed;
    let (key, key_hash) = new_key();
    let applicant = Applicant {
        status,
        member: valid.member,
        full_name: &valid.full_name,
        job_title: valid.job_title.as_deref(),
        workplace: &valid.workplace,
        phone: valid.phone.as_str(),
        email: valid.email.as_str(),
    };
    let kind = MailKind::ApplicationReceived;
    let (subject, mail_body) = mail::render(kind, config, training, applicant, Some(&key), None);
    let body = answer_body(status, training.id, None, &valid.full_name, valid.email.as_str())?;
    let stored = idempotency
        .map(|(key, hash)| (key, StoredResponse { request_hash: hash.clone(), status: 201, body: body.clone() }));
    let claim = || {
        SeatClaim::new(
            new_application(training.id, status, valid, &key_hash, office),
            NewMail {
                kind: kind.as_str(),
                application_id: None,
                training_id: Some(training.id),
                recipient: valid.email.as_str(),
                cc: config.organiser_inbox.as_deref(),
                subject: &subject,
                body: &mail_body,
            },
            stored.as_ref().map(|(key, response)| (scope, key.as_str(), response)),
            now,
        )
    };
    loop {
        return match desk.take(claim()).await? {
            SeatOutcome::Seated(application) => {
                tracing::info!(application.id = application.id, status = status.as_str(), "application stored");
                if config.smtp_url.is_none() {
                    tracing::info!(kind = kind.as_str(), "mail kept in the outbox: KENSHU_SMTP_URL is not set");
                }
                Ok(Some(Answer { status: 201, body, replayed: false, location: None }))
            }
            SeatOutcome::Full => Ok(None),
            SeatOutcome::AlreadyApplied => Err(AppError::from(ApplyError::AlreadyApplied)),
            SeatOutcome::KeyTaken => Err(AppError::new(ErrorCode::IdempotencyKeyTaken)),
            // A seat of this sold-out training was just freed: it is held until every
            // instance has forgotten the training was full (`sold_out`), then offered.
            SeatOutcome::NotBefore(at) => {
                wait_until_ms(at).await;
                continue;
            }
        };
    }
}

/// The real time, in Unix milliseconds (the seat holds of `sold_out` are kept in it).
pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// Sleeps until the real time `at_ms` (a hold is well under a second; capped at 2 s).
async fn wait_until_ms(at_ms: i64) {
    let ms = (at_ms - now_ms()).clamp(1, 2_000) as u64;
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// A place on the waiting list, in a transaction of its own under the training's lock. A
/// seat freed in the meantime (a cancellation) is still taken.
#[allow(clippy::too_many_arguments)]
async fn join_waiting_list(
    db: &Db,
    config: &Config,
    training: &Training,
    valid: &ValidApplication,
    office: Option<OfficeEntry<'_>>,
    scope: &str,
    idempotency: Option<&(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    let tx = loop {
        let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
        applications::lock_training(&tx, training.id).await?;
        // The waiting list of a sold-out training that just got one: held as seats are.
        match seats::offers_from(&tx, training.id).await?.filter(|&at| at > now_ms()) {
            Some(at) => {
                tx.rollback().await.map_err(AppError::internal)?;
                wait_until_ms(at).await;
            }
            None => break tx,
        }
    };
    let status = match applications::take_seat(&tx, training.id).await? {
        true => ApplicationStatus::Confirmed,
        false => ApplicationStatus::Waitlisted,
    };
    let (key, key_hash) = new_key();
    let application: Application =
        applications::insert(&tx, new_application(training.id, status, valid, &key_hash, office), now).await.map_err(
            |e| match e {
                RepoError::Conflict(_) => AppError::from(ApplyError::AlreadyApplied),
                other => other.into(),
            },
        )?;
    let position = applications::waitlist_position(&tx, &application).await?;
    mail::queue(&tx, MailKind::ApplicationReceived, config, training, &application, Some(&key), position, now).await?;
    let data = ApplicationEvent::created(FormKind::Simple, application.id, training.id, status.as_str());
    webhooks::enqueue(&tx, WebhookEvent::ApplicationCreated, &data, now).await?;
    let body = answer_body(status, training.id, position, &application.full_name, &application.email)?;
    if let Some((key, hash)) = idempotency {
        let stored = StoredResponse { request_hash: hash.clone(), status: 201, body: body.clone() };
        idempotency::insert(&tx, scope, key, &stored, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(application.id = application.id, status = status.as_str(), "application stored");
    Ok(Answer { status: 201, body, replayed: false, location: None })
}

fn new_application<'a>(
    training_id: i32,
    status: ApplicationStatus,
    valid: &'a ValidApplication,
    key_hash: &'a str,
    office: Option<OfficeEntry<'a>>,
) -> NewApplication<'a> {
    NewApplication {
        training_id,
        status,
        member: valid.member,
        full_name: &valid.full_name,
        job_title: valid.job_title.as_deref(),
        workplace: &valid.workplace,
        phone: valid.phone.as_str(),
        email: valid.email.as_str(),
        email_normalized: valid.email.normalized(),
        key_hash,
        checklist: valid.checklist.map(|(answers, score)| (checklist::VERSION, answers, score)),
        office,
    }
}

fn answer_body(
    status: ApplicationStatus,
    training_id: i32,
    waitlist_position: Option<u64>,
    full_name: &str,
    email: &str,
) -> Result<String, AppError> {
    serde_json::to_string(&ApplicationCreated {
        status,
        training_id,
        waitlist_position,
        full_name: full_name.to_owned(),
        email: email.to_owned(),
    })
    .map_err(AppError::internal)
}
