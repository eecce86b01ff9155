//! The reader: formats, ids, metadata, and bad input that is named and
//! skipped while the rest is read.

use std::io::Write;
use std::path::{Path, PathBuf};
use vntext::pipeline::{self, Collect, Options, Stages};

fn run(paths: &[PathBuf]) -> (Collect, pipeline::Summary) {
    let mut sink = Collect::default();
    let opts = Options {
        stages: Stages::Normalize,
        ..Options::default()
    };
    let summary = pipeline::run(paths, &opts, &mut sink).expect("pipeline runs");
    (sink, summary)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn folder_is_read_recursively_in_name_order_with_ids_from_paths() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "Báo cáo B.".as_bytes());
    write(dir.path(), "a/c.txt", "Báo cáo C.".as_bytes());
    write(dir.path(), "a.txt", "Báo cáo A.".as_bytes());
    write(dir.path(), "notes.md", b"# not a report");
    write(dir.path(), ".hidden.txt", b"hidden");
    let (got, summary) = run(&[dir.path().to_path_buf()]);
    let ids: Vec<&str> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a/c", "a", "b"]);
    // Passed over, counted by kind: notes.md and .hidden.txt.
    assert_eq!(summary.ignored_files, 2);
    assert_eq!(summary.passed_over.get(".md"), Some(&1));
    assert_eq!(summary.passed_over.get("hidden"), Some(&1));
    assert_eq!(summary.skipped_total(), 0);
}

#[test]
fn txt_header_gives_title_date_and_source_and_is_removed_from_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "r.txt",
        "Tiêu đề: Hội nghị quán triệt\nNgày: 11/3/2021\nNguồn: https://example.vn/a\n\nSáng 11-3, Tỉnh ủy tổ chức Hội nghị.".as_bytes(),
    );
    let (got, _) = run(&[path]);
    let doc = &got.documents[0];
    assert_eq!(doc.title.as_deref(), Some("Hội nghị quán triệt"));
    assert_eq!(doc.date.as_deref(), Some("2021-03-11"));
    assert_eq!(doc.source, "https://example.vn/a");
    assert!(doc.metadata["path"].as_str().unwrap().ends_with("r.txt"));
    assert!(doc.text.starts_with("Sáng 11-3"));
}

#[test]
fn jsonl_records_keep_ids_metadata_and_name_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "x-1", "title": "Một", "date": "2021-03-09T08:00:00+07:00", "url": "https://e.vn/1", "text": "Nội dung một.", "author": "Minh"}"#,
        r#"{"title": "Hai", "text": "Nội dung hai."}"#,
        r#"{"text": "cut"#,
        r#"[1, 2]"#,
        r#"{"title": "no text"}"#,
        "",
        r#"{"id": 7, "text": "Nội dung bảy."}"#,
    ];
    let path = write(dir.path(), "feed.jsonl", lines.join("\n").as_bytes());
    let (got, summary) = run(&[path]);
    let ids: Vec<&str> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["x-1", "feed:2", "7"]);
    let first = &got.documents[0];
    assert_eq!(first.date.as_deref(), Some("2021-03-09"));
    assert_eq!(first.source, "https://e.vn/1");
    assert_eq!(first.metadata["author"], "Minh");
    let locations: Vec<&str> = got.skipped.iter().map(|e| e.location.as_str()).collect();
    assert!(locations[0].ends_with("feed.jsonl:3"), "{locations:?}");
    assert!(locations[1].ends_with("feed.jsonl:4"));
    assert!(locations[2].ends_with("feed.jsonl:5"));
    assert_eq!(summary.skipped.get("bad-json"), Some(&2));
    assert_eq!(summary.skipped.get("no-text"), Some(&1));
}

#[test]
fn gzipped_jsonl_is_streamed_and_a_truncated_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..200 {
        writeln!(
            gz,
            r#"{{"id": "g{i}", "text": "Báo cáo số {i} của Ủy ban nhân dân tỉnh."}}"#
        )
        .unwrap();
    }
    let bytes = gz.finish().unwrap();
    let good = write(dir.path(), "good.jsonl.gz", &bytes);
    let cut = write(dir.path(), "cut.jsonl.gz", &bytes[..bytes.len() / 2]);
    let (got, summary) = run(&[good, cut]);
    assert!(got.documents.len() >= 200, "the good archive is read whole");
    assert!(
        got.documents.len() < 400,
        "the cut one stops where it breaks"
    );
    assert_eq!(summary.skipped.get("bad-compression"), Some(&1));
    assert!(got.skipped[0].location.contains("cut.jsonl.gz"));
}

#[test]
fn bad_files_are_named_and_skipped_while_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "1-good.txt",
        "Tỉnh ủy Bắc Ninh tổ chức Hội nghị.".as_bytes(),
    );
    write(dir.path(), "2-empty.txt", b"  \n\n ");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    write(dir.path(), "3-binary.txt", &png);
    let mut invalid = "Ủy ban nhân dân tỉnh ".as_bytes().to_vec();
    invalid.extend([0xff, 0xfe, 0xfd]);
    invalid.extend(" họp ngày 9/3/2021.".as_bytes());
    write(dir.path(), "4-invalid.txt", &invalid);
    write(dir.path(), "5-good.txt", "Sở Y tế báo cáo.".as_bytes());
    let missing = dir.path().join("no-such-file.txt");
    let (got, summary) = run(&[dir.path().to_path_buf(), missing]);

    let ids: Vec<&str> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["1-good", "4-invalid", "5-good"]);
    let invalid_doc = &got.documents[1];
    assert!(
        !invalid_doc.warnings.is_empty(),
        "replaced bytes give a warning"
    );
    assert!(invalid_doc.text.contains("họp ngày 9/3/2021"));

    let named: Vec<String> = got.skipped.iter().map(|e| e.to_string()).collect();
    assert!(
        named
            .iter()
            .any(|e| e.contains("2-empty.txt") && e.contains("empty")),
        "{named:?}"
    );
    assert!(
        named
            .iter()
            .any(|e| e.contains("3-binary.txt") && e.contains("binary")),
        "{named:?}"
    );
    assert!(
        named.iter().any(|e| e.contains("no-such-file.txt")),
        "{named:?}"
    );
    assert_eq!(summary.skipped_total(), 3);
    assert_eq!(summary.documents, 3);
}

#[test]
fn cli_exit_code_says_when_something_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.txt", "Báo cáo.".as_bytes());
    let bin = env!("CARGO_BIN_EXE_vntext");
    let ok = std::process::Command::new(bin)
        .args(["normalize", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    write(dir.path(), "empty.txt", b"");
    let bad = std::process::Command::new(bin)
        .args(["normalize"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("SKIPPED 1"), "{stderr}");
}

#[test]
fn normalizing_twice_changes_nothing_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let src = write(
        dir.path(),
        "r.txt",
        "Uỷ ban  nhân dân\u{a0}tỉnh Thanh Hoá “quyết định” – ngày 9/3/2021…\r\n\r\n\r\nĐoạn hai."
            .as_bytes(),
    );
    let bin = env!("CARGO_BIN_EXE_vntext");
    let once = std::process::Command::new(bin)
        .args(["normalize", "-q"])
        .arg(&src)
        .output()
        .unwrap();
    assert!(once.status.success());
    let again_src = write(dir.path(), "again.txt", &once.stdout);
    let twice = std::process::Command::new(bin)
        .args(["normalize", "-q"])
        .arg(&again_src)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&once.stdout),
        String::from_utf8_lossy(&twice.stdout)
    );
    let text = String::from_utf8(once.stdout).unwrap();
    assert!(text.contains("Ủy ban nhân dân tỉnh Thanh Hóa"), "{text}");
    assert!(text.contains("\n\nĐoạn hai."), "{text:?}");
}

#[test]
fn extract_json_is_one_line_per_document_and_deterministic_across_threads() {
    let bin = env!("CARGO_BIN_EXE_vntext");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run = |threads: &str| {
        let out = std::process::Command::new(bin)
            .args(["extract", "-q", "--threads", threads])
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one, two, "output must not depend on the thread count");
    let text = String::from_utf8(one).unwrap();
    let docs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON document"))
        .collect();
    assert!(docs.len() >= 40, "the corpus holds at least 40 reports");
    for doc in &docs {
        let body = doc["text"].as_str().unwrap();
        for e in doc["entities"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &body[s..t],
                e["text"].as_str().unwrap(),
                "offsets point into the normalized text"
            );
            assert!(!e["rule"].as_str().unwrap().is_empty());
        }
    }
}
