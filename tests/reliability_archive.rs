//! The "done when": an archive of good reports seeded with 100 bad
//! inputs of the kinds in tests/reliability_inputs.rs indexes with exactly
//! those 100 in the `--errors` file and every good report searchable.
//! 9,900 + 100 runs in CI (~14 s in a debug build).

use std::io::Write;
use std::path::Path;
use std::process::Command;

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Writes `good` good reports and exactly 100 bad inputs; returns nothing,
/// the counts are the contract.
fn seeded_archive(dir: &Path, good: usize) {
    std::fs::create_dir_all(dir.join("bad")).unwrap();
    let text = |n: usize| {
        format!(
            "UBND tỉnh Nghệ An báo cáo số {n} ngày {}/{}/2021: baocaotot, đồng chí Nguyễn Văn An chủ trì.",
            n % 28 + 1,
            n % 12 + 1
        )
    };
    // Good reports: 90% in JSON Lines files, 10% as .txt files.
    let txt = good / 10;
    for n in 0..txt {
        std::fs::write(dir.join(format!("t{n:05}.txt")), text(n)).unwrap();
    }
    let mut bad_lines = 0;
    let per_file = 500;
    let mut n = txt;
    let mut file = 0;
    while n < good {
        let mut out = String::new();
        for _ in 0..per_file.min(good - n) {
            out += &format!(
                "{}\n",
                serde_json::json!({"id": format!("j{n}"), "text": text(n)})
            );
            n += 1;
            // Bad JSON Lines records among the good ones: 5 kinds x 10.
            if bad_lines < 50 && n % 31 == 0 {
                out += match bad_lines % 5 {
                    0 => "{\"text\": \"Ch\\ud800\"}\n".to_string(),
                    1 => "{\"text\": \"unterminated\n".to_string(),
                    2 => "{\"title\": \"no text\"}\n".to_string(),
                    3 => format!("{{\"text\": \"x\", \"m\": {}}}\n", "[".repeat(3000)),
                    _ => "not json at all\n".to_string(),
                }
                .as_str();
                bad_lines += 1;
            }
        }
        std::fs::write(dir.join(format!("feed{file:03}.jsonl")), out).unwrap();
        file += 1;
    }
    assert_eq!(bad_lines, 50, "archive too small for 50 bad lines");
    // 50 bad files: 5 kinds x 10 (empty, blank, binary, NUL, truncated gz),
    // one too-large and one symlink loop make it 10 kinds in all.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
    let full = gz(format!("{}\n", serde_json::json!({"text": "x".repeat(20000)})).as_bytes());
    for k in 0..9 {
        std::fs::write(dir.join(format!("bad/empty{k}.txt")), b"").unwrap();
        std::fs::write(dir.join(format!("bad/blank{k}.txt")), b" \n\t\n").unwrap();
        std::fs::write(dir.join(format!("bad/image{k}.txt")), &png).unwrap();
        std::fs::write(
            dir.join(format!("bad/nul{k}.txt")),
            b"B\xc3\xa1o c\xc3\xa1o\0\0\0\0 s\0\0",
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("bad/cut{k}.jsonl.gz")),
            &full[..full.len() / 3],
        )
        .unwrap();
    }
    // 4 too large (over a 1 MB cap) and 1 folder loop.
    let big = "Báo cáo tình hình. ".repeat(70_000);
    for k in 0..4 {
        std::fs::write(dir.join(format!("bad/big{k}.txt")), &big).unwrap();
    }
    std::fs::create_dir_all(dir.join("bad/loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.join("bad/loop/up")).unwrap();
}

fn check(good: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let arc = tmp.path().join("archive");
    seeded_archive(&arc, good);
    let errors = tmp.path().join("errors.jsonl");
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_vntext"))
        .args(["index", "--max-report-mb", "1", "--index"])
        .arg(tmp.path().join("idx"))
        .arg("--errors")
        .arg(&errors)
        .arg(&arc)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&errors)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut by_reason = std::collections::BTreeMap::new();
    for l in &lines {
        *by_reason
            .entry(l["reason"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    assert_eq!(lines.len(), 100, "{by_reason:?}");
    assert!(err.contains("skipped 100:"), "{err}");
    let engine = vntext::search::Engine::open(&tmp.path().join("idx")).unwrap();
    assert_eq!(engine.num_docs() as usize, good, "{err}");
    assert_eq!(engine.search("baocaotot", 1).unwrap().total, good);
    eprintln!(
        "{good} good + 100 bad indexed in {:.1}s; errors by reason: {by_reason:?}",
        started.elapsed().as_secs_f64()
    );
}

/// The figure, in CI: ~14 s in a debug build.
#[test]
fn archive_9900_plus_100_bad() {
    check(9900);
}
