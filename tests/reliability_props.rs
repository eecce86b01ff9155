//! Property tests over the whole pipeline (normalization's own idempotence
//! and NFC properties are in tests/normalize.rs): entity spans on char
//! boundaries and equal to their text, extraction deterministic, every date
//! `from <= to`.

use proptest::prelude::*;
use vntext::model::Kind;
use vntext::pipeline::{Stages, process};
use vntext::read::RawDoc;

/// Text made of report-like pieces and odd characters, so extractors fire.
fn report_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("UBND tỉnh Nghệ An ".to_string()),
        Just("Chỉ thị số 01-CT/TW ".to_string()),
        Just("ngày 15/3/2021 ".to_string()),
        Just("từ ngày 1 đến ngày 31/12/2021 ".to_string()),
        Just("trước ngày 30-6 ".to_string()),
        Just("đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh, ".to_string()),
        Just("Hội nghị quán triệt ".to_string()),
        Just("quý II/2021 ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("Ð\u{0301}\u{0323} ".to_string()),
        Just("１５/３/２０２１ ".to_string()),
        Just("\u{200f}😀 ".to_string()),
        "[0-9/.\\- ]{1,8}",
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spans_dates_and_determinism(text in report_text()) {
        let raw = RawDoc { id: "p".into(), text, date: Some("2021-03-15".into()), ..RawDoc::default() };
        let doc = process(raw.clone(), Stages::Extract);
        for e in &doc.entities {
            prop_assert!(e.start <= e.end && e.end <= doc.text.len());
            prop_assert!(doc.text.is_char_boundary(e.start) && doc.text.is_char_boundary(e.end));
            prop_assert_eq!(&e.text, &doc.text[e.start..e.end]);
            prop_assert!(e.sentence < doc.sentences.len().max(1));
            if let Kind::Date { from, to, .. } = &e.kind {
                prop_assert!(from.is_some() == to.is_some() && from <= to, "{:?} > {:?} in {:?}", from, to, e.text);
            }
        }
        for s in &doc.sentences {
            prop_assert!(doc.text.is_char_boundary(s.0) && doc.text.is_char_boundary(s.1));
        }
        prop_assert_eq!(doc, process(raw, Stages::Extract));
    }
}
