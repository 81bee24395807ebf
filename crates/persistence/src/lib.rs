//! Kenshu's storage on SQLite (the embedded default) or PostgreSQL, with one set of
//! entities and migrations. Repos are plain functions over `&impl ConnectionTrait`, so the
//! same function runs inside or outside a transaction, and they return domain types.

mod entities;
pub mod error;
pub mod repos;

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

pub use error::RepoError;
pub use kenshu_migrations::{Migrator, MigratorTrait};
pub use sea_orm::{ConnectionTrait, DatabaseConnection as Db, DbErr, TransactionTrait};

/// Opens a pool. SQLite gets WAL, foreign keys and a busy timeout so that concurrent
/// writers wait for each other instead of failing with "database is locked".
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10)).map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
    });
    if url.starts_with("sqlite:") {
        // One writer at a time is SQLite's model; a small pool avoids lock convoys.
        options.max_connections(8).min_connections(1);
    } else {
        options.max_connections(20).min_connections(1);
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether a round trip to the database works (for `/readyz`).
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.ping().await
}

/// Which backend a connection talks to.
pub fn backend(db: &DatabaseConnection) -> DbBackend {
    use sea_orm::ConnectionTrait;
    db.get_database_backend()
}
