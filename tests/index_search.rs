//! The index and search stages: analyzers, query language, incremental
//! indexing, batch search and listings. Most tests index documents built
//! here (entities set by hand) so they do not depend on extraction quality;
//! the end-to-end ones run the real pipeline and binary over a tempdir.

use std::path::Path;
use std::process::Command;
use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::model::{Attendee, Document, Entity, Event, Kind};
use vntext::normalize::normalize;
use vntext::pipeline::Sink;
use vntext::search::{Engine, SearchError, listing};

fn ent(kind: Kind, text: &str) -> Entity {
    Entity {
        kind,
        text: text.into(),
        start: 0,
        end: 0,
        sentence: 0,
        rule: "test.manual".into(),
    }
}

fn doc(id: &str, date: Option<&str>, title: &str, text: &str, entities: Vec<Entity>) -> Document {
    Document {
        id: id.into(),
        title: Some(normalize(title)),
        date: date.map(str::to_string),
        source: format!("{id}.txt"),
        text: normalize(text),
        entities,
        ..Default::default()
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
    )
}

fn directive(doc_type: &str, number: &str) -> Entity {
    ent(
        Kind::Directive {
            doc_type: doc_type.into(),
            number: Some(number.into()),
            issuer: Some("Bộ Chính trị".into()),
            issued: Some("2021-03-09".into()),
            name: None,
            key: format!(
                "{}:{}",
                vntext::normalize::search_key(doc_type),
                number.to_lowercase()
            ),
            refers_to: None,
        },
        &format!("{doc_type} {number}"),
    )
}

fn date(from: &str, to: &str) -> Entity {
    ent(
        Kind::Date {
            from: Some(from.into()),
            to: Some(to.into()),
            granularity: if from == to { "day" } else { "range" }.into(),
        },
        from,
    )
}

fn deadline(due: &str, task: &str, responsible: Option<&str>) -> Entity {
    ent(
        Kind::Deadline {
            due: Some(due.into()),
            task: task.into(),
            responsible: responsible.map(str::to_string),
        },
        task,
    )
}

fn org(name: &str, expanded: &str) -> Entity {
    ent(
        Kind::Organization {
            name: name.into(),
            expanded: expanded.into(),
        },
        name,
    )
}

fn location(name: &str) -> Entity {
    ent(
        Kind::Location {
            name: name.into(),
            level: "province".into(),
        },
        name,
    )
}

fn small() -> WriterOptions {
    WriterOptions {
        rebuild: false,
        memory_budget: 20 << 20,
        threads: 1,
        commit_every: 2,
    }
}

fn build(dir: &Path, docs: &[Document]) -> Engine {
    let mut sink = IndexSink::open(dir, small()).unwrap();
    for d in docs {
        sink.document(d).unwrap();
    }
    sink.close().unwrap();
    Engine::open(dir).unwrap()
}

/// Four reports in the genre, with hand-set entities.
fn corpus() -> Vec<Document> {
    vec![
        doc(
            "thai-nguyen",
            Some("2021-03-11"),
            "Tỉnh ủy Thái Nguyên quán triệt Chỉ thị 01-CT/TW",
            "Ngày 11/3/2021, Tỉnh ủy Thái Nguyên tổ chức Hội nghị quán triệt Chỉ thị số 01-CT/TW \
             của Bộ Chính trị. Đồng chí Nguyễn Thanh Hải, Bí thư Tỉnh ủy, chủ trì hội nghị. \
             Các cấp ủy hoàn thành xây dựng chương trình hành động xong trong quý II/2021.",
            vec![
                person("Nguyễn Thanh Hải", &["Bí thư Tỉnh ủy"]),
                directive("Chỉ thị", "01-CT/TW"),
                org("Tỉnh ủy Thái Nguyên", "Tỉnh ủy Thái Nguyên"),
                location("Thái Nguyên"),
                date("2021-03-11", "2021-03-11"),
                date("2021-04-01", "2021-06-30"),
                deadline(
                    "2021-06-30",
                    "xây dựng chương trình hành động",
                    Some("các cấp ủy"),
                ),
            ],
        ),
        doc(
            "bac-kan",
            Some("2021-05-20"),
            "Bắc Kạn triển khai Chỉ thị 01-CT/TW về trồng cây",
            "Ủy ban nhân dân tỉnh Bắc Kạn triển khai Chỉ thị 01-CT/TW về Tết trồng cây. \
             Ông Trần Văn Hai, Phó Chủ tịch UBND tỉnh, yêu cầu các huyện báo cáo trước ngày 15/8/2021.",
            vec![
                person("Trần Văn Hai", &["Phó Chủ tịch UBND tỉnh"]),
                directive("Chỉ thị", "01-CT/TW"),
                org("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
                location("Bắc Kạn"),
                deadline("2021-08-15", "báo cáo kết quả", Some("UBND các huyện")),
            ],
        ),
        doc(
            "ha-giang",
            Some("2020-11-02"),
            "Hà Giang: hội nghị về hòa giải ở cơ sở",
            "Hội nghị bàn về công tác hoà giải ở cơ sở. Uỷ ban nhân dân tỉnh Hà Giang giao Sở Tư pháp \
             hướng dẫn trong tháng 12/2020. Đồng chí Nguyễn Thanh Hải, Bí thư Tỉnh ủy, dự hội nghị.",
            vec![
                person(
                    "Nguyễn Thanh Hải",
                    &["Bí thư Tỉnh ủy", "Trưởng Đoàn đại biểu Quốc hội tỉnh"],
                ),
                org("Sở Tư pháp", "Sở Tư pháp"),
                location("Hà Giang"),
                date("2020-12-01", "2020-12-31"),
            ],
        ),
        doc(
            "nghi-quyet",
            Some("2021-02-01"),
            "Học tập nghị quyết",
            "Nghị quyết được quán triệt sâu rộng; các chi bộ tổ chức học tập nghị quyết, hai ngày liền.",
            vec![],
        ),
    ]
}

fn ids(engine: &Engine, q: &str) -> Vec<String> {
    engine
        .search(q, 20)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn diacritic_and_folded_queries_find_the_same_reports() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    let want = vec!["ha-giang".to_string(), "thai-nguyen".to_string()];
    for q in [
        "Nguyễn Thanh Hải",
        "nguyen thanh hai",
        "Nguyen Thanh Hai",
        "NGUYỄN THANH HẢI",
    ] {
        assert_eq!(sorted(ids(&e, q)), want, "{q}");
    }
    // đ → d.
    assert_eq!(ids(&e, "dong chi nguyen"), ids(&e, "Đồng chí Nguyễn"));
}

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(
        dir.path(),
        &[
            doc(
                "a",
                None,
                "x",
                "Ông Trần Văn Hai phát biểu tại hội nghị tỉnh.",
                vec![],
            ),
            doc(
                "b",
                None,
                "x",
                "Ông Trần Văn Hải phát biểu tại hội nghị tỉnh.",
                vec![],
            ),
        ],
    );
    assert_eq!(ids(&e, "Hải"), ["b", "a"]);
    assert_eq!(ids(&e, "Hai"), ["a", "b"]);
}

#[test]
fn tone_placement_variants_match() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    // The body says "hoà giải" and "Uỷ ban"; the title says "hòa giải".
    for q in [
        "hoà giải",
        "hòa giải",
        "\"Ủy ban nhân dân tỉnh Hà Giang\"",
        "\"Uỷ ban nhân dân tỉnh Hà Giang\"",
    ] {
        assert_eq!(ids(&e, q), ["ha-giang"], "{q}");
    }
}

#[test]
fn phrases_need_adjacent_syllables() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    // "học tập nghị quyết" is a phrase only in nghi-quyet.
    assert_eq!(ids(&e, "\"học tập nghị quyết\""), ["nghi-quyet"]);
    assert_eq!(ids(&e, "\"hoc tap nghi quyet\""), ["nghi-quyet"]);
    // Words in another order are not the phrase.
    assert!(ids(&e, "\"nghị quyết học tập\"").is_empty());
    assert_eq!(
        sorted(ids(&e, "\"hội nghị quán triệt\" OR \"hai ngày\"")),
        ["nghi-quyet", "thai-nguyen"]
    );
}

#[test]
fn directive_numbers_are_found_every_way() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    let want = vec!["bac-kan".to_string(), "thai-nguyen".to_string()];
    for q in [
        "chi thi 01-CT/TW",
        "Chỉ thị 01-CT/TW",
        "directive:\"01-CT/TW\"",
        "directive:01-ct/tw",
        "directive:\"chi thi 01-CT/TW\"",
        "01-CT/TW",
    ] {
        assert_eq!(sorted(ids(&e, q)), want, "{q}");
    }
    assert!(ids(&e, "directive:\"02-CT/TW\"").is_empty());
    // The matching entities come with the hit.
    let r = e.search("chi thi 01-CT/TW", 5).unwrap();
    for h in &r.hits {
        assert!(
            h.entities.iter().any(|x| x.kind.type_name() == "directive"),
            "{}: {:?}",
            h.id,
            h.entities
        );
        assert!(!h.highlights.is_empty());
        let (a, b) = h.highlights[0];
        assert!(
            ["Chỉ", "thị", "01", "CT", "TW"].contains(&&h.snippet[a..b]),
            "{}",
            &h.snippet[a..b]
        );
    }
}

#[test]
fn field_prefixes() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    assert_eq!(
        sorted(ids(&e, "person:\"Nguyen Thanh Hai\"")),
        ["ha-giang", "thai-nguyen"]
    );
    // Body mentions "Hai" in bac-kan, but as a person only Trần Văn Hai.
    assert_eq!(ids(&e, "person:\"Trần Văn Hai\""), ["bac-kan"]);
    assert_eq!(ids(&e, "org:\"Ủy ban nhân dân\""), ["bac-kan"]);
    assert_eq!(ids(&e, "org:ubnd"), ["bac-kan"]);
    assert_eq!(ids(&e, "location:\"ha giang\""), ["ha-giang"]);
    assert_eq!(ids(&e, "title:\"trong cay\""), ["bac-kan"]);
    // title: also covers people's titles; role: only those.
    assert_eq!(ids(&e, "role:\"Trưởng Đoàn\""), ["ha-giang"]);
    assert_eq!(
        sorted(ids(&e, "title:\"Bi thu Tinh uy\"")),
        ["ha-giang", "thai-nguyen"]
    );
    assert_eq!(
        ids(&e, "person:\"Nguyễn Thanh Hải\" NOT location:\"Hà Giang\""),
        ["thai-nguyen"]
    );
    assert_eq!(ids(&e, "id:bac-kan"), ["bac-kan"]);
    assert_eq!(sorted(ids(&e, "NOT person:hai")), ["nghi-quyet"]);
    let persons: Vec<String> = e.search("person:hai", 5).unwrap().hits[0]
        .entities
        .iter()
        .map(|x| x.text.clone())
        .collect();
    assert!(
        !persons.is_empty()
            && persons
                .iter()
                .all(|p| p.contains("Hai") || p.contains("Hải"))
    );
}

#[test]
fn date_and_deadline_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    // thai-nguyen mentions 2021-03-11 and quarter II; nghi-quyet's own date
    // is 2021-02-01; bac-kan's own date 2021-05-20.
    assert_eq!(
        sorted(ids(&e, "date:[2021-01-01 TO 2021-06-30]")),
        ["bac-kan", "nghi-quyet", "thai-nguyen"]
    );
    assert_eq!(ids(&e, "date:2020-12"), ["ha-giang"]);
    assert_eq!(sorted(ids(&e, "date:<2021-03")), ["ha-giang", "nghi-quyet"]);
    assert_eq!(ids(&e, "deadline:<2021-07-01"), ["thai-nguyen"]);
    assert_eq!(ids(&e, "deadline:>=2021-07-01"), ["bac-kan"]);
    assert_eq!(ids(&e, "deadline:{2021-06-30 TO *]"), ["bac-kan"]);
    assert_eq!(sorted(ids(&e, "deadline:2021")), ["bac-kan", "thai-nguyen"]);
    assert!(ids(&e, "deadline:2022").is_empty());
    // Far dates (beyond what tantivy's dates hold) do not panic.
    assert!(ids(&e, "date:9999 OR date:[1000 TO 1200-01]").is_empty());
    assert_eq!(ids(&e, "Chỉ thị deadline:<=30/6/2021"), ["thai-nguyen"]);
    let r = e.search("deadline:[2021-06-01 TO 2021-06-30]", 5).unwrap();
    assert_eq!(r.hits[0].entities.len(), 1);
    assert_eq!(r.hits[0].entities[0].kind.type_name(), "deadline");
}

#[test]
fn malformed_queries_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let e = build(dir.path(), &corpus());
    for (q, col) in [
        ("\"Chỉ thị 01", 1),
        ("Chỉ thị )", 9),
        ("(a OR b", 1),
        ("a OR", 3),
        ("date:[2021 TO]", 6),
        ("deadline:<31/2/2021", 11),
        ("persn:Hai", 1),
        ("NOT", 1),
    ] {
        match e.search(q, 5) {
            Err(SearchError::Query(err)) => {
                assert_eq!(err.column, col, "{q}: {err}");
                assert!(err.to_string().contains(&format!("column {col}")));
            }
            other => panic!("{q}: expected a query error, got {other:?}"),
        }
    }
    // Through the binary: exit status 2, the message on stderr, no panic.
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(["search", "date:[2021-13-01 TO 2021-12-31]", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("column 7") && !err.contains("panicked"),
        "{err}"
    );
}

fn vntext(args: &[&str], dir: &Path) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const REPORT_A: &str = "Tỉnh ủy Bắc Giang quán triệt Chỉ thị 01-CT/TW\n\nNgày 12/3/2021, Tỉnh ủy Bắc Giang tổ chức hội nghị quán triệt Chỉ thị số 01-CT/TW ngày 9/3/2021 của Bộ Chính trị về phong trào Tết trồng cây.\n";
const REPORT_B: &str = "Hội nghị giao ban quý I\n\nSáng 2/4/2021, UBND tỉnh Lạng Sơn tổ chức hội nghị giao ban công tác quý I năm 2021.\n";
const REPORT_C: &str = "Hội thảo về chuyển đổi số\n\nHội thảo về chuyển đổi số được tổ chức tại thành phố Hòa Bình ngày 20/5/2021.\n";

#[test]
fn incremental_indexing_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let corpus = root.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), REPORT_A).unwrap();
    std::fs::write(corpus.join("b.txt"), REPORT_B).unwrap();
    std::fs::write(corpus.join("c.txt"), REPORT_C).unwrap();
    std::fs::write(corpus.join("empty.txt"), "  \n").unwrap();

    let (_, err, code) = vntext(&["index", "--threads", "2"], root);
    assert_eq!(code, 1, "{err}"); // empty.txt skipped
    assert!(
        err.contains("indexed 3 new, 0 replaced, 0 unchanged"),
        "{err}"
    );
    assert!(err.contains("skipped 1: empty 1"), "{err}");
    assert!(root.join("index").join(vntext::index::META_FILE).is_file());

    std::fs::remove_file(corpus.join("empty.txt")).unwrap();
    let (_, err, code) = vntext(&["index"], root);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("indexed 0 new, 0 replaced, 3 unchanged (3 document(s) read, 3 in the index)"),
        "{err}"
    );

    // A changed report replaces its old version.
    std::fs::write(
        corpus.join("b.txt"),
        REPORT_B.replace("Lạng Sơn", "Cao Bằng"),
    )
    .unwrap();
    let (_, err, _) = vntext(&["index"], root);
    assert!(
        err.contains("indexed 0 new, 1 replaced, 2 unchanged (3 document(s) read, 3 in the index)"),
        "{err}"
    );
    let (out, _, _) = vntext(&["search", "Lạng Sơn"], root);
    assert!(out.starts_with("0 match"), "{out}");
    let (out, _, _) = vntext(&["search", "cao bang", "--format", "json"], root);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "b");

    // The free-text directive search works whatever extraction finds.
    for q in ["chi thi 01-CT/TW", "Chỉ thị 01-CT/TW"] {
        let (out, _, _) = vntext(&["search", q, "--format", "json"], root);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["total"], 1, "{q}");
        assert_eq!(v["hits"][0]["id"], "a", "{q}");
    }
    // Folded search over the pipeline's normalized text.
    let (out, _, _) = vntext(&["search", "hoa binh", "--format", "json"], root);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["hits"][0]["id"], "c");

    let (_, err, code) = vntext(&["index", "--rebuild"], root);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("indexed 3 new, 0 replaced, 0 unchanged"),
        "{err}"
    );
}

#[test]
fn a_version_change_asks_for_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    build(&idx, &corpus());
    let meta = idx.join(vntext::index::META_FILE);
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        text.replace("\"schema_version\": 1", "\"schema_version\": 0"),
    )
    .unwrap();
    let err = Engine::open(&idx)
        .err()
        .expect("stale index opened")
        .to_string();
    assert!(err.contains("--rebuild"), "{err}");
    assert!(IndexSink::open(&idx, small()).is_err());
    let sink = IndexSink::open(
        &idx,
        WriterOptions {
            rebuild: true,
            ..small()
        },
    )
    .unwrap();
    assert_eq!(sink.known(), 0);
    sink.close().unwrap();
    assert_eq!(Engine::open(&idx).unwrap().num_docs(), 0);
    // Search on a folder without an index says how to build one.
    let none = dir.path().join("none");
    let err = Engine::open(&none).err().unwrap().to_string();
    assert!(err.contains("vntext index"), "{err}");
}

#[test]
fn batch_search_is_identical_with_1_and_2_threads() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    build(&idx, &corpus());
    let words = [
        "Chỉ thị",
        "chi thi 01-CT/TW",
        "nguyen thanh hai",
        "\"hội nghị\"",
        "person:hai",
        "org:ubnd",
        "date:2021",
        "deadline:<2021-07-01",
        "hoà giải",
        "NOT nghị",
        "(a OR",
        "title:\"Bí thư\"",
        "location:\"Bắc Kạn\" OR location:\"Hà Giang\"",
        "tỉnh",
    ];
    let mut input = String::new();
    for i in 0..400 {
        let w = words[i % words.len()];
        match i % 5 {
            0 => {
                input += &format!(
                    "{{\"query\": {}, \"limit\": {}}}\n",
                    serde_json::json!(w),
                    1 + i % 3
                )
            }
            1 => input += &format!("{w} {}\n", words[(i * 7) % words.len()]),
            2 if i % 50 == 2 => input += "\n",
            _ => input += &format!("{w}\n"),
        }
    }
    let qfile = dir.path().join("q.txt");
    std::fs::write(&qfile, &input).unwrap();
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
            .args(["--threads", threads, "batch-search"])
            .arg(&qfile)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one, two);
    let lines: Vec<serde_json::Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        input.lines().filter(|l| !l.trim().is_empty()).count()
    );
    // Input order, errors in place, limits honoured.
    let mut last = 0;
    for l in &lines {
        let n = l["line"].as_u64().unwrap();
        assert!(n > last);
        last = n;
    }
    assert!(
        lines
            .iter()
            .any(|l| l["error"].as_str().is_some_and(|e| e.contains("column")))
    );
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 1);
    assert!(lines.iter().any(|l| l["total"].as_u64() == Some(2)));
}

#[test]
fn listings_aggregate_across_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = corpus();
    docs[0].events.push(Event {
        kind: "Hội nghị".into(),
        name: "Hội nghị quán triệt Chỉ thị 01-CT/TW".into(),
        date: Some("2021-03-11".into()),
        organizer: Some("Tỉnh ủy Thái Nguyên".into()),
        attendees: vec![
            Attendee {
                name: "Nguyễn Thanh Hải".into(),
                titles: vec!["Bí thư Tỉnh ủy".into()],
            },
            Attendee {
                name: "Trịnh Việt Hùng".into(),
                titles: vec!["Chủ tịch UBND tỉnh".into()],
            },
        ],
        ..Default::default()
    });
    let e = build(dir.path(), &docs);

    let people = listing::people(&e, None).unwrap();
    let hai = people
        .iter()
        .find(|p| p.name == "Nguyễn Thanh Hải")
        .unwrap();
    assert_eq!(
        people
            .iter()
            .filter(|p| p.name == "Nguyễn Thanh Hải")
            .count(),
        1
    );
    assert_eq!(hai.reports, ["ha-giang", "thai-nguyen"]);
    assert_eq!(hai.first.as_deref(), Some("2020-11-02"));
    assert_eq!(hai.last.as_deref(), Some("2021-03-11"));
    assert_eq!(
        hai.titles,
        ["Bí thư Tỉnh ủy", "Trưởng Đoàn đại biểu Quốc hội tỉnh"]
    );
    assert_eq!(people[0].name, "Nguyễn Thanh Hải"); // most reports first
    let chu_tich = listing::people(&e, Some("pho chu tich")).unwrap();
    assert_eq!(chu_tich.len(), 1);
    assert_eq!(chu_tich[0].name, "Trần Văn Hai");

    let dirs = listing::directives(&e, None).unwrap();
    assert_eq!(dirs.len(), 1);
    assert_eq!(dirs[0].number.as_deref(), Some("01-CT/TW"));
    assert_eq!(dirs[0].reports, ["bac-kan", "thai-nguyen"]);
    assert_eq!(dirs[0].first.as_deref(), Some("2021-03-11"));
    assert_eq!(dirs[0].last.as_deref(), Some("2021-05-20"));
    assert_eq!(
        listing::directives(&e, Some("bac-kan")).unwrap()[0].reports,
        ["bac-kan"]
    );
    assert!(
        listing::directives(&e, Some("location:\"ha giang\""))
            .unwrap()
            .is_empty()
    );

    let due: Vec<Option<String>> = listing::deadlines(&e, None, None, None)
        .unwrap()
        .into_iter()
        .map(|r| r.due)
        .collect();
    assert_eq!(
        due,
        [
            Some("2021-06-30".to_string()),
            Some("2021-08-15".to_string())
        ]
    );
    let to = vntext::search::query::parse_date_span("2021-06-30")
        .unwrap()
        .1;
    let rows = listing::deadlines(&e, None, Some(to), None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].report, "thai-nguyen");
    let rows = listing::deadlines(&e, None, None, Some("ubnd cac huyen")).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].due.as_deref(), Some("2021-08-15"));

    let att = listing::attendees(&e, Some("hoi nghi quan triet"), None).unwrap();
    assert_eq!(att.len(), 2);
    let att = listing::attendees(&e, None, Some("trinh viet hung")).unwrap();
    assert_eq!(att.len(), 1);
    assert_eq!(att[0].titles, ["Chủ tịch UBND tỉnh"]);
    assert!(
        listing::attendees(&e, Some("hội thảo"), None)
            .unwrap()
            .is_empty()
    );

    // CSV and JSON through the binary.
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
            .args(args)
            .arg("--index")
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run(&["deadlines", "--to", "2021-06-30", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("2021-06-30,"));
    let json = run(&["directives", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["reports"].as_array().unwrap().len(), 2);
    let table = run(&["people", "--title", "Bí thư"]);
    assert!(
        table.starts_with("NAME") && table.contains("Nguyễn Thanh Hải"),
        "{table}"
    );
}

/// Facet counts over an index of several segments equal a count made by
/// hand over the documents, for the top k and for every value when k is
/// large (the collector resolves per-segment candidates, then counts them
/// exactly in every segment).
#[test]
fn facets_over_several_segments_match_a_hand_count() {
    let dir = tempfile::tempdir().unwrap();
    // More names than the collector's per-segment candidates for k = 1..3.
    let given = ["An", "Bình", "Cường", "Dung", "Em", "Giang", "Hòa", "Khánh"];
    let names: Vec<String> = ["Nguyễn Văn", "Trần Thị", "Lê Minh"]
        .iter()
        .flat_map(|s| given.iter().map(move |g| format!("{s} {g}")))
        .collect();
    let mut docs = Vec::new();
    let mut expected: std::collections::BTreeMap<&str, u64> = Default::default();
    for i in 0..60usize {
        // A skewed, segment-dependent mix: early documents favour the last
        // names, late ones the first, so per-segment tops differ.
        let mut people = Vec::new();
        for (j, n) in names.iter().enumerate() {
            if (i * 7 + j * 3) % (j % 6 + 2) == 0 || (i < 30 && j >= 20) {
                people.push(person(n, &[]));
                *expected.entry(n).or_default() += 1;
            }
        }
        let text = format!("Báo cáo số {i} về công tác phòng chống thiên tai.");
        docs.push(doc(
            &format!("r{i:02}"),
            Some("2024-05-01"),
            "Báo cáo",
            &text,
            people,
        ));
    }
    let engine = build(dir.path(), &docs);
    assert!(
        engine.searcher.segment_readers().len() > 1,
        "the test needs several segments"
    );
    let mut want: Vec<(String, u64)> = expected.iter().map(|(n, c)| (n.to_string(), *c)).collect();
    want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for k in [1, 3, 50] {
        let page = engine.search_page("thiên tai", None, 0, 5, k).unwrap();
        assert_eq!(page.total, 60);
        let got: Vec<(String, u64)> = page
            .facets
            .people
            .iter()
            .map(|f| (f.value.clone(), f.count))
            .collect();
        let mut top = want.clone();
        top.truncate(k);
        assert_eq!(got, top, "k = {k}");
    }
}

#[test]
fn single_word_search_skipping_blocks_agrees_with_scoring_every_match() {
    // A single word takes tantivy's block-max path (top hits and count as
    // separate searches); with facets asked for, every match is scored in
    // one pass. Both must give the same total and the same hits.
    let dir = tempfile::tempdir().unwrap();
    let mut docs: Vec<Document> = (0..300usize)
        .map(|i| {
            let repeats = 1 + (i * 37) % 11;
            let body = format!(
                "{} Báo cáo số {i}. {}",
                "Phòng chống thiên tai. ".repeat(repeats),
                "Công tác khác trong tuần. ".repeat((i * 13) % 17),
            );
            doc(
                &format!("r{i:03}"),
                Some("2024-05-01"),
                "Báo cáo",
                &body,
                vec![],
            )
        })
        .collect();
    // Replacements leave deleted documents behind, which counts must skip.
    for i in 0..40usize {
        let body = format!("Báo cáo số {i} sửa lại: không còn nội dung cũ.");
        docs.push(doc(
            &format!("r{i:03}"),
            Some("2024-05-01"),
            "Báo cáo",
            &body,
            vec![],
        ));
    }
    let engine = build(dir.path(), &docs);
    assert!(engine.searcher.segment_readers().len() > 1);
    for q in ["thiên", "thien", "tai", "khác", "sửa"] {
        let fast = engine.search_page(q, None, 0, 10, 0).unwrap();
        let full = engine.search_page(q, None, 0, 10, 1).unwrap();
        let all = engine
            .matching(&vntext::search::query::parse(q).unwrap())
            .unwrap();
        assert_eq!(fast.total, all.len(), "{q}");
        assert_eq!(full.total, all.len(), "{q}");
        let hits = |p: &vntext::search::facets::Page| {
            p.hits
                .iter()
                .map(|h| (h.id.clone(), h.score))
                .collect::<Vec<_>>()
        };
        assert_eq!(hits(&fast), hits(&full), "{q}");
        assert_eq!(engine.search(q, 10).unwrap().total, all.len(), "{q}");
    }
    // Segments searched on two threads: the same answers.
    let two = Engine::open_with_threads(dir.path(), 2).unwrap();
    for q in [
        "thiên",
        "thiên tai",
        "\"phòng chống\"",
        "tai OR khác",
        "date:2024-05",
    ] {
        assert_eq!(
            two.search(q, 10).unwrap(),
            engine.search(q, 10).unwrap(),
            "{q}"
        );
        let (a, b) = (
            two.search_page(q, None, 5, 10, 3).unwrap(),
            engine.search_page(q, None, 5, 10, 3).unwrap(),
        );
        assert_eq!((a.total, &a.hits), (b.total, &b.hits), "{q}");
        assert_eq!(a.facets.years.len(), b.facets.years.len(), "{q}");
    }
}

/// A date without a known year (`from`/`to` null) goes through the index
/// whole: stored with the report, found by its text, matched by no date
/// filter, and no date query fails on it.
#[test]
fn dates_without_a_year_are_stored_and_never_match_a_date_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut d =
        vntext::pipeline::process_text("Sáng 2/3, đoàn kiểm tra làm việc tại xã Tân Lập.", None);
    d.id = "khong-nam".into();
    d.source = "khong-nam.txt".into();
    let yearless = |es: &[Entity]| {
        es.iter()
            .filter(|e| {
                matches!(
                    &e.kind,
                    Kind::Date {
                        from: None,
                        to: None,
                        ..
                    }
                )
            })
            .count()
    };
    assert_eq!(yearless(&d.entities), 1, "{:?}", d.entities);
    let e = build(dir.path(), &[d]);
    assert_eq!(ids(&e, "doan kiem tra"), ["khong-nam"]);
    assert!(ids(&e, "date:[1900-01-01 TO 2100-12-31]").is_empty());
    assert!(ids(&e, "date:2021-03-02").is_empty());
    let addr = e
        .matching(&vntext::search::query::parse("doan kiem tra").unwrap())
        .unwrap()[0];
    let stored = e.stored(addr).unwrap();
    assert_eq!(yearless(&stored.data.entities), 1);
}

/// A deadline with no calendar day (`due` null: a day without a year, a
/// limit counted from an event) goes through the index whole: stored with
/// the report, matched by no `deadline:` filter, listed (after the dated
/// ones, with its written form) only when the listing asks for no date
/// bound, and still found by its responsible body.
#[test]
fn deadlines_without_a_day_are_stored_listed_unbounded_and_never_match_a_date_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut undated = vntext::pipeline::process_text(
        "Sở Tài chính tổng hợp dự toán, gửi UBND tỉnh trước ngày 12/9. Trong thời hạn 20 ngày kể từ ngày nhận hồ sơ, Sở Xây dựng phải trả lời.",
        None,
    );
    undated.id = "khong-ngay".into();
    undated.source = "khong-ngay.txt".into();
    let mut dated = vntext::pipeline::process_text(
        "Sở Y tế gửi báo cáo trước ngày 15/8/2021.",
        Some("2021-08-01"),
    );
    dated.id = "co-ngay".into();
    dated.source = "co-ngay.txt".into();
    let dues = |d: &Document| {
        d.entities
            .iter()
            .filter_map(|e| match &e.kind {
                Kind::Deadline { due, .. } => Some(due.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(dues(&undated), [None, None], "{:?}", undated.entities);
    assert_eq!(dues(&dated), [Some("2021-08-14".to_string())]);
    let e = build(dir.path(), &[undated, dated]);

    assert_eq!(ids(&e, "deadline:[1900-01-01 TO 2100-12-31]"), ["co-ngay"]);
    assert_eq!(ids(&e, "deadline:<2100-01-01"), ["co-ngay"]);
    assert!(ids(&e, "deadline:2021-09-11").is_empty());
    assert_eq!(ids(&e, "tong hop du toan"), ["khong-ngay"]);
    let addr = e
        .matching(&vntext::search::query::parse("tong hop du toan").unwrap())
        .unwrap()[0];
    assert_eq!(
        dues(&Document {
            entities: e.stored(addr).unwrap().data.entities,
            ..Document::default()
        }),
        [None, None]
    );

    let rows = listing::deadlines(&e, None, None, None).unwrap();
    let got: Vec<(Option<&str>, &str, &str)> = rows
        .iter()
        .map(|r| (r.due.as_deref(), r.report.as_str(), r.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("2021-08-14"), "co-ngay", "trước ngày 15/8/2021"),
            (None, "khong-ngay", "trước ngày 12/9"),
            (
                None,
                "khong-ngay",
                "Trong thời hạn 20 ngày kể từ ngày nhận hồ sơ"
            ),
        ]
    );
    // the table shows the written form where there is no day
    use vntext::search::listing::Row;
    assert_eq!(rows[1].cells()[0], "— (trước ngày 12/9)");
    assert_eq!(rows[0].cells()[0], "2021-08-14");
    // any date bound leaves them out
    let to = vntext::search::query::parse_date_span("2100").unwrap().1;
    let from = vntext::search::query::parse_date_span("1900").unwrap().0;
    for (f, t) in [(Some(from), None), (None, Some(to)), (Some(from), Some(to))] {
        let rows = listing::deadlines(&e, f, t, None).unwrap();
        assert_eq!(rows.len(), 1, "{f:?}..{t:?}: {rows:?}");
        assert_eq!(rows[0].report, "co-ngay");
    }
    let rows = listing::deadlines(&e, None, None, Some("so tai chinh")).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].due, None);
}
