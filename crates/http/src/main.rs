//! `kenshu serve | migrate | user create | user disable | openapi | errors | demo` (SPEC §11).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kenshu_domain::staff::Role;
use kenshu_http::auth::password::{self, MIN_PASSWORD_CHARS};
use kenshu_http::config::{Config, RawConfig};
use kenshu_http::startup::{connect_and_migrate, Application};
use kenshu_http::{demo, openapi, telemetry};
use kenshu_persistence::repos::staff_users;
use kenshu_persistence::RepoError;
use time::OffsetDateTime;

/// mimalloc: under a rush the server allocates from four threads at once, and glibc's malloc
/// spent about 15% of the CPU in its arenas (measured with perf, docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's own entry point, linked in with the allocator (the `mimalloc` crate declares it
// only behind its `extended` feature, which pulls in another crate).
extern "C" {
    fn mi_collect(force: bool);
}

/// Gives the memory the server freed back to the system once it is idle. mimalloc purges
/// freed memory after a delay (100 ms for its arenas), but only when it is next called: an
/// idle server kept what it freed while starting (docs/reliability.md, item 14). Under load
/// mimalloc has already purged and this finds nothing to do; no setting of the allocator
/// changes, so a rush runs as before.
async fn purge_freed_memory_when_idle() {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        tick.tick().await;
        // SAFETY: `mi_collect` takes no pointer and may be called from any thread at any time.
        unsafe { mi_collect(false) };
    }
}

#[derive(Parser)]
#[command(name = "kenshu", version, about = "研修予約システム Kenshu")]
struct Cli {
    #[command(flatten)]
    config: RawConfig,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, the SPA and the background workers.
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI document (YAML).
    Openapi,
    /// Print the error catalogue (docs/errors.md).
    Errors,
    /// Load the demo trainings and a demo admin (idempotent).
    Demo,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "staff", "prefecture"])]
        role: String,
    },
    /// Disable a staff account: it cannot sign in, and its tokens stop working at once.
    Disable {
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    match cli.command {
        Command::Openapi => {
            print!("{}", openapi::yaml());
            return ExitCode::SUCCESS;
        }
        Command::Errors => {
            print!("{}", kenshu_domain::error::catalogue_markdown());
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let config = match cli.config.check() {
        Ok(config) => config,
        Err(line) => {
            eprintln!("kenshu: configuration error: {line}");
            return ExitCode::from(2);
        }
    };
    telemetry::init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve => {
                let app = Application::build(config.clone()).await?;
                tracing::info!(address = %config.bind, port = app.port, "Kenshu is listening");
                tokio::spawn(purge_freed_memory_when_idle());
                app.run_until_stopped().await?;
                Ok(())
            }
            Command::Migrate => {
                connect_and_migrate(&config.database_url, config.sqlite_sync).await?;
                eprintln!("kenshu: migrations applied");
                Ok(())
            }
            Command::User { command: UserCommand::Create { email, role } } => create_user(&config, &email, &role).await,
            Command::User { command: UserCommand::Disable { email } } => disable_user(&config, &email).await,
            Command::Demo => {
                let db = connect_and_migrate(&config.database_url, config.sqlite_sync).await?;
                let report = demo::load(&db, OffsetDateTime::now_utc()).await?;
                for (id, title, created) in &report.trainings {
                    println!("{} training {id}: {title}", if *created { "created" } else { "exists " });
                }
                println!("demo admin: {}  password: {}", report.admin_email, report.admin_password);
                println!("demo prefecture: {}  password: {}", report.prefecture_email, report.prefecture_password);
                Ok(())
            }
            Command::Openapi | Command::Errors => unreachable!("handled before configuration"),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kenshu: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn create_user(config: &Config, email: &str, role: &str) -> anyhow::Result<()> {
    let email = email.trim().to_lowercase();
    anyhow::ensure!(
        email.len() <= 254 && email.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.')),
        "--email {email:?} is not a mail address"
    );
    let role = Role::parse(role).ok_or_else(|| anyhow::anyhow!("--role must be admin, staff or prefecture"))?;
    if std::io::stdin().is_terminal() {
        eprintln!("Password (at least {MIN_PASSWORD_CHARS} characters), then Enter:");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']);
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_CHARS,
        "the password must be at least {MIN_PASSWORD_CHARS} characters long"
    );
    let hash = password::hash(password)?;
    let db = connect_and_migrate(&config.database_url, config.sqlite_sync).await?;
    match staff_users::create(&db, &email, &hash, role, OffsetDateTime::now_utc()).await {
        Ok(user) => {
            eprintln!("kenshu: created {} user {} (id {})", role.as_str(), user.email, user.id);
            Ok(())
        }
        Err(RepoError::Conflict(_)) => anyhow::bail!("a user with the email {email} already exists"),
        Err(e) => Err(e.into()),
    }
}

async fn disable_user(config: &Config, email: &str) -> anyhow::Result<()> {
    let email = email.trim().to_lowercase();
    let db = connect_and_migrate(&config.database_url, config.sqlite_sync).await?;
    match staff_users::disable(&db, &email, OffsetDateTime::now_utc()).await {
        Ok(user) => {
            eprintln!("kenshu: disabled user {} (id {}); its sign-ins have ended", user.email, user.id);
            Ok(())
        }
        Err(RepoError::NotFound) => anyhow::bail!("no user with the email {email}"),
        Err(e) => Err(e.into()),
    }
}
