"""The metadata of each sample page (samples/html) matches samples/expected/<name>.json.

Body snippets (`with`/`without`) are the extractor's business; this file checks the metadata
step only: url, title, authors, published (an expected date is a prefix of the extracted ISO
string), modified and site_name when expected, and the declared language.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from sieb.decode import decode_html
from sieb.metadata import extract_metadata

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = sorted(p.stem for p in (SAMPLES / "html").glob("*.html"))


def test_there_are_eight_samples_with_expectations() -> None:
    assert len(NAMES) == 8
    for name in NAMES:
        assert (SAMPLES / "expected" / f"{name}.json").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_sample_metadata(name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text("utf-8"))
    html = decode_html((SAMPLES / "html" / f"{name}.html").read_bytes())
    meta = extract_metadata(LexborHTMLParser(html), expected["url"])
    assert meta.url == expected["url"]
    assert meta.title == expected["title"]
    assert list(meta.authors) == expected["authors"]
    assert meta.published is not None
    assert meta.published.startswith(expected["published"])
    if "modified" in expected:
        assert meta.modified is not None
        assert meta.modified.startswith(expected["modified"])
    if "site_name" in expected:
        assert meta.site_name == expected["site_name"]
    assert meta.language == expected.get("declared_language", expected["language"])


def test_windows_1252_sample_decodes_umlauts() -> None:
    html = decode_html((SAMPLES / "html" / "de_kreisbote_buslinie.html").read_bytes())
    meta = extract_metadata(LexborHTMLParser(html), None)
    assert meta.title == "Neue Buslinie verbindet Dörfer mit dem Bahnhof"
    assert meta.authors == ("Petra Möller",)
