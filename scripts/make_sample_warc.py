#!/usr/bin/env python3
"""Build samples/sample.warc.gz from samples/html/*.html, plus a few deliberately bad records.

Deterministic: fixed dates, ids derived from content, gzip members with mtime 0. Records:
a warcinfo record; per sample page a request and a response (charset from the page's
<meta charset>, sent in the HTTP header the way most servers do); then the bad cases:
an image response (non-HTML), a non-UTF-8 page without any charset, a response record whose
block is not HTTP, and a revisit record.

    python scripts/make_sample_warc.py [--out samples/sample.warc.gz]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sieb.corpus.warcfile import (  # noqa: E402
    gzip_member,
    http_response,
    response_record,
    warc_record,
)

DATE = "2026-03-01T12:00:00Z"
_CANONICAL = re.compile(rb"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)


def page_url(path: Path, html: bytes) -> str:
    """The page's canonical URL, else one made from its file name."""
    match = _CANONICAL.search(html)
    tld = "de" if path.name.startswith("de_") else "com"
    site, _, slug = path.stem.partition("_")[2].partition("_")
    fallback = f"https://www.{site or 'example'}.{tld}/{slug or path.stem}"
    if match:
        return urljoin(fallback, match.group(1).decode("ascii", "replace"))
    return fallback


def sample_records(pages: list[Path]) -> list[bytes]:
    records = [warc_record("warcinfo", None, DATE, b"software: sieb make_sample_warc.py\r\n",
                           content_type="application/warc-fields")]
    for path in pages:
        html = path.read_bytes()
        url = page_url(path, html)
        meta = _META_CHARSET.search(html[:4096])
        ctype = f"text/html; charset={meta.group(1).decode()}" if meta else "text/html"
        request = f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()
        records.append(warc_record("request", url, DATE, request,
                                   content_type="application/http; msgtype=request"))
        records.append(response_record(url, DATE, html, ctype))
    # Bad records: each must come out as one row with its reason.
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    records.append(response_record("https://www.example.com/logo.png", DATE, png, "image/png"))
    latin1 = ("<html><head><title>Grüße aus Köln</title></head><body><article><h1>Grüße aus "
              "Köln</h1>" + "<p>Die Straßenbahn fährt über die Brücke, schöner als gedacht. "
              "Müller und Jäger äußern sich zufrieden über die Änderung.</p>" * 4 +
              "</article></body></html>").encode("latin-1")
    records.append(response_record("https://www.example.de/koeln", DATE, latin1, "text/html"))
    records.append(warc_record("response", "https://www.example.com/raw", DATE,
                               b"<html><body><p>not an HTTP response</p></body></html>",
                               content_type="text/html"))
    records.append(warc_record("revisit", "https://www.example.com/logo.png", DATE,
                               http_response(b"", "image/png", "304 Not Modified"),
                               content_type="application/http; msgtype=response"))
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "samples" / "sample.warc.gz"))
    parser.add_argument("--pages", default=str(ROOT / "samples" / "html"),
                        help="directory of .html pages")
    args = parser.parse_args()
    pages = sorted(Path(args.pages).glob("*.html"))
    if not pages:
        print(f"no .html pages in {args.pages}", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        for record in sample_records(pages):
            f.write(gzip_member(record))
    print(f"wrote {out} ({len(pages)} pages + 4 bad records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
