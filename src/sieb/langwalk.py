"""py3langid's model with a faster, exact DFA walk and row gathering.

py3langid scores a text by walking its UTF-8 bytes through a byte-level DFA in Python
(`visit_counts`: one dict lookup and two list lookups per byte, about 0.7 ms for the 1,000
characters sieb gives it), then a sparse dot product with the model: the float16 rows of the
features met, which the matrix product converts to float32 (another 0.1 ms).
`sieb._langwalk.DfaWalker` is the compiled twin of the walk: the same {feature: count} dict, in
the same order; `HalfRows` gathers the rows as float32 through a conversion table made by
numpy, so the product multiplies the same numbers in the same order. With both, the walk hands
the features and counts over as two arrays (`DfaWalker.counted`, `HalfRows.take`), the same
numbers without a dict (whose making and reading cost more than the walk). The scores, the
language and its probability are exactly py3langid's. Each is used when it is built,
SIEB_PURE_PYTHON is unset and it gives py3langid's results on the probe texts below; otherwise
py3langid's own code runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier, visit_counts

from sieb.compiled import compiled_module

# UTF-8 bytes -> {feature: count} in order of first occurrence, or None when there is none.
Walk = Callable[[bytes], "dict[int, int] | None"]
# {feature: count} -> the model's rows of those features as float32 (n x languages); `.source`
# is the model matrix it reads, and `.take(features)` gives the rows of an array of features.
Rows = Callable[[dict], np.ndarray]
# UTF-8 bytes -> (features, counts): the walk's dict as an intp and a float32 array, or None.
Counted = Callable[[bytes], "tuple[np.ndarray, np.ndarray] | None"]


class WalkingIdentifier(LanguageIdentifier):
    """py3langid's LanguageIdentifier whose DFA walk is `self.walk` and whose model rows are
    gathered by `self.rows` when set (see module docstring)."""

    __slots__ = ("compiled", "counted", "rows", "walk")

    def use_walk(self, walk: Walk, compiled: bool) -> None:
        """`walk` for the walk; `compiled`: it is DfaWalker's, whose `counted` then serves the
        scoring when the rows are gathered too."""
        self.walk, self.compiled = walk, compiled
        self.counted: Counted | None = getattr(walk, "counted", None) if compiled else None

    def use_rows(self, rows: Rows | None) -> None:
        self.rows = rows

    def _sparse_score(self, visits: dict[int, int], table: np.ndarray) -> np.ndarray:
        """py3langid's `_sparse_score` with the rows of `table` gathered by `self.rows` (as
        float32: the matrix product converts float16 rows to float32 before multiplying)."""
        if self.rows is None or table is not self.rows.source:
            return super()._sparse_score(visits, table)
        counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
        return np.log1p(counts) @ self.rows(visits) + self.nb_pc

    def _raw_score(self, text: bytes) -> np.ndarray:
        """py3langid's `_raw_score` with `self.walk` for `visit_counts` (or, when the walk and
        the rows are compiled, `self.counted`: the same features and counts as arrays)."""
        if self.counted is not None and self.rows is not None and (
                self.nb_ptc is self.rows.source):
            found = self.counted(text)
            if found is not None:
                features, counts = found
                return np.log1p(counts) @ self.rows.take(features) + self.nb_pc
        else:
            visits = self.walk(text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
        fill = 0.0 if self._norm_probs else RAW_FLOOR
        return np.full(len(self.nb_classes), fill, dtype=np.float32)


def python_walk(identifier: LanguageIdentifier) -> Walk:
    """py3langid's own walk over `identifier`'s DFA (the definition)."""
    return partial(visit_counts, identifier.tk_nextmove, identifier._rowbase,
                   identifier.tk_output)


def walk_for(identifier: LanguageIdentifier) -> tuple[Walk, bool]:
    """The compiled walk when it is available and exact on the probes, else py3langid's; and
    whether it is the compiled one."""
    reference = python_walk(identifier)
    module = compiled_module("sieb._langwalk")
    if module is None:
        return reference, False
    compiled: Walk = module.DfaWalker(
        identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    )
    for data in _probe_bytes():
        want = reference(data)
        if not (_same(compiled(data), want) and _same_arrays(compiled.counted(data), want)):
            return reference, False
    return compiled, True


def rows_for(identifier: WalkingIdentifier) -> Rows | None:
    """The compiled row gathering when it is available and gives py3langid's scores on the
    probes, else None (py3langid's own `_sparse_score` then runs)."""
    identifier.use_rows(None)
    module = compiled_module("sieb._langwalk")
    if module is None:
        return None
    try:
        rows: Rows = module.HalfRows(identifier.nb_ptc)
    except ValueError:  # a model that is not float16
        return None
    reference = LanguageIdentifier._sparse_score
    for data in _probe_bytes():
        visits = identifier.walk(data)
        if not visits:
            continue
        want = reference(identifier, visits, identifier.nb_ptc)
        counts = np.fromiter(visits.values(), dtype=np.float32)
        features = np.fromiter(visits, dtype=np.intp)
        if not (np.array_equal(want, np.log1p(counts) @ rows(visits) + identifier.nb_pc)
                and np.array_equal(want, np.log1p(counts) @ rows.take(features)
                                   + identifier.nb_pc)):
            return None
    return rows


def load_identifier() -> WalkingIdentifier:
    """py3langid's packaged model with normalised probabilities, the fastest exact walk and
    row gathering."""
    identifier = WalkingIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The DFA's tables per state (104,583 ints each) as tuples, not py3langid's lists: the
    # garbage collector stops tracking a tuple of ints, while it walks a list's items at every
    # full collection (the two lists were a third of one).
    identifier.tk_output = tuple(identifier.tk_output)
    identifier._rowbase = tuple(identifier._rowbase)
    identifier.use_walk(*walk_for(identifier))
    identifier.use_rows(rows_for(identifier))
    return identifier


def _same(got: dict | None, want: dict | None) -> bool:
    """Equal counts in the same order (the order decides the dot product's summation)."""
    if got is None or want is None:
        return got is None and want is None
    return list(got.items()) == list(want.items())


def _same_arrays(got: tuple[np.ndarray, np.ndarray] | None, want: dict | None) -> bool:
    """`got` (DfaWalker.counted) holds the keys and the float32 values of `want` (the walk's
    dict), in its order."""
    if got is None or want is None:
        return got is None and want is None
    features, counts = got
    return (features.dtype == np.intp and counts.dtype == np.float32
            and features.tolist() == list(want)
            and np.array_equal(counts, np.fromiter(want.values(), dtype=np.float32)))


def _probe_bytes() -> list[bytes]:
    return [text.encode("utf-8", "surrogatepass") for text in PROBE_TEXTS] + [b"", b"\xff\xfe"]


PROBE_TEXTS = (
    "",
    "a",
    "The quick brown fox jumps over the lazy dog, and the dog does not mind at all.",
    "Der schnelle braune Fuchs springt über den faulen Hund. Straße, Größe, Ärger.",
    "Le renard brun rapide saute par-dessus le chien paresseux. Ça déjà été.",
    "Быстрая коричневая лиса прыгает через ленивую собаку.",
    "速い茶色の狐がのろまな犬を飛び越える。東京は日本の首都です。",
    "빠른 갈색 여우가 게으른 개를 뛰어넘는다.",
    "الثعلب البني السريع يقفز فوق الكلب الكسول",
    "Ο Σίσυφος 🙂 \u00a0nbsp\u2003em\u3000 \t\n x² ١٢٣ \ud800",
)
