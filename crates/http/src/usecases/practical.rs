//! 実践研修の申込 and its selection (seed 003, SPEC §5, §5.4): submission with the
//! one-address-per-person rule, the proposed order and allocation, staff decisions with
//! their reasons, notices, cancellation with promotion, attendance and completion.

use std::collections::HashMap;

use kenshu_domain::application::ApplyError;
use kenshu_domain::eligibility::{evaluate, Outcome, Verdict};
use kenshu_domain::practical::PlanCategory;
use kenshu_domain::practical_form::{self, person_key, FormContext, PracticalForm};
use kenshu_domain::selection::{
    allocate, proposed_order, transition, Candidate, Decision, Placement, PracticalStatus, Ranked, ScheduleRoom,
    SelectionAction, SelectionState,
};
use kenshu_domain::text::contact::Email;
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::{availability, Availability, FormKind, Training};
use kenshu_domain::Catalogued;
use kenshu_domain::FieldIssue;
use kenshu_persistence::repos::idempotency;
use kenshu_persistence::repos::practical::{self, Attachment, NewEvent, NewPractical, PracticalRecord};
use kenshu_persistence::{ConnectionTrait, Db, RepoError, TransactionTrait};
use time::{Date, OffsetDateTime};

use crate::config::Config;
use crate::error::AppError;
use crate::mail::practical as mail;
use crate::usecases::idempotency::{replay, Answer};
use crate::usecases::trainings::{get, get_public};
use kenshu_domain::ErrorCode;

/// The largest attachment (a scanned certificate or a phone photo).
pub const ATTACHMENT_LIMIT: usize = 10 * 1024 * 1024;

/// A copy of certificates as uploaded.
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
    /// Bytes beyond the limit were dropped; the real size.
    pub size: usize,
}

/// The first lecture day in Japan: the engine's "lecture start".
pub fn lecture_start(training: &Training) -> Date {
    to_jst(training.plan.starts_at).date()
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
    let attachment = match &upload {
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
        attachment_present: upload.is_some(),
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
        } else {
            if practical::address_used_by_another(db, email.normalized(), &key, period).await? {
                issues.push(email_used_by_another());
            }
        }
    }
    let (form, email) = match (checked, email) {
        (Ok(form), Some(email)) if issues.is_empty() => (form, email),
        _ => return Err(AppError::validation(issues)),
    };

    let verdict = evaluate(&form.eligibility_input(), lecture_start(&training));
    let verdict_json = serde_json::to_string(&verdict).map_err(AppError::internal)?;
    let outcome = outcome_str(verdict.outcome);
    let tx = db.begin().await.map_err(AppError::internal)?;
    practical::lock_address(&tx, email.normalized()).await?;
    let id = practical::insert(
        &tx,
        NewPractical {
            training_id: training.id,
            form: &form,
            email_normalized: email.normalized(),
            person_key: &key,
            submitted_outcome: outcome,
            submitted_verdict: &verdict_json,
            attachment: match (&upload, attachment) {
                (Some(u), Some(content_type)) => {
                    Some(Attachment { filename: &u.filename, content_type, bytes: &u.bytes })
                }
                _ => None,
            },
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
    practical::add_event(
        &tx,
        NewEvent {
            application_id: id,
            staff_user_id: None,
            action: "submit",
            from: SelectionState::SUBMITTED,
            to: SelectionState::SUBMITTED,
            schedule_id: None,
            is_override: false,
            reason: "",
        },
        now,
    )
    .await?;
    mail::queue(
        &tx,
        mail::KIND_RECEIVED,
        config,
        &training,
        email.as_str(),
        mail::render_received(&training, &form, config),
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

pub fn outcome_str(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Eligible => "eligible",
        Outcome::NotEligible => "not_eligible",
        Outcome::NeedsReview => "needs_review",
    }
}

/// What the product proposes for one application (SPEC §5.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// 1-based among the applications that can be ranked (not cancelled, not ineligible).
    pub rank: Option<u32>,
    pub reason: String,
    pub decision: Option<Decision>,
    pub schedule_id: Option<i32>,
    /// Today's verdict.
    pub outcome: Outcome,
}

fn plan_category(form: &PracticalForm) -> PlanCategory {
    form.placement_need.plan_category.unwrap_or(PlanCategory::Other)
}

/// The proposed order and allocation for every application of a training, as staff see it
/// now: ineligible applications are proposed for rejection; the rest are ranked and placed
/// in schedules in that order; those who do not fit wait (if they asked to) or are refused.
/// Applications already accepted keep their schedule.
pub fn propose(training: &Training, records: &[PracticalRecord]) -> HashMap<i32, Proposal> {
    let start = lecture_start(training);
    let outcomes: HashMap<i32, Outcome> =
        records.iter().map(|r| (r.id, evaluate(&r.form.eligibility_input(), start).outcome)).collect();
    let outcome_of = |id: i32| outcomes[&id];
    let live: Vec<&PracticalRecord> = records
        .iter()
        .filter(|r| r.state.status() != PracticalStatus::Cancelled)
        .filter(|r| outcome_of(r.id) != Outcome::NotEligible || r.state.holds_seat())
        .collect();
    let candidates: Vec<Candidate> = live
        .iter()
        .map(|r| Candidate {
            id: r.id,
            plan_category: plan_category(&r.form),
            required_count: r.form.placement_need.required_count.unwrap_or(0),
            completed_count: r.form.placement_need.completed_count.unwrap_or(0),
            office_key: Some(r.office_key.clone()),
            office_priority: r.form.placement_need.office_priority,
            submitted_at: r.submitted_at,
        })
        .collect();
    let ranked: Vec<Ranked> = proposed_order(&candidates);
    let by_id: HashMap<i32, &PracticalRecord> = live.iter().map(|r| (r.id, *r)).collect();
    let placements: Vec<Placement> = ranked
        .iter()
        .filter_map(|rank| by_id.get(&rank.id))
        .map(|r| Placement {
            id: r.id,
            preferred: r.form.preferred_schedule_id,
            binding: r.form.binding_preference(),
            fixed: if r.state.holds_seat() { r.schedule_id } else { None },
        })
        .collect();
    let rooms: Vec<ScheduleRoom> = training
        .plan
        .exercise_schedules
        .iter()
        .filter_map(|s| Some(ScheduleRoom { id: s.id?, capacity: s.capacity.max(0) as u32, taken: 0 }))
        .collect();
    let allocation = allocate(&placements, &rooms);
    let rank_of: HashMap<i32, &Ranked> = ranked.iter().map(|x| (x.id, x)).collect();
    let placed: HashMap<i32, i32> =
        allocation.assigned.iter().chain(allocation.over_capacity.iter()).copied().collect();
    records
        .iter()
        .map(|r| {
            let outcome = outcome_of(r.id);
            let rank = rank_of.get(&r.id).copied();
            let assigned = placed.get(&r.id);
            let (decision, schedule_id) = if r.state.status() == PracticalStatus::Cancelled {
                (None, None)
            } else if let Some(schedule) = assigned {
                (Some(Decision::Accepted), Some(*schedule))
            } else if outcome == Outcome::NotEligible || !r.form.placement_need.wants_waitlist {
                (Some(Decision::Rejected), None)
            } else {
                (Some(Decision::Waitlisted), None)
            };
            let reason = match (rank, outcome) {
                (_, Outcome::NotEligible) if !r.state.holds_seat() => "受講要件を満たしていません".to_owned(),
                (Some(rank), _) => rank.reason.clone(),
                (None, _) => String::new(),
            };
            (r.id, Proposal { rank: rank.map(|x| x.rank), reason, decision, schedule_id, outcome })
        })
        .collect()
}

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

/// One application with its training.
pub async fn load(db: &Db, id: i32) -> Result<(PracticalRecord, Training), AppError> {
    let record = practical::find(db, id).await?.ok_or_else(not_found)?;
    let training = get(db, record.training_id).await?;
    Ok((record, training))
}

/// A staff decision: 受講決定 with a schedule, キャンセル待ち or 受講不可.
pub struct DecisionRequest {
    pub decision: Decision,
    pub schedule_id: Option<i32>,
    pub reason: String,
}

/// Decides one application. A decision or schedule other than the proposal, or a schedule
/// past its capacity, is an override and needs a reason, which is kept.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn decide(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    request: DecisionRequest,
    now: OffsetDateTime,
) -> Result<PracticalRecord, AppError> {
    let (record, training) = load(db, id).await?;
    let records = practical::list(db, training.id).await?;
    let proposal = propose(&training, &records).remove(&id);
    let reason = request.reason.trim();
    let mut issues = Vec::new();
    let schedules: Vec<i32> = training.plan.exercise_schedules.iter().filter_map(|s| s.id).collect();
    let schedule_id = match (request.decision, request.schedule_id) {
        (Decision::Accepted, None) => proposal.as_ref().and_then(|p| p.schedule_id).or(record.schedule_id),
        (Decision::Accepted, Some(s)) => Some(s),
        (_, Some(_)) => {
            issues.push(FieldIssue::new("schedule_id", "not_accepted", "演習日程は受講決定の場合のみ指定できます"));
            None
        }
        (_, None) => None,
    };
    if request.decision == Decision::Accepted {
        match schedule_id {
            None => issues.push(FieldIssue::new("schedule_id", "required", "演習日程を選んでください")),
            Some(s) if !schedules.contains(&s) => {
                issues.push(FieldIssue::new("schedule_id", "unknown_schedule", "この研修にない演習日程です"))
            }
            Some(_) => {}
        }
    }
    let mut overrides = Vec::new();
    if let Some(p) = &proposal {
        if p.decision != Some(request.decision) {
            overrides.push("提案と異なる受講可否");
        } else if request.decision == Decision::Accepted && p.schedule_id != schedule_id {
            overrides.push("提案と異なる演習日程");
        }
    }
    if let (Decision::Accepted, Some(s)) = (request.decision, schedule_id) {
        let capacity =
            training.plan.exercise_schedules.iter().find(|x| x.id == Some(s)).map(|x| x.capacity).unwrap_or(0);
        let taken = records.iter().filter(|r| r.id != id && r.state.holds_seat() && r.schedule_id == Some(s)).count();
        if taken as i32 >= capacity {
            overrides.push("定員を超える受講決定");
        }
        if record.form.binding_preference() && record.form.preferred_schedule_id != Some(s) {
            overrides.push("希望理由のある日程以外への決定");
        }
    }
    if !overrides.is_empty() && reason.is_empty() {
        issues.push(FieldIssue::new(
            "reason",
            "reason_required",
            format!("{}のため、理由を入力してください", overrides.join("・")),
        ));
    }
    if reason.chars().count() > 1000 {
        issues.push(FieldIssue::new("reason", "length", "理由は1000文字以内で入力してください"));
    }
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    let mut state = record.state;
    if state.status() == PracticalStatus::Submitted {
        state = transition(state, SelectionAction::StartReview).map_err(AppError::from)?;
    }
    let next = transition(state, SelectionAction::Decide(request.decision)).map_err(AppError::from)?;
    // A changed schedule is a changed decision: the notice must go again.
    let next = if next == record.state && schedule_id != record.schedule_id {
        SelectionState::new(PracticalStatus::Decided, next.decision()).map_err(AppError::from)?
    } else {
        next
    };
    let tx = db.begin().await.map_err(AppError::internal)?;
    step(
        &tx,
        NewEvent {
            application_id: id,
            staff_user_id: Some(staff_user_id),
            action: "decide",
            from: record.state,
            to: next,
            schedule_id,
            is_override: !overrides.is_empty(),
            reason,
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(practical::find(db, id).await?.ok_or_else(not_found)?)
}

/// One step of an application: its new state, only if nobody changed it meanwhile, and the
/// event that keeps who did it and why.
async fn step(tx: &impl ConnectionTrait, event: NewEvent<'_>, now: OffsetDateTime) -> Result<(), AppError> {
    practical::set_state(tx, event.application_id, event.from, event.to, event.schedule_id, now)
        .await
        .map_err(changed)?;
    practical::add_event(tx, event, now).await?;
    Ok(())
}

fn changed(e: RepoError) -> AppError {
    match e {
        RepoError::Conflict(_) => AppError::new(ErrorCode::StatusChanged),
        other => other.into(),
    }
}

/// Decides every application not decided yet as proposed. Returns how many.
#[tracing::instrument(skip_all, fields(training.id = training_id))]
pub async fn apply_proposal(
    db: &Db,
    staff_user_id: i32,
    training_id: i32,
    now: OffsetDateTime,
) -> Result<u32, AppError> {
    let training = practical_training(db, training_id).await?;
    let records = practical::list(db, training.id).await?;
    let proposals = propose(&training, &records);
    let tx = db.begin().await.map_err(AppError::internal)?;
    let mut count = 0;
    for record in &records {
        if !matches!(record.state.status(), PracticalStatus::Submitted | PracticalStatus::UnderReview) {
            continue;
        }
        let Some(p) = proposals.get(&record.id) else { continue };
        let Some(decision) = p.decision else { continue };
        let mut state = record.state;
        if state.status() == PracticalStatus::Submitted {
            state = transition(state, SelectionAction::StartReview).map_err(AppError::from)?;
        }
        let next = transition(state, SelectionAction::Decide(decision)).map_err(AppError::from)?;
        step(
            &tx,
            NewEvent {
                application_id: record.id,
                staff_user_id: Some(staff_user_id),
                action: "decide",
                from: record.state,
                to: next,
                schedule_id: p.schedule_id,
                is_override: false,
                reason: "提案どおり",
            },
            now,
        )
        .await?;
        count += 1;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(count)
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
    let training = practical_training(db, training_id).await?;
    let records = practical::list(db, training.id).await?;
    let tx = db.begin().await.map_err(AppError::internal)?;
    let mut count = 0;
    for record in records.iter().filter(|r| r.state.status() == PracticalStatus::Decided) {
        let decision = record.state.decision().expect("decided has a decision");
        let next = transition(record.state, SelectionAction::Notify).map_err(AppError::from)?;
        let schedule = training.plan.exercise_schedules.iter().find(|s| s.id.is_some() && s.id == record.schedule_id);
        let message = mail::render_notice(&training, &record.form, decision, schedule, config);
        mail::queue(&tx, mail::KIND_NOTICE, config, &training, &record.form.affiliation.email, message, now).await?;
        step(
            &tx,
            NewEvent {
                application_id: record.id,
                staff_user_id: Some(staff_user_id),
                action: "notify",
                from: record.state,
                to: next,
                schedule_id: record.schedule_id,
                is_override: false,
                reason: "",
            },
            now,
        )
        .await?;
        count += 1;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(count)
}

/// Cancels an application (the applicant asked the office). A freed place goes to the
/// best-ranked applicant waiting who fits the freed schedule, while the training keeps a
/// waiting list; that promotion is a new decision and needs its notice. Returns the id of
/// the promoted application.
#[tracing::instrument(skip_all, fields(application.id = id))]
pub async fn cancel(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Option<i32>, AppError> {
    let (record, training) = load(db, id).await?;
    if reason.trim().is_empty() {
        return Err(AppError::validation(vec![FieldIssue::new(
            "reason",
            "required",
            "キャンセルの理由を入力してください（例: 本人から電話で辞退の連絡）",
        )]));
    }
    let next = transition(record.state, SelectionAction::Cancel).map_err(AppError::from)?;
    let records = practical::list(db, training.id).await?;
    let promoted = if record.state.holds_seat() && training.plan.waiting_list {
        let proposals = propose(&training, &records);
        let freed = record.schedule_id;
        records
            .iter()
            .filter(|r| r.state.decision() == Some(Decision::Waitlisted))
            .filter(|r| matches!(r.state.status(), PracticalStatus::Decided | PracticalStatus::Notified))
            .filter(|r| r.form.placement_need.wants_waitlist)
            .filter(|r| !r.form.binding_preference() || r.form.preferred_schedule_id == freed)
            .filter_map(|r| proposals.get(&r.id).map(|p| (r, p.rank.unwrap_or(u32::MAX))))
            .min_by_key(|(r, rank)| (*rank, r.id))
            .map(|(r, _)| r)
    } else {
        None
    };
    let tx = db.begin().await.map_err(AppError::internal)?;
    step(
        &tx,
        NewEvent {
            application_id: id,
            staff_user_id: Some(staff_user_id),
            action: "cancel",
            from: record.state,
            to: next,
            schedule_id: record.schedule_id,
            is_override: false,
            reason: reason.trim(),
        },
        now,
    )
    .await?;
    if let Some(waiting) = promoted {
        let accepted =
            transition(waiting.state, SelectionAction::Decide(Decision::Accepted)).map_err(AppError::from)?;
        let why = format!("申込番号{}のキャンセルによる繰り上げ", record.id);
        step(
            &tx,
            NewEvent {
                application_id: waiting.id,
                staff_user_id: Some(staff_user_id),
                action: "promote",
                from: waiting.state,
                to: accepted,
                schedule_id: record.schedule_id,
                is_override: false,
                reason: &why,
            },
            now,
        )
        .await?;
    }
    tx.commit().await.map_err(AppError::internal)?;
    Ok(promoted.map(|r| r.id))
}

/// 出席 or 修了. Completion gives the 修了証書 its number.
#[tracing::instrument(skip_all, fields(application.id = id, action = ?action))]
pub async fn advance(
    db: &Db,
    staff_user_id: i32,
    id: i32,
    action: SelectionAction,
    now: OffsetDateTime,
) -> Result<PracticalRecord, AppError> {
    let (record, training) = load(db, id).await?;
    let next = transition(record.state, action).map_err(AppError::from)?;
    let tx = db.begin().await.map_err(AppError::internal)?;
    if next.status() == PracticalStatus::Completed {
        // Numbers are handed out one completion at a time per training.
        kenshu_persistence::repos::applications::lock_training(&tx, training.id).await?;
        let fiscal_year = kenshu_domain::eligibility::fiscal_year(lecture_start(&training));
        let prefix = format!("{fiscal_year}-{}", training.id);
        practical::complete(&tx, id, training.id, &prefix, now).await?;
    }
    let action_name = match action {
        SelectionAction::Attend => "attend",
        SelectionAction::Complete => "complete",
        _ => "advance",
    };
    step(
        &tx,
        NewEvent {
            application_id: id,
            staff_user_id: Some(staff_user_id),
            action: action_name,
            from: record.state,
            to: next,
            schedule_id: record.schedule_id,
            is_override: false,
            reason: "",
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(AppError::internal)?;
    Ok(practical::find(db, id).await?.ok_or_else(not_found)?)
}
