//! A database per test. SQLite: a new file. PostgreSQL: a clone of a migrated template.
//! Neither has a teardown hook, so each process first sweeps what ended processes left.
//!
//! The template is migrated once per migration set, not once per test: its name carries a
//! hash of the migrations, and it is built under an advisory lock with a temporary name, so
//! suites running at once (parallel runs, other checkouts) share a complete template or wait
//! for it, and a build that died half-way is never cloned. The sweeps run under the same
//! lock: per-test databases only once their process has ended (`kenshu_t_<pid>_<n>`),
//! templates of other migration sets only when none has used them for a day.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use kenshu_persistence::MigratorTrait;
use sea_orm::sqlx::{self, Connection, PgConnection, Row};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tokio::sync::OnceCell;

static COUNTER: AtomicU32 = AtomicU32::new(0);
static TEMPLATE: OnceCell<String> = OnceCell::const_new();
static SQLITE_SWEPT: Once = Once::new();

/// Distinct from the app's migration lock.
const TEMPLATE_LOCK: i64 = i64::from_be_bytes(*b"kenshutp");
const TEMPLATE_PREFIX: &str = "kenshu_migrated_";
/// A template nobody used for this long belongs to an old migration set.
const TEMPLATE_IDLE_SECS: i64 = 24 * 60 * 60;

/// A database URL nobody else uses.
pub(crate) async fn fresh_database_url() -> String {
    // The template's migrations are logged too.
    super::capture_logs();
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let pid = std::process::id();
    match std::env::var("KENSHU_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
        Some(admin_url) => {
            let template = TEMPLATE.get_or_init(|| prepare_template(&admin_url)).await;
            let name = format!("kenshu_t_{pid}_{n}");
            let mut admin = PgConnection::connect(&admin_url).await.expect("connect to the PostgreSQL test server");
            execute(&mut admin, &format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"")).await;
            let _ = admin.close().await;
            database_url(&admin_url, &name)
        }
        None => {
            let dir = std::env::temp_dir().join("kenshu-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            SQLITE_SWEPT.call_once(|| sweep_files(&dir));
            let path = dir.join(format!("t-{pid}-{n}-{}.db", OffsetDateTime::now_utc().unix_timestamp_nanos()));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

fn database_url(admin_url: &str, name: &str) -> String {
    let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(admin_url);
    format!("{base}/{name}")
}

async fn execute(conn: &mut PgConnection, sql: &str) {
    sqlx::raw_sql(sql).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn exists(conn: &mut PgConnection, name: &str) -> bool {
    let found = sqlx::query("SELECT 1 FROM pg_database WHERE datname = $1").bind(name).fetch_optional(&mut *conn).await;
    found.expect("look for a database").is_some()
}

/// The migrated template for this migration set, built if missing; sweeps leftovers.
async fn prepare_template(admin_url: &str) -> String {
    let name = format!("{TEMPLATE_PREFIX}{}", migrations_hash());
    let mut admin = PgConnection::connect(admin_url).await.expect("connect to the PostgreSQL test server");
    sqlx::query("SELECT pg_advisory_lock($1)").bind(TEMPLATE_LOCK).execute(&mut admin).await.expect("lock");
    if !exists(&mut admin, &name).await {
        build_template(&mut admin, admin_url, &name).await;
    }
    let now = OffsetDateTime::now_utc().unix_timestamp();
    execute(&mut admin, &format!("COMMENT ON DATABASE \"{name}\" IS 'kenshu test template, used {now}'")).await;
    sweep(&mut admin, &name, now).await;
    sqlx::query("SELECT pg_advisory_unlock($1)").bind(TEMPLATE_LOCK).execute(&mut admin).await.expect("unlock");
    let _ = admin.close().await;
    name
}

/// Migrates a new database under a name of this process, then renames it: only a complete
/// template ever has the final name. (The lock is per admin database; should a suite with
/// another admin database finish first, its template is as good as ours.)
async fn build_template(admin: &mut PgConnection, admin_url: &str, name: &str) {
    let building = format!("{name}_building_{}", std::process::id());
    execute(admin, &format!("CREATE DATABASE \"{building}\"")).await;
    let db = kenshu_persistence::connect(&database_url(admin_url, &building)).await.expect("connect");
    kenshu_persistence::migrate(&db).await.expect("migrate the template");
    db.close().await.expect("close");
    let renamed =
        sqlx::raw_sql(&format!("ALTER DATABASE \"{building}\" RENAME TO \"{name}\"")).execute(&mut *admin).await;
    if renamed.is_err() && exists(admin, name).await {
        execute(admin, &format!("DROP DATABASE \"{building}\"")).await;
        return;
    }
    renamed.unwrap_or_else(|e| panic!("rename the template: {e}"));
    // A stray connection would make every clone fail, and an older sweep must not drop it.
    execute(admin, &format!("ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")).await;
}

/// Whether the process with this id (from a database's or file's name) is running.
fn alive(pid: &str) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Removes the SQLite files (`t-<pid>-…`, with their `-wal` and `-shm`) of ended processes.
fn sweep_files(dir: &std::path::Path) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let owner = name.to_str().and_then(|n| n.strip_prefix("t-")).and_then(|rest| rest.split('-').next());
        if owner.is_some_and(|pid| !alive(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Drops the databases of ended processes and templates nobody uses any more.
async fn sweep(admin: &mut PgConnection, template: &str, now: i64) {
    let tests = sqlx::query("SELECT datname FROM pg_database WHERE datname LIKE 'kenshu\\_t\\_%'")
        .fetch_all(&mut *admin)
        .await
        .expect("list test databases");
    for name in tests.iter().map(|row| row.get::<String, _>("datname")) {
        let owner = name.strip_prefix("kenshu_t_").and_then(|rest| rest.split('_').next());
        if !owner.is_some_and(alive) {
            // Without FORCE: a database someone is still connected to stays.
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS \"{name}\"")).execute(&mut *admin).await;
        }
    }
    let templates = sqlx::query(
        "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') AS note FROM pg_database \
         WHERE datname LIKE $1",
    )
    .bind(format!("{}%", TEMPLATE_PREFIX.replace('_', "\\_")))
    .fetch_all(&mut *admin)
    .await
    .expect("list templates");
    for row in templates {
        let (name, note): (String, String) = (row.get("datname"), row.get("note"));
        let used = note.rsplit(' ').next().and_then(|t| t.parse::<i64>().ok()).unwrap_or(0);
        let builder = name.split_once("_building_").map(|(_, pid)| pid);
        let stale = match builder {
            Some(pid) => !alive(pid),
            None => name != template && now - used > TEMPLATE_IDLE_SECS,
        };
        if stale {
            let _ =
                sqlx::raw_sql(&format!("ALTER DATABASE \"{name}\" WITH IS_TEMPLATE false")).execute(&mut *admin).await;
            let _ = sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS \"{name}\"")).execute(&mut *admin).await;
        }
    }
}

/// The migrations as this build applies them: their names and their source.
fn migrations_hash() -> String {
    let mut hash = Sha256::new();
    for migration in kenshu_persistence::Migrator::migrations() {
        hash.update(migration.name().as_bytes());
        hash.update([0]);
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/src");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("migrations/src").map(|e| e.expect("entry").path()).collect();
    files.sort();
    for file in files {
        hash.update(std::fs::read(&file).expect("a migration file"));
        hash.update([0]);
    }
    hash.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}
