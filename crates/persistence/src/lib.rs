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
pub use sea_orm::{
    ConnectionTrait, DatabaseConnection as Db, DatabaseTransaction, DbErr, RuntimeErr, TransactionTrait,
};

/// How long a request waits for a database connection (a free one from the pool, or a new
/// one) before it gives up with 503: a database that is down fails fast, within 2 s.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_millis(1500);

/// How SQLite syncs a commit (`PRAGMA synchronous`, WAL mode). PostgreSQL ignores it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SqliteSync {
    /// Every commit's log is on disk before the commit returns: an application answered
    /// with 201 survives a power loss. The default.
    #[default]
    Full,
    /// The log is synced at checkpoints only: the last commits before a power loss (not a
    /// crash of the process) may be lost. Chosen only by `KENSHU_SQLITE_SYNCHRONOUS=normal`,
    /// e.g. to measure what `Full` costs (docs/reliability.md, "synchronous=FULL").
    Normal,
}

impl SqliteSync {
    /// The value of `PRAGMA synchronous` and of `KENSHU_SQLITE_SYNCHRONOUS`.
    pub fn name(self) -> &'static str {
        match self {
            SqliteSync::Full => "full",
            SqliteSync::Normal => "normal",
        }
    }

    /// A setting by its name, in any case, spaces around it ignored; empty is the default.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "" => Some(Self::default()),
            "full" => Some(SqliteSync::Full),
            "normal" => Some(SqliteSync::Normal),
            _ => None,
        }
    }

    /// The pragma as sqlx sets it.
    pub fn pragma(self) -> SqliteSynchronous {
        match self {
            SqliteSync::Full => SqliteSynchronous::Full,
            SqliteSync::Normal => SqliteSynchronous::Normal,
        }
    }
}

/// Opens a pool with durable SQLite commits ([`SqliteSync::Full`]).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with(url, SqliteSync::Full).await
}

/// Opens a pool. SQLite gets WAL, foreign keys and a busy timeout so that concurrent
/// writers wait for each other instead of failing with "database is locked", and by default
/// `synchronous=FULL`: a commit is on disk before it is acknowledged, so an application
/// answered with 201 survives a power loss (SPEC §2). In WAL mode that is one fsync of the
/// log per transaction; the seat desk commits a batch of applicants per transaction, so the
/// cost is per batch, not per applicant (docs/benchmarks.md).
pub async fn connect_with(url: &str, sync: SqliteSync) -> Result<DatabaseConnection, DbErr> {
    let synchronous = sync.pragma();
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).acquire_timeout(ACQUIRE_TIMEOUT).map_sqlx_sqlite_opts(move |o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Every commit makes the other connections drop their page cache; with the file
            // mapped they re-read it from memory instead of one pread per page.
            .pragma("mmap_size", "268435456")
    });
    // SQLite: one writer at a time is its model; a small pool avoids lock convoys.
    // PostgreSQL: seats are written by one seat desk per instance, and a handful of
    // backends keep two cores busy; with 20 per instance, three instances under a rush had
    // 60 backends taking turns on the CPU and refusals waited longer (docs/benchmarks.md).
    options.max_connections(8).min_connections(1);
    Database::connect(options).await
}

/// Applies every pending migration. On PostgreSQL an advisory lock makes instances that
/// start together take turns, so two of them never race on the same migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if backend(db) != DbBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    const LOCK_KEY: i64 = 0x6b656e736875; // "kenshu"
    let pool = db.get_postgres_connection_pool();
    let mut lock = pool.acquire().await.map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e)))?;
    let sql_err = |e| DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e));
    sea_orm::sqlx::query("SELECT pg_advisory_lock($1)").bind(LOCK_KEY).execute(&mut *lock).await.map_err(sql_err)?;
    let result = Migrator::up(db, None).await;
    sea_orm::sqlx::query("SELECT pg_advisory_unlock($1)").bind(LOCK_KEY).execute(&mut *lock).await.map_err(sql_err)?;
    result
}

/// Whether an error means the database cannot be used right now, so asking again later may
/// work: no connection within [`ACQUIRE_TIMEOUT`], a closed pool, a connection that could
/// not be opened or broke during a statement, or a PostgreSQL server going down or not up
/// yet (a restart: its connections end with `admin_shutdown` or `crash_shutdown`, and new
/// ones meet `cannot_connect_now` until it accepts them).
pub fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::RuntimeErr;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match e {
            Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::Io(_) | Sqlx::Tls(_) | Sqlx::WorkerCrashed => true,
            Sqlx::Database(e) => e.code().is_some_and(|state| is_unavailable_state(&state)),
            _ => false,
        },
        _ => false,
    }
}

/// PostgreSQL's SQLSTATEs for "not now": class 08 (connection exception), 57P01–57P03
/// (admin shutdown, crash shutdown, cannot connect now) and 53300 (too many connections).
/// SQLite's codes are plain numbers and never match.
fn is_unavailable_state(state: &str) -> bool {
    state.starts_with("08") || matches!(state, "57P01" | "57P02" | "57P03" | "53300")
}

/// Opens a transaction that will write. On SQLite its first statement takes the database's
/// write lock (waiting for it within the busy timeout), as `BEGIN IMMEDIATE` would: a
/// transaction that reads first and writes later fails with `SQLITE_BUSY_SNAPSHOT` (517,
/// "database is locked", which no busy timeout waits out) when another writer commits in
/// between. PostgreSQL takes its row locks statement by statement and needs nothing here.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    use sea_orm::ConnectionTrait;
    let tx = db.begin().await?;
    if backend(db) == DbBackend::Sqlite {
        // Changes no row, but an UPDATE takes the write lock when it starts.
        tx.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 0").await?;
    }
    Ok(tx)
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

#[cfg(test)]
mod tests {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{ConnAcquireErr, RuntimeErr};

    use super::*;

    #[test]
    fn a_database_out_of_reach_is_unavailable_and_a_bad_statement_is_not() {
        let broken = || Sqlx::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        let unavailable = [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            DbErr::Conn(RuntimeErr::SqlxError(broken())),
            DbErr::Query(RuntimeErr::SqlxError(broken())),
            DbErr::Exec(RuntimeErr::SqlxError(Sqlx::PoolTimedOut)),
        ];
        for err in &unavailable {
            assert!(is_unavailable(err), "{err:?}");
        }
        for err in [DbErr::Query(RuntimeErr::SqlxError(Sqlx::RowNotFound)), DbErr::Custom("bad".into())] {
            assert!(!is_unavailable(&err), "{err:?}");
        }
        for state in ["57P01", "57P02", "57P03", "08006", "08001", "53300"] {
            assert!(is_unavailable_state(state), "{state}");
        }
        // A unique violation, a serialisation failure, SQLite's "busy" and "constraint".
        for state in ["23505", "40001", "5", "1555"] {
            assert!(!is_unavailable_state(state), "{state}");
        }
    }
}
