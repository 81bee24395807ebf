//! Webアンケート (SPEC §8): the staff editor, charts and downloads, and the participant's
//! page behind the My Page key.

use std::collections::BTreeMap;

use actix_web::{get, post, put, web};
use kenshu_domain::roster::{ExportFormat, RosterKind};
use kenshu_domain::survey::{self, Question, QuestionInput, QuestionSummary, RawAnswer, SurveyState};
use kenshu_domain::time_jp::to_jst;
use kenshu_persistence::repos::survey as repo;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{StaffUser, Viewer};
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::export::Export;
use crate::usecases::{rosters, survey as usecase};

/// A training's survey as staff see it: the questions, whether they may still change, and
/// the answers counted per question.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyAdmin {
    pub training_id: i32,
    pub title: String,
    /// The 受講証明書 waits for the answer.
    pub certificate_needs_survey: bool,
    /// False once an answer has arrived.
    pub editable: bool,
    pub answer_count: u64,
    pub questions: Vec<Question>,
    /// One per question, in the same order.
    pub summaries: Vec<QuestionSummary>,
}

async fn admin_view(st: &AppState, training_id: i32) -> Result<web::Json<SurveyAdmin>, AppError> {
    let training = usecase::training(&st.db, training_id).await?;
    let questions = repo::questions(&st.db, training_id).await?;
    let answers = repo::answers(&st.db, training_id).await?;
    let summaries = survey::summarise(&questions, answers.iter().map(|a| &a.answers));
    Ok(web::Json(SurveyAdmin {
        training_id,
        title: training.plan.title,
        certificate_needs_survey: training.day.certificate_needs_survey,
        editable: answers.is_empty(),
        answer_count: answers.len() as u64,
        questions,
        summaries,
    }))
}

/// アンケートの質問と集計
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, body = SurveyAdmin),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/survey")]
pub async fn get_survey(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<SurveyAdmin>, AppError> {
    admin_view(&st, id.into_inner()).await
}

/// The questions in order, and the certificate option.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SurveyDefinition {
    /// The 受講証明書 waits until the participant has answered.
    #[serde(default)]
    pub certificate_needs_survey: bool,
    pub questions: Vec<QuestionInput>,
}

/// アンケートの質問を保存する（回答が届く前まで）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = SurveyDefinition,
    responses(
        (status = 200, body = SurveyAdmin),
        (status = 409, description = "survey_locked: answers have arrived", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[put("/admin/trainings/{id}/survey")]
pub async fn define_survey(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<SurveyDefinition>,
    st: web::Data<AppState>,
) -> Result<web::Json<SurveyAdmin>, AppError> {
    usecase::define(&st.db, *id, body.0.certificate_needs_survey, &body.0.questions).await?;
    admin_view(&st, id.into_inner()).await
}

/// The survey answers through the rosters' export: 申込ID, 氏名, 介護支援専門員番号, 回答日時
/// (JST) and one column per question.
async fn answers(st: &AppState, training_id: i32, format: ExportFormat) -> Result<Export, AppError> {
    let roster = rosters::for_training(&st.db, training_id, RosterKind::Survey, None, None).await?;
    Ok(Export { roster, format })
}

/// アンケート回答（CSV, UTF-8 BOM付き）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, description = "UTF-8 with BOM, RFC 4180; the same as rosters/survey", content_type = "text/csv", body = Vec<u8>),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/survey/answers.csv")]
pub async fn download_survey_csv(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Export, AppError> {
    answers(&st, id.into_inner(), ExportFormat::Csv).await
}

/// アンケート回答（Excel）
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    responses(
        (status = 200, description = "One worksheet; the same as rosters/survey?format=xlsx", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[get("/admin/trainings/{id}/survey/answers.xlsx")]
pub async fn download_survey_xlsx(
    _user: Viewer,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<Export, AppError> {
    answers(&st, id.into_inner(), ExportFormat::Xlsx).await
}

/// The survey as a participant sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MySurvey {
    pub training_title: String,
    pub full_name: String,
    /// unavailable (none, or not confirmed) / not_yet (after the end code) / open / answered
    pub state: SurveyState,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    /// Empty once answered.
    pub questions: Vec<Question>,
}

async fn my_view(st: &AppState, key: &str) -> Result<web::Json<MySurvey>, AppError> {
    let mine = usecase::mine(&st.db, key).await?;
    let answered = mine.state == SurveyState::Answered;
    Ok(web::Json(MySurvey {
        training_title: mine.training.plan.title,
        full_name: mine.application.full_name,
        state: mine.state,
        answered_at: mine.application.day.survey_answered_at.map(to_jst),
        questions: if answered { vec![] } else { mine.questions },
    }))
}

/// アンケート（参加者）
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")), responses(
    (status = 200, body = MySurvey),
    (status = 404, body = Problem, content_type = "application/problem+json"),
))]
#[get("/me/{key}/survey")]
pub async fn get_my_survey(key: web::Path<String>, st: web::Data<AppState>) -> Result<web::Json<MySurvey>, AppError> {
    my_view(&st, &key).await
}

/// A participant's answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SurveyAnswerBody {
    /// 介護支援専門員番号: 8 digits (full-width digits are accepted).
    pub care_manager_number: String,
    /// By question id: an option's index (from 0) for a single choice, a list of indexes
    /// for a multiple choice, 1–5 for a scale, text for free text.
    pub answers: BTreeMap<String, Value>,
}

fn raw(value: &Value) -> RawAnswer {
    match value {
        Value::Null => RawAnswer::Null,
        Value::String(text) => RawAnswer::Text(text.clone()),
        Value::Number(n) => n.as_i64().map_or(RawAnswer::Other, RawAnswer::Number),
        Value::Array(items) => {
            items.iter().map(Value::as_i64).collect::<Option<_>>().map_or(RawAnswer::Other, RawAnswer::Numbers)
        }
        _ => RawAnswer::Other,
    }
}

/// アンケートに回答する（終了番号の入力後、1回のみ）
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")),
    request_body = SurveyAnswerBody,
    responses(
        (status = 200, body = MySurvey),
        (status = 409, description = "survey_not_open, survey_already_answered", body = Problem, content_type = "application/problem+json"),
        (status = "4XX", body = Problem, content_type = "application/problem+json"),
    ))]
#[post("/me/{key}/survey")]
pub async fn answer_my_survey(
    key: web::Path<String>,
    body: JsonBody<SurveyAnswerBody>,
    st: web::Data<AppState>,
) -> Result<web::Json<MySurvey>, AppError> {
    let answers = body.0.answers.iter().map(|(k, v)| (k.clone(), raw(v))).collect();
    usecase::answer(&st.db, &key, &body.0.care_manager_number, &answers, st.clock.now()).await?;
    my_view(&st, &key).await
}
