"""The pure per-record step: Record -> one output row (a dict), never an exception.

Stages: 1. reader verdict (skipped/error records pass through as rows), 2. size guard,
3. extract (HTML) or clean_text (text) under a time guard, 4. language id, 5. hashes and MinHash
signature, 6. quality signals. Both engines call this same function, so their rows are equal.
"""

from __future__ import annotations

import hashlib
import json
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlsplit

from sieb.compiled import checked_twin
from sieb.corpus.records import Record, Status
from sieb.decode import decode_html
from sieb.errors import InputError
from sieb.language import detect_language
from sieb.shadow import unwrap_shadow_roots

# Documents over this many bytes are rejected (`too_large`): news pages are under 2 MB; the
# rare 10+ MB page is a data dump or a trap, and parsing it costs seconds and hundreds of MB.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Seconds one record may take. datatrove defaults to 1 s per document in its sandboxed child;
# sieb's extraction of a 2 MB page takes well under a second, so 10 s only stops pathological input.
DEFAULT_TIMEOUT = 10.0
# MinHash: 128 permutations over word 5-shingles is the common setting (datatrove, dolma).
NUM_PERM = 128
SHINGLE_WORDS = 5
# Seed of the MinHash permutations; part of the output format (signatures must be comparable).
MINHASH_SEED = 1

_WORD = re.compile(r"\w+")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset", re.I)
# Bytes searched for a <meta charset> (as sieb.decode does).
_META_SCAN_BYTES = 4096


class RecordTimeout(BaseException):
    """Raised by the time guard inside a record (not an Exception subclass: code under the
    guard cannot swallow it with `except Exception`)."""


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """Per-record settings shared by every worker."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    minhash: bool = True
    comments: bool = False  # HTML records: reader comments into the `comments` column
    prune: tuple[str, ...] = ()  # CSS selectors removed from HTML pages (ExtractOptions.prune)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `RecordTimeout` in the block after `seconds` (main thread of a process only;
    elsewhere, e.g. in threads, the block runs unguarded)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise RecordTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def python_fold_spaces(text: str) -> str:
    """The white-space separated words of `text` joined by single spaces (the definition of
    the compiled `sieb.corpus._shingles.fold_spaces`)."""
    return " ".join(text.split())


def python_word_shingles(text: str, size: int) -> list[str]:
    """`text`'s \\w+ words, each run of `size` consecutive words joined by a space (all words in
    one when there are fewer); [] when it has no word (the definition of the compiled
    `sieb.corpus._shingles.word_shingles`)."""
    words = _WORD.findall(text)
    if len(words) <= size:
        return [" ".join(words)] if words else []
    # zip of shifted lists and map(join) build the shingles in C: 3x the list comprehension
    shifted = [words[i:] for i in range(size)]
    return list(map(" ".join, zip(*shifted, strict=False)))


# Texts on which the compiled twins must agree: ASCII, Latin-1, two- and four-byte text, the
# underscore, digits of other scripts, white space of every kind, fewer words than a shingle.
SHINGLE_PROBES = (
    "",
    " ",
    "one",
    "a b c d",
    "  The quick brown fox, jumps over the lazy dog's back -- twice!  ",
    "snake_case and __dunder__ 42 x² ½ ١٢٣ Ⅻ",
    "Straße über Ærø « Zitat » \u00a0nbsp\u2003em\u3000ideo\tt\nn\x1cfs\x85nel",
    "Σίσυφος ΣΑΣ İstanbul 文字 漢字 かな \U0001f600 emoji \U00020000 ext-b words here",
    "tab\tand\nnew line\r\n\x0b\x0c and more words to make shingles from",
    "ÿ ÿ ÿ ÿ ÿ Ā ÿ a",
)


def _shingles_twin(name: str, definition: Callable[..., object], probes: tuple) -> Callable:
    return checked_twin("sieb.corpus._shingles", name, definition, probes) or definition


fold_spaces: Callable[[str], str] = _shingles_twin(
    "fold_spaces", python_fold_spaces, tuple((t,) for t in SHINGLE_PROBES))
word_shingles: Callable[[str, int], list[str]] = _shingles_twin(
    "word_shingles", python_word_shingles,
    tuple((t, k) for t in SHINGLE_PROBES for k in (1, 2, SHINGLE_WORDS)))


def normalise_text(text: str) -> str:
    """Text as compared for exact duplicates: NFKC, casefolded, white space folded."""
    return fold_spaces(unicodedata.normalize("NFKC", text).casefold())


def text_hash(text: str, *, normalised: bool = False) -> str | None:
    """16 hex digits of BLAKE2b over the normalised text; None for empty text."""
    norm = text if normalised else normalise_text(text)
    if not norm:
        return None
    return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def minhash_signature(text: str, *, normalised: bool = False) -> bytes | None:
    """MinHash (rensa) of the text's word 5-shingles as NUM_PERM little-endian uint32s."""
    import numpy as np
    from rensa import RMinHash

    shingles = word_shingles(text if normalised else normalise_text(text), SHINGLE_WORDS)
    if not shingles:
        return None
    mh = RMinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    mh.update(shingles)
    return np.asarray(mh.digest(), dtype="<u4").tobytes()


def host_of(url: str | None) -> str | None:
    """Lower-case host name of `url`, without a port or 'www.'."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") or None


def base_row(record: Record) -> dict:
    """The columns every row has, whatever happened to the record."""
    return {
        "record_id": record.record_id,
        "source": record.source,
        "offset": record.offset,
        "url": record.url,
        "host": host_of(record.url),
        "fetch_date": record.fetch_date,
        "kind": record.kind,
        "content_type": record.content_type,
        "input_bytes": record.size,
        "charset": record.charset,
        "charset_guessed": charset_guessed(record),
        "status": str(record.status),
        "error_kind": record.error_kind,
        "error": record.error,
    }


def _fail(row: dict, status: Status, kind: str, message: str) -> dict:
    row.update(status=str(status), error_kind=kind, error=message[:500])
    return row


def crashed_row(record: Record) -> dict:
    """The row of a record on which worker processes died, and which is not tried again."""
    return _fail(base_row(record), Status.ERROR, "crash",
                 "a worker process died on this record twice (a crash in native code, out of "
                 "memory, or a hang); it was not processed again")


def _get_clean_text() -> Callable | None:
    import sieb

    return getattr(sieb, "clean_text", None)


def process_record(record: Record, options: ProcessOptions, profile: object = None) -> dict:
    """One output row for `record`: see the module docstring for the stages."""
    row = base_row(record)
    if record.status is not Status.OK:  # 1. the reader already decided
        return row
    if record.size > options.max_bytes:  # 2. size guard
        return _fail(row, Status.ERROR, "too_large",
                     f"document of {record.size} bytes exceeds the limit of {options.max_bytes}")
    try:  # 3. extraction under the time guard
        with time_limit(options.timeout):
            article, input_text_chars = _article(record, profile, options.comments,
                                                 options.prune)
    except RecordTimeout:
        return _fail(row, Status.ERROR, "timeout",
                     f"processing took longer than {options.timeout:g} s")
    except MemoryError:
        return _fail(row, Status.ERROR, "memory", "out of memory while processing the record")
    except InputError as exc:  # the document is not a page sieb reads (too many lines...)
        return _fail(row, Status.ERROR, "bad_input", str(exc))
    except Exception as exc:
        return _fail(row, Status.ERROR, "exception", f"{type(exc).__name__}: {exc}")
    if article is None:
        return _fail(row, Status.ERROR, "unsupported",
                     "text mode is not available in this sieb version (sieb.clean_text)")
    row.update(article_columns(article))
    check_dates(row)
    text = article.text
    language, prob = detect_language(text or article.title or "")  # 4. language
    row["language"], row["language_prob"] = language, round(prob, 4)
    norm = normalise_text(text)  # 5. hashes, both over the same normalised text
    row["text_hash"] = text_hash(norm, normalised=True)
    row["minhash"] = (minhash_signature(norm, normalised=True)
                      if options.minhash and norm else None)
    text_chars = len(text)  # 6. quality signals
    row["text_chars"] = text_chars
    row["text_words"] = len(text.split())
    row["removed_ratio"] = (round(1.0 - min(text_chars, input_text_chars) / input_text_chars, 4)
                            if input_text_chars else None)
    return row


# A page cannot be published after it was crawled; a day of slack absorbs time zones.
_FUTURE_SLACK_DAYS = 1


def check_dates(row: dict) -> None:
    """Drop a published/modified date that lies after the crawl date (a cookie expiry or an
    event date taken for the publication date) and say so in `metadata_sources`."""
    crawled = _day(row.get("fetch_date"))
    if crawled is None:
        return
    sources = None
    for name in ("published", "modified"):
        day = _day(row.get(name))
        if day is not None and (day - crawled).days > _FUTURE_SLACK_DAYS:
            sources = sources or json.loads(row["metadata_sources"])
            sources[name] = f"dropped: {row[name]} is after the crawl date"
            row[name] = None
    if sources is not None:
        row["metadata_sources"] = json.dumps(sources, ensure_ascii=False, sort_keys=True)


def _day(value: object) -> date | None:
    """The calendar date of an ISO 8601 string, or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article(record: Record, profile: object, comments: bool = False,
             prune: tuple[str, ...] = ()) -> tuple[object, int]:
    """The Article of a record and the length of the input's text (for the removed ratio)."""
    from sieb import extract
    from sieb.extract import DEFAULT_OPTIONS, ExtractOptions

    if record.kind == "html":
        # Bytes go to extract as they are: it decodes them as decode_html does, and parses
        # UTF-8 bytes directly instead of encoding the decoded page again.
        content = record.content
        charset = None if isinstance(content, str) else record.charset
        options = ExtractOptions(prune=prune) if prune else DEFAULT_OPTIONS
        if comments:  # relative comment dates are read against the crawl's date
            options = replace(options, fetch_date=record.fetch_date)
        asked = {"comments": True} if comments else {}
        article = extract(content, record.url, charset=charset, profile=profile,
                          options=options, **asked)
        if article.page_chars:
            return article, article.page_chars
        html = content if isinstance(content, str) else decode_html(content, record.charset)
        return article, _page_text_chars(html)
    clean_text = _get_clean_text()
    if clean_text is None:
        return None, 0
    content = record.content
    text = content if isinstance(content, str) else decode_html(content, record.charset)
    article = clean_text(text, url=record.url, profile=profile)
    return article, sum(len(line) for line in text.splitlines() if line.strip())


def _page_text_chars(html: str) -> int:
    """Characters of visible text on the whole page (white space folded): the denominator of
    `removed_ratio`. One extra lexbor parse, about 4% of extraction time."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(unwrap_shadow_roots(html))  # shadow roots are shown, as in extract
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    return len(" ".join(body.text(separator=" ").split())) if body is not None else 0


def charset_guessed(record: Record) -> bool:
    """True when HTML bytes declare no charset (header or <meta>) and are not UTF-8, so that
    decoding had to guess."""
    content = record.content
    if record.kind != "html" or record.charset or not isinstance(content, bytes):
        return False
    if _META_CHARSET.search(content[:_META_SCAN_BYTES]):
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def article_columns(article: object) -> dict:
    """The Article fields as row columns (blocks and sources as JSON text)."""
    a = article
    return {
        "title": a.title,
        "authors": list(a.authors),
        "published": a.published,
        "modified": a.modified,
        "site_name": a.site_name,
        "page_language": a.language,
        "description": a.description,
        "image": a.image,
        "tags": list(a.tags),
        "text": a.text,
        "blocks": json.dumps([b.to_dict() for b in a.blocks], ensure_ascii=False),
        "page_type": a.page_type,
        "confidence": round(float(a.confidence), 4),
        "metadata_sources": json.dumps(a.sources, ensure_ascii=False, sort_keys=True),
        "comments": _comments_json(getattr(a, "comments", None)),
    }


def _comments_json(comments: tuple | None) -> str | None:
    """Comments as a JSON array; None (a null) when they were not asked for."""
    if comments is None:
        return None
    return json.dumps([c.to_dict() for c in comments], ensure_ascii=False)
