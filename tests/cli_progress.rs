//! Issue 15, point 9: `extract` and `index` show progress (bytes of the
//! total, files, reports, ETA) when stderr is a terminal and say nothing
//! of it when piped; `extract --context` shows the sentence each entity
//! came from.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_vntext");

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Run `args` with stderr on a pseudo-terminal (util-linux `script`), stdout
/// to a file; what the terminal showed. `None` when `script` is missing.
fn on_terminal(args: &str, dir: &Path) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` command to give the run a terminal");
        return None;
    }
    let out = dir.join("out");
    let term = dir.join("term");
    let st = Command::new("script")
        .arg("-qec")
        .arg(format!("'{BIN}' {args} > '{}'", out.display()))
        .arg(&term)
        .env("COLUMNS", "120")
        .status()
        .unwrap();
    assert!(st.success() || st.code() == Some(1), "{st:?}");
    Some(String::from_utf8_lossy(&std::fs::read(term).unwrap()).into_owned())
}

/// A folder of many copies of the sample reports, so the run is long enough
/// for the bar to be drawn more than once.
fn many_reports(dir: &Path) -> std::path::PathBuf {
    let folder = dir.join("reports");
    std::fs::create_dir(&folder).unwrap();
    for round in 0..6 {
        for entry in std::fs::read_dir(corpus()).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let name = format!("{round}-{}", p.file_name().unwrap().to_string_lossy());
                std::fs::copy(&p, folder.join(name)).unwrap();
            }
        }
    }
    folder
}

#[test]
fn extract_and_index_show_progress_on_a_terminal_only() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = many_reports(tmp.path());
    let files = std::fs::read_dir(&folder).unwrap().count();
    for args in [
        format!("extract '{}'", folder.display()),
        format!(
            "index '{}' --index '{}'",
            folder.display(),
            tmp.path().join("idx").display()
        ),
    ] {
        let Some(term) = on_terminal(&args, tmp.path()) else {
            return;
        };
        // The total is known from the start: bytes and files, then an ETA.
        assert!(term.contains("ETA"), "{args}: {term}");
        assert!(term.contains(&format!("/{files}, ")), "{args}: {term}");
        assert!(term.contains("iB/"), "{args}: {term}");
        // The summary still ends the run.
        assert!(
            term.contains("document(s)") || term.contains("index in"),
            "{term}"
        );

        // Piped: the summary only, no bar.
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("'{BIN}' {args} 2>&1 >/dev/null | cat"))
            .output()
            .unwrap();
        let piped = String::from_utf8_lossy(&out.stdout);
        assert!(!piped.contains("ETA"), "{piped}");
        assert!(
            !piped.contains('\r') && !piped.contains('\x1b'),
            "{piped:?}"
        );
    }
    // --quiet: nothing on the terminal either.
    let term = on_terminal(&format!("extract -q '{}'", folder.display()), tmp.path()).unwrap();
    assert!(!term.contains("ETA"), "{term}");
}

#[test]
fn extract_context_shows_each_entitys_sentence() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("r.txt");
    std::fs::write(
        &report,
        "Hội nghị giao ban quý II\n\nSáng 9/7, Sở Tài chính tổ chức hội nghị giao ban. \
         Ông Trần Văn Bình, Giám đốc Sở Tài chính, chủ trì hội nghị.\n",
    )
    .unwrap();
    let table = Command::new(BIN)
        .args(["extract", "-q", "--format", "table", "--context"])
        .arg(&report)
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    let person = lines
        .iter()
        .position(|l| l.trim_start().starts_with("person") && l.contains("Trần Văn Bình"))
        .unwrap_or_else(|| panic!("{table}"));
    assert_eq!(
        lines[person + 1].split('│').nth(1).map(str::trim),
        Some("Ông Trần Văn Bình, Giám đốc Sở Tài chính, chủ trì hội nghị."),
        "{table}"
    );
    // Without the flag: no context lines.
    let plain = Command::new(BIN)
        .args(["extract", "-q", "--format", "table"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains('│'));

    // JSON: a "context" field equal to the entity's sentence.
    let json = Command::new(BIN)
        .args(["extract", "-q", "--context"])
        .arg(&report)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let text = doc["text"].as_str().unwrap();
    let sentences = doc["sentences"].as_array().unwrap();
    let entities = doc["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        let s = &sentences[e["sentence"].as_u64().unwrap() as usize];
        let (a, b) = (
            s[0].as_u64().unwrap() as usize,
            s[1].as_u64().unwrap() as usize,
        );
        assert_eq!(e["context"].as_str(), Some(&text[a..b]), "{e}");
        assert!(
            e["context"]
                .as_str()
                .unwrap()
                .contains(e["text"].as_str().unwrap())
        );
    }
    let plain: serde_json::Value = serde_json::from_slice(
        &Command::new(BIN)
            .args(["extract", "-q"])
            .arg(&report)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(plain["entities"][0].get("context").is_none());
}
