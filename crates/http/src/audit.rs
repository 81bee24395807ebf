//! The audit log's one recorder: a middleware around the API, so no handler can forget it.
//!
//! Recorded (issue 12, SPEC §9):
//! - every unsafe request (POST, PUT, PATCH, DELETE) by an authenticated actor, whatever its
//!   outcome: a refused write (403 for the prefecture, 409, 422) is an attempt worth knowing
//!   about, so it is kept with its status; requests that never authenticated (401) are not,
//!   as no actor is known;
//! - every authenticated read of a route in [`AUDITED_READS`] (personal data in bulk);
//! - every sign-in, successful or not (a failure names no account and keeps no email).
//!
//! A row holds the actor (kind, id, role), the method and the matched route *pattern* (never
//! the raw path, which may carry a My Page key), the training id and other numeric path
//! parameters, the status and the client address. Never a body, a name or an address.
//!
//! A bulk read whose row cannot be written is refused (500) before its body leaves; a write
//! has already happened, so a failed row is logged as an error instead.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, ResponseError};
use kenshu_persistence::repos::audit_log::{self, NewAuditEntry};
use time::OffsetDateTime;

use crate::auth::{Actor, ActorKind};
use crate::error::AppError;
use crate::state::AppState;
use crate::transport::ClientAddress;

/// GET routes that read personal data in bulk: rosters, lists and exports. Every
/// authenticated read of one is recorded. Patterns as actix matches them (full path).
pub const AUDITED_READS: &[&str] = &[
    "/api/v1/admin/trainings/{id}/applications",
    "/api/v1/admin/trainings/{id}/practical-applications",
    "/api/v1/admin/trainings/{id}/certificates.zip",
    "/api/v1/admin/trainings/{id}/certificates.pdf",
    "/api/v1/admin/trainings/{id}/survey/answers.csv",
    "/api/v1/admin/trainings/{id}/survey/answers.xlsx",
    "/api/v1/admin/trainings/{id}/zoom-checks",
    // Rosters and exports (issue 12, item 6).
    "/api/v1/admin/trainings/{id}/rosters/{kind}",
    "/api/v1/admin/trainings/{id}/rosters/{kind}/cp932-report",
    "/api/v1/rosters",
];

/// Staff sign-in: recorded whether it succeeds or not.
pub const SIGN_IN: &str = "/api/v1/auth/login";

fn is_unsafe(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE)
}

/// Middleware: appends one audit row for each request the module doc lists.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !req.path().starts_with("/api/") {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    }
    let client = ClientAddress::of(req.request());
    let res = next.call(req).await?;
    let Some(state) = res.request().app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res.map_into_boxed_body());
    };
    let Some(entry) = entry_for(res.request(), client, res.status().as_u16(), state.clock.now()) else {
        return Ok(res.map_into_boxed_body());
    };
    let is_read = !is_unsafe(res.request().method());
    match audit_log::append(&state.db, entry).await {
        Ok(_) => Ok(res.map_into_boxed_body()),
        Err(err) if is_read => {
            let err = AppError::internal(anyhow::Error::new(err).context("cannot write the audit log"));
            let (req, _) = res.into_parts();
            Ok(ServiceResponse::new(req, err.error_response()))
        }
        Err(err) => {
            tracing::error!(error = %err, "cannot write the audit log for a write that happened");
            Ok(res.map_into_boxed_body())
        }
    }
}

/// The row for this finished request, or `None` when it is not audited.
fn entry_for(req: &HttpRequest, client: ClientAddress, status: u16, at: OffsetDateTime) -> Option<NewAuditEntry> {
    let pattern = req.match_pattern()?;
    let actor = Actor::of(req);
    let audited = if pattern == SIGN_IN {
        true
    } else if is_unsafe(req.method()) {
        actor.is_some()
    } else {
        actor.is_some() && AUDITED_READS.contains(&pattern.as_str())
    };
    if !audited {
        return None;
    }
    let (actor_kind, actor_id) = match actor.map(|a| a.kind) {
        Some(ActorKind::Staff { user_id }) => ("staff", Some(user_id)),
        Some(ActorKind::Token { token_id }) => ("token", Some(token_id)),
        None => ("staff", None),
    };
    let (training_id, target) = parameters(req, &pattern);
    Some(NewAuditEntry {
        at,
        actor_kind,
        actor_id,
        role: actor.map(|a| a.role.as_str()),
        action: format!("{} {pattern}", req.method()),
        training_id,
        target,
        status,
        client: client.0.map(|ip| ip.to_string()),
    })
}

/// The training id (`{id}` of a `/trainings/{id}` route) and the other numeric path
/// parameters. A parameter that is not a number (a My Page key, a code) is never kept.
fn parameters(req: &HttpRequest, pattern: &str) -> (Option<i32>, Option<String>) {
    let on_training = pattern.contains("/trainings/{id}");
    let mut training_id = None;
    let mut others = Vec::new();
    for (name, value) in req.match_info().iter() {
        let Ok(number) = value.parse::<i32>() else { continue };
        if on_training && name == "id" {
            training_id = Some(number);
        } else if name != "key" {
            others.push(format!("{name}={number}"));
        }
    }
    (training_id, (!others.is_empty()).then(|| others.join(",")))
}
