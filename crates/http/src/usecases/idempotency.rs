//! Answers kept under an `Idempotency-Key`: a retry of the same request gets the first
//! answer again; the same key with another request is refused.

use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::idempotency::{self, StoredResponse};
use kenshu_persistence::Db;

use crate::error::AppError;

/// The answer to send: status and JSON body, identical when a key is replayed.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The first answer given again.
    pub replayed: bool,
    /// Where the created resource is read (`Location`).
    pub location: Option<String>,
}

impl Answer {
    /// A first answer, and the row that keeps it for replays.
    pub fn created(body: String, request_hash: &str) -> (Self, StoredResponse) {
        let stored = StoredResponse { request_hash: request_hash.to_owned(), status: 201, body: body.clone() };
        (Self { status: 201, body, replayed: false, location: None }, stored)
    }
}

/// The answer already given under `key`, read again (after a race with a twin request).
pub async fn replay(db: &Db, scope: &str, key: &str, hash: &str) -> Result<Option<Answer>, AppError> {
    answer_to(idempotency::find(db, scope, key).await?, hash)
}

/// The stored answer, when it was given to this very request; a 422 for another one.
pub fn answer_to(stored: Option<StoredResponse>, hash: &str) -> Result<Option<Answer>, AppError> {
    match stored {
        Some(stored) if stored.request_hash == hash => {
            Ok(Some(Answer { status: stored.status, body: stored.body, replayed: true, location: None }))
        }
        Some(_) => Err(AppError::new(ErrorCode::IdempotencyKeyReused)),
        None => Ok(None),
    }
}
