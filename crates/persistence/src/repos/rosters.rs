//! Rosters read a page at a time by key (`id > after`, ordered by id), so an export of any
//! size holds one page in memory, and a page costs the same at row 10 as at row 10,000.

use std::collections::BTreeMap;

use kenshu_domain::selection::PracticalApplication;
use kenshu_domain::survey::Answer;
use kenshu_domain::time_jp::to_utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

use crate::entities::applications::{self, Entity as Applications};
use crate::entities::certificates::{self, Entity as Certificates};
use crate::entities::practical_applications::{self, Entity as Practicals};
use crate::entities::survey_answers::{self, Entity as SurveyAnswers};
use crate::entities::trainings::{self, Entity as Trainings};
use crate::repos::practical::{to_application, ApplicationRow, APPLICATION_COLUMNS};
use crate::RepoError;

/// One simple-form application as the rosters print it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SimpleRow {
    pub id: i32,
    pub status: String,
    pub member: bool,
    pub full_name: String,
    /// 資格・職名 (simple-form applications only).
    pub job_title: Option<String>,
    /// ふりがな, taken down by staff when they enter an application (the public form has none).
    pub furigana: Option<String>,
    pub workplace: String,
    pub phone: String,
    pub email: String,
    pub created_at: OffsetDateTime,
    pub checked_in_at: Option<OffsetDateTime>,
    pub checked_out_at: Option<OffsetDateTime>,
    /// Why staff recorded 出席確認時間 / 受講確認時間 by hand (none: the participant's code).
    pub checked_in_reason: Option<String>,
    pub checked_out_reason: Option<String>,
}

/// The next page of a training's applications of `status`, after `after` by id.
pub async fn simple_page(
    db: &impl ConnectionTrait,
    training_id: i32,
    status: &str,
    after: i32,
    limit: u64,
) -> Result<Vec<SimpleRow>, RepoError> {
    use applications::Column as C;
    Ok(Applications::find()
        .select_only()
        .columns([
            C::Id,
            C::Status,
            C::Member,
            C::FullName,
            C::JobTitle,
            C::Furigana,
            C::Workplace,
            C::Phone,
            C::Email,
            C::CreatedAt,
            C::CheckedInAt,
            C::CheckedOutAt,
            C::CheckedInReason,
            C::CheckedOutReason,
        ])
        .filter(C::TrainingId.eq(training_id))
        .filter(C::Status.eq(status))
        .filter(C::Id.gt(after))
        .order_by_asc(C::Id)
        .limit(limit)
        .into_model::<SimpleRow>()
        .all(db)
        .await?)
}

/// A 受講証明書 in force, with its holder's application.
#[derive(Debug, Clone)]
pub struct IssuedRow {
    /// The certificate's id: the key pages follow.
    pub id: i32,
    pub number: Option<i32>,
    pub issued_at: OffsetDateTime,
    pub application: SimpleRow,
}

/// The next page of a training's 受講証明書 in force (not revoked), after `after` by
/// certificate id.
pub async fn issued_page(
    db: &impl ConnectionTrait,
    training_id: i32,
    after: i32,
    limit: u64,
) -> Result<Vec<IssuedRow>, RepoError> {
    use certificates::Column as C;
    let certificates: Vec<(i32, i32, Option<i32>, OffsetDateTime)> = Certificates::find()
        .select_only()
        .columns([C::Id, C::SubjectId, C::Number, C::IssuedAt])
        .filter(C::TrainingId.eq(training_id))
        .filter(C::Kind.eq("attendance"))
        .filter(C::RevokedAt.is_null())
        .filter(C::Id.gt(after))
        .order_by_asc(C::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    use applications::Column as A;
    let mut holders: BTreeMap<i32, SimpleRow> = Applications::find()
        .select_only()
        .columns([
            A::Id,
            A::Status,
            A::Member,
            A::FullName,
            A::JobTitle,
            A::Workplace,
            A::Phone,
            A::Email,
            A::CreatedAt,
            A::CheckedInAt,
            A::CheckedOutAt,
            A::CheckedInReason,
            A::CheckedOutReason,
        ])
        .filter(A::Id.is_in(certificates.iter().map(|c| c.1)))
        .into_model::<SimpleRow>()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    certificates
        .into_iter()
        .map(|(id, subject_id, number, issued_at)| {
            let application = holders
                .remove(&subject_id)
                .ok_or_else(|| RepoError::Corrupt(format!("certificate {id} without its application")))?;
            Ok(IssuedRow { id, number, issued_at, application })
        })
        .collect()
}

/// Which practical applications a roster takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticalFilter {
    /// Every application (選考一覧).
    All,
    /// Accepted and not cancelled; optionally on one exercise schedule.
    Accepted { schedule_id: Option<i32> },
    /// 修了
    Completed,
}

/// A practical application with what the rosters print beyond selection.
#[derive(Debug, Clone)]
pub struct PracticalRosterRow {
    pub application: PracticalApplication,
    pub certificate_number: Option<String>,
    pub attended_on: Option<Date>,
    pub completed_on: Option<Date>,
}

#[derive(Debug, FromQueryResult)]
struct PracticalExtra {
    id: i32,
    certificate_number: Option<String>,
    attended_on: Option<Date>,
    completed_on: Option<Date>,
}

/// The next page of a training's practical applications under `filter`, after `after` by id.
pub async fn practical_page(
    db: &impl ConnectionTrait,
    training_id: i32,
    filter: PracticalFilter,
    after: i32,
    limit: u64,
) -> Result<Vec<PracticalRosterRow>, RepoError> {
    use practical_applications::Column as C;
    let mut query = Practicals::find()
        .filter(C::TrainingId.eq(training_id))
        .filter(C::Id.gt(after))
        .order_by_asc(C::Id)
        .limit(limit);
    match filter {
        PracticalFilter::All => {}
        PracticalFilter::Accepted { schedule_id } => {
            query = query.filter(C::Decision.eq("accepted")).filter(C::Status.ne("cancelled"));
            if let Some(schedule_id) = schedule_id {
                query = query.filter(C::ScheduleId.eq(schedule_id));
            }
        }
        PracticalFilter::Completed => query = query.filter(C::Status.eq("completed")),
    }
    let rows = query.clone().select_only().columns(APPLICATION_COLUMNS).into_model::<ApplicationRow>().all(db).await?;
    let Some(last) = rows.last().map(|r| r.id) else { return Ok(vec![]) };
    let mut extras: BTreeMap<i32, PracticalExtra> = Practicals::find()
        .select_only()
        .columns([C::Id, C::CertificateNumber, C::AttendedOn, C::CompletedOn])
        .filter(C::TrainingId.eq(training_id))
        .filter(C::Id.gt(after))
        .filter(C::Id.lte(last))
        .into_model::<PracticalExtra>()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    rows.into_iter()
        .map(|row| {
            let extra = extras.remove(&row.id);
            Ok(PracticalRosterRow {
                application: to_application(row)?,
                certificate_number: extra.as_ref().and_then(|e| e.certificate_number.clone()),
                attended_on: extra.as_ref().and_then(|e| e.attended_on),
                completed_on: extra.and_then(|e| e.completed_on),
            })
        })
        .collect()
}

/// A survey answer with its participant's name.
#[derive(Debug, Clone)]
pub struct AnswerRow {
    pub application_id: i32,
    pub full_name: String,
    pub care_manager_number: String,
    pub answered_at: OffsetDateTime,
    pub answers: BTreeMap<i32, Answer>,
}

/// The next page of a training's survey answers, after `after` by application id.
pub async fn answer_page(
    db: &impl ConnectionTrait,
    training_id: i32,
    after: i32,
    limit: u64,
) -> Result<Vec<AnswerRow>, RepoError> {
    use survey_answers::Column as C;
    let rows = SurveyAnswers::find()
        .filter(C::TrainingId.eq(training_id))
        .filter(C::ApplicationId.gt(after))
        .order_by_asc(C::ApplicationId)
        .limit(limit)
        .all(db)
        .await?;
    let names: BTreeMap<i32, String> = Applications::find()
        .select_only()
        .columns([applications::Column::Id, applications::Column::FullName])
        .filter(applications::Column::Id.is_in(rows.iter().map(|a| a.application_id)))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|a| {
            let answers = serde_json::from_str(&a.answers)
                .map_err(|e| RepoError::Corrupt(format!("survey answer {}: {:?}", a.id, e.classify())))?;
            let full_name = names.get(&a.application_id).cloned().unwrap_or_default();
            Ok(AnswerRow {
                application_id: a.application_id,
                full_name,
                care_manager_number: a.care_manager_number,
                answered_at: a.answered_at,
                answers,
            })
        })
        .collect()
}

/// A training as a roster across trainings lists it.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct TrainingRef {
    pub id: i32,
    pub title: String,
    pub starts_at: OffsetDateTime,
    pub form_kind: String,
    pub status: String,
}

/// Midnight of `day` in Japan, as a UTC instant.
fn jst_midnight(day: Date) -> OffsetDateTime {
    to_utc(PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_offset(time::macros::offset!(+9)))
}

/// The trainings starting in fiscal year `fiscal_year` (1 April to 31 March, Japan time),
/// in the order they are held.
pub async fn trainings_in_fiscal_year(
    db: &impl ConnectionTrait,
    fiscal_year: i32,
) -> Result<Vec<TrainingRef>, RepoError> {
    use trainings::Column as C;
    let from = Date::from_calendar_date(fiscal_year, Month::April, 1).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    let to =
        Date::from_calendar_date(fiscal_year + 1, Month::April, 1).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    Ok(Trainings::find()
        .select_only()
        .columns([C::Id, C::Title, C::StartsAt, C::FormKind, C::Status])
        .filter(C::StartsAt.gte(jst_midnight(from)))
        .filter(C::StartsAt.lt(jst_midnight(to)))
        .filter(Expr::col(C::Status).ne("draft"))
        .order_by_asc(C::StartsAt)
        .order_by_asc(C::Id)
        .into_model::<TrainingRef>()
        .all(db)
        .await?)
}
