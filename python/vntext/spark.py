"""vntext on Apache Spark: batch extraction over a DataFrame of reports.

Extraction runs inside each partition (``mapInArrow``: Arrow record
batches in and out, no pandas round trip), calling the same Rust code as
``vntext.extract_many``, so every row is what ``vntext extract --format
json`` gives for that report. The result has a typed schema
(:data:`SCHEMA`): one row per report, its ``entities`` and ``events`` as
arrays of structs; :func:`entities`, :func:`deadlines` and
:func:`attendees` explode them.

>>> from vntext.spark import extract_dataframe, deadlines  # doctest: +SKIP
>>> docs = extract_dataframe(spark.read.json("archive/"), text_col="text")  # doctest: +SKIP
>>> deadlines(docs).where("responsible LIKE '%UBND%'").show()  # doctest: +SKIP

On a cluster every executor needs the package: install the wheel there
(``pip install vntext-*.whl``, or ``spark-submit --archives`` of a venv), see
the README's "At scale".
"""

from __future__ import annotations

import json
from typing import Iterator, Optional

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    LongType,
    StringType,
    StructField,
    StructType,
)

__all__ = ["SCHEMA", "ENTITY", "EVENT", "extract_dataframe", "entities", "deadlines", "attendees"]

_S = StringType()
_L = LongType()
_STRS = ArrayType(_S)

#: One entity: the common fields, then every type's own fields (null when
#: the entity's type has none of them), as in the JSON output contract.
ENTITY = StructType(
    [
        StructField("type", _S),
        StructField("text", _S),
        StructField("start", _L),
        StructField("end", _L),
        StructField("sentence", _L),
        StructField("rule", _S),
        # person
        StructField("name", _S),
        StructField("titles", _STRS),
        StructField("refers_to", _S),
        # title
        StructField("title", _S),
        StructField("organization", _S),
        # organization
        StructField("expanded", _S),
        # location
        StructField("level", _S),
        # directive
        StructField("doc_type", _S),
        StructField("number", _S),
        StructField("issuer", _S),
        StructField("issued", _S),
        StructField("key", _S),
        # date
        StructField("from", _S),
        StructField("to", _S),
        StructField("granularity", _S),
        # deadline
        StructField("due", _S),
        StructField("task", _S),
        StructField("responsible", _S),
    ]
)

ATTENDEE = StructType([StructField("name", _S), StructField("titles", _STRS)])

EVENT = StructType(
    [
        StructField("kind", _S),
        StructField("name", _S),
        StructField("date", _S),
        StructField("organizer", _S),
        StructField("chair", _S),
        StructField("attendees", ArrayType(ATTENDEE)),
        StructField("attendee_groups", _STRS),
        StructField("start", _L),
        StructField("end", _L),
        StructField("sentence", _L),
        StructField("rule", _S),
    ]
)

#: One row per input row. ``error`` is null, or why the row could not be
#: read (the CLI's message and reason, e.g. ``empty "text" (empty)``), and
#: then the other fields but ``id`` are null. ``metadata`` is the JSON of the
#: extra fields; ``sentences`` are ``[start, end]`` byte spans.
SCHEMA = StructType(
    [
        StructField("id", _S),
        StructField("title", _S),
        StructField("date", _S),
        StructField("source", _S),
        StructField("text", _S),
        StructField("metadata", _S),
        StructField("sentences", ArrayType(ArrayType(_L))),
        StructField("entities", ArrayType(ENTITY)),
        StructField("events", ArrayType(EVENT)),
        StructField("warnings", _STRS),
        StructField("error", _S),
    ]
)

_ENTITY_FIELDS = [f.name for f in ENTITY.fields]
_EVENT_FIELDS = [f.name for f in EVENT.fields]


def _row(doc: dict) -> dict:
    meta = doc.get("metadata")
    return {
        "id": doc["id"],
        "title": doc.get("title"),
        "date": doc.get("date"),
        "source": doc.get("source"),
        "text": doc.get("text"),
        "metadata": json.dumps(meta, ensure_ascii=False) if meta else None,
        "sentences": doc.get("sentences", []),
        "entities": [{k: e.get(k) for k in _ENTITY_FIELDS} for e in doc.get("entities", [])],
        "events": [{k: ev.get(k) for k in _EVENT_FIELDS} for ev in doc.get("events", [])],
        "warnings": doc.get("warnings", []),
        "error": None,
    }


def _partition_fn(text_col, id_col, title_col, date_col, threads, max_report_mb, keep_text, arrow_schema):
    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa
        from pyspark import TaskContext

        from . import _vntext

        ctx = TaskContext.get()
        part = ctx.partitionId() if ctx is not None else 0
        start = 0
        for batch in batches:
            cols = {
                "text": batch.column(text_col).to_pylist(),
                "id": batch.column(id_col).to_pylist() if id_col else None,
                "title": batch.column(title_col).to_pylist() if title_col else None,
                "date": batch.column(date_col).to_pylist() if date_col else None,
            }
            items = []
            for i, text in enumerate(cols["text"]):
                item = {"text": text}
                for key in ("id", "title", "date"):
                    values = cols[key]
                    if values is not None and values[i] is not None:
                        v = values[i]
                        item[key] = v if isinstance(v, (str, int)) else str(v)
                items.append(item)
            jsons, errors = _vntext.extract_chunk(
                items,
                start=start,
                threads=threads,
                id_prefix=f"part-{part}",
                max_report_mb=max_report_mb,
                raise_errors=False,
            )
            failed = {index - start: (location, reason, message) for index, location, reason, message in errors}
            rows = []
            for i, js in enumerate(jsons):
                if js is None:
                    location, reason, message = failed[i]
                    given = items[i].get("id")
                    rows.append(
                        {
                            "id": str(given) if given is not None else location,
                            "error": f"{message} ({reason})",
                        }
                    )
                    continue
                row = _row(json.loads(js))
                if not keep_text:
                    row["text"] = None
                rows.append(row)
            start += len(items)
            yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)

    return run


def _arrow_schema():
    import pyarrow as pa

    s, l = pa.string(), pa.int64()
    strs = pa.list_(s)
    entity = pa.struct([(f.name, strs if f.name == "titles" else (l if isinstance(f.dataType, LongType) else s)) for f in ENTITY.fields])
    attendee = pa.struct([("name", s), ("titles", strs)])
    event_types = {"attendees": pa.list_(attendee), "attendee_groups": strs, "start": l, "end": l, "sentence": l}
    event = pa.struct([(f.name, event_types.get(f.name, s)) for f in EVENT.fields])
    return pa.schema(
        [
            ("id", s),
            ("title", s),
            ("date", s),
            ("source", s),
            ("text", s),
            ("metadata", s),
            ("sentences", pa.list_(pa.list_(l))),
            ("entities", pa.list_(entity)),
            ("events", pa.list_(event)),
            ("warnings", strs),
            ("error", s),
        ]
    )


def extract_dataframe(
    df: DataFrame,
    text_col: str = "text",
    *,
    id_col: Optional[str] = "id",
    title_col: Optional[str] = "title",
    date_col: Optional[str] = "date",
    threads: Optional[int] = 1,
    max_report_mb: int = 64,
    keep_text: bool = True,
) -> DataFrame:
    """Extract every row's ``text_col`` as one report: a DataFrame with
    :data:`SCHEMA`, one row per input row, in the same order within each
    partition.

    ``id_col``, ``title_col`` and ``date_col`` name optional columns (the
    defaults are used only when the DataFrame has them); without an id a
    row gets ``part-P:N`` (partition P, row N in it). ``threads`` is the
    rayon threads per Spark task (default 1: Spark already runs one task
    per core). ``keep_text=False`` drops the normalized text (offsets still
    point into it) to keep the output small.
    """
    cols = set(df.columns)
    if text_col not in cols:
        raise ValueError(f"no column {text_col!r} (columns: {', '.join(df.columns)})")

    def pick(col, default):
        if col is None:
            return None
        if col not in cols:
            if col == default:
                return None
            raise ValueError(f"no column {col!r} (columns: {', '.join(df.columns)})")
        return col

    id_col, title_col, date_col = pick(id_col, "id"), pick(title_col, "title"), pick(date_col, "date")
    wanted = [c for c in dict.fromkeys([text_col, id_col, title_col, date_col]) if c]
    src = df.select(*[F.col(c).cast("string") if c != id_col else F.col(c) for c in wanted])
    fn = _partition_fn(text_col, id_col, title_col, date_col, threads, max_report_mb, keep_text, _arrow_schema())
    return src.mapInArrow(fn, SCHEMA)


def entities(docs: DataFrame) -> DataFrame:
    """One row per entity: ``doc_id``, ``doc_title``, ``doc_date``, then
    the entity's fields (:data:`ENTITY`)."""
    e = docs.select(
        F.col("id").alias("doc_id"),
        F.col("title").alias("doc_title"),
        F.col("date").alias("doc_date"),
        F.explode("entities").alias("e"),
    )
    return e.select("doc_id", "doc_title", "doc_date", *[F.col("e").getField(n).alias(n) for n in _ENTITY_FIELDS])


def deadlines(docs: DataFrame) -> DataFrame:
    """One row per deadline: ``doc_id``, ``doc_title``, ``doc_date``,
    ``due`` (ISO; null for a deadline without a calendar day), ``task``, ``responsible``, the mention's ``text`` and
    span, ``rule``."""
    return entities(docs).where(F.col("type") == "deadline").select(
        "doc_id", "doc_title", "doc_date", "due", "task", "responsible", "text", "start", "end", "sentence", "rule"
    )


def attendees(docs: DataFrame) -> DataFrame:
    """One row per event attendee: the report, the event (``event_kind``,
    ``event_name``, ``event_date``, ``organizer``, ``chair``) and the
    attendee's ``name`` and ``titles``."""
    ev = docs.select(
        F.col("id").alias("doc_id"),
        F.col("title").alias("doc_title"),
        F.col("date").alias("doc_date"),
        F.explode("events").alias("ev"),
    )
    at = ev.select("doc_id", "doc_title", "doc_date", "ev", F.explode("ev.attendees").alias("a"))
    return at.select(
        "doc_id",
        "doc_title",
        "doc_date",
        F.col("ev.kind").alias("event_kind"),
        F.col("ev.name").alias("event_name"),
        F.col("ev.date").alias("event_date"),
        F.col("ev.organizer").alias("organizer"),
        F.col("ev.chair").alias("chair"),
        F.col("a.name").alias("name"),
        F.col("a.titles").alias("titles"),
    )
