"""Numeric features of text blocks, for the block classifier.

Features are context-free first (the block's own text and ancestors), then page context (the
main-content container found by `sieb.container`), then neighbours (the blocks before and after).
The names in `FEATURE_NAMES` are stored with the fitted weights, so a model and the code that
computes its features cannot drift apart silently.
"""

from __future__ import annotations

import numpy as np

from sieb.blocks import Segmentation, TextBlock
from sieb.signals import ALL_FLAGS, FLAG_NAMES
from sieb.textcounts import counter_for

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
    "has_body_hint",
    "in_body_hint",
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


# Per-block counts (sieb.textcounts); compiled when sieb._textcounts is built.
_text_counts, TEXT_COUNTS_COMPILED = counter_for(STOPWORDS, "".join(sorted(_TERMINAL)))


# A declared body shorter than this is a summary, not the article.
HINT_MIN_CHARS = 200


def title_index(blocks: list[TextBlock], title: str | None) -> int:
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


_GROUP_INDEX = {g: i for i, g in enumerate(TAG_GROUPS)}
_FLAG_BITS = np.array(ALL_FLAGS, dtype=np.int64)


def page_matrix(
    seg: Segmentation,
    main: int,
    descendants_of_main: list[bool],
    title: str | None = None,
    body_hint: str | None = None,
) -> np.ndarray:
    """Stage-one features of every block as one matrix (rows: blocks, columns: BASE_FEATURES).

    The per-block Python work is limited to what needs the text; everything else is computed
    column-wise with numpy.
    """
    blocks = seg.blocks
    elements = seg.elements
    n = len(blocks)
    hint = " ".join(body_hint.split()) if body_hint and len(body_hint) >= HINT_MIN_CHARS else ""
    raw = np.empty((n, 14), dtype=np.float64)
    group = np.empty(n, dtype=np.int64)
    flags = np.empty(n, dtype=np.int64)
    own_flags = np.empty(n, dtype=np.int64)
    element_index = np.empty(n, dtype=np.int64)
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.text] = counts.get(block.text, 0) + 1
    for i, block in enumerate(blocks):
        text = block.text
        ctx = block.ctx
        words, terminal, punctuation, stopwords, digits, capitals, non_space = _text_counts(text)
        raw[i] = (
            len(text),
            words,
            block.link_chars,
            terminal,
            punctuation,
            stopwords,
            digits,
            capitals,
            non_space,
            1.0 if counts[text] > 1 and text else 0.0,
            block.fragments,
            1.0 if hint and len(text) >= 20 and text[:80] in hint else 0.0,
            min(ctx.neg, 4),
            min(ctx.pos, 6),
        )
        group[i] = _GROUP_INDEX[_TAG_GROUP.get(block.tag, "other")]
        flags[i] = ctx.flags
        own_flags[i] = elements[block.element].signal
        element_index[i] = block.element
    chars, n_found, link_chars = raw[:, 0], raw[:, 1], raw[:, 2]
    n_words = np.maximum(n_found, 1.0)
    link_density = np.divide(link_chars, chars, out=np.zeros(n), where=chars > 0)
    position = np.asarray([b.position for b in blocks])
    depth = np.minimum(np.asarray([b.depth for b in blocks], dtype=np.float64), 60) / 60.0
    ctxs = [b.ctx for b in blocks]
    member = np.asarray(
        [
            (c.in_article, c.list_id >= 0, c.table_id >= 0, c.figure_id >= 0, c.quote_id >= 0)
            for c in ctxs
        ],
        dtype=np.float64,
    ).reshape(n, 5)
    el_chars = np.asarray([e.text_chars for e in elements], dtype=np.float64)[element_index]
    el_links = np.asarray([e.link_chars for e in elements], dtype=np.float64)[element_index]
    total_chars = max(elements[0].text_chars, 1) if elements else 1
    main_el = elements[main]
    inside = np.asarray(descendants_of_main, dtype=np.float64)
    inside_idx = np.flatnonzero(inside)
    first_main = inside_idx[0] if inside_idx.size else n
    last_main = inside_idx[-1] if inside_idx.size else -1
    idx = np.arange(n)
    log_chars = np.log1p(chars)
    prev_log = np.concatenate(([0.0], log_chars[:-1]))
    next_log = np.concatenate((log_chars[1:], [0.0]))
    prev_ld = np.concatenate(([0.0], link_density[:-1]))
    next_ld = np.concatenate((link_density[1:], [0.0]))
    title_at = title_index(blocks, title)
    after_title = (idx > title_at) if title_at >= 0 else np.zeros(n, dtype=bool)
    columns = [
        np.ones(n),
        log_chars,
        np.log1p(n_found),
        link_density,
        raw[:, 3],
        np.minimum(raw[:, 4] / n_words, 1.0),
        raw[:, 5] / n_words,
        raw[:, 6] / n_words,
        raw[:, 7] / n_words,
        np.minimum(raw[:, 8] / n_words / 10.0, 2.0),
        *np.eye(len(TAG_GROUPS))[group].T,
        *((flags[:, None] & _FLAG_BITS) != 0).astype(np.float64).T,
        raw[:, 12] / 4.0,
        raw[:, 13] / 6.0,
        member[:, 0],
        position,
        position * position,
        depth,
        member[:, 1],
        member[:, 2],
        member[:, 3],
        member[:, 4],
        (link_density > 0.9).astype(np.float64),
        raw[:, 9],
        inside,
        np.full(n, main_el.text_chars / total_chars),
        np.full(n, main_el.link_chars / max(main_el.text_chars, 1)),
        el_links / np.maximum(el_chars, 1.0),
        el_chars / total_chars,
        prev_log,
        next_log,
        prev_ld,
        next_ld,
        (idx < first_main).astype(np.float64),
        (idx > last_main).astype(np.float64),
        *((own_flags[:, None] & _FLAG_BITS) != 0).astype(np.float64).T,
        (idx == title_at).astype(np.float64),
        after_title.astype(np.float64),
        np.where(after_title, np.minimum(idx - title_at, 50) / 50.0, 0.0),
        np.log1p(el_chars),
        np.log1p(raw[:, 10]),
        np.minimum(chars / np.maximum(raw[:, 10], 1.0) / 100.0, 3.0),
        np.full(n, 1.0 if hint else 0.0),
        raw[:, 11],
    ]
    return np.column_stack(columns)
