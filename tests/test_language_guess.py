"""The stop-word language guess counts what a Counter of every word would (sieb.language)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from sieb.language import LANGUAGE_STOPS, _stop_counts, guess_language

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
