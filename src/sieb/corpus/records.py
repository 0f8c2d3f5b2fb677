"""The record model: what every reader yields and `process_record` consumes.

A `Record` is one input document (a WARC response, a WET conversion record, a JSONL line, a
Parquet row, a file) or, when the input could not be read, an error record that carries the
reason in `status`/`error_kind`/`error` and becomes an error row. Nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Outcome of one record, written to the `status` column."""

    OK = "ok"  # extracted (the text may still be empty: see page_type)
    SKIPPED = "skipped"  # not a document sieb handles (non-HTML, not HTTP, revisit...)
    ERROR = "error"  # unreadable input, too large, timeout, exception


@dataclass(slots=True)
class Record:
    """One input document. `content` is bytes for HTML (decoded later with `charset` as the
    declared encoding) and str or bytes for text. `offset` is the byte offset of a WARC record,
    the line number of a JSONL line, or the row number of a Parquet row."""

    record_id: str
    source: str
    offset: int
    url: str | None = None
    fetch_date: str | None = None  # ISO 8601, UTC when known
    content: bytes | str = b""
    content_type: str | None = None
    charset: str | None = None
    kind: str = "html"  # "html" | "text"
    size: int = 0  # input size in bytes (may exceed len(content) when the body was not read)
    status: Status = Status.OK
    error_kind: str | None = None
    error: str | None = None


def error_record(record_id: str, source: str, offset: int, error_kind: str, error: str, *,
                 status: Status = Status.ERROR, **fields: object) -> Record:
    """A record that carries a reader-level failure or skip reason instead of content."""
    return Record(record_id=record_id, source=source, offset=offset, status=status,
                  error_kind=error_kind, error=error, **fields)  # type: ignore[arg-type]
