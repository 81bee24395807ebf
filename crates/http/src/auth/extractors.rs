//! Roles enforced by types: a handler that takes `StaffUser` cannot run for the prefecture.

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use kenshu_domain::staff::Role;
use kenshu_persistence::repos::staff_users;

use kenshu_domain::ErrorCode;

use super::actor::{Actor, ActorKind};
use crate::error::AppError;
use crate::state::AppState;

/// Anyone signed in with a valid token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: i32,
    pub email: String,
    pub role: Role,
}

fn bearer(req: &HttpRequest) -> Result<String, AppError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))
}

/// A valid signature is not enough: the account is read on every request (one primary-key
/// read), so a disabled or deleted account, or a token of an older version, fails at once on
/// every instance. Role and email come from the account, not from the token.
fn authenticate(req: &HttpRequest) -> LocalBoxFuture<'static, Result<SignedIn, AppError>> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = bearer(req);
    let req = req.clone();
    Box::pin(async move {
        let state = state.ok_or_else(|| AppError::internal(anyhow::anyhow!("AppState missing")))?;
        let claims = state.jwt.verify(&token?)?;
        let user_id = claims.sub.parse().map_err(|_| AppError::new(ErrorCode::InvalidToken))?;
        let account = staff_users::find(&state.db, user_id)
            .await?
            .filter(|account| account.accepts_token(claims.ver))
            .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
        Actor { kind: ActorKind::Staff { user_id }, role: account.user.role }.attach(&req);
        Ok(SignedIn { user_id, email: account.user.email, role: account.user.role })
    })
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        authenticate(req)
    }
}

/// Reads staff data: admin, staff and the prefecture viewer.
#[derive(Debug, Clone)]
pub struct Viewer(pub SignedIn);

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = authenticate(req);
        Box::pin(async move { signed_in.await.map(Viewer) })
    }
}

/// Runs trainings: admin and staff, not the prefecture.
#[derive(Debug, Clone)]
pub struct StaffUser(pub SignedIn);

impl FromRequest for StaffUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = authenticate(req);
        Box::pin(async move {
            let user = signed_in.await?;
            if user.role.runs_trainings() {
                Ok(StaffUser(user))
            } else {
                Err(AppError::new(ErrorCode::Forbidden))
            }
        })
    }
}

/// Changes the organiser's settings and staff accounts: admin only.
#[derive(Debug, Clone)]
pub struct AdminUser(pub SignedIn);

impl FromRequest for AdminUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = authenticate(req);
        Box::pin(async move {
            let user = signed_in.await?;
            if user.role == Role::Admin {
                Ok(AdminUser(user))
            } else {
                Err(AppError::new(ErrorCode::Forbidden))
            }
        })
    }
}
