"""Bytes are decoded by sieb: BOM, HTTP and <meta> charset, detection; wrong labels caught."""

from __future__ import annotations

import codecs

import pytest

import sieb
from sieb.decode import charset_from_content_type, decode_html

BODY = (
    "Die Bürgerinnen und Bürger der Gemeinde Öhringen haben über die neue Straßenbahn abgestimmt. "
    "Mehr als zwei Drittel der Stimmen waren für den Bau, der im Frühjahr beginnen soll."
)


def _page(meta: str = "") -> str:
    return (
        f"<html lang='de'><head>{meta}<title>Abstimmung</title></head><body><article>"
        f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )


def test_meta_charset_windows_1252() -> None:
    data = _page('<meta charset="windows-1252">').encode("cp1252")
    assert BODY in sieb.extract(data).text


def test_http_charset_wins_over_nothing() -> None:
    data = _page().encode("iso-8859-1")
    assert BODY in sieb.extract(data, charset="iso-8859-1").text


def test_wrong_declaration_is_caught() -> None:
    # declared Latin-1 but actually UTF-8: the bytes decode cleanly as UTF-8 only if trusted
    data = _page('<meta charset="utf-8">').encode("cp1252")
    assert BODY in sieb.extract(data).text


def test_undeclared_legacy_bytes_are_detected() -> None:
    more = (
        "Der Gemeinderat hatte über Monate über die Trasse gestritten. Gegner fürchteten Lärm "
        "und höhere Gebühren, Befürworter verwiesen auf die überfüllten Busse im Berufsverkehr."
    )
    page = _page().replace("</article>", f"<p>{more}</p></article>")
    text = sieb.extract(page.encode("cp1252")).text
    assert "Bürgerinnen" in text and "Befürworter" in text


@pytest.mark.parametrize(
    "bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")]
)
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    data = bom + _page().encode(codec)
    assert BODY in sieb.extract(data).text


def test_unknown_charset_label_falls_back() -> None:
    data = _page('<meta charset="x-no-such-charset">').encode("utf-8")
    assert BODY in sieb.extract(data).text


def test_charset_from_content_type() -> None:
    assert charset_from_content_type("text/html; charset=ISO-8859-1") == "cp1252"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None


def test_decode_never_raises_on_junk() -> None:
    assert isinstance(decode_html(b"\xff\xfe\xfa" * 1000, "utf-8"), str)
