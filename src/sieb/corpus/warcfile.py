"""WARC reading (fastwarc) and a small deterministic WARC/1.1 writer for samples and benchmarks.

Reading: response and resource records are documents, WET `conversion` records are text
documents; `revisit` records become skipped rows. `warcinfo`, `request` and `metadata` records
describe other records and are counted, not turned into rows. A reader error (a truncated gzip
member, a malformed header) ends the file with one error row naming the file and byte offset.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sieb.corpus.records import Record, Status, error_record
from sieb.decode import charset_from_content_type

# WARC types that are documents (one row each) and those that only describe other records.
_DOC_TYPES = ("response", "resource", "conversion", "revisit")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
# Bytes read (and inflated) at a time when checking the end of a gzipped file.
_TAIL_CHUNK = 1 << 20


@dataclass(slots=True)
class WarcStats:
    """Records a reader saw but did not turn into rows, by WARC type."""

    ignored: dict[str, int] = field(default_factory=dict)


def _doc_mask():
    from fastwarc.warc import WarcRecordType as T

    return T.response | T.resource | T.conversion | T.revisit


def index_warc(path: str, records_per_unit: int) -> list[int]:
    """Byte offsets at which each run of `records_per_unit` document records starts."""
    return list(iter_warc_starts(path, records_per_unit))


def iter_warc_starts(path: str, records_per_unit: int) -> Iterator[int]:
    """`index_warc` as it reads: each offset is yielded as soon as it is found.

    The first offset is always 0. Splitting only works when records are separately
    compressed (the WARC norm); for a file compressed as one stream only 0 is yielded.
    A reader error ends the index: the last unit reads on and reports it.
    """
    from fastwarc.warc import ArchiveIterator

    yield 0
    count = 0
    last = -1
    found = 0
    try:
        with open(path, "rb") as stream:
            for rec in ArchiveIterator(stream, record_types=_doc_mask(), parse_http=False):
                pos = rec.stream_pos
                if count and count % records_per_unit == 0 and pos > last:
                    if not found and not _seekable_member(path, pos):
                        return
                    found += 1
                    yield pos
                last = pos
                count += 1
    except OSError:
        return


def _seekable_member(path: str, offset: int) -> bool:
    """True if `offset` starts a gzip member (or the file is not gzipped)."""
    with open(path, "rb") as f:
        magic = f.read(2)
        if magic != b"\x1f\x8b":
            return True
        f.seek(offset)
        return f.read(2) == b"\x1f\x8b"


def read_warc(path: str, start: int = 0, limit: int | None = None, *, max_bytes: int,
              stats: WarcStats | None = None) -> Iterator[Record]:
    """Records of the WARC (or WET) file `path` from byte `start`, at most `limit` documents.

    Bodies over `max_bytes` are not read: they become `too_large` error rows.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    stats = stats if stats is not None else WarcStats()
    T = WarcRecordType
    wanted = _doc_mask() | T.warcinfo | T.request | T.metadata
    produced = 0
    pos = last = start
    with open(path, "rb") as stream:
        stream.seek(start)
        iterator = iter(ArchiveIterator(stream, record_types=wanted, parse_http=False))
        while True:
            try:
                rec = next(iterator)
            except StopIteration:
                broken = _gzip_tail_error(path, last)
                if broken is not None:
                    yield error_record(f"{path}@{broken[0]}:read-error", path, broken[0],
                                       "read_error", broken[1])
                return
            except Exception as exc:  # fastwarc raises OSError and friends on corrupt input
                yield error_record(f"{path}@{pos}:read-error", path, pos, "read_error",
                                   f"cannot read {path} after byte {pos}: {exc}")
                return
            # fastwarc reports absolute offsets for a seeked file object; older versions may not.
            pos = rec.stream_pos if rec.stream_pos >= start else start + rec.stream_pos
            last = pos
            rtype = (rec.headers.get("WARC-Type") or "unknown").strip().lower()
            if rtype not in _DOC_TYPES:
                stats.ignored[rtype] = stats.ignored.get(rtype, 0) + 1
                continue
            if limit is not None and produced >= limit:
                return  # the next unit starts here; non-documents before it were counted here
            produced += 1
            try:
                yield _to_record(rec, path, pos, rtype, max_bytes)
            except Exception as exc:
                yield error_record(rec.record_id or f"{path}@{pos}", path, pos, "read_error",
                                   f"cannot read record at byte {pos}: {exc}")


def _gzip_tail_error(path: str, last: int) -> tuple[int, str] | None:
    """Where and why a gzipped file stops being readable after the member at `last`.

    fastwarc ends iteration quietly at a truncated or corrupt gzip member; this walks the
    members from the last record read to the end of the file (usually one member) so that the
    damage becomes an error row instead of a silent loss.
    """
    with open(path, "rb") as f:
        if f.read(2) != b"\x1f\x8b":
            return None
        f.seek(last)
        member_start, in_member = last, 0
        inflater = zlib.decompressobj(wbits=31)
        pending = b""
        while True:
            chunk = pending or f.read(_TAIL_CHUNK)
            pending = b""
            if not chunk:
                break
            try:
                inflater.decompress(chunk, _TAIL_CHUNK)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, _TAIL_CHUNK)
            except zlib.error as exc:
                return member_start, f"corrupt gzip member in {path} at byte {member_start}: {exc}"
            if inflater.eof:
                member_start += in_member + len(chunk) - len(inflater.unused_data)
                in_member = 0
                pending = inflater.unused_data
                inflater = zlib.decompressobj(wbits=31)
            else:
                in_member += len(chunk)
        if in_member:
            return member_start, f"truncated gzip member in {path} at byte {member_start}"
    return None


def _to_record(rec, path: str, pos: int, rtype: str, max_bytes: int) -> Record:
    record_id = rec.record_id or f"{path}@{pos}"
    url = rec.headers.get("WARC-Target-URI")
    date = rec.headers.get("WARC-Date")
    common = {"url": url, "fetch_date": date}
    if rtype == "revisit":
        return error_record(record_id, path, pos, "revisit", "revisit record (no payload)",
                            status=Status.SKIPPED, **common)
    warc_type = (rec.headers.get("Content-Type") or "").lower()
    if rtype == "conversion":
        kind, content_type, charset = "text", warc_type or "text/plain", "utf-8"
    elif rtype == "response":
        if not warc_type.startswith("application/http"):
            return error_record(record_id, path, pos, "not_http",
                                "response record is not HTTP "
                                f"(Content-Type {warc_type or 'missing'})",
                                status=Status.SKIPPED, **common)
        try:
            rec.parse_http()
        except Exception as exc:
            return error_record(record_id, path, pos, "bad_http", f"bad HTTP headers: {exc}",
                                **common)
        header = rec.http_headers.get("Content-Type") or ""
        content_type = header.split(";")[0].strip().lower()
        kind, charset = "html", charset_from_content_type(header)
    else:  # resource: the block is the document itself
        content_type = warc_type.split(";")[0].strip()
        kind, charset = "html", charset_from_content_type(warc_type)
    if kind == "html" and content_type not in _HTML_TYPES:
        if content_type in _TEXT_TYPES:
            kind = "text"
        else:
            return error_record(record_id, path, pos, "non_html",
                                f"content type {content_type or 'missing'} is not HTML",
                                status=Status.SKIPPED, content_type=content_type, **common)
    size = rec.content_length
    if size > max_bytes:
        return error_record(record_id, path, pos, "too_large",
                            f"body of {size} bytes exceeds the limit of {max_bytes}",
                            content_type=content_type, size=size, **common)
    body = rec.reader.read()
    return Record(record_id=record_id, source=path, offset=pos, content=body, size=len(body),
                  content_type=content_type, charset=charset, kind=kind, **common)


# -- writing (samples, tests, benchmarks) ------------------------------------------------------

def warc_record(warc_type: str, url: str | None, date: str, block: bytes, *,
                content_type: str, record_id: str | None = None) -> bytes:
    """One uncompressed WARC/1.1 record. The id is derived from url, date and block unless given,
    so the same inputs give the same bytes."""
    if record_id is None:
        digest = hashlib.sha1(f"{warc_type}|{url}|{date}".encode() + block).hexdigest()
        d = digest
        record_id = f"<urn:uuid:{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:32]}>"
    lines = ["WARC/1.1", f"WARC-Type: {warc_type}", f"WARC-Record-ID: {record_id}",
             f"WARC-Date: {date}"]
    if url:
        lines.append(f"WARC-Target-URI: {url}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    """An HTTP/1.1 response block for a WARC response record."""
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


def response_record(url: str, date: str, body: bytes, content_type: str = "text/html",
                    **kwargs: str) -> bytes:
    """A WARC response record holding an HTTP response with `body`."""
    return warc_record("response", url, date, http_response(body, content_type),
                       content_type="application/http; msgtype=response", **kwargs)


def gzip_member(data: bytes) -> bytes:
    """`data` as one gzip member with a fixed mtime (deterministic bytes)."""
    return gzip.compress(data, compresslevel=6, mtime=0)
