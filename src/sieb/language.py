"""Language identification with py3langid's packaged model (nothing is downloaded)."""

from __future__ import annotations

import re
from functools import lru_cache

# Characters of text given to the classifier: more adds time (py3langid's n-gram counting is
# Python), not accuracy, on article bodies; 1,000 characters is about 150 words.
_SAMPLE_CHARS = 1000
# Below this many letters a guess is not worth making.
_MIN_LETTERS = 20
_LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of `text`'s language, or (None, 0.0) if too short."""
    return _classify(text[:_SAMPLE_CHARS])


# The same body is often asked twice (extract, then the corpus row): remember the last few.
@lru_cache(maxsize=32)
def _classify(sample: str) -> tuple[str | None, float]:
    if len(_LETTERS.findall(sample)) < _MIN_LETTERS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)
