"""`vntext.Index` answers as the CLI's `--format json` does."""

import json
import re

import pytest

import vntext

from conftest import run_cli

QUERIES = [
    "quyet dinh bo nhiem",
    "Chỉ thị 01-CT/TW",
    'person:"Nguyen Thanh Hai"',
    'org:"UBND" date:[2021-01-01 TO 2021-12-31]',
    "hội nghị OR đại hội",
    "date:2021",
    "deadline:<2022-01-01",
    "không có gì như thế này cả xyzzy",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("idx") / "index"
    run_cli("index", "corpus", "--index", d, "-q")
    return d


@pytest.fixture(scope="module")
def index(index_dir):
    return vntext.Index(index_dir)


def cli_json(*args):
    return json.loads(run_cli(*args).stdout)


@pytest.mark.parametrize("q", QUERIES)
def test_search_equals_cli(index, index_dir, q):
    for limit in (3, 10):
        cli = cli_json("search", q, "--index", index_dir, "--limit", limit, "--format", "json")
        hits = index.search(q, limit=limit)
        assert {"total": hits.total, "hits": list(hits)} == cli
    assert len(index) >= 40


def test_search_offset_pages_through_the_cli_answer(index, index_dir):
    q = "hội nghị OR đại hội"
    cli = cli_json("search", q, "--index", index_dir, "--limit", 9, "--format", "json")
    assert cli["total"] > 9
    pages = index.search(q, limit=3) + index.search(q, limit=3, offset=3) + index.search(q, limit=3, offset=6)
    assert pages == cli["hits"]
    with pytest.raises(ValueError):
        index.search(q, sort="alphabet")


def test_search_sorted_by_date(index, index_dir):
    q = "hội nghị OR đại hội"
    cli = cli_json("search", q, "--index", index_dir, "--limit", 1000, "--format", "json")
    want = sorted(cli["hits"], key=lambda h: h["id"])
    want.sort(key=lambda h: h["date"] or "", reverse=True)
    got = index.search(q, limit=1000, sort="date")
    assert got == want and got.total == cli["total"] == len(want)
    dates = [h["date"] for h in got if h["date"]]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 3
    assert index.search(q, limit=4, offset=2, sort="date") == want[2:6]


def test_bad_query_is_the_cli_message(index, index_dir):
    q = 'person:"Nguyen'
    proc = run_cli("search", q, "--index", index_dir, check=False)
    assert proc.returncode == 2
    with pytest.raises(vntext.QueryError) as e:
        index.search(q)
    assert proc.stderr.startswith("vntext: error: ")
    assert str(e.value) == proc.stderr[len("vntext: error: ") :].rstrip("\n")
    assert e.value.column >= 1
    assert isinstance(e.value, ValueError)


@pytest.mark.parametrize(
    "cmd, kwargs",
    [
        (["deadlines"], {}),
        (["deadlines", "--from", "2021-07", "--to", "2022-12-31"], {"from_": "2021-07", "to": "2022-12-31"}),
        (["deadlines", "--org", "UBND"], {"org": "UBND"}),
        (["people"], {}),
        (["people", "--title", "Bí thư"], {"title": "Bí thư"}),
        (["directives"], {}),
        (["directives", "--cited-by", "b-dak-lak-ky-hop-hdnd"], {"cited_by": "b-dak-lak-ky-hop-hdnd"}),
        (["attendees"], {}),
        (["attendees", "--event", "hội nghị"], {"event": "hội nghị"}),
    ],
)
def test_listings_equal_cli(index, index_dir, cmd, kwargs):
    cli = cli_json(*cmd, "--index", index_dir, "--format", "json")
    rows = getattr(index, cmd[0])(**kwargs)
    assert rows == cli
    if len(cmd) == 1:
        assert rows, cmd


def test_bad_listing_date(index):
    with pytest.raises(ValueError, match=re.escape("'soon' is not a date (YYYY, YYYY-MM, YYYY-MM-DD, D/M/YYYY)")):
        index.deadlines(to="soon")
