"""Type stubs of vntext (the package's public API)."""

import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

__version__: str
BATCH: int

Doc = Dict[str, Any]
"""A document as `vntext extract --format json` prints it: id, title, date,
source, text (normalized), metadata?, sentences, entities, events, warnings."""

class VntextError(ValueError): ...

class InputError(VntextError):
    reason: str
    """The CLI's skip reason: empty, binary, too-large, no-text, bad-json,
    invalid-unicode, bad-date."""
    location: str
    message: str

class QueryError(VntextError):
    column: int
    query: str

def extract(
    text: str,
    *,
    title: Optional[str] = None,
    date: Optional[str] = None,
    id: str = "text",
    source: Optional[str] = None,
    max_report_mb: int = 64,
) -> Doc: ...
def extract_many(
    items: Iterable[Union[str, Dict[str, Any]]],
    threads: Optional[int] = None,
    *,
    id_prefix: str = "text",
    source_prefix: Optional[str] = None,
    on_error: str = "raise",
    max_report_mb: int = 64,
) -> List[Optional[Doc]]: ...
def extract_files(
    paths: Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]],
    threads: Optional[int] = None,
    *,
    encoding: Optional[str] = None,
    max_report_mb: int = 64,
    on_error: str = "warn",
) -> List[Doc]: ...
def normalize(text: str) -> str: ...

class Hits(List[Dict[str, Any]]):
    total: int
    def __init__(self, hits: Iterable[Dict[str, Any]] = ..., total: int = ...) -> None: ...

class Index:
    path: str
    def __init__(self, path: Union[str, os.PathLike[str]] = "index", *, threads: Optional[int] = None) -> None: ...
    def __len__(self) -> int: ...
    def search(self, q: str, limit: int = 10, offset: int = 0, sort: str = "relevance") -> Hits: ...
    def deadlines(
        self, from_: Optional[str] = None, to: Optional[str] = None, org: Optional[str] = None
    ) -> List[Dict[str, Any]]: ...
    def attendees(self, event: Optional[str] = None, person: Optional[str] = None) -> List[Dict[str, Any]]: ...
    def people(self, title: Optional[str] = None) -> List[Dict[str, Any]]: ...
    def directives(self, cited_by: Optional[str] = None) -> List[Dict[str, Any]]: ...

def to_pandas(docs: Iterable[Doc], kind: str = "entity") -> Any:
    """A pandas.DataFrame (kind: "entity", "deadline" or "attendee")."""
