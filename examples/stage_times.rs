//! Time each pipeline stage and each extractor on a JSONL archive, one
//! thread: `cargo run --release --example stage_times -- FILE.jsonl`.
//! Prints seconds and MB/s of normalized text per stage, so the next
//! optimisation goes where the time is.
use std::time::{Duration, Instant};
use vntext::extract::{self, Analysis};
use vntext::model::Span;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_times FILE.jsonl");
    let raw = std::fs::read_to_string(&path).expect("read");
    let texts: Vec<(String, Option<String>)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            (
                v["text"].as_str().unwrap_or("").to_string(),
                v["date"].as_str().map(str::to_string),
            )
        })
        .collect();
    let mut t = [Duration::ZERO; 11];
    let names: Vec<&str> = ["normalize", "segment", "analysis"]
        .into_iter()
        .chain(extract::EXTRACTORS.iter().map(|x| x.makes))
        .chain(["event"])
        .collect();
    let mut bytes = 0usize;
    for (text, date) in &texts {
        let s = Instant::now();
        let norm = vntext::normalize::normalize(text);
        t[0] += s.elapsed();
        bytes += norm.len();
        let s = Instant::now();
        let sentences: Vec<Span> = vntext::segment::sentences(&norm)
            .into_iter()
            .map(Span::from)
            .collect();
        t[1] += s.elapsed();
        let s = Instant::now();
        let ctx = Analysis::new(&norm, &sentences, date.as_deref());
        t[2] += s.elapsed();
        let mut found = Vec::new();
        for (i, x) in extract::EXTRACTORS.iter().enumerate() {
            let s = Instant::now();
            (x.run)(&ctx, &mut found);
            t[3 + i] += s.elapsed();
        }
        extract::sort_entities(&mut found);
        let s = Instant::now();
        let _ = extract::event::extract(&ctx, &found);
        t[10] += s.elapsed();
    }
    let total: Duration = t.iter().sum();
    let mb = bytes as f64 / 1e6;
    for (n, d) in names.iter().zip(t) {
        println!(
            "{n:>13} {:>8.3}s {:>5.1}% {:>9.1} MB/s",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            mb / d.as_secs_f64()
        );
    }
    println!(
        "{:>13} {:>8.3}s {:>6} {:>9.1} MB/s ({mb:.1} MB)",
        "total",
        total.as_secs_f64(),
        "",
        mb / total.as_secs_f64()
    );
}
