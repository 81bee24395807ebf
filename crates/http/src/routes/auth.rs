//! Staff sign-in.

use std::time::Instant;

use actix_web::{post, web, HttpRequest};
use kenshu_domain::staff::Role;
use kenshu_domain::text::line::{check_characters, Lines};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::staff_users::{self, Credentials};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::{password, Actor, ActorKind};
use crate::error::{field_issues, AppError};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::ClientAddress;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"email": "admin@kenshu.example", "password": "correct horse battery staple"}))]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254, message = "メールアドレスを入力してください"))]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "パスワードを入力してください"))]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <access_token>`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub user: CurrentUser,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub role: Role,
}

/// 事務局ログイン
///
/// Wrong password, unknown email and a disabled account answer the same 401 after the same
/// work. Failures are limited per client address and per account+address (429 with
/// Retry-After); failures against an account from everywhere only slow its sign-ins down.
#[utoipa::path(tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 401, body = crate::error::Problem, content_type = "application/problem+json"),
    (status = 429, body = crate::error::Problem, content_type = "application/problem+json"),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    client: ClientAddress,
    body: JsonBody<LoginRequest>,
    st: web::Data<AppState>,
) -> Result<web::Json<LoginResponse>, AppError> {
    let body = body.0;
    body.validate().map_err(|e| AppError::validation(field_issues(&e)))?;
    // A line break cannot be part of an address; the JSON guard lets it through for
    // fields that may have several lines.
    check_characters(&body.email, Lines::Single)
        .map_err(|e| AppError::validation(vec![e.issue("email", "メールアドレス")]))?;
    let account = sign_in(&st, client.0, &body.email, body.password).await?;
    let (access_token, expires_at) = st.jwt.issue(&account.user, account.token_version, st.clock.now())?;
    tracing::info!(user.id = account.user.id, "staff signed in");
    // The audit log records who signed in.
    Actor { kind: ActorKind::Staff { user_id: account.user.id }, role: account.user.role }.attach(&req);
    Ok(web::Json(LoginResponse {
        access_token,
        token_type: "Bearer",
        expires_at: kenshu_domain::time_jp::to_jst(expires_at),
        user: CurrentUser { id: account.user.id, email: account.user.email, role: account.user.role },
    }))
}

/// The account, when the password is right and the limits let this attempt through; every
/// outcome is told to the limiter.
async fn sign_in(
    st: &AppState,
    client: Option<std::net::IpAddr>,
    email: &str,
    password: String,
) -> Result<Credentials, AppError> {
    let email = email.trim().to_lowercase();
    let attempt = st.login_limiter.admit(client, &email, Instant::now()).map_err(AppError::too_many_requests)?;
    tokio::time::sleep(attempt.delay).await;
    match check_password(st, &email, password).await {
        Ok(Some(account)) => {
            st.login_limiter.succeeded(&attempt, Instant::now());
            Ok(account)
        }
        Ok(None) => Err(AppError::new(ErrorCode::InvalidCredentials)),
        Err(e) => {
            st.login_limiter.abandoned(&attempt, Instant::now());
            Err(e)
        }
    }
}

/// The enabled account whose password this is; `None` for a wrong password, an unknown
/// email or a disabled account (all checked against a hash, so they cost the same).
async fn check_password(st: &AppState, email: &str, password: String) -> Result<Option<Credentials>, AppError> {
    let account = staff_users::find_by_email(&st.db, email).await?.filter(|account| !account.disabled);
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let ok = web::block(move || password::verify(&password, stored.as_deref())).await.map_err(AppError::internal)?;
    Ok(account.filter(|_| ok))
}
