//! 研修 and their 演習日程.

use kenshu_domain::ErrorCode;
use std::collections::HashMap;

use kenshu_domain::time_jp::to_utc;
use kenshu_domain::training::{
    ExerciseSchedulePlan, FormKind, Format, Training, TrainingDay, TrainingPlan, TrainingStatus,
};
use sea_orm::sea_query::{Query, SimpleExpr, Value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QueryResult, QuerySelect, QueryTrait, Set,
};
use time::OffsetDateTime;

use super::fixed_text::FixedText;
use super::idempotency::StoredResponse;
use super::Page;
use crate::entities::exercise_schedules::{self, Entity as Schedules};
use crate::entities::idempotency_keys as keys;
use crate::entities::trainings::{self, Column, Entity as Trainings};
use crate::RepoError;

fn corrupt(what: &str, value: &str) -> RepoError {
    RepoError::Corrupt(format!("{what} {value}"))
}

fn to_domain(m: trainings::Model, schedules: Vec<exercise_schedules::Model>) -> Result<Training, RepoError> {
    Ok(Training {
        id: m.id,
        status: TrainingStatus::parse(&m.status).ok_or_else(|| corrupt("status", &m.status))?,
        seats_taken: m.seats_taken,
        day: TrainingDay {
            start_code: m.start_code,
            end_code: m.end_code,
            certificate_needs_survey: m.certificate_needs_survey,
        },
        created_at: m.created_at,
        updated_at: m.updated_at,
        plan: TrainingPlan {
            format: Format::parse(&m.format).ok_or_else(|| corrupt("format", &m.format))?,
            form_kind: FormKind::parse(&m.form_kind).ok_or_else(|| corrupt("form_kind", &m.form_kind))?,
            title: m.title,
            purpose: m.purpose,
            organiser: m.organiser,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            venue: m.venue,
            theme: m.theme,
            lecturer: m.lecturer,
            target_audience: m.target_audience,
            fee_yen: m.fee_yen,
            capacity: m.capacity,
            zoom_url: m.zoom_url,
            zoom_meeting_id: m.zoom_meeting_id,
            zoom_passcode: m.zoom_passcode,
            room_opens_minutes_before: m.room_opens_minutes_before,
            application_opens_at: m.application_opens_at,
            application_closes_at: m.application_closes_at,
            check_in_opens_minutes_before: m.check_in_opens_minutes_before,
            check_in_grace_minutes: m.check_in_grace_minutes,
            check_out_window_minutes: m.check_out_window_minutes,
            issues_certificate: m.issues_certificate,
            checklist_required: m.checklist_required,
            waiting_list: m.waiting_list,
            contact: m.contact,
            exercise_schedules: schedules
                .into_iter()
                .map(|s| ExerciseSchedulePlan {
                    id: Some(s.id),
                    label: s.label,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    capacity: s.capacity,
                })
                .collect(),
        },
    })
}

/// Copies a plan onto a row; times are stored in UTC.
fn apply_plan(row: &mut trainings::ActiveModel, plan: &TrainingPlan) {
    row.title = Set(plan.title.clone());
    row.purpose = Set(plan.purpose.clone());
    row.organiser = Set(plan.organiser.clone());
    row.starts_at = Set(to_utc(plan.starts_at));
    row.ends_at = Set(to_utc(plan.ends_at));
    row.venue = Set(plan.venue.clone());
    row.theme = Set(plan.theme.clone());
    row.lecturer = Set(plan.lecturer.clone());
    row.target_audience = Set(plan.target_audience.clone());
    row.fee_yen = Set(plan.fee_yen);
    row.capacity = Set(plan.capacity);
    row.format = Set(plan.format.as_str().to_owned());
    row.zoom_url = Set(plan.zoom_url.clone());
    row.zoom_meeting_id = Set(plan.zoom_meeting_id.clone());
    row.zoom_passcode = Set(plan.zoom_passcode.clone());
    row.room_opens_minutes_before = Set(plan.room_opens_minutes_before);
    row.application_opens_at = Set(to_utc(plan.application_opens_at));
    row.application_closes_at = Set(to_utc(plan.application_closes_at));
    row.check_in_opens_minutes_before = Set(plan.check_in_opens_minutes_before);
    row.check_in_grace_minutes = Set(plan.check_in_grace_minutes);
    row.check_out_window_minutes = Set(plan.check_out_window_minutes);
    row.issues_certificate = Set(plan.issues_certificate);
    row.checklist_required = Set(plan.checklist_required);
    row.form_kind = Set(plan.form_kind.as_str().to_owned());
    row.waiting_list = Set(plan.waiting_list);
    row.contact = Set(plan.contact.clone());
}

/// Replaces a training's schedules with the plan's: rows named by id are updated in
/// place (later applications refer to them), new ones inserted, the rest deleted.
async fn save_schedules(
    db: &impl ConnectionTrait,
    training_id: i32,
    plan: &[ExerciseSchedulePlan],
) -> Result<(), RepoError> {
    let existing: Vec<i32> = Schedules::find()
        .select_only()
        .column(exercise_schedules::Column::Id)
        .filter(exercise_schedules::Column::TrainingId.eq(training_id))
        .into_tuple()
        .all(db)
        .await?;
    let kept: Vec<i32> = plan.iter().filter_map(|s| s.id).filter(|id| existing.contains(id)).collect();
    let gone: Vec<i32> = existing.iter().copied().filter(|id| !kept.contains(id)).collect();
    if !gone.is_empty() {
        Schedules::delete_many().filter(exercise_schedules::Column::Id.is_in(gone)).exec(db).await?;
    }
    for (position, schedule) in plan.iter().enumerate() {
        let mut row = exercise_schedules::ActiveModel {
            training_id: Set(training_id),
            position: Set(position as i32),
            label: Set(schedule.label.clone()),
            starts_at: Set(to_utc(schedule.starts_at)),
            ends_at: Set(to_utc(schedule.ends_at)),
            capacity: Set(schedule.capacity),
            ..Default::default()
        };
        match schedule.id.filter(|id| kept.contains(id)) {
            Some(id) => {
                row.id = Set(id);
                row.update(db).await?;
            }
            None => {
                row.insert(db).await?;
            }
        }
    }
    Ok(())
}

/// Stores a new training as a draft.
pub async fn insert(
    db: &impl ConnectionTrait,
    plan: &TrainingPlan,
    now: OffsetDateTime,
) -> Result<Training, RepoError> {
    let mut row = trainings::ActiveModel {
        status: Set(TrainingStatus::Draft.as_str().to_owned()),
        seats_taken: Set(0),
        created_at: Set(to_utc(now)),
        updated_at: Set(to_utc(now)),
        ..Default::default()
    };
    apply_plan(&mut row, plan);
    let id = row.insert(db).await?.id;
    save_schedules(db, id, &plan.exercise_schedules).await?;
    find(db, id).await?.ok_or(RepoError::NotFound)
}

/// Replaces a training's plan.
pub async fn update_plan(
    db: &impl ConnectionTrait,
    id: i32,
    plan: &TrainingPlan,
    now: OffsetDateTime,
) -> Result<Training, RepoError> {
    let mut row = trainings::ActiveModel { id: Set(id), updated_at: Set(to_utc(now)), ..Default::default() };
    apply_plan(&mut row, plan);
    row.update(db).await?;
    save_schedules(db, id, &plan.exercise_schedules).await?;
    find(db, id).await?.ok_or(RepoError::NotFound)
}

/// Moves a training to a new status, only if it is still in `from` (so two staff
/// clicking at once cannot both succeed from a stale state).
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i32,
    from: TrainingStatus,
    to: TrainingStatus,
    now: OffsetDateTime,
) -> Result<Training, RepoError> {
    let result = Trainings::update_many()
        .col_expr(Column::Status, to.as_str().into())
        .col_expr(Column::UpdatedAt, to_utc(now).into())
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(from.as_str()))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(RepoError::Conflict(ErrorCode::StatusChanged));
    }
    find(db, id).await?.ok_or(RepoError::NotFound)
}

async fn with_schedules(db: &impl ConnectionTrait, rows: Vec<trainings::Model>) -> Result<Vec<Training>, RepoError> {
    // Only the practical form has exercise schedules (checked when a training is saved):
    // the simple form's trainings, the ones applied to in a rush, skip the query.
    let ids: Vec<i32> = rows.iter().filter(|t| t.form_kind != FormKind::Simple.as_str()).map(|t| t.id).collect();
    let mut by_training: HashMap<i32, Vec<exercise_schedules::Model>> = HashMap::new();
    if !ids.is_empty() {
        let schedules = Schedules::find()
            .filter(exercise_schedules::Column::TrainingId.is_in(ids))
            .order_by_asc(exercise_schedules::Column::Position)
            .order_by_asc(exercise_schedules::Column::Id)
            .all(db)
            .await?;
        for s in schedules {
            by_training.entry(s.training_id).or_default().push(s);
        }
    }
    rows.into_iter()
        .map(|t| {
            let schedules = by_training.remove(&t.id).unwrap_or_default();
            to_domain(t, schedules)
        })
        .collect()
}

/// One training with its schedules.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Training>, RepoError> {
    static TEXT: FixedText = FixedText::new();
    let backend = db.get_database_backend();
    let statement =
        TEXT.statement(backend, vec![id.into(), 1u64.into()], || Trainings::find_by_id(id).limit(1).build(backend));
    let Some(row) = trainings::Model::find_by_statement(statement).one(db).await? else { return Ok(None) };
    Ok(with_schedules(db, vec![row]).await?.pop())
}

/// The first training with this exact title (how `kenshu demo` stays idempotent).
pub async fn find_by_title(db: &impl ConnectionTrait, title: &str) -> Result<Option<Training>, RepoError> {
    let Some(row) = Trainings::find().filter(Column::Title.eq(title)).order_by_asc(Column::Id).one(db).await? else {
        return Ok(None);
    };
    Ok(with_schedules(db, vec![row]).await?.pop())
}

/// What the public may see: published or closed trainings that have not ended yet,
/// soonest first (ties by id, so pages never shuffle).
pub async fn list_public(
    db: &impl ConnectionTrait,
    now: OffsetDateTime,
    page: Page,
) -> Result<(Vec<Training>, u64), RepoError> {
    let query = Trainings::find()
        .filter(
            Condition::any()
                .add(Column::Status.eq(TrainingStatus::Published.as_str()))
                .add(Column::Status.eq(TrainingStatus::Closed.as_str())),
        )
        .filter(Column::EndsAt.gt(to_utc(now)));
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(Column::StartsAt)
        .order_by_asc(Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(db)
        .await?;
    Ok((with_schedules(db, rows).await?, total))
}

/// Every training for staff, newest start first, optionally of one status.
pub async fn list_all(
    db: &impl ConnectionTrait,
    status: Option<TrainingStatus>,
    page: Page,
) -> Result<(Vec<Training>, u64), RepoError> {
    let mut query = Trainings::find();
    if let Some(status) = status {
        query = query.filter(Column::Status.eq(status.as_str()));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(Column::StartsAt)
        .order_by_desc(Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(db)
        .await?;
    Ok((with_schedules(db, rows).await?, total))
}

/// A training and the answer stored under an `Idempotency-Key`, read in one statement (one
/// round trip on the hot path of applying). One snapshot sees both, so an answer committed
/// with a seat is visible whenever that seat is.
pub async fn find_with_answer(
    db: &impl ConnectionTrait,
    id: i32,
    answer_key: Option<(&str, &str)>,
) -> Result<(Option<Training>, Option<StoredResponse>), RepoError> {
    let Some((scope, key)) = answer_key else { return Ok((find(db, id).await?, None)) };
    // Built on every application: its text is kept (40-odd quoted columns, three subqueries).
    static TEXT: FixedText = FixedText::new();
    let backend = db.get_database_backend();
    // The three subqueries' scope and key, then the id and LIMIT 1.
    let answer = [Value::from(scope), Value::from(key)];
    let values = [&answer[..], &answer, &answer, &[id.into(), 1u64.into()]].concat();
    let statement = TEXT.statement(backend, values, || {
        let stored = |column: keys::Column| {
            let select = Query::select()
                .column(column)
                .from(keys::Entity)
                .and_where(keys::Column::Scope.eq(scope))
                .and_where(keys::Column::Key.eq(key))
                .to_owned();
            SimpleExpr::SubQuery(None, Box::new(select.into_sub_query_statement()))
        };
        Trainings::find_by_id(id)
            .column_as(stored(keys::Column::RequestHash), "answer_request_hash")
            .column_as(stored(keys::Column::ResponseStatus), "answer_status")
            .column_as(stored(keys::Column::ResponseBody), "answer_body")
            .limit(1)
            .build(backend)
    });
    let Some(row) = WithAnswer::find_by_statement(statement).one(db).await? else {
        return Ok((None, None));
    };
    Ok((with_schedules(db, vec![row.training]).await?.pop(), row.answer))
}

struct WithAnswer {
    training: trainings::Model,
    answer: Option<StoredResponse>,
}

impl FromQueryResult for WithAnswer {
    fn from_query_result(row: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        let training = trainings::Model::from_query_result(row, pre)?;
        let request_hash: Option<String> = row.try_get_by("answer_request_hash")?;
        let status: Option<i16> = row.try_get_by("answer_status")?;
        let body: Option<String> = row.try_get_by("answer_body")?;
        let answer = match (request_hash, status, body) {
            (Some(request_hash), Some(status), Some(body)) => {
                Some(StoredResponse { request_hash, status: status as u16, body })
            }
            _ => None,
        };
        Ok(Self { training, answer })
    }
}
