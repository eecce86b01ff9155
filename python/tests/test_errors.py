"""Bad input gives a clean Python exception with the CLI's message, never a
crash; the interpreter goes on."""

import json
import re
import warnings

import pytest

import vntext
from vntext import InputError

from conftest import run_cli


def cli_skip_message(tmp_path, name, content: bytes, *args):
    """The message `vntext extract` prints on stderr when it skips a file."""
    f = tmp_path / name
    f.write_bytes(content)
    proc = run_cli("extract", *args, f, check=False)
    assert proc.returncode == 1, proc.stderr
    m = re.search(r"vntext: skipped [^\n]*?: (.*) \(([a-z-]+)\)\n", proc.stderr)
    assert m, proc.stderr
    return m.group(1), m.group(2)


@pytest.mark.parametrize("bad", [b"Sang 11/3", bytearray(b"abc"), None, 42, ["text"]])
def test_non_str_is_a_type_error(bad):
    with pytest.raises(TypeError) as e:
        vntext.extract(bad)
    assert "must be str" in str(e.value)
    with pytest.raises(TypeError):
        vntext.normalize(bad)


def test_bytes_say_how_to_decode():
    with pytest.raises(TypeError, match="decode it first"):
        vntext.extract("Tỉnh ủy".encode("utf-8"))
    with pytest.raises(TypeError, match="decode it first"):
        vntext.extract_many(["ok", b"raw"])


def test_empty_text_is_the_cli_message(tmp_path):
    message, reason = cli_skip_message(tmp_path, "empty.txt", b"  \n\n ")
    for text in ("", "  \n\n "):
        with pytest.raises(InputError) as e:
            vntext.extract(text)
        assert (e.value.message, e.value.reason) == (message, reason) == ("empty file", "empty")
        assert isinstance(e.value, ValueError)


def test_binary_text_is_the_cli_message(tmp_path):
    data = "\x00\x01\x02binary\x00" * 50
    message, reason = cli_skip_message(tmp_path, "bin.txt", data.encode())
    with pytest.raises(InputError) as e:
        vntext.extract(data)
    assert (e.value.message, e.value.reason) == (message, reason)
    assert reason == "binary"


def test_huge_string_is_refused_with_the_cli_message(tmp_path):
    text = "Tỉnh ủy họp. " * 100_000  # 1.4 MB
    message, reason = cli_skip_message(tmp_path, "big.txt", text.encode(), "--max-report-mb", "1")
    with pytest.raises(InputError) as e:
        vntext.extract(text, max_report_mb=1)
    assert (e.value.message, e.value.reason) == (message, reason)
    assert reason == "too-large"
    huge = "a" * ((64 << 20) + 1)
    with pytest.raises(InputError, match="larger than the 64.0 MB cap"):
        vntext.extract(huge)
    with pytest.raises(InputError, match="too-large"):
        vntext.extract_many([{"text": huge}])
    del huge


def test_lone_surrogates_are_refused():
    for bad in ("Tỉnh \ud800 ủy", "\udfff", "abc\udcff"):
        with pytest.raises(InputError) as e:
            vntext.extract(bad)
        assert e.value.reason == "invalid-unicode"
        assert isinstance(e.value, UnicodeError) or isinstance(e.value, ValueError)
        with pytest.raises(InputError):
            vntext.extract_many(["ok", {"text": bad}])
        with pytest.raises(InputError):
            vntext.extract_many([{"text": "ok", "tags": [bad]}])
        with pytest.raises(InputError):
            vntext.normalize(bad)
        with pytest.raises(InputError):
            vntext.extract("ok", title=bad)


def test_record_errors_are_the_cli_messages(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a", "body": 3}\n{"id": "b", "text": "   "}\n{"id": "c", "text": "Tỉnh ủy họp."}\n', encoding="utf-8")
    proc = run_cli("extract", f, check=False)
    assert proc.returncode == 1
    cli = re.findall(r"feed\.jsonl:(\d): (.*) \(([a-z-]+)\)", proc.stderr)
    assert [c[2] for c in cli] == ["no-text", "empty"]
    items = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines()]
    for (line, message, reason), item in zip(cli, items):
        with pytest.raises(InputError) as e:
            vntext.extract_many([item], source_prefix="feed.jsonl")
        assert (e.value.message, e.value.reason) == (message, reason)
        assert e.value.location == "feed.jsonl:1"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = vntext.extract_many(items, on_error="none")
    assert [d and d["id"] for d in docs] == [None, None, "c"]
    assert len(caught) == 2 and "no-text" in str(caught[0].message)


def test_other_bad_arguments():
    with pytest.raises(InputError, match="is not a date") as e:
        vntext.extract("Tỉnh ủy họp.", date="hôm qua")
    assert e.value.reason == "bad-date"
    with pytest.raises(TypeError, match="not int"):
        vntext.extract_many([1])
    with pytest.raises(TypeError):
        vntext.extract_many("one text")
    with pytest.raises(TypeError, match="not JSON"):
        vntext.extract_many([{"text": "ok", "when": object()}])
    with pytest.raises(ValueError, match="at least 1"):
        vntext.extract_many(["ok"], threads=0)
    with pytest.raises(ValueError):
        vntext.extract_many(["ok"], on_error="ignore")
    with pytest.raises(vntext.VntextError):
        vntext.Index("/nonexistent/index")
    # Still alive and well after all that.
    assert vntext.extract("Tỉnh ủy Nghệ An họp.")["text"] == "Tỉnh ủy Nghệ An họp."
