"""Shared fixtures: the repository, the `vntext` CLI the package is
compared with, and the CLI's output on corpus/."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


def cli_path() -> Path:
    """The CLI binary: $VNTEXT_BIN, else the newest of target/{release,debug}/vntext."""
    env = os.environ.get("VNTEXT_BIN")
    if env:
        return Path(env)
    found = [p for p in (ROOT / "target/release/vntext", ROOT / "target/debug/vntext") if p.exists()]
    if not found:
        pytest.fail("no vntext binary: run `cargo build` (or set VNTEXT_BIN)")
    return max(found, key=lambda p: p.stat().st_mtime)


def run_cli(*args, check=True, input=None):
    """Run the CLI from the repository root; returns the CompletedProcess."""
    proc = subprocess.run(
        [str(cli_path()), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=input,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"vntext {' '.join(map(str, args))} failed ({proc.returncode}): {proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def cli_docs():
    """`vntext extract --format json corpus` as a list of dicts, in order."""
    out = run_cli("extract", "--format", "json", "-q", "corpus").stdout
    docs = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(docs) >= 40
    return docs


@pytest.fixture(scope="session")
def cli_by_id(cli_docs):
    return {d["id"]: d for d in cli_docs}


def utf8_reports():
    """(id, path as the CLI names it, text) of every UTF-8 .txt in corpus/."""
    out = []
    for p in sorted(CORPUS.glob("*.txt")):
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        out.append((p.stem, f"corpus/{p.name}", text))
    assert len(out) >= 30
    return out


def jsonl_records():
    """(file as the CLI names it, [dict per line]) of corpus/'s JSON Lines files."""
    import gzip

    out = []
    for p in sorted(CORPUS.iterdir()):
        if p.name.endswith(".jsonl"):
            raw = p.read_text(encoding="utf-8")
        elif p.name.endswith(".jsonl.gz"):
            raw = gzip.decompress(p.read_bytes()).decode("utf-8")
        else:
            continue
        lines = raw.split("\n")
        assert all(line.strip() for line in lines[:-1]), "blank lines would shift line numbers"
        out.append((f"corpus/{p.name}", [json.loads(line) for line in lines if line.strip()]))
    assert len(out) == 2
    return out
