//! Replays the inputs the fuzz targets (fuzz/) found interesting, kept in
//! tests/fixtures/fuzz_regressions/TARGET/, with the same checks as the
//! targets: nothing panics, normalization idempotent, spans on char
//! boundaries, dates ordered, extraction deterministic, queries parse or fail.

use std::path::Path;
use vntext::model::Kind;
use vntext::pipeline::{Stages, process};
use vntext::read::RawDoc;

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz_regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn decode_normalize() {
    for data in inputs("decode_normalize") {
        let decoded = vntext::read::encoding::decode(&data, None);
        let once = vntext::normalize::normalize(&decoded.text);
        assert_eq!(once, vntext::normalize::normalize(&once));
    }
}

#[test]
fn sentences() {
    for data in inputs("sentences") {
        let text = vntext::normalize::normalize(&String::from_utf8_lossy(&data));
        let mut last = 0;
        for r in vntext::segment::sentences(&text) {
            assert!(r.start >= last && r.start <= r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            last = r.end;
        }
    }
}

#[test]
fn extract() {
    let all = inputs("extract");
    for data in &all {
        let raw = RawDoc {
            id: "fuzz".into(),
            text: String::from_utf8_lossy(data).into_owned(),
            date: Some("2021-03-15".into()),
            ..RawDoc::default()
        };
        let doc = process(raw.clone(), Stages::Extract);
        for e in &doc.entities {
            assert!(doc.text.is_char_boundary(e.start) && doc.text.is_char_boundary(e.end));
            assert_eq!(e.text, doc.text[e.start..e.end]);
            if let Kind::Date { from, to, .. } = &e.kind {
                assert!(from.is_some() == to.is_some() && from <= to);
            }
        }
        assert_eq!(doc, process(raw, Stages::Extract));
    }
}

#[test]
fn query() {
    let (_, fields) = vntext::index::schema::build();
    for data in inputs("query") {
        let Ok(q) = std::str::from_utf8(&data) else {
            continue;
        };
        if let Ok(node) = vntext::search::query::parse(q) {
            let _ = vntext::search::query::compile(&node, &fields);
        }
    }
}
