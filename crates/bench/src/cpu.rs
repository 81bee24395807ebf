//! CPU time from /proc, to show who used the two cores during a rush: the servers, this
//! load generator, and the rest (the database, anything else running); and the time the
//! hypervisor ran something else on our virtual CPUs (steal), which no tail latency survives.

use std::time::Duration;

/// utime + stime, in clock ticks, from the text of `/proc/<pid>/stat`.
pub fn parse_pid_stat(text: &str) -> Option<u64> {
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    let fields: Vec<&str> = text[text.rfind(')')? + 1..].split_whitespace().collect();
    // After ')': state is field 3 of the man page, utime 14 and stime 15.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Busy ticks of the whole machine (all but idle and iowait, steal included) and stolen
/// ticks, from the text of `/proc/stat`.
pub fn parse_machine_stat(text: &str) -> Option<(u64, u64)> {
    let line = text.lines().find(|l| l.starts_with("cpu "))?;
    let values: Vec<u64> = line.split_whitespace().skip(1).filter_map(|v| v.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal (guest time is already in user).
    let total: u64 = values.iter().take(8).sum();
    let busy = total - values.get(3)? - values.get(4).copied().unwrap_or(0);
    Some((busy, values.get(7).copied().unwrap_or(0)))
}

fn ticks_per_sec() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// CPU ticks at one moment: the machine, the given server processes, this process.
#[derive(Debug, Clone, Copy, Default)]
pub struct Snapshot {
    machine: u64,
    stolen: u64,
    servers: u64,
    loader: u64,
}

pub fn snapshot(server_pids: &[u32]) -> Snapshot {
    let read = |path: String| std::fs::read_to_string(path).unwrap_or_default();
    let (machine, stolen) = parse_machine_stat(&read("/proc/stat".into())).unwrap_or_default();
    Snapshot {
        machine,
        stolen,
        servers: server_pids.iter().filter_map(|pid| parse_pid_stat(&read(format!("/proc/{pid}/stat")))).sum(),
        loader: parse_pid_stat(&read("/proc/self/stat".into())).unwrap_or(0),
    }
}

/// Core-seconds used between two snapshots.
#[derive(Debug, Clone, Copy, Default)]
pub struct Usage {
    pub machine: f64,
    /// Of `machine`: taken by the hypervisor for others.
    pub stolen: f64,
    pub servers: f64,
    pub loader: f64,
    pub wall: Duration,
}

impl Usage {
    pub fn between(a: Snapshot, b: Snapshot, wall: Duration) -> Self {
        let hz = ticks_per_sec();
        let secs = |x: u64, y: u64| y.saturating_sub(x) as f64 / hz;
        Self {
            machine: secs(a.machine, b.machine),
            stolen: secs(a.stolen, b.stolen),
            servers: secs(a.servers, b.servers),
            loader: secs(a.loader, b.loader),
            wall,
        }
    }

    /// What neither the servers nor the load generator used: mostly the database.
    pub fn rest(&self) -> f64 {
        (self.machine - self.servers - self.loader).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_and_machine_ticks_are_read_from_proc_text() {
        let pid = "4242 (kenshu serve) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 25 0 0 20 0 9 0 100 0 0";
        assert_eq!(parse_pid_stat(pid), Some(175));
        let stat = "cpu  100 5 50 1000 20 3 2 7 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n";
        assert_eq!(parse_machine_stat(stat), Some((167, 7)));
        assert_eq!(parse_pid_stat("garbage"), None);
    }
}
