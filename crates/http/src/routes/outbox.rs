//! Staff view of the mail outbox: failures, and resending.

use actix_web::{get, post, web};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::outbox::{self, OutboxMail};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::auth::StaffUser;
use crate::error::{AppError, Problem};
use crate::extract::PageQuery;
use crate::state::AppState;

/// pending / sent / failed
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    Pending,
    Sent,
    Failed,
}

impl MailStatus {
    fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => outbox::PENDING,
            MailStatus::Sent => outbox::SENT,
            MailStatus::Failed => outbox::FAILED,
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            outbox::SENT => MailStatus::Sent,
            outbox::FAILED => MailStatus::Failed,
            _ => MailStatus::Pending,
        }
    }
}

/// A mail as staff see it (without its body, which may hold a My Page link).
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxItem {
    pub id: i32,
    pub kind: String,
    pub status: MailStatus,
    pub recipient: String,
    pub subject: String,
    pub application_id: Option<i32>,
    pub training_id: Option<i32>,
    pub attempts: i32,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub next_attempt_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
}

impl From<OutboxMail> for OutboxItem {
    fn from(m: OutboxMail) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            status: MailStatus::parse(&m.status),
            recipient: m.recipient,
            subject: m.subject,
            application_id: m.application_id,
            training_id: m.training_id,
            attempts: m.attempts,
            last_error: m.last_error,
            next_attempt_at: to_jst(m.next_attempt_at),
            created_at: to_jst(m.created_at),
            sent_at: m.sent_at.map(to_jst),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxListResponse {
    pub items: Vec<OutboxItem>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    pub status: Option<MailStatus>,
    /// Only the mails of this training.
    pub training_id: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReissueResponse {
    /// The queued mail with the new links.
    pub mail_id: i32,
}

/// マイページURLを再発行する
///
/// Gives the application a new key and mails the acknowledgement again with the new My Page
/// and cancellation links; the old links stop working. For a mail that was lost after it was
/// delivered (delivered mails no longer hold their key and cannot be resent).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Application id")), responses(
    (status = 202, body = ReissueResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/applications/{id}/reissue")]
pub async fn reissue_links(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<actix_web::HttpResponse, AppError> {
    let mail_id = crate::usecases::reissue::reissue(&st.db, &st.config, id.into_inner(), st.clock.now()).await?;
    Ok(actix_web::HttpResponse::Accepted().json(ReissueResponse { mail_id }))
}

/// 送信メール一覧
///
/// Failures first, then mails still queued, then delivered ones (newest first within each).
/// Bodies are never listed: until delivery they hold the applicant's My Page key.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PageQuery, OutboxFilter), responses(
    (status = 200, body = OutboxListResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/outbox")]
pub async fn list_outbox(
    _user: StaffUser,
    query: web::Query<PageQuery>,
    filter: web::Query<OutboxFilter>,
    st: web::Data<AppState>,
) -> Result<web::Json<OutboxListResponse>, AppError> {
    let page = query.page()?;
    let (items, total) = outbox::list(&st.db, filter.status.map(MailStatus::as_str), filter.training_id, page).await?;
    Ok(web::Json(OutboxListResponse {
        items: items.into_iter().map(Into::into).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

/// メールを再送する
///
/// Puts a failed (or still pending) mail back in the queue, due now. A delivered mail no
/// longer holds its My Page link and cannot be resent (409 `already_sent`).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Mail id")), responses(
    (status = 200, body = OutboxItem),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/outbox/{id}/resend")]
pub async fn resend_mail(
    _user: StaffUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<OutboxItem>, AppError> {
    let id = id.into_inner();
    let mail = outbox::resend(&st.db, id, st.clock.now()).await.map_err(|e| match e {
        kenshu_persistence::RepoError::NotFound => AppError::new(ErrorCode::MailNotFound),
        kenshu_persistence::RepoError::Conflict(_) => AppError::new(ErrorCode::AlreadySent)
            .with_detail("マイページURLを再発行してください（POST /api/v1/admin/applications/{id}/reissue）"),
        other => other.into(),
    })?;
    tracing::info!(mail.id = id, "mail queued again by staff");
    Ok(web::Json(mail.into()))
}
