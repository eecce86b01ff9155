//! Scoring against gold annotations, and the corpus quality floors.

use std::collections::BTreeMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;
use vntext::eval::{self, Evaluator, Gold};
use vntext::model::{Attendee, Document, Entity, Event, Kind};

fn ent(kind: Kind, text: &str, start: usize) -> Entity {
    Entity {
        kind,
        text: text.to_string(),
        start,
        end: start + text.len(),
        sentence: 0,
        rule: "test.hand".to_string(),
    }
}

fn person(name: &str, titles: &[&str]) -> Entity {
    ent(
        Kind::Person {
            name: name.into(),
            titles: titles.iter().map(|t| t.to_string()).collect(),
            refers_to: None,
        },
        name,
        0,
    )
}

fn date(from: &str, to: &str) -> Entity {
    ent(
        Kind::Date {
            from: Some(from.into()),
            to: Some(to.into()),
            granularity: "day".into(),
        },
        from,
        0,
    )
}

fn gold(json: &str) -> BTreeMap<String, Gold> {
    let g: Gold = serde_json::from_str(json).expect("gold parses");
    BTreeMap::from([(g.id.clone(), g)])
}

const GOLD: &str = r#"{
  "id": "d1",
  "persons": [
    {"name": "Nguyễn Văn An", "titles": ["Bí thư Tỉnh ủy"]},
    {"name": "Lê Thị Hòa", "titles": []}
  ],
  "directives": [
    {"doc_type": "Chỉ thị", "number": "01-CT/TW"},
    {"doc_type": "Luật", "number": null, "name": "Luật Đất đai"}
  ],
  "dates": [{"text": "9/3/2021", "from": "2021-03-09", "to": "2021-03-09"}],
  "deadlines": [{"due": "2021-06-30", "task_contains": "x"}],
  "events": [{"kind": "Hội nghị", "attendees": ["Nguyễn Văn An"]}],
  "organizations": ["Tỉnh ủy Bắc Ninh"],
  "locations": ["Bắc Ninh"]
}"#;

fn perfect_doc() -> Document {
    let entities = vec![
        person("Nguyễn Văn An", &["Bí thư Tỉnh ủy"]),
        person("Lê Thị Hòa", &[]),
        ent(
            Kind::Directive {
                doc_type: "Chỉ thị".into(),
                number: Some("01-CT/TW".into()),
                issuer: None,
                issued: None,
                name: None,
                key: "chi-thi-01-ct-tw".into(),
                refers_to: None,
            },
            "Chỉ thị số 01-CT/TW",
            0,
        ),
        ent(
            Kind::Directive {
                doc_type: "Luật".into(),
                number: None,
                issuer: None,
                issued: None,
                name: Some("Luật Đất đai".into()),
                key: "luat-dat-dai".into(),
                refers_to: None,
            },
            "Luật Đất đai",
            0,
        ),
        // A bare later mention linked to the first: not a new directive.
        ent(
            Kind::Directive {
                doc_type: "Chỉ thị".into(),
                number: None,
                issuer: None,
                issued: None,
                name: None,
                key: "chi-thi".into(),
                refers_to: Some("chi-thi-01-ct-tw".into()),
            },
            "Chỉ thị",
            0,
        ),
        date("2021-03-09", "2021-03-09"),
        ent(
            Kind::Deadline {
                due: Some("2021-06-30".into()),
                task: "x".into(),
                responsible: None,
            },
            "xong trong quý II/2021",
            0,
        ),
        ent(
            Kind::Organization {
                name: "Tỉnh ủy Bắc Ninh".into(),
                expanded: "Tỉnh ủy Bắc Ninh".into(),
            },
            "Tỉnh ủy Bắc Ninh",
            0,
        ),
        ent(
            Kind::Location {
                name: "Bắc Ninh".into(),
                level: "province".into(),
            },
            "Bắc Ninh",
            0,
        ),
    ];
    Document {
        id: "d1".into(),
        entities,
        events: vec![Event {
            kind: "Hội nghị".into(),
            name: "Hội nghị".into(),
            attendees: vec![Attendee {
                name: "Nguyễn Văn An".into(),
                titles: vec![],
            }],
            ..Event::default()
        }],
        ..Document::default()
    }
}

fn score(doc: &Document) -> (eval::Report, Vec<eval::Mismatch>) {
    let mut ev = Evaluator::new(gold(GOLD));
    ev.score(doc);
    (ev.report(), ev.mismatches())
}

#[test]
fn perfect_match_scores_one() {
    let (report, mismatches) = score(&perfect_doc());
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    for field in eval::FIELDS {
        let s = report.field(field).unwrap();
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0), "{field}");
    }
    assert_eq!(report.field("person").unwrap().tp, 2);
    assert_eq!(report.field("directive").unwrap().tp, 2);
    assert_eq!(report.field("directive_number").unwrap().tp, 1);
    assert_eq!(report.documents_scored, 1);
}

#[test]
fn missing_person_lowers_recall_only() {
    let mut doc = perfect_doc();
    doc.entities.retain(|e| e.text != "Lê Thị Hòa");
    let (report, mismatches) = score(&doc);
    let p = report.field("person").unwrap();
    assert_eq!((p.tp, p.fp, p.fn_), (1, 0, 1));
    assert_eq!(p.precision, 1.0);
    assert_eq!(p.recall, 0.5);
    assert!((p.f1 - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0].field, "person");
    assert_eq!(mismatches[0].missing, ["Lê Thị Hòa"]);
}

#[test]
fn spurious_date_lowers_precision_only() {
    let mut doc = perfect_doc();
    doc.entities.push(date("2021-01-01", "2021-12-31"));
    let (report, mismatches) = score(&doc);
    let d = report.field("date").unwrap();
    assert_eq!((d.tp, d.fp, d.fn_), (1, 1, 0));
    assert_eq!(d.precision, 0.5);
    assert_eq!(d.recall, 1.0);
    assert_eq!(mismatches[0].field, "date");
    assert!(mismatches[0].spurious[0].starts_with("2021-01-01 | 2021-12-31"));
}

#[test]
fn tone_mark_style_case_and_spacing_do_not_matter() {
    let mut doc = perfect_doc();
    for e in &mut doc.entities {
        if let Kind::Person { name, .. } = &mut e.kind
            && name == "Lê Thị Hòa"
        {
            // New tone-mark style, decomposed (NFD) and upper-cased.
            *name = "LÊ  THỊ HOÀ".nfd().collect();
        }
        if let Kind::Organization { name, .. } = &mut e.kind {
            *name = "Tỉnh uỷ Bắc Ninh".into();
        }
        if let Kind::Directive {
            number: Some(n), ..
        } = &mut e.kind
        {
            *n = "01 - CT/TW".into();
        }
    }
    let (report, mismatches) = score(&doc);
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(report.field("person").unwrap().f1, 1.0);
    assert_eq!(report.field("organization").unwrap().f1, 1.0);
    assert_eq!(eval::key("Hoà Bình"), eval::key("hòa  bình"));
    assert_ne!(
        eval::key("Hòa Bình"),
        eval::key("Hoa Binh"),
        "diacritics kept"
    );
}

#[test]
fn refers_to_names_the_person_and_titles_pair_with_it() {
    let mut doc = perfect_doc();
    doc.entities.push(ent(
        Kind::Person {
            name: "Bí thư Tỉnh ủy".into(),
            titles: vec!["Bí thư Tỉnh ủy".into()],
            refers_to: Some("Nguyễn Văn An".into()),
        },
        "Đồng chí Bí thư Tỉnh ủy",
        0,
    ));
    let (report, mismatches) = score(&doc);
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(report.field("person_title").unwrap().tp, 1);
}

#[test]
fn documents_and_gold_without_counterpart_are_reported_not_scored() {
    let mut ev = Evaluator::new(gold(GOLD));
    let other = Document {
        id: "other".into(),
        entities: vec![person("Trần Văn Ba", &[])],
        ..Document::default()
    };
    ev.score(&other);
    let report = ev.report();
    assert_eq!(report.documents_scored, 0);
    assert_eq!(report.documents_without_gold, ["other"]);
    assert_eq!(report.gold_without_document, ["d1"]);
    assert_eq!(report.field("person").unwrap().fp, 0);
    let table = report.to_string();
    assert!(table.starts_with("field"), "{table}");
    assert!(table.contains("person_title"), "{table}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["fields"][0]["field"], "person");
    assert!(json["fields"][0].get("fn").is_some());
}

#[test]
fn load_gold_skips_readme_and_names_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# gold").unwrap();
    std::fs::write(dir.path().join("a.json"), r#"{"persons": []}"#).unwrap();
    let got = eval::load_gold(dir.path()).unwrap();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        ["a"],
        "id from the file name"
    );
    std::fs::write(dir.path().join("bad.json"), r#"{"persons": [{"nam": 1}]}"#).unwrap();
    let err = eval::load_gold(dir.path()).unwrap_err();
    assert!(format!("{err:#}").contains("bad.json"), "{err:#}");
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn gold_files_parse() {
    let gold = eval::load_gold(&manifest().join("tests/gold")).unwrap();
    assert!(!gold.is_empty());
}

#[test]
fn corpus_meets_quality_floors() {
    let (report, mismatches) = eval::run_eval(
        &[manifest().join("corpus")],
        &manifest().join("tests/gold"),
        &Default::default(),
    )
    .unwrap();
    println!("{report}");
    for m in &mismatches {
        println!("{m}");
    }
    assert!(report.documents_scored > 0);
    let floors = [
        ("person", 0.95),
        ("date", 0.95),
        ("person_title", 0.90),
        ("directive", 0.90),
        ("deadline", 0.90),
        ("attendee", 0.90),
    ];
    let failed: Vec<String> = floors
        .iter()
        .filter_map(|&(field, floor)| {
            let f1 = report.field(field).unwrap().f1;
            (f1 < floor).then(|| format!("{field}: F1 {f1:.3} < {floor}"))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "quality floors not met: {failed:?}\n{report}"
    );
}

#[test]
fn a_deadline_with_the_wrong_task_scores_its_date_only() {
    let mut doc = perfect_doc();
    for e in &mut doc.entities {
        if let Kind::Deadline { task, .. } = &mut e.kind {
            *task = "tổ chức hội nghị sơ kết".into();
        }
    }
    let (report, mismatches) = score(&doc);
    let d = report.field("deadline").unwrap();
    assert_eq!((d.tp, d.fp, d.fn_), (1, 0, 0));
    let t = report.field("deadline_task").unwrap();
    assert_eq!((t.tp, t.fp, t.fn_), (0, 1, 1));
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0].field, "deadline_task");
}

#[test]
fn a_task_holding_the_gold_words_matches() {
    let gold_text = r#"{"id": "d1", "deadlines": [
        {"due": "2021-06-30", "task": "xây dựng kế hoạch"}]}"#;
    let dl = |task: &str| Document {
        id: "d1".into(),
        entities: vec![ent(
            Kind::Deadline {
                due: Some("2021-06-30".into()),
                task: task.into(),
                responsible: None,
            },
            "xong trong quý II/2021",
            0,
        )],
        ..Document::default()
    };
    let tp = |task: &str| {
        let mut ev = Evaluator::new(gold(gold_text));
        ev.score(&dl(task));
        ev.report().field("deadline_task").unwrap().tp
    };
    // the guideline's `task` is read as well as `task_contains`
    assert_eq!(tp("khẩn trương xây dựng kế hoạch thực hiện"), 1);
    assert_eq!(tp("Xây dựng  kế hoạch"), 1);
    // trap: part of a word is no match, nor a one-word task
    assert_eq!(tp("xây dựng kế hoạchx"), 0);
    assert_eq!(tp("kế"), 0);
}

/// A gold deadline with `"due": null` (no calendar day) matches an
/// extracted deadline without one, and only that: a dated one is a miss
/// and a spurious date.
#[test]
fn a_deadline_without_a_day_is_keyed_null() {
    let gold_text = r#"{"id": "d1", "deadlines": [
        {"text": "trước ngày 31/7 của năm báo cáo", "due": null, "task": "gửi báo cáo giám sát"}]}"#;
    let dl = |due: Option<&str>| Document {
        id: "d1".into(),
        entities: vec![ent(
            Kind::Deadline {
                due: due.map(str::to_string),
                task: "gửi báo cáo giám sát tài chính".into(),
                responsible: None,
            },
            "trước ngày 31/7 của năm báo cáo",
            0,
        )],
        ..Document::default()
    };
    let counts = |due: Option<&str>| {
        let mut ev = Evaluator::new(gold(gold_text));
        ev.score(&dl(due));
        let r = ev.report();
        let (d, t) = (
            r.field("deadline").unwrap(),
            r.field("deadline_task").unwrap(),
        );
        ((d.tp, d.fp, d.fn_), (t.tp, t.fp, t.fn_))
    };
    assert_eq!(counts(None), ((1, 0, 0), (1, 0, 0)));
    assert_eq!(counts(Some("2017-07-30")), ((0, 1, 1), (0, 1, 1)));
}
