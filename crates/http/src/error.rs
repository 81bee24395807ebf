//! One error type for every handler, written as `application/problem+json` (RFC 9457)
//! with a stable machine `code`, a Japanese `title`, and `errors[]` naming every bad field.

use std::borrow::Cow;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use kenshu_domain::training::TransitionError;
use kenshu_domain::FieldIssue;
use kenshu_persistence::RepoError;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed", "title": "入力内容に誤りがあります", "status": 422,
    "code": "validation_failed",
    "errors": [{"field": "capacity", "code": "range", "message": "定員は1〜10000の範囲で入力してください"}]
}))]
pub struct Problem {
    /// `/problems/<code>`
    #[serde(rename = "type")]
    pub kind: String,
    /// What went wrong, in Japanese.
    pub title: String,
    pub status: u16,
    /// Stable machine code (snake_case).
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// One entry per bad field, all at once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// A bad field: its path in the request, a machine code and a Japanese message.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An error a handler returns. 5xx carry their cause, logged once, never shown.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub title: Cow<'static, str>,
    pub detail: Option<String>,
    pub errors: Vec<FieldIssue>,
    pub retry_after_secs: Option<u64>,
    pub source: Option<anyhow::Error>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, title: impl Into<Cow<'static, str>>) -> Self {
        Self { status, code, title: title.into(), detail: None, errors: vec![], retry_after_secs: None, source: None }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// 422 naming every bad field.
    pub fn validation(errors: Vec<FieldIssue>) -> Self {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "入力内容に誤りがあります");
        e.errors = errors;
        e
    }

    pub fn not_found(code: &'static str, title: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, title)
    }

    pub fn training_not_found() -> Self {
        Self::not_found("training_not_found", "研修が見つかりません")
    }

    pub fn unauthorized(code: &'static str, title: &'static str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, title)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "この操作を行う権限がありません")
    }

    pub fn conflict(code: &'static str, title: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::CONFLICT, code, title)
    }

    pub fn payload_too_large(limit_bytes: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "送信できるサイズを超えています")
            .with_detail(format!("{}以下にしてください", human_size(limit_bytes)))
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "短時間に操作が繰り返されました。しばらく待ってからやり直してください",
        );
        e.retry_after_secs = Some(retry_after_secs.max(1));
        e
    }

    /// 500 with a generic Japanese message; the cause is logged once, with its chain.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let mut e = Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "システムエラーが発生しました。時間をおいて再度お試しください",
        );
        e.source = Some(source.into());
        e
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("/problems/{}", self.code),
            title: self.title.to_string(),
            status: self.status.as_u16(),
            code: self.code.to_owned(),
            detail: self.detail.clone(),
            errors: self
                .errors
                .iter()
                .map(|i| FieldError { field: i.field.clone(), code: i.code.to_owned(), message: i.message.clone() })
                .collect(),
        }
    }
}

/// 10MB, 64KB: sizes as the Japanese UI writes them.
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}MB", bytes / (1024 * 1024))
    } else {
        format!("{}KB", bytes / 1024)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.code)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(source) = &self.source {
            tracing::error!(code = self.code, error = %format!("{source:#}"), "request failed");
        }
        let mut response = HttpResponse::build(self.status);
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<RepoError> for ApiError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => ApiError::not_found("not_found", "見つかりません"),
            RepoError::Conflict("status_changed") => ApiError::conflict(
                "status_changed",
                "他の操作で研修の状態が変わりました。画面を更新してやり直してください",
            ),
            RepoError::Conflict(code) => ApiError::conflict(code, "すでに登録されています"),
            other => ApiError::internal(other),
        }
    }
}

impl From<TransitionError> for ApiError {
    fn from(err: TransitionError) -> Self {
        ApiError::conflict(err.code(), err.to_string())
    }
}

/// Flattens validator's tree into `field`, `list[2].field` paths.
pub fn field_issues(errors: &validator::ValidationErrors) -> Vec<FieldIssue> {
    fn walk(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldIssue>) {
        use validator::ValidationErrorsKind as Kind;
        let mut fields: Vec<_> = errors.errors().iter().collect();
        fields.sort_by_key(|(name, _)| name.to_string());
        for (name, kind) in fields {
            let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
            match kind {
                Kind::Field(list) => out.extend(list.iter().map(|e| {
                    let message = e
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "入力内容が正しくありません".into());
                    FieldIssue { field: path.clone(), code: code_of(&e.code), message }
                })),
                Kind::Struct(inner) => walk(&path, inner, out),
                Kind::List(items) => {
                    for (index, inner) in items {
                        walk(&format!("{path}[{index}]"), inner, out);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk("", errors, &mut out);
    out
}

/// validator's codes are `Cow<'static, str>`; ours are `&'static str`.
fn code_of(code: &str) -> &'static str {
    match code {
        "length" => "length",
        "range" => "range",
        "email" => "email",
        "url" => "url",
        "required" => "required",
        _ => "invalid",
    }
}
