//! `kenshu-rush`: the registration-rush benchmark (issue 3, item 9; SPEC §4).
//!
//! Starts `kenshu serve` on loopback against a fresh SQLite file and a fresh PostgreSQL
//! database (one and three instances), opens a training with C seats, fires N distinct
//! applicants and duplicate submits at K concurrent clients, checks what was stored through
//! the staff API, and measures in the same run the peers that bound the figures: `pgbench`
//! with the same hot-row transaction, that transaction on SQLite from this process, and
//! `GET /healthz` of the same servers. Exits 1 when an invariant fails (exactly C confirmed,
//! no duplicate, no 5xx, every request answered); performance targets are only reported.

mod checkin;
mod cpu;
mod load;
mod peers;
mod raw;
mod report;
mod servers;
mod stats;
mod summary;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Parser, ValueEnum};
use sea_orm::sqlx::{Connection, Executor, PgConnection, Row};

use crate::load::{group_is_consistent, jobs, Api, Job, Stored};
use crate::peers::{PeerResult, Shape, Synchronous};
use crate::report::Machine;
use crate::servers::{Launcher, Store, STAFF_EMAIL, STAFF_PASSWORD};
use crate::stats::{latency, per_sec, phases, Kind, Phases};

#[derive(Parser)]
#[command(name = "kenshu-rush", about = "The registration-rush benchmark: Kenshu and its peers, on 127.0.0.1 only")]
struct Args {
    /// A smaller smoke run (well under a minute of load).
    #[arg(long)]
    quick: bool,
    /// Print the tables as Markdown (for docs/benchmarks.md).
    #[arg(long)]
    markdown: bool,
    /// Scenarios to run, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "sqlite,sqlite-normal,pg1,pg3,burst,burst-flat,checkin"
    )]
    only: Vec<Which>,
    /// Concurrent clients of the main scenarios and of the peers.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// The `kenshu` binary [default: next to this one].
    #[arg(long)]
    kenshu: Option<PathBuf>,
    /// The `pgbench` binary [default: on PATH, else /usr/lib/postgresql/*/bin].
    #[arg(long)]
    pgbench: Option<PathBuf>,
    /// A PostgreSQL server on loopback with trust auth; databases are created and dropped on it.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    pg_url: String,
    /// Databases and server logs go here [default: a new temporary directory, removed on success].
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Late applicants sent after each rush, all to be refused [default: 4,000; --quick: 500].
    #[arg(long)]
    late: Option<u32>,
    /// Seats of the main scenarios' training, with 10 % more applicants than seats, so that
    /// the seats are measured over a longer run than the default 1,000 (at most 10,000, the
    /// largest capacity Kenshu takes) [default: 1,000 seats for 5,000 applicants].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    seats: Option<u32>,
    /// Hard limit per scenario and per peer, in seconds.
    #[arg(long, default_value_t = 180)]
    timeout: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    /// SQLite as Kenshu runs it: `synchronous=FULL`.
    Sqlite,
    /// SQLite with `KENSHU_SQLITE_SYNCHRONOUS=normal`: what FULL costs (issue 13, item 8).
    SqliteNormal,
    Pg1,
    Pg3,
    Burst,
    BurstFlat,
    /// The morning of a training: participants entering the start code (issue 11).
    Checkin,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// One scenario's shape.
struct Plan {
    which: Which,
    name: &'static str,
    backend: Backend,
    /// SQLite's `synchronous` (PostgreSQL ignores it).
    sync: Synchronous,
    instances: usize,
    capacity: u32,
    applicants: u32,
    groups: u32,
    clients: usize,
    /// Late applicants sent once the rush is over: steady-state refusals.
    probe: u32,
    healthz: usize,
    /// The burst must be answered within this.
    deadline: Option<Duration>,
    /// Open loop: the applicants arrive evenly over this time, whether or not earlier ones
    /// are answered (`clients` then only sizes the warm-up and the late applicants).
    paced: Option<Duration>,
}

impl Plan {
    /// How the load is offered, for the tables.
    fn load(&self) -> String {
        match self.paced {
            Some(over) => format!("{:.0}/s", f64::from(self.applicants) / over.as_secs_f64()),
            None => self.clients.to_string(),
        }
    }
}

fn plans(args: &Args) -> Vec<Plan> {
    let (capacity, applicants, groups, probe, healthz) =
        if args.quick { (50, 500, 10, 500, 2_000) } else { (1_000, 5_000, 50, 4_000, 20_000) };
    let probe = args.late.unwrap_or(probe);
    let (capacity, applicants) = match args.seats {
        Some(seats) => (seats, seats + seats / 10),
        None => (capacity, applicants),
    };
    let main = |which, name, backend, sync, instances| Plan {
        which,
        name,
        backend,
        sync,
        instances,
        capacity,
        applicants,
        groups,
        clients: args.clients,
        probe,
        healthz,
        deadline: None,
        paced: None,
    };
    // The burst: 5,000 applicants arriving within 10 s for 100 seats, 2 instances.
    let (burst_n, burst_over) = if args.quick { (1_000, 2) } else { (5_000, 10) };
    let burst = Plan {
        which: Which::Burst,
        name: "burst: PostgreSQL ×2, paced",
        backend: Backend::Postgres,
        sync: Synchronous::Full,
        instances: 2,
        capacity: if args.quick { 20 } else { 100 },
        applicants: burst_n,
        groups: 10,
        clients: if args.quick { 128 } else { 256 },
        probe,
        healthz,
        deadline: Some(Duration::from_secs(burst_over + 1)),
        paced: Some(Duration::from_secs(burst_over)),
    };
    // The same applicants from 256 clients as fast as the servers answer: a harder load than
    // the issue's, to see where the burst would break.
    let burst_flat = Plan {
        which: Which::BurstFlat,
        name: "burst: PostgreSQL ×2, flat out",
        deadline: Some(Duration::from_secs(burst_over)),
        paced: None,
        ..burst
    };
    [
        main(Which::Sqlite, "SQLite ×1 (FULL)", Backend::Sqlite, Synchronous::Full, 1),
        main(Which::SqliteNormal, "SQLite ×1 (NORMAL)", Backend::Sqlite, Synchronous::Normal, 1),
        main(Which::Pg1, "PostgreSQL ×1", Backend::Postgres, Synchronous::Full, 1),
        main(Which::Pg3, "PostgreSQL ×3", Backend::Postgres, Synchronous::Full, 3),
        burst,
        burst_flat,
    ]
    .into_iter()
    .filter(|p| args.only.contains(&p.which))
    .collect()
}

/// What one scenario measured.
struct Measured {
    phases: Phases,
    all: stats::Latency,
    sent: usize,
    seats_granted: usize,
    five_xx: usize,
    unanswered: usize,
    unexpected: usize,
    inconsistent_groups: usize,
    stored: Stored,
    /// Late applicants after the rush: every one must be refused with 満員.
    probe: PeerResult,
    probe_not_full: usize,
    /// Of the late applicants, those refused from memory (`/metrics`), without a database
    /// round trip.
    probe_from_memory: u64,
    /// CPU of the `kenshu serve` processes while the late applicants were refused.
    probe_cpu: cpu::Usage,
    healthz: PeerResult,
    /// CPU of the `kenshu serve` processes while `/healthz` was asked.
    healthz_cpu: cpu::Usage,
    cpu: cpu::Usage,
}

impl Measured {
    /// The invariants that do not hold, in words.
    fn failures(&self, plan: &Plan) -> Vec<String> {
        let c = u64::from(plan.capacity);
        let mut out = Vec::new();
        if self.seats_granted as u64 != c || self.stored.confirmed_total != c || self.stored.all_total != c {
            out.push(format!(
                "{} seats granted, {} confirmed and {} stored, not exactly {c}",
                self.seats_granted, self.stored.confirmed_total, self.stored.all_total
            ));
        }
        if self.stored.seats_left != 0 || self.stored.seats_taken != c as i64 {
            out.push(format!("seats_left {} and seats_taken {}", self.stored.seats_left, self.stored.seats_taken));
        }
        if self.stored.duplicates > 0 {
            out.push(format!("{} duplicate applications", self.stored.duplicates));
        }
        if self.inconsistent_groups > 0 {
            out.push(format!("{} duplicate groups answered inconsistently", self.inconsistent_groups));
        }
        if self.five_xx > 0 {
            out.push(format!("{} answers were 5xx", self.five_xx));
        }
        if self.unanswered > 0 {
            out.push(format!("{} requests got no answer", self.unanswered));
        }
        if self.unexpected > 0 {
            out.push(format!("{} unexpected answers (other 4xx or waitlisted)", self.unexpected));
        }
        if self.probe_not_full > 0 {
            out.push(format!("{} late applicants were not refused with training_full", self.probe_not_full));
        }
        out
    }
}

/// One peer's run.
struct PeerRow {
    backend: Backend,
    /// SQLite's `synchronous`; `None` on PostgreSQL.
    sync: Option<Synchronous>,
    shape: Shape,
    clients: usize,
    result: anyhow::Result<PeerResult>,
}

struct Setup {
    launcher: Launcher,
    pg_url: String,
    run: String,
}

async fn run_scenario(plan: &Plan, ctx: &Setup, store: &Store) -> anyhow::Result<Measured> {
    let label = plan.which.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
    store.create().await?;
    let url = store.url();
    ctx.launcher.prepare(&label, &url).await?;
    let settings: &[(&str, &str)] = match plan.backend {
        Backend::Sqlite => &[("KENSHU_SQLITE_SYNCHRONOUS", plan.sync.name())],
        Backend::Postgres => &[],
    };
    let instances = ctx.launcher.serve_with(&label, &url, plan.instances, settings).await?;
    let api = Api::new(instances.iter().map(|i| i.base.clone()).collect(), plan.clients)?;
    let token = api.login(STAFF_EMAIL, STAFF_PASSWORD).await?;
    let training = api.open_training(&token, plan.capacity).await?;
    api.warm_up(training, plan.clients, 4).await.context("warm-up")?;

    let list = jobs(plan.applicants, plan.groups, plan.capacity);
    let pids: Vec<u32> = instances.iter().map(|i| i.pid()).collect();
    let (before, started) = (cpu::snapshot(&pids), std::time::Instant::now());
    let run = format!("{}-{label}", ctx.run);
    let rush = match plan.paced {
        Some(over) => api.rush_paced(training, list, over, &run).await,
        None => api.rush(training, list, plan.clients, &run).await,
    };
    let cpu = cpu::Usage::between(before, cpu::snapshot(&pids), started.elapsed());
    let subs = &rush.submissions;
    let count = |f: &dyn Fn(Kind) -> bool| subs.iter().filter(|s| f(s.kind)).count();

    let late: Vec<Job> = (plan.applicants..plan.applicants + plan.probe).map(Job::Applicant).collect();
    let memory_before = api.refused_from_memory().await?;
    let (cpu_before, started) = (cpu::snapshot(&pids), std::time::Instant::now());
    let run = format!("{}-{label}-late", ctx.run);
    let probe = match plan.paced {
        // At the rush's arrival rate.
        Some(over) => api.rush_paced(training, late, over * plan.probe / plan.applicants.max(1), &run).await,
        None => api.rush(training, late, plan.clients, &run).await,
    }
    .submissions;
    let probe_wall = started.elapsed();
    let probe_cpu = cpu::Usage::between(cpu_before, cpu::snapshot(&pids), probe_wall);
    let probe_from_memory = api.refused_from_memory().await?.saturating_sub(memory_before);
    let probe_not_full = probe.iter().filter(|s| s.kind != Kind::Full).count();
    let probe = PeerResult {
        transactions: probe.len(),
        failed: probe_not_full,
        wall: probe_wall,
        per_sec: per_sec(probe.len() - probe_not_full, probe_wall),
        latency: latency(probe.iter().filter(|s| s.kind == Kind::Full).map(|s| s.latency()).collect()),
    };
    let stored = api.stored(&token, training).await?;

    let cpu_before = cpu::snapshot(&pids);
    let (sample, failed, wall) = api.healthz(plan.healthz, plan.clients).await;
    let healthz_cpu = cpu::Usage::between(cpu_before, cpu::snapshot(&pids), wall);
    let healthz = PeerResult {
        transactions: sample.len(),
        failed,
        wall,
        per_sec: per_sec(sample.len(), wall),
        latency: latency(sample),
    };
    drop(instances);
    for g in rush.groups.iter().filter(|g| !group_is_consistent(g)) {
        let [(k1, _), (k2, _)] = &g.same_key;
        eprintln!(
            "   duplicate group answered inconsistently: same key {k1:?} and {k2:?}, other key {:?}",
            g.other_key
        );
    }
    Ok(Measured {
        phases: phases(subs, plan.capacity as usize),
        all: latency(subs.iter().filter(|s| s.kind != Kind::Unanswered).map(|s| s.latency()).collect()),
        sent: subs.len(),
        seats_granted: subs.iter().filter(|s| s.took_seat()).count(),
        five_xx: count(&|k| matches!(k, Kind::ServerError(_))),
        unanswered: count(&|k| k == Kind::Unanswered),
        unexpected: count(&|k| matches!(k, Kind::Rejected(_) | Kind::Waitlisted)),
        inconsistent_groups: rush.groups.iter().filter(|g| !group_is_consistent(g)).count(),
        stored,
        probe,
        probe_not_full,
        probe_from_memory,
        probe_cpu,
        healthz,
        healthz_cpu,
        cpu,
    })
}

fn random_hex(bytes: usize) -> anyhow::Result<String> {
    use std::io::Read;
    let mut buf = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

fn percent(core_secs: f64, wall: Duration, cores: usize) -> f64 {
    let capacity = wall.as_secs_f64() * cores.max(1) as f64;
    if capacity > 0.0 {
        100.0 * core_secs / capacity
    } else {
        0.0
    }
}

fn pass(ok: bool) -> String {
    if ok { "pass" } else { "FAIL" }.into()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("kenshu-rush: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Runs everything; `Ok(false)` when an invariant failed.
async fn run(args: Args) -> anyhow::Result<bool> {
    let plans = plans(&args);
    let checks_in = args.only.contains(&Which::Checkin);
    // pgbench is the peer of the rush only; the check-in run needs the server alone.
    let rush_uses_pg = plans.iter().any(|p| p.backend == Backend::Postgres);
    let uses_pg = checks_in || rush_uses_pg;
    if !matches!(servers::host_of(&args.pg_url), Some("127.0.0.1" | "localhost" | "::1")) {
        bail!("--pg-url must point at a loopback PostgreSQL server (127.0.0.1)");
    }
    let kenshu = match &args.kenshu {
        Some(path) => path.clone(),
        None => std::env::current_exe()?.with_file_name("kenshu"),
    };
    anyhow::ensure!(
        kenshu.is_file(),
        "{} not found: build it with `cargo build --release -p kenshu-http`",
        kenshu.display()
    );
    let pgbench = match (&args.pgbench, rush_uses_pg) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => Some(peers::find_pgbench().context("pgbench not found (apt-get install postgresql-contrib)")?),
        (None, false) => None,
    };
    let (work, own_work) = match &args.work_dir {
        Some(dir) => (dir.clone(), false),
        None => (std::env::temp_dir().join(format!("kenshu-rush-{}", std::process::id())), true),
    };
    std::fs::create_dir_all(&work)?;
    let work = work.canonicalize()?;
    let pid = std::process::id();
    let ctx = Setup {
        launcher: Launcher { kenshu, work: work.clone(), jwt_secret: random_hex(24)? },
        pg_url: args.pg_url.clone(),
        run: random_hex(6)?,
    };
    let timeout = Duration::from_secs(args.timeout);

    let machine = Machine::detect();
    // Other work on the machine skews every figure: recorded with them.
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let quiet = cpu::snapshot(&[]);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let background = cpu::Usage::between(quiet, cpu::snapshot(&[]), Duration::from_secs(2));
    let sqlite_version = peers::sqlite_version().await.unwrap_or_else(|e| format!("unknown ({e})"));
    let pg_version = if uses_pg {
        let mut admin = PgConnection::connect(&ctx.pg_url).await.context("connect to PostgreSQL at --pg-url")?;
        let version: String = admin.fetch_one("SHOW server_version").await?.try_get(0)?;
        admin.close().await?;
        servers::sweep_stale_databases(&ctx.pg_url).await?;
        version
    } else {
        "not used".into()
    };

    // The peers first, before any server is started.
    let mut peer_rows: Vec<PeerRow> = Vec::new();
    if plans.iter().any(|p| p.backend == Backend::Sqlite) {
        let count = if args.quick { 1_000 } else { 10_000 };
        for sync in [Synchronous::Normal, Synchronous::Full] {
            for (i, shape) in [Shape::Minimal, Shape::Kenshu, Shape::KenshuQueued].into_iter().enumerate() {
                eprintln!(
                    "== peer: SQLite {}, {} ×{count} at {} clients",
                    sync.name(),
                    shape.describe(false),
                    args.clients
                );
                let file = work.join(format!("raw-peer-{}-{i}.db", sync.name()));
                let result = tokio::time::timeout(timeout, peers::sqlite_raw(&file, shape, sync, args.clients, count))
                    .await
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("timed out")));
                peer_rows.push(PeerRow {
                    backend: Backend::Sqlite,
                    sync: Some(sync),
                    shape,
                    clients: args.clients,
                    result,
                });
            }
        }
    }
    if let Some(pgbench) = &pgbench {
        let secs = if args.quick { 3 } else { 10 };
        for (i, shape) in [Shape::Minimal, Shape::Kenshu, Shape::KenshuSeatLast].into_iter().enumerate() {
            eprintln!("== peer: PostgreSQL, {}, {} clients, {secs} s", shape.describe(true), args.clients);
            let name = format!("kenshu_rush_{pid}_pgbench{i}");
            let store = Store::Postgres { admin_url: ctx.pg_url.clone(), name };
            let result = tokio::time::timeout(timeout, async {
                store.create().await?;
                peers::pgbench(pgbench, &store.url(), shape, args.clients, Duration::from_secs(secs), &work).await
            })
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("timed out")));
            store.drop_database().await;
            peer_rows.push(PeerRow { backend: Backend::Postgres, sync: None, shape, clients: args.clients, result });
        }
    }

    let mut outcomes: Vec<(&Plan, anyhow::Result<Measured>)> = Vec::new();
    for plan in &plans {
        eprintln!(
            "== {}: C={} N={} + {} duplicate groups, {} over {} instance(s)",
            plan.name,
            plan.capacity,
            plan.applicants,
            plan.groups,
            match plan.paced {
                Some(_) => format!("arriving at {}", plan.load()),
                None => format!("{} clients", plan.clients),
            },
            plan.instances
        );
        let label = plan.which.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
        let store = match plan.backend {
            Backend::Sqlite => Store::Sqlite(work.join(format!("{label}.db"))),
            Backend::Postgres => {
                Store::Postgres { admin_url: ctx.pg_url.clone(), name: format!("kenshu_rush_{pid}_{label}") }
            }
        };
        let result = tokio::time::timeout(timeout, run_scenario(plan, &ctx, &store))
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("timed out after {} s", timeout.as_secs())));
        store.drop_database().await;
        if let Err(err) = &result {
            eprintln!("   failed: {err:#}");
        }
        outcomes.push((plan, result));
    }

    let mut morning = None;
    if checks_in {
        let plan = checkin::Plan {
            participants: if args.quick { 200 } else { 1_000 },
            over: Duration::from_secs(if args.quick { 10 } else { 60 }),
            instances: 2,
        };
        eprintln!(
            "== check-in: {} participants entering the start code over {} s, PostgreSQL ×{}",
            plan.participants,
            plan.over.as_secs(),
            plan.instances
        );
        let store = Store::Postgres { admin_url: ctx.pg_url.clone(), name: format!("kenshu_rush_{pid}_checkin") };
        let result = tokio::time::timeout(timeout, checkin::run(plan, &ctx.launcher, &store, &ctx.run))
            .await
            .unwrap_or_else(|_| Err(anyhow::anyhow!("timed out after {} s", timeout.as_secs())));
        store.drop_database().await;
        morning = Some(result);
    }

    let (mut out, mut failures) = summary::render(
        summary::Run {
            quick: args.quick,
            machine,
            load_average,
            background,
            pg_version,
            sqlite_version,
            outcomes,
            peer_rows,
        },
        args.markdown,
    );
    if let Some(result) = &morning {
        let (table, failed) = summary::check_in(result, args.markdown);
        out.push_str(&table);
        failures.extend(failed);
    }
    print!("{out}");

    let all_ok = failures.is_empty();
    if all_ok {
        if own_work {
            let _ = std::fs::remove_dir_all(&work);
        }
        eprintln!("kenshu-rush: every invariant held");
    } else {
        for f in &failures {
            eprintln!("kenshu-rush: INVARIANT FAILED: {f}");
        }
        eprintln!("kenshu-rush: databases and server logs kept in {}", work.display());
    }
    Ok(all_ok)
}
