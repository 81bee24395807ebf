//! Claiming due rows of a work queue (the outbox, webhook deliveries) with a lease, safe with
//! several instances: PostgreSQL skips rows another worker is claiming (`FOR UPDATE SKIP
//! LOCKED`); SQLite has one writer at a time, so the update itself is the claim. A claimed
//! row is left alone until its lease runs out, then any worker may claim it again.

use kenshu_domain::time_jp::to_utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use time::{Duration, OffsetDateTime};

use crate::RepoError;

/// The ids of up to `limit` rows of `table` that are `pending`, due at `now` and not held by
/// a live lease, now leased until `now + lease`, oldest first. `table` is one of this crate's
/// queue tables (never input): it needs `status`, `next_attempt_at` and `locked_until`.
pub(crate) async fn claim_ids(
    db: &impl ConnectionTrait,
    table: &'static str,
    now: OffsetDateTime,
    lease: Duration,
    limit: u64,
) -> Result<Vec<i32>, RepoError> {
    let backend = db.get_database_backend();
    let (now, until) = (to_utc(now), to_utc(now + lease));
    let skip_locked = if backend == DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE {table} SET locked_until = $1 WHERE id IN (\
           SELECT id FROM {table} WHERE status = 'pending' AND next_attempt_at <= $2 \
           AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3{skip_locked}) RETURNING id"
    );
    // `$1` placeholders are valid on both backends (SQLite reads `$NNN` as numbered).
    let rows = db
        .query_all(Statement::from_sql_and_values(backend, sql, [until.into(), now.into(), (limit as i64).into()]))
        .await?;
    Ok(rows.iter().filter_map(|r| r.try_get_by_index::<i32>(0).ok()).collect())
}
