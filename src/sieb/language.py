"""Language identification with py3langid's packaged model (nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache

# Characters of text given to the classifier: more adds time, not accuracy, on article bodies.
_SAMPLE_CHARS = 3000
# Below this many letters a guess is not worth making.
_MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid has no public type
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of `text`'s language, or (None, 0.0) if too short."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)
