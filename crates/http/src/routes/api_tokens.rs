//! APIトークン (admins only): create with scopes, list, revoke. The secret is shown once.

use actix_web::{get, post, web};
use kenshu_domain::staff::{ApiToken, Scope};
use kenshu_domain::text::line::{check_characters, Lines};
use kenshu_domain::{ErrorCode, FieldIssue};
use kenshu_persistence::repos::api_tokens::{self, NewToken};
use kenshu_persistence::RepoError;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::{api_token, AdminUser};
use crate::error::AppError;
use crate::extract::JsonBody;
use crate::routes::Created;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenView {
    pub id: i32,
    pub name: String,
    /// The secret's first characters (`kenshu_pat_AbCdEf`), to tell tokens apart.
    pub prefix: String,
    pub scopes: Vec<Scope>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    /// Noted at most once a minute.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used_at: Option<OffsetDateTime>,
}

impl From<ApiToken> for ApiTokenView {
    fn from(t: ApiToken) -> Self {
        let jst = kenshu_domain::time_jp::to_jst;
        ApiTokenView {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            scopes: t.scopes,
            created_at: jst(t.created_at),
            expires_at: t.expires_at.map(jst),
            revoked_at: t.revoked_at.map(jst),
            last_used_at: t.last_used_at.map(jst),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"name": "会員管理システム", "scopes": ["trainings:read", "applications:read"], "expires_at": "2027-03-31T23:59:59+09:00"}))]
pub struct NewApiToken {
    /// What uses it, at most 100 characters.
    pub name: String,
    /// At least one of `trainings:read`, `applications:read`, `applications:write`, `rosters:read`.
    #[schema(min_items = 1)]
    pub scopes: Vec<String>,
    /// Optional; after it the token stops working.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenCreated {
    pub token: ApiTokenView,
    /// The secret, shown this once only: send it as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// APIトークンの一覧
#[utoipa::path(tag = "admin", responses(
    (status = 200, body = Vec<ApiTokenView>),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[get("/admin/api-tokens")]
pub async fn list_api_tokens(
    _user: AdminUser,
    st: web::Data<AppState>,
) -> Result<web::Json<Vec<ApiTokenView>>, AppError> {
    Ok(web::Json(api_tokens::list(&st.db).await?.into_iter().map(Into::into).collect()))
}

/// APIトークンを発行する
///
/// The answer holds the secret; it is stored only as a SHA-256 hash and never shown again.
#[utoipa::path(tag = "admin", request_body = NewApiToken, responses(
    (status = 201, body = ApiTokenCreated),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/api-tokens")]
pub async fn create_api_token(
    user: AdminUser,
    body: JsonBody<NewApiToken>,
    st: web::Data<AppState>,
) -> Result<Created<ApiTokenCreated>, AppError> {
    let body = body.0;
    let now = st.clock.now();
    let mut issues = Vec::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        issues.push(FieldIssue::new("name", "length", "名前を100文字以内で入力してください"));
    } else if let Err(e) = check_characters(name, Lines::Single) {
        issues.push(e.issue("name", "名前"));
    }
    let mut scopes = Vec::new();
    for (i, raw) in body.scopes.iter().enumerate() {
        match Scope::parse(raw) {
            Some(scope) if !scopes.contains(&scope) => scopes.push(scope),
            Some(_) => {}
            None => issues.push(FieldIssue::new(
                format!("scopes[{i}]"),
                "unknown",
                format!("「{raw}」というスコープはありません"),
            )),
        }
    }
    if body.scopes.is_empty() {
        issues.push(FieldIssue::new("scopes", "required", "スコープを1つ以上選んでください"));
    }
    if body.expires_at.is_some_and(|at| at <= now) {
        issues.push(FieldIssue::new("expires_at", "past", "有効期限には現在より後の日時を指定してください"));
    }
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    scopes.sort();
    let secret = api_token::generate();
    let new = NewToken {
        name,
        prefix: &secret.prefix,
        secret_hash: &secret.hash,
        scopes: &scopes,
        created_by: user.0.user_id,
        expires_at: body.expires_at,
    };
    let token = api_tokens::create(&st.db, new, now).await?;
    tracing::info!(token.id = token.id, "API token created");
    Ok(Created {
        location: format!("/api/v1/admin/api-tokens/{}", token.id),
        body: ApiTokenCreated { token: token.into(), secret: secret.secret },
    })
}

/// APIトークンを無効にする
///
/// The token fails at once, on every instance; it stays in the list, marked revoked.
#[utoipa::path(tag = "admin", responses(
    (status = 200, body = ApiTokenView),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/api-tokens/{id}/revoke")]
pub async fn revoke_api_token(
    _user: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<ApiTokenView>, AppError> {
    let token = api_tokens::revoke(&st.db, id.into_inner(), st.clock.now()).await.map_err(|e| match e {
        RepoError::NotFound => AppError::new(ErrorCode::ApiTokenNotFound),
        other => other.into(),
    })?;
    tracing::info!(token.id = token.id, "API token revoked");
    Ok(web::Json(token.into()))
}
