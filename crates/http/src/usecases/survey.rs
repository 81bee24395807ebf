//! Webアンケート (SPEC §8): staff define the questions; each participant answers once.

use std::collections::BTreeMap;

use kenshu_domain::application::Application;
use kenshu_domain::survey::{self, Question, QuestionInput, RawAnswer, SurveyState};
use kenshu_domain::training::Training;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{applications, survey as repo, trainings};
use kenshu_persistence::Db;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::usecases::cancel::open;

pub async fn training(db: &Db, training_id: i32) -> Result<Training, AppError> {
    trainings::find(db, training_id).await?.ok_or_else(|| AppError::new(ErrorCode::TrainingNotFound))
}

/// Replaces the questions and the certificate option, until the first answer arrives.
pub async fn define(
    db: &Db,
    training_id: i32,
    certificate_needs_survey: bool,
    inputs: &[QuestionInput],
) -> Result<(), AppError> {
    training(db, training_id).await?;
    let questions = survey::check_questions(inputs)?;
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    // Under the training's lock, as answers are taken: an answer is checked against the
    // questions it answers.
    applications::lock_training(&tx, training_id).await?;
    survey::may_edit(repo::answer_count(&tx, training_id).await?)?;
    repo::replace(&tx, training_id, certificate_needs_survey, &questions).await?;
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(training.id = training_id, questions = questions.len(), "survey defined");
    Ok(())
}

/// A participant's survey: the application, its training, the questions and the state.
pub struct MySurvey {
    pub application: Application,
    pub training: Training,
    pub questions: Vec<Question>,
    pub state: SurveyState,
}

pub async fn mine(db: &Db, key: &str) -> Result<MySurvey, AppError> {
    let (application, training) = open(db, key).await?;
    let questions = repo::questions(db, training.id).await?;
    let state = survey::survey_state(application.status, &application.day, !questions.is_empty());
    Ok(MySurvey { application, training, questions, state })
}

/// Takes a participant's answer once, after check-out; marks the application answered in
/// the same transaction.
pub async fn answer(
    db: &Db,
    key: &str,
    care_manager_number: &str,
    raw: &BTreeMap<String, RawAnswer>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (application, training) = open(db, key).await?;
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    applications::lock_training(&tx, training.id).await?;
    let questions = repo::questions(&tx, training.id).await?;
    survey::may_answer(survey::survey_state(application.status, &application.day, !questions.is_empty()))?;
    let submission = survey::check_submission(&questions, care_manager_number, raw)?;
    repo::insert_answer(&tx, training.id, application.id, &submission.care_manager_number, &submission.answers, now)
        .await?;
    tx.commit().await.map_err(AppError::internal)?;
    tracing::info!(application.id = application.id, "survey answered");
    Ok(())
}
