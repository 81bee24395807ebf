//! SQLite is durable by default: every pooled connection commits with `synchronous=FULL`
//! (SPEC §2), so an acknowledged application survives a power loss.

use kenshu_persistence::{connect, ConnectionTrait};
use sea_orm::{DbBackend, Statement};

#[tokio::test]
async fn every_sqlite_connection_syncs_each_commit() {
    let dir = std::env::temp_dir().join(format!("kenshu-durability-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = connect(&format!("sqlite://{}/kenshu.db?mode=rwc", dir.display())).await.expect("connect");

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
