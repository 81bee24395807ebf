//! Roles enforced by types: a handler that takes `StaffUser` cannot run for the prefecture.

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use kenshu_domain::staff::Role;
use kenshu_persistence::repos::staff_users;

use crate::error::ApiError;
use crate::state::AppState;

/// Anyone signed in with a valid token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: i32,
    pub email: String,
    pub role: Role,
}

fn invalid_token() -> ApiError {
    ApiError::unauthorized("invalid_token", "ログイン情報が正しくありません。もう一度ログインしてください")
}

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::unauthorized("unauthorized", "ログインしてください"))?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .ok_or_else(invalid_token)
}

/// A valid signature is not enough: the account is read on every request (one primary-key
/// read), so a disabled or deleted account, or a token of an older version, fails at once on
/// every instance. Role and email come from the account, not from the token.
fn authenticate(req: &HttpRequest) -> LocalBoxFuture<'static, Result<SignedIn, ApiError>> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = bearer(req);
    Box::pin(async move {
        let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
        let claims = state.jwt.verify(&token?)?;
        let user_id = claims.sub.parse().map_err(|_| invalid_token())?;
        let account = staff_users::find(&state.db, user_id)
            .await?
            .filter(|account| account.accepts_token(claims.ver))
            .ok_or_else(invalid_token)?;
        Ok(SignedIn { user_id, email: account.user.email, role: account.user.role })
    })
}

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        authenticate(req)
    }
}

/// Reads staff data: admin, staff and the prefecture viewer.
#[derive(Debug, Clone)]
pub struct Viewer(pub SignedIn);

impl FromRequest for Viewer {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = authenticate(req);
        Box::pin(async move { signed_in.await.map(Viewer) })
    }
}

/// Runs trainings: admin and staff, not the prefecture.
#[derive(Debug, Clone)]
pub struct StaffUser(pub SignedIn);

impl FromRequest for StaffUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let signed_in = authenticate(req);
        Box::pin(async move {
            let user = signed_in.await?;
            if user.role.runs_trainings() {
                Ok(StaffUser(user))
            } else {
                Err(ApiError::forbidden())
            }
        })
    }
}
