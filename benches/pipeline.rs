//! Throughput of each stage and of the whole `index` pipeline, on reports
//! from the scale corpus generator (see BENCHMARKS.md).
//!
//! The issue 13 groups ("news2k: …") run on real text: the JSON Lines file
//! in VNTEXT_BENCH_NEWS (default ../shared/devdata/news2k.jsonl), each next
//! to `wc -w` on the same file timed in the same run; they are skipped with
//! a message when the file is absent.
//!
//! Sizes: VNTEXT_BENCH_REPORTS (decode, normalize, segment; default 100),
//! VNTEXT_BENCH_EXTRACT_REPORTS (default 40), VNTEXT_BENCH_INDEX_REPORTS
//! (the archive indexed per iteration; default 150, ≈ 1 MB; 3000 ≈ 20 MB).

mod common;

use criterion::{Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::pipeline::{self, Options, Stages};
use vntext::read::encoding::{self, Encoding};

/// The real-text archive of the issue 13 groups, if present.
fn news_path() -> Option<std::path::PathBuf> {
    let p = std::path::PathBuf::from(
        std::env::var("VNTEXT_BENCH_NEWS")
            .unwrap_or_else(|_| "../shared/devdata/news2k.jsonl".to_string()),
    );
    if p.is_file() {
        Some(p)
    } else {
        eprintln!(
            "skipping the news2k groups: {} not found (set VNTEXT_BENCH_NEWS)",
            p.display()
        );
        None
    }
}

/// The issue 13 hot path on real text, each group with the file's size as
/// its throughput so criterion prints MB/s: `wc -w` (the reference, same
/// run), normalize+segment at 1 thread, the full extract at 1 and 2
/// threads, and indexing at 2 threads.
fn news(c: &mut criterion::Criterion) {
    use rayon::prelude::*;
    let Some(path) = news_path() else {
        return;
    };
    let data = std::fs::read(&path).expect("reading the news archive");
    let file_bytes = data.len() as u64;
    let docs = common::raw_docs(&data);

    let mut g = c.benchmark_group("news2k: wc -w reference");
    g.throughput(Throughput::Bytes(file_bytes));
    g.bench_function("wc -w", |b| {
        b.iter(|| {
            let out = std::process::Command::new("wc")
                .arg("-w")
                .arg(&path)
                .output()
                .expect("running wc -w");
            black_box(out.stdout)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("news2k: normalize+segment");
    g.throughput(Throughput::Bytes(file_bytes));
    g.bench_function("1 thread", |b| {
        b.iter(|| {
            for d in &docs {
                let t = vntext::normalize::normalize(&d.text);
                black_box(vntext::segment::sentences(&t));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("news2k: extract");
    g.throughput(Throughput::Bytes(file_bytes));
    g.bench_function("1 thread", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(pipeline::process(d.clone(), Stages::Extract));
            }
        })
    });
    let pool = common::pool(2);
    g.bench_function("2 threads", |b| {
        b.iter(|| {
            pool.install(|| {
                docs.par_iter().for_each(|d| {
                    black_box(pipeline::process(d.clone(), Stages::Extract));
                })
            })
        })
    });
    g.finish();

    let mut g = c.benchmark_group("news2k: index");
    g.throughput(Throughput::Bytes(file_bytes));
    let opts = Options::default();
    g.bench_function("2 threads", |b| {
        b.iter(|| {
            let out = tempfile::tempdir().expect("tempdir");
            pool.install(|| {
                let wopts = WriterOptions {
                    threads: 2,
                    ..WriterOptions::default()
                };
                let mut sink = IndexSink::open(out.path(), wopts).expect("opening the index");
                pipeline::run(std::slice::from_ref(&path), &opts, &mut sink).expect("indexing");
                black_box(sink.close().expect("closing the index"))
            })
        })
    });
    g.finish();
}

fn text_bytes(docs: &[vntext::read::RawDoc]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

fn decode_normalize(c: &mut criterion::Criterion) {
    let docs = common::raw_docs(&common::jsonl(
        common::env_usize("VNTEXT_BENCH_REPORTS", 100),
        1,
    ));
    let utf8: Vec<Vec<u8>> = docs.iter().map(|d| d.text.as_bytes().to_vec()).collect();
    let cp1258: Vec<Vec<u8>> = docs
        .iter()
        .filter_map(|d| encoding::encode(&d.text, Encoding::Windows1258))
        .collect();
    let mut g = c.benchmark_group("decode+normalize");
    g.throughput(Throughput::Bytes(utf8.iter().map(|b| b.len() as u64).sum()));
    g.bench_function("utf-8", |b| {
        b.iter(|| {
            for bytes in &utf8 {
                let d = encoding::decode(bytes, None);
                black_box(vntext::normalize::normalize(&d.text));
            }
        })
    });
    g.throughput(Throughput::Bytes(
        cp1258.iter().map(|b| b.len() as u64).sum(),
    ));
    g.bench_function("windows-1258 (detected)", |b| {
        b.iter(|| {
            for bytes in &cp1258 {
                let d = encoding::decode(bytes, None);
                black_box(vntext::normalize::normalize(&d.text));
            }
        })
    });
    let texts: Vec<String> = docs
        .iter()
        .map(|d| vntext::normalize::normalize(&d.text))
        .collect();
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    g.bench_function("normalize only", |b| {
        b.iter(|| {
            for t in &docs {
                black_box(vntext::normalize::normalize(&t.text));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(
        texts.iter().map(|t| t.len() as u64).sum(),
    ));
    g.bench_function("sentences+syllables", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(vntext::segment::sentences(t));
                black_box(vntext::segment::syllables(t));
            }
        })
    });
    g.finish();
}

fn extract(c: &mut criterion::Criterion) {
    let docs = common::raw_docs(&common::jsonl(
        common::env_usize("VNTEXT_BENCH_EXTRACT_REPORTS", 40),
        2,
    ));
    let mut g = c.benchmark_group("normalize+segment+extract");
    let run = |docs: &[vntext::read::RawDoc]| {
        for d in docs {
            black_box(pipeline::process(d.clone(), Stages::Extract));
        }
    };
    g.throughput(Throughput::Bytes(text_bytes(&docs)));
    g.bench_function("bytes, 1 thread", |b| b.iter(|| run(&docs)));
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("reports, 1 thread", |b| b.iter(|| run(&docs)));
    g.finish();
}

fn index(c: &mut criterion::Criterion) {
    let n = common::env_usize("VNTEXT_BENCH_INDEX_REPORTS", 150);
    let data = common::jsonl(n, 3);
    let bytes = text_bytes(&common::raw_docs(&data));
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = dir.path().join("archive.jsonl");
    std::fs::write(&archive, &data).expect("writing the archive");
    let opts = Options::default();
    let mut g = c.benchmark_group(format!("index ({n} reports)"));
    g.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = common::pool(threads);
        g.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| {
                let out = tempfile::tempdir().expect("tempdir");
                pool.install(|| {
                    let wopts = WriterOptions {
                        threads,
                        ..WriterOptions::default()
                    };
                    let mut sink = IndexSink::open(out.path(), wopts).expect("opening the index");
                    pipeline::run(std::slice::from_ref(&archive), &opts, &mut sink)
                        .expect("indexing");
                    black_box(sink.close().expect("closing the index"))
                })
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = news, decode_normalize, extract, index
}
criterion_main!(benches);
