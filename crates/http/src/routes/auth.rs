//! Staff sign-in, the session it opens and signing out.

use std::time::Instant;

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use kenshu_domain::staff::Role;
use kenshu_domain::text::line::{check_characters, Lines};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::staff_users::{self, Credentials};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::{password, session, Actor, ActorKind, StaffSession};
use crate::error::{field_issues, AppError};
use crate::extract::JsonBody;
use crate::state::AppState;
use crate::transport::ClientAddress;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"email": "admin@kenshu.example", "password": "correct horse battery staple"}))]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254, message = "メールアドレスを入力してください"))]
    /// One line: a control character, a line break included, is a 422 naming the field.
    #[schema(min_length = 1, max_length = 254, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub email: String,
    #[validate(length(min = 1, max = 1024, message = "パスワードを入力してください"))]
    #[schema(min_length = 1, max_length = 1024)]
    pub password: String,
}

/// The sign-in also sets the `kenshu_session` cookie (HttpOnly, SameSite=Strict, Path=/api)
/// that the SPA uses; scripts may send `access_token` as a bearer token instead.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <access_token>` (scripts); the SPA uses the cookie.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub user: CurrentUser,
    /// Send as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE signed in by the cookie.
    pub csrf_token: String,
}

/// The signed-in account and its session's CSRF token.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub user: CurrentUser,
    /// Send as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE signed in by the cookie.
    pub csrf_token: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
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
    (status = 200, body = LoginResponse, headers(("Set-Cookie" = String, description = "kenshu_session=…; Path=/api; HttpOnly; SameSite=Strict"))),
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
) -> Result<HttpResponse, AppError> {
    let body = body.0;
    body.validate().map_err(|e| AppError::validation(field_issues(&e)))?;
    // A line break cannot be part of an address; the JSON guard lets it through for
    // fields that may have several lines.
    check_characters(&body.email, Lines::Single)
        .map_err(|e| AppError::validation(vec![e.issue("email", "メールアドレス")]))?;
    let account = sign_in(&st, client.0, &body.email, body.password).await?;
    let (access_token, expires_at) = st.jwt.issue(&account.user, account.token_version, st.clock.now())?;
    let claims = st.jwt.verify(&access_token)?;
    tracing::info!(user.id = account.user.id, "staff signed in");
    // The audit log records who signed in.
    Actor { kind: ActorKind::Staff { user_id: account.user.id }, role: account.user.role }.attach(&req);
    let cookie = session::set_cookie(&access_token, secure_cookies(&st));
    Ok(HttpResponse::Ok().insert_header((header::SET_COOKIE, cookie)).json(LoginResponse {
        csrf_token: session::csrf_token(st.jwt.csrf_key(), &claims),
        access_token,
        token_type: "Bearer",
        expires_at: kenshu_domain::time_jp::to_jst(expires_at),
        user: CurrentUser { id: account.user.id, email: account.user.email, role: account.user.role },
    }))
}

/// Cookies are `Secure` when the site is served over https.
fn secure_cookies(st: &AppState) -> bool {
    st.config.public_url.starts_with("https://")
}

/// ログイン中のアカウント
///
/// The account behind the session cookie (or bearer JWT) and the CSRF token the SPA sends
/// on changes. The SPA asks on start, so a reload or a new tab stays signed in.
#[utoipa::path(tag = "auth", responses(
    (status = 200, body = SessionView),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[get("/auth/session")]
pub async fn get_session(user: StaffSession) -> Result<web::Json<SessionView>, AppError> {
    let user = user.0;
    let session = user.session.ok_or_else(|| AppError::new(ErrorCode::NotForApiTokens))?;
    Ok(web::Json(SessionView {
        user: CurrentUser { id: user.user_id, email: user.email, role: user.role },
        csrf_token: session.csrf_token,
        expires_at: kenshu_domain::time_jp::to_jst(session.expires_at),
    }))
}

/// ログアウト
///
/// Ends every session of this account, on every device and instance (its token version
/// moves on), and removes the cookie.
#[utoipa::path(tag = "auth", responses(
    (status = 204),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/auth/logout")]
pub async fn logout(user: StaffSession, st: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let change = staff_users::AccountChange { end_sessions: true, ..Default::default() };
    staff_users::change(&st.db, user.0.user_id, change, st.clock.now()).await?;
    tracing::info!(user.id = user.0.user_id, "staff signed out everywhere");
    Ok(HttpResponse::NoContent()
        .insert_header((header::SET_COOKIE, session::clear_cookie(secure_cookies(&st))))
        .finish())
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
