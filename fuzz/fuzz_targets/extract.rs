//! Any text through the whole pipeline: spans on char boundaries and equal to
//! their text, dates ordered, extraction deterministic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vntext::model::Kind;
use vntext::pipeline::{Stages, process};
use vntext::read::RawDoc;

fuzz_target!(|data: &[u8]| {
    let raw = RawDoc {
        id: "fuzz".into(),
        text: String::from_utf8_lossy(data).into_owned(),
        date: Some("2021-03-15".into()),
        ..RawDoc::default()
    };
    let doc = process(raw.clone(), Stages::Extract);
    for e in &doc.entities {
        assert!(e.start <= e.end && e.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(e.start) && doc.text.is_char_boundary(e.end));
        assert_eq!(e.text, doc.text[e.start..e.end]);
        if let Kind::Date { from, to, .. } = &e.kind {
            assert!(
                from.is_some() == to.is_some() && from <= to,
                "date {from:?} > {to:?}"
            );
        }
    }
    assert_eq!(
        doc,
        process(raw, Stages::Extract),
        "extraction not deterministic"
    );
});
