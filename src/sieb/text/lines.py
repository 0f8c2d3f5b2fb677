"""Stage 1 of text mode: split flattened page text into lines and measure each one.

Features are language-light: length, words, terminal punctuation, capitalisation, digits,
stop-word ratio, label shape, separators, repetition within the page, and the block ("group") a
line belongs to: a group is a run of non-blank lines, since flatteners put a blank line between
blocks and none between the lines of one block (a figure's alt, caption and credit; a quote and
its speaker; the items of a menu).

Speed: the budget is a few microseconds per line, so features are computed column by column
(one `map` or comprehension per feature over all lines) and the searches that would cost a
regular-expression call per line run once over the page's joined text, their matches mapped back
to lines by offset. `LineFeatures` is a named tuple, built in C from the columns. What follows
from a line's text alone is computed once per distinct text and remembered across pages (menus,
sharing rows and footers recur on a page and on every page of a site).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import accumulate, repeat
from typing import NamedTuple

import numpy as np

from sieb.compiled import checked_twin, compiled_module
from sieb.text import patterns as P

# Scripts without spaces: one CJK character carries about as much text as three Latin letters
# (average English word of ~5 letters + space vs. ~1.7 characters per Chinese word).
_CJK_WEIGHT = 3
# Lines longer than this are measured on their first part only (a 10 MB line stays cheap).
_MEASURE_CHARS = 2000
# `has_digit` is measured on lines shorter than this only: it serves the tests of short lines
# (dates under 80 characters, counters under 60, a speaker's name of at most 8 words).
_DIGIT_CHARS = 100
_DIGIT = re.compile(r"\d")
# Text with fewer blank lines than this share of its non-blank lines has one block per line.
_BLANKLESS_SHARE = 0.05
# Three exclamation marks on a line are status messages ("Gemerkt! Bewertet! Kopiert!"), not prose.
_EXCLAMATIONS = 3


class LineFeatures(NamedTuple):
    """One non-blank input line and what text mode measures on it."""

    number: int  # 1-based line number in the input
    text: str  # the line, stripped
    low: str  # the line, lower-cased
    index: int  # position among the non-blank lines
    group: int  # index of the run of non-blank lines it belongs to
    group_pos: int  # position inside its group
    group_size: int
    chars: int  # length, CJK characters weighted (see _CJK_WEIGHT)
    words: int
    terminal: bool  # ends in sentence-final punctuation (closing quotes ignored)
    colon_end: bool
    upper_start: bool
    stop_ratio: float  # share of words that are function words
    repeats: int  # how often the same text occurs on the page
    separators: bool  # not prose, and has " | ", " > ", " / "...: a breadcrumb or row of links
    has_digit: bool  # a digit in the line, if it is shorter than _DIGIT_CHARS
    exclamations: bool  # at least three "!" (status messages: "Gemerkt! Bewertet! Kopiert!")
    consent_key: bool  # contains a literal key of the consent family (patterns.CONSENT_KEYS)
    notice_key: bool  # ... of the notice family (patterns.NOTICE_KEYS)
    footer_key: bool  # ... of the footer family (patterns.FOOTER_KEYS)
    is_prose: bool  # reads like running text: long enough, sentence punctuation, function words
    is_sentence: bool  # a short complete sentence, a one-line paragraph
    is_headline: bool  # shaped like a heading: short, no full stop, not a label


# Fields of `LineFeatures` from `chars` on: the numeric ones, in `Lines.numeric`.
_NUMERIC_FIELDS = len(LineFeatures._fields) - LineFeatures._fields.index("chars")


class Lines(list[LineFeatures]):
    """What `measure` returns: the page's `LineFeatures`, and as `numeric` their fields from
    `chars` to `is_headline` as a float array (fields x lines) and as `layout` their blocks, for
    the line model: built from the columns `measure` computes anyway, not from the tuples.
    `predicted`: the blocks are the break model's guess (`blocks.with_blocks`), not blank lines.
    """

    __slots__ = ("layout", "numeric", "predicted")

    def __init__(
        self,
        feats: list[LineFeatures],
        numeric: np.ndarray,
        layout: np.ndarray,
        predicted: bool = False,
    ) -> None:
        super().__init__(feats)
        self.numeric = numeric
        self.layout = layout  # group, group_pos, group_size of every line (3 x lines, int64)
        self.predicted = predicted


def _lines_with(haystack: str, starts: list[int], needles: tuple[str, ...]) -> list[bool]:
    """Whether each line of `haystack` (line i begins at starts[i]) contains a needle."""
    found = [False] * len(starts)
    find = haystack.find
    for needle in needles:
        pos = find(needle)
        while pos >= 0:
            line = bisect_right(starts, pos) - 1
            found[line] = True
            nxt = starts[line + 1] if line + 1 < len(starts) else len(haystack)
            pos = find(needle, nxt)  # one hit per line is enough
    return found


def _line_starts(lines: list[str]) -> list[int]:
    return list(accumulate([len(t) + 1 for t in lines[:-1]], initial=0))


# Features that follow from a line's text alone (`_by_text`), remembered by text: menus, sharing
# rows and footers recur on a page and across the pages of a site. Emptied when full.
_SEEN: dict[str, tuple] = {}
_SEEN_MAX = 20_000


def clear_seen() -> None:
    """Forget the lines remembered from earlier pages."""
    _SEEN.clear()


def has_blank_lines(feats: list[LineFeatures]) -> bool:
    """Whether blank lines stand between the lines of `feats` (their numbers skip at least
    _BLANKLESS_SHARE of them): else the text is one block per line, as a WET record is."""
    n = len(feats)
    return n > 0 and feats[-1].number - feats[0].number + 1 - n >= _BLANKLESS_SHARE * n


def python_measure(text: str) -> Lines:
    """Split `text` into its non-blank lines and measure each one (the definition; `measure` is
    the compiled twin when it is built and agrees on PROBE_TEXTS)."""
    rows = list(map(str.strip, text.split("\n")))
    kept = [i for i, s in enumerate(rows) if s]
    if not kept:
        return Lines([], np.empty((_NUMERIC_FIELDS, 0)), np.empty((3, 0), dtype=np.int64))
    n = len(kept)
    texts = [rows[i] for i in kept]
    numbers = [i + 1 for i in kept]
    # Groups: a line opens a group when the input line above it is blank (or it is the first).
    # Without blank lines between blocks (Common Crawl WET records put one block per line and
    # no blank lines), every line is a block of its own.
    if len(rows) - n < _BLANKLESS_SHARE * n:  # blank lines are fewer than that share
        opens = [True] * n
    else:
        opens = [i == 0 or not rows[i - 1] for i in kept]
    group_starts = [k for k, o in enumerate(opens) if o]
    groups = [g - 1 for g in accumulate(opens)]
    group_pos = [k - group_starts[g] for k, g in enumerate(groups)]
    sizes = [b - a for a, b in zip(group_starts, [*group_starts[1:], n], strict=True)]
    group_size = list(map(sizes.__getitem__, groups))

    counts = Counter(texts)
    repeats = list(map(counts.__getitem__, texts))
    known = {t: _SEEN.get(t) for t in counts}
    missing = [t for t, row in known.items() if row is None]
    if missing:
        fresh = list(zip(missing, _by_text(missing), strict=True))
        known.update(fresh)
        if len(_SEEN) + len(fresh) > _SEEN_MAX:
            _SEEN.clear()
        _SEEN.update(fresh)
    (
        low_lines,
        chars,
        words,
        terminal,
        colon_end,
        upper,
        stop_ratio,
        separators,
        has_digit,
        consent,
        notice,
        footer,
        prose,
        sentence,
        headline,
    ) = zip(*map(known.__getitem__, texts), strict=True)
    # Only the first _MEASURE_CHARS characters of a line tell whether the page has a "!" at all.
    bangs = [False] * n
    if any(t.find("!", 0, _MEASURE_CHARS) >= 0 for t in texts):
        bangs = [t.count("!") >= _EXCLAMATIONS for t in texts]
    numeric = (
        chars,
        words,
        terminal,
        colon_end,
        upper,
        stop_ratio,
        repeats,
        separators,
        has_digit,
        bangs,
        consent,
        notice,
        footer,
        prose,
        sentence,
        headline,
    )
    feats = list(
        map(
            tuple.__new__,
            repeat(LineFeatures),
            zip(
                numbers,
                texts,
                low_lines,
                range(n),
                groups,
                group_pos,
                group_size,
                *numeric,
                strict=True,
            ),
        )
    )
    layout = np.array((groups, group_pos, group_size), dtype=np.int64)
    return Lines(feats, np.array(numeric, dtype=np.float64), layout)


def _by_text(texts: list[str]) -> list[tuple]:
    """The features of each line that follow from its text alone, column by column: lower-cased
    text, then the fields of `LineFeatures` from `chars` to `is_headline` less `repeats` and
    `exclamations` (which depend on the page)."""
    n = len(texts)
    samples = texts
    if max(map(len, texts)) > _MEASURE_CHARS:
        samples = [t if len(t) <= _MEASURE_CHARS else t[:_MEASURE_CHARS] for t in texts]
    chars = list(map(len, samples))
    split = list(map(str.split, samples))
    words = list(map(len, split))
    joined = "\n".join(samples)
    if P.CJK.search(joined) is not None:
        for k, s in enumerate(samples):
            if not s.isascii():
                n_cjk = len(P.CJK.findall(s))
                if n_cjk:
                    chars[k] += n_cjk * (_CJK_WEIGHT - 1)
                    words[k] = max(words[k], n_cjk // 2)
    closers, terminal_chars = P.CLOSERS, P.TERMINAL
    ends = [t[-8:].rstrip(closers)[-1:] for t in texts]
    terminal = [e in terminal_chars for e in ends]
    colon_end = [e == ":" for e in ends]
    upper = [s[0].isupper() for s in samples]
    stop = P.STOP_SET.__contains__
    stop_ratio = [
        sum(map(stop, w)) / k if k > 2 else 0.0 for w, k in zip(split, words, strict=True)
    ]

    # Searches for the literal keys of the chrome families in all lines at once, mapped back.
    lows = ("\n".join(texts) if samples is not texts else joined).lower()
    low_lines = lows.split("\n")
    if len(low_lines) != n:  # lower-casing adds no newline; keep the alignment safe anyway
        low_lines = [t.lower() for t in texts]
        lows = "\n".join(low_lines)
    low_starts = _line_starts(low_lines)
    consent = _lines_with(lows, low_starts, P.CONSENT_KEYS)
    notice = _lines_with(lows, low_starts, P.NOTICE_KEYS)
    footer = _lines_with(lows, low_starts, P.FOOTER_KEYS)
    # Prose: long enough, sentence punctuation, function words (tests inlined: a function call
    # per line would cost more than they do).
    prose = [
        (r >= 0.08 or w < 10 or t) if c >= 150 else (c >= 60 and t and (r >= 0.12 or w < 6))
        for c, w, t, r in zip(chars, words, terminal, stop_ratio, strict=True)
    ]
    # Separators are looked for in lines of three words or more that are not prose.
    sep = P.SEPARATORS.search
    separators = [
        not p and w > 2 and sep(t) is not None
        for p, w, t in zip(prose, words, samples, strict=True)
    ]
    digit = _DIGIT.search
    has_digit = [
        c < _DIGIT_CHARS and digit(t) is not None for c, t in zip(chars, texts, strict=True)
    ]
    sentence = [
        t and w >= 4 and r >= 0.1 for t, w, r in zip(terminal, words, stop_ratio, strict=True)
    ]
    # Headline-shaped: short, no full stop, not a label, capitalised (or a digit or symbol first).
    headline = [
        0 < w <= 20
        and 8 <= c <= 160
        and not e
        and t[-1] != "."
        and (u or t[0].isdigit() or not t[0].isalpha())
        for t, c, w, e, u in zip(texts, chars, words, colon_end, upper, strict=True)
    ]
    return list(
        zip(
            low_lines,
            chars,
            words,
            terminal,
            colon_end,
            upper,
            stop_ratio,
            separators,
            has_digit,
            consent,
            notice,
            footer,
            prose,
            sentence,
            headline,
            strict=True,
        )
    )


# Pages the compiled `measure` must measure exactly as `python_measure` before it is used: CJK,
# final sigma, dotless i, long lines, Unicode whitespace and digits, keys, separators, bangs.
PROBE_TEXTS = (
    "",
    "\n \n\t",
    (
        "Title of the Page\n\nBy Jane Doe | 3 min read\nHome > News > World\n\n"
        "The council met on Tuesday and decided that the budget is to be cut by a third.\n"
        "Cookie settings: we use cookies. Accept!\nSign in to your account\n© 2024 All rights\n"
        "Gemerkt! Bewertet! Kopiert!\nA - b - c - d\n“Quote.”\nLabel:\n\u00a0 x\u2003y \u3000z\n"
        "Ihre Ihrer_ du2 YOU vous, Dein Ihr-Konto dich\u0301 your"
    ),
    (
        "蔡健雅（Tanya Chua），1975年1月28日出生于新加坡，祖籍中国江苏省，现定居于台湾。\n"
        "ΣΊΣΥΦΟΣ İSTANBUL ıi Straße ١٢٣ x² ⅷ\n"
    )
    + "Long prose of the page and the text. " * 80,
    "one\ntwo\nthree\nfour\n" * 30 + "Wow!!! " + "a " * 1100 + "!!!",
)


def _same_lines(a: Lines, b: Lines) -> bool:
    return (
        list(a) == list(b)
        and [type(f) for f in a] == [type(f) for f in b]
        and np.array_equal(a.numeric, b.numeric)
        and a.numeric.dtype == b.numeric.dtype
        and np.array_equal(a.layout, b.layout)
        and a.layout.dtype == b.layout.dtype
    )


def _compiled_measure() -> Callable[[str], Lines] | None:
    """The compiled `measure` when it is built, SIEB_PURE_PYTHON is unset and it agrees with
    `python_measure` on PROBE_TEXTS; else None."""
    module = compiled_module("sieb.text._measure")
    if module is None:
        return None
    try:
        compiled: Callable[[str], Lines] = module.Measurer(
            P.STOP_SET,
            P.CLOSERS,
            "".join(sorted(P.TERMINAL)),
            (P.CONSENT_KEYS, P.NOTICE_KEYS, P.FOOTER_KEYS),
            LineFeatures,
            Lines,
            _MEASURE_CHARS,
            _DIGIT_CHARS,
            _CJK_WEIGHT,
            _EXCLAMATIONS,
            _BLANKLESS_SHARE,
            _NUMERIC_FIELDS,
        )
    except (TypeError, ValueError):  # built for other fields, keys or marks
        return None
    agrees = all(_same_lines(compiled(t), python_measure(t)) for t in PROBE_TEXTS)
    clear_seen()
    return compiled if agrees else None


measure: Callable[[str], Lines] = _compiled_measure() or python_measure
# Whether `measure` is the compiled one.
COMPILED = measure is not python_measure


def python_holds_nul(text: str) -> bool:
    """Whether `text` holds a NUL character (the definition of the compiled `holds_nul`)."""
    return "\x00" in text


def _nul_probes() -> Iterator[tuple[str]]:
    """Texts of each width of str, with a NUL at either end, inside, or none, around the
    compiled search's 32-character steps."""
    for wide in ("", "\u00e9", "\u2019", "\U0001f600"):
        for length in (0, 1, 31, 32, 33, 64, 100):
            text = ("ab" * length)[:length] + wide
            yield (text,)
            for at in {0, len(text) // 2, len(text)}:
                yield (text[:at] + "\x00" + text[at:],)


# `"\x00" in text` reads a page of two bytes a character one character at a time.
holds_nul: Callable[[str], bool] = (
    checked_twin("sieb.text._measure", "holds_nul", python_holds_nul, _nul_probes())
    or python_holds_nul
)
