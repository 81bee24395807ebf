//! API tokens: stored by the SHA-256 of their secret, never the secret.

use kenshu_domain::staff::{ApiToken, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use time::{Duration, OffsetDateTime};

use crate::entities::api_tokens::{self, Entity as ApiTokens};
use crate::RepoError;

/// What a new token is made of; the secret was hashed by the caller.
pub struct NewToken<'a> {
    pub name: &'a str,
    pub prefix: &'a str,
    pub secret_hash: &'a str,
    pub scopes: &'a [Scope],
    pub created_by: i32,
    pub expires_at: Option<OffsetDateTime>,
}

fn to_domain(m: api_tokens::Model) -> Result<ApiToken, RepoError> {
    let scopes = m
        .scopes
        .split_whitespace()
        .map(|s| Scope::parse(s).ok_or_else(|| RepoError::Corrupt(format!("scope {s}"))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ApiToken {
        id: m.id,
        name: m.name,
        prefix: m.prefix,
        scopes,
        created_by: m.created_by,
        created_at: m.created_at,
        expires_at: m.expires_at,
        revoked_at: m.revoked_at,
        last_used_at: m.last_used_at,
    })
}

pub async fn create(
    db: &impl ConnectionTrait,
    token: NewToken<'_>,
    now: OffsetDateTime,
) -> Result<ApiToken, RepoError> {
    let scopes: Vec<&str> = token.scopes.iter().map(|s| s.as_str()).collect();
    let model = api_tokens::ActiveModel {
        name: Set(token.name.to_owned()),
        prefix: Set(token.prefix.to_owned()),
        secret_hash: Set(token.secret_hash.to_owned()),
        scopes: Set(scopes.join(" ")),
        created_by: Set(token.created_by),
        created_at: Set(now),
        expires_at: Set(token.expires_at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    to_domain(model)
}

/// Every token, newest first.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<ApiToken>, RepoError> {
    ApiTokens::find().order_by_desc(api_tokens::Column::Id).all(db).await?.into_iter().map(to_domain).collect()
}

/// The token whose secret hashes to `secret_hash` (one unique-index read per request).
pub async fn find_by_hash(db: &impl ConnectionTrait, secret_hash: &str) -> Result<Option<ApiToken>, RepoError> {
    ApiTokens::find().filter(api_tokens::Column::SecretHash.eq(secret_hash)).one(db).await?.map(to_domain).transpose()
}

/// Revokes a token (again is harmless: the first time is kept).
pub async fn revoke(db: &impl ConnectionTrait, id: i32, now: OffsetDateTime) -> Result<ApiToken, RepoError> {
    let existing = ApiTokens::find_by_id(id).one(db).await?.ok_or(RepoError::NotFound)?;
    if existing.revoked_at.is_some() {
        return to_domain(existing);
    }
    let mut active: api_tokens::ActiveModel = existing.into();
    active.revoked_at = Set(Some(now));
    to_domain(active.update(db).await?)
}

/// Notes that the token was used at `now`, writing at most once a minute per token: the
/// update only matches when the last note is older than that.
pub async fn touch(db: &impl ConnectionTrait, id: i32, now: OffsetDateTime) -> Result<(), RepoError> {
    ApiTokens::update_many()
        .col_expr(api_tokens::Column::LastUsedAt, Expr::value(now))
        .filter(api_tokens::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(api_tokens::Column::LastUsedAt.is_null())
                .add(api_tokens::Column::LastUsedAt.lt(now - Duration::minutes(1))),
        )
        .exec(db)
        .await?;
    Ok(())
}
