//! 事務局アカウントの管理 (admins only): list, create, role, disable/enable, new password.

use actix_web::{get, post, web};
use kenshu_domain::staff::{Role, StaffAccount};
use kenshu_domain::text::contact::Email;
use kenshu_domain::{ErrorCode, FieldIssue};
use kenshu_persistence::repos::staff_users::{self, AccountChange};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::auth::password::{self, MIN_PASSWORD_CHARS};
use crate::auth::AdminUser;
use crate::error::AppError;
use crate::extract::JsonBody;
use crate::routes::Created;
use crate::state::AppState;
use crate::usecases::staff_accounts as usecase;

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffAccountView {
    pub id: i32,
    pub email: String,
    pub role: Role,
    /// A disabled account cannot sign in; its sessions ended when it was disabled.
    pub disabled: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<StaffAccount> for StaffAccountView {
    fn from(a: StaffAccount) -> Self {
        StaffAccountView {
            id: a.user.id,
            email: a.user.email,
            role: a.user.role,
            disabled: a.disabled,
            created_at: kenshu_domain::time_jp::to_jst(a.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"email": "jimukyoku@kenshu.example", "role": "staff", "password": "correct horse battery staple"}))]
pub struct NewStaffAccount {
    pub email: String,
    pub role: Role,
    /// The first password, 12–1024 characters; tell it to the person by another way.
    #[schema(min_length = 12, max_length = 1024)]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleChange {
    pub role: Role,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordReset {
    /// 12–1024 characters. Every session of the account ends.
    #[schema(min_length = 12, max_length = 1024)]
    pub password: String,
}

fn check_password(password: &str) -> Option<FieldIssue> {
    (password.chars().count() < MIN_PASSWORD_CHARS || password.chars().count() > 1024).then(|| {
        FieldIssue::new(
            "password",
            "too_short",
            format!("パスワードは{MIN_PASSWORD_CHARS}文字以上（1024文字以内）で入力してください"),
        )
    })
}

async fn hash(password: String) -> Result<String, AppError> {
    web::block(move || password::hash(&password)).await.map_err(AppError::internal)?.map_err(AppError::internal)
}

/// 事務局アカウントの一覧
#[utoipa::path(tag = "admin", responses(
    (status = 200, body = Vec<StaffAccountView>),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[get("/admin/staff-users")]
pub async fn list_staff_users(
    _user: AdminUser,
    st: web::Data<AppState>,
) -> Result<web::Json<Vec<StaffAccountView>>, AppError> {
    Ok(web::Json(staff_users::list(&st.db).await?.into_iter().map(Into::into).collect()))
}

/// 事務局アカウントを作成する
#[utoipa::path(tag = "admin", request_body = NewStaffAccount, responses(
    (status = 201, body = StaffAccountView),
    (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/staff-users")]
pub async fn create_staff_user(
    _user: AdminUser,
    body: JsonBody<NewStaffAccount>,
    st: web::Data<AppState>,
) -> Result<Created<StaffAccountView>, AppError> {
    let body = body.0;
    let email = Email::parse(&body.email);
    let issues: Vec<FieldIssue> = [
        email.as_ref().err().map(|message| FieldIssue::new("email", "invalid", *message)),
        check_password(&body.password),
    ]
    .into_iter()
    .flatten()
    .collect();
    let email = email.map_err(|_| AppError::validation(issues.clone()))?;
    if !issues.is_empty() {
        return Err(AppError::validation(issues));
    }
    let hash = hash(body.password).await?;
    let now = st.clock.now();
    let user = staff_users::create(&st.db, email.as_str(), &hash, body.role, now).await.map_err(|e| {
        match AppError::from(e) {
            taken if taken.code == ErrorCode::EmailTaken => AppError::validation(vec![FieldIssue::new(
                "email",
                "taken",
                "このメールアドレスのアカウントはすでにあります",
            )])
            .with_detail(taken.code.title()),
            other => other,
        }
    })?;
    tracing::info!(user.id = user.id, "staff account created");
    let view = StaffAccountView { id: user.id, email: user.email, role: user.role, disabled: false, created_at: now };
    Ok(Created { location: format!("/api/v1/admin/staff-users/{}", view.id), body: view })
}

async fn apply(st: &AppState, id: i32, change: AccountChange) -> Result<web::Json<StaffAccountView>, AppError> {
    Ok(web::Json(usecase::change(&st.db, id, change, st.clock.now()).await?.into()))
}

/// 事務局アカウントの権限を変更する
///
/// The last enabled admin cannot be demoted (`last_active_admin`).
#[utoipa::path(tag = "admin", request_body = RoleChange, responses(
    (status = 200, body = StaffAccountView),
    (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/staff-users/{id}/role")]
pub async fn change_staff_role(
    _user: AdminUser,
    id: web::Path<i32>,
    body: JsonBody<RoleChange>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffAccountView>, AppError> {
    apply(&st, id.into_inner(), AccountChange { role: Some(body.0.role), ..Default::default() }).await
}

/// 事務局アカウントを無効にする
///
/// The account can no longer sign in and its sessions end at once. The last enabled admin
/// cannot be disabled (`last_active_admin`).
#[utoipa::path(tag = "admin", responses(
    (status = 200, body = StaffAccountView),
    (status = 409, body = crate::error::Problem, content_type = "application/problem+json"),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/staff-users/{id}/disable")]
pub async fn disable_staff_user(
    _user: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffAccountView>, AppError> {
    apply(&st, id.into_inner(), AccountChange { disabled: Some(true), ..Default::default() }).await
}

/// 事務局アカウントを有効に戻す
#[utoipa::path(tag = "admin", responses(
    (status = 200, body = StaffAccountView),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/staff-users/{id}/enable")]
pub async fn enable_staff_user(
    _user: AdminUser,
    id: web::Path<i32>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffAccountView>, AppError> {
    apply(&st, id.into_inner(), AccountChange { disabled: Some(false), ..Default::default() }).await
}

/// 事務局アカウントのパスワードを再設定する
///
/// Every session of the account ends; tell the person the new password by another way.
#[utoipa::path(tag = "admin", request_body = PasswordReset, responses(
    (status = 200, body = StaffAccountView),
    (status = "4XX", body = crate::error::Problem, content_type = "application/problem+json"),
))]
#[post("/admin/staff-users/{id}/password")]
pub async fn reset_staff_password(
    _user: AdminUser,
    id: web::Path<i32>,
    body: JsonBody<PasswordReset>,
    st: web::Data<AppState>,
) -> Result<web::Json<StaffAccountView>, AppError> {
    let password = body.0.password;
    if let Some(issue) = check_password(&password) {
        return Err(AppError::validation(vec![issue]));
    }
    let change = AccountChange { password_hash: Some(hash(password).await?), ..Default::default() };
    apply(&st, id.into_inner(), change).await
}
