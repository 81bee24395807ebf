//! 開始番号・終了番号: staff set or generate them; applicants enter them on the day.
//!
//! Guessing is limited (README, "The day of the training: codes"): each attempt is written
//! before its code is compared and removed when it was right or refused, so every instance
//! on the database sees the same count and parallel guesses cannot slip past a limit.

use kenshu_domain::application::Application;
use kenshu_domain::day_codes::{self, CodeKind};
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::{ErrorCode, FieldIssue};
use kenshu_persistence::repos::day_codes as repo;
use kenshu_persistence::repos::webhooks;
use kenshu_persistence::{Db, RepoError};
use rand::Rng;
use time::{Duration, OffsetDateTime};

use crate::error::AppError;

/// Wrong codes one application may enter for each code, ever.
pub const WRONG_PER_APPLICATION: u64 = 5;
/// Wrong codes one client address (IPv4, or IPv6 /64) may enter in [`CLIENT_WINDOW`],
/// whatever the application.
pub const WRONG_PER_CLIENT: u64 = 30;
pub const CLIENT_WINDOW: Duration = Duration::minutes(10);

/// A fresh code from the operating system's CSPRNG.
pub fn generate() -> String {
    format!("{:04}", rand::rngs::OsRng.gen_range(0..10_000u32))
}

/// What staff asked for one code: keep it, set it, or generate it.
pub enum CodeChange {
    Keep,
    Set(String),
    Generate,
}

/// Stores the training's codes after the change; the two must differ (whoever saw the start
/// code must not know the end code).
pub async fn set_codes(
    db: &Db,
    training: &Training,
    start: CodeChange,
    end: CodeChange,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if !training.status.is_editable() {
        return Err(AppError::new(ErrorCode::TrainingNotEditable));
    }
    let generated = (matches!(start, CodeChange::Generate), matches!(end, CodeChange::Generate));
    let mut start_code = apply(start, &training.day.start_code);
    let mut end_code = apply(end, &training.day.end_code);
    // A drawn code that happens to equal the other is drawn again.
    while start_code.is_some() && start_code == end_code && (generated.0 || generated.1) {
        match generated.1 {
            true => end_code = Some(generate()),
            false => start_code = Some(generate()),
        }
    }
    if start_code.is_some() && start_code == end_code {
        let issue = FieldIssue::new("end_code", "same_as_start", "終了番号は開始番号と別の番号にしてください");
        return Err(AppError::validation(vec![issue]));
    }
    repo::set_codes(db, training.id, start_code.as_deref(), end_code.as_deref(), now).await?;
    tracing::info!(training.id = training.id, "day codes changed");
    Ok(())
}

fn apply(change: CodeChange, current: &Option<String>) -> Option<String> {
    match change {
        CodeChange::Keep => current.clone(),
        CodeChange::Set(code) => Some(code),
        CodeChange::Generate => Some(generate()),
    }
}

/// An applicant enters a code. `client` is the limiter's key of their address.
#[tracing::instrument(skip_all, fields(kind = kind.as_str()))]
pub async fn enter(
    db: &Db,
    key: &str,
    kind: CodeKind,
    input: &str,
    client: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let code = day_codes::parse_code(input)
        .ok_or_else(|| AppError::validation(vec![day_codes::code_issue("code", kind.label())]))?;
    let (application, training) = super::cancel::open(db, key).await?;
    day_codes::may_enter(kind, application.status, &application.day.attendance, &training, now)?;
    let attempt = repo::add_attempt(db, application.id, kind, client, now).await?;
    match judge(db, application.id, kind, client, &code, &training, now).await {
        Ok(()) => {
            repo::remove_attempt(db, attempt).await?;
            let recorded = match kind {
                CodeKind::Start => repo::record_check_in(db, application.id, now).await,
                CodeKind::End => check_out(db, &application, now).await,
            };
            recorded.map_err(|e| match e {
                RepoError::Conflict(_) if kind == CodeKind::End => AppError::new(ErrorCode::AlreadyCheckedOut),
                other => other.into(),
            })?;
            tracing::info!(application.id = application.id, "code accepted");
            Ok(())
        }
        Err(Judged::Wrong(error)) => Err(error),
        Err(Judged::Refused(error)) => {
            // A refused attempt was never compared: it counts against nobody.
            repo::remove_attempt(db, attempt).await?;
            Err(error)
        }
    }
}

enum Judged {
    /// Compared and wrong: the attempt stays counted.
    Wrong(AppError),
    /// Not compared (a limit, or the database).
    Refused(AppError),
}

async fn judge(
    db: &Db,
    application_id: i32,
    kind: CodeKind,
    client: &str,
    code: &str,
    training: &Training,
    now: OffsetDateTime,
) -> Result<(), Judged> {
    let refused = |e: RepoError| Judged::Refused(e.into());
    // Both counts include this attempt.
    let by_client = repo::count_for_client(db, client, now - CLIENT_WINDOW).await.map_err(refused)?;
    if by_client > WRONG_PER_CLIENT {
        return Err(Judged::Refused(AppError::too_many_requests(CLIENT_WINDOW.whole_seconds() as u64)));
    }
    let by_application = repo::count_for_application(db, application_id, kind).await.map_err(refused)?;
    if by_application > WRONG_PER_APPLICATION {
        return Err(Judged::Refused(AppError::new(ErrorCode::CodeAttemptsExhausted)));
    }
    let expected = match kind {
        CodeKind::Start => training.day.start_code.as_deref(),
        CodeKind::End => training.day.end_code.as_deref(),
    };
    if expected == Some(code) {
        return Ok(());
    }
    let left = WRONG_PER_APPLICATION - by_application;
    let detail = match left {
        0 => format!("{}はこれ以上入力できません。受付または事務局にお申し出ください", kind.label()),
        n => format!("あと{n}回まで入力できます"),
    };
    let issue = FieldIssue::new("code", "wrong_code", format!("{}が正しくありません", kind.label()));
    let mut error = AppError::new(ErrorCode::WrongCode).with_detail(detail);
    error.errors = vec![issue];
    Err(Judged::Wrong(error))
}

/// 受講確認: both codes are in, so attendance is complete; the webhook is queued with it.
async fn check_out(db: &Db, application: &Application, now: OffsetDateTime) -> Result<(), RepoError> {
    let tx = kenshu_persistence::begin_write(db).await?;
    repo::record_check_out(&tx, application.id, now).await?;
    let data = ApplicationEvent::new(FormKind::Simple, application.id, application.training_id);
    webhooks::enqueue(&tx, WebhookEvent::AttendanceCompleted, &data, now).await?;
    tx.commit().await?;
    Ok(())
}
