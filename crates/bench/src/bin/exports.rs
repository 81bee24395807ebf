//! `kenshu-exports`: how fast rosters are written and how much memory it takes (issue 12).
//!
//! Four cases over the same `--rows` rows of nine columns (Japanese names, addresses, a 𠮷
//! every 100 rows, a formula-like cell every 50), each in its own child process so that its
//! peak resident memory (VmHWM) is its own:
//! - `xlsx`: Kenshu's export (`transport::export::xlsx_stream`: constant-memory worksheet,
//!   ZIP streamed out) fed 500-row pages, the bytes counted and dropped as a socket would;
//! - `xlsx-plain`: rust_xlsxwriter as the survey download used it before, every row in a
//!   normal worksheet and the file saved to a buffer;
//! - `cp932`: Kenshu's export (`csv_stream` in CP932: neutralising, quoting, per-cell
//!   substitution report), pages in, chunks out;
//! - `cp932-plain`: the whole CSV built as one string and encoded once with encoding_rs.
//!
//! The parent runs each case `--repeat` times and prints the best run of each, and the
//! ratios of Kenshu to the plain library.

use std::process::Command;
use std::time::Instant;

use clap::Parser;
use futures_util::stream::{self, StreamExt};
use kenshu_domain::roster::{Catalogue, Column, ExportFormat, RosterKind};
use kenshu_http::transport::export::{csv_stream, xlsx_stream};

#[derive(Parser)]
struct Args {
    /// Rows per export.
    #[arg(long, default_value_t = 10_000)]
    rows: usize,
    /// Runs of each case (the best is kept).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Run one case in this process and print `rows_per_s peak_kib bytes` (used by the parent).
    #[arg(long)]
    case: Option<String>,
}

const PAGE: usize = 500;

fn columns() -> Vec<Column> {
    let c = Catalogue::new(RosterKind::Participants, []);
    let picked = c.pick(None).expect("defaults");
    picked.into_iter().map(|i| c.columns[i].clone()).collect()
}

fn row(i: usize) -> Vec<String> {
    let name = if i.is_multiple_of(100) { format!("𠮷田 太郎{i}") } else { format!("髙﨑 花子{i}") };
    let workplace = if i.is_multiple_of(50) {
        "=HYPERLINK(\"x\")".to_owned()
    } else {
        format!("社会福祉法人 北の杜 就労支援センター{}", i % 97)
    };
    vec![
        (i + 1).to_string(),
        (100_000 + i).to_string(),
        name,
        "たかさき はなこ".to_owned(),
        workplace,
        "011-123-4567".to_owned(),
        format!("user{i}@example.jp"),
        "申込済み".to_owned(),
        "2026-11-30 10:00".to_owned(),
    ]
}

fn pages(rows: usize) -> kenshu_http::usecases::rosters::RowPages {
    stream::iter((0..rows).step_by(PAGE).map(move |start| Ok((start..(start + PAGE).min(rows)).map(row).collect())))
        .boxed()
}

/// Peak resident memory of this process so far, in KiB (`VmHWM`).
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

async fn drain(s: impl futures_util::Stream<Item = std::io::Result<actix_web::web::Bytes>>) -> usize {
    let mut s = std::pin::pin!(s);
    let mut bytes = 0;
    while let Some(chunk) = s.next().await {
        bytes += chunk.expect("chunk").len();
    }
    bytes
}

fn xlsx_plain(rows: usize) -> usize {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let ws = workbook.add_worksheet();
    for (c, column) in columns().iter().enumerate() {
        ws.write_string(0, c as u16, &column.label).expect("header");
    }
    for i in 0..rows {
        for (c, cell) in row(i).iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, cell).expect("cell");
        }
    }
    workbook.save_to_buffer().expect("xlsx").len()
}

fn cp932_plain(rows: usize) -> usize {
    let mut text = String::new();
    let header: Vec<String> = columns().into_iter().map(|c| c.label).collect();
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    for i in 0..rows {
        text.push_str(&row(i).join(","));
        text.push_str("\r\n");
    }
    encoding_rs::SHIFT_JIS.encode(&text).0.len()
}

fn run_case(case: &str, rows: usize) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let started = Instant::now();
    let bytes = match case {
        "xlsx" => runtime.block_on(async { drain(xlsx_stream("受講者名簿", columns(), pages(rows))).await }),
        "cp932" => runtime.block_on(async { drain(csv_stream(ExportFormat::CsvCp932, columns(), pages(rows))).await }),
        "xlsx-plain" => xlsx_plain(rows),
        "cp932-plain" => cp932_plain(rows),
        other => anyhow::bail!("unknown case {other}"),
    };
    let elapsed = started.elapsed().as_secs_f64();
    println!("{} {} {}", rows as f64 / elapsed, peak_kib(), bytes);
    Ok(())
}

struct Figures {
    rows_per_s: f64,
    peak_kib: u64,
    bytes: usize,
}

fn child(case: &str, args: &Args) -> anyhow::Result<Figures> {
    let mut best: Option<Figures> = None;
    for _ in 0..args.repeat {
        let out =
            Command::new(std::env::current_exe()?).args(["--case", case, "--rows", &args.rows.to_string()]).output()?;
        anyhow::ensure!(out.status.success(), "{case}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout)?;
        let mut parts = text.split_whitespace();
        let mut next = || parts.next().ok_or_else(|| anyhow::anyhow!("{case}: {text}"));
        let figures = Figures { rows_per_s: next()?.parse()?, peak_kib: next()?.parse()?, bytes: next()?.parse()? };
        if best.as_ref().is_none_or(|b| figures.rows_per_s > b.rows_per_s) {
            best = Some(figures);
        }
    }
    best.ok_or_else(|| anyhow::anyhow!("--repeat 0"))
}

/// The process's resident memory before any export (the baseline of every case).
fn baseline_kib() -> u64 {
    peak_kib()
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(case) = &args.case {
        return run_case(case, args.rows);
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{} rows of {} columns, best of {} runs; load average before: {}",
        args.rows,
        columns().len(),
        args.repeat,
        load.trim()
    );
    println!("baseline resident memory of the bench process: {} KiB", baseline_kib());
    println!();
    println!("| case | rows/s | peak RSS (MiB) | file size (KiB) |");
    println!("|---|---:|---:|---:|");
    let mut results = Vec::new();
    for (case, label) in [
        ("xlsx", "XLSX, Kenshu (constant memory, streamed)"),
        ("xlsx-plain", "XLSX, rust_xlsxwriter alone (normal worksheet, save_to_buffer)"),
        ("cp932", "CSV CP932, Kenshu (paged, neutralised, substitutions reported)"),
        ("cp932-plain", "CSV CP932, encoding_rs alone (one string, one encode)"),
    ] {
        let f = child(case, &args)?;
        println!(
            "| {label} | {:.0} | {:.1} | {:.0} |",
            f.rows_per_s,
            f.peak_kib as f64 / 1024.0,
            f.bytes as f64 / 1024.0
        );
        results.push(f);
    }
    println!();
    println!("| ratio Kenshu / plain | speed | peak RSS |");
    println!("|---|---:|---:|");
    for (label, k, p) in [("XLSX", &results[0], &results[1]), ("CSV CP932", &results[2], &results[3])] {
        println!("| {label} | {:.2} | {:.2} |", k.rows_per_s / p.rows_per_s, k.peak_kib as f64 / p.peak_kib as f64);
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("\nload average after: {}", load.trim());
    Ok(())
}
