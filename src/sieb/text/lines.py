"""Stage 1 of text mode: split flattened page text into lines and measure each one.

Features are language-light: length, words, terminal punctuation, capitalisation, digits,
stop-word ratio, label shape, separators, repetition within the page, and the block ("group") a
line belongs to: a group is a run of non-blank lines, since flatteners put a blank line between
blocks and none between the lines of one block (a figure's alt, caption and credit; a quote and
its speaker; the items of a menu).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sieb.text import patterns as P

# Scripts without spaces: one CJK character carries about as much text as three Latin letters
# (average English word of ~5 letters + space vs. ~1.7 characters per Chinese word).
_CJK_WEIGHT = 3
_DIGIT = re.compile(r"\d")
_SEPARATOR_CHARS = re.compile(r"[|>»›/•·–-]")
# Lines longer than this are measured on their first part only (a 10 MB line stays cheap).
_MEASURE_CHARS = 2000


@dataclass(slots=True)
class LineFeatures:
    """One non-blank input line and what text mode measures on it."""

    number: int  # 1-based line number in the input
    text: str  # the line, stripped
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

    separators: bool  # contains " | ", " > ", " / "...: a breadcrumb or a row of links
    has_digit: bool  # a digit among the first 200 characters

    @property
    def is_prose(self) -> bool:
        """Reads like running text: long enough, sentence punctuation, function words."""
        if self.chars >= 150:
            return self.stop_ratio >= 0.08 or self.words < 10 or self.terminal
        return self.chars >= 60 and self.terminal and (self.stop_ratio >= 0.12 or self.words < 6)

    @property
    def is_sentence(self) -> bool:
        """A short complete sentence (a one-line paragraph)."""
        return self.terminal and self.words >= 4 and self.stop_ratio >= 0.1

    @property
    def is_headline(self) -> bool:
        """Shaped like a heading: short, no sentence-final full stop, not a label."""
        return (
            1 <= self.words <= 20
            and 8 <= self.chars <= 160
            and not self.colon_end
            and not self.text.endswith(".")
            and (self.upper_start or self.text[0].isdigit() or not self.text[0].isalpha())
        )


def measure(text: str) -> list[LineFeatures]:
    """Split `text` into its non-blank lines and measure each one."""
    raw: list[tuple[int, str, int, int]] = []  # (number, text, group, group_pos)
    group = -1
    pos = 0
    previous_blank = True
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            continue
        if previous_blank:
            group += 1
            pos = 0
        else:
            pos += 1
        raw.append((number, stripped, group, pos))
        previous_blank = False
    sizes = Counter(g for _, _, g, _ in raw)
    counts = Counter(t for _, t, _, _ in raw)
    cjk = P.CJK.search(text) is not None
    stop = P.STOP_SET.__contains__
    closers = P.CLOSERS
    terminal_chars = P.TERMINAL
    feats = []
    for i, (number, stripped, g, gpos) in enumerate(raw):
        sample = stripped if len(stripped) <= _MEASURE_CHARS else stripped[:_MEASURE_CHARS]
        words = sample.split()
        n_words = len(words)
        chars = len(sample)
        if cjk and not sample.isascii():
            n_cjk = len(P.CJK.findall(sample))
            if n_cjk:
                chars += n_cjk * (_CJK_WEIGHT - 1)
                n_words = max(n_words, n_cjk // 2)
        end = stripped[-8:].rstrip(closers)
        last = end[-1] if end else ""
        stops = sum(map(stop, words)) if n_words > 2 else 0
        head = sample[:200]
        separators = (
            n_words > 2
            and _SEPARATOR_CHARS.search(head) is not None
            and P.SEPARATORS.search(sample) is not None
        )
        feats.append(
            LineFeatures(
                number,
                stripped,
                i,
                g,
                gpos,
                sizes[g],
                chars,
                n_words,
                last in terminal_chars,
                last == ":",
                sample[0].isupper(),
                stops / n_words if n_words else 0.0,
                counts[stripped],
                separators,
                _DIGIT.search(head) is not None,
            )
        )
    return feats
