"""Turn page bytes into text: BOM, then the HTTP/meta charset, then detection.

A declared charset is trusted only when the bytes decode cleanly with it; otherwise sieb falls
back to UTF-8 and then to charset detection (charset-normalizer). Decoding never raises on bad
bytes: the last resort replaces undecodable bytes.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable

from charset_normalizer import from_bytes

from sieb.compiled import compiled_module
from sieb.errors import InputError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]{2,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([a-zA-Z0-9_\-:.]{2,40})", re.I)
# Bytes examined for a <meta charset> and for detection; detection on a large sample is slow.
_META_SCAN_BYTES = 4096
_DETECT_SAMPLE_BYTES = 64 * 1024


# Browsers decode these labels as their supersets (WHATWG encoding standard).
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "iso-8859-9": "cp1254",
}


def normalise_charset(name: str | None) -> str | None:
    """The Python codec name for a declared charset, or None when unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset named in an HTTP Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return normalise_charset(match.group(1)) if match else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes to text. `declared` is the HTTP header's charset, if known."""
    return decode_html_utf8(data, declared)[0]


def decode_html_utf8(data: bytes, declared: str | None = None) -> tuple[str, bool]:
    """The text of `decode_html`, and whether it is the whole of `data` decoded as strict UTF-8
    (then `data` is the text's UTF-8 encoding: strict decoding admits no surrogates, so encoding
    the text gives the same bytes back)."""
    data = _as_bytes(data)
    text, utf8 = decode_html_lazily(data, declared)
    return (data.decode("utf-8") if text is None else text), utf8


def decode_html_lazily(data: bytes, declared: str | None = None) -> tuple[str | None, bool]:
    """`decode_html_utf8`, but the text is None when it is `data` decoded as strict UTF-8 and
    the compiled check found that without decoding (the caller decodes when it needs it)."""
    data = _as_bytes(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), False
    candidates = [normalise_charset(declared)]
    meta = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    if meta:
        candidates.append(normalise_charset(meta.group(1).decode("ascii", "ignore")))
    candidates.append("utf-8")
    for encoding in candidates:
        if encoding == "utf-8" and _IS_UTF8 is not None:
            if _IS_UTF8(data):
                return None, True
        elif encoding and encoding not in ("utf-16-le", "utf-16-be", "utf-16"):
            text = _try(data, encoding)
            if text is not None:
                return text, encoding == "utf-8"
    best = from_bytes(data[:_DETECT_SAMPLE_BYTES]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace"), False


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise InputError(f"expected bytes, got {type(data).__name__}")
    return bytes(data)


def _utf8_check() -> Callable[[bytes], bool] | None:
    """The compiled strict-UTF-8 check (`sieb._utf8.is_utf8`: whether `data.decode("utf-8")`
    succeeds, without building the text) when it is built and agrees with the decoder on the
    probes; else None (the bytes are then decoded)."""
    utf8 = compiled_module("sieb._utf8")
    if utf8 is None:
        log.debug("sieb._utf8 is off or not built: UTF-8 pages are decoded to be checked")
        return None
    is_utf8 = utf8.is_utf8
    if any(is_utf8(probe) != (_try(probe, "utf-8") is not None) for probe in UTF8_PROBES):
        return None
    return is_utf8


# Valid and broken UTF-8: overlong forms, surrogates, code points above U+10FFFF, cut sequences.
UTF8_PROBES = (
    b"",
    b"plain ASCII text, longer than a word",
    "Stra\u00dfe \u6771\u4eac \U0001f642 \U0010ffff \ud7ff \ue000".encode(),
    b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xe0\x9f\xbf", b"\xed\xa0\x80",
    b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff",
    b"abcdefgh\xc3", b"abcdefgh\xe2\x82", b"\x80abc", b"\xc3\xa9\xc3",
)
_IS_UTF8 = _utf8_check()
