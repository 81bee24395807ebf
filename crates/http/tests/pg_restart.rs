//! PostgreSQL restarted under a burst of applications (issue 13, item 7): `kenshu serve`
//! keeps running while its database stops (`pg_ctl stop -m fast`, then `-m immediate`, twice
//! each in CI, `KENSHU_RELIABILITY_RESTARTS` times for the bench) and starts again on the
//! same port. While the database is away every answer is 503
//! with `Retry-After`; once it is back the same process answers 201 again; and every
//! application it acknowledged with 201 is in the database with its outbox row.
//!
//! The test runs a PostgreSQL cluster of its own (initdb into a temporary directory, a free
//! port, run as the `postgres` user when the test runs as root), never the shared server.
//! Skipped, with a message, only when the PostgreSQL server binaries are not installed.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database, Statement};

mod common;
use common::{application, exchange, kenshu, open_training, with_stdin, Served};

const SECRET: &str = "restart-test-secret-that-is-not-published-anywhere";
const PASSWORD: &str = "a long enough passphrase";
const STAFF: &str = "restart@kenshu.test";
const WRITERS: usize = 4;
/// Acknowledged applications sent while the database is up, before it is stopped again.
const WRITES_PER_UP: usize = 25;
/// How long one phase may take to show what it must (a 201 while up, a 503 while down)
/// before the test gives up: a bound, not a measured time.
const PHASE_LIMIT: Duration = Duration::from_secs(60);

/// Restarts per stop mode: 2 in CI, `KENSHU_RELIABILITY_RESTARTS` for more.
fn restarts_per_mode() -> usize {
    std::env::var("KENSHU_RELIABILITY_RESTARTS").ok().and_then(|n| n.parse().ok()).unwrap_or(2)
}

/// `initdb` and `pg_ctl` of the newest PostgreSQL installed (Debian's layout, then `PATH`).
fn postgres_binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, bin)| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find(|dir| dir.join("initdb").exists() && dir.join("pg_ctl").exists())
}

/// A PostgreSQL cluster owned by this test: its directory, port and the user it runs as.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    /// uid and gid of `postgres` when the test runs as root (the server refuses root).
    owner: Option<(u32, u32)>,
}

impl Cluster {
    fn create(bin: PathBuf) -> Cluster {
        // Under /tmp, not `$TMPDIR`: the `postgres` user must reach it, and its socket path
        // must stay short.
        let dir = PathBuf::from(format!("/tmp/kenshu-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let root = std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
        let owner = root.then(|| {
            let (uid, gid) = user_ids("postgres").expect("running as root: a `postgres` user to run the server as");
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
            (uid, gid)
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let cluster = Cluster { bin, dir, port, owner };
        let data = cluster.data();
        cluster.run("initdb", &["-D", &data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        cluster
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs one of the server's programs as its owner, bounded in time; panics on failure.
    fn run(&self, program: &str, args: &[&str]) {
        let mut cmd = Command::new("timeout");
        cmd.arg("120").arg(self.bin.join(program)).args(args).current_dir(&self.dir);
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some((uid, gid)) = self.owner {
            cmd.uid(uid).gid(gid);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the server on this cluster's port and waits until it accepts connections.
    fn start(&self) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.dir.display());
        let log = self.dir.join("server.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-l", &log, "-o", &options, "-w", "-t", "60", "start"]);
    }

    /// `pg_ctl stop -m <mode>`, waiting until the server is gone.
    fn stop(&self, mode: &str) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", mode, "-w", "-t", "60", "stop"]);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut cmd = Command::new("timeout");
        cmd.arg("60").arg(self.bin.join("pg_ctl")).args(["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
        cmd.current_dir(&self.dir).stdout(Stdio::null()).stderr(Stdio::null());
        if let Some((uid, gid)) = self.owner {
            cmd.uid(uid).gid(gid);
        }
        let _ = cmd.status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// uid and gid of a user, from `/etc/passwd`.
fn user_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.first() == Some(&name)).then(|| Some((fields.get(2)?.parse().ok()?, fields.get(3)?.parse().ok()?)))?
    })
}

/// What the writers saw, per phase (even: database up, odd: down).
#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    created: BTreeMap<usize, usize>,
    unavailable: BTreeMap<usize, usize>,
    /// Anything else: a 503 without `Retry-After`, another status, no answer.
    wrong: Vec<String>,
}

/// The applications answered 201 that are missing, or present without an outbox row.
fn missing_in(db: &str, acknowledged: &[String]) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let conn = Database::connect(db).await.expect("connect to the cluster");
        let sql = "SELECT a.email FROM applications a WHERE EXISTS \
                   (SELECT 1 FROM outbox o WHERE o.application_id = a.id)";
        let rows = conn.query_all(Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
        let stored: std::collections::HashSet<String> =
            rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect();
        conn.close().await.unwrap();
        acknowledged.iter().filter(|e| !stored.contains(*e)).cloned().collect()
    })
}

/// Waits until `seen` says yes, at most [`PHASE_LIMIT`].
fn wait_until(what: &str, tally: &Mutex<Tally>, seen: impl Fn(&Tally) -> bool) {
    let deadline = Instant::now() + PHASE_LIMIT;
    while !seen(&tally.lock().unwrap()) {
        assert!(Instant::now() < deadline, "{what} not seen within {PHASE_LIMIT:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn postgres_restarted_mid_burst_answers_503_meanwhile_and_keeps_every_acknowledged_application() {
    let Some(bin) = postgres_binaries() else {
        eprintln!("SKIPPED: the PostgreSQL server binaries (initdb, pg_ctl) are not installed");
        return;
    };
    let cluster = Cluster::create(bin);
    cluster.start();
    let db = cluster.url();
    let mut create = kenshu(&db);
    create.args(["user", "create", "--email", STAFF, "--role", "staff"]);
    let created = with_stdin(create, &format!("{PASSWORD}\n"));
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let mut cmd = kenshu(&db);
    cmd.env("KENSHU_JWT_SECRET", SECRET);
    let mut server = Served::start(cmd);
    let port = server.port;
    let training = open_training(port, STAFF, PASSWORD, "再起動試験用研修");
    let path = format!("/api/v1/trainings/{training}/applications");

    let phase = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (phase, stop, tally, path) = (phase.clone(), stop.clone(), tally.clone(), path.clone());
            std::thread::spawn(move || {
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let sent_in = phase.load(Ordering::SeqCst);
                    let email = format!("w{w}-{i}@example.jp");
                    let answer = exchange(port, "POST", &path, Some(&application(&email)), &[]);
                    let mut tally = tally.lock().unwrap();
                    match answer {
                        Some(a) if a.status == 201 => {
                            tally.acknowledged.push(email);
                            *tally.created.entry(sent_in).or_default() += 1;
                        }
                        Some(a)
                            if a.status == 503 && a.header("retry-after").is_some_and(|s| s.parse::<u64>().is_ok()) =>
                        {
                            *tally.unavailable.entry(sent_in).or_default() += 1;
                        }
                        Some(a) => tally.wrong.push(format!("{} {:?} {}", a.status, a.header("retry-after"), a.body)),
                        None => tally.wrong.push("no answer".into()),
                    }
                }
            })
        })
        .collect();

    let mut next = 0;
    for mode in ["fast", "immediate"] {
        for _ in 0..restarts_per_mode() {
            // Up: applications are acknowledged. Then the database goes away under them.
            let up = format!("{WRITES_PER_UP} applications acknowledged in phase {next}");
            wait_until(&up, &tally, |t| t.created.get(&next).is_some_and(|n| *n >= WRITES_PER_UP));
            cluster.stop(mode);
            next += 1;
            phase.store(next, Ordering::SeqCst);
            // Down: 503 with Retry-After (one for each writer at least), and the server keeps
            // running.
            let down = format!("{WRITERS} answers 503 in phase {next} (-m {mode})");
            wait_until(&down, &tally, |t| t.unavailable.get(&next).is_some_and(|n| *n >= WRITERS));
            cluster.start();
            next += 1;
            phase.store(next, Ordering::SeqCst);
        }
    }
    // Recovered after the last restart, by the same process.
    let up = format!("{WRITES_PER_UP} applications acknowledged in phase {next}");
    wait_until(&up, &tally, |t| t.created.get(&next).is_some_and(|n| *n >= WRITES_PER_UP));
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.join().expect("writer");
    }
    assert!(server.child.try_wait().unwrap().is_none(), "kenshu serve kept running");
    let after = exchange(port, "POST", &path, Some(&application("after@example.jp")), &[]).expect("an answer");
    assert_eq!(after.status, 201, "{}", after.body);

    let tally = tally.lock().unwrap();
    let mut acknowledged = tally.acknowledged.clone();
    acknowledged.push("after@example.jp".into());
    let missing = missing_in(&db, &acknowledged);
    let log = server.stop();
    let figures = format!(
        "201 per phase {:?}, 503 per phase {:?} (even phases: database up, odd: down; the first {} stops \
         -m fast, then -m immediate)",
        tally.created,
        tally.unavailable,
        restarts_per_mode()
    );
    println!("{figures}; {} acknowledged in all", acknowledged.len());
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).take(10).collect();
    assert!(tally.wrong.is_empty(), "answers other than 201 or 503 with Retry-After: {:?}\n{errors:#?}", tally.wrong);
    assert!(missing.is_empty(), "acknowledged but missing (or without their outbox row): {missing:?}");
}
