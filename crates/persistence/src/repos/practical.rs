//! 実践研修の申込 (seed 003): storage, the one-address-per-person rule across trainings,
//! selection state changes and the events that keep every staff decision and its reason.

use kenshu_domain::eligibility::{Outcome, Verdict};
use kenshu_domain::practical_form::PracticalForm;
use kenshu_domain::selection::{
    office_key, Decision, PracticalApplication, PracticalStatus, SeatClaim, SelectionEventKind, SelectionState, Step,
};
use kenshu_domain::time_jp::to_utc;
use kenshu_domain::ErrorCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};
use time::{Date, OffsetDateTime};

use crate::entities::practical_applications::{self, Column, Entity as Practicals};
use crate::entities::practical_events::{self, Entity as Events};
use crate::entities::{applications, exercise_schedules, trainings};
use crate::RepoError;

/// A copy of certificates issued elsewhere, checked by content before it comes here.
pub struct Attachment<'a> {
    pub filename: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// A checked form about to be stored.
pub struct NewPractical<'a> {
    pub training_id: i32,
    /// Normalised by `practical_form::check`.
    pub form: &'a PracticalForm,
    pub email_normalized: &'a str,
    pub person_key: &'a str,
    /// The eligibility verdict at submission (its outcome is stored beside it).
    pub submitted_verdict: &'a Verdict,
    pub attachment: Option<Attachment<'a>>,
    /// SHA-256 of the applicant's My Page key.
    pub key_hash: &'a str,
}

/// A stored application: what selection reads, and what only its detail shows.
#[derive(Debug, Clone)]
pub struct PracticalRecord {
    pub application: PracticalApplication,
    pub training_id: i32,
    /// The verdict kept from submission.
    pub submitted_verdict: Verdict,
    pub attachment: Option<AttachmentInfo>,
    pub certificate_number: Option<String>,
    pub updated_at: OffsetDateTime,
    pub notified_at: Option<OffsetDateTime>,
    pub completed_at: Option<OffsetDateTime>,
    /// The sequence of the 文書番号 of the latest 受講可否通知.
    pub notice_number: Option<i32>,
    /// The day attendance was recorded for.
    pub attended_on: Option<Date>,
    /// The day of completion: the 修了証書's date.
    pub completed_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// One staff step (or the applicant's submission) with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticalEvent {
    pub id: i32,
    pub application_id: i32,
    pub staff_user_id: Option<i32>,
    pub kind: SelectionEventKind,
    pub from_status: PracticalStatus,
    pub to_status: PracticalStatus,
    /// The decision after the step.
    pub decision: Option<Decision>,
    pub schedule_id: Option<i32>,
    pub is_override: bool,
    pub reason: String,
    pub created_at: OffsetDateTime,
}

/// A step about to be kept in an application's history.
pub struct NewEvent<'a> {
    pub application_id: i32,
    pub staff_user_id: Option<i32>,
    pub kind: SelectionEventKind,
    pub from: SelectionState,
    pub to: SelectionState,
    pub schedule_id: Option<i32>,
    pub is_override: bool,
    pub reason: &'a str,
}

impl<'a> NewEvent<'a> {
    /// The history entry of a step, by `staff_user_id` (`None`: the applicant).
    pub fn of(step: &'a Step, staff_user_id: Option<i32>) -> Self {
        NewEvent {
            application_id: step.application_id,
            staff_user_id,
            kind: step.kind,
            from: step.from,
            to: step.to,
            schedule_id: step.schedule_id,
            is_override: step.is_override,
            reason: &step.reason,
        }
    }
}

fn corrupt(what: impl std::fmt::Display) -> RepoError {
    RepoError::Corrupt(what.to_string())
}

/// Where stored JSON stops making sense; serde's message is left out, as it can quote
/// what the applicant typed.
fn unreadable_json(id: i32, what: &str, e: &serde_json::Error) -> RepoError {
    corrupt(format!("application {id} {what}: {:?} error at line {} column {}", e.classify(), e.line(), e.column()))
}

fn status(s: &str) -> Result<PracticalStatus, RepoError> {
    PracticalStatus::parse(s).ok_or_else(|| corrupt(format!("practical status {s:?}")))
}

fn decision(d: Option<&str>) -> Result<Option<Decision>, RepoError> {
    d.map(|d| Decision::parse(d).ok_or_else(|| corrupt(format!("practical decision {d:?}")))).transpose()
}

/// The columns selection reads (no verdict, no attachment bytes).
#[derive(Debug, FromQueryResult)]
pub(crate) struct ApplicationRow {
    pub(crate) id: i32,
    pub(crate) status: String,
    pub(crate) decision: Option<String>,
    pub(crate) form: String,
    pub(crate) schedule_id: Option<i32>,
    pub(crate) submitted_outcome: String,
    pub(crate) submitted_at: OffsetDateTime,
}

pub(crate) const APPLICATION_COLUMNS: [Column; 7] = [
    Column::Id,
    Column::Status,
    Column::Decision,
    Column::Form,
    Column::ScheduleId,
    Column::SubmittedOutcome,
    Column::SubmittedAt,
];

pub(crate) fn to_application(row: ApplicationRow) -> Result<PracticalApplication, RepoError> {
    let state = SelectionState::new(status(&row.status)?, decision(row.decision.as_deref())?)
        .map_err(|e| corrupt(format!("application {}: {e}", row.id)))?;
    let form: PracticalForm = serde_json::from_str(&row.form).map_err(|e| unreadable_json(row.id, "form", &e))?;
    let submitted_outcome = Outcome::parse(&row.submitted_outcome)
        .ok_or_else(|| corrupt(format!("application {} outcome {:?}", row.id, row.submitted_outcome)))?;
    Ok(PracticalApplication {
        id: row.id,
        state,
        form,
        schedule_id: row.schedule_id,
        submitted_outcome,
        submitted_at: row.submitted_at,
    })
}

/// Every column but the attachment's bytes.
#[derive(Debug, FromQueryResult)]
struct RecordRow {
    id: i32,
    training_id: i32,
    status: String,
    decision: Option<String>,
    form: String,
    schedule_id: Option<i32>,
    submitted_outcome: String,
    submitted_verdict: String,
    attachment_name: Option<String>,
    attachment_type: Option<String>,
    attachment_size: Option<i32>,
    certificate_number: Option<String>,
    submitted_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    notified_at: Option<OffsetDateTime>,
    completed_at: Option<OffsetDateTime>,
    notice_number: Option<i32>,
    attended_on: Option<Date>,
    completed_on: Option<Date>,
}

const RECORD_COLUMNS: [Column; 19] = [
    Column::Id,
    Column::TrainingId,
    Column::Status,
    Column::Decision,
    Column::Form,
    Column::ScheduleId,
    Column::SubmittedOutcome,
    Column::SubmittedVerdict,
    Column::AttachmentName,
    Column::AttachmentType,
    Column::AttachmentSize,
    Column::CertificateNumber,
    Column::SubmittedAt,
    Column::UpdatedAt,
    Column::NotifiedAt,
    Column::CompletedAt,
    Column::NoticeNumber,
    Column::AttendedOn,
    Column::CompletedOn,
];

fn to_record(m: RecordRow) -> Result<PracticalRecord, RepoError> {
    let submitted_verdict: Verdict =
        serde_json::from_str(&m.submitted_verdict).map_err(|e| unreadable_json(m.id, "verdict", &e))?;
    let attachment = match (m.attachment_name, m.attachment_type, m.attachment_size) {
        (Some(filename), Some(content_type), Some(size_bytes)) => {
            Some(AttachmentInfo { filename, content_type, size_bytes })
        }
        _ => None,
    };
    let application = to_application(ApplicationRow {
        id: m.id,
        status: m.status,
        decision: m.decision,
        form: m.form,
        schedule_id: m.schedule_id,
        submitted_outcome: m.submitted_outcome,
        submitted_at: m.submitted_at,
    })?;
    Ok(PracticalRecord {
        application,
        training_id: m.training_id,
        submitted_verdict,
        attachment,
        certificate_number: m.certificate_number,
        updated_at: m.updated_at,
        notified_at: m.notified_at,
        completed_at: m.completed_at,
        notice_number: m.notice_number,
        attended_on: m.attended_on,
        completed_on: m.completed_on,
    })
}

/// Stores a checked application; `Conflict(AlreadyApplied)` when the address already
/// holds a live application for the training.
pub async fn insert(db: &impl ConnectionTrait, new: NewPractical<'_>, now: OffsetDateTime) -> Result<i32, RepoError> {
    let now = to_utc(now);
    let f = new.form;
    let missing = |what: &str| corrupt(format!("checked form without {what}"));
    let need = &f.placement_need;
    let model = practical_applications::ActiveModel {
        training_id: Set(new.training_id),
        status: Set(PracticalStatus::Submitted.as_str().to_owned()),
        decision: Set(None),
        kind: Set(f.kind.ok_or_else(|| missing("kind"))?.as_str().to_owned()),
        full_name: Set(f.applicant.full_name.clone()),
        birth_date: Set(f.applicant.birth_date.ok_or_else(|| missing("birth date"))?),
        email: Set(f.affiliation.email.clone()),
        email_normalized: Set(new.email_normalized.to_owned()),
        person_key: Set(new.person_key.to_owned()),
        preferred_schedule_id: Set(f.preferred_schedule_id),
        binding_preference: Set(f.binding_preference()),
        schedule_id: Set(None),
        plan_category: Set(serde_json::to_value(need.plan_category)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .ok_or_else(|| missing("plan category"))?),
        required_count: Set(need.required_count.unwrap_or(0) as i32),
        completed_count: Set(need.completed_count.unwrap_or(0) as i32),
        office_key: Set(office_key(f)),
        office_priority: Set(need.office_priority.map(|p| p as i32)),
        wants_waitlist: Set(need.wants_waitlist),
        submitted_outcome: Set(new.submitted_verdict.outcome.as_str().to_owned()),
        submitted_verdict: Set(
            serde_json::to_string(new.submitted_verdict).map_err(|e| corrupt(format!("verdict: {e}")))?
        ),
        form: Set(serde_json::to_string(f).map_err(|e| corrupt(format!("form: {e}")))?),
        attachment_name: Set(new.attachment.as_ref().map(|a| a.filename.to_owned())),
        attachment_type: Set(new.attachment.as_ref().map(|a| a.content_type.to_owned())),
        attachment_size: Set(new.attachment.as_ref().map(|a| a.bytes.len() as i32)),
        attachment_bytes: Set(new.attachment.as_ref().map(|a| a.bytes.to_vec())),
        certificate_number: Set(None),
        submitted_at: Set(now),
        updated_at: Set(now),
        notified_at: Set(None),
        completed_at: Set(None),
        key_hash: Set(Some(new.key_hash.to_owned())),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| RepoError::on_unique(e, ErrorCode::AlreadyApplied))?;
    Ok(model.id)
}

/// Whether the address already holds a live practical application for the training.
pub async fn has_live(db: &impl ConnectionTrait, training_id: i32, email_normalized: &str) -> Result<bool, RepoError> {
    Ok(Practicals::find()
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::EmailNormalized.eq(email_normalized))
        .filter(Column::Status.ne(PracticalStatus::Cancelled.as_str()))
        .one(db)
        .await?
        .is_some())
}

/// The first and last day a training occupies: its own dates and its exercise schedules.
pub async fn training_period(db: &impl ConnectionTrait, training_id: i32) -> Result<Option<(Date, Date)>, RepoError> {
    let Some(t) = trainings::Entity::find_by_id(training_id).one(db).await? else {
        return Ok(None);
    };
    let schedules = exercise_schedules::Entity::find()
        .filter(exercise_schedules::Column::TrainingId.eq(training_id))
        .all(db)
        .await?;
    let jst = |at: OffsetDateTime| kenshu_domain::time_jp::to_jst(at).date();
    let start = schedules.iter().map(|s| jst(s.starts_at)).chain([jst(t.starts_at)]).min().expect("one");
    let end = schedules.iter().map(|s| jst(s.ends_at)).chain([jst(t.ends_at)]).max().expect("one");
    Ok(Some((start, end)))
}

/// Serialises, until the transaction ends, every submission that uses this address, so that
/// two people cannot both pass the one-address rule at the same moment. PostgreSQL takes a
/// transaction advisory lock on the address; SQLite has one writer, and the caller checks
/// after its own insert, when it holds the write lock.
pub async fn lock_address(db: &impl ConnectionTrait, email_normalized: &str) -> Result<(), RepoError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))",
            [email_normalized.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Whether another person uses this address in a live application, of either form, for a
/// training whose period overlaps `period` (seed 003: one address per person, because the
/// e-learning system keys trainees by it). The same person may use it again.
pub async fn address_used_by_another(
    db: &impl ConnectionTrait,
    email_normalized: &str,
    person_key: &str,
    period: (Date, Date),
) -> Result<bool, RepoError> {
    let name_of = |key: &str| key.split('|').next().unwrap_or("").to_owned();
    let mut others: Vec<(i32, bool)> = Practicals::find()
        .select_only()
        .column(Column::TrainingId)
        .column(Column::PersonKey)
        .filter(Column::EmailNormalized.eq(email_normalized))
        .filter(Column::Status.ne(PracticalStatus::Cancelled.as_str()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(training, key)| (training, key != person_key))
        .collect();
    let our_name = name_of(person_key);
    let simple: Vec<(i32, String)> = applications::Entity::find()
        .select_only()
        .column(applications::Column::TrainingId)
        .column(applications::Column::FullName)
        .filter(applications::Column::EmailNormalized.eq(email_normalized))
        .filter(applications::Column::Status.ne("cancelled"))
        .into_tuple()
        .all(db)
        .await?;
    others.extend(
        simple.into_iter().map(|(training, name)| (training, name.split_whitespace().collect::<String>() != our_name)),
    );
    for (training_id, another_person) in others {
        if !another_person {
            continue;
        }
        if let Some((start, end)) = training_period(db, training_id).await? {
            if start <= period.1 && period.0 <= end {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// One application with everything its detail shows (but not the attachment's bytes).
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<PracticalRecord>, RepoError> {
    Practicals::find_by_id(id)
        .select_only()
        .columns(RECORD_COLUMNS)
        .into_model::<RecordRow>()
        .one(db)
        .await?
        .map(to_record)
        .transpose()
}

/// The application a My Page key opens (by the key's hash).
pub async fn find_by_key_hash(db: &impl ConnectionTrait, key_hash: &str) -> Result<Option<i32>, RepoError> {
    Ok(Practicals::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::KeyHash.eq(key_hash))
        .into_tuple()
        .one(db)
        .await?)
}

/// The training an application belongs to.
pub async fn training_of(db: &impl ConnectionTrait, id: i32) -> Result<Option<i32>, RepoError> {
    Ok(Practicals::find_by_id(id).select_only().column(Column::TrainingId).into_tuple().one(db).await?)
}

/// What the counts of trainings read (no form): per training, each application's state,
/// schedule and preferred schedule.
pub async fn seat_claims(
    db: &impl ConnectionTrait,
    training_ids: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<SeatClaim>>, RepoError> {
    let mut claims: std::collections::HashMap<i32, Vec<SeatClaim>> = std::collections::HashMap::new();
    if training_ids.is_empty() {
        return Ok(claims);
    }
    type Row = (i32, String, Option<String>, Option<i32>, Option<i32>);
    let rows: Vec<Row> = Practicals::find()
        .select_only()
        .columns([
            Column::TrainingId,
            Column::Status,
            Column::Decision,
            Column::ScheduleId,
            Column::PreferredScheduleId,
        ])
        .filter(Column::TrainingId.is_in(training_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    for (training_id, s, d, schedule_id, preferred_schedule_id) in rows {
        let state = SelectionState::new(status(&s)?, decision(d.as_deref())?)
            .map_err(|_| corrupt(format!("practical state {s:?} {d:?}")))?;
        claims.entry(training_id).or_default().push(SeatClaim { state, schedule_id, preferred_schedule_id });
    }
    Ok(claims)
}

/// Every application of a training as selection reads it, oldest first.
pub async fn list(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<PracticalApplication>, RepoError> {
    Practicals::find()
        .select_only()
        .columns(APPLICATION_COLUMNS)
        .filter(Column::TrainingId.eq(training_id))
        .order_by_asc(Column::Id)
        .into_model::<ApplicationRow>()
        .all(db)
        .await?
        .into_iter()
        .map(to_application)
        .collect()
}

/// The attached copy: name, type and bytes.
pub async fn attachment(db: &impl ConnectionTrait, id: i32) -> Result<Option<(AttachmentInfo, Vec<u8>)>, RepoError> {
    let Some(m) = Practicals::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(match (m.attachment_name, m.attachment_type, m.attachment_size, m.attachment_bytes) {
        (Some(filename), Some(content_type), Some(size_bytes), Some(bytes)) => {
            Some((AttachmentInfo { filename, content_type, size_bytes }, bytes))
        }
        _ => None,
    })
}

/// Moves an application from `from` to `to` (and sets its schedule), only if nobody
/// changed it meanwhile: `Conflict(StatusChanged)` otherwise.
pub async fn set_state(
    db: &impl ConnectionTrait,
    id: i32,
    from: SelectionState,
    to: SelectionState,
    schedule_id: Option<i32>,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let now = to_utc(now);
    let mut update = Practicals::update_many()
        .col_expr(Column::Status, to.status().as_str().into())
        .col_expr(Column::Decision, to.decision().map(|d| d.as_str().to_owned()).into())
        .col_expr(Column::ScheduleId, schedule_id.into())
        .col_expr(Column::UpdatedAt, now.into());
    if to.status() == PracticalStatus::Notified && from.status() != PracticalStatus::Notified {
        update = update.col_expr(Column::NotifiedAt, Some(now).into());
    }
    let from_decision = from.decision().map(|d| d.as_str());
    let mut query = update.filter(Column::Id.eq(id)).filter(Column::Status.eq(from.status().as_str()));
    query = match from_decision {
        Some(d) => query.filter(Column::Decision.eq(d)),
        None => query.filter(Column::Decision.is_null()),
    };
    if query.exec(db).await?.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    Ok(())
}

/// Stores a step of an application: its new state, only if nobody changed it meanwhile
/// (`Conflict(StatusChanged)` otherwise), and the history entry that keeps who did it
/// and why.
pub async fn save_step(
    db: &impl ConnectionTrait,
    step: &Step,
    staff_user_id: Option<i32>,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    set_state(db, step.application_id, step.from, step.to, step.schedule_id, now).await?;
    add_event(db, NewEvent::of(step, staff_user_id), now).await
}

/// Records completion on `on` with the 修了証書番号 the application already had (a
/// completion undone and recorded again keeps it), else the next of the training (never
/// reused: unique). The caller holds the training's lock.
pub async fn complete(
    db: &impl ConnectionTrait,
    id: i32,
    training_id: i32,
    prefix: &str,
    on: Date,
    now: OffsetDateTime,
) -> Result<String, RepoError> {
    let kept: Option<Option<String>> =
        Practicals::find_by_id(id).select_only().column(Column::CertificateNumber).into_tuple().one(db).await?;
    let number = match kept.flatten() {
        Some(number) => number,
        None => {
            let issued: Vec<Option<String>> = Practicals::find()
                .select_only()
                .column(Column::CertificateNumber)
                .filter(Column::TrainingId.eq(training_id))
                .filter(Column::CertificateNumber.is_not_null())
                .into_tuple()
                .all(db)
                .await?;
            let next =
                issued.iter().flatten().filter_map(|n| n.rsplit('-').next()?.parse::<u32>().ok()).max().unwrap_or(0)
                    + 1;
            format!("{prefix}-{next:04}")
        }
    };
    let result = Practicals::update_many()
        .col_expr(Column::CertificateNumber, Some(number.clone()).into())
        .col_expr(Column::CompletedAt, Some(to_utc(now)).into())
        .col_expr(Column::CompletedOn, Some(on).into())
        .filter(Column::Id.eq(id))
        .filter(Column::CompletedAt.is_null())
        .exec(db)
        .await
        .map_err(|e| RepoError::on_unique(e, ErrorCode::CertificateNumberTaken))?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    Ok(number)
}

/// Records the day of attendance (`None` when it is undone).
pub async fn set_attended_on(db: &impl ConnectionTrait, id: i32, on: Option<Date>) -> Result<(), RepoError> {
    Practicals::update_many().col_expr(Column::AttendedOn, on.into()).filter(Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Takes a completion back: no date, no 修了証書 to download; the number stays with the
/// application for its next completion.
pub async fn undo_completion(db: &impl ConnectionTrait, id: i32) -> Result<(), RepoError> {
    Practicals::update_many()
        .col_expr(Column::CompletedAt, Option::<OffsetDateTime>::None.into())
        .col_expr(Column::CompletedOn, Option::<Date>::None.into())
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives the 受講可否通知 of an application the next 文書番号 sequence of its training.
/// The caller holds the training's lock, so two sendings never pick the same number (and
/// the unique index refuses it if they did).
pub async fn allocate_notice_number(db: &impl ConnectionTrait, id: i32, training_id: i32) -> Result<i32, RepoError> {
    let used: Vec<Option<i32>> = Practicals::find()
        .select_only()
        .column(Column::NoticeNumber)
        .filter(Column::TrainingId.eq(training_id))
        .filter(Column::NoticeNumber.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    let next = used.iter().flatten().copied().max().unwrap_or(0) + 1;
    Practicals::update_many()
        .col_expr(Column::NoticeNumber, Some(next).into())
        .filter(Column::Id.eq(id))
        .exec(db)
        .await
        .map_err(|e| RepoError::on_unique(e, ErrorCode::StatusChanged))?;
    Ok(next)
}

pub async fn add_event(db: &impl ConnectionTrait, e: NewEvent<'_>, now: OffsetDateTime) -> Result<(), RepoError> {
    practical_events::ActiveModel {
        application_id: Set(e.application_id),
        staff_user_id: Set(e.staff_user_id),
        action: Set(e.kind.as_str().to_owned()),
        from_status: Set(e.from.status().as_str().to_owned()),
        to_status: Set(e.to.status().as_str().to_owned()),
        decision: Set(e.to.decision().map(|d| d.as_str().to_owned())),
        schedule_id: Set(e.schedule_id),
        r#override: Set(e.is_override),
        reason: Set(e.reason.to_owned()),
        created_at: Set(to_utc(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An application's history, oldest first.
pub async fn events(db: &impl ConnectionTrait, application_id: i32) -> Result<Vec<PracticalEvent>, RepoError> {
    Events::find()
        .filter(practical_events::Column::ApplicationId.eq(application_id))
        .order_by_asc(practical_events::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(PracticalEvent {
                id: m.id,
                application_id: m.application_id,
                staff_user_id: m.staff_user_id,
                kind: SelectionEventKind::parse(&m.action)
                    .ok_or_else(|| corrupt(format!("practical event {} action {:?}", m.id, m.action)))?,
                from_status: status(&m.from_status)?,
                to_status: status(&m.to_status)?,
                decision: decision(m.decision.as_deref())?,
                schedule_id: m.schedule_id,
                is_override: m.r#override,
                reason: m.reason,
                created_at: m.created_at,
            })
        })
        .collect()
}
