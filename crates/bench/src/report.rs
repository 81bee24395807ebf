//! Tables for the terminal or for Markdown, and the machine they were measured on.

use std::time::Duration;

use crate::stats::Latency;

pub struct Table {
    pub title: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: impl Into<String>, headers: Vec<&'static str>) -> Self {
        Self { title: title.into(), headers, rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self, markdown: bool) -> String {
        let mut out = String::new();
        if markdown {
            out.push_str(&format!("#### {}\n\n", self.title));
            out.push_str(&format!("| {} |\n", self.headers.join(" | ")));
            out.push_str(&format!("|{}\n", " --- |".repeat(self.headers.len())));
            for row in &self.rows {
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
            return out;
        }
        let width = |i: usize| {
            let cells = self.rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count());
            cells.chain([self.headers[i].chars().count()]).max().unwrap_or(0)
        };
        let widths: Vec<usize> = (0..self.headers.len()).map(width).collect();
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
            format!("  {}\n", padded.join("  ").trim_end())
        };
        out.push_str(&format!("{}\n", self.title));
        out.push_str(&line(self.headers.clone()));
        out.push_str(&line(
            widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(|s| s.as_str()).collect(),
        ));
        for row in &self.rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        out
    }
}

pub fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

/// "p50 / p99" in milliseconds, or "–" for an empty sample.
pub fn p50_p99(l: &Latency) -> String {
    if l.count == 0 {
        "–".into()
    } else {
        format!("{} / {}", millis(l.p50), millis(l.p99))
    }
}

pub fn rate(r: f64) -> String {
    format!("{r:.0}")
}

/// The machine: cores, CPU model, memory, kernel.
pub struct Machine {
    pub cores: usize,
    pub cpu: String,
    pub memory_gib: f64,
    pub kernel: String,
}

impl Machine {
    pub fn detect() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, v)| v.trim()))
            .unwrap_or("unknown")
            .to_owned();
        let memory_kib: f64 = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|r| r.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        Self {
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu,
            memory_gib: memory_kib / 1024.0 / 1024.0,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_render_aligned_for_the_terminal_and_as_markdown() {
        let mut t = Table::new("T", vec!["name", "n"]);
        t.row(vec!["sqlite".into(), "1".into()]);
        t.row(vec!["pg".into(), "100".into()]);
        assert_eq!(t.render(false), "T\n  name    n\n  ------  ---\n  sqlite  1\n  pg      100\n");
        assert_eq!(t.render(true), "#### T\n\n| name | n |\n| --- | --- |\n| sqlite | 1 |\n| pg | 100 |\n");
    }
}
