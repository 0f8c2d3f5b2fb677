"""Language identification: a stop-word guess where it leaves no doubt, else py3langid's packaged
model (nothing is downloaded), walked by sieb's compiled twin of its n-gram counting when built
(`sieb.langwalk`: same results)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# Characters of text given to the classifier: more adds time (n-gram counting and scoring),
# not accuracy, on article bodies; 1,000 characters is about 150 words.
_SAMPLE_CHARS = 1000
# Below this many letters a guess is not worth making.
_MIN_LETTERS = 20
_LETTERS = re.compile(r"[^\W\d_]")

def _stops(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Stop words that belong to one language only, for a fast guess on clear cases: on the 670
# benchmark pages with an HTML-mode body, they decided 587 and agreed with py3langid on all.
LANGUAGE_STOPS = {
    "en": _stops("the of and to is that was for are with this have from which were"),
    "de": _stops("der und den von mit sich des auf für ist dem nicht eine auch werden"),
    "fr": _stops("le les des du et est une dans qui pour pas sur"),
    "es": _stops("el los las del por con una y muy"),
    "pt": _stops("não do da em os uma ao pelo são"),
    "it": _stops("il di che è per non della sono gli"),
    "nl": _stops("het een van dat niet zijn op voor met"),
}
# The guess reads this many characters and needs this many stop words of one language, making
# up this share of all the stop words it counted.
_GUESS_SAMPLE = 2000
_GUESS_MIN_STOPS = 15
_GUESS_SHARE = 0.8


def _stop_languages(stops: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Each stop word -> the languages it is a stop word of ("des": de and fr)."""
    languages: dict[str, tuple[str, ...]] = {}
    for code, words in stops.items():
        for word in words:
            languages[word] = (*languages.get(word, ()), code)
    return languages


_STOP_LANGUAGES = _stop_languages(LANGUAGE_STOPS)
_STOP_WORDS = frozenset(_STOP_LANGUAGES)


@lru_cache(maxsize=1)
def _identifier():
    from sieb.langwalk import load_identifier

    return load_identifier()


def guess_language(text: str) -> tuple[str | None, str]:
    """The body's language and how it was found: by language-specific stop words when they leave
    no doubt (fast), else by py3langid ("stop-words" or "py3langid")."""
    counts = _stop_counts(text[:_GUESS_SAMPLE].lower().split())
    best = max(counts, key=counts.__getitem__)
    total = sum(counts.values())
    if counts[best] >= _GUESS_MIN_STOPS and counts[best] >= _GUESS_SHARE * total:
        return best, "stop-words"
    code, _ = detect_language(text)
    return code, "py3langid"


def _stop_counts(words: list[str]) -> dict[str, int]:
    """How many of `words` are stop words of each language, in LANGUAGE_STOPS' order.

    Only the stop words among `words` are counted (a set filters them in C): the same sums
    as counting every word, without a dict entry per distinct word."""
    counts = dict.fromkeys(LANGUAGE_STOPS, 0)
    for word, found in Counter(filter(_STOP_WORDS.__contains__, words)).items():
        for code in _STOP_LANGUAGES[word]:
            counts[code] += found
    return counts


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of `text`'s language, or (None, 0.0) if too short."""
    return _classify(text[:_SAMPLE_CHARS])


# The same body is often asked twice (extract, then the corpus row): remember the last few.
@lru_cache(maxsize=32)
def _classify(sample: str) -> tuple[str | None, float]:
    if not _has_letters(sample, _MIN_LETTERS):
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)


def _has_letters(text: str, count: int) -> bool:
    """True when `text` has at least `count` letters (stops counting there)."""
    if count <= 0:
        return True
    return any(found >= count for found, _ in enumerate(_LETTERS.finditer(text), start=1))
