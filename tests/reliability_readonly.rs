//! Issue 15, point 1: an archive on a read-only mount, a shared drive or a
//! backup. `cp -r index idx-ro; chmod -R a-w idx-ro`, then search, every
//! listing and `serve` work on it as another user, and indexing into it
//! fails naming the folder and the reason. The files of an index are
//! readable by the colleagues its folder lets in (no 0600 `.managed.json`).
//!
//! Permissions do not bind root, so as root the commands run as `nobody`
//! (through `runuser`, as the issue's reproduction does); without `runuser`
//! the test says so and stops.

#[path = "browser/support.rs"]
mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{BIN, REFERENCE_ID, Server, indexed};

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The binary, run as a user the index's permissions bind.
fn as_reader() -> Option<Command> {
    if !is_root() {
        return Some(Command::new(BIN));
    }
    let ok = Command::new("runuser")
        .args(["-u", "nobody", "--", BIN, "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        return None;
    }
    let mut cmd = Command::new("runuser");
    cmd.args(["-u", "nobody", "--", BIN]);
    Some(cmd)
}

fn run(args: &[&str], index: &Path) -> Output {
    let mut cmd = as_reader().unwrap();
    cmd.args(args).arg("--index").arg(index);
    cmd.output().unwrap()
}

fn set_mode_recursive(path: &Path, dirs: u32, files: u32) {
    let mode = if path.is_dir() { dirs } else { files };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            set_mode_recursive(&e.unwrap().path(), dirs, files);
        }
    }
}

fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out: Vec<_> = walkdir_files(dir);
    out.sort();
    out
}

fn walkdir_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir_files(&p));
        } else {
            let len = p.metadata().unwrap().len();
            out.push((p, len));
        }
    }
    out
}

fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_read_only_index_is_searched_listed_and_served_and_refuses_writes() {
    if as_reader().is_none() {
        eprintln!(
            "SKIPPED: running as root without a working `runuser -u nobody`, \
             so folder permissions cannot be made to bind"
        );
        return;
    }
    let (tmp, index) = indexed();
    // Let other users through the temporary folder, as a shared drive does.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();

    // Every file of a fresh index is readable by others (the umask's 0644),
    // tantivy's atomically replaced ones included.
    for (file, _) in listing(&index) {
        let mode = file.metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{} has mode {mode:o}", file.display());
    }

    // cp -r index idx-ro; chmod -R a-w idx-ro
    let ro = tmp.path().join("idx-ro");
    let cp = Command::new("cp").arg("-r").arg(&index).arg(&ro).status();
    assert!(cp.unwrap().success());
    set_mode_recursive(&ro, 0o555, 0o444);
    let before = listing(&ro);

    let out = run(&["search", "chuyen doi so Ha Giang"], &ro);
    let text = ok(&out, "search");
    assert!(text.contains(REFERENCE_ID), "{text}");
    let out = run(&["deadlines", "--format", "csv"], &ro);
    assert!(ok(&out, "deadlines").contains("2022-09-30"));
    for listing_cmd in ["people", "directives", "attendees"] {
        let out = run(&[listing_cmd, "--format", "json"], &ro);
        let v: serde_json::Value = serde_json::from_str(&ok(&out, listing_cmd)).unwrap();
        assert!(
            v.as_array().is_some_and(|a| !a.is_empty()),
            "{listing_cmd}: {v}"
        );
    }
    let out = run(&["batch-search", "-"], &ro);
    ok(&out, "batch-search");

    let srv = Server::start_with(as_reader().unwrap(), &ro);
    let r = srv.get("/api/search?q=chuyen+doi+so");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["hits"][0]["id"], REFERENCE_ID);
    let r = srv.get("/api/deadlines");
    assert_eq!(r.status, 200, "{}", r.text());
    drop(srv);

    // Writing fails, naming the folder and the reason.
    let mut cmd = as_reader().unwrap();
    let out = cmd
        .arg("index")
        .arg(support::repo().join("corpus"))
        .arg("--index")
        .arg(&ro)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&ro.display().to_string()) && err.contains("ermission denied"),
        "{err}"
    );
    assert!(err.contains("read-only"), "{err}");

    // Nothing in the folder was created or changed by any of it.
    assert_eq!(listing(&ro), before);
    set_mode_recursive(&ro, 0o755, 0o644);
}
