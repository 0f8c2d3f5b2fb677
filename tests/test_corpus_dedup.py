"""Dedup: exact and near duplicates, cluster ids from the first member, order-determined."""

from __future__ import annotations

from sieb.corpus.dedup import Deduplicator, lsh_params
from sieb.corpus.process import minhash_signature, text_hash

BASE = " ".join(f"word{i} appears in sentence {i // 7} of the long original story" for i in
                range(120))


def _add(d: Deduplicator, rid: str, text: str):
    return d.add(rid, text_hash(text), minhash_signature(text))


def test_exact_near_and_unique():
    d = Deduplicator(threshold=0.8)
    near = BASE.replace("word5 ", "changed ", 1)
    other = " ".join(f"other{i} text about something else {i}" for i in range(100))
    assert _add(d, "a", BASE) == (False, False, "a")
    assert _add(d, "b", BASE.upper()) == (True, False, "a")  # same normalised text
    assert _add(d, "c", near) == (False, True, "a")
    assert _add(d, "d", other) == (False, False, "d")
    assert d.add("e", None, None) == (False, False, None)  # no text: no cluster


def test_threshold_option_changes_what_counts_as_near():
    half = BASE[: len(BASE) // 2] + " ".join(f"fresh{i} words here" for i in range(200))
    strict, loose = Deduplicator(threshold=0.9), Deduplicator(threshold=0.2)
    for d in (strict, loose):
        _add(d, "a", BASE)
    assert _add(strict, "b", half)[1] is False
    assert _add(loose, "b", half)[1] is True


def test_lsh_params_fit_in_the_signature():
    for threshold in (0.5, 0.8, 0.9):
        bands, rows = lsh_params(threshold)
        assert bands * rows <= 128
    assert lsh_params(0.9)[1] > lsh_params(0.5)[1]  # stricter -> longer bands
