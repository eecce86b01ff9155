"""The Spark job on a local[2] session gives the CLI's entities and writes
Parquet that pandas reads back."""

import os
import sys

import pytest

from conftest import ROOT, jsonl_records

pyspark = pytest.importorskip("pyspark") if not os.environ.get("VNTEXT_REQUIRE_SPARK") else __import__("pyspark")

from vntext import spark as vspark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("vntext-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield s
    s.stop()


def corpus_rows(cli_docs):
    """Every report of corpus/ as (id, text, title, date): the JSON Lines
    records as they are, the .txt reports (headers, legacy encodings) as the
    CLI read them (normalizing again changes nothing)."""
    rows, seen = [], set()
    for _, records in jsonl_records():
        rows += [(r["id"], r["text"], r.get("title"), r.get("date")) for r in records]
        seen.update(r["id"] for r in records)
    rows += [(d["id"], d["text"], d["title"], d["date"]) for d in cli_docs if d["id"] not in seen]
    return rows


def project(entity, fields):
    return {k: entity.get(k) for k in fields}


def test_extract_dataframe_equals_cli(spark, cli_docs, cli_by_id, tmp_path):
    rows = corpus_rows(cli_docs)
    df = spark.createDataFrame(rows, "id string, text string, title string, date string").repartition(2)
    docs = vspark.extract_dataframe(df)
    assert docs.rdd.getNumPartitions() == 2
    got = {r["id"]: r.asDict(recursive=True) for r in docs.collect()}
    assert sorted(got) == sorted(r[0] for r in rows)
    ent_fields = [f.name for f in vspark.ENTITY.fields]
    ev_fields = [f.name for f in vspark.EVENT.fields]
    for doc_id, row in got.items():
        cli = cli_by_id[doc_id]
        assert row["error"] is None
        assert row["text"] == cli["text"]
        assert (row["title"], row["date"]) == (cli["title"], cli["date"])
        assert row["entities"] == [project(e, ent_fields) for e in cli["entities"]], doc_id
        assert row["events"] == [project(e, ev_fields) for e in cli["events"]], doc_id
        assert row["sentences"] == cli["sentences"]

    dl = vspark.deadlines(docs).collect()
    want = sorted((d["id"], e["due"], e["task"]) for d in cli_by_id.values() if d["id"] in got for e in d["entities"] if e["type"] == "deadline")
    assert sorted((r["doc_id"], r["due"], r["task"]) for r in dl) == want
    assert vspark.entities(docs).count() == sum(len(cli_by_id[i]["entities"]) for i in got)
    n_att = sum(len(ev["attendees"]) for i in got for ev in cli_by_id[i]["events"])
    assert vspark.attendees(docs).count() == n_att > 0

    out = tmp_path / "docs.parquet"
    docs.write.parquet(str(out))
    pd = pytest.importorskip("pandas")
    back = pd.read_parquet(out)
    assert len(back) == len(rows)
    first = back.set_index("id").loc["feed-2023-001"]
    assert len(first["entities"]) == len(cli_by_id["feed-2023-001"]["entities"])
    assert list(first["entities"][0].keys())[:6] == ["type", "text", "start", "end", "sentence", "rule"]


def test_bad_rows_become_errors_not_failures(spark):
    df = spark.createDataFrame([("a", "Tỉnh ủy họp."), ("b", "   "), ("c", None)], "id string, text string")
    got = {r["id"]: r for r in vspark.extract_dataframe(df).collect()}
    assert got["a"]["error"] is None and got["a"]["text"] == "Tỉnh ủy họp."
    assert got["b"]["error"] == 'empty "text" (empty)'
    assert "no-text" in got["c"]["error"]
    with pytest.raises(ValueError, match="no column"):
        vspark.extract_dataframe(df, text_col="body")


def test_example_script_writes_parquet(spark, tmp_path):
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import spark_extract
    finally:
        sys.path.pop(0)
    out = tmp_path / "out"
    assert spark_extract.main([str(ROOT / "corpus" / "a-feed-2023.jsonl"), str(out)], spark=spark) == 0
    pd = pytest.importorskip("pandas")
    docs = pd.read_parquet(out / "docs")
    assert sorted(docs["id"]) == ["feed-2023-001", "feed-2023-002", "feed-2023-003"]
    dl = pd.read_parquet(out / "deadlines")
    assert set(dl.columns) >= {"doc_id", "due", "task", "responsible"}
