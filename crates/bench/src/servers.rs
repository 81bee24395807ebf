//! `kenshu serve` instances started for one scenario, and the databases they use. Every
//! process is killed when its handle drops, and its pid is written to `<work>/pids` so that
//! `scripts/bench` can kill it even if this process dies first.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use sea_orm::sqlx::{Connection, Executor, PgConnection, Row};

/// The staff account each scenario signs in with.
pub const STAFF_EMAIL: &str = "rush-staff@kenshu.test";
pub const STAFF_PASSWORD: &str = "password123456";

/// Where a scenario's data lives.
pub enum Store {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Store {
    pub fn url(&self) -> String {
        match self {
            Store::Sqlite(path) => format!("sqlite://{}?mode=rwc", path.display()),
            Store::Postgres { admin_url, name } => with_database(admin_url, name),
        }
    }

    /// Creates the PostgreSQL database (a SQLite file is created by the first connection).
    pub async fn create(&self) -> anyhow::Result<()> {
        if let Store::Postgres { admin_url, name } = self {
            let mut admin = PgConnection::connect(admin_url).await.context("connect to PostgreSQL")?;
            admin.execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str()).await?;
            admin.execute(format!("CREATE DATABASE \"{name}\"").as_str()).await?;
            admin.close().await?;
        }
        Ok(())
    }

    pub async fn drop_database(&self) {
        if let Store::Postgres { admin_url, name } = self {
            if let Ok(mut admin) = PgConnection::connect(admin_url).await {
                let _ = admin.execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str()).await;
                let _ = admin.close().await;
            }
        }
    }
}

/// `postgres://user@host:port/other` → `postgres://user@host:port/<name>`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let root = match base.find("://").map(|i| i + 3) {
        Some(start) => match base[start..].find('/') {
            Some(slash) => &base[..start + slash],
            None => base,
        },
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

/// The host of a database URL, for the loopback check.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    Some(match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host_port.rsplit_once(':').map_or(host_port, |(h, _)| h),
    })
}

/// Databases left by earlier runs that died before dropping them (their process is gone).
pub async fn sweep_stale_databases(admin_url: &str) -> anyhow::Result<()> {
    let mut admin = PgConnection::connect(admin_url).await.context("connect to PostgreSQL")?;
    let rows = admin.fetch_all("SELECT datname FROM pg_database WHERE datname LIKE 'kenshu_rush_%'").await?;
    for row in rows {
        let name: String = row.try_get(0)?;
        let pid = name.trim_start_matches("kenshu_rush_").split('_').next().unwrap_or("");
        if !pid.is_empty() && !Path::new("/proc").join(pid).exists() {
            admin.execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str()).await?;
        }
    }
    admin.close().await?;
    Ok(())
}

/// How to start `kenshu`.
pub struct Launcher {
    pub kenshu: PathBuf,
    pub work: PathBuf,
    pub jwt_secret: String,
}

/// One running `kenshu serve`.
pub struct Instance {
    child: Child,
    pub base: String,
    pid_file: PathBuf,
}

impl Instance {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Reaped: its pid may be reused, so the script must no longer kill it.
        let pid = self.child.id().to_string();
        if let Ok(list) = std::fs::read_to_string(&self.pid_file) {
            let rest: String = list.lines().filter(|l| *l != pid).map(|l| format!("{l}\n")).collect();
            let _ = std::fs::write(&self.pid_file, rest);
        }
    }
}

impl Launcher {
    fn command(&self, database_url: &str) -> Command {
        // An empty SPA directory: nothing to serve, nothing to complain about.
        let _ = std::fs::create_dir_all(self.work.join("no-spa"));
        let mut cmd = Command::new(&self.kenshu);
        // Only what we set: no KENSHU_SMTP_URL (mail stays in the outbox), no stray .env.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KENSHU_") {
                cmd.env_remove(&key);
            }
        }
        cmd.current_dir(&self.work)
            .env("KENSHU_DATABASE_URL", database_url)
            .env("KENSHU_JWT_SECRET", &self.jwt_secret)
            .env("KENSHU_SPA_DIR", self.work.join("no-spa"))
            .env("RUST_LOG", "warn");
        cmd
    }

    fn log(&self, name: &str) -> anyhow::Result<std::fs::File> {
        Ok(std::fs::File::create(self.work.join(name))?)
    }

    /// `kenshu migrate`, then `kenshu user create` for the scenario's staff account.
    pub async fn prepare(&self, label: &str, database_url: &str) -> anyhow::Result<()> {
        let log = self.log(&format!("{label}-setup.log"))?;
        let mut migrate = self.command(database_url);
        migrate.arg("migrate").stdout(log.try_clone()?).stderr(log.try_clone()?);
        let status = finish(&mut migrate, None).await.context("run kenshu migrate")?;
        anyhow::ensure!(status.success(), "kenshu migrate failed (see {label}-setup.log)");
        let mut create = self.command(database_url);
        create.args(["user", "create", "--email", STAFF_EMAIL, "--role", "staff"]).stdout(log.try_clone()?).stderr(log);
        let status = finish(&mut create, Some(STAFF_PASSWORD)).await.context("run kenshu user create")?;
        anyhow::ensure!(status.success(), "kenshu user create failed (see {label}-setup.log)");
        Ok(())
    }

    /// Starts `n` instances on free loopback ports and waits until each answers `/readyz`.
    pub async fn serve(&self, label: &str, database_url: &str, n: usize) -> anyhow::Result<Vec<Instance>> {
        self.serve_with(label, database_url, n, &[]).await
    }

    /// [`Launcher::serve`] with more `KENSHU_…` settings for the instances.
    pub async fn serve_with(
        &self,
        label: &str,
        database_url: &str,
        n: usize,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Vec<Instance>> {
        let mut instances = Vec::new();
        for i in 0..n {
            let port = free_port()?;
            let base = format!("http://127.0.0.1:{port}");
            let log = self.log(&format!("{label}-serve-{i}.log"))?;
            let child = self
                .command(database_url)
                .arg("serve")
                .env("KENSHU_BIND", format!("127.0.0.1:{port}"))
                .env("KENSHU_PUBLIC_URL", &base)
                .envs(env.iter().copied())
                .stdin(Stdio::null())
                .stdout(log.try_clone()?)
                .stderr(log)
                .spawn()
                .context("start kenshu serve")?;
            let pid_file = self.work.join("pids");
            let mut pids = std::fs::OpenOptions::new().create(true).append(true).open(&pid_file)?;
            writeln!(pids, "{}", child.id())?;
            instances.push(Instance { child, base, pid_file });
        }
        let client = reqwest::Client::builder().no_proxy().build()?;
        for (i, instance) in instances.iter_mut().enumerate() {
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                if let Some(status) = instance.child.try_wait()? {
                    bail!("kenshu serve exited with {status} (see {label}-serve-{i}.log)");
                }
                let ready = client.get(format!("{}/readyz", instance.base)).send().await;
                if ready.is_ok_and(|r| r.status().is_success()) {
                    break;
                }
                if Instant::now() > deadline {
                    bail!("kenshu serve did not become ready in 60 s (see {label}-serve-{i}.log)");
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok(instances)
    }
}

/// Kills its process when dropped, e.g. when a scenario's time limit cancels the wait.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Runs a command to its end without blocking the runtime, writing `input` and a newline to
/// its standard input.
pub async fn finish(cmd: &mut Command, input: Option<&str>) -> anyhow::Result<ExitStatus> {
    cmd.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = KillOnDrop(cmd.spawn()?);
    if let Some(input) = input {
        writeln!(child.0.stdin.take().context("stdin")?, "{input}")?;
    }
    loop {
        if let Some(status) = child.0.try_wait()? {
            return Ok(status);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_get_another_database_and_keep_their_host() {
        let admin = "postgres://postgres@127.0.0.1:5432/postgres";
        assert_eq!(with_database(admin, "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(with_database("postgres://127.0.0.1", "x"), "postgres://127.0.0.1/x");
        assert_eq!(with_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
        assert_eq!(host_of(admin), Some("127.0.0.1"));
        assert_eq!(host_of("postgres://u:p@localhost/db"), Some("localhost"));
        assert_eq!(host_of("postgres://[::1]:5432/db"), Some("::1"));
        assert_eq!(host_of("postgres://db.example.com/db"), Some("db.example.com"));
    }
}
