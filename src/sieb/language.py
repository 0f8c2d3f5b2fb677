"""Language identification: a stop-word guess where it leaves no doubt, else py3langid's packaged
model (nothing is downloaded), walked by sieb's compiled twin of its n-gram counting when built
(`sieb.langwalk`: same results)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from sieb.compiled import compiled_module

# Characters of text given to the classifier: more adds time (n-gram counting and scoring),
# not accuracy, on article bodies; 1,000 characters is about 150 words.
_SAMPLE_CHARS = 1000
# Below this many letters a guess is not worth making.
_MIN_LETTERS = 20
# Matches the start of a text that holds _MIN_LETTERS letters ([\W\d_] is every other
# character): one match in C instead of a match object per letter.
_ENOUGH_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{_MIN_LETTERS}}}")

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
    counts = _STOP_COUNTS(text)
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


def python_stop_counts(text: str) -> dict[str, int]:
    """How many stop words of each language the start of `text` holds (the definition; the
    compiled twin, sieb._langwalk.StopCounter, gives the same without a string per word)."""
    return _stop_counts(text[:_GUESS_SAMPLE].lower().split())


# Texts on which the compiled counter must agree: cases, accents, stop words of two languages,
# characters whose lowering is special (final sigma, dotted capital I, Kelvin sign), NUL,
# Unicode whitespace, and a text longer than the sample with a word across its end.
STOP_PROBES = (
    "",
    "The cat of the house was sitting on the mat, and THAT is all; This is it.",
    "Der Hund und die Katze sind FÜR den Sieg über DES Königs Land: des des Des.",
    "NÃO são os Não è È É il di che è per",
    "ΣΑΣ σας Σ ΟΔΟΣ İstanbul İ \u212a K the\x00 \x00the the",
    "the\u00a0of und\u2003der\u3000het\u2028een\x1cvan\x85dat",
    "“The” – it’s the \u212bnd \u212aDE İL Ⅰ \U0001f600 für FÜR. «Des» dem Text",
    "word " * 399 + "the other",
)


def _compiled_stop_counts() -> Callable[[str], dict[str, int]] | None:
    """sieb._langwalk.StopCounter when it is built, SIEB_PURE_PYTHON is unset and it counts as
    python_stop_counts on STOP_PROBES; else None."""
    module = compiled_module("sieb._langwalk")
    if module is None:
        return None
    try:
        counter = module.StopCounter(LANGUAGE_STOPS, _GUESS_SAMPLE)
    except ValueError:  # stop words it cannot pack
        return None
    for text in STOP_PROBES:
        if list(counter(text).items()) != list(python_stop_counts(text).items()):
            return None
    return counter


_STOP_COUNTS: Callable[[str], dict[str, int]] = _compiled_stop_counts() or python_stop_counts


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of `text`'s language, or (None, 0.0) if too short."""
    return _classify(text[:_SAMPLE_CHARS])


# The same body is often asked twice (extract, then the corpus row): remember the last few.
@lru_cache(maxsize=32)
def _classify(sample: str) -> tuple[str | None, float]:
    if not _has_letters(sample):
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)


def _has_letters(text: str) -> bool:
    """True when `text` has at least _MIN_LETTERS letters (stops counting there)."""
    return _ENOUGH_LETTERS.match(text) is not None
