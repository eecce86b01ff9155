//! Hostile queries: each gives a clear message or an answer, never a panic,
//! through the library and the CLI.

use std::process::Command;
use vntext::search::Engine;
use vntext::search::query::parse;

fn engine(dir: &std::path::Path) -> Engine {
    let arc = dir.join("a");
    std::fs::create_dir_all(&arc).unwrap();
    std::fs::write(
        arc.join("r.txt"),
        "UBND tỉnh Nghệ An họp ngày 15/3/2021 về Chỉ thị 01-CT/TW.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(["index", "-q", "--index"])
        .arg(dir.join("idx"))
        .arg(&arc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    Engine::open(&dir.join("idx")).unwrap()
}

#[test]
fn hostile_queries_answer_or_explain() {
    let tmp = tempfile::tempdir().unwrap();
    let e = engine(tmp.path());
    let huge = "Nghệ An ".repeat(100_000 / 8);
    // (query, must it be an error?)
    let cases: Vec<(String, Option<bool>)> = vec![
        ("".into(), Some(true)),
        ("   ".into(), Some(true)),
        ("((a)".into(), Some(true)),
        ("a)".into(), Some(true)),
        ("\"unclosed phrase".into(), None),
        ("person:".into(), None),
        ("AND OR NOT".into(), None),
        ("date:[2021-13-45 TO 2021-02-30]".into(), Some(true)),
        ("date:[2021-99 TO *]".into(), Some(true)),
        ("deadline:<31/02/2021".into(), Some(true)),
        ("date:{abc TO def}".into(), Some(true)),
        ("date:[2022 TO 2021]".into(), None),
        ("!!! ... ??? ,,, ;;; --- ***".into(), Some(true)),
        ("\u{0301}\u{0301}\u{200f}".into(), Some(true)),
        ("... AND (!!! OR -???)".into(), Some(true)),
        ("Nghệ ...".into(), Some(false)),
        ("và của là những các".into(), None),
        ("the and of".into(), None),
        ("nosuchfield:x".into(), None),
        ("\0\0\0".into(), None),
        (huge, None),
    ];
    for (q, must_fail) in &cases {
        let short: String = q.chars().take(40).collect();
        match e.search(q, 5) {
            Ok(r) => {
                assert_ne!(*must_fail, Some(true), "{short:?} should be refused");
                assert!(r.hits.len() <= 5);
            }
            Err(err) => {
                assert_ne!(*must_fail, Some(false), "{short:?}: {err}");
                let msg = err.to_string();
                assert!(msg.contains("bad query at column"), "{short:?}: {msg}");
            }
        }
    }
    // Punctuation only: refused, never "everything".
    let err = e.search("!!! ... ???", 5).unwrap_err().to_string();
    assert!(err.contains("nothing to search for"), "{err}");
    // Common words only: answered, with a note saying why so much matches.
    let node = parse("và của là").unwrap();
    assert!(node.common_words_note().is_some());
    assert!(parse("và Nghệ An").unwrap().common_words_note().is_none());
    assert!(
        parse("\"của các\" date:2021")
            .unwrap()
            .common_words_note()
            .is_none()
    );
    assert!(parse("date:[2021-02-30 TO 2021-03-01]").is_err());
}

#[test]
fn bad_queries_on_the_command_line_exit_2_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let _ = engine(tmp.path());
    for q in ["((a)", "date:[2021-13-01 TO 2021]", ""] {
        let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
            .args(["search", "--index"])
            .arg(tmp.path().join("idx"))
            .arg(q)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("bad query"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(["search", "--index"])
        .arg(tmp.path().join("idx"))
        .arg("và của")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("common word"));
}

/// 10,000 nested parentheses or NOTs are refused with a message, never a
/// stack overflow; nesting within the limit still parses.
#[test]
fn deeply_nested_queries_are_refused_not_a_stack_overflow() {
    let nested = format!("{}Nghệ{}", "(".repeat(10_000), ")".repeat(10_000));
    let nots = format!("{}a", "-".repeat(10_000));
    for q in [nested, "(".repeat(10_000), nots] {
        let err = parse(&q).expect_err("refused");
        assert!(err.to_string().contains("nested"), "{err}");
    }
    let fine = format!("{}Nghệ An{}", "(".repeat(20), ")".repeat(20));
    assert!(parse(&fine).is_ok());
    assert!(parse("NOT NOT Nghệ").is_ok());
}
