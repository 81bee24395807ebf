//! Authentication, once per API request, before routing reaches a handler.
//!
//! Credentials are, in this order: `Authorization: Bearer kenshu_pat_…` (an API token),
//! `Authorization: Bearer <JWT>` (a staff sign-in, for scripts), or the session cookie (the
//! SPA). The verdict is put on the request; the role extractors report it only on routes
//! that need a sign-in, so a stale cookie never breaks a public page.
//!
//! - A staff JWT is checked against its account on every request (one primary-key read): a
//!   disabled account, or a token of an older version (signed out, password reset), fails
//!   at once on every instance. Role and email come from the account, not from the token.
//! - A cookie session must also carry its CSRF token on unsafe methods.
//! - An API token is looked up by its hash (one unique-index read); revoked or expired
//!   fails at once; the route must be open to its scope ([`super::scopes`]).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};
use kenshu_domain::staff::Role;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::{api_tokens, staff_users};

use super::actor::{Actor, ActorKind};
use super::extractors::{Authentication, Session, SignedIn};
use super::session::{self, Carrier};
use super::{api_token, scopes};
use crate::error::AppError;
use crate::state::AppState;

pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.path().starts_with("/api/v1/") {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        if let Some(state) = state {
            if let Some(verdict) = verdict(req.request(), &state).await {
                req.extensions_mut().insert(Authentication(verdict.map_err(Into::into)));
            }
        }
    }
    next.call(req).await
}

/// The credentials a request carries, if any.
enum Credential {
    ApiToken(String),
    Jwt(String, Carrier),
    /// An `Authorization` header that is not `Bearer <something>`.
    Malformed,
}

fn credential(req: &HttpRequest) -> Option<Credential> {
    if let Some(value) = req.headers().get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        return Some(match token {
            Some(t) if t.starts_with(api_token::PREFIX) => Credential::ApiToken(t.to_owned()),
            Some(t) => Credential::Jwt(t.to_owned(), Carrier::Bearer),
            None => Credential::Malformed,
        });
    }
    session::cookie(req).map(|jwt| Credential::Jwt(jwt, Carrier::Cookie))
}

async fn verdict(req: &HttpRequest, state: &AppState) -> Option<Result<SignedIn, AppError>> {
    Some(match credential(req)? {
        Credential::Malformed => Err(AppError::new(ErrorCode::InvalidToken)),
        Credential::Jwt(jwt, carrier) => staff(req, state, &jwt, carrier).await,
        Credential::ApiToken(secret) => token(req, state, &secret).await,
    })
}

async fn staff(req: &HttpRequest, state: &AppState, jwt: &str, carrier: Carrier) -> Result<SignedIn, AppError> {
    let claims = state.jwt.verify(jwt)?;
    let user_id = claims.sub.parse().map_err(|_| AppError::new(ErrorCode::InvalidToken))?;
    let account = staff_users::find(&state.db, user_id)
        .await?
        .filter(|account| account.accepts_token(claims.ver))
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    let key = state.jwt.csrf_key();
    if carrier == Carrier::Cookie
        && !session::is_safe(req.method())
        && !session::csrf_matches(key, &claims, req.headers().get(session::CSRF_HEADER).and_then(|v| v.to_str().ok()))
    {
        return Err(AppError::new(ErrorCode::CsrfTokenInvalid));
    }
    let expires_at = time::OffsetDateTime::from_unix_timestamp(claims.exp).map_err(AppError::internal)?;
    Ok(SignedIn {
        user_id,
        email: account.user.email,
        role: account.user.role,
        actor: Actor { kind: ActorKind::Staff { user_id }, role: account.user.role },
        session: Some(Session { csrf_token: session::csrf_token(key, &claims), expires_at }),
    })
}

async fn token(req: &HttpRequest, state: &AppState, secret: &str) -> Result<SignedIn, AppError> {
    let token = api_tokens::find_by_hash(&state.db, &api_token::hash(secret))
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    let now = state.clock.now();
    if let Some(code) = token.refusal(now) {
        return Err(AppError::new(code));
    }
    let pattern = req.match_pattern().unwrap_or_default();
    match scopes::required(req.method().as_str(), &pattern) {
        None => return Err(AppError::new(ErrorCode::NotForApiTokens)),
        Some(scope) if !token.scopes.contains(&scope) => {
            return Err(
                AppError::new(ErrorCode::InsufficientScope).with_detail(format!("必要なスコープ: {}", scope.as_str()))
            )
        }
        Some(_) => {}
    }
    if let Err(e) = api_tokens::touch(&state.db, token.id, now).await {
        tracing::warn!(token.id = token.id, error = %e, "could not note the token's use");
    }
    // A token acts as staff at most: never as an admin, whoever created it.
    let role = Role::Staff;
    Ok(SignedIn {
        user_id: token.created_by,
        email: format!("api-token:{}", token.prefix),
        role,
        actor: Actor { kind: ActorKind::Token { token_id: token.id }, role },
        session: None,
    })
}
