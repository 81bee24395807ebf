//! Liveness, readiness and metrics for the operators.

use actix_web::{get, web, HttpResponse};
use kenshu_domain::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct HealthResponse {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process is up
#[utoipa::path(tag = "operations", responses((status = 200, body = HealthResponse)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<HealthResponse> {
    web::Json(HealthResponse { status: "ok" })
}

/// The database answers
#[utoipa::path(tag = "operations", responses(
    (status = 200, body = HealthResponse),
    (status = 503, body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[get("/readyz")]
pub async fn readyz(st: web::Data<AppState>) -> Result<web::Json<HealthResponse>, AppError> {
    match kenshu_persistence::ping(&st.db).await {
        Ok(()) => Ok(web::Json(HealthResponse { status: "ready" })),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            Err(AppError::new(ErrorCode::DatabaseUnavailable))
        }
    }
}

/// Prometheus metrics
#[utoipa::path(tag = "operations", responses((status = 200, content_type = "text/plain", body = String)))]
#[get("/metrics")]
pub async fn metrics(st: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4").body(st.metrics.render())
}
