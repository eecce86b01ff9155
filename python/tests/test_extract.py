"""The package gives what `vntext extract --format json` gives."""

import warnings

import pytest

import vntext

from conftest import ROOT, jsonl_records, utf8_reports


def test_extract_equals_cli_on_every_utf8_report(cli_by_id):
    for stem, path, text in utf8_reports():
        assert vntext.extract(text, id=stem, source=path) == cli_by_id[stem], stem


def test_extract_title_and_date_override_the_header():
    text = "Tiêu đề: Tin cũ\nNgày: 2020-01-01\n\nNgày 11/3, Tỉnh ủy họp. Hạn chót ngày 30/6."
    doc = vntext.extract(text, title="Tin mới", date="15/3/2021")
    assert doc["title"] == "Tin mới"
    assert doc["date"] == "2021-03-15"
    assert doc["id"] == "text" and doc["source"] == "text"
    dates = [e for e in doc["entities"] if e["type"] == "date"]
    assert dates and dates[0]["from"].startswith("2021-03-11")


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_extract_many_dicts_equal_cli_jsonl(cli_by_id, threads):
    for path, records in jsonl_records():
        docs = vntext.extract_many(records, threads=threads, source_prefix=path)
        assert [d["id"] for d in docs] == [r["id"] for r in records]
        for doc in docs:
            assert doc == cli_by_id[doc["id"]], doc["id"]


@pytest.mark.parametrize("threads", [None, 1, 2, 4])
def test_extract_many_texts_equal_extract_and_cli(cli_by_id, threads):
    reports = utf8_reports()
    docs = vntext.extract_many((text for _, _, text in reports), threads=threads)
    assert len(docs) == len(reports)
    for n, ((stem, _, text), doc) in enumerate(zip(reports, docs), 1):
        assert doc == vntext.extract(text, id=f"text:{n}")
        cli = cli_by_id[stem]
        for key in ("title", "date", "text", "sentences", "entities", "events"):
            assert doc[key] == cli[key], (stem, key)


def test_extract_many_does_not_depend_on_threads_across_batches():
    reports = [text for _, _, text in utf8_reports()]
    items = (reports * (vntext.BATCH // len(reports) + 2))[: vntext.BATCH + 37]
    one = vntext.extract_many(items, threads=1)
    assert len(one) == vntext.BATCH + 37
    assert one[vntext.BATCH]["id"] == f"text:{vntext.BATCH + 1}"
    for threads in (2, 5):
        assert vntext.extract_many(items, threads=threads) == one


def test_extract_files_equals_cli_with_legacy_encodings(cli_docs, monkeypatch):
    # Ids and sources are relative to the folder named, as for the CLI.
    monkeypatch.chdir(ROOT)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for threads in (1, 2):
            assert vntext.extract_files("corpus", threads=threads) == cli_docs
    assert any("encoding guessed" in w for d in cli_docs for w in d["warnings"])


def test_normalize():
    assert vntext.normalize("Thanh  Hoá") == "Thanh Hóa"
    nfd = "Nghe\u0302\u0323 An"
    assert vntext.normalize(nfd) == "Nghệ An"
    s = vntext.normalize("Ủy ban  nhân dân tỉnh Khánh Hoà .")
    assert vntext.normalize(s) == s


def test_to_pandas_rows(cli_docs):
    pd = pytest.importorskip("pandas")
    ents = vntext.to_pandas(cli_docs)
    assert len(ents) == sum(len(d["entities"]) for d in cli_docs)
    assert list(ents.columns[:9]) == ["doc_id", "doc_title", "doc_date", "type", "text", "start", "end", "sentence", "rule"]
    dl = vntext.to_pandas(cli_docs, kind="deadline")
    want = [(d["id"], e["due"]) for d in cli_docs for e in d["entities"] if e["type"] == "deadline"]
    assert list(zip(dl.doc_id, dl.due)) == want
    assert "type" not in dl.columns
    ubnd = dl[dl.responsible.str.contains("UBND", na=False)]
    assert 0 < len(ubnd) < len(dl)
    att = vntext.to_pandas(cli_docs, kind="attendee")
    assert len(att) == sum(len(ev["attendees"]) for d in cli_docs for ev in d["events"])
    assert isinstance(att, pd.DataFrame)
    empty = vntext.to_pandas([], kind="deadline")
    assert len(empty) == 0 and "due" in empty.columns
    with pytest.raises(ValueError):
        vntext.to_pandas(cli_docs, kind="people")


def test_a_deadline_without_a_calendar_day_has_due_none():
    # a day with no year in a report with no date of its own, and a limit
    # counted from an event: the span, task and rule are given, due is None
    doc = vntext.extract(
        "Báo cáo tiến độ\n\nSở Tài chính rà soát dự toán, gửi UBND tỉnh trước ngày 12/9. "
        "Trong thời hạn 20 ngày kể từ ngày nhận hồ sơ, Sở Xây dựng phải trả lời."
    )
    dl = [e for e in doc["entities"] if e["type"] == "deadline"]
    assert [(e["due"], e["text"], e["rule"]) for e in dl] == [
        (None, "trước ngày 12/9", "deadline.no_year"),
        (None, "Trong thời hạn 20 ngày kể từ ngày nhận hồ sơ", "deadline.counted"),
    ]
    assert all(e["task"] for e in dl)
    # the report's date gives the day a year
    dated = vntext.extract("Sở Tài chính gửi UBND tỉnh dự toán trước ngày 12/9.", date="2023-08-01")
    assert [e["due"] for e in dated["entities"] if e["type"] == "deadline"] == ["2023-09-11"]
    pytest.importorskip("pandas")
    rows = vntext.to_pandas([doc], kind="deadline")
    assert rows.due.isna().all() and list(rows.text) == [e["text"] for e in dl]
