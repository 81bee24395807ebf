//! 実践研修の申込 (seed 003, SPEC §5): submission with the one-address-per-person rule.
//! Staff selection is in [`super::practical_selection`].

use kenshu_domain::application::ApplyError;
use kenshu_domain::eligibility::{evaluate, Verdict};
use kenshu_domain::file::stored_name;
use kenshu_domain::practical::lecture_start;
use kenshu_domain::practical_form::{self, person_key, FormContext, PracticalForm};
use kenshu_domain::selection::{PracticalStatus, Step};
use kenshu_domain::text::contact::Email;
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{availability, Availability, FormKind, Training};
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::{Catalogued, ErrorCode, FieldIssue};
use kenshu_persistence::repos::idempotency;
use kenshu_persistence::repos::practical::{self, Attachment, NewEvent, NewPractical};
use kenshu_persistence::{ConnectionTrait, Db, RepoError};
use time::{Date, OffsetDateTime};

use crate::config::Config;
use crate::error::AppError;
use crate::mail::practical as mail;
use crate::usecases::idempotency::{replay, Answer};
use crate::usecases::trainings::get_public;

/// The largest attachment (a scanned certificate or a phone photo).
pub const ATTACHMENT_LIMIT: usize = 10 * 1024 * 1024;

/// A copy of certificates as uploaded.
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
    /// Bytes beyond the limit were dropped; the real size.
    pub size: usize,
}

/// Checks the attachment by its content: a PDF or an image, at most 10 MB.
fn check_attachment(upload: &Upload) -> Result<&'static str, FieldIssue> {
    if upload.size > ATTACHMENT_LIMIT {
        return Err(FieldIssue::new(
            "attachment",
            "too_large",
            "添付できるファイルは10MBまでです。容量を小さくするか、FAXで送信してください",
        ));
    }
    let detected = infer::get(&upload.bytes).map(|k| k.mime_type());
    match detected {
        Some("application/pdf") => Ok("application/pdf"),
        Some("image/jpeg") => Ok("image/jpeg"),
        Some("image/png") => Ok("image/png"),
        Some("image/heif") => Ok("image/heif"),
        _ => Err(FieldIssue::new(
            "attachment",
            "unsupported_type",
            "添付できるのはPDFまたは画像（JPEG・PNG・HEIF）です。ファイルの中身をご確認ください",
        )),
    }
}

fn email_used_by_another() -> FieldIssue {
    FieldIssue::new(
        "affiliation.email",
        "email_used_by_another",
        "このメールアドレスは、研修期間が重なる研修で別の方が使っています。1人1つのメールアドレスをご用意ください",
    )
}

/// What the applicant is told.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PracticalReceived {
    pub id: i32,
    pub training_id: i32,
    pub status: PracticalStatus,
    /// The eligibility verdict the application was submitted with.
    pub verdict: Verdict,
    pub full_name: String,
    pub email: String,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
}

/// Where a received application is read by staff.
pub fn location(id: i32) -> String {
    format!("/api/v1/admin/practical-applications/{id}")
}

/// Stores a practical application after every check, or reports every issue at once.
/// With an `Idempotency-Key` (the key and the hash of what was sent), a retry gets the
/// first answer again, even when it raced the first request, and another submission under
/// the same key is refused.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn submit(
    db: &Db,
    config: &Config,
    training_id: i32,
    form: PracticalForm,
    upload: Option<Upload>,
    key: Option<(String, String)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    let scope = format!("practical:{training_id}");
    let answer = match &key {
        Some((key, hash)) => match replay(db, &scope, key, hash).await? {
            Some(first) => first,
            // A twin request may have been answered while this one was checked.
            None => match store(db, config, training_id, form, upload, Some((&scope, key, hash)), now).await {
                Err(err) => replay(db, &scope, key, hash).await?.ok_or(err)?,
                Ok(answer) => answer,
            },
        },
        None => store(db, config, training_id, form, upload, None, now).await?,
    };
    let id = serde_json::from_str::<serde_json::Value>(&answer.body).ok().and_then(|v| v["id"].as_i64());
    Ok(Answer { location: id.map(|id| location(id as i32)), ..answer })
}

/// A submission that passed every rule, the server-only ones included.
struct Checked {
    training: Training,
    form: PracticalForm,
    email: Email,
    person_key: String,
    period: (Date, Date),
    attachment: Option<&'static str>,
}

/// Every rule of the form: the training takes it, the fields, the attachment by content,
/// and the address rules (one live application per address, no other person's address in
/// an overlapping training). Stores nothing.
async fn check_submission(
    db: &impl ConnectionTrait,
    training: Training,
    form: PracticalForm,
    upload: Option<&Upload>,
    attachment_present: bool,
    now: OffsetDateTime,
) -> Result<Checked, AppError> {
    if training.plan.form_kind != FormKind::Practical {
        return Err(AppError::from(ApplyError::WrongForm));
    }
    match availability(&training, now) {
        Availability::Upcoming => return Err(AppError::from(ApplyError::NotOpenYet)),
        Availability::Closed => return Err(AppError::from(ApplyError::Closed)),
        // Selection decides who takes the places: the form is taken past capacity.
        Availability::Open | Availability::Full => {}
    }
    let mut issues = Vec::new();
    let attachment = match upload {
        Some(u) => match check_attachment(u) {
            Ok(content_type) => Some(content_type),
            Err(issue) => {
                issues.push(issue);
                None
            }
        },
        None => None,
    };
    let ctx = FormContext {
        today: to_jst(now).date(),
        schedule_ids: training.plan.exercise_schedules.iter().filter_map(|s| s.id).collect(),
        attachment_present,
    };
    let checked = practical_form::check(&form, &ctx);
    if let Err(found) = &checked {
        issues.extend(found.iter().cloned());
    }
    // The address rules run whenever the address itself is readable.
    let period =
        practical::training_period(db, training.id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))?;
    let email = Email::parse(&form.affiliation.email).ok();
    let key = person_key(form.applicant.full_name.trim(), form.applicant.birth_date);
    if let Some(email) = &email {
        if practical::has_live(db, training.id, email.normalized()).await? {
            let err = ApplyError::AlreadyApplied;
            issues.push(FieldIssue::new("affiliation.email", err.code().as_str(), err.to_string()));
        } else if practical::address_used_by_another(db, email.normalized(), &key, period).await? {
            issues.push(email_used_by_another());
        }
    }
    match (checked, email) {
        (Ok(form), Some(email)) if issues.is_empty() => {
            Ok(Checked { training, form, email, person_key: key, period, attachment })
        }
        _ => Err(AppError::validation(issues)),
    }
}

/// What a validate-only call answers: every rule passed; the notes that do not stop a
/// submission, and the verdict it would be stored with.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PracticalValidation {
    pub ok: bool,
    pub warnings: Vec<FormWarning>,
    pub verdict: Verdict,
}

/// A note on one field that does not stop the submission.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct FormWarning {
    /// The field's path, as in a problem's `errors[]`.
    pub field: String,
    pub code: String,
    pub message: String,
}

impl From<FieldIssue> for FormWarning {
    fn from(i: FieldIssue) -> Self {
        FormWarning { field: i.field, code: i.code.to_owned(), message: i.message }
    }
}

/// 送信前の確認: runs every rule of [`submit`], the server-only ones included, and stores
/// nothing; the same problem as the real submission when a rule fails.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn validate(
    db: &Db,
    training_id: i32,
    form: PracticalForm,
    attachment_present: bool,
    now: OffsetDateTime,
) -> Result<PracticalValidation, AppError> {
    let training = get_public(db, training_id).await?;
    let c = check_submission(db, training, form, None, attachment_present, now).await?;
    let verdict = evaluate(&c.form.eligibility_input(), lecture_start(&c.training));
    let warnings = practical_form::warnings(&c.form).into_iter().map(FormWarning::from).collect();
    Ok(PracticalValidation { ok: true, warnings, verdict })
}

async fn store(
    db: &Db,
    config: &Config,
    training_id: i32,
    form: PracticalForm,
    upload: Option<Upload>,
    keep: Option<(&str, &str, &str)>,
    now: OffsetDateTime,
) -> Result<Answer, AppError> {
    let training = get_public(db, training_id).await?;
    let Checked { training, form, email, person_key: key, period, attachment } =
        check_submission(db, training, form, upload.as_ref(), upload.is_some(), now).await?;

    let verdict = evaluate(&form.eligibility_input(), lecture_start(&training));
    let outcome = verdict.outcome.as_str();
    // My Page's key: only its hash is kept; the key itself goes out in the mail.
    let (my_page_key, key_hash) = crate::usecases::apply::new_key();
    // Kept under the extension of what its bytes are (a PDF named .html stays a PDF).
    let filename = upload.as_ref().zip(attachment).map(|(u, content_type)| stored_name(&u.filename, content_type));
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    practical::lock_address(&tx, email.normalized()).await?;
    let id = practical::insert(
        &tx,
        NewPractical {
            training_id: training.id,
            form: &form,
            email_normalized: email.normalized(),
            person_key: &key,
            submitted_verdict: &verdict,
            attachment: match (&upload, attachment, &filename) {
                (Some(u), Some(content_type), Some(filename)) => {
                    Some(Attachment { filename, content_type, bytes: &u.bytes })
                }
                _ => None,
            },
            key_hash: &key_hash,
        },
        now,
    )
    .await
    .map_err(|e| match e {
        RepoError::Conflict(_) => AppError::from(ApplyError::AlreadyApplied),
        other => other.into(),
    })?;
    // Checked again now that this submission holds the address (a twin may have committed
    // since the check above); dropping the transaction rolls the insert back.
    if practical::address_used_by_another(&tx, email.normalized(), &key, period).await? {
        return Err(AppError::validation(vec![email_used_by_another()]));
    }
    practical::add_event(&tx, NewEvent::of(&Step::submitted(id), None), now).await?;
    let data = ApplicationEvent::created(FormKind::Practical, id, training.id, "submitted");
    kenshu_persistence::repos::webhooks::enqueue(&tx, WebhookEvent::ApplicationCreated, &data, now).await?;
    mail::queue(
        &tx,
        mail::KIND_RECEIVED,
        config,
        &training,
        email.as_str(),
        mail::render_received(&training, &form, id, &my_page_key, config),
        now,
    )
    .await?;
    let received = PracticalReceived {
        id,
        training_id: training.id,
        status: PracticalStatus::Submitted,
        verdict,
        full_name: form.applicant.full_name.clone(),
        email: email.as_str().to_owned(),
        submitted_at: to_jst(now),
    };
    let body = serde_json::to_string(&received).map_err(AppError::internal)?;
    let (answer, stored) = Answer::created(body, keep.map_or("", |(_, _, hash)| hash));
    if let Some((scope, key, _)) = keep {
        idempotency::insert(&tx, scope, key, &stored, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(application.id = id, outcome, "practical application stored");
    Ok(answer)
}
