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
//!
//! Known-item queries on a real archive (issue 14): from the news archive
//! at VNTEXT_BENCH_NEWS (default ../shared/devdata/news50k.jsonl.gz beside
//! the repository; skipped with a message when absent), indexed once into
//! VNTEXT_BENCH_NEWS_INDEX (default target/bench-news50k-index, built here
//! when missing). VNTEXT_BENCH_NEWS_QUERIES articles (default 200) are
//! sampled; each gives a query made as `eval-search` makes them: 3 to 5
//! consecutive title words, the window whose words are rarest in titles,
//! typed as written (lower case) and without diacritics. The median and
//! p99 of one query's latency in process (limit 10, hits with snippets) are
//! printed per kind and together, then criterion runs the whole mix, and
//! batch search answers it at 1 and 2 threads.

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

/// Split like Python's `\w+`: runs of letters, digits and `_`.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Known-item queries from the archive's titles: (kind, query).
fn news_queries(archive: &std::path::Path, n: usize) -> Vec<(&'static str, String)> {
    use std::io::BufRead;
    let f = std::fs::File::open(archive).expect("opening the news archive");
    let r = std::io::BufReader::new(flate2::read::GzDecoder::new(f));
    let mut titles: Vec<String> = Vec::new();
    for line in r.lines() {
        let line = line.expect("reading the news archive");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let title = v["title"].as_str().map(str::to_string).unwrap_or_else(|| {
            v["text"]
                .as_str()
                .unwrap_or("")
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        });
        titles.push(title);
    }
    let mut df: std::collections::HashMap<String, u32> = Default::default();
    for t in &titles {
        let set: std::collections::HashSet<String> = words(t)
            .into_iter()
            .map(vntext::normalize::search_key)
            .collect();
        for w in set {
            *df.entry(w).or_default() += 1;
        }
    }
    let idf = |w: &str| {
        (titles.len() as f64 / f64::from(*df.get(&vntext::normalize::search_key(w)).unwrap_or(&1)))
            .ln()
    };
    let cand: Vec<usize> = (0..titles.len())
        .filter(|&i| words(&titles[i]).len() >= 3)
        .collect();
    let mut rng = Rng(14);
    let mut out = Vec::new();
    for _ in 0..n.min(cand.len()) {
        let ws = words(&titles[cand[(rng.next() % cand.len() as u64) as usize]]);
        let k = ws.len().min(3 + (rng.next() % 3) as usize);
        let s = (0..=ws.len() - k)
            .max_by(|&a, &b| {
                let sum = |s: usize| ws[s..s + k].iter().map(|w| idf(w)).sum::<f64>();
                sum(a).total_cmp(&sum(b)).then(b.cmp(&a))
            })
            .unwrap_or(0);
        let win = &ws[s..s + k];
        out.push((
            "with diacritics",
            win.iter()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" "),
        ));
        out.push((
            "no diacritics",
            win.iter()
                .map(|w| vntext::normalize::search_key(w))
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    out
}

fn news(c: &mut criterion::Criterion) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let archive = std::env::var_os("VNTEXT_BENCH_NEWS").map_or_else(
        || root.join("../shared/devdata/news50k.jsonl.gz"),
        std::path::PathBuf::from,
    );
    if !archive.exists() {
        eprintln!(
            "news known-item bench skipped: no archive at {} (set VNTEXT_BENCH_NEWS)",
            archive.display()
        );
        return;
    }
    let dir = std::env::var_os("VNTEXT_BENCH_NEWS_INDEX").map_or_else(
        || root.join("target/bench-news50k-index"),
        std::path::PathBuf::from,
    );
    if !dir.join("meta.json").exists() {
        eprintln!(
            "indexing {} into {} (once) …",
            archive.display(),
            dir.display()
        );
        let mut sink = IndexSink::open(&dir, WriterOptions::default()).expect("opening the index");
        pipeline::run(
            std::slice::from_ref(&archive),
            &Options::default(),
            &mut sink,
        )
        .expect("indexing");
        sink.close().expect("closing the index");
    }
    let engine = Engine::open(&dir).expect("opening the index");
    let queries = news_queries(
        &archive,
        common::env_usize("VNTEXT_BENCH_NEWS_QUERIES", 200),
    );
    // One untimed pass: the syllable statistics load on first use, and
    // the index files enter the page cache.
    for (_, q) in &queries {
        black_box(engine.search(q, 10).expect("query"));
    }
    let reps = common::env_usize("VNTEXT_BENCH_NEWS_REPS", 3).max(1);
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    for _ in 0..reps {
        for (kind, q) in &queries {
            let t = Instant::now();
            black_box(engine.search(q, 10).expect("query"));
            by_kind.entry(kind).or_default().push(t.elapsed());
        }
    }
    let mut all: Vec<Duration> = by_kind.values().flatten().copied().collect();
    all.sort();
    eprintln!(
        "news known-item queries: {} reports, {} queries x {reps} runs, limit 10 with snippets, 1 thread:",
        engine.num_docs(),
        queries.len()
    );
    for (kind, mut t) in by_kind {
        t.sort();
        eprintln!(
            "  {kind:<16} median {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms",
            percentile(&t, 0.5).as_secs_f64() * 1e3,
            percentile(&t, 0.99).as_secs_f64() * 1e3,
            t[t.len() - 1].as_secs_f64() * 1e3,
        );
    }
    eprintln!(
        "  {:<16} median {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms",
        "all",
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all[all.len() - 1].as_secs_f64() * 1e3,
    );
    let mut g = c.benchmark_group(format!("news known-item ({} reports)", engine.num_docs()));
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("query mix", |b| {
        b.iter(|| {
            for (_, q) in &queries {
                black_box(engine.search(q, 10).expect("query"));
            }
        })
    });
    let input: String = queries.iter().map(|(_, q)| format!("{q}\n")).collect();
    for threads in [1, 2] {
        let pool = common::pool(threads);
        g.bench_function(format!("batch-search, {threads} thread(s)"), |b| {
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
    targets = latency, news
}
criterion_main!(benches);
