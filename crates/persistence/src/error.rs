use sea_orm::{DbErr, SqlErr};

/// What a repo can report. Unique violations become `Conflict` with the constraint's
/// meaning, so the HTTP layer can name the field.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl RepoError {
    /// Maps a unique violation to `Conflict(what)`, anything else to `Db`.
    pub fn on_unique(err: DbErr, what: &'static str) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => RepoError::Conflict(what),
            _ => RepoError::Db(err),
        }
    }
}
