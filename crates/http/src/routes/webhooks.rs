//! Webhook subscriptions and their delivery log, for admins (issue 12).

use actix_web::{delete, get, post, web, HttpResponse};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::webhook::WebhookEvent;
use kenshu_domain::{ErrorCode, FieldIssue};
use kenshu_persistence::repos::webhooks::{self, Delivery, Subscription};
use kenshu_persistence::RepoError;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::auth::AdminUser;
use crate::error::{AppError, Problem};
use crate::extract::{JsonBody, PageQuery};
use crate::routes::Created;
use crate::state::AppState;
use crate::workers::webhooks::destination;

/// An event partners can subscribe to.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum WebhookEventName {
    #[serde(rename = "application.created")]
    ApplicationCreated,
    #[serde(rename = "application.cancelled")]
    ApplicationCancelled,
    #[serde(rename = "attendance.completed")]
    AttendanceCompleted,
    #[serde(rename = "certificate.issued")]
    CertificateIssued,
}

impl From<WebhookEventName> for WebhookEvent {
    fn from(e: WebhookEventName) -> Self {
        match e {
            WebhookEventName::ApplicationCreated => WebhookEvent::ApplicationCreated,
            WebhookEventName::ApplicationCancelled => WebhookEvent::ApplicationCancelled,
            WebhookEventName::AttendanceCompleted => WebhookEvent::AttendanceCompleted,
            WebhookEventName::CertificateIssued => WebhookEvent::CertificateIssued,
        }
    }
}

impl From<WebhookEvent> for WebhookEventName {
    fn from(e: WebhookEvent) -> Self {
        match e {
            WebhookEvent::ApplicationCreated => WebhookEventName::ApplicationCreated,
            WebhookEvent::ApplicationCancelled => WebhookEventName::ApplicationCancelled,
            WebhookEvent::AttendanceCompleted => WebhookEventName::AttendanceCompleted,
            WebhookEvent::CertificateIssued => WebhookEventName::CertificateIssued,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"url": "https://partner.example.jp/kenshu/webhook", "events": ["application.created"]}))]
pub struct CreateWebhookRequest {
    /// Where deliveries are POSTed: http(s), not this server, not a link-local or (unless
    /// allowed) private address.
    pub url: String,
    /// At least one event.
    pub events: Vec<WebhookEventName>,
}

/// A subscription, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookResponse {
    pub id: i32,
    pub url: String,
    pub events: Vec<WebhookEventName>,
    pub active: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<Subscription> for WebhookResponse {
    fn from(s: Subscription) -> Self {
        Self {
            id: s.id,
            url: s.url,
            events: s.events.into_iter().map(Into::into).collect(),
            active: s.active,
            created_at: to_jst(s.created_at),
        }
    }
}

/// A new subscription with its signing secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookCreatedResponse {
    #[serde(flatten)]
    pub webhook: WebhookResponse,
    /// Keys the `Kenshu-Signature` HMAC. Shown only now: store it in the receiver.
    pub secret: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookListResponse {
    pub items: Vec<WebhookResponse>,
}

/// pending / delivered / failed
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    Failed,
}

/// One event sent (or being sent) to one subscription.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDeliveryResponse {
    pub id: i32,
    pub webhook_id: i32,
    #[schema(example = "application.created")]
    pub event: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    /// The receiver's last HTTP status, if it answered.
    pub last_status_code: Option<i32>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it is tried next (while pending).
    #[serde(with = "time::serde::rfc3339")]
    pub next_attempt_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub delivered_at: Option<OffsetDateTime>,
}

impl From<Delivery> for WebhookDeliveryResponse {
    fn from(d: Delivery) -> Self {
        Self {
            id: d.id,
            webhook_id: d.subscription_id,
            event: d.event,
            status: match d.status.as_str() {
                webhooks::DELIVERED => DeliveryStatus::Delivered,
                webhooks::FAILED => DeliveryStatus::Failed,
                _ => DeliveryStatus::Pending,
            },
            attempts: d.attempts,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            next_attempt_at: to_jst(d.next_attempt_at),
            created_at: to_jst(d.created_at),
            delivered_at: d.delivered_at.map(to_jst),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDeliveryListResponse {
    pub items: Vec<WebhookDeliveryResponse>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryFilter {
    /// Only this subscription's deliveries.
    pub webhook_id: Option<i32>,
}

fn webhook_not_found(e: RepoError) -> AppError {
    match e {
        RepoError::NotFound => AppError::new(ErrorCode::WebhookNotFound),
        other => other.into(),
    }
}

/// Webhook一覧
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses(
    (status = 200, body = WebhookListResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/webhooks")]
pub async fn list_webhooks(
    _admin: AdminUser,
    st: web::Data<AppState>,
) -> Result<web::Json<WebhookListResponse>, AppError> {
    let items = webhooks::list_subscriptions(&st.db).await?;
    Ok(web::Json(WebhookListResponse { items: items.into_iter().map(Into::into).collect() }))
}

/// Webhookを登録する
///
/// The URL is checked (and resolved) before anything is stored; a refused URL is a 422
/// `webhook_url_refused` naming why. The answer carries the signing secret, shown only once.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = CreateWebhookRequest, responses(
    (status = 201, body = WebhookCreatedResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/webhooks")]
pub async fn create_webhook(
    _admin: AdminUser,
    body: JsonBody<CreateWebhookRequest>,
    st: web::Data<AppState>,
) -> Result<Created<WebhookCreatedResponse>, AppError> {
    let body = body.0;
    let mut events: Vec<WebhookEvent> = Vec::new();
    for event in body.events.into_iter().map(WebhookEvent::from) {
        if !events.contains(&event) {
            events.push(event);
        }
    }
    if events.is_empty() {
        return Err(AppError::validation(vec![FieldIssue::new(
            "events",
            "required",
            "イベントを1つ以上選んでください",
        )]));
    }
    let url = body.url.trim();
    if let Err(refusal) = destination(url, &st.config).await {
        let mut error = AppError::new(ErrorCode::WebhookUrlRefused).with_detail(refusal.message());
        error.errors = vec![FieldIssue::new("url", refusal.code(), refusal.message())];
        return Err(error);
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let secret = format!("whsec_{}", hex::encode(bytes));
    let created = webhooks::create_subscription(&st.db, url, &events, &secret, st.clock.now()).await?;
    tracing::info!(webhook.id = created.id, "webhook subscription created");
    Ok(Created {
        location: format!("/api/v1/admin/webhooks/{}", created.id),
        body: WebhookCreatedResponse { webhook: created.into(), secret },
    })
}

/// Webhookを停止する
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Webhook id")), responses(
    (status = 200, body = WebhookResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/webhooks/{id}/disable")]
pub async fn disable_webhook(
    _admin: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<WebhookResponse>, AppError> {
    let updated = webhooks::set_active(&st.db, id.into_inner(), false).await.map_err(webhook_not_found)?;
    Ok(web::Json(updated.into()))
}

/// Webhookを再開する
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Webhook id")), responses(
    (status = 200, body = WebhookResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/webhooks/{id}/enable")]
pub async fn enable_webhook(
    _admin: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<WebhookResponse>, AppError> {
    let updated = webhooks::set_active(&st.db, id.into_inner(), true).await.map_err(webhook_not_found)?;
    Ok(web::Json(updated.into()))
}

/// Webhookを削除する
///
/// Removes the subscription and its delivery log.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Webhook id")), responses(
    (status = 204),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[delete("/admin/webhooks/{id}")]
pub async fn delete_webhook(
    _admin: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    webhooks::delete_subscription(&st.db, id.into_inner()).await.map_err(webhook_not_found)?;
    Ok(HttpResponse::NoContent().finish())
}

/// Webhook配信ログ
///
/// Newest first.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(PageQuery, DeliveryFilter), responses(
    (status = 200, body = WebhookDeliveryListResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[get("/admin/webhook-deliveries")]
pub async fn list_webhook_deliveries(
    _admin: AdminUser,
    query: web::Query<PageQuery>,
    filter: web::Query<DeliveryFilter>,
    st: web::Data<AppState>,
) -> Result<web::Json<WebhookDeliveryListResponse>, AppError> {
    let page = query.page()?;
    let (items, total) = webhooks::list_deliveries(&st.db, filter.webhook_id, page).await?;
    Ok(web::Json(WebhookDeliveryListResponse {
        items: items.into_iter().map(Into::into).collect(),
        page: page.page,
        per_page: page.per_page,
        total,
    }))
}

/// Webhookを再送する
///
/// Queues the delivery again, due now, with a fresh count of attempts (also one already
/// delivered: the receiver recognises it by its `Kenshu-Delivery` id).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = i32, Path, description = "Delivery id")), responses(
    (status = 202, body = WebhookDeliveryResponse),
    (status = "4XX", body = Problem, content_type = "application/problem+json"),
))]
#[post("/admin/webhook-deliveries/{id}/redeliver")]
pub async fn redeliver_webhook(
    _admin: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let delivery = webhooks::redeliver(&st.db, id.into_inner(), st.clock.now()).await.map_err(|e| match e {
        RepoError::NotFound => AppError::new(ErrorCode::WebhookDeliveryNotFound),
        other => other.into(),
    })?;
    Ok(HttpResponse::Accepted().json(WebhookDeliveryResponse::from(delivery)))
}
