//! `kenshu-certificates`: how fast one process prints 受講証明書 (issue 11), and how big
//! they are. The font is parsed once; every thread shares it.
//!
//! Three runs of `--count` pages on `--threads` threads: first issue (each page its own
//! number, name and verification QR code), re-download (one issued certificate printed again)
//! and the same page drawn without its text, so without any embedded font — the ratio says
//! what the embedded, subset font costs.

use std::time::Instant;

use clap::Parser;
use kenshu_pdf::samples;

#[derive(Parser)]
struct Args {
    /// Certificates per run.
    #[arg(long, default_value_t = 2000)]
    count: usize,
    /// Rendering threads (the machine has 2 cores).
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

struct Run {
    per_second: f64,
    bytes: usize,
}

fn run(args: &Args, render: impl Fn(usize) -> Vec<u8> + Sync) -> Run {
    let started = Instant::now();
    let per_thread = args.count.div_ceil(args.threads);
    let bytes: usize = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.threads)
            .map(|t| {
                let render = &render;
                s.spawn(move || (0..per_thread).map(|i| render(t * per_thread + i).len()).max().unwrap_or(0))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).max().unwrap_or(0)
    });
    let elapsed = started.elapsed().as_secs_f64();
    Run { per_second: (per_thread * args.threads) as f64 / elapsed, bytes }
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let font = kenshu_pdf::Font::discover()?;
    let base = samples::attendance_certificate();
    let first = run(&args, |i| {
        let mut c = base.clone();
        c.number = i as i32 + 1;
        c.holder = format!("{} {i}", samples::NAME);
        let code = format!("{:020}", i).replace('0', "A");
        c.verification.url = format!("https://kenshu.example.jp/verify/{code}");
        c.verification.code = code;
        kenshu_pdf::attendance_certificate(&c, &font).expect("pdf")
    });
    let again = run(&args, |_| kenshu_pdf::attendance_certificate(&base, &font).expect("pdf"));
    let bare = run(&args, |_| kenshu_pdf::attendance_certificate_without_text(&base, &font).expect("pdf"));
    println!("| run | certificates/s | bytes per certificate (largest) |");
    println!("|---|---:|---:|");
    println!("| first issue (own number, name, QR) | {:.0} | {} |", first.per_second, first.bytes);
    println!("| re-download (same certificate) | {:.0} | {} |", again.per_second, again.bytes);
    println!("| same page, no text and no font | {:.0} | {} |", bare.per_second, bare.bytes);
    println!(
        "\n{} certificates per run on {} threads; the embedded font costs {:.1}× the time of the page without it.",
        args.count,
        args.threads,
        bare.per_second / first.per_second
    );
    Ok(())
}
