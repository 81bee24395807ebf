//! SQLite is durable by default: every pooled connection commits with `synchronous=FULL`
//! (SPEC §2), so an acknowledged application survives a power loss. `NORMAL` is used only
//! when asked for (`KENSHU_SQLITE_SYNCHRONOUS=normal`).

use kenshu_persistence::{connect, connect_with, ConnectionTrait, SqliteSync};
use sea_orm::{DbBackend, Statement};

fn database(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("kenshu-durability-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/kenshu.db?mode=rwc", dir.display());
    (dir, url)
}

#[tokio::test]
async fn normal_is_used_only_when_asked_for() {
    let (dir, url) = database("normal");
    let db = connect_with(&url, SqliteSync::Normal).await.expect("connect");
    let row = db
        .query_one(Statement::from_string(DbBackend::Sqlite, "PRAGMA synchronous"))
        .await
        .expect("pragma")
        .expect("one row");
    assert_eq!(row.try_get_by_index::<i32>(0).expect("a number"), 1, "NORMAL (1) when asked for");
    db.close().await.expect("close");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn every_sqlite_connection_syncs_each_commit() {
    let (dir, url) = database("full");
    let db = connect(&url).await.expect("connect");

    // Hold several transactions at once so the pool hands out distinct connections.
    let mut open = Vec::new();
    for _ in 0..4 {
        let txn = sea_orm::TransactionTrait::begin(&db).await.expect("begin");
        let row = txn
            .query_one(Statement::from_string(DbBackend::Sqlite, "PRAGMA synchronous"))
            .await
            .expect("pragma")
            .expect("one row");
        let level: i32 = row.try_get_by_index(0).expect("a number");
        assert_eq!(level, 2, "PRAGMA synchronous is FULL (2) on every connection, not NORMAL (1)");
        let mode = txn
            .query_one(Statement::from_string(DbBackend::Sqlite, "PRAGMA journal_mode"))
            .await
            .expect("pragma")
            .expect("one row");
        assert_eq!(mode.try_get_by_index::<String>(0).expect("text"), "wal");
        open.push(txn);
    }
    drop(open);
    db.close().await.expect("close");
    std::fs::remove_dir_all(&dir).ok();
}
