//! Staff selection of practical-training applications (SPEC §5.4). Every step loads the
//! training's applications once, lets the domain's [`Selection`] decide, stores the steps
//! in one transaction and answers with the view it computed.

use kenshu_domain::eligibility::{evaluate, Verdict};
use kenshu_domain::practical::{completion_number_prefix, lecture_start};
use kenshu_domain::selection::{
    check_progress_date, letter_number, training_period, BulkAction, DecisionRequest, NoticeGround, Progress, Proposal,
    Selection, SelectionEventKind, Step,
};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{FormKind, Training};
use kenshu_domain::webhook::{ApplicationEvent, WebhookEvent};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::applications::lock_training;
use kenshu_persistence::repos::practical::{self, PracticalEvent, PracticalRecord};
use kenshu_persistence::repos::webhooks;
use kenshu_persistence::{ConnectionTrait, DatabaseTransaction, Db};
use time::{Date, OffsetDateTime};

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

/// Opens the transaction every staff step of a training runs in: the training is locked
/// first (as the simple form's seat paths do), then its applications are loaded, so
/// capacity, waiting lists and numbers are counted on what no one else is changing. Bulk
/// actions open one and call [`store_step`] once per application.
pub async fn begin_locked(db: &Db, training: Training) -> Result<(DatabaseTransaction, Selection), AppError> {
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    lock_training(&tx, training.id).await?;
    let selection = load_selection(&tx, training).await?;
    Ok((tx, selection))
}

/// Stores one step decided on `selection` in the caller's transaction (from
/// [`begin_locked`]): the 修了証書 number and date with a completion, the day with an
/// attendance, and the history entry; `selection` then reflects it.
pub async fn store_step(
    tx: &DatabaseTransaction,
    selection: &mut Selection,
    staff_user_id: i32,
    step: &Step,
    on: Date,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let id = step.application_id;
    let training = selection.training();
    match step.kind {
        SelectionEventKind::Complete => {
            practical::complete(tx, id, training.id, &completion_number_prefix(training), on, now).await?;
        }
        SelectionEventKind::UndoComplete => practical::undo_completion(tx, id).await?,
        SelectionEventKind::Attend => {
            practical::set_attended_on(tx, id, Some(on)).await?;
            let data = ApplicationEvent::new(FormKind::Practical, id, training.id);
            webhooks::enqueue(tx, WebhookEvent::AttendanceCompleted, &data, now).await?;
        }
        SelectionEventKind::UndoAttend => practical::set_attended_on(tx, id, None).await?,
        _ => {}
    }
    practical::save_step(tx, step, Some(staff_user_id), now).await?;
    selection.record(step);
    Ok(())
}

/// Runs one staff step on one application: decided by `decide` on the locked selection,
/// stored, and answered with the application as stored beside the proposal.
async fn one_step(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    on: Option<Date>,
    now: OffsetDateTime,
    decide: impl FnOnce(&Selection) -> Result<Step, AppError>,
) -> Result<Review, AppError> {
    let training_id = practical::training_of(db, id).await?.ok_or_else(not_found)?;
    let (tx, mut selection) = begin_locked(db, get(db, training_id).await?).await?;
    let step = decide(&selection)?;
    let on = on.unwrap_or_else(|| to_jst(now).date());
    store_step(&tx, &mut selection, staff_user_id, &step, on, now).await?;
    let record = practical::find(&tx, id).await?.ok_or_else(not_found)?;
    let events = practical::events(&tx, id).await?;
    tx.commit().await.map_err(AppError::internal)?;
    review(record, &selection, events)
}

/// Decides one application; a decision that departs from the proposal (or fills a
/// schedule past its capacity, counted inside the transaction) needs a reason, which is
/// kept.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn decide(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    request: DecisionRequest,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    one_step(db, staff_user_id, id, None, now, |selection| Ok(selection.decide(id, &request)?)).await
}

/// 出席 (from the training's first day) or 修了 (on or after its last day), on `on` or
/// today. Completion gives the 修了証書 its number and date.
#[tracing::instrument(skip_all, fields(application.id = id, progress = ?progress))]
pub async fn advance(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    progress: Progress,
    on: Option<Date>,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    let today = to_jst(now).date();
    let on = on.unwrap_or(today);
    one_step(db, staff_user_id, id, Some(on), now, |selection| {
        let step = selection.progress(id, progress)?;
        check_progress_date(progress, on, training_period(selection.training()), today)
            .map_err(|issue| AppError::validation(vec![issue]))?;
        Ok(step)
    })
    .await
}

/// Takes back an attendance or a completion, with the reason kept in the history.
#[tracing::instrument(skip_all, fields(application.id = id, progress = ?progress))]
pub async fn undo(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    progress: Progress,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Review, AppError> {
    one_step(db, staff_user_id, id, None, now, |selection| Ok(selection.undo(id, progress, reason)?)).await
}

/// Decides every application not decided yet as proposed. Returns how many.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply_proposal(
    db: &Db,
    staff_user_id: i32,
    training_id: i32,
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let (tx, mut selection) = begin_locked(db, practical_training(db, training_id).await?).await?;
    let steps = selection.apply_proposal()?;
    let today = to_jst(now).date();
    for step in &steps {
        store_step(&tx, &mut selection, staff_user_id, step, today, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(steps.len() as u32)
}

/// Sends the 受講可否通知 of every decision not notified yet: one mail each, stating the
/// real outcome, with the letter's 文書番号, in one transaction with the state change.
/// Returns how many.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn send_notices(
    db: &Db,
    config: &Config,
    staff_user_id: i32,
    training_id: i32,
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let (tx, selection) = begin_locked(db, practical_training(db, training_id).await?).await?;
    let training = selection.training();
    let notices = selection.notices_due()?;
    for notice in &notices {
        let a = notice.application;
        let schedule = training.plan.exercise_schedules.iter().find(|s| s.id.is_some() && s.id == a.schedule_id);
        let verdict = evaluate(&a.form.eligibility_input(), lecture_start(training));
        let ground = NoticeGround::of(notice.decision, &verdict, selection.waitlist_position(a.id));
        let number = practical::allocate_notice_number(&tx, a.id, training.id).await?;
        let number = letter_number(training.id, number);
        let message = mail::render_notice(training, &a.form, &ground, schedule, Some(&number), config);
        mail::queue(&tx, mail::KIND_NOTICE, config, training, &a.form.affiliation.email, message, now).await?;
        practical::save_step(&tx, &notice.step, Some(staff_user_id), now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(notices.len() as u32)
}

/// Cancels an application (the applicant asked the office, or cancelled on My Page). A
/// freed place goes to the best-ranked applicant waiting who fits, while the training
/// keeps a waiting list; that promotion is a new decision and needs its notice. Returns
/// the promoted application.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn cancel(
    db: &Db,
    staff_user_id: Option<i32>,
    id: i32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Option<i32>, AppError> {
    let training_id = practical::training_of(db, id).await?.ok_or_else(not_found)?;
    let (tx, selection) = begin_locked(db, get(db, training_id).await?).await?;
    let cancellation = selection.cancel(id, reason)?;
    for step in std::iter::once(&cancellation.cancelled).chain(&cancellation.promoted) {
        practical::save_step(&tx, step, staff_user_id, now).await?;
    }
    let data = ApplicationEvent::new(FormKind::Practical, id, training_id);
    webhooks::enqueue(&tx, WebhookEvent::ApplicationCancelled, &data, now).await?;
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
    let (tx, mut selection) = begin_locked(db, practical_training(db, training_id).await?).await?;
    let steps = selection.bulk(action, ids)?;
    let today = to_jst(now).date();
    let progress = match action {
        BulkAction::Attend => Some(Progress::Attend),
        BulkAction::Complete => Some(Progress::Complete),
        BulkAction::DecideAsProposed => None,
    };
    if let Some(progress) = progress {
        check_progress_date(progress, today, training_period(selection.training()), today)
            .map_err(|issue| AppError::validation(vec![issue]))?;
    }
    // Completion numbers are handed out in the order the ids were given.
    for step in &steps {
        store_step(&tx, &mut selection, staff_user_id, step, today, now).await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(steps.len() as u32)
}
