"""Per-block text counts for the block features: words, stop words, capitals, punctuation.

`python_counter` is the definition (regexes over the text); `sieb._textcounts` is its compiled
equivalent (one character scan), used when it is built, SIEB_PURE_PYTHON is unset and it gives
the same counts on the probe texts below. `counter_for` returns whichever applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sieb.compiled import compiled_module

# (words, ends with a terminal mark, , . ; ! marks, stop words, words starting with a digit,
#  capitalised words, characters that are not a space)
TextCounts = tuple[int, int, int, int, int, int, int]
Counter = Callable[[str], TextCounts]

_WORD = re.compile(r"\w+")
_DIGIT_WORD = re.compile(r"\b\d")
_CAPITALISED_WORD = re.compile(r"\b[^\W\d_a-zß-ÿ]", re.UNICODE)


def python_counter(stopwords: frozenset[str], terminal: str) -> Counter:
    """The counts of a block's text, in Python; `stopwords` are lower case."""
    is_stopword = stopwords.__contains__

    def text_counts(text: str) -> TextCounts:
        lower_words = _WORD.findall(text.lower())
        return (
            len(lower_words),
            1 if text and text[-1] in terminal else 0,
            text.count(",") + text.count(".") + text.count(";") + text.count("!"),
            sum(map(is_stopword, lower_words)),
            len(_DIGIT_WORD.findall(text)),
            len(_CAPITALISED_WORD.findall(text)),
            len(text) - text.count(" "),
        )

    return text_counts


def counter_for(stopwords: frozenset[str], terminal: str) -> tuple[Counter, bool]:
    """The compiled counter when it is available and exact on the probes, else the Python one;
    and whether it is the compiled one."""
    reference = python_counter(stopwords, terminal)
    module = compiled_module("sieb._textcounts")
    if module is None:
        return reference, False
    compiled: Counter = module.Counter(stopwords, terminal)
    if any(compiled(text) != reference(text) for text in PROBE_TEXTS):
        return reference, False
    return compiled, True


PROBE_TEXTS = (
    "",
    " ",
    "The quick brown Fox, and the lazy dog. 42 times; 3rd! _under_score",
    "Straße ÄÖÜ äöü ß ÿ À É ı İstanbul Σίσυφος σ 文字 ١٢٣ x²",
    "Ende.",
    "«Zitat»",
    "und der die das: DER Die das 1.000,50 € – 2026",
    "\u00a0nbsp\u2003em\u3000ideographic\t tab\nnewline\x1cfs",
    "İİİ i̇ Σ ς",
    "Für daß über FÜR Über Ærø µ ª º ½ × ÷ ÿ",
    "’und’ „die“ – DER Σίσυφος ς σ Жж der\u212a \u212bder",
)
