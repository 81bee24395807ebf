//! The tables of one run: invariants, the rush, refusals, CPU, peers, ratios and targets.

use std::time::Duration;

use crate::peers::{Shape, Synchronous};
use crate::report::{millis, p50_p99, rate, Machine, Table};
use crate::stats::per_sec;
use crate::{cpu, pass, percent, Backend, Measured, PeerRow, Plan, Which};

/// Everything measured in one run.
pub struct Run<'a> {
    pub quick: bool,
    pub machine: Machine,
    pub load_average: String,
    pub background: cpu::Usage,
    pub pg_version: String,
    pub sqlite_version: String,
    pub outcomes: Vec<(&'a Plan, anyhow::Result<Measured>)>,
    pub peer_rows: Vec<PeerRow>,
}

/// The tables, and the invariants that failed (empty when all held).
pub fn render(run: Run<'_>, md: bool) -> (String, Vec<String>) {
    let Run { quick, machine, load_average, background, pg_version, sqlite_version, outcomes, peer_rows } = run;
    // The peers, the denominators of the targets: on SQLite the raw transaction with
    // `synchronous=NORMAL` (issue 13, item 8: Kenshu on FULL ≥ 0.7 × raw NORMAL), and with
    // Kenshu's own setting beside it.
    let minimal = |backend: Backend, sync: Option<Synchronous>| {
        peer_rows
            .iter()
            .find(|r| r.backend == backend && r.sync == sync && r.shape == Shape::Minimal)?
            .result
            .as_ref()
            .ok()
            .map(|r| r.per_sec)
    };
    let sqlite_normal_peer = minimal(Backend::Sqlite, Some(Synchronous::Normal));
    let pg_peer = minimal(Backend::Postgres, None);
    let mut out = String::new();
    let mut machine_t = Table::new("Machine", vec!["item", "value"]);
    for (k, v) in [
        ("cores (nproc)", machine.cores.to_string()),
        ("CPU", machine.cpu.clone()),
        ("memory", format!("{:.1} GiB", machine.memory_gib)),
        ("kernel", machine.kernel.clone()),
        ("PostgreSQL", pg_version),
        ("SQLite", sqlite_version),
        ("load average at start", load_average),
        (
            "CPU busy before the run (2 s, nothing of ours running)",
            format!("{:.0}% of {} cores", percent(background.machine, background.wall, machine.cores), machine.cores),
        ),
        ("run", if quick { "--quick (smoke sizes; targets indicative only)".into() } else { "full".into() }),
    ] {
        machine_t.row(vec![k.into(), v]);
    }
    out.push_str(&machine_t.render(md));

    let mut inv = Table::new(
        "Invariants",
        vec![
            "scenario",
            "clients or arrivals",
            "C",
            "sent (N + 3×D)",
            "201 new",
            "confirmed (API)",
            "seats_left",
            "duplicates",
            "idempotency mismatches",
            "late applicants refused",
            "5xx",
            "unanswered",
            "result",
        ],
    );
    let mut rush_t = Table::new(
        "The rush (latencies in ms)",
        vec![
            "scenario",
            "wall s",
            "answered/s",
            "sold out at s",
            "before sell-out /s (answers)",
            "201 p50 / p99",
            "all p50 / p99",
        ],
    );
    let mut refusals_t = Table::new(
        "Refusals after sell-out, and the HTTP floor (latencies in ms)",
        vec![
            "scenario",
            "in the rush /s (answers)",
            "in the rush p50 / p99",
            "late applicants /s (answers)",
            "late p50 / p99",
            "late refused from memory",
            "/healthz /s",
            "/healthz p50 / p99",
            "server CPU µs per late refusal / per /healthz",
            "CPU stolen by the host, late / /healthz",
        ],
    );
    let mut cpu_t = Table::new(
        "CPU during the rush (core-seconds)",
        vec!["scenario", "wall s", "machine busy", "kenshu serve", "load generator", "rest (database, other)"],
    );
    let mut failures_text = Vec::new();
    for (plan, result) in &outcomes {
        let m = match result {
            Ok(m) => m,
            Err(err) => {
                failures_text.push(format!("{}: {err:#}", plan.name));
                let mut row = vec![plan.name.to_owned(), plan.load(), plan.capacity.to_string()];
                row.extend(std::iter::repeat_n("–".to_owned(), 9));
                row.push("FAIL".into());
                inv.row(row);
                continue;
            }
        };
        let failures = m.failures(plan);
        failures_text.extend(failures.iter().map(|f| format!("{}: {f}", plan.name)));
        inv.row(vec![
            plan.name.into(),
            plan.load(),
            plan.capacity.to_string(),
            format!("{} ({} + 3×{})", m.sent, plan.applicants, plan.groups),
            m.seats_granted.to_string(),
            m.stored.confirmed_total.to_string(),
            m.stored.seats_left.to_string(),
            m.stored.duplicates.to_string(),
            m.inconsistent_groups.to_string(),
            format!("{} / {}", m.probe.transactions - m.probe_not_full, m.probe.transactions),
            m.five_xx.to_string(),
            m.unanswered.to_string(),
            pass(failures.is_empty()),
        ]);
        let p = &m.phases;
        rush_t.row(vec![
            plan.name.into(),
            format!("{:.2}", p.wall.as_secs_f64()),
            rate(per_sec(p.answered, p.wall)),
            p.sold_out_at.map_or("–".into(), |t| format!("{:.2}", t.as_secs_f64())),
            format!("{} ({})", rate(p.before_per_sec), p.before_answered),
            p50_p99(&p.seat),
            p50_p99(&m.all),
        ]);
        refusals_t.row(vec![
            plan.name.into(),
            format!("{} ({})", rate(p.after_per_sec), p.after_answered),
            p50_p99(&p.refusal),
            format!("{} ({})", rate(m.probe.per_sec), m.probe.latency.count),
            p50_p99(&m.probe.latency),
            format!("{} of {}", m.probe_from_memory, m.probe.transactions),
            rate(m.healthz.per_sec),
            p50_p99(&m.healthz.latency),
            format!(
                "{:.0} / {:.0}",
                micros_each(m.probe_cpu.servers, m.probe.transactions),
                micros_each(m.healthz_cpu.servers, m.healthz.transactions)
            ),
            format!(
                "{:.0}% / {:.0}%",
                percent(m.probe_cpu.stolen, m.probe_cpu.wall, machine.cores),
                percent(m.healthz_cpu.stolen, m.healthz_cpu.wall, machine.cores)
            ),
        ]);
        let u = &m.cpu;
        cpu_t.row(vec![
            plan.name.into(),
            format!("{:.2}", u.wall.as_secs_f64()),
            format!("{:.2} ({:.0}% of {} cores)", u.machine, percent(u.machine, u.wall, machine.cores), machine.cores),
            format!("{:.2}", u.servers),
            format!("{:.2}", u.loader),
            format!("{:.2}", u.rest()),
        ]);
    }
    for table in [&inv, &rush_t, &refusals_t, &cpu_t] {
        out.push('\n');
        out.push_str(&table.render(md));
    }

    let mut peers_t = Table::new(
        "Peers: the same hot-row transaction without Kenshu",
        vec!["database", "transaction", "clients", "transactions", "s", "per s", "p50 / p99 ms", "failed"],
    );
    for peer in &peer_rows {
        let mut row = vec![
            match peer.sync {
                None => "PostgreSQL".to_owned(),
                Some(sync) => format!("SQLite, synchronous={}", sync.name().to_uppercase()),
            },
            peer.shape.describe(peer.backend == Backend::Postgres).to_owned(),
            peer.clients.to_string(),
        ];
        match &peer.result {
            Ok(r) => row.extend([
                r.transactions.to_string(),
                format!("{:.1}", r.wall.as_secs_f64()),
                rate(r.per_sec),
                p50_p99(&r.latency),
                r.failed.to_string(),
            ]),
            Err(err) => {
                row.push(format!("error: {err:#}"));
                row.extend(std::iter::repeat_n("–".to_owned(), 4));
            }
        }
        peers_t.row(row);
    }
    out.push('\n');
    out.push_str(&peers_t.render(md));

    // Ratios and targets.
    let mut ratios = Table::new("Ratios (Kenshu / peer)", vec!["scenario", "Kenshu", "peer", "ratio"]);
    let mut targets = Table::new("Targets (issue 3, item 9)", vec!["target", "measured", "result"]);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    for (plan, result) in &outcomes {
        let Ok(m) = result else { continue };
        let p = &m.phases;
        let answered = per_sec(p.answered, p.wall);
        let peer = match plan.backend {
            Backend::Sqlite => sqlite_normal_peer.map(|r| ("raw SQLite NORMAL", r)),
            Backend::Postgres => pg_peer.map(|r| ("pgbench", r)),
        };
        // A paced rush goes as fast as its applicants arrive: no rate to compare.
        let peer = peer.filter(|_| plan.paced.is_none());
        // On SQLite, the raw transaction with the scenario's own setting too.
        let same_setting = match plan.backend {
            Backend::Sqlite if plan.sync == Synchronous::Full => {
                minimal(Backend::Sqlite, Some(Synchronous::Full)).map(|r| ("raw SQLite FULL", r))
            }
            _ => None,
        };
        for (peer_name, peer_rate) in peer.into_iter().chain(same_setting.filter(|_| plan.paced.is_none())) {
            for (what, kenshu) in [("before sell-out", p.before_per_sec), ("whole rush", answered)] {
                ratios.row(vec![
                    plan.name.into(),
                    format!("{what} {} /s", rate(kenshu)),
                    format!("{peer_name} {} /s", rate(peer_rate)),
                    format!("{:.2}", ratio(kenshu, peer_rate)),
                ]);
            }
        }
        // The peers with Kenshu's own writes and setting: what the transaction's shape costs.
        let scenario_sync = (plan.backend == Backend::Sqlite).then_some(plan.sync);
        for peer in peer_rows.iter().filter(|r| {
            r.backend == plan.backend && r.sync == scenario_sync && r.shape != Shape::Minimal && plan.paced.is_none()
        }) {
            let Ok(r) = &peer.result else { continue };
            ratios.row(vec![
                plan.name.into(),
                format!("before sell-out {} /s", rate(p.before_per_sec)),
                format!("{} {} /s", peer_label(peer), rate(r.per_sec)),
                format!("{:.2}", ratio(p.before_per_sec, r.per_sec)),
            ]);
        }
        ratios.row(vec![
            plan.name.into(),
            format!("late applicants refused {} /s", rate(m.probe.per_sec)),
            format!("/healthz {} /s", rate(m.healthz.per_sec)),
            format!("{:.2}", ratio(m.probe.per_sec, m.healthz.per_sec)),
        ]);

        match (plan.which, peer) {
            (Which::Pg1 | Which::Pg3, Some((_, peer_rate))) => {
                let r = ratio(p.before_per_sec, peer_rate);
                targets.row(vec![
                    format!("{}: ≥ 0.6 × pgbench at {} clients", plan.name, plan.clients),
                    format!("{r:.3} ({} / {} per s, before sell-out)", rate(p.before_per_sec), rate(peer_rate)),
                    pass(r >= 0.6),
                ]);
                let p99 = p.seat.p99.max(m.all.p99);
                targets.row(vec![
                    format!("{}: p99 ≤ 150 ms", plan.name),
                    format!(
                        "{} ms (201 answers {}, all answers {})",
                        millis(p99),
                        millis(p.seat.p99),
                        millis(m.all.p99)
                    ),
                    pass(p99 <= Duration::from_millis(150)),
                ]);
            }
            (Which::Sqlite | Which::SqliteNormal, Some((_, peer_rate))) => {
                let r = ratio(p.before_per_sec, peer_rate);
                targets.row(vec![
                    format!("{}: ≥ 0.7 × raw SQLite on NORMAL (issue 13, item 8)", plan.name),
                    format!("{r:.3} ({} / {} per s, before sell-out)", rate(p.before_per_sec), rate(peer_rate)),
                    pass(r >= 0.7),
                ]);
            }
            _ => {}
        }
        // Issue 13, item 9: refusals that cost nothing, at the main scenarios' 64 clients.
        if matches!(plan.which, Which::Sqlite | Which::Pg1 | Which::Pg3) {
            let r = ratio(m.probe.per_sec, m.healthz.per_sec);
            targets.row(vec![
                format!("{}: late applicants refused ≥ 0.5 × /healthz (issue 13)", plan.name),
                format!("{r:.2} ({} / {} per s)", rate(m.probe.per_sec), rate(m.healthz.per_sec)),
                pass(r >= 0.5),
            ]);
            targets.row(vec![
                format!("{}: late refusals p99 ≤ 5 ms at {} clients (issue 13)", plan.name, plan.clients),
                format!("{} ms", millis(m.probe.latency.p99)),
                pass(m.probe.latency.count > 0 && m.probe.latency.p99 <= Duration::from_millis(5)),
            ]);
        }
        let limit = Duration::from_millis(20);
        targets.row(vec![
            format!("{}: refusals after sell-out p99 ≤ 20 ms", plan.name),
            format!("in the rush {} ms, late applicants {} ms", millis(p.refusal.p99), millis(m.probe.latency.p99)),
            pass(p.refusal.count > 0 && p.refusal.p99 <= limit && m.probe.latency.p99 <= limit),
        ]);
        if let Some(deadline) = plan.deadline {
            let ok = m.failures(plan).is_empty() && p.wall <= deadline;
            let offered = match plan.paced {
                Some(over) => format!("arriving over {} s", over.as_secs()),
                None => format!("from {} clients", plan.clients),
            };
            targets.row(vec![
                format!(
                    "{}: {} applicants {offered} for {} seats, all answered within {} s, exactly {} confirmed",
                    plan.name,
                    plan.applicants,
                    plan.capacity,
                    deadline.as_secs(),
                    plan.capacity
                ),
                format!(
                    "{} of {} answered in {:.2} s, {} confirmed",
                    p.answered,
                    m.sent,
                    p.wall.as_secs_f64(),
                    m.stored.confirmed_total
                ),
                pass(ok),
            ]);
        }
    }
    out.push('\n');
    out.push_str(&ratios.render(md));
    out.push('\n');
    out.push_str(&targets.render(md));
    (out, failures_text)
}

/// Core-seconds spread over `count` requests, in µs each.
fn micros_each(core_secs: f64, count: usize) -> f64 {
    if count == 0 {
        0.0
    } else {
        core_secs * 1e6 / count as f64
    }
}

/// A peer's transaction, with SQLite's setting.
fn peer_label(peer: &PeerRow) -> String {
    let shape = peer.shape.describe(peer.backend == Backend::Postgres);
    match peer.sync {
        Some(sync) => format!("{shape}, {}", sync.name().to_uppercase()),
        None => shape.to_owned(),
    }
}

/// The check-in table (issue 11), and its invariants that failed.
pub fn check_in(result: &anyhow::Result<crate::checkin::Measured>, md: bool) -> (String, Vec<String>) {
    let mut t = Table::new(
        "The morning of a training: participants entering the start code (latencies in ms)",
        vec![
            "participants",
            "arriving over s",
            "instances",
            "wall s",
            "200 answers",
            "stored",
            "check-in p50 / p99 / max",
            "/healthz at the same pace p50 / p99",
            "p99 ratio check-in ÷ /healthz",
            "result",
        ],
    );
    let failures = match result {
        Ok(m) => {
            let failures = m.failures();
            let ratio = if m.healthz.p99.is_zero() {
                "–".to_owned()
            } else {
                format!("{:.1}", m.check_in.p99.as_secs_f64() / m.healthz.p99.as_secs_f64())
            };
            t.row(vec![
                m.plan.participants.to_string(),
                m.plan.over.as_secs().to_string(),
                m.plan.instances.to_string(),
                format!("{:.1}", m.wall.as_secs_f64()),
                m.check_in.count.to_string(),
                m.stored.to_string(),
                format!("{} / {} / {}", millis(m.check_in.p50), millis(m.check_in.p99), millis(m.check_in.max)),
                p50_p99(&m.healthz),
                ratio,
                pass(failures.is_empty()),
            ]);
            failures
        }
        Err(err) => {
            t.row(vec![format!("failed: {err:#}")]);
            vec![format!("check-in: {err:#}")]
        }
    };
    (t.render(md), failures)
}
