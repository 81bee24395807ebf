//! Configuration from `KENSHU_…` environment variables (and `.env`), checked once at
//! start-up. A bad value stops the process with one line that names the variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use secrecy::SecretString;

/// The raw settings as clap reads them from the environment.
#[derive(Debug, Clone, Args)]
pub struct RawConfig {
    /// Database: `sqlite://kenshu.db?mode=rwc` (embedded default) or `postgres://…`.
    #[arg(long, env = "KENSHU_DATABASE_URL", default_value = "sqlite://kenshu.db?mode=rwc", global = true)]
    pub database_url: String,
    /// Address to listen on.
    #[arg(long, env = "KENSHU_BIND", default_value = "127.0.0.1:8080", global = true)]
    pub bind: String,
    /// Base of the links put into mail (defaults to http://<bind>).
    #[arg(long, env = "KENSHU_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Secret that signs staff tokens (at least 32 bytes). Unset: a random one per process.
    #[arg(long, env = "KENSHU_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<String>,
    /// SMTP server, e.g. `smtp://127.0.0.1:1025`. Unset: mail is logged and kept in the outbox.
    #[arg(long, env = "KENSHU_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,
    /// Sender of every mail.
    #[arg(long, env = "KENSHU_MAIL_FROM", default_value = "研修予約システム <no-reply@kenshu.example>", global = true)]
    pub mail_from: String,
    /// The organiser's inbox, copied on application mails.
    #[arg(long, env = "KENSHU_ORGANISER_INBOX", global = true)]
    pub organiser_inbox: Option<String>,
    /// A Japanese TTF/OTF/TTC holding 髙 﨑 𠮷 for PDFs.
    #[arg(long, env = "KENSHU_FONT_PATH", global = true)]
    pub font_path: Option<PathBuf>,
    /// The built SPA. Unset: `spa/` beside the executable, else the checkout's `frontend/dist`.
    #[arg(long, env = "KENSHU_SPA_DIR", global = true)]
    pub spa_dir: Option<PathBuf>,
    /// Public eligibility checks allowed per client address and minute.
    #[arg(long, env = "KENSHU_ELIGIBILITY_PER_MINUTE", default_value = "120", global = true)]
    pub eligibility_per_minute: String,
    /// Proxies whose forwarded headers give the client address (comma-separated addresses
    /// and CIDR networks). Unset: forwarded headers are ignored.
    #[arg(long, env = "KENSHU_TRUSTED_PROXIES", global = true)]
    pub trusted_proxies: Option<String>,
    /// `1`: webhooks may go to loopback and private addresses (tests, an intranet receiver).
    /// Link-local addresses and this server itself are refused whatever it says.
    #[arg(long, env = "KENSHU_WEBHOOK_ALLOW_PRIVATE", global = true)]
    pub webhook_allow_private: Option<String>,
    /// SQLite only: `full` (default) syncs every commit, so an acknowledged application
    /// survives a power loss; `normal` may lose the last commits on power loss.
    #[arg(long, env = "KENSHU_SQLITE_SYNCHRONOUS", default_value = "full", global = true)]
    pub sqlite_synchronous: String,
    /// HTTP worker threads, 1–256. Unset: two per core (see `Config::workers`).
    #[arg(long, env = "KENSHU_WORKERS", global = true)]
    pub workers: Option<String>,
}

/// Checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// `KENSHU_SQLITE_SYNCHRONOUS`: how SQLite syncs a commit (FULL unless told otherwise).
    pub sqlite_sync: kenshu_persistence::SqliteSync,
    pub bind: SocketAddr,
    pub public_url: String,
    /// `None`: generate a random secret (tokens die with the process).
    pub jwt_secret: Option<SecretString>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub organiser_inbox: Option<String>,
    pub font_path: Option<PathBuf>,
    pub spa_dir: PathBuf,
    pub eligibility_per_minute: u32,
    pub trusted_proxies: crate::transport::client::TrustedProxies,
    /// `KENSHU_WEBHOOK_ALLOW_PRIVATE=1`: webhooks may go to loopback and private addresses.
    pub webhook_allow_private: bool,
    /// How long a sold-out training is refused from memory (`sold_out::MEMORY`; tests only
    /// change it, and then on every instance alike).
    pub sold_out_memory: std::time::Duration,
    /// Routes that exist only for the API tests (`/__test/panic`). No variable or flag sets
    /// this: only code that builds a `Config` by hand, i.e. the test harness, can.
    pub test_routes: bool,
    /// `KENSHU_WORKERS`: the HTTP worker threads, each a single-threaded runtime holding its
    /// own connections. Two per core by default: a worker the kernel preempts (for the
    /// database, the seat desk, another instance) holds up every connection it owns for a
    /// scheduling slice, and with one worker per core that is half of them. Each worker holds
    /// about 2 MB (`docs/reliability.md`, "Refusals from memory").
    pub workers: usize,
}

/// Secrets that have been printed in this repository (the compose file once carried a
/// default; the test harness signs with its own). Anyone can read them, so they are refused:
/// a token signed with one would let anybody in. The test `published_secrets_are_refused`
/// reads the repository's docs and compose file so a new published value cannot slip by.
pub const PUBLISHED_SECRETS: &[&str] =
    &["change-me-to-32-or-more-random-bytes!!", "kenshu-test-secret-kenshu-test-secret"];

impl RawConfig {
    /// Checks every value; the error is one line naming the variable.
    pub fn check(self) -> Result<Config, String> {
        let database_url = self.database_url.trim().to_owned();
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(format!(
                "KENSHU_DATABASE_URL must start with sqlite: or postgres://, got {:?}",
                redact_url(&database_url)
            ));
        }
        let bind: SocketAddr = self
            .bind
            .trim()
            .parse()
            .map_err(|_| format!("KENSHU_BIND must be an address like 127.0.0.1:8080, got {:?}", self.bind))?;
        let public_url = match self.public_url.filter(|u| !u.trim().is_empty()) {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim().trim_end_matches('/').to_owned()
            }
            Some(url) => return Err(format!("KENSHU_PUBLIC_URL must start with http:// or https://, got {url:?}")),
            None => format!("http://{bind}"),
        };
        let jwt_secret = match self.jwt_secret.filter(|s| !s.is_empty()) {
            Some(secret) if secret.len() < 32 => {
                return Err("KENSHU_JWT_SECRET must be at least 32 bytes long".to_owned())
            }
            Some(secret) if PUBLISHED_SECRETS.contains(&secret.as_str()) => {
                return Err("KENSHU_JWT_SECRET is a value published in Kenshu's repository: set a random one (e.g. openssl rand -base64 48)".to_owned())
            }
            Some(secret) => Some(SecretString::from(secret)),
            None => None,
        };
        let smtp_url = match self.smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => Some(url),
            Some(url) => {
                return Err(format!("KENSHU_SMTP_URL must start with smtp:// or smtps://, got {:?}", redact_url(&url)))
            }
            None => None,
        };
        if !self.mail_from.contains('@') {
            return Err(format!("KENSHU_MAIL_FROM must be a mail address, got {:?}", self.mail_from));
        }
        if let Some(inbox) = self.organiser_inbox.as_deref().filter(|i| !i.contains('@')) {
            return Err(format!("KENSHU_ORGANISER_INBOX must be a mail address, got {inbox:?}"));
        }
        if let Some(font) = self.font_path.as_ref().filter(|p| !p.is_file()) {
            return Err(format!("KENSHU_FONT_PATH {} is not a readable file", font.display()));
        }
        let eligibility_per_minute =
            self.eligibility_per_minute.trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                format!(
                    "KENSHU_ELIGIBILITY_PER_MINUTE must be a whole number above 0, got {:?}",
                    self.eligibility_per_minute
                )
            })?;
        let trusted_proxies =
            crate::transport::client::TrustedProxies::parse(self.trusted_proxies.as_deref().unwrap_or_default())
                .map_err(|entry| {
                    format!("KENSHU_TRUSTED_PROXIES must list IP addresses or CIDR networks, got {entry:?}")
                })?;
        let webhook_allow_private = match self.webhook_allow_private.as_deref().map(str::trim) {
            None | Some("" | "0" | "false") => false,
            Some("1" | "true") => true,
            Some(other) => return Err(format!("KENSHU_WEBHOOK_ALLOW_PRIVATE must be 1 or 0, got {other:?}")),
        };
        let Some(sqlite_sync) = kenshu_persistence::SqliteSync::parse(&self.sqlite_synchronous) else {
            return Err(format!("KENSHU_SQLITE_SYNCHRONOUS must be full or normal, got {:?}", self.sqlite_synchronous));
        };
        let workers = match self.workers.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            None => default_workers(),
            Some(text) => text.parse::<usize>().ok().filter(|n| (1..=MAX_WORKERS).contains(n)).ok_or_else(|| {
                format!("KENSHU_WORKERS must be a whole number from 1 to {MAX_WORKERS}, got {text:?}")
            })?,
        };
        Ok(Config {
            workers,
            sqlite_sync,
            webhook_allow_private,
            sold_out_memory: crate::sold_out::MEMORY,
            eligibility_per_minute,
            trusted_proxies,
            database_url,
            bind,
            public_url,
            jwt_secret,
            smtp_url,
            mail_from: self.mail_from,
            organiser_inbox: self.organiser_inbox.filter(|i| !i.is_empty()),
            font_path: self.font_path,
            spa_dir: crate::spa::locate(self.spa_dir.as_deref().filter(|d| !d.as_os_str().is_empty())),
            test_routes: false,
        })
    }
}

/// The most HTTP worker threads `KENSHU_WORKERS` may ask for.
const MAX_WORKERS: usize = 256;

/// Two HTTP workers per core the process may use (`Config::workers`).
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |cores| 2 * cores.get()).min(MAX_WORKERS)
}

/// A URL with its password replaced, for error lines and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawConfig {
        RawConfig {
            database_url: "sqlite://kenshu.db?mode=rwc".into(),
            bind: "127.0.0.1:8080".into(),
            public_url: None,
            jwt_secret: None,
            smtp_url: None,
            mail_from: "研修 <no-reply@example.jp>".into(),
            organiser_inbox: None,
            font_path: None,
            spa_dir: None,
            eligibility_per_minute: "120".into(),
            trusted_proxies: None,
            webhook_allow_private: None,
            sqlite_synchronous: "full".into(),
            workers: None,
        }
    }

    #[test]
    fn defaults_are_valid() {
        let config = raw().check().unwrap();
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert_eq!(config.sqlite_sync, kenshu_persistence::SqliteSync::Full, "durable unless told otherwise");
        let cores = std::thread::available_parallelism().unwrap().get();
        assert_eq!(config.workers, 2 * cores, "two HTTP workers per core");
    }

    #[test]
    fn the_workers_may_be_set() {
        let config = RawConfig { workers: Some(" 3 ".into()), ..raw() }.check().unwrap();
        assert_eq!(config.workers, 3);
    }

    #[test]
    fn sqlite_may_be_told_to_sync_at_checkpoints_only() {
        let config = RawConfig { sqlite_synchronous: " NORMAL ".into(), ..raw() }.check().unwrap();
        assert_eq!(config.sqlite_sync, kenshu_persistence::SqliteSync::Normal);
    }

    /// A change that spoils the configuration, and the variable the error must name.
    type Spoil = (fn(&mut RawConfig), &'static str);

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases: [Spoil; 11] = [
            (|c| c.database_url = "mysql://x".into(), "KENSHU_DATABASE_URL"),
            (|c| c.bind = "localhost".into(), "KENSHU_BIND"),
            (|c| c.public_url = Some("kenshu.example".into()), "KENSHU_PUBLIC_URL"),
            (|c| c.jwt_secret = Some("short".into()), "KENSHU_JWT_SECRET"),
            (|c| c.smtp_url = Some("http://mail".into()), "KENSHU_SMTP_URL"),
            (|c| c.font_path = Some("/nonexistent/font.ttf".into()), "KENSHU_FONT_PATH"),
            (|c| c.eligibility_per_minute = "many".into(), "KENSHU_ELIGIBILITY_PER_MINUTE"),
            (|c| c.trusted_proxies = Some("10.0.0.1, proxy.local".into()), "KENSHU_TRUSTED_PROXIES"),
            (|c| c.sqlite_synchronous = "off".into(), "KENSHU_SQLITE_SYNCHRONOUS"),
            (|c| c.workers = Some("0".into()), "KENSHU_WORKERS"),
            (|c| c.workers = Some("257".into()), "KENSHU_WORKERS"),
        ];
        for (break_it, variable) in cases {
            let mut c = raw();
            break_it(&mut c);
            let err = c.check().unwrap_err();
            assert!(err.starts_with(variable), "{err}");
            assert!(!err.contains('\n'));
        }
    }

    /// Values written next to `JWT_SECRET` in the files people copy settings from.
    fn published_candidates() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = vec![
            root.join("README.md"),
            root.join("docker-compose.yml"),
            root.join("Dockerfile"),
            root.join("tests/api/lib.rs"),
        ];
        for dir in ["docs", "."] {
            for entry in std::fs::read_dir(root.join(dir)).expect("read dir").flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".md") || name.starts_with(".env") {
                    files.push(entry.path());
                }
            }
        }
        let mut found = Vec::new();
        for file in files.iter().filter(|f| f.is_file()) {
            let text = std::fs::read_to_string(file).expect("read");
            for line in text.lines().filter(|l| l.contains("JWT_SECRET")) {
                let cut = |c: char| c.is_whitespace() || "\"'`=${}:?,;()".contains(c);
                found.extend(line.split(cut).filter(|w| w.len() >= 32).map(str::to_owned));
            }
        }
        found
    }

    #[test]
    fn published_secrets_are_refused() {
        for secret in PUBLISHED_SECRETS.iter().map(|s| s.to_string()).chain(published_candidates()) {
            let err = RawConfig { jwt_secret: Some(secret.clone()), ..raw() }.check().unwrap_err();
            assert!(err.starts_with("KENSHU_JWT_SECRET"), "{secret}: {err}");
        }
        let fresh = "b3c1f0e9a7d24c6e8f5a1b2c3d4e5f60718293a4";
        assert!(RawConfig { jwt_secret: Some(fresh.into()), ..raw() }.check().is_ok());
    }

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(redact_url("postgres://kenshu:s3cret@db/kenshu"), "postgres://kenshu:***@db/kenshu");
        assert_eq!(redact_url("sqlite://kenshu.db"), "sqlite://kenshu.db");
    }
}
