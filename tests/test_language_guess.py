"""The stop-word language guess counts what a Counter of every word would (sieb.language), and
the compiled counter what the Python one does."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.language import (
    _MIN_LETTERS,
    _STOP_COUNTS,
    LANGUAGE_STOPS,
    STOP_PROBES,
    _has_letters,
    _stop_counts,
    guess_language,
    python_stop_counts,
)

STOP_WORDS = sorted(set().union(*LANGUAGE_STOPS.values()))


def _counted_word_by_word(words: list[str]) -> dict[str, int]:
    """The definition: every word counted, then each language's stop words summed."""
    counts = Counter(words)
    return {code: sum(counts[w] for w in stops) for code, stops in LANGUAGE_STOPS.items()}


@given(st.lists(st.sampled_from([*STOP_WORDS, "Des", "THE", "x", "", "Ärger"]) | st.text(),
                max_size=300))
def test_stop_counts_are_the_word_by_word_sums(words: list[str]) -> None:
    got = _stop_counts(words)
    assert list(got.items()) == list(_counted_word_by_word(words).items())


def test_a_stop_word_of_two_languages_counts_for_both() -> None:
    assert "des" in LANGUAGE_STOPS["de"] and "des" in LANGUAGE_STOPS["fr"]
    counts = _stop_counts(["des", "des", "the"])
    assert counts["de"] == counts["fr"] == 2 and counts["en"] == 1


def test_clear_cases_are_decided_by_stop_words() -> None:
    english = "The cat of the house was sitting on the mat, and that is all. " * 5
    assert guess_language(english) == ("en", "stop-words")
    german = "Der Hund und die Katze sind mit dem Auto auf den Berg gefahren. " * 5
    assert guess_language(german) == ("de", "stop-words")


def test_lowering_neither_makes_nor_removes_whitespace() -> None:
    """What lets StopCounter split the text before lowering its words (str.split's whitespace)."""
    for code in range(0x110000):
        char = chr(code)
        lowered = char.lower()
        if char.isspace():
            assert lowered == char
        else:
            assert not any(c.isspace() for c in lowered), hex(code)
        assert len(lowered) >= 1


_PIECES = st.sampled_from(
    [*STOP_WORDS, "DES", "Für", "FÜR", "NÃO", "È", "Σ", "ΟΔΟΣ", "İ", "\u212a", "\x00", " ", "\n",
     "\u00a0", "\u2003", "\x1c", "\x85", "ﬀ", "ẞ", "THE", "tHe", "’", "“The”", "–", "\u212b",
     "\u212aIN", "\U0001f600", "\u2028"]
)


@pytest.mark.skipif(_STOP_COUNTS is python_stop_counts, reason="the compiled counter is not used")
@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=600), st.sampled_from(["", " ", "\t"]))
def test_compiled_stop_counts_are_the_python_ones(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    assert list(_STOP_COUNTS(text).items()) == list(python_stop_counts(text).items())


@pytest.mark.parametrize("text", STOP_PROBES)
def test_stop_counts_on_the_probes(text: str) -> None:
    assert list(_STOP_COUNTS(text).items()) == list(python_stop_counts(text).items())


_LATIN1_PIECES = st.sampled_from(
    [*STOP_WORDS, "DES", "Für", "FÜR", "NÃO", "SÃO", "È", "É", "ÀÉÎ", "ß", "ÿ", "µ", "\xdf\xff",
     "\x00", " ", "\n", "\u00a0", "\x1c", "\x85", "THE", "tHe", "longerthanseven"]
)


@pytest.mark.skipif(_STOP_COUNTS is python_stop_counts, reason="the compiled counter is not used")
@settings(max_examples=500, deadline=None)
@given(st.lists(_LATIN1_PIECES | st.text(st.characters(max_codepoint=255), max_size=8),
                max_size=600), st.sampled_from(["", " ", "\t"]))
def test_compiled_stop_counts_of_latin1_texts_are_the_python_ones(
    pieces: list[str], glue: str
) -> None:
    """Texts of one-byte characters, which the compiled counter reads by its Latin-1 tables."""
    text = glue.join(pieces)
    assert max(map(ord, text), default=0) < 256
    assert list(_STOP_COUNTS(text).items()) == list(python_stop_counts(text).items())


@given(st.text(st.sampled_from("aZé東ßΣ1_ .,\n\t-٣²ⅷ\u0301") | st.characters(), max_size=60))
def test_enough_letters_is_a_count_of_the_letters(text: str) -> None:
    """The one-match check gives what counting the letters one by one gives."""
    letters = sum(1 for _ in re.finditer(r"[^\W\d_]", text))
    assert _has_letters(text) == (letters >= _MIN_LETTERS)
    assert _has_letters(text * 25) == (letters > 0)
