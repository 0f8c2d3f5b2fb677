"""py3langid's model with a faster, exact DFA walk.

py3langid scores a text by walking its UTF-8 bytes through a byte-level DFA in Python
(`visit_counts`: one dict lookup and two list lookups per byte, about 0.7 ms for the 1,000
characters sieb gives it), then a sparse dot product with the model. `sieb._langwalk.DfaWalker`
is the compiled twin of that walk: the same {feature: count} dict, in the same order, so the
scores, the language and its probability are exactly py3langid's. It is used when it is built,
SIEB_PURE_PYTHON is unset and it gives the same counts on the probe texts below; otherwise
py3langid's own `visit_counts` runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from py3langid.langid import MODEL_FILE, RAW_FLOOR, LanguageIdentifier, visit_counts

from sieb.compiled import pure_python_forced

# UTF-8 bytes -> {feature: count} in order of first occurrence, or None when there is none.
Walk = Callable[[bytes], "dict[int, int] | None"]


class WalkingIdentifier(LanguageIdentifier):
    """py3langid's LanguageIdentifier whose DFA walk is `self.walk` (see module docstring)."""

    __slots__ = ("compiled", "walk")

    def use_walk(self, walk: Walk, compiled: bool) -> None:
        self.walk, self.compiled = walk, compiled

    def _raw_score(self, text: bytes) -> np.ndarray:
        """py3langid's `_raw_score` with `self.walk` for `visit_counts`."""
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
    if pure_python_forced():
        return reference, False
    try:
        from sieb._langwalk import DfaWalker
    except ImportError:
        return reference, False
    compiled: Walk = DfaWalker(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output)
    if not all(_same(compiled(data), reference(data)) for data in _probe_bytes()):
        return reference, False
    return compiled, True


def load_identifier() -> WalkingIdentifier:
    """py3langid's packaged model with normalised probabilities and the fastest exact walk."""
    identifier = WalkingIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.use_walk(*walk_for(identifier))
    return identifier


def _same(got: dict | None, want: dict | None) -> bool:
    """Equal counts in the same order (the order decides the dot product's summation)."""
    if got is None or want is None:
        return got is None and want is None
    return list(got.items()) == list(want.items())


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
