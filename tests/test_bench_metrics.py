"""The benchmark metrics on hand-made pages (no shared data needed)."""

import pytest

from benchmarks.metrics import (
    SnippetCounts,
    page_shingle_counts,
    page_snippet_counts,
    shingle_scores,
    shingles,
    snippet_scores,
)

TRUTH = "one two three four five six seven eight"


def test_shingles_short_text_is_one_shingle():
    assert shingles("just two") == {("just", "two"): 1}
    assert shingles("") == {}
    assert sum(shingles(TRUTH).values()) == 5


def test_shingle_perfect_ignores_punctuation_and_space():
    scores = shingle_scores([("one, two\nthree four five six seven eight.", TRUTH)])
    assert scores["precision"] == scores["recall"] == scores["f1"] == 1.0
    assert scores["accuracy"] == 1.0


def test_shingle_empty_prediction_scores_zero_recall_and_no_precision():
    assert page_shingle_counts("", TRUTH) == (0.0, 0.0, 1.0)
    scores = shingle_scores([("", TRUTH)])
    assert scores["recall"] == 0.0
    assert scores["f1"] == 0.0
    assert scores["accuracy"] == 0.0


def test_shingle_both_empty_scores_one():
    scores = shingle_scores([("", "")])
    assert scores["precision"] == scores["recall"] == 1.0


def test_shingle_partial_prediction():
    # 5 truth shingles; prediction keeps the first 5 tokens (2 shingles) and adds noise
    pred = "one two three four five menu login"
    tp, fp, fn = page_shingle_counts(pred, TRUTH)
    assert tp == pytest.approx(2 / 7)
    assert fp == pytest.approx(2 / 7)
    assert fn == pytest.approx(3 / 7)
    scores = shingle_scores([(pred, TRUTH)])
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.4)
    assert scores["f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9)


def test_shingle_f1_is_harmonic_mean_of_mean_precision_and_recall():
    pairs = [(TRUTH, TRUTH), ("", TRUTH)]
    scores = shingle_scores(pairs)
    assert scores["precision"] == 1.0  # the empty page does not count for precision
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert scores["accuracy"] == 0.5


def test_shingle_multiset_counts_repeats():
    truth = "a b c d a b c d"
    tp, fp, fn = page_shingle_counts("a b c d", truth)
    assert (tp, fp, fn) == (pytest.approx(1 / 5), 0.0, pytest.approx(4 / 5))


def test_snippets_folded_whitespace():
    counts = page_snippet_counts("Hello\n\n  big   world. Menu", ["Hello big world"], ["Menu"])
    assert counts == SnippetCounts(tp=1, fn=0, fp=1, tn=0)


def test_snippet_scores_sum_over_pages():
    items = [
        ("the article body", ["article body"], ["cookie"]),
        ("", ["missing"], ["nav"]),
        (None, ["lost"], []),
    ]
    scores = snippet_scores(items)
    assert (scores["tp"], scores["fn"], scores["fp"], scores["tn"]) == (1, 2, 0, 2)
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(1 / 3)
    assert scores["f1"] == pytest.approx(2 / 4)
    assert scores["accuracy"] == pytest.approx(3 / 5)


def test_snippet_perfect_and_empty():
    assert snippet_scores([("body text", ["body"], ["ad"])])["f1"] == 1.0
    assert snippet_scores([])["f1"] == 0.0
