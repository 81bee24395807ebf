//! Roles enforced by types: a handler that takes `StaffUser` cannot run for the prefecture.

use std::future::{ready, Ready};

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use kenshu_domain::staff::Role;

use crate::error::AppError;
use crate::state::AppState;
use kenshu_domain::ErrorCode;

/// Anyone signed in with a valid token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: i32,
    pub email: String,
    pub role: Role,
}

fn authenticate(req: &HttpRequest) -> Result<SignedIn, AppError> {
    let state =
        req.app_data::<web::Data<AppState>>().ok_or_else(|| AppError::internal(anyhow::anyhow!("AppState missing")))?;
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| AppError::new(ErrorCode::Unauthorized))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    let claims = state.jwt.verify(token)?;
    let user_id = claims.sub.parse().map_err(|_| AppError::new(ErrorCode::InvalidToken))?;
    Ok(SignedIn { user_id, email: claims.email, role: claims.role })
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

/// Reads staff data: admin, staff and the prefecture viewer.
#[derive(Debug, Clone)]
pub struct Viewer(pub SignedIn);

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticate(req).map(Viewer))
    }
}

/// Runs trainings: admin and staff, not the prefecture.
#[derive(Debug, Clone)]
pub struct StaffUser(pub SignedIn);

impl FromRequest for StaffUser {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticate(req).and_then(|user| {
            if user.role.runs_trainings() {
                Ok(StaffUser(user))
            } else {
                Err(AppError::new(ErrorCode::Forbidden))
            }
        }))
    }
}
