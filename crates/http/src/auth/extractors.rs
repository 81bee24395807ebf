//! Roles enforced by types: a handler that takes `StaffUser` cannot run for the prefecture.
//!
//! The credentials themselves are checked once per request by [`super::middleware`], before
//! any extractor runs; these extractors only read its verdict. So a request without the
//! right to call a route is refused (401/403) before its body is even looked at.

use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::{ready, Ready};
use kenshu_domain::staff::Role;
use kenshu_domain::ErrorCode;
use time::OffsetDateTime;

use super::actor::{Actor, ActorKind};
use crate::error::AppError;

/// Anyone signed in: a staff account (bearer JWT or session cookie) or an API token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The account; for an API token, the admin who created it.
    pub user_id: i32,
    pub email: String,
    /// The account's role; an API token acts as `staff` at most.
    pub role: Role,
    pub actor: Actor,
    /// The sign-in behind a staff JWT; `None` for API tokens.
    pub session: Option<Session>,
}

/// One sign-in of a staff account.
#[derive(Debug, Clone)]
pub struct Session {
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
}

/// Why authentication failed, kept on the request until an extractor reports it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub code: ErrorCode,
    pub detail: Option<String>,
    /// The cause of a 5xx, for the log.
    pub cause: Option<String>,
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure { code: e.code, detail: e.detail, cause: e.source.map(|s| format!("{s:#}")) }
    }
}

impl From<Failure> for AppError {
    fn from(f: Failure) -> Self {
        let mut e = AppError::new(f.code);
        e.detail = f.detail;
        e.source = f.cause.map(anyhow::Error::msg);
        e
    }
}

/// The middleware's verdict on a request's credentials (absent: there were none).
#[derive(Debug, Clone)]
pub struct Authentication(pub Result<SignedIn, Failure>);

fn signed_in(req: &HttpRequest) -> Result<SignedIn, AppError> {
    let verdict = req.extensions().get::<Authentication>().cloned();
    match verdict {
        Some(Authentication(Ok(user))) => {
            user.actor.attach(req);
            Ok(user)
        }
        Some(Authentication(Err(failure))) => Err(failure.into()),
        None => Err(AppError::new(ErrorCode::Unauthorized)),
    }
}

/// Whether a token or account of this kind may act with `allowed` roles.
fn require(req: &HttpRequest, allowed: impl Fn(Role) -> bool) -> Result<SignedIn, AppError> {
    let user = signed_in(req)?;
    if allowed(user.role) {
        Ok(user)
    } else {
        Err(AppError::new(ErrorCode::Forbidden))
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(signed_in(req))
    }
}

/// Reads staff data: admin, staff and the prefecture viewer.
#[derive(Debug, Clone)]
pub struct Viewer(pub SignedIn);

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(signed_in(req).map(Viewer))
    }
}

/// Runs trainings: admin and staff, not the prefecture.
#[derive(Debug, Clone)]
pub struct StaffUser(pub SignedIn);

impl FromRequest for StaffUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(require(req, Role::runs_trainings).map(StaffUser))
    }
}

/// Changes the organiser's settings, staff accounts and API tokens: admins signed in with
/// their password (never an API token).
#[derive(Debug, Clone)]
pub struct AdminUser(pub SignedIn);

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(require(req, |role| role == Role::Admin).map(AdminUser))
    }
}

/// A staff account signed in with its password (any role), not an API token: the session's
/// own endpoints.
#[derive(Debug, Clone)]
pub struct StaffSession(pub SignedIn);

impl FromRequest for StaffSession {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(signed_in(req).and_then(|user| match user.actor.kind {
            ActorKind::Staff { .. } => Ok(StaffSession(user)),
            ActorKind::Token { .. } => Err(AppError::new(ErrorCode::NotForApiTokens)),
        }))
    }
}
