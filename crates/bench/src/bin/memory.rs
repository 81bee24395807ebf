//! `kenshu-memory`: memory and start-up of `kenshu serve` (issue 13, item 14), each beside
//! an actix-web hello world built with the same profile (`kenshu-hello`).
//!
//! 1. Cold start: a fresh SQLite file, `kenshu serve` started, time until the first
//!    `GET /healthz` answers 200 (the migrations run in between). Median and worst of
//!    `--starts` starts. Target ≤ 150 ms.
//! 2. Idle: resident memory (`/proc/<pid>/smaps_rollup`) a few seconds after start, on a
//!    database holding the demo trainings. Target ≤ 30 MB.
//! 3. Under load: `--repeats` rounds of `--requests` requests (half `/healthz`, half the
//!    public training list) over `--connections` keep-alive connections on loopback, each
//!    round followed by `--idle` seconds of nothing; resident memory after each round's idle.
//!    Promise: ≤ 2 × idle, and no growth from the first round to the last (at most 10% of
//!    idle or 2 MB). Exits 1 when it breaks or a request fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Parser;

#[derive(Parser)]
#[command(name = "kenshu-memory", about = "Memory and cold start of kenshu serve beside an actix-web hello world")]
struct Args {
    /// CI-sized: 20,000 requests per round, 5 s idle, 3 starts.
    #[arg(long)]
    quick: bool,
    /// Requests per round.
    #[arg(long, default_value_t = 1_000_000)]
    requests: usize,
    /// Rounds of load, each followed by the idle pause.
    #[arg(long, default_value_t = 3)]
    repeats: usize,
    /// Seconds of idle after each round, before memory is read.
    #[arg(long, default_value_t = 60)]
    idle: u64,
    /// Keep-alive connections of the load.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// Cold starts per server.
    #[arg(long, default_value_t = 10)]
    starts: usize,
    /// Print the tables as Markdown.
    #[arg(long)]
    markdown: bool,
    /// The `kenshu` binary [default: next to this one].
    #[arg(long)]
    kenshu: Option<PathBuf>,
    /// Extra environment for `kenshu serve`, e.g. `--env MALLOC_ARENA_MAX=2` (repeatable).
    #[arg(long = "env", value_parser = parse_env)]
    envs: Vec<(String, String)>,
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    s.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).ok_or_else(|| format!("{s:?} is not KEY=VALUE"))
}

/// Resident memory of a process, in kB, from `/proc/<pid>/smaps_rollup`.
#[derive(Debug, Clone, Copy, Default)]
struct Rss {
    rss: u64,
    anonymous: u64,
    file: u64,
}

impl Rss {
    fn of(pid: u32) -> anyhow::Result<Rss> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
        let field = |name: &str| {
            text.lines()
                .find_map(|l| {
                    l.strip_prefix(name).and_then(|r| r.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                })
                .unwrap_or(0)
        };
        let rss = field("Rss:");
        let anonymous = field("Anonymous:");
        Ok(Rss { rss, anonymous, file: rss.saturating_sub(anonymous) })
    }

    fn mb(kb: u64) -> f64 {
        kb as f64 / 1024.0
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Server {
    Kenshu,
    Hello,
}

impl Server {
    fn name(self) -> &'static str {
        match self {
            Server::Kenshu => "kenshu serve",
            Server::Hello => "actix-web hello world",
        }
    }
}

struct Bench {
    kenshu: PathBuf,
    hello: PathBuf,
    work: PathBuf,
    envs: Vec<(String, String)>,
}

/// A running server, killed when dropped.
struct Running {
    child: Child,
    port: u16,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Bench {
    fn command(&self, server: Server, db: &Path, port: u16) -> Command {
        let mut cmd = Command::new(match server {
            Server::Kenshu => &self.kenshu,
            Server::Hello => &self.hello,
        });
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KENSHU_") {
                cmd.env_remove(&key);
            }
        }
        let _ = std::fs::create_dir_all(self.work.join("no-spa"));
        cmd.current_dir(&self.work)
            .env("KENSHU_DATABASE_URL", format!("sqlite://{}?mode=rwc", db.display()))
            .env("KENSHU_JWT_SECRET", "memory-bench-secret-0123456789abcdef-not-published")
            .env("KENSHU_SPA_DIR", self.work.join("no-spa"))
            .env("KENSHU_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if server == Server::Kenshu {
            cmd.envs(self.envs.iter().map(|(k, v)| (k, v)));
        }
        cmd
    }

    /// Starts the server and returns it with the time to its first `/healthz` 200.
    fn start(&self, server: Server, db: &Path) -> anyhow::Result<(Running, Duration)> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let started = Instant::now();
        let child = self.command(server, db, port).arg("serve").spawn().context("start the server")?;
        let mut running = Running { child, port };
        loop {
            if let Ok(mut conn) = Conn::open(port) {
                if conn.get("/healthz").is_ok_and(|s| s == 200) {
                    return Ok((running, started.elapsed()));
                }
            }
            if let Some(status) = running.child.try_wait()? {
                bail!("{} exited with {status}", server.name());
            }
            if started.elapsed() > Duration::from_secs(30) {
                bail!("{} did not answer /healthz in 30 s", server.name());
            }
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    fn fresh_db(&self, label: &str) -> PathBuf {
        let db = self.work.join(format!("{label}.db"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        db
    }

    /// `kenshu demo` on a fresh database: trainings for the public list.
    fn demo_db(&self) -> anyhow::Result<PathBuf> {
        let db = self.fresh_db("demo");
        let status = self.command(Server::Kenshu, &db, 0).arg("demo").status().context("run kenshu demo")?;
        anyhow::ensure!(status.success(), "kenshu demo failed");
        Ok(db)
    }
}

/// One keep-alive HTTP/1.1 connection; answers must carry a Content-Length.
struct Conn {
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(port: u16) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Conn { reader: BufReader::new(stream) })
    }

    fn get(&mut self, path: &str) -> anyhow::Result<u16> {
        write!(self.reader.get_mut(), "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).context("no status line")?;
        let mut length = None;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<u64>().ok();
                }
            }
        }
        let length = length.context("an answer without Content-Length")?;
        std::io::copy(&mut (&mut self.reader).take(length), &mut std::io::sink())?;
        Ok(status)
    }
}

/// `requests` GETs, alternating `/healthz` and the training list, over `connections`
/// keep-alive connections. Returns the failures (not 200) and the rate.
fn load(port: u16, requests: usize, connections: usize) -> anyhow::Result<(usize, f64)> {
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (next, failed) = (next.clone(), failed.clone());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = Conn::open(port)?;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests {
                        return Ok(());
                    }
                    let path = if i % 2 == 0 { "/healthz" } else { "/api/v1/trainings" };
                    match conn.get(path) {
                        Ok(200) => {}
                        Ok(_) => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(_) => {
                            failed.fetch_add(1, Ordering::Relaxed);
                            conn = Conn::open(port)?;
                        }
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
    }
    Ok((failed.load(Ordering::Relaxed), requests as f64 / started.elapsed().as_secs_f64()))
}

struct Figures {
    starts: Vec<Duration>,
    idle: Rss,
    rounds: Vec<(Rss, f64)>,
    failed: usize,
}

fn measure(bench: &Bench, server: Server, args: &Args) -> anyhow::Result<Figures> {
    eprintln!("== {}: {} cold starts on a fresh SQLite file", server.name(), args.starts);
    let mut starts = Vec::new();
    for i in 0..args.starts {
        let db = bench.fresh_db(&format!("cold-{i}"));
        let (_running, took) = bench.start(server, &db)?;
        starts.push(took);
    }
    starts.sort();

    let db = if server == Server::Kenshu { bench.demo_db()? } else { bench.fresh_db("hello") };
    let (running, _) = bench.start(server, &db)?;
    std::thread::sleep(Duration::from_secs(3));
    let pid = running.child.id();
    let idle = Rss::of(pid)?;
    eprintln!("   idle: {:.1} MB resident ({:.1} MB anonymous)", Rss::mb(idle.rss), Rss::mb(idle.anonymous));
    let mut rounds = Vec::new();
    let mut failed = 0;
    for round in 1..=args.repeats {
        let (f, rate) = load(running.port, args.requests, args.connections)?;
        failed += f;
        std::thread::sleep(Duration::from_secs(args.idle));
        let after = Rss::of(pid)?;
        eprintln!(
            "   round {round}: {} requests at {rate:.0}/s, {f} failed; after {} s idle {:.1} MB resident",
            args.requests,
            args.idle,
            Rss::mb(after.rss)
        );
        rounds.push((after, rate));
    }
    Ok(Figures { starts, idle, rounds, failed })
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("kenshu-memory: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<bool> {
    let mut args = Args::parse();
    if args.quick {
        (args.requests, args.idle, args.starts) = (20_000, 5, 3);
    }
    let here = std::env::current_exe()?.parent().context("no directory")?.to_path_buf();
    let work = std::env::temp_dir().join(format!("kenshu-memory-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let bench = Bench {
        kenshu: args.kenshu.clone().unwrap_or_else(|| here.join("kenshu")),
        hello: here.join("kenshu-hello"),
        work: work.clone(),
        envs: args.envs.clone(),
    };
    let kenshu = measure(&bench, Server::Kenshu, &args)?;
    let hello = measure(&bench, Server::Hello, &args)?;
    let _ = std::fs::remove_dir_all(&work);

    let median = |f: &Figures| f.starts[f.starts.len() / 2];
    let worst = |f: &Figures| *f.starts.last().expect("at least one start");
    let last = |f: &Figures| f.rounds.last().map_or(f.idle, |r| r.0);
    let first = |f: &Figures| f.rounds.first().map_or(f.idle, |r| r.0);
    let ratio = |a: f64, b: f64| if b > 0.0 { format!("{:.1}×", a / b) } else { "-".into() };
    let mb = |kb: u64| format!("{:.1} MB", Rss::mb(kb));

    let after_ok = last(&kenshu).rss <= 2 * kenshu.idle.rss;
    let growth = last(&kenshu).rss.saturating_sub(first(&kenshu).rss);
    let no_growth = growth <= (kenshu.idle.rss / 10).max(2048);
    let rows = [
        (
            "cold start to first /healthz 200 (median / worst)".to_owned(),
            format!("{} / {}", ms(median(&kenshu)), ms(worst(&kenshu))),
            format!("{} / {}", ms(median(&hello)), ms(worst(&hello))),
            ratio(median(&kenshu).as_secs_f64(), median(&hello).as_secs_f64()),
            if median(&kenshu) <= Duration::from_millis(150) { "≤ 150 ms: met" } else { "≤ 150 ms: missed" },
        ),
        (
            "idle resident (anonymous)".to_owned(),
            format!("{} ({})", mb(kenshu.idle.rss), mb(kenshu.idle.anonymous)),
            format!("{} ({})", mb(hello.idle.rss), mb(hello.idle.anonymous)),
            ratio(kenshu.idle.rss as f64, hello.idle.rss as f64),
            if kenshu.idle.rss <= 30 * 1024 { "≤ 30 MB: met" } else { "≤ 30 MB: missed" },
        ),
        (
            format!("resident after {} × {} requests + {} s idle", args.repeats, args.requests, args.idle),
            format!(
                "{} (rounds: {})",
                mb(last(&kenshu).rss),
                kenshu.rounds.iter().map(|r| format!("{:.1}", Rss::mb(r.0.rss))).collect::<Vec<_>>().join(", ")
            ),
            format!(
                "{} (rounds: {})",
                mb(last(&hello).rss),
                hello.rounds.iter().map(|r| format!("{:.1}", Rss::mb(r.0.rss))).collect::<Vec<_>>().join(", ")
            ),
            ratio(last(&kenshu).rss as f64, last(&hello).rss as f64),
            match (after_ok, no_growth) {
                (true, true) => "≤ 2 × idle, no growth: met",
                (false, _) => "≤ 2 × idle: BROKEN",
                (true, false) => "no growth: BROKEN",
            },
        ),
        (
            "load rate (requests/s, last round)".to_owned(),
            format!("{:.0}", kenshu.rounds.last().map_or(0.0, |r| r.1)),
            format!("{:.0}", hello.rounds.last().map_or(0.0, |r| r.1)),
            ratio(kenshu.rounds.last().map_or(0.0, |r| r.1), hello.rounds.last().map_or(0.0, |r| r.1)),
            "",
        ),
    ];
    let file_note = format!("kenshu idle: {} file-backed (the executable's pages, shared)", mb(kenshu.idle.file));
    if args.markdown {
        println!("| measure | kenshu serve | actix-web hello world | ratio | target |");
        println!("| --- | --- | --- | --- | --- |");
        for (m, k, h, r, t) in &rows {
            println!("| {m} | {k} | {h} | {r} | {t} |");
        }
        println!("\n{file_note}; {} keep-alive connections.", args.connections);
    } else {
        for (m, k, h, r, t) in &rows {
            println!("{m}\n    kenshu {k} | hello {h} | ratio {r} | {t}");
        }
        println!("{file_note}; {} keep-alive connections.", args.connections);
    }
    let failed = kenshu.failed + hello.failed;
    if failed > 0 {
        eprintln!("kenshu-memory: {failed} requests failed");
    }
    Ok(after_ok && no_growth && failed == 0)
}
