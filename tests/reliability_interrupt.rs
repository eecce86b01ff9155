//! Interrupted and concurrent runs: `vntext index` killed (SIGKILL) or
//! interrupted (SIGINT) at varying points, then rerun: every report is in the
//! index exactly once and searches work. A second run on the same index is
//! refused with a clear message; searches answer while a run writes.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vntext::search::{Engine, listing};

const REPORTS: usize = 2000;

fn vntext() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vntext"))
}

/// `files` JSON Lines files of `per` short reports each, ids `r{n}`.
fn archive(dir: &Path, files: usize, per: usize, prefix: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let places = ["Nghệ An", "Hà Tĩnh", "Quảng Bình", "Thanh Hóa"];
    for f in 0..files {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(dir.join(format!("f{f:02}.jsonl"))).unwrap(),
        );
        for k in 0..per {
            let n = f * per + k;
            let text = format!(
                "UBND tỉnh {} họp ngày {}/{}/2021 về báo cáo số {n}. Mã hồ sơ hs{n}x.",
                places[n % places.len()],
                n % 28 + 1,
                n % 12 + 1
            );
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": format!("{prefix}{n}"), "text": text})
            )
            .unwrap();
        }
    }
}

fn start(archive: &Path, index: &Path) -> Child {
    vntext()
        .args([
            "index",
            "--commit-every",
            "100",
            "--threads",
            "1",
            "--index",
        ])
        .arg(index)
        .arg(archive)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_for_index(index: &Path, deadline: Duration) {
    let t = Instant::now();
    while !index.join("meta.json").exists() && t.elapsed() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Ids in the index, asserting none is there twice.
fn ids_once(index: &Path) -> HashSet<String> {
    let engine = Engine::open(index).unwrap();
    let docs = listing::documents(&engine, None).unwrap();
    let ids: HashSet<String> = docs.iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), docs.len(), "an id is in the index twice");
    assert_eq!(engine.num_docs() as usize, docs.len());
    ids
}

#[test]
fn killed_and_interrupted_runs_resume_to_every_report_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (arc, idx) = (tmp.path().join("a"), tmp.path().join("idx"));
    archive(&arc, 10, REPORTS / 10, "r");
    let mut rounds = Vec::new();
    let mut seed = 0x9e3779b97f4a7c15u64;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = start(&arc, &idx);
        wait_for_index(&idx, Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(100 + seed % 1500));
        let sigint = round % 2 == 1;
        if sigint {
            let _ = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status();
        } else {
            let _ = child.kill();
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{err}");
        if sigint && out.status.code() == Some(130) {
            assert!(err.contains("interrupted: committed"), "{err}");
        }
        if sigint {
            assert!(
                matches!(out.status.code(), Some(0) | Some(130)),
                "SIGINT ends the run cleanly: {:?} {err}",
                out.status
            );
        }
        // Whatever happened, the index opens and holds each id at most once.
        let n = if idx.join("meta.json").exists() && idx.join("vntext-index.json").exists() {
            ids_once(&idx).len()
        } else {
            0
        };
        rounds.push((if sigint { "INT" } else { "KILL" }, n, out.status.code()));
    }
    let out = start(&arc, &idx).wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids = ids_once(&idx);
    assert_eq!(ids.len(), REPORTS, "rounds: {rounds:?}");
    for n in [0, 777, REPORTS - 1] {
        assert!(ids.contains(&format!("r{n}")));
    }
    let engine = Engine::open(&idx).unwrap();
    assert_eq!(engine.search("hs777x", 10).unwrap().total, 1);
    assert_eq!(
        engine.search("\"Quảng Bình\"", 1).unwrap().total,
        REPORTS / 4
    );
    eprintln!("kill/interrupt rounds (signal, docs in index after, exit): {rounds:?}");
}

#[test]
fn a_second_run_is_refused_and_searches_answer_during_a_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (arc, idx) = (tmp.path().join("a"), tmp.path().join("idx"));
    archive(&arc, 2, 50, "s");
    // A first, complete run gives a committed index to search.
    let out = start(&arc, &idx).wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A bigger archive makes the next run last.
    let big = tmp.path().join("b");
    archive(&big, 10, REPORTS / 10, "r");
    let mut child = vntext()
        .args([
            "index",
            "--commit-every",
            "100",
            "--threads",
            "1",
            "--index",
        ])
        .arg(&idx)
        .arg(&arc)
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let second = vntext()
        .args(["index", "--index"])
        .arg(&idx)
        .arg(&arc)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&second.stderr);
    let first_running = child.try_wait().unwrap().is_none();
    if first_running {
        assert_eq!(second.status.code(), Some(2), "{err}");
        assert!(err.contains("is locked by another run"), "{err}");
        // --rebuild is refused too, before touching any file.
        let rebuild = vntext()
            .args(["index", "--rebuild", "--index"])
            .arg(&idx)
            .arg(&arc)
            .output()
            .unwrap();
        assert_eq!(rebuild.status.code(), Some(2));
        // Searches answer from the last commit while the run writes.
        for _ in 0..5 {
            let s = vntext()
                .args(["search", "--format", "json", "--index"])
                .arg(&idx)
                .arg("\"Nghệ An\"")
                .output()
                .unwrap();
            assert_eq!(
                s.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&s.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&s.stdout).unwrap();
            assert!(v["total"].as_u64().unwrap() >= 25);
            std::thread::sleep(Duration::from_millis(100));
        }
    } else {
        eprintln!("the first run ended before the second started: lock not exercised");
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ids_once(&idx).len(), 100 + REPORTS);
    assert!(first_running, "the run was too short to test the lock");
}
