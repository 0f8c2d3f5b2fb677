"""Numeric features of text blocks, for the block classifier.

Features are context-free first (the block's own text and ancestors), then page context (the
main-content container found by `sieb.container`), then neighbours (the blocks before and after).
The names in `FEATURE_NAMES` are stored with the fitted weights, so a model and the code that
computes its features cannot drift apart silently.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from sieb.blocks import Segmentation, TextBlock
from sieb.signals import ALL_FLAGS, FLAG_NAMES

# Function words of the languages most pages are in. They mark running prose, whatever the topic.
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "who",
        "which",
        "what",
        "when",
        "where",
        "there",
        "than",
        "then",
        "also",
        "after",
        "before",
        "about",
        "into",
        "over",
        "more",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "nicht",
        "ist",
        "sind",
        "war",
        "waren",
        "wird",
        "werden",
        "wurde",
        "wurden",
        "hat",
        "haben",
        "hatte",
        "sich",
        "mit",
        "von",
        "zu",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "für",
        "nach",
        "über",
        "unter",
        "vor",
        "auch",
        "als",
        "wie",
        "dass",
        "daß",
        "es",
        "er",
        "sie",
        "wir",
        "ihr",
        "ich",
        "man",
        "noch",
        "nur",
        "so",
        "schon",
        "sein",
        "seine",
        "ihre",
        "um",
        "durch",
        "gegen",
        "bis",
        "sei",
        "habe",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "est",
        "en",
        "que",
        "qui",
        "dans",
        "pour",
        "pas",
        "sur",
        "au",
        "avec",
        "il",
        "elle",
        "el",
        "los",
        "las",
        "y",
        "es",
        "por",
        "con",
        "para",
        "una",
        "del",
        "lo",
        "se",
    ]
)
_WORD = re.compile(r"\w+")
_TERMINAL = frozenset(".!?:;\"”“«»)'")
TAG_GROUPS = ("p", "h1", "hx", "li", "td", "div", "blockquote", "pre", "figcaption", "dd", "other")
_TAG_GROUP = {
    "p": "p",
    "h1": "h1",
    "h2": "hx",
    "h3": "hx",
    "h4": "hx",
    "h5": "hx",
    "h6": "hx",
    "li": "li",
    "td": "td",
    "th": "td",
    "div": "div",
    "section": "div",
    "article": "div",
    "main": "div",
    "blockquote": "blockquote",
    "pre": "pre",
    "figcaption": "figcaption",
    "dd": "dd",
    "dt": "dd",
    "caption": "figcaption",
    "body": "div",
    "center": "div",
}

BASE_FEATURES: tuple[str, ...] = (
    "bias",
    "log_chars",
    "log_words",
    "link_density",
    "terminal_punct",
    "punct_per_word",
    "stopword_ratio",
    "digit_ratio",
    "capitalised_ratio",
    "mean_word_len",
    *(f"tag_{g}" for g in TAG_GROUPS),
    *(f"flag_{FLAG_NAMES[f].replace('/', '_').replace(' ', '_')}" for f in ALL_FLAGS),
    "neg_count",
    "pos_count",
    "in_article",
    "position",
    "position_sq",
    "depth",
    "in_list",
    "in_table",
    "in_figure",
    "in_quote",
    "all_link",
    "duplicate_on_page",
    "in_main",
    "main_share",
    "main_link_density",
    "element_link_density",
    "element_share",
    "prev_log_chars",
    "next_log_chars",
    "prev_link_density",
    "next_link_density",
    "before_main",
    "after_main",
    *(f"own_{FLAG_NAMES[f].replace('/', '_').replace(' ', '_')}" for f in ALL_FLAGS),
    "is_title",
    "after_title",
    "blocks_after_title",
    "log_element_chars",
    "log_fragments",
    "chars_per_fragment",
)
# Second stage: the first stage's probabilities of the neighbours.
CONTEXT_FEATURES: tuple[str, ...] = (
    "p_self",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    "p_window_mean",
    "p_element_mean",
    "in_refined_main",
    "refined_main_share",
    "before_refined_main",
    "after_refined_main",
)


_is_stopword = STOPWORDS.__contains__
_DIGIT_WORD = re.compile(r"\b\d")
_CAPITALISED_WORD = re.compile(r"\b[^\W\d_a-zß-ÿ]", re.UNICODE)
_GROUP_ONE_HOT = {g: tuple(1.0 if g == h else 0.0 for h in TAG_GROUPS) for g in TAG_GROUPS}


@lru_cache(maxsize=4096)
def _flag_vector(flags: int) -> tuple[float, ...]:
    return tuple(1.0 if flags & f else 0.0 for f in ALL_FLAGS)


def text_features(block: TextBlock) -> list[float]:
    """The block's features that depend on its text and ancestors alone."""
    text = block.text
    chars = len(text)
    lower_words = _WORD.findall(text.lower())
    n_found = len(lower_words)
    n_words = n_found or 1
    stop = sum(map(_is_stopword, lower_words))
    digits = len(_DIGIT_WORD.findall(text))
    capitalised = len(_CAPITALISED_WORD.findall(text))
    punct = text.count(",") + text.count(".") + text.count(";") + text.count("!")
    group = _TAG_GROUP.get(block.tag, "other")
    letters = chars - text.count(" ")
    link_density = block.link_chars / chars if chars else 0.0
    return [
        1.0,
        math.log1p(chars),
        math.log1p(n_found),
        link_density,
        1.0 if text and text[-1] in _TERMINAL else 0.0,
        min(punct / n_words, 1.0),
        stop / n_words,
        digits / n_words,
        capitalised / n_words,
        min(letters / n_words / 10.0, 2.0),
        *_GROUP_ONE_HOT[group],
        *_flag_vector(block.flags),
        min(block.neg, 4) / 4.0,
        min(block.pos, 6) / 6.0,
        1.0 if block.in_article else 0.0,
        block.position,
        block.position * block.position,
        min(block.depth, 60) / 60.0,
        1.0 if block.list_id >= 0 else 0.0,
        1.0 if block.table_id >= 0 else 0.0,
        1.0 if block.figure_id >= 0 else 0.0,
        1.0 if block.quote_id >= 0 else 0.0,
        1.0 if link_density > 0.9 else 0.0,
    ]


def _title_index(blocks: list[TextBlock], title: str | None) -> int:
    """Index of the block that is the page's headline (an h1, or a heading equal to the title)."""
    wanted = " ".join((title or "").split()).casefold()
    first_h1 = -1
    for i, block in enumerate(blocks):
        if not block.heading_level:
            continue
        text = block.text.casefold()
        if wanted and (text == wanted or (len(text) > 15 and (text in wanted or wanted in text))):
            return i
        if block.heading_level == 1 and first_h1 < 0:
            first_h1 = i
    return first_h1


def page_features(
    seg: Segmentation,
    main: int,
    main_ancestors: frozenset[int],
    descendants_of_main: list[bool],
    title: str | None = None,
) -> list[list[float]]:
    """Full base feature vectors of every block (text, page context and neighbours)."""
    blocks = seg.blocks
    title_at = _title_index(blocks, title)
    elements = seg.elements
    total_chars = max(elements[0].text_chars, 1) if elements else 1
    main_el = elements[main] if elements else None
    main_share = main_el.text_chars / total_chars if main_el else 0.0
    main_ld = main_el.link_chars / max(main_el.text_chars, 1) if main_el else 0.0
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.text] = counts.get(block.text, 0) + 1
    first_main = next((i for i, flag in enumerate(descendants_of_main) if flag), len(blocks))
    last_main = max((i for i, flag in enumerate(descendants_of_main) if flag), default=-1)
    own = [text_features(b) for b in blocks]
    rows: list[list[float]] = []
    for i, block in enumerate(blocks):
        element = elements[block.element]
        prev_block = blocks[i - 1] if i > 0 else None
        next_block = blocks[i + 1] if i + 1 < len(blocks) else None
        rows.append(
            [
                *own[i],
                1.0 if counts[block.text] > 1 and len(block.text) > 0 else 0.0,
                1.0 if descendants_of_main[i] else 0.0,
                main_share,
                main_ld,
                element.link_chars / max(element.text_chars, 1),
                element.text_chars / total_chars,
                own[i - 1][1] if prev_block else 0.0,
                own[i + 1][1] if next_block else 0.0,
                own[i - 1][3] if prev_block else 0.0,
                own[i + 1][3] if next_block else 0.0,
                1.0 if i < first_main else 0.0,
                1.0 if i > last_main else 0.0,
                *_flag_vector(element.signal),
                1.0 if i == title_at else 0.0,
                1.0 if title_at >= 0 and i > title_at else 0.0,
                min(i - title_at, 50) / 50.0 if title_at >= 0 and i > title_at else 0.0,
                math.log1p(element.text_chars),
                math.log1p(block.fragments),
                min(len(block.text) / max(block.fragments, 1) / 100.0, 3.0),
            ]
        )
    return rows


# The refined main container is the deepest element holding this share of the first stage's
# body mass (probability x characters); 0.8 tolerates a stray kept block outside the article.
REFINED_MASS_SHARE = 0.8


def refined_main(probs: list[float], seg: Segmentation) -> tuple[int, list[bool]]:
    """The deepest element holding most first-stage body mass, and which blocks lie inside it."""
    elements = seg.elements
    mass = [0.0] * len(elements)
    for p, block in zip(probs, seg.blocks, strict=True):
        if p >= 0.5:
            mass[block.element] += p * len(block.text)
    for index in range(len(elements) - 1, 0, -1):
        parent = elements[index].parent
        if parent >= 0:
            mass[parent] += mass[index]
    total = mass[0] if mass else 0.0
    best = 0
    if total > 0:
        for index in range(len(elements)):
            if (
                mass[index] >= REFINED_MASS_SHARE * total
                and elements[index].depth >= elements[best].depth
            ):
                best = index
    inside = []
    for block in seg.blocks:
        element = block.element
        while element > best:
            element = elements[element].parent
        inside.append(element == best)
    return best, inside


def context_features(probs: list[float], seg: Segmentation) -> list[list[float]]:
    """Second-stage features: each block's first-stage probability, its neighbours' and whether
    it lies in the element that holds most of the first stage's body text."""
    blocks = seg.blocks
    n = len(probs)
    by_element: dict[int, list[float]] = {}
    for p, block in zip(probs, blocks, strict=True):
        by_element.setdefault(block.element, []).append(p)
    element_mean = {k: sum(v) / len(v) for k, v in by_element.items()}
    best, inside = refined_main(probs, seg)
    total_chars = max(seg.elements[0].text_chars, 1) if seg.elements else 1
    best_share = seg.elements[best].text_chars / total_chars if seg.elements else 0.0
    first_inside = next((i for i, flag in enumerate(inside) if flag), n)
    last_inside = max((i for i, flag in enumerate(inside) if flag), default=-1)
    rows = []
    for i in range(n):
        window = probs[max(0, i - 3) : i + 4]
        rows.append(
            [
                probs[i],
                probs[i - 1] if i > 0 else 0.0,
                probs[i + 1] if i + 1 < n else 0.0,
                probs[i - 2] if i > 1 else 0.0,
                probs[i + 2] if i + 2 < n else 0.0,
                sum(window) / len(window),
                element_mean[blocks[i].element],
                1.0 if inside[i] else 0.0,
                best_share,
                1.0 if i < first_inside else 0.0,
                1.0 if i > last_inside else 0.0,
            ]
        )
    return rows
