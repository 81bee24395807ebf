//! 開始番号・終了番号: staff set, generate and project them; applicants enter them on My Page.

use actix_web::{get, post, put, web};
use kenshu_domain::day_codes::{self, CodeKind, Window};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::Training;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::StaffUser;
use crate::error::{AppError, Problem};
use crate::extract::JsonBody;
use crate::routes::me::{self, MyPage};
use crate::state::AppState;
use crate::transport::ClientAddress;
use crate::usecases::day_codes::{self as usecase, CodeChange};
use crate::usecases::trainings as trainings_usecase;

/// A training's codes, with the times they may be entered (for the projection view).
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingCodes {
    pub training_id: i32,
    pub title: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    /// 開始番号; `null` until staff set or generate it.
    #[schema(example = "4821")]
    pub start_code: Option<String>,
    /// 終了番号
    #[schema(example = "0937")]
    pub end_code: Option<String>,
    pub start_window: CodeWindow,
    pub end_window: CodeWindow,
}

/// When a code may be entered (both ends included), in Japan time.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeWindow {
    #[serde(with = "time::serde::rfc3339")]
    pub opens_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub closes_at: OffsetDateTime,
}

impl From<Window> for CodeWindow {
    fn from(w: Window) -> Self {
        Self { opens_at: to_jst(w.opens_at), closes_at: to_jst(w.closes_at) }
    }
}

impl TrainingCodes {
    fn new(t: &Training) -> Self {
        Self {
            training_id: t.id,
            title: t.plan.title.clone(),
            starts_at: to_jst(t.plan.starts_at),
            ends_at: to_jst(t.plan.ends_at),
            start_code: t.day.start_code.clone(),
            end_code: t.day.end_code.clone(),
            start_window: day_codes::window(CodeKind::Start, &t.plan).into(),
            end_window: day_codes::window(CodeKind::End, &t.plan).into(),
        }
    }
}

/// Each code: absent keeps it, a string sets it (4 digits, full-width accepted), and a kind
/// listed in `generate` gets a fresh random code.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"generate": ["start", "end"]}))]
pub struct CodesInput {
    #[serde(default)]
    #[schema(
        pattern = r"^[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-9０-９]{4}[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub start_code: Option<String>,
    #[serde(default)]
    #[schema(
        pattern = r"^[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-9０-９]{4}[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub end_code: Option<String>,
    #[serde(default)]
    pub generate: Vec<CodeKind>,
}

impl CodesInput {
    fn changes(self) -> Result<(CodeChange, CodeChange), AppError> {
        let mut issues = Vec::new();
        let mut change = |kind: CodeKind, typed: Option<String>, field: &str| match typed {
            Some(_) if self.generate.contains(&kind) => {
                issues.push(kenshu_domain::FieldIssue::new(
                    field,
                    "set_and_generate",
                    format!("{}は入力か自動生成のどちらかにしてください", kind.label()),
                ));
                CodeChange::Keep
            }
            Some(typed) => match day_codes::parse_code(&typed) {
                Some(code) => CodeChange::Set(code),
                None => {
                    issues.push(day_codes::code_issue(field, kind.label()));
                    CodeChange::Keep
                }
            },
            None if self.generate.contains(&kind) => CodeChange::Generate,
            None => CodeChange::Keep,
        };
        let start = change(CodeKind::Start, self.start_code, "start_code");
        let end = change(CodeKind::End, self.end_code, "end_code");
        match issues.is_empty() {
            true => Ok((start, end)),
            false => Err(AppError::validation(issues)),
        }
    }
}

/// 開始番号・終了番号（事務局）
///
/// The codes are a secret of the day: staff and admins only.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")), responses(
    (status = 200, body = TrainingCodes),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/trainings/{id}/codes")]
pub async fn get_codes(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<TrainingCodes>, AppError> {
    let training = trainings_usecase::get(&st.db, id.into_inner()).await?;
    Ok(web::Json(TrainingCodes::new(&training)))
}

/// 開始番号・終了番号を設定・生成する
///
/// Generated codes come from the operating system's CSPRNG; the two codes always differ.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Training id")),
    request_body = CodesInput, responses(
    (status = 200, body = TrainingCodes),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[put("/admin/trainings/{id}/codes")]
pub async fn put_codes(
    _user: StaffUser,
    id: web::Path<i32>,
    body: JsonBody<CodesInput>,
    st: web::Data<AppState>,
) -> Result<web::Json<TrainingCodes>, AppError> {
    let (start, end) = body.0.changes()?;
    let training = trainings_usecase::get(&st.db, id.into_inner()).await?;
    usecase::set_codes(&st.db, &training, start, end, st.clock.now()).await?;
    let training = trainings_usecase::get(&st.db, training.id).await?;
    Ok(web::Json(TrainingCodes::new(&training)))
}

/// A code as the applicant typed it.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"code": "1234"}))]
pub struct CodeEntry {
    /// Four digits; full-width digits are accepted, and spaces around them.
    #[schema(
        pattern = r"^[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[0-9０-９]{4}[\n\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub code: String,
}

/// 研修に参加する（開始番号）
///
/// Records 出席確認時間. Wrong codes are limited per application and per client address.
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")),
    request_body = CodeEntry, responses(
    (status = 200, body = MyPage),
    (status = 409, description = "not_confirmed_for_day, code_window_not_open, code_window_closed, already_checked_in, code_not_set", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "validation_failed, wrong_code", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too_many_requests, code_attempts_exhausted", body = Problem, content_type = "application/problem+json"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/{key}/check-in")]
pub async fn check_in(
    key: web::Path<String>,
    client: ClientAddress,
    body: JsonBody<CodeEntry>,
    st: web::Data<AppState>,
) -> Result<web::Json<MyPage>, AppError> {
    usecase::enter(&st.db, &key, CodeKind::Start, &body.0.code, &client.key(), st.clock.now()).await?;
    Ok(web::Json(me::load(&st, &key).await?))
}

/// 研修を完了する（終了番号）
///
/// Records 受講確認時間; only after the start code.
#[utoipa::path(tag = "my_page", params(("key" = String, Path, description = "The key from the mail")),
    request_body = CodeEntry, responses(
    (status = 200, body = MyPage),
    (status = 409, description = "not_confirmed_for_day, not_checked_in, code_window_not_open, code_window_closed, already_checked_out, code_not_set", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "validation_failed, wrong_code", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too_many_requests, code_attempts_exhausted", body = Problem, content_type = "application/problem+json"),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/me/{key}/check-out")]
pub async fn check_out(
    key: web::Path<String>,
    client: ClientAddress,
    body: JsonBody<CodeEntry>,
    st: web::Data<AppState>,
) -> Result<web::Json<MyPage>, AppError> {
    usecase::enter(&st.db, &key, CodeKind::End, &body.0.code, &client.key(), st.clock.now()).await?;
    Ok(web::Json(me::load(&st, &key).await?))
}
