use kenshu_domain::{Catalogued, ErrorCode};
use sea_orm::{DbErr, SqlErr};

/// What a repo can report. Unique violations become `Conflict` with the catalogue's code,
/// so the HTTP layer can name the field.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(ErrorCode),
    /// A stored value no type reads: broken data, never read as a default.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl RepoError {
    /// Maps a unique violation to `Conflict(code)`, anything else to `Db`.
    pub fn on_unique(err: DbErr, code: ErrorCode) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => RepoError::Conflict(code),
            _ => RepoError::Db(err),
        }
    }
}

impl Catalogued for RepoError {
    fn code(&self) -> ErrorCode {
        match self {
            RepoError::NotFound => ErrorCode::NotFound,
            RepoError::Conflict(code) => *code,
            RepoError::Db(err) if crate::is_unavailable(err) => ErrorCode::DatabaseUnavailable,
            RepoError::Corrupt(_) | RepoError::Db(_) => ErrorCode::InternalError,
        }
    }
}
