//! One error type for every handler, written as `application/problem+json` (RFC 9457)
//! with a stable machine `code` from the catalogue (`kenshu_domain::error`), its Japanese
//! `title`, and `errors[]` naming every bad field.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use kenshu_domain::application::ApplyError;
use kenshu_domain::attendance_by_hand::ByHandError;
use kenshu_domain::day_codes::DayError;
use kenshu_domain::office::OfficeError;
use kenshu_domain::selection::{BulkError, SelectionError, StepError};
use kenshu_domain::survey::SurveyError;
use kenshu_domain::training::TransitionError;
use kenshu_domain::zoom::ZoomError;
use kenshu_domain::{Catalogued, ErrorCode, FieldIssue};
use kenshu_persistence::{DbErr, RepoError};
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
    /// What went wrong, in Japanese (the catalogue's title of `code`).
    pub title: String,
    pub status: u16,
    /// Stable machine code, from the catalogue (`docs/errors.md`).
    pub code: ErrorCode,
    /// What is particular to this occurrence, in Japanese.
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

/// What a usecase or handler fails with: a code of the catalogue and what belongs to this
/// occurrence. It holds no HTTP type; the status comes from the code when it is rendered.
/// Internal errors carry their cause, logged once, never shown.
#[derive(Debug)]
pub struct AppError {
    pub code: ErrorCode,
    pub detail: Option<String>,
    pub errors: Vec<FieldIssue>,
    pub retry_after_secs: Option<u64>,
    pub source: Option<anyhow::Error>,
}

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        let retry_after_secs = (code == ErrorCode::DatabaseUnavailable).then_some(DATABASE_RETRY_AFTER_SECS);
        Self { code, detail: None, errors: vec![], retry_after_secs, source: None }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// 422 naming every bad field.
    pub fn validation(errors: Vec<FieldIssue>) -> Self {
        let mut e = Self::new(ErrorCode::ValidationFailed);
        e.errors = errors;
        e
    }

    pub fn payload_too_large(limit_bytes: usize) -> Self {
        Self::new(ErrorCode::PayloadTooLarge).with_detail(format!("{}以下にしてください", human_size(limit_bytes)))
    }

    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut e = Self::new(ErrorCode::TooManyRequests);
        e.retry_after_secs = Some(retry_after_secs.max(1));
        e
    }

    /// 500 with a generic Japanese message; the cause is logged once, with its chain. A
    /// database that cannot be reached anywhere in the chain makes it 503 with Retry-After,
    /// whichever call site mapped it.
    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let source = source.into();
        let unavailable =
            source.chain().any(|cause| cause.downcast_ref::<DbErr>().is_some_and(kenshu_persistence::is_unavailable));
        let mut e = Self::new(if unavailable { ErrorCode::DatabaseUnavailable } else { ErrorCode::InternalError });
        e.source = Some(source);
        e
    }

    /// Any error of the catalogue (domain rules, repositories). Causes the client cannot
    /// act on keep their source for the log.
    pub fn from_catalogued<E>(err: E) -> Self
    where
        E: Catalogued + std::error::Error + Send + Sync + 'static,
    {
        let mut e = Self::new(err.code());
        e.detail = err.detail();
        e.errors = err.issues();
        if e.code.status() >= 500 {
            e.source = Some(err.into());
        }
        e
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("/problems/{}", self.code),
            title: self.code.title().to_owned(),
            status: self.code.status(),
            code: self.code,
            detail: self.detail.clone(),
            errors: self
                .errors
                .iter()
                .map(|i| FieldError { field: i.field.clone(), code: i.code.to_owned(), message: i.message.clone() })
                .collect(),
        }
    }
}

/// How long a client waits before trying again while the database cannot be reached.
pub const DATABASE_RETRY_AFTER_SECS: u64 = 2;

/// 10MB, 64KB: sizes as the Japanese UI writes them.
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 {
        format!("{}KB", bytes / 1024)
    } else {
        // A short form field (e.g. 16 bytes for true or false): "0KB" would say nothing.
        format!("{bytes}バイト")
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code.status(), self.code)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        match &self.source {
            // The database being away is an outage the operator already sees (readyz,
            // every request answering 503), not a fault of this request: one line each.
            Some(source) if self.code == ErrorCode::DatabaseUnavailable => {
                tracing::warn!(code = %self.code, error = %source, "request answered 503: database away");
            }
            Some(source) => tracing::error!(code = %self.code, error = %format!("{source:#}"), "request failed"),
            None => {}
        }
        let mut response = HttpResponse::build(self.status());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        if let Some(secs) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<ErrorCode> for AppError {
    fn from(code: ErrorCode) -> Self {
        AppError::new(code)
    }
}

/// The one way domain and repository errors become application errors.
macro_rules! from_catalogued {
    ($($ty:ty),+) => {$(
        impl From<$ty> for AppError {
            fn from(err: $ty) -> Self {
                AppError::from_catalogued(err)
            }
        }
    )+};
}

from_catalogued!(
    RepoError,
    ApplyError,
    TransitionError,
    SelectionError,
    StepError,
    BulkError,
    DayError,
    ZoomError,
    SurveyError,
    OfficeError,
    ByHandError
);

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

#[cfg(test)]
mod tests {
    use kenshu_persistence::DbErr;
    use sea_orm::ConnAcquireErr;

    use super::*;

    #[test]
    fn an_internal_error_caused_by_an_unreachable_database_is_503_with_retry_after() {
        let timed_out = anyhow::Error::new(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)).context("begin");
        let e = AppError::internal(timed_out);
        assert_eq!((e.code, e.retry_after_secs), (ErrorCode::DatabaseUnavailable, Some(DATABASE_RETRY_AFTER_SECS)));
        let e = AppError::internal(anyhow::anyhow!("something else"));
        assert_eq!((e.code, e.retry_after_secs), (ErrorCode::InternalError, None));
    }

    #[test]
    fn a_size_limit_is_said_in_the_unit_that_shows_it() {
        assert_eq!(human_size(16), "16バイト");
        assert_eq!(human_size(64 * 1024), "64KB");
        assert_eq!(human_size(10 * 1024 * 1024), "10MB");
    }
}
