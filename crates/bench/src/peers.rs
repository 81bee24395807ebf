//! The peers that bound Kenshu's figures: the same hot-row transaction without Kenshu,
//! on PostgreSQL through `pgbench` and on SQLite from this process.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sea_orm::sqlx::{self, Connection, Executor, PgConnection, Row};

use crate::stats::{latency, per_sec, Latency};

/// A peer's figures.
#[derive(Debug, Clone, Default)]
pub struct PeerResult {
    pub transactions: usize,
    pub failed: usize,
    pub wall: Duration,
    pub per_sec: f64,
    pub latency: Latency,
}

/// The hot row and tables like Kenshu's: applications (one address per training), the mail
/// outbox and the stored idempotent answers.
const SCHEMA: [&str; 7] = [
    "CREATE TABLE t (id INTEGER PRIMARY KEY, taken INTEGER NOT NULL, cap INTEGER NOT NULL)",
    "CREATE TABLE apps (id BIGSERIAL PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t (id), email TEXT NOT NULL, \
     full_name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    "CREATE UNIQUE INDEX apps_t_email ON apps (t_id, email)",
    "CREATE TABLE outbox (id BIGSERIAL PRIMARY KEY, recipient TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, \
     status TEXT NOT NULL DEFAULT 'pending', next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)",
    "CREATE TABLE idem (scope TEXT NOT NULL, idem_key TEXT NOT NULL, request_hash TEXT NOT NULL, \
     response_status SMALLINT NOT NULL, response_body TEXT NOT NULL, \
     created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (scope, idem_key))",
    // A capacity never reached: every transaction takes a seat, the expensive path.
    "INSERT INTO t (id, taken, cap) VALUES (1, 0, 2000000000)",
];

/// SQLite's `synchronous` setting (WAL mode) for a raw peer or a Kenshu scenario: Kenshu's
/// own, so that both are set by the same name and pragma.
pub use kenshu_persistence::SqliteSync as Synchronous;

/// Which transaction a peer runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The issue's peer: the conditional hot-row UPDATE plus one INSERT.
    Minimal,
    /// Kenshu's write transaction: the seat first, then the application, the mail and the
    /// idempotent answer (three INSERTs), in a plain (deferred) transaction.
    Kenshu,
    /// PostgreSQL: the same writes with the seat taken last, so the row lock is held for one
    /// statement and the commit.
    KenshuSeatLast,
    /// SQLite: Kenshu's shape with writers queued in this process (one at a time) instead of
    /// waiting in SQLite's busy handler.
    KenshuQueued,
}

impl Shape {
    pub fn describe(self, postgres: bool) -> &'static str {
        match (self, postgres) {
            (Shape::Minimal, true) => "pgbench -M prepared: UPDATE seat + INSERT (the issue's peer)",
            (Shape::Minimal, false) => "BEGIN IMMEDIATE; UPDATE seat; INSERT; COMMIT (the issue's peer)",
            (Shape::Kenshu, true) => "pgbench: UPDATE seat + 3 INSERTs (Kenshu's writes, seat first)",
            (Shape::Kenshu, false) => "BEGIN; UPDATE seat; 3 INSERTs; COMMIT (Kenshu's writes)",
            (Shape::KenshuSeatLast, _) => "pgbench: 3 INSERTs + UPDATE seat (Kenshu's writes, seat last)",
            (Shape::KenshuQueued, _) => "Kenshu's writes, writers queued in process (no busy waits)",
        }
    }
}

/// The acknowledgement mail's size, roughly (about 1.8 kB of UTF-8).
fn mail_body() -> String {
    "研修のお申し込みありがとうございました。".repeat(30)
}

const MAIL_SUBJECT: &str = "【研修】申込内容のご確認（自動返信）";
// No ":name" in literals: pgbench would take it for a variable.
const ANSWER: &str =
    r#"{"status": "confirmed", "training_id": 1, "waitlist_position": null, "full_name": "札幌 花子"}"#;
const REQUEST_HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The pgbench script of a shape: one transaction per run of the script.
fn pgbench_script(shape: Shape) -> String {
    let seat = "UPDATE t SET taken = taken + 1 WHERE id = 1 AND taken < cap;";
    let email = "'p' || :client_id || '-' || :n || '@example.jp'";
    let app = format!("INSERT INTO apps (t_id, email, full_name) VALUES (1, {email}, '札幌 花子');");
    let mail =
        format!("INSERT INTO outbox (recipient, subject, body) VALUES ({email}, '{MAIL_SUBJECT}', '{}');", mail_body());
    let idem = format!(
        "INSERT INTO idem (scope, idem_key, request_hash, response_status, response_body) \
         VALUES ('apply:1', 'k' || :client_id || '-' || :n, '{REQUEST_HASH}', 201, '{ANSWER}');"
    );
    let body = match shape {
        Shape::Minimal => vec![seat.to_owned(), app],
        Shape::Kenshu | Shape::KenshuQueued => vec![seat.to_owned(), app, mail, idem],
        Shape::KenshuSeatLast => vec![app, mail, idem, seat.to_owned()],
    };
    format!("\\set n random(1, 9000000000000000000)\nBEGIN;\n{}\nEND;\n", body.join("\n"))
}

/// The pgbench binary: on PATH, or in the PostgreSQL install.
pub fn find_pgbench() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("pgbench"))
        .find(|p| p.is_file());
    on_path.or_else(|| {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin/pgbench")))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        found.pop()
    })
}

/// Host, port, user and database of a `postgres://` URL, for pgbench's flags.
fn pg_parts(url: &str) -> anyhow::Result<(String, String, String, String)> {
    let opts = sqlx::postgres::PgConnectOptions::from_str(url)?;
    let database = opts.get_database().context("a database in the URL")?.to_owned();
    Ok((opts.get_host().to_owned(), opts.get_port().to_string(), opts.get_username().to_owned(), database))
}

/// `pgbench -c clients -j <cores> -T secs -M prepared` with the hot-row script, against the
/// empty database `database_url`; latencies from its per-transaction log.
pub async fn pgbench(
    pgbench: &Path,
    database_url: &str,
    shape: Shape,
    clients: usize,
    duration: Duration,
    work: &Path,
) -> anyhow::Result<PeerResult> {
    let mut db = PgConnection::connect(database_url).await?;
    for statement in SCHEMA {
        db.execute(statement).await?;
    }
    db.close().await?;
    let dir = work.join("pgbench");
    let _ = std::fs::remove_dir_all(&dir); // no transaction logs of an earlier run
    std::fs::create_dir_all(&dir)?;
    let script = dir.join("rush.sql");
    std::fs::write(&script, pgbench_script(shape))?;
    let (host, port, user, database) = pg_parts(database_url)?;
    let threads = clients.min(std::thread::available_parallelism().map_or(2, |n| n.get()));
    let (out, err) = (dir.join("stdout.txt"), dir.join("stderr.txt"));
    let mut cmd = Command::new(pgbench);
    cmd.current_dir(&dir)
        .args(["-n", "-M", "prepared", "-l", "--log-prefix", "tx"])
        .args(["-c", &clients.to_string(), "-j", &threads.to_string()])
        .args(["-T", &duration.as_secs().max(1).to_string()])
        .args(["-h", &host, "-p", &port, "-U", &user])
        .arg("-f")
        .arg(&script)
        .arg(&database)
        .stdout(std::fs::File::create(&out)?)
        .stderr(std::fs::File::create(&err)?);
    let status = crate::servers::finish(&mut cmd, None).await.context("run pgbench")?;
    let stdout = std::fs::read_to_string(&out)?;
    if !status.success() {
        let stderr = std::fs::read_to_string(&err)?;
        bail!("pgbench failed: {}", stderr.lines().next().unwrap_or("no message"));
    }
    let tps = stdout
        .lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<f64>().ok())
        .context("pgbench printed no tps")?;
    let failed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("number of failed transactions: "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut sample = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("tx.")) {
            // client_id transaction_no time(µs) script_no epoch epoch_µs
            for line in std::fs::read_to_string(&path)?.lines() {
                if let Some(us) = line.split_whitespace().nth(2).and_then(|v| v.parse::<u64>().ok()) {
                    sample.push(Duration::from_micros(us));
                }
            }
        }
    }
    Ok(PeerResult { transactions: sample.len(), failed, wall: duration, per_sec: tps, latency: latency(sample) })
}

/// The SQLite version linked into this binary (and into `kenshu`, built from the same lock file).
pub async fn sqlite_version() -> anyhow::Result<String> {
    let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
    let row = conn.fetch_one("SELECT sqlite_version()").await?;
    Ok(row.try_get(0)?)
}

/// `count` transactions of `shape` from `clients` tasks, with Kenshu's pragmas and pool size
/// (crates/persistence `connect_with`) and the given `synchronous`, in a fresh database file.
pub async fn sqlite_raw(
    path: &Path,
    shape: Shape,
    sync: Synchronous,
    clients: usize,
    count: usize,
) -> anyhow::Result<PeerResult> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}?mode=rwc", path.display()))?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(sync.pragma())
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("mmap_size", "268435456");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    for statement in SCHEMA {
        pool.execute(statement.replace("BIGSERIAL", "INTEGER").as_str()).await?;
    }
    let queue = Arc::new(tokio::sync::Mutex::new(()));
    let body: Arc<str> = mail_body().into();
    let next = Arc::new(AtomicUsize::new(0));
    let t0 = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (pool, next, queue, body) = (pool.clone(), next.clone(), queue.clone(), body.clone());
        tasks.spawn(async move {
            let (mut sample, mut failed) = (Vec::new(), 0usize);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= count {
                    break;
                }
                let start = Instant::now();
                let _turn = match shape {
                    Shape::KenshuQueued => Some(queue.lock().await),
                    _ => None,
                };
                match sqlite_transaction(&pool, shape, n, &body).await {
                    Ok(()) => sample.push(start.elapsed()),
                    Err(_) => failed += 1,
                }
            }
            (sample, failed)
        });
    }
    let (mut sample, mut failed) = (Vec::new(), 0);
    while let Some(done) = tasks.join_next().await {
        let (s, f) = done?;
        sample.extend(s);
        failed += f;
    }
    let wall = t0.elapsed();
    pool.close().await;
    Ok(PeerResult {
        transactions: sample.len(),
        failed,
        wall,
        per_sec: per_sec(sample.len(), wall),
        latency: latency(sample),
    })
}

async fn sqlite_transaction(pool: &sqlx::SqlitePool, shape: Shape, n: usize, body: &str) -> Result<(), sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let email = format!("raw-{n}@example.jp");
    conn.execute(if shape == Shape::Minimal { "BEGIN IMMEDIATE" } else { "BEGIN" }).await?;
    let work = async {
        sqlx::query("UPDATE t SET taken = taken + 1 WHERE id = 1 AND taken < cap").execute(&mut *conn).await?;
        sqlx::query("INSERT INTO apps (t_id, email, full_name) VALUES (1, ?, ?)")
            .bind(&email)
            .bind("札幌 花子")
            .execute(&mut *conn)
            .await?;
        if shape != Shape::Minimal {
            sqlx::query("INSERT INTO outbox (recipient, subject, body) VALUES (?, ?, ?)")
                .bind(&email)
                .bind(MAIL_SUBJECT)
                .bind(body)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO idem (scope, idem_key, request_hash, response_status, response_body) \
                 VALUES ('apply:1', ?, ?, 201, ?)",
            )
            .bind(format!("k-{n}"))
            .bind(REQUEST_HASH)
            .bind(ANSWER)
            .execute(&mut *conn)
            .await?;
        }
        conn.execute("COMMIT").await.map(|_| ())
    }
    .await;
    if work.is_err() {
        let _ = conn.execute("ROLLBACK").await;
    }
    work
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgbench_scripts_take_the_seat_first_or_last_in_one_transaction() {
        let minimal = pgbench_script(Shape::Minimal);
        assert!(
            minimal.contains("BEGIN;\nUPDATE t SET taken = taken + 1 WHERE id = 1 AND taken < cap;\nINSERT INTO apps")
        );
        assert_eq!(minimal.matches("INSERT").count(), 1);
        let last = pgbench_script(Shape::KenshuSeatLast);
        assert_eq!(last.matches("INSERT").count(), 3);
        assert!(last.ends_with("taken < cap;\nEND;\n"));
        assert!(!mail_body().contains('\''));
        assert!(!ANSWER.contains(":n"), "pgbench would substitute a variable");
    }
}
