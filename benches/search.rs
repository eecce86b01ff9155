//! Search latency per query kind and batch-search throughput.
//!
//! The index: VNTEXT_BENCH_INDEX (an index folder built by `vntext index`,
//! e.g. of a generated 100k-report archive) when set, else one built here
//! from VNTEXT_BENCH_SEARCH_REPORTS generated reports (default 300).
//! Besides criterion's figures, each query kind's median and p99 over
//! VNTEXT_BENCH_SAMPLES runs (default 200) are printed to stderr, with one
//! query's segments searched on 1 and on 2 threads.
//! Batch search answers VNTEXT_BENCH_BATCH_QUERIES mixed queries (default
//! 120) at 1 and 2 threads.

mod common;

use criterion::{Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::pipeline::{self, Options};
use vntext::search::{Engine, batch};

/// One query per kind named in issue 5.
const QUERIES: [(&str, &str); 6] = [
    ("single term", "nhũng"),
    ("two-term AND", "thiên tai"),
    ("phrase", "\"giải ngân vốn đầu tư công\""),
    ("folded", "chuyen doi so"),
    ("entity filter", "person:\"Nguyễn Văn Hải\""),
    ("date range", "date:[2021-01-01 TO 2021-06-30]"),
];

/// The index folder to search (and the temporary folder holding it, if
/// built here).
fn index_dir() -> (std::path::PathBuf, Option<tempfile::TempDir>) {
    if let Ok(dir) = std::env::var("VNTEXT_BENCH_INDEX") {
        return (dir.into(), None);
    }
    let n = common::env_usize("VNTEXT_BENCH_SEARCH_REPORTS", 300);
    let tmp = tempfile::tempdir().expect("tempdir");
    let archive = tmp.path().join("archive.jsonl");
    std::fs::write(&archive, common::jsonl(n, 4)).expect("writing the archive");
    let index = tmp.path().join("index");
    let mut sink = IndexSink::open(&index, WriterOptions::default()).expect("opening the index");
    pipeline::run(&[archive], &Options::default(), &mut sink).expect("indexing");
    sink.close().expect("closing the index");
    (index, Some(tmp))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn latency(c: &mut criterion::Criterion) {
    let (dir, _tmp) = index_dir();
    let engine = Engine::open(&dir).expect("opening the index");
    let docs = engine.num_docs();
    let samples = common::env_usize("VNTEXT_BENCH_SAMPLES", 200).max(1);
    let segments = engine.searcher.segment_readers().len();
    eprintln!(
        "search index: {docs} reports in {segments} segments; median and p99 of {samples} runs, limit 10, \
         segments searched on 1 and on 2 threads:"
    );
    let two = Engine::open_with_threads(&dir, 2).expect("opening the index");
    for (kind, q) in QUERIES {
        let total = engine.search(q, 10).expect("query").total;
        let mut line = format!("  {kind:<14} {q:<36} hits {total:>7}");
        for e in [&engine, &two] {
            let mut times: Vec<Duration> = (0..samples)
                .map(|_| {
                    let t = Instant::now();
                    black_box(e.search(q, 10).expect("query"));
                    t.elapsed()
                })
                .collect();
            times.sort();
            line += &format!(
                "  median {:>8.3} ms  p99 {:>8.3} ms",
                percentile(&times, 0.5).as_secs_f64() * 1e3,
                percentile(&times, 0.99).as_secs_f64() * 1e3,
            );
        }
        eprintln!("{line}");
    }
    let mut g = c.benchmark_group(format!("search ({docs} reports)"));
    g.throughput(Throughput::Elements(1));
    for (kind, q) in QUERIES {
        g.bench_function(kind, |b| {
            b.iter(|| black_box(engine.search(q, 10).expect("query")))
        });
    }
    g.finish();

    // Batch search: a mix of names, places, topics, phrases and filters.
    let parts = common::gen_corpus::Parts::load();
    let mut queries = Vec::new();
    let (sur, mid, giv) = (
        parts.get("surname"),
        parts.get("middle_m"),
        parts.get("given_m"),
    );
    for i in 0..common::env_usize("VNTEXT_BENCH_BATCH_QUERIES", 120) {
        let q = match i % 6 {
            0 => format!(
                "person:\"{} {} {}\"",
                sur[i % sur.len()],
                mid[(i / 7) % mid.len()],
                giv[(i / 3) % giv.len()]
            ),
            1 => parts.get("province")[i % parts.get("province").len()].to_string(),
            2 => format!(
                "\"{}\"",
                parts.get("ministry")[i % parts.get("ministry").len()]
            ),
            3 => vntext::normalize::search_key(
                parts.get("district")[i % parts.get("district").len()],
            ),
            4 => format!("date:{}-{:02}", 2015 + i % 11, 1 + i % 12),
            _ => format!(
                "{} thiên tai",
                parts.get("province")[(i / 6) % parts.get("province").len()]
            ),
        };
        queries.push(q);
    }
    let input = queries.join("\n");
    let mut g = c.benchmark_group(format!("batch-search ({docs} reports)"));
    g.throughput(Throughput::Elements(queries.len() as u64));
    for threads in [1, 2] {
        let pool = common::pool(threads);
        g.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| {
                pool.install(|| {
                    batch::run(&engine, input.as_bytes(), std::io::sink(), 10).expect("batch")
                })
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = latency
}
criterion_main!(benches);
