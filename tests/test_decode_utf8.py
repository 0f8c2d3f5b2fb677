"""The strict UTF-8 check that lets extract() skip decoding a page (sieb._utf8, sieb.decode)."""

from __future__ import annotations

import importlib.util
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sieb
from sieb.compiled import pure_python_forced
from sieb.decode import UTF8_PROBES, decode_html_lazily, decode_html_utf8
from sieb.extract import _is_blank, _to_text

BUILT = importlib.util.find_spec("sieb._utf8") is not None
needs_build = pytest.mark.skipif(not BUILT, reason="sieb._utf8 is not built")


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Lead and continuation bytes at the edges of table 3-7's ranges.
EDGES = bytes([0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
               0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF])


@needs_build
@pytest.mark.parametrize("prefix", [b"", b"abc", b"abcdefgh", b"x" * 40])
def test_the_check_agrees_with_the_decoder_on_short_sequences(prefix: bytes) -> None:
    from sieb._utf8 import is_utf8

    lead = range(0x80, 0x100)  # the ASCII leads are covered by the one-byte sequences
    sequences = itertools.chain(
        itertools.product(range(256), repeat=1),
        itertools.product(lead, range(256)),
        itertools.product(lead, EDGES, EDGES),
        itertools.product(EDGES[EDGES.index(0xF0):], EDGES, EDGES, EDGES),
    )
    for sequence in sequences:
        data = prefix + bytes(sequence)
        assert is_utf8(data) == _decodes(data), data


@needs_build
@given(st.text(), st.binary(max_size=12), st.integers(min_value=0, max_value=40))
def test_the_check_agrees_with_the_decoder_on_mixed_bytes(text: str, noise: bytes,
                                                           at: int) -> None:
    from sieb._utf8 import is_utf8

    encoded = text.encode("utf-8", "surrogatepass")
    for data in (encoded, encoded[:at] + noise + encoded[at:], encoded[:at]):
        assert is_utf8(data) == _decodes(data), data


@needs_build
@pytest.mark.parametrize(
    "bad", [b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xc3\xa9", b"\xf0\x9f\x99\x82"]
)
def test_a_sequence_anywhere_in_ascii_runs(bad: bytes) -> None:
    from sieb._utf8 import is_utf8

    for at in range(80):
        data = b"a" * at + bad + b"b" * (79 - at)
        assert is_utf8(data) == _decodes(data), data


@needs_build
def test_the_check_agrees_on_the_probes() -> None:
    from sieb._utf8 import is_utf8

    assert all(is_utf8(probe) == _decodes(probe) for probe in UTF8_PROBES)


@pytest.mark.parametrize("data", [
    "<p>Straße</p>".encode(), b"<p>plain</p>", "<p>Straße</p>".encode("cp1252"),
    b"\xef\xbb\xbf<p>x</p>", b"<p>\xed\xa0\x80</p>",
])
def test_lazy_decoding_gives_the_same_text(data: bytes) -> None:
    text, utf8 = decode_html_lazily(data)
    assert decode_html_utf8(data) == ((data.decode("utf-8") if text is None else text), utf8)
    if text is None:
        assert utf8 and BUILT and not pure_python_forced()


@pytest.mark.parametrize("text", [
    "", " ", "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f ", "\u00a0", " \u3000 \u2003", " x ", "\u00a0x",
    "<p>a</p>", "\x85", "é", " \x00",
])
def test_blankness_of_undecoded_pages_is_that_of_the_text(text: str) -> None:
    data = text.encode()
    page, encoded = _to_text(data, None, 1000)
    assert encoded == data
    assert _is_blank(page, encoded) == (not text.strip())
    assert sieb.extract(data).page_type == sieb.extract(text).page_type


def test_pages_longer_than_the_cut_are_decoded_and_cut() -> None:
    data = ("é" * 10).encode()
    assert _to_text(data, None, 15) == ("é" * 10, data)
    assert _to_text(data, None, 5) == ("é" * 5, None)
