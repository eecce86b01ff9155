//! Throughput of each stage and of the whole `index` pipeline, on reports
//! from the scale corpus generator (see BENCHMARKS.md).
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
    targets = decode_normalize, extract, index
}
criterion_main!(benches);
