//! The analyst listings as a user meets them (issue 15, points 7 and 10):
//! every row shows its evidence (the sentence, the words as written, why a
//! due date is not the day written), one document under two keys is one
//! row, and one name held by two people is two rows that say so. Reports
//! are our own, written in the genre; most tests index them with the real
//! binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use vntext::index::writer::{IndexSink, WriterOptions};
use vntext::model::{Document, Entity, Kind};
use vntext::pipeline::Sink;
use vntext::search::{Engine, listing};

const BIN: &str = env!("CARGO_BIN_EXE_vntext");

/// Write `reports` (file stem, text) into a folder and index it.
fn index(dir: &Path, reports: &[(&str, &str)]) -> PathBuf {
    let src = dir.join("reports");
    std::fs::create_dir_all(&src).unwrap();
    for (name, text) in reports {
        std::fs::write(src.join(format!("{name}.txt")), text).unwrap();
    }
    let idx = dir.join("index");
    let out = Command::new(BIN)
        .arg("index")
        .arg(&src)
        .arg("--index")
        .arg(&idx)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    idx
}

fn run(idx: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--index")
        .arg(idx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(idx: &Path, listing: &str) -> Vec<serde_json::Value> {
    let out = run(idx, &[listing, "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

const KHANH_HOA: &str = "\
Tiêu đề: Khánh Hòa đôn đốc kê khai tài sản
Ngày: 2023-03-10

Sáng 9/3, UBND tỉnh Khánh Hòa họp bàn việc kê khai tài sản năm 2023. \
Ông Lê Quang Vinh, Phó Chủ tịch UBND tỉnh Khánh Hòa chủ trì cuộc họp. \
Ông Lê Quang Vinh giao Sở Nội vụ tổng hợp danh sách người phải kê khai, gửi về UBND tỉnh trước ngày 31/3/2023. \
Thanh tra tỉnh phải hoàn thành việc xác minh chậm nhất ngày 20/4/2023.
";

#[test]
fn every_row_shows_its_sentence_the_words_written_and_why_the_day_differs() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = index(tmp.path(), &[("khanh-hoa", KHANH_HOA)]);
    let rows = json(&idx, "deadlines");
    let before = rows
        .iter()
        .find(|r| r["evidence"]["text"] == "trước ngày 31/3/2023")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert_eq!(before["due"], "2023-03-30");
    assert_eq!(before["due_note"], "ngày liền trước ngày 31/3/2023");
    let sentence = before["evidence"]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("Ông Lê Quang Vinh giao Sở Nội vụ")
            && sentence.ends_with("trước ngày 31/3/2023."),
        "{sentence}"
    );
    // The offsets point at the words in the report's text.
    let (s, e) = (
        before["evidence"]["start"].as_u64().unwrap() as usize,
        before["evidence"]["end"].as_u64().unwrap() as usize,
    );
    let engine = Engine::open(&idx).unwrap();
    let doc = listing::documents(&engine, None).unwrap().remove(0);
    assert_eq!(&doc.body[s..e], "trước ngày 31/3/2023");
    // The trap: a deadline due on the day written says nothing.
    let latest = rows
        .iter()
        .find(|r| r["due"] == "2023-04-20")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(latest["due_note"].is_null(), "{latest}");
    assert!(
        latest["evidence"]["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Thanh tra tỉnh phải hoàn thành")
    );

    // CSV: the evidence as columns, after the ones scripts already read.
    let csv = run(&idx, &["deadlines", "--format", "csv"]);
    assert!(
        csv.starts_with("due,task,responsible,report,report_date,written,due_note,sentence\n"),
        "{csv}"
    );
    assert!(csv.contains(",trước ngày 31/3/2023,ngày liền trước ngày 31/3/2023,"));

    // People and directives rest on a sentence too: a mention with a title.
    let people = json(&idx, "people");
    let vinh = people
        .iter()
        .find(|p| p["name"] == "Lê Quang Vinh")
        .unwrap();
    assert!(
        vinh["evidence"]["sentence"]
            .as_str()
            .unwrap()
            .contains("Phó Chủ tịch UBND tỉnh Khánh Hòa chủ trì"),
        "{vinh}"
    );
    assert!(vinh["note"].is_null());
    let table = run(&idx, &["people"]);
    assert!(
        table.lines().next().unwrap().contains("SENTENCE"),
        "{table}"
    );

    // A terminal too narrow for every column shows the leading ones and
    // names the others; a wide one shows the sentence.
    let term = |cols: usize| {
        let out = Command::new("script")
            .arg("-qec")
            .arg(format!(
                "COLUMNS={cols} '{BIN}' deadlines --index '{}'",
                idx.display()
            ))
            .arg("/dev/null")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).replace('\r', "")
    };
    let narrow = term(60);
    assert!(
        !narrow.lines().next().unwrap().contains("SENTENCE"),
        "{narrow}"
    );
    assert!(
        narrow.lines().last().unwrap().contains("hidden:") && narrow.contains("SENTENCE"),
        "{narrow}"
    );
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
    let wide = term(250);
    assert!(wide.lines().next().unwrap().ends_with("SENTENCE"), "{wide}");
    assert!(wide.contains("Thanh tra tỉnh phải hoàn thành"), "{wide}");
}

#[test]
fn evidence_is_found_in_an_index_without_sentence_spans() {
    // An index built before sentence spans were stored: the sentence is
    // found around the entity in the text.
    let tmp = tempfile::tempdir().unwrap();
    let text = "Mở đầu. Sở Y tế báo cáo trước ngày 5/6/2022. Kết thúc.";
    let at = text.find("trước").unwrap();
    let written = "trước ngày 5/6/2022";
    let date_at = text.find("5/6/2022").unwrap();
    let ents = vec![
        Entity {
            kind: Kind::Deadline {
                due: Some("2022-06-04".into()),
                task: "báo cáo".into(),
                responsible: Some("Sở Y tế".into()),
            },
            text: written.into(),
            start: at,
            end: at + written.len(),
            sentence: 7, // no such sentence
            rule: "test.manual".into(),
        },
        Entity {
            kind: Kind::Date {
                from: Some("2022-06-05".into()),
                to: Some("2022-06-05".into()),
                granularity: "day".into(),
            },
            text: "5/6/2022".into(),
            start: date_at,
            end: date_at + "5/6/2022".len(),
            sentence: 7,
            rule: "test.manual".into(),
        },
    ];
    let doc = Document {
        id: "cu".into(),
        source: "cu.txt".into(),
        text: text.into(),
        entities: ents,
        ..Default::default()
    };
    let opts = WriterOptions {
        rebuild: false,
        memory_budget: 20 << 20,
        threads: 1,
        commit_every: 10,
    };
    let mut sink = IndexSink::open(tmp.path(), opts).unwrap();
    sink.document(&doc).unwrap();
    sink.close().unwrap();
    let e = Engine::open(tmp.path()).unwrap();
    let rows = listing::deadlines(&e, None, None, None).unwrap();
    assert_eq!(
        rows[0].evidence.sentence,
        "Sở Y tế báo cáo trước ngày 5/6/2022."
    );
    assert_eq!(
        rows[0].due_note.as_deref(),
        Some("ngày liền trước ngày 5/6/2022")
    );
}

fn law_report(year: Option<&str>) -> String {
    let name = match year {
        Some(y) => format!("Luật Đất đai năm {y}"),
        None => "Luật Đất đai".to_string(),
    };
    format!(
        "Tiêu đề: Phổ biến pháp luật\nNgày: 2024-09-12\n\n\
         Sáng 11/9, Sở Tư pháp tổ chức hội nghị phổ biến {name} cho cán bộ địa chính các xã.\n"
    )
}

#[test]
fn one_law_under_a_short_and_a_full_key_is_one_row() {
    let tmp = tempfile::tempdir().unwrap();
    let full = law_report(Some("2024"));
    let short = law_report(None);
    let idx = index(tmp.path(), &[("a", &full), ("b", &short)]);
    let rows = json(&idx, "directives");
    let laws: Vec<_> = rows
        .iter()
        .filter(|r| r["key"].as_str().unwrap().starts_with("luat:dat-dai"))
        .collect();
    assert_eq!(laws.len(), 1, "{rows:#?}");
    assert_eq!(laws[0]["key"], "luat:dat-dai-2024");
    assert_eq!(laws[0]["aliases"], serde_json::json!(["luat:dat-dai"]));
    assert_eq!(laws[0]["reports"], serde_json::json!(["a", "b"]));
    assert_eq!(laws[0]["name"], "Luật Đất đai năm 2024");

    // The trap: two laws of that name in the archive, the short key could
    // be either: three rows, the short one saying so.
    let tmp = tempfile::tempdir().unwrap();
    let old = law_report(Some("2013"));
    let idx = index(tmp.path(), &[("a", &full), ("b", &short), ("c", &old)]);
    let rows = json(&idx, "directives");
    let short_row = rows.iter().find(|r| r["key"] == "luat:dat-dai").unwrap();
    assert_eq!(
        short_row["note"],
        "có thể là một trong: luat:dat-dai-2013, luat:dat-dai-2024"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r["key"].as_str().unwrap().starts_with("luat:dat-dai"))
            .count(),
        3
    );
}

fn directive(number: &str, key: &str) -> Entity {
    Entity {
        kind: Kind::Directive {
            doc_type: "Chỉ thị".into(),
            number: Some(number.into()),
            issuer: None,
            issued: None,
            name: None,
            key: key.into(),
            refers_to: None,
        },
        text: format!("Chỉ thị {number}"),
        start: 0,
        end: 0,
        sentence: 0,
        rule: "test.manual".into(),
    }
}

fn build(dir: &Path, docs: &[(&str, Vec<Entity>)]) -> Engine {
    let opts = WriterOptions {
        rebuild: false,
        memory_budget: 20 << 20,
        threads: 1,
        commit_every: 10,
    };
    let mut sink = IndexSink::open(dir, opts).unwrap();
    for (id, ents) in docs {
        sink.document(&Document {
            id: id.to_string(),
            source: format!("{id}.txt"),
            text: "Chỉ thị".into(),
            entities: ents.clone(),
            ..Default::default()
        })
        .unwrap();
    }
    sink.close().unwrap();
    Engine::open(dir).unwrap()
}

#[test]
fn a_number_and_its_symbol_are_one_row_unless_two_symbols_share_it() {
    let tmp = tempfile::tempdir().unwrap();
    let e = build(
        tmp.path(),
        &[
            ("a", vec![directive("05-CT/TW", "chi-thi:5-ct/tw")]),
            ("b", vec![directive("5", "chi-thi:5")]),
            ("c", vec![directive("50-CT/TW", "chi-thi:50-ct/tw")]),
        ],
    );
    let rows = listing::directives(&e, None).unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["chi-thi:5-ct/tw", "chi-thi:50-ct/tw"]);
    assert_eq!(rows[0].reports, ["a", "b"]);
    assert_eq!(rows[0].mentions, 2);
    assert_eq!(rows[0].aliases, ["chi-thi:5"]);
    assert_eq!(rows[0].number.as_deref(), Some("05-CT/TW"));

    let tmp = tempfile::tempdir().unwrap();
    let e = build(
        tmp.path(),
        &[
            ("a", vec![directive("05-CT/TW", "chi-thi:5-ct/tw")]),
            ("b", vec![directive("5", "chi-thi:5")]),
            ("c", vec![directive("05-CT/TU", "chi-thi:5-ct/tu")]),
        ],
    );
    let rows = listing::directives(&e, None).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.aliases.is_empty()));
}

fn person_report(title: &str, name: &str, role: &str) -> String {
    format!(
        "Tiêu đề: {title}\nNgày: 2023-05-04\n\n\
         Chiều 3/5, ông {name}, {role} làm việc với các sở, ngành về tiến độ giải ngân vốn đầu tư công.\n"
    )
}

#[test]
fn one_name_held_by_two_people_is_two_rows_that_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    let a = person_report(
        "Làm việc ở Bình Định",
        "Phạm Đức Minh",
        "Chủ tịch UBND tỉnh Bình Định",
    );
    let b = person_report(
        "Làm việc ở Sơn La",
        "Phạm Đức Minh",
        "Phó Bí thư Tỉnh ủy Sơn La",
    );
    let c = person_report("Làm việc", "Phạm Đức Minh", "Phó Chủ tịch");
    let idx = index(tmp.path(), &[("a", &a), ("b", &b), ("c", &c)]);
    let rows = json(&idx, "people");
    let minh: Vec<_> = rows
        .iter()
        .filter(|r| r["name"] == "Phạm Đức Minh")
        .collect();
    assert_eq!(minh.len(), 3, "{rows:#?}");
    let note = |report: &str| {
        minh.iter()
            .find(|r| r["reports"] == serde_json::json!([report]))
            .unwrap_or_else(|| panic!("{minh:#?}"))["note"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(note("a").ends_with("người này: Bình Định"), "{}", note("a"));
    assert!(note("b").ends_with("người này: Sơn La"), "{}", note("b"));
    // Titles naming nothing: not said which of the two.
    assert!(note("c").contains("không cho biết là ai"), "{}", note("c"));

    // A title naming the province by its level word alone ("UBND tỉnh") is
    // the report's province, when the report is clearly about one.
    let tmp = tempfile::tempdir().unwrap();
    let d = "Tiêu đề: Sơn La giải ngân vốn\nNgày: 2023-06-01\n\n\
             Chiều 31/5, tỉnh Sơn La họp về giải ngân vốn đầu tư công. Ông Phạm Đức Minh, \
             Phó Bí thư Tỉnh ủy yêu cầu các sở đẩy nhanh tiến độ các dự án trọng điểm của tỉnh Sơn La.\n";
    let idx = index(tmp.path(), &[("a", &a), ("b", &b), ("d", d)]);
    let rows = json(&idx, "people");
    let son_la = rows
        .iter()
        .find(|r| r["name"] == "Phạm Đức Minh" && r["reports"] == serde_json::json!(["b", "d"]))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        son_la["note"].as_str().unwrap().ends_with("Sơn La"),
        "{son_la}"
    );

    // The trap: one person whose title changes within one province, and a
    // report naming no place, is one row without a note.
    let tmp = tempfile::tempdir().unwrap();
    let b = person_report(
        "Làm việc ở Bình Định",
        "Phạm Đức Minh",
        "Phó Chủ tịch UBND tỉnh Bình Định",
    );
    let idx = index(tmp.path(), &[("a", &a), ("b", &b), ("c", &c)]);
    let rows = json(&idx, "people");
    let minh: Vec<_> = rows
        .iter()
        .filter(|r| r["name"] == "Phạm Đức Minh")
        .collect();
    assert_eq!(minh.len(), 1, "{rows:#?}");
    assert_eq!(minh[0]["reports"], serde_json::json!(["a", "b", "c"]));
    assert!(minh[0]["note"].is_null());
}
