//! Stored answers to requests sent with an `Idempotency-Key`.

use kenshu_domain::ErrorCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::entities::idempotency_keys::{self, Column, Entity as Keys};
use crate::RepoError;

/// The first answer given to a key.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

pub async fn find(db: &impl ConnectionTrait, scope: &str, key: &str) -> Result<Option<StoredResponse>, RepoError> {
    Ok(Keys::find().filter(Column::Scope.eq(scope)).filter(Column::Key.eq(key)).one(db).await?.map(|m| {
        StoredResponse { request_hash: m.request_hash, status: m.response_status as u16, body: m.response_body }
    }))
}

/// Records the answer; `Conflict(IdempotencyKeyTaken)` if another request stored it first.
pub async fn insert(
    db: &impl ConnectionTrait,
    scope: &str,
    key: &str,
    response: &StoredResponse,
    now: OffsetDateTime,
) -> Result<(), RepoError> {
    new_model(scope, key, response, now)
        .insert(db)
        .await
        .map_err(|e| RepoError::on_unique(e, ErrorCode::IdempotencyKeyTaken))?;
    Ok(())
}

/// The row to insert.
pub(crate) fn new_model(
    scope: &str,
    key: &str,
    response: &StoredResponse,
    now: OffsetDateTime,
) -> idempotency_keys::ActiveModel {
    idempotency_keys::ActiveModel {
        scope: Set(scope.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(response.request_hash.clone()),
        response_status: Set(response.status as i16),
        response_body: Set(response.body.clone()),
        created_at: Set(kenshu_domain::time_jp::to_utc(now)),
    }
}

/// Every key with an answer stored in `scope`.
pub async fn keys_in_scope(db: &impl ConnectionTrait, scope: &str) -> Result<Vec<String>, RepoError> {
    use sea_orm::QuerySelect;
    Ok(Keys::find().select_only().column(Column::Key).filter(Column::Scope.eq(scope)).into_tuple().all(db).await?)
}
