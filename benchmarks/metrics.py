"""Scores for main-content extraction, exactly as the benchmark sets' own authors define them.

Two families (see /work/shared/bench/README.md, "Metrics"):

- shingle scores (scrapinghub/article-extraction-benchmark, ``evaluate.py``): tokens are ``\\w+``
  runs (Unicode, case kept); a text is the multiset of its 4-token shingles (a text of 1-3 tokens is
  one shingle, an empty text has none); per page tp/fp/fn are scaled so that tp+fp+fn = 1; precision
  is the mean of per-page precision over pages where something was predicted, recall the mean of
  per-page recall over pages with truth, a page with fp = fn = 0 scores 1 on both; F1 is the
  harmonic mean of mean precision and mean recall; accuracy is the share of pages whose token
  sequences match.
- snippet scores (adbar/trafilatura, ``tests/eval_common.py``): white space folded to single spaces
  in the output and in each snippet; every ``with`` snippet found is a tp, missing a fn; every
  ``without`` snippet found is a fp, missing a tn; counts are summed over pages.

All functions are pure and take plain strings, so the training scripts can use them as well.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "SHINGLE_SIZE",
    "SnippetCounts",
    "page_shingle_counts",
    "page_shingle_scores",
    "page_snippet_counts",
    "shingle_scores",
    "shingles",
    "snippet_scores",
    "tokenize",
]

SHINGLE_SIZE = 4  # scrapinghub evaluate.py: ngram_n=4

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_SPACE_RE = re.compile(r"\s+")


def tokenize(text: str | None) -> list[str]:
    """Return the runs of word characters of ``text`` (case kept)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Return the multiset of ``size``-token shingles; a shorter non-empty text is one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - size + 1)
    return Counter(tuple(tokens[i : i + size]) for i in range(last))


def page_shingle_counts(pred: str | None, truth: str | None) -> tuple[float, float, float]:
    """Return (tp, fp, fn) for one page, scaled so that they sum to 1 (all 0 if both are empty)."""
    pred_sh = shingles(pred)
    true_sh = shingles(truth)
    tp = sum((pred_sh & true_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def page_shingle_scores(pred: str | None, truth: str | None) -> tuple[float | None, float | None]:
    """Return (precision, recall) of one page; None where the page does not count for that mean."""
    tp, fp, fn = page_shingle_counts(pred, truth)
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _harmonic(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def shingle_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Score (predicted, truth) pairs; return precision, recall, f1, accuracy and the page count."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for pred, truth in pairs:
        precision, recall = page_shingle_scores(pred, truth)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += tokenize(pred) == tokenize(truth)
    mean_p = _mean(precisions)
    mean_r = _mean(recalls)
    return {
        "precision": mean_p,
        "recall": mean_r,
        "f1": _harmonic(mean_p, mean_r),
        "accuracy": exact / len(pairs) if pairs else 0.0,
        "pages": len(pairs),
    }


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """Snippet outcomes of one page (or a sum of pages)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.tp + other.tp, self.fn + other.fn, self.fp + other.fp, self.tn + other.tn
        )


def fold_space(text: str) -> str:
    """Fold every run of white space to one space (trafilatura's eval normalisation)."""
    return _SPACE_RE.sub(" ", text)


def page_snippet_counts(
    output: str | None, with_snippets: list[str], without_snippets: list[str]
) -> SnippetCounts:
    """Count the snippet outcomes of one page; ``None`` output (a crash) counts as empty."""
    text = fold_space(output or "")
    tp = fn = fp = tn = 0
    for snippet in with_snippets:
        if snippet is None:
            continue
        if fold_space(snippet) in text:
            tp += 1
        else:
            fn += 1
    for snippet in without_snippets:
        if snippet is None:
            continue
        if fold_space(snippet) in text:
            fp += 1
        else:
            tn += 1
    return SnippetCounts(tp, fn, fp, tn)


def snippet_scores(items: list[tuple[str, list[str], list[str]]]) -> dict[str, float]:
    """Score (output, with, without) triples; return precision, recall, f1, accuracy and counts."""
    total = SnippetCounts()
    for output, with_snippets, without_snippets in items:
        total += page_snippet_counts(output, with_snippets, without_snippets)
    tp, fn, fp, tn = total.tp, total.fn, total.fp, total.tn
    everything = tp + fn + fp + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "accuracy": (tp + tn) / everything if everything else 0.0,
        "tp": tp,
        "fn": fn,
        "fp": fp,
        "tn": tn,
        "pages": len(items),
    }
