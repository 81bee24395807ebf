//! Webアンケート: a training's questions and its participants' answers (SPEC §8).

use std::collections::BTreeMap;

use kenshu_domain::survey::{Answer, CareManagerNumber, Question, QuestionInput, QuestionKind};
use kenshu_domain::time_jp::to_utc;
use kenshu_domain::ErrorCode;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use time::OffsetDateTime;

use crate::entities::applications::{self, Entity as Applications};
use crate::entities::survey_answers::{self, Entity as SurveyAnswers};
use crate::entities::survey_questions::{self, Entity as SurveyQuestions};
use crate::entities::trainings::{self, Entity as Trainings};
use crate::RepoError;

fn question(m: survey_questions::Model) -> Result<Question, RepoError> {
    let kind = QuestionKind::parse(&m.kind).ok_or_else(|| RepoError::Corrupt(format!("question kind {}", m.kind)))?;
    let options: Vec<String> =
        serde_json::from_str(&m.options).map_err(|e| RepoError::Corrupt(format!("question {} options: {e}", m.id)))?;
    Ok(Question { id: m.id, kind, text: m.text, required: m.required, options })
}

/// The questions of a training, in order.
pub async fn questions(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<Question>, RepoError> {
    SurveyQuestions::find()
        .filter(survey_questions::Column::TrainingId.eq(training_id))
        .order_by_asc(survey_questions::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(question)
        .collect()
}

/// Whether the training has a survey, without reading its questions (My Page asks on
/// every load).
pub async fn has_questions(db: &impl ConnectionTrait, training_id: i32) -> Result<bool, RepoError> {
    let first = SurveyQuestions::find()
        .filter(survey_questions::Column::TrainingId.eq(training_id))
        .select_only()
        .column(survey_questions::Column::Id)
        .into_tuple::<i32>()
        .one(db)
        .await?;
    Ok(first.is_some())
}

/// Replaces every question of a training (only while no answer has arrived) and sets
/// whether its certificate waits for the answer.
pub async fn replace(
    db: &impl ConnectionTrait,
    training_id: i32,
    certificate_needs_survey: bool,
    inputs: &[QuestionInput],
) -> Result<(), RepoError> {
    SurveyQuestions::delete_many().filter(survey_questions::Column::TrainingId.eq(training_id)).exec(db).await?;
    for (position, q) in inputs.iter().enumerate() {
        survey_questions::ActiveModel {
            training_id: Set(training_id),
            position: Set(position as i32),
            kind: Set(q.kind.as_str().to_owned()),
            text: Set(q.text.clone()),
            required: Set(q.required),
            options: Set(serde_json::to_string(&q.options).map_err(|e| RepoError::Corrupt(e.to_string()))?),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Trainings::update_many()
        .col_expr(trainings::Column::CertificateNeedsSurvey, Expr::value(certificate_needs_survey))
        .filter(trainings::Column::Id.eq(training_id))
        .exec(db)
        .await?;
    Ok(())
}

/// How many participants have answered.
pub async fn answer_count(db: &impl ConnectionTrait, training_id: i32) -> Result<u64, RepoError> {
    Ok(SurveyAnswers::find().filter(survey_answers::Column::TrainingId.eq(training_id)).count(db).await?)
}

/// Stores one participant's answer and marks the application answered, in the caller's
/// transaction. A second answer is `Conflict(SurveyAlreadyAnswered)`, however it races.
pub async fn insert_answer(
    db: &impl ConnectionTrait,
    training_id: i32,
    application_id: i32,
    number: &CareManagerNumber,
    answers: &BTreeMap<i32, Answer>,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    let already = || RepoError::Conflict(ErrorCode::SurveyAlreadyAnswered);
    let marked = Applications::update_many()
        .col_expr(applications::Column::SurveyAnsweredAt, Expr::value(to_utc(now)))
        .filter(applications::Column::Id.eq(application_id))
        .filter(applications::Column::SurveyAnsweredAt.is_null())
        .exec(db)
        .await?;
    if marked.rows_affected != 1 {
        return Err(already());
    }
    survey_answers::ActiveModel {
        training_id: Set(training_id),
        application_id: Set(application_id),
        care_manager_number: Set(number.as_str().to_owned()),
        answers: Set(serde_json::to_string(answers).map_err(|e| RepoError::Corrupt(e.to_string()))?),
        answered_at: Set(to_utc(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| RepoError::on_unique(e, ErrorCode::SurveyAlreadyAnswered))?;
    Ok(())
}

/// One participant's stored answer, with their name.
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub application_id: i32,
    pub full_name: String,
    pub care_manager_number: String,
    pub answered_at: OffsetDateTime,
    pub answers: BTreeMap<i32, Answer>,
}

/// Every answer of a training, by application id.
pub async fn answers(db: &impl ConnectionTrait, training_id: i32) -> Result<Vec<StoredAnswer>, RepoError> {
    let rows = SurveyAnswers::find()
        .filter(survey_answers::Column::TrainingId.eq(training_id))
        .order_by_asc(survey_answers::Column::ApplicationId)
        .all(db)
        .await?;
    let names: BTreeMap<i32, String> = Applications::find()
        .filter(applications::Column::Id.is_in(rows.iter().map(|a| a.application_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.full_name))
        .collect();
    rows.into_iter()
        .map(|a| {
            let answers = serde_json::from_str(&a.answers)
                .map_err(|e| RepoError::Corrupt(format!("survey answer {}: {e}", a.id)))?;
            let full_name = names
                .get(&a.application_id)
                .cloned()
                .ok_or_else(|| RepoError::Corrupt(format!("survey answer {} without application", a.id)))?;
            Ok(StoredAnswer {
                application_id: a.application_id,
                full_name,
                care_manager_number: a.care_manager_number,
                answered_at: a.answered_at,
                answers,
            })
        })
        .collect()
}
