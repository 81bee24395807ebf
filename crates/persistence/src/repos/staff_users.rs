//! Staff accounts.

use kenshu_domain::staff::{Role, StaffAccount, StaffUser};
use kenshu_domain::ErrorCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use time::OffsetDateTime;

use crate::entities::staff_users::{self, Entity as StaffUsers};
use crate::RepoError;

/// A stored account and the hash its password is checked against.
pub struct Credentials {
    pub user: StaffUser,
    pub password_hash: String,
    /// Tokens carry the version they were issued under; any other version is void.
    pub token_version: i32,
    pub disabled: bool,
}

impl Credentials {
    /// Whether a token issued under `token_version` still speaks for this account.
    pub fn accepts_token(&self, token_version: i32) -> bool {
        !self.disabled && self.token_version == token_version
    }
}

fn to_domain(m: staff_users::Model) -> Result<Credentials, RepoError> {
    let role = Role::parse(&m.role).ok_or_else(|| RepoError::Corrupt(format!("role {}", m.role)))?;
    Ok(Credentials {
        user: StaffUser { id: m.id, email: m.email, role },
        password_hash: m.password_hash,
        token_version: m.token_version,
        disabled: m.disabled_at.is_some(),
    })
}

/// Creates an account; the email must not exist yet (`Conflict(EmailTaken)`).
pub async fn create(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: &str,
    role: Role,
    now: OffsetDateTime,
) -> Result<StaffUser, RepoError> {
    let model = staff_users::ActiveModel {
        email: Set(email.to_lowercase()),
        password_hash: Set(password_hash.to_owned()),
        role: Set(role.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| RepoError::on_unique(e, ErrorCode::EmailTaken))?;
    Ok(to_domain(model)?.user)
}

/// Sets the password and role of an existing account (used by `kenshu demo`).
pub async fn reset(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: &str,
    role: Role,
    now: OffsetDateTime,
) -> Result<StaffUser, RepoError> {
    let mut active = next_token_version(db, email).await?;
    active.password_hash = Set(password_hash.to_owned());
    active.role = Set(role.as_str().to_owned());
    // A new password ends the sessions signed in with the old one (see next_token_version).
    active.updated_at = Set(now);
    Ok(to_domain(active.update(db).await?)?.user)
}

/// Disables an account: it cannot sign in, and its tokens stop working at once.
pub async fn disable(db: &impl ConnectionTrait, email: &str, now: OffsetDateTime) -> Result<StaffUser, RepoError> {
    let mut active = next_token_version(db, email).await?;
    active.disabled_at = Set(Some(now));
    active.updated_at = Set(now);
    Ok(to_domain(active.update(db).await?)?.user)
}

/// The account for `email`, about to be saved with a new token version: every token
/// issued before stops working.
async fn next_token_version(db: &impl ConnectionTrait, email: &str) -> Result<staff_users::ActiveModel, RepoError> {
    let existing = StaffUsers::find()
        .filter(staff_users::Column::Email.eq(email.to_lowercase()))
        .one(db)
        .await?
        .ok_or(RepoError::NotFound)?;
    let next_version = existing.token_version + 1;
    let mut active: staff_users::ActiveModel = existing.into();
    active.token_version = Set(next_version);
    Ok(active)
}

/// The account behind a token: one primary-key read per staff request.
pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Credentials>, RepoError> {
    StaffUsers::find_by_id(id).one(db).await?.map(to_domain).transpose()
}

/// The account for an email, compared case-insensitively.
pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<Credentials>, RepoError> {
    StaffUsers::find()
        .filter(staff_users::Column::Email.eq(email.to_lowercase()))
        .one(db)
        .await?
        .map(to_domain)
        .transpose()
}

fn to_account(m: staff_users::Model) -> Result<StaffAccount, RepoError> {
    let created_at = m.created_at;
    let credentials = to_domain(m)?;
    Ok(StaffAccount { user: credentials.user, disabled: credentials.disabled, created_at })
}

/// Every account, oldest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<StaffAccount>, RepoError> {
    StaffUsers::find().order_by_asc(staff_users::Column::Id).all(db).await?.into_iter().map(to_account).collect()
}

/// How many enabled admins there are, locking their rows until the transaction ends (on
/// PostgreSQL; SQLite has one writer anyway): two admins demoting each other at the same
/// moment take turns, so the second sees that only one is left.
pub async fn count_active_admins(db: &impl ConnectionTrait) -> Result<u64, RepoError> {
    let mut query = StaffUsers::find()
        .select_only()
        .column(staff_users::Column::Id)
        .filter(staff_users::Column::Role.eq(Role::Admin.as_str()))
        .filter(staff_users::Column::DisabledAt.is_null());
    if db.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    Ok(query.into_tuple::<i32>().all(db).await?.len() as u64)
}

/// What an admin changes on an account; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
    /// End every session and token of the account (sign-out everywhere).
    pub end_sessions: bool,
}

/// Changes the account `id`. Disabling, a new password and `end_sessions` move its token
/// version on, so every session signed in before ends at once (on every instance).
pub async fn change(
    db: &impl ConnectionTrait,
    id: i32,
    change: AccountChange,
    now: OffsetDateTime,
) -> Result<StaffAccount, RepoError> {
    let existing = StaffUsers::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)?;
    let ends_sessions = change.end_sessions || change.password_hash.is_some() || change.disabled == Some(true);
    let version = existing.token_version;
    let was_disabled = existing.disabled_at.is_some();
    let mut active: staff_users::ActiveModel = existing.into();
    if let Some(role) = change.role {
        active.role = Set(role.as_str().to_owned());
    }
    match change.disabled {
        Some(true) if !was_disabled => active.disabled_at = Set(Some(now)),
        Some(false) => active.disabled_at = Set(None),
        _ => {}
    }
    if let Some(hash) = change.password_hash {
        active.password_hash = Set(hash);
    }
    if ends_sessions {
        active.token_version = Set(version + 1);
    }
    active.updated_at = Set(now);
    to_account(active.update(db).await?)
}

/// The email of each of these accounts (for lists that name who did something).
pub async fn emails(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<std::collections::HashMap<i32, String>, RepoError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = StaffUsers::find().filter(staff_users::Column::Id.is_in(ids.iter().copied())).all(db).await?;
    Ok(rows.into_iter().map(|m| (m.id, m.email)).collect())
}
