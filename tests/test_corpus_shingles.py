"""The text folding and word shingles behind the corpus rows' hashes (sieb.corpus.process and
its compiled twins in sieb.corpus._shingles): the signatures must not change between versions,
since a resumed run compares new rows with rows staged before."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sieb.compiled import pure_python_forced
from sieb.corpus import process
from sieb.corpus.process import (
    SHINGLE_PROBES,
    SHINGLE_WORDS,
    minhash_signature,
    python_fold_spaces,
    python_word_shingles,
    text_hash,
)

BUILT = importlib.util.find_spec("sieb.corpus._shingles") is not None
needs_build = pytest.mark.skipif(not BUILT, reason="sieb.corpus._shingles is not built")

# Letters, digits and marks of several scripts, the underscore, and white space of every kind.
_CHARS = st.sampled_from(
    [*"aZ_09 .,'’-«»\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0ßÄñÿĀİıΣσςЖ文字か١²½Ⅻ",
     "\u2003", "\u3000", "\u2028", "\u0301", "\U0001f600", "\U00020000", "\U0001d7d8"]
)
_TEXTS = st.one_of(st.text(), st.text(_CHARS))

SAMPLE = ("Die Nato und Russland: „Wir sind bereit“, sagte Stoltenberg am Mittwoch in Brüssel. "
          "The talks_2026 resume ½ next week.")


def test_the_signature_of_a_fixed_text_is_the_one_earlier_versions_wrote():
    assert hashlib.sha1(minhash_signature(SAMPLE)).hexdigest() == (
        "edca4e0e9ef195812908808e4d0863485fca7466")
    assert text_hash(SAMPLE) == "665e3e56fd8b0a72"


def test_the_definitions():
    assert python_fold_spaces(" a\u00a0 b\n\nc ") == "a b c"
    assert python_word_shingles("", 5) == []
    assert python_word_shingles("a, b", 5) == ["a b"]
    assert python_word_shingles("a b c", 2) == ["a b", "b c"]
    assert python_word_shingles("x_y 2 -- z", 3) == ["x_y 2 z"]


@needs_build
def test_the_compiled_twins_are_used_unless_pure_python_is_forced():
    compiled = not pure_python_forced()
    assert (process.fold_spaces is not python_fold_spaces) == compiled
    assert (process.word_shingles is not python_word_shingles) == compiled


@needs_build
@given(_TEXTS)
def test_fold_spaces_agrees_with_its_definition(text: str):
    from sieb.corpus._shingles import fold_spaces

    folded = fold_spaces(text)
    assert folded == python_fold_spaces(text)
    assert folded.isascii() == python_fold_spaces(text).isascii()  # canonical width


@needs_build
@given(_TEXTS, st.integers(min_value=1, max_value=7))
def test_word_shingles_agree_with_their_definition(text: str, size: int):
    from sieb.corpus._shingles import word_shingles

    shingles = word_shingles(text, size)
    expected = python_word_shingles(text, size)
    assert shingles == expected
    # equal strings hash alike only in their canonical (narrowest) form
    assert [hash(s) for s in shingles] == [hash(s) for s in expected]
    assert [max(s, default="") for s in shingles] == [max(s, default="") for s in expected]


@needs_build
@pytest.mark.parametrize("text", SHINGLE_PROBES)
def test_the_twins_agree_on_the_probes(text: str):
    from sieb.corpus._shingles import fold_spaces, word_shingles

    assert fold_spaces(text) == python_fold_spaces(text)
    assert word_shingles(text, SHINGLE_WORDS) == python_word_shingles(text, SHINGLE_WORDS)


@needs_build
def test_word_shingles_refuses_an_empty_size():
    from sieb.corpus._shingles import word_shingles

    with pytest.raises(ValueError):
        word_shingles("a b", 0)
