"""vntext: rule-based extraction and search over Vietnamese news and
government reports, from Python.

The same Rust code as the ``vntext`` command line: ``extract`` returns the
dict ``vntext extract --format json`` prints for a report, ``Index`` answers
as ``vntext search --format json`` and the listings do.

>>> import vntext
>>> doc = vntext.extract("Sáng 11/3, Tỉnh ủy Nghệ An tổ chức Hội nghị.", date="2021-03-11")
>>> [e["type"] for e in doc["entities"]][:3]  # doctest: +SKIP
['date', 'organization', 'location']
>>> docs = vntext.extract_many(["Văn bản một.", {"id": "b", "text": "Văn bản hai."}], threads=2)
>>> [d["id"] for d in docs]
['text:1', 'b']
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from . import _vntext
from ._vntext import InputError, QueryError, VntextError

__version__ = _vntext.__version__

__all__ = [
    "extract",
    "extract_many",
    "extract_files",
    "normalize",
    "Index",
    "Hits",
    "to_pandas",
    "VntextError",
    "InputError",
    "QueryError",
]

#: Items handed to the Rust side at once by ``extract_many``: enough to keep
#: every thread busy, few enough that a generator is consumed lazily.
BATCH = 512

_loads = json.loads


def extract(
    text: str,
    *,
    title: Optional[str] = None,
    date: Optional[str] = None,
    id: str = "text",
    source: Optional[str] = None,
    max_report_mb: int = 64,
) -> Dict[str, Any]:
    """Extract one report: the dict ``vntext extract --format json`` prints
    for a UTF-8 ``.txt`` file holding ``text`` (an optional ``Tiêu đề:`` /
    ``Ngày:`` header is taken, the first line is the title when it looks
    like one). ``title`` and ``date`` (ISO or D/M/YYYY; it anchors partial
    dates such as "ngày 11-3") override the header. ``id`` and ``source``
    stand for the file's id and path (default ``"text"``).

    Raises ``TypeError`` for anything but ``str`` (decode bytes first), and
    ``InputError`` (a ``ValueError``) with the CLI's message for an empty,
    binary or too large text, a lone surrogate, or a bad date.

    >>> doc = vntext.extract("UBND tỉnh giao Sở Y tế hoàn thành trước ngày 30/6/2021.")
    >>> sorted(doc)  # doctest: +NORMALIZE_WHITESPACE
    ['date', 'entities', 'events', 'id', 'sentences', 'source', 'text', 'title', 'warnings']
    """
    return _loads(
        _vntext.extract_json(
            text,
            title=title,
            date=date,
            id=id,
            source=source,
            max_report_mb=max_report_mb,
        )
    )


def extract_many(
    items: Iterable[Union[str, Dict[str, Any]]],
    threads: Optional[int] = None,
    *,
    id_prefix: str = "text",
    source_prefix: Optional[str] = None,
    on_error: str = "raise",
    max_report_mb: int = 64,
) -> List[Optional[Dict[str, Any]]]:
    """Extract many reports in parallel (rayon, the GIL released), in input
    order. The output does not depend on ``threads`` (default: one per core).

    Each item is a ``str`` (read as ``extract`` reads it) or a dict read as
    one JSON Lines record is by ``vntext extract``: ``text`` (or
    ``content``/``body``), optional ``id``, ``title``, ``date``,
    ``url``/``source``; other keys are kept in ``metadata``. Item N
    (1-based) without an id gets ``f"{id_prefix}:{N}"``, and
    ``f"{source_prefix}:{N}"`` as source unless it names one.

    ``on_error="raise"`` (default) raises ``InputError`` for the first item
    that cannot be read (empty, too large, no text, ...);
    ``on_error="none"`` puts ``None`` in its place and warns.

    >>> docs = vntext.extract_many(open_jsonl("feed.jsonl"), threads=4)  # doctest: +SKIP
    """
    if on_error not in ("raise", "none"):
        raise ValueError('on_error must be "raise" or "none"')
    if isinstance(items, (str, bytes, dict)):
        raise TypeError("extract_many takes an iterable of texts or dicts; use extract for one text")
    out: List[Optional[Dict[str, Any]]] = []
    raise_errors = on_error == "raise"
    pending = None

    def submit(chunk: list, start: int):
        return _vntext.submit_chunk(
            chunk,
            start=start,
            threads=threads,
            id_prefix=id_prefix,
            source_prefix=source_prefix,
            max_report_mb=max_report_mb,
            raise_errors=raise_errors,
        )

    def collect(pending) -> None:
        jsons, errors = pending.wait()
        for _index, location, reason, message in errors:
            warnings.warn(f"vntext: skipped {location}: {message} ({reason})", stacklevel=3)
        out.extend(None if j is None else _loads(j) for j in jsons)

    # Chunk k is extracted on the pool while this thread reads chunk k+1
    # and turns chunk k-1's JSON into dicts; order is kept.
    chunk: list = []
    start = 0
    for item in items:
        chunk.append(item)
        if len(chunk) >= BATCH:
            nxt = submit(chunk, start)
            if pending is not None:
                collect(pending)
            pending = nxt
            start += len(chunk)
            chunk = []
    if chunk:
        nxt = submit(chunk, start)
        if pending is not None:
            collect(pending)
        pending = nxt
    if pending is not None:
        collect(pending)
    return out


def extract_files(
    paths: Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]],
    threads: Optional[int] = None,
    *,
    encoding: Optional[str] = None,
    max_report_mb: int = 64,
    on_error: str = "warn",
) -> List[Dict[str, Any]]:
    """Read files and folders exactly as ``vntext extract PATHS`` does
    (``.txt`` in any supported encoding, ``.jsonl``, ``.jsonl.gz``; folders
    recursively, in name order) and return its documents. A file or line
    that cannot be read is skipped with a warning naming it
    (``on_error="warn"``), silently (``"ignore"``), or raises ``InputError``
    (``"raise"``) after the run.

    >>> docs = vntext.extract_files("corpus/")  # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if on_error not in ("warn", "ignore", "raise"):
        raise ValueError('on_error must be "warn", "ignore" or "raise"')
    jsons, skipped = _vntext.extract_files_json(
        [os.fspath(p) for p in paths],
        threads=threads,
        encoding=encoding,
        max_report_mb=max_report_mb,
    )
    if skipped:
        if on_error == "raise":
            location, reason, message = skipped[0]
            err = InputError(f"{location}: {message} ({reason})")
            err.location, err.reason, err.message = location, reason, message
            raise err
        if on_error == "warn":
            for location, reason, message in skipped:
                warnings.warn(f"vntext: skipped {location}: {message} ({reason})", stacklevel=2)
    return [_loads(j) for j in jsons]


def normalize(text: str) -> str:
    """The normalized text: NFC, one tone-mark convention (hoà → hòa),
    clean whitespace and punctuation. Idempotent.

    >>> vntext.normalize("Thanh  Hoá")
    'Thanh Hóa'
    """
    return _vntext.normalize(text)


class Hits(list):
    """The hits of a search, best first (a list of dicts, each as in
    ``vntext search --format json``); ``total`` counts every matching
    report, not only those returned."""

    total: int

    def __init__(self, hits: Iterable[Dict[str, Any]] = (), total: int = 0):
        super().__init__(hits)
        self.total = total

    def __repr__(self) -> str:
        return f"Hits(total={self.total}, {list.__repr__(self)})"


class Index:
    """An index built by ``vntext index``, opened read-only.

    >>> idx = vntext.Index("index/")  # doctest: +SKIP
    >>> hits = idx.search('person:"Nguyen Thanh Hai" date:2021', limit=5)  # doctest: +SKIP
    >>> hits.total, [h["id"] for h in hits]  # doctest: +SKIP
    >>> import pandas as pd; pd.DataFrame(idx.deadlines(to="2021-06-30"))  # doctest: +SKIP
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"] = "index", *, threads: Optional[int] = None):
        self.path = os.fspath(path)
        self._raw = _vntext.RawIndex(self.path, threads=threads)

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"Index({self.path!r}, reports={len(self)})"

    def search(self, q: str, limit: int = 10, offset: int = 0, sort: str = "relevance") -> Hits:
        """Hits for the query (same language as ``vntext search``: words
        with or without diacritics, "phrases", ``person:``, ``org:``,
        ``date:[2021-01-01 TO 2021-06-30]``, ``deadline:<2021-07-01``,
        OR/AND/NOT), best first (ties by id), skipping ``offset``. Each hit
        is the dict ``vntext search --format json`` prints. ``sort="date"``
        orders every match newest first (undated last, ties by id) before
        paging: it fetches all matches, so it costs more on a large answer.
        A bad query raises ``QueryError`` with the CLI's message and
        ``column``."""
        if sort not in ("relevance", "date"):
            raise ValueError(f'sort must be "relevance" or "date" (got {sort!r})')
        if limit < 0 or offset < 0:
            raise ValueError("limit and offset must be >= 0")
        text, note = self._raw.search_json(q, limit + offset)
        if note:
            warnings.warn(f"vntext: {note}", stacklevel=2)
        res = _loads(text)
        if sort == "date" and res["total"] > len(res["hits"]):
            # Newest first needs every match: the library ranks by score only.
            res = _loads(self._raw.search_json(q, res["total"])[0])
        hits = res["hits"]
        if sort == "date":
            # Newest first, undated last, ties by id.
            hits = sorted(hits, key=lambda h: h["id"])
            hits.sort(key=lambda h: h["date"] or "", reverse=True)
        return Hits(hits[offset : offset + limit], res["total"])

    def deadlines(self, from_: Optional[str] = None, to: Optional[str] = None, org: Optional[str] = None) -> List[Dict[str, Any]]:
        """Deadlines due in ``from_..to`` (YYYY, YYYY-MM, YYYY-MM-DD,
        D/M/YYYY) whose responsible body mentions ``org``, by due date: the
        rows of ``vntext deadlines --format json``. Deadlines without a
        calendar day (``due`` None, ``text`` as written) come last, and only
        when neither bound is given."""
        return _loads(self._raw.deadlines_json(from_, to, org))

    def attendees(self, event: Optional[str] = None, person: Optional[str] = None) -> List[Dict[str, Any]]:
        """People who attended events, per event: ``vntext attendees --format json``."""
        return _loads(self._raw.attendees_json(event, person))

    def people(self, title: Optional[str] = None) -> List[Dict[str, Any]]:
        """People with their titles and reports: ``vntext people --format json``."""
        return _loads(self._raw.people_json(title))

    def directives(self, cited_by: Optional[str] = None) -> List[Dict[str, Any]]:
        """Directives cited, one row each: ``vntext directives --format json``."""
        return _loads(self._raw.directives_json(cited_by))


_KINDS = ("entity", "deadline", "attendee")


def to_pandas(docs: Iterable[Dict[str, Any]], kind: str = "entity"):
    """A pandas DataFrame with one row per entity (``kind="entity"``: the
    report's ``doc_id``, ``doc_title``, ``doc_date``, then the entity's
    fields, type-specific ones as columns), per deadline (``"deadline"``:
    ``due``, None for a deadline without a calendar day, ``task``,
    ``responsible`` and the span) or per event attendee
    (``"attendee"``: the event's kind, name, date, organizer, the
    attendee's ``name`` and ``titles``). pandas is imported only here.

    >>> df = vntext.to_pandas(vntext.extract_files("corpus/"), kind="deadline")  # doctest: +SKIP
    >>> df[df.responsible.str.contains("UBND", na=False)]  # doctest: +SKIP
    """
    import pandas as pd

    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(_KINDS)} (got {kind!r})")
    rows = []
    for doc in docs:
        base = {"doc_id": doc.get("id"), "doc_title": doc.get("title"), "doc_date": doc.get("date")}
        if kind == "attendee":
            for ev in doc.get("events", ()):
                for a in ev.get("attendees", ()):
                    rows.append(
                        {
                            **base,
                            "event_kind": ev.get("kind"),
                            "event_name": ev.get("name"),
                            "event_date": ev.get("date"),
                            "organizer": ev.get("organizer"),
                            "chair": ev.get("chair"),
                            "name": a.get("name"),
                            "titles": list(a.get("titles", ())),
                        }
                    )
            continue
        for e in doc.get("entities", ()):
            if kind == "deadline" and e.get("type") != "deadline":
                continue
            rows.append({**base, **e})
    columns = {
        "entity": ["doc_id", "doc_title", "doc_date", "type", "text", "start", "end", "sentence", "rule"],
        "deadline": ["doc_id", "doc_title", "doc_date", "due", "task", "responsible", "text", "start", "end", "sentence", "rule"],
        "attendee": ["doc_id", "doc_title", "doc_date", "event_kind", "event_name", "event_date", "organizer", "chair", "name", "titles"],
    }[kind]
    df = pd.DataFrame(rows)
    for c in columns:
        if c not in df.columns:
            df[c] = pd.Series(dtype="object")
    rest = [c for c in df.columns if c not in columns]
    if kind == "deadline":
        rest = [c for c in rest if c != "type"]
    return df[columns + rest]
