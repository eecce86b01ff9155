//! Issue 15, points 3 and 4, the way a user meets them on the command line:
//! files a folder walk passes over are counted by kind in the summary; a
//! mistyped path is an error before any index is created; `vntext … | head`
//! ends quietly.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_vntext");

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Run `args | head -c 200` in bash; the exit code of vntext and its stderr.
fn into_head(args: &str) -> (String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let err = tmp.path().join("err");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{BIN}' {args} 2>'{}' | head -c 200 >/dev/null; echo ${{PIPESTATUS[0]}}",
            err.display()
        ))
        .output()
        .unwrap();
    let code = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (code, std::fs::read_to_string(err).unwrap_or_default())
}

/// `corpus/` indexed into `dir/index` (quietly); the index's path.
fn index_corpus(dir: &Path) -> std::path::PathBuf {
    let index = dir.join("index");
    let st = Command::new(BIN)
        .arg("index")
        .arg(corpus())
        .arg("--index")
        .arg(&index)
        .arg("-q")
        .status()
        .unwrap();
    assert!(st.success());
    index
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let index = index_corpus(tmp.path());
    let corpus = corpus();
    let ix = index.display();
    for args in [
        format!("extract -q '{}'", corpus.display()),
        format!("extract -q --format table '{}'", corpus.display()),
        format!("normalize -q '{}'", corpus.display()),
        format!("search --index '{ix}' --limit 100 --format json hoi"),
        format!("search --index '{ix}' --limit 100 hoi"),
        format!("deadlines --index '{ix}'"),
        format!("people --index '{ix}' --format json"),
        format!("directives --index '{ix}' --format csv"),
    ] {
        let (code, err) = into_head(&args);
        assert_eq!(code, "0", "vntext {args}: exit {code}, stderr {err:?}");
        assert!(err.is_empty(), "vntext {args}: stderr {err:?}");
    }
}

#[test]
fn a_missing_path_is_an_error_before_any_index_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let out = Command::new(BIN)
        .arg("index")
        .arg(tmp.path().join("corpsu"))
        .arg("--index")
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("corpsu") && err.contains("no such file or folder"),
        "{err}"
    );
    assert!(!index.exists(), "an index was created for a mistyped path");
    // The same for extract.
    let out = Command::new(BIN)
        .arg("extract")
        .arg(tmp.path().join("corpsu"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn files_a_folder_walk_passes_over_are_counted_by_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Sở Y tế báo cáo kết quả.").unwrap();
    std::fs::write(dir.join("b.doc"), b"\xd0\xcf\x11\xe0 old word").unwrap();
    std::fs::write(dir.join("c.doc"), b"\xd0\xcf\x11\xe0 old word").unwrap();
    std::fs::write(dir.join("d.xlsx"), b"PK").unwrap();
    std::fs::write(dir.join("README"), b"notes").unwrap();
    std::fs::write(dir.join(".DS_Store"), b"x").unwrap();
    let out = Command::new(BIN).arg("extract").arg(&dir).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("1 document(s) from 1 file(s)"), "{err}");
    assert!(
        err.contains(
            "passed over 5 file(s) not read as reports: .doc 2, .xlsx 1, hidden 1, no extension 1"
        ),
        "{err}"
    );
    assert!(err.contains("save them as .docx"), "{err}");

    // `vntext index` says the same.
    let out = Command::new(BIN)
        .arg("index")
        .arg(&dir)
        .arg("--index")
        .arg(tmp.path().join("index"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("passed over 5 file(s)"), "{err}");
}

/// Issue 15, point 6: on a terminal (a pseudo-terminal from `script`) a
/// listing fits `COLUMNS`, long cells cut with "…"; piped, every record is
/// one whole line.
#[test]
fn listing_tables_fit_the_terminal_and_stay_whole_when_piped() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no `script` (util-linux) to give the command a terminal");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let index = index_corpus(tmp.path());
    for listing in ["deadlines", "people", "directives", "attendees"] {
        let out = Command::new("script")
            .arg("-qec")
            .arg(format!(
                "COLUMNS=60 '{BIN}' {listing} --index '{}'",
                index.display()
            ))
            .arg("/dev/null")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
        assert!(out.status.success(), "{listing}: {text}");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 2, "{listing}: {text}");
        for l in &lines {
            assert!(
                l.chars().count() <= 60,
                "{listing}: {} columns: {l}",
                l.chars().count()
            );
        }
        assert!(text.contains('…'), "{listing}: nothing cut in {text}");

        let piped = Command::new(BIN)
            .arg(listing)
            .arg("--index")
            .arg(&index)
            .env("COLUMNS", "60")
            .output()
            .unwrap();
        let text = String::from_utf8(piped.stdout).unwrap();
        let rows = text.lines().count() - 2;
        assert!(
            text.lines().last().unwrap() == format!("({rows} row(s))"),
            "{listing}: one record per line: {text}"
        );
        assert!(text.lines().any(|l| l.chars().count() > 60), "{listing}");
        // No cell cut by the table (an evidence sentence is cut to its cap
        // around the entity, in every format: taken out before looking).
        let json = Command::new(BIN)
            .args([listing, "--format", "json", "--index"])
            .arg(&index)
            .output()
            .unwrap();
        let rows: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let mut rest = text.clone();
        for r in rows.as_array().unwrap() {
            rest = rest.replace(r["evidence"]["sentence"].as_str().unwrap(), "");
        }
        assert!(!rest.contains('…'), "{listing}: cut when piped: {rest}");
    }
}

/// Issue 15, point 9: each subcommand's help lists only its own flags; CSV
/// for spreadsheets can start with a BOM.
#[test]
fn help_lists_only_the_flags_that_apply_and_csv_takes_a_bom() {
    let help = |cmd: &str| {
        let out = Command::new(BIN).args([cmd, "--help"]).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    for cmd in ["search", "deadlines", "people", "serve", "batch-search"] {
        let h = help(cmd);
        assert!(!h.contains("--encoding"), "{cmd} --help: {h}");
        assert!(!h.contains("--max-report-mb"), "{cmd} --help: {h}");
    }
    for cmd in ["extract", "index", "normalize"] {
        assert!(help(cmd).contains("--encoding"), "{cmd}");
    }
    assert!(help("deadlines").contains("--bom"));

    let tmp = tempfile::tempdir().unwrap();
    let index = index_corpus(tmp.path());
    let csv = |bom: bool| {
        let mut cmd = Command::new(BIN);
        cmd.args(["deadlines", "--format", "csv", "--index"])
            .arg(&index);
        if bom {
            cmd.arg("--bom");
        }
        cmd.output().unwrap().stdout
    };
    let with = csv(true);
    let without = csv(false);
    assert!(with.starts_with("\u{feff}due,".as_bytes()));
    assert!(without.starts_with(b"due,"));
    assert_eq!(&with[3..], &without[..]);
}
