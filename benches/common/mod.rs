//! Shared by the benches: the scale corpus generator (examples/gen_corpus.rs)
//! and small helpers. Sizes come from environment variables so a quick
//! `cargo bench` stays short and a headline run can use a big archive.

#![allow(dead_code)]

#[path = "../../examples/gen_corpus.rs"]
pub mod gen_corpus;

use std::time::Duration;
use vntext::read::RawDoc;

/// `name` parsed from the environment, else `default`.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` generated reports (seed `seed`) as JSON Lines.
pub fn jsonl(n: usize, seed: u64) -> Vec<u8> {
    let parts = gen_corpus::Parts::load();
    let mut out = Vec::new();
    for i in 0..n as u64 {
        gen_corpus::report(&parts, seed, i, &mut out).expect("generating a report");
    }
    out
}

/// The reports of a JSON Lines archive as the reader would hand them over.
pub fn raw_docs(jsonl: &[u8]) -> Vec<RawDoc> {
    let text = std::str::from_utf8(jsonl).expect("generated JSONL is UTF-8");
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("generated JSON");
            let s = |k: &str| v[k].as_str().map(str::to_string);
            RawDoc {
                id: s("id").unwrap_or_default(),
                title: s("title"),
                date: s("date"),
                source: s("source").unwrap_or_default(),
                text: s("text").unwrap_or_default(),
                ..RawDoc::default()
            }
        })
        .collect()
}

/// Short groups: `cargo bench` must finish in minutes on 2 cores.
pub fn criterion() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// A rayon pool of `n` threads.
pub fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .expect("building a rayon pool")
}
