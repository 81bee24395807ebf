//! Staff selection of practical-training applications (SPEC §5.4). Every step loads the
//! training's applications once, lets the domain's [`Selection`] decide, stores the steps
//! in one transaction and answers with the view it computed.

use kenshu_domain::eligibility::{evaluate, Verdict};
use kenshu_domain::practical::{completion_number_prefix, lecture_start};
use kenshu_domain::selection::{BulkAction, DecisionRequest, Progress, Proposal, Selection, SelectionEventKind, Step};
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::applications::lock_training;
use kenshu_persistence::repos::practical::{self, PracticalEvent, PracticalRecord};
use kenshu_persistence::{ConnectionTrait, Db, TransactionTrait};
use time::OffsetDateTime;

use crate::config::Config;
use crate::error::AppError;
use crate::mail::practical as mail;
use crate::usecases::trainings::get;

/// A training of the practical form, for staff.
pub async fn practical_training(db: &Db, id: i32) -> Result<Training, AppError> {
    let training = get(db, id).await?;
    if training.plan.form_kind != FormKind::Practical {
        return Err(AppError::new(ErrorCode::WrongApplicationForm));
    }
    Ok(training)
}

pub fn not_found() -> AppError {
    AppError::new(ErrorCode::PracticalApplicationNotFound)
}

/// The selection of a training: its applications, loaded once, with the proposal.
async fn load_selection(db: &impl ConnectionTrait, training: Training) -> Result<Selection, AppError> {
    let applications = practical::list(db, training.id).await?;
    Ok(Selection::new(training, applications))
}

/// 選考一覧 of a practical training.
pub async fn selection(db: &Db, training_id: i32) -> Result<Selection, AppError> {
    let training = practical_training(db, training_id).await?;
    load_selection(db, training).await
}

/// One application as staff review it.
pub struct Review {
    pub record: PracticalRecord,
    pub proposal: Proposal,
    /// The verdict of the same entries today.
    pub current_verdict: Verdict,
    pub events: Vec<PracticalEvent>,
}

/// The selection of the training an application belongs to.
async fn selection_of(db: &Db, id: i32) -> Result<Selection, AppError> {
    let training_id = practical::training_of(db, id).await?.ok_or_else(not_found)?;
    load_selection(db, get(db, training_id).await?).await
}

fn review(record: PracticalRecord, selection: &Selection, events: Vec<PracticalEvent>) -> Result<Review, AppError> {
    let proposal = selection.proposal(record.application.id).cloned().ok_or_else(not_found)?;
    let current_verdict = evaluate(&record.application.form.eligibility_input(), lecture_start(selection.training()));
    Ok(Review { record, proposal, current_verdict, events })
}

/// 申込の詳細
pub async fn get_review(db: &Db, id: i32) -> Result<Review, AppError> {
    let record = practical::find(db, id).await?.ok_or_else(not_found)?;
    let selection = load_selection(db, get(db, record.training_id).await?).await?;
    let events = practical::events(db, id).await?;
    review(record, &selection, events)
}

/// Stores one step by staff (a completion with its 修了証書 number) and answers with the
/// application as stored, beside the proposal of the selection the step was decided on.
async fn store_step(
    db: &Db,
    staff_user_id: i32,
    mut selection: Selection,
    step: Step,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    let id = step.application_id;
    let tx = db.begin().await.map_err(AppError::internal)?;
    if step.kind == SelectionEventKind::Complete {
        let training = selection.training();
        // Numbers are handed out one completion at a time per training.
        lock_training(&tx, training.id).await?;
        practical::complete(&tx, id, training.id, &completion_number_prefix(training), now).await?;
    }
    practical::save_step(&tx, &step, Some(staff_user_id), now).await?;
    let record = practical::find(&tx, id).await?.ok_or_else(not_found)?;
    let events = practical::events(&tx, id).await?;
    tx.commit().await.map_err(AppError::internal)?;
    selection.record(&step);
    review(record, &selection, events)
}

/// Decides one application; a decision that departs from the proposal needs a reason,
/// which is kept.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn decide(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    request: DecisionRequest,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    let selection = selection_of(db, id).await?;
    let step = selection.decide(id, &request)?;
    store_step(db, staff_user_id, selection, step, now).await
}

/// 出席 or 修了. Completion gives the 修了証書 its number.
#[tracing::instrument(skip_all, fields(application.id = id, progress = ?progress))]
pub async fn advance(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    progress: Progress,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    let selection = selection_of(db, id).await?;
    let step = selection.progress(id, progress)?;
    store_step(db, staff_user_id, selection, step, now).await
}

/// Decides every application not decided yet as proposed. Returns how many.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply_proposal(
    db: &Db,
    staff_user_id: i32,
    training_id: i32,
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let selection = selection(db, training_id).await?;
    let steps = selection.apply_proposal()?;
    let tx = db.begin().await.map_err(AppError::internal)?;
    for step in &steps {
        practical::save_step(&tx, step, Some(staff_user_id), now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(steps.len() as u32)
}

/// Sends the 受講可否通知 of every decision not notified yet: one mail each, in one
/// transaction with the state change. Returns how many.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn send_notices(
    db: &Db,
    config: &Config,
    staff_user_id: i32,
    training_id: i32,
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let selection = selection(db, training_id).await?;
    let training = selection.training();
    let notices = selection.notices_due()?;
    let tx = db.begin().await.map_err(AppError::internal)?;
    for notice in &notices {
        let a = notice.application;
        let schedule = training.plan.exercise_schedules.iter().find(|s| s.id.is_some() && s.id == a.schedule_id);
        let message = mail::render_notice(training, &a.form, notice.decision, schedule, config);
        mail::queue(&tx, mail::KIND_NOTICE, config, training, &a.form.affiliation.email, message, now).await?;
        practical::save_step(&tx, &notice.step, Some(staff_user_id), now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(notices.len() as u32)
}

/// Cancels an application (the applicant asked the office). A freed place goes to the
/// best-ranked applicant waiting who fits, while the training keeps a waiting list; that
/// promotion is a new decision and needs its notice. Returns the promoted application.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn cancel(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Option<i32>, AppError> {
    let selection = selection_of(db, id).await?;
    let cancellation = selection.cancel(id, reason)?;
    let tx = db.begin().await.map_err(AppError::internal)?;
    for step in std::iter::once(&cancellation.cancelled).chain(&cancellation.promoted) {
        practical::save_step(&tx, step, Some(staff_user_id), now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(cancellation.promoted.map(|p| p.application_id))
}

/// One step on many applications of a training (the selection table's 一括操作), all or
/// nothing: every step is decided on the selection as loaded, then all are stored in one
/// transaction, each in its application's history. Returns how many were changed.
#[tracing::instrument(skip_all, fields(training.id = training_id, action = ?action, count = ids.len()))]
pub async fn bulk(
    db: &Db,
    staff_user_id: i32,
    training_id: i32,
    action: BulkAction,
    ids: &[i32],
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let selection = selection(db, training_id).await?;
    let steps = selection.bulk(action, ids)?;
    let training = selection.training();
    let tx = db.begin().await.map_err(AppError::internal)?;
    if action == BulkAction::Complete {
        // Numbers are handed out one completion at a time per training, in the order given.
        lock_training(&tx, training.id).await?;
    }
    for step in &steps {
        if step.kind == SelectionEventKind::Complete {
            practical::complete(&tx, step.application_id, training.id, &completion_number_prefix(training), now)
                .await?;
        }
        practical::save_step(&tx, step, Some(staff_user_id), now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(steps.len() as u32)
}
