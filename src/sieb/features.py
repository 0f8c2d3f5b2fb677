"""Numeric features of text blocks, for the block classifier.

Features are context-free first (the block's own text and ancestors), then page context (the
main-content container found by `sieb.container`), then neighbours (the blocks before and after).
The names in `FEATURE_NAMES` are stored with the fitted weights, so a model and the code that
computes its features cannot drift apart silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from selectolax.lexbor import LexborHTMLParser

from sieb.blocks import Context, Element, Segmentation, TextBlock, segment_python
from sieb.blocks import inside as inside_element
from sieb.signals import ALL_FLAGS, FLAG_NAMES
from sieb.textcounts import counter_for

if TYPE_CHECKING:
    from sieb._textcounts import BlockColumns

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


# sieb._textcounts.refined_main: (probs, blocks, elements, share) -> python_refined_main's result.
RefinedMain = Callable[[list[float], list[TextBlock], list[Element], float], tuple[int, list[bool]]]


def refined_main(probs: list[float], seg: Segmentation) -> tuple[int, list[bool]]:
    """The deepest element holding most first-stage body mass, and which blocks lie inside it."""
    if _compiled_refined_main is None or not seg.elements:
        return python_refined_main(probs, seg)
    return _compiled_refined_main(probs, seg.blocks, seg.elements, REFINED_MASS_SHARE)


def python_refined_main(probs: list[float], seg: Segmentation) -> tuple[int, list[bool]]:
    """refined_main in Python: the definition of sieb._textcounts.refined_main."""
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


# The neighbours on each side averaged in p_window_mean.
_WINDOW = 3


def context_features(probs: list[float], seg: Segmentation) -> np.ndarray:
    """Second-stage features (rows: blocks, columns: CONTEXT_FEATURES): each block's first-stage
    probability, its neighbours' and whether it lies in the element that holds most of the first
    stage's body text.

    Sums run left to right as Python's `sum` does (the window adds zeros past the page's ends,
    `bincount` adds each element's probabilities in block order), so the values are bit-exact.
    """
    n = len(probs)
    p = np.asarray(probs, dtype=np.float64)
    element = np.fromiter((block.element for block in seg.blocks), dtype=np.int64, count=n)
    element_sum, element_blocks = np.bincount(element, weights=p), np.bincount(element)
    best, inside = refined_main(probs, seg)
    total_chars = max(seg.elements[0].text_chars, 1) if seg.elements else 1
    best_share = seg.elements[best].text_chars / total_chars if seg.elements else 0.0
    inside_at = np.flatnonzero(inside)
    first_inside = inside_at[0] if inside_at.size else n
    last_inside = inside_at[-1] if inside_at.size else -1
    idx = np.arange(n)
    out = np.zeros((n, len(CONTEXT_FEATURES)))  # columns in the order of CONTEXT_FEATURES
    out[:, 0] = p
    out[1:, 1] = p[:-1]
    out[:-1, 2] = p[1:]
    out[2:, 3] = p[:-2]
    out[:-2, 4] = p[2:]
    out[:, 5] = _window_sum(p, _WINDOW) / (
        np.minimum(idx + _WINDOW + 1, n) - np.maximum(idx - _WINDOW, 0)
    )
    out[:, 6] = element_sum[element] / element_blocks[element]
    out[:, 7] = inside
    out[:, 8] = best_share
    out[:, 9] = idx < first_inside
    out[:, 10] = idx > last_inside
    return out


def _window_sum(values: np.ndarray, reach: int) -> np.ndarray:
    """Sum of values[i - reach : i + reach + 1] for each i, added left to right."""
    n = len(values)
    padded = np.zeros(n + 2 * reach)
    padded[reach : reach + n] = values
    total = padded[:n] + padded[1 : n + 1]
    for shift in range(2, 2 * reach + 1):
        total += padded[shift : shift + n]
    return total


_GROUP_INDEX = {g: i for i, g in enumerate(TAG_GROUPS)}
_FLAG_BITS = np.array(ALL_FLAGS, dtype=np.int64)
_COLUMN = {name: i for i, name in enumerate(BASE_FEATURES)}


def _columns(first: str, count: int) -> slice:
    return slice(_COLUMN[first], _COLUMN[first] + count)


_TAG_COLUMNS = _columns("tag_p", len(TAG_GROUPS))
_FLAG_COLUMNS = _columns(f"flag_{FLAG_NAMES[ALL_FLAGS[0]]}", len(ALL_FLAGS))
_OWN_FLAG_COLUMNS = _columns(f"own_{FLAG_NAMES[ALL_FLAGS[0]]}", len(ALL_FLAGS))
_MEMBER_COLUMNS = [_COLUMN[name] for name in ("in_list", "in_table", "in_figure", "in_quote")]

# What the per-block loop reads from each block, one column each (see block_values).
BLOCK_VALUES = (
    "chars",
    "words",
    "terminal",
    "punctuation",
    "stopwords",
    "digits",
    "capitals",
    "non_space",
    "link_chars",
    "duplicate",
    "fragments",
    "in_hint",
    "neg",
    "pos",
    "group",
    "flags",
    "own_flags",
    "element",
    "element_chars",
    "element_links",
    "position",
    "depth",
    "in_article",
    "in_list",
    "in_table",
    "in_figure",
    "in_quote",
)
_V = {name: i for i, name in enumerate(BLOCK_VALUES)}


def python_block_values(seg: Segmentation, hint: str) -> np.ndarray:
    """The numbers page_matrix needs of each block (rows: blocks, columns: BLOCK_VALUES); the
    definition of sieb._textcounts.fill_block_values."""
    blocks = seg.blocks
    elements = seg.elements
    values = np.empty((len(blocks), len(BLOCK_VALUES)), dtype=np.float64)
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.text] = counts.get(block.text, 0) + 1
    for i, block in enumerate(blocks):
        text = block.text
        ctx = block.ctx
        element = elements[block.element]
        values[i] = (
            len(text),
            *_text_counts(text),
            block.link_chars,
            1.0 if counts[text] > 1 and text else 0.0,
            block.fragments,
            1.0 if hint and len(text) >= 20 and text[:80] in hint else 0.0,
            min(ctx.neg, 4),
            min(ctx.pos, 6),
            _GROUP_INDEX[_TAG_GROUP.get(block.tag, "other")],
            ctx.flags,
            element.signal,
            block.element,
            element.text_chars,
            element.link_chars,
            block.position,
            block.depth,
            ctx.in_article,
            ctx.list_id >= 0,
            ctx.table_id >= 0,
            ctx.figure_id >= 0,
            ctx.quote_id >= 0,
        )
    return values


def _compiled_loops() -> tuple[Callable[[Segmentation, str], np.ndarray], RefinedMain] | None:
    """sieb._textcounts.fill_block_values wrapped like python_block_values, and its refined_main,
    when the compiled counts are in use and both give the Python results on the probe page."""
    if not TEXT_COUNTS_COMPILED:
        return None
    from sieb._textcounts import fill_block_values, set_classes
    from sieb._textcounts import refined_main as compiled_refined_main

    set_classes(TextBlock, Context, Element)  # read their slots directly (checked below)
    group_of_tag = {tag: _GROUP_INDEX[group] for tag, group in _TAG_GROUP.items()}

    def compiled_block_values(seg: Segmentation, hint: str) -> np.ndarray:
        values = np.empty((len(seg.blocks), len(BLOCK_VALUES)), dtype=np.float64)
        fill_block_values(
            _text_counts,
            seg.blocks,
            seg.elements,
            hint,
            group_of_tag,
            _GROUP_INDEX["other"],
            values,
        )
        return values

    probe = segment_python(LexborHTMLParser(PROBE_PAGE))
    for hint in ("", PROBE_HINT):
        if (
            compiled_block_values(probe, hint).tobytes()
            != python_block_values(probe, hint).tobytes()
        ):
            return None
    probs = [(i % 3) / 2 for i in range(len(probe.blocks))]
    expected = python_refined_main(probs, probe)
    if compiled_refined_main(probs, probe.blocks, probe.elements, REFINED_MASS_SHARE) != expected:
        return None
    return compiled_block_values, compiled_refined_main


# A page with a block of every kind block_values tells apart, and a body hint that holds one.
PROBE_PAGE = (
    "<html><body><nav class='menu'><ul><li><a href='/'>Home</a></li></ul></nav>"
    "<article class='story' itemprop='articleBody'><h1>Title of the probe page</h1>"
    "<p>Der erste Absatz, mit einem <a href='/x'>Link</a>; und 2 Zahlen. Ende!</p>"
    "<p>Der erste Absatz, mit einem <a href='/x'>Link</a>; und 2 Zahlen. Ende!</p>"
    "<div class='share-tools'><span>Teilen</span> <span>Drucken</span></div>"
    "<table><tr><td>Zelle</td><th>Kopf</th></tr></table><pre>code()</pre>"
    "<figure><figcaption>Bildunterschrift</figcaption></figure><blockquote>Zitat</blockquote>"
    "<dl><dt>Begriff</dt><dd>Erklärung</dd></dl><section><p></p><span>Rest ÄÖÜ</span></section>"
    "</article><footer class='site-footer'><p>© 2026</p></footer></body></html>"
)
PROBE_HINT = "Intro. Der erste Absatz, mit einem Link; und 2 Zahlen. Ende! Mehr Text."


_COMPILED_LOOPS = _compiled_loops()
BLOCK_VALUES_COMPILED = _COMPILED_LOOPS is not None
block_values = _COMPILED_LOOPS[0] if _COMPILED_LOOPS else python_block_values
_compiled_refined_main = _COMPILED_LOOPS[1] if _COMPILED_LOOPS else None


def page_matrix(
    seg: Segmentation,
    main: int,
    descendants_of_main: list[bool],
    title: str | None = None,
    body_hint: str | None = None,
) -> np.ndarray:
    """Stage-one features of every block as one matrix (rows: blocks, columns: BASE_FEATURES).

    The per-block work is limited to `block_values`; everything else is computed column-wise.
    """
    hint = " ".join(body_hint.split()) if body_hint and len(body_hint) >= HINT_MIN_CHARS else ""
    values = block_values(seg, hint)
    n = len(values)
    out = np.empty((n, len(BASE_FEATURES)))
    if _block_columns is None:
        _text_columns(values, out)
        _context_columns(values, out)
    else:
        _block_columns.fill(values, out)
        _log_columns(values, out)
    page_columns(seg, main, descendants_of_main, title, values, out, bool(hint))
    return out


def _text_columns(values: np.ndarray, out: np.ndarray) -> None:
    """The columns of a block's own text."""
    chars, words = values[:, _V["chars"]], values[:, _V["words"]]
    n_words = np.maximum(words, 1.0)
    link_density = out[:, _COLUMN["link_density"]]
    np.divide(values[:, _V["link_chars"]], chars, out=link_density, where=chars > 0)
    link_density[chars <= 0] = 0.0
    fragments = values[:, _V["fragments"]]
    out[:, _COLUMN["bias"]] = 1.0
    _log_columns(values, out)
    out[:, _COLUMN["terminal_punct"]] = values[:, _V["terminal"]]
    out[:, _COLUMN["punct_per_word"]] = np.minimum(values[:, _V["punctuation"]] / n_words, 1.0)
    out[:, _COLUMN["stopword_ratio"]] = values[:, _V["stopwords"]] / n_words
    out[:, _COLUMN["digit_ratio"]] = values[:, _V["digits"]] / n_words
    out[:, _COLUMN["capitalised_ratio"]] = values[:, _V["capitals"]] / n_words
    out[:, _COLUMN["mean_word_len"]] = np.minimum(values[:, _V["non_space"]] / n_words / 10.0, 2.0)
    out[:, _COLUMN["all_link"]] = link_density > 0.9
    out[:, _COLUMN["duplicate_on_page"]] = values[:, _V["duplicate"]]
    out[:, _COLUMN["chars_per_fragment"]] = np.minimum(
        chars / np.maximum(fragments, 1.0) / 100.0, 3.0
    )
    out[:, _COLUMN["in_body_hint"]] = values[:, _V["in_hint"]]


def _log_columns(values: np.ndarray, out: np.ndarray) -> None:
    """The log1p columns of a block's own text (numpy's log1p in both the Python and the
    compiled fill: numpy may vectorise it differently from libm's)."""
    out[:, _COLUMN["log_chars"]] = np.log1p(values[:, _V["chars"]])
    out[:, _COLUMN["log_words"]] = np.log1p(values[:, _V["words"]])
    out[:, _COLUMN["log_fragments"]] = np.log1p(values[:, _V["fragments"]])


def _compiled_block_columns() -> BlockColumns | None:
    """sieb._textcounts.BlockColumns (_text_columns and _context_columns in one compiled pass)
    when the compiled loops are in use and it fills the probe page's rows as they do."""
    if _COMPILED_LOOPS is None:
        return None
    from sieb._textcounts import BlockColumns

    columns = BlockColumns(
        _V,
        _COLUMN,
        _TAG_COLUMNS.start,
        _TAG_COLUMNS.stop - _TAG_COLUMNS.start,
        _FLAG_COLUMNS.start,
        _OWN_FLAG_COLUMNS.start,
        list(ALL_FLAGS),
        _MEMBER_COLUMNS,
    )
    probe = segment_python(LexborHTMLParser(PROBE_PAGE))
    values = python_block_values(probe, PROBE_HINT)
    expected = np.zeros((len(values), len(BASE_FEATURES)))
    _text_columns(values, expected)
    _context_columns(values, expected)
    filled = np.zeros_like(expected)
    columns.fill(values, filled)
    _log_columns(values, filled)
    return columns if filled.tobytes() == expected.tobytes() else None


def _context_columns(values: np.ndarray, out: np.ndarray) -> None:
    """The columns of what a block's ancestors say."""
    out[:, _TAG_COLUMNS] = _ONE_HOT[values[:, _V["group"]].astype(np.int64)]
    out[:, _FLAG_COLUMNS] = (values[:, _V["flags"], None].astype(np.int64) & _FLAG_BITS) != 0
    out[:, _OWN_FLAG_COLUMNS] = (
        values[:, _V["own_flags"], None].astype(np.int64) & _FLAG_BITS
    ) != 0
    out[:, _COLUMN["neg_count"]] = values[:, _V["neg"]] / 4.0
    out[:, _COLUMN["pos_count"]] = values[:, _V["pos"]] / 6.0
    out[:, _COLUMN["in_article"]] = values[:, _V["in_article"]]
    out[:, _MEMBER_COLUMNS] = values[:, _V["in_list"] : _V["in_quote"] + 1]
    position = values[:, _V["position"]]
    out[:, _COLUMN["position"]] = position
    out[:, _COLUMN["position_sq"]] = position * position
    out[:, _COLUMN["depth"]] = np.minimum(values[:, _V["depth"]], 60) / 60.0


_ONE_HOT = np.eye(len(TAG_GROUPS))


def _page_columns(
    seg: Segmentation,
    main: int,
    descendants_of_main: list[bool],
    title: str | None,
    values: np.ndarray,
    out: np.ndarray,
) -> None:
    """The columns of a block's place on the page: main container, element, neighbours, title."""
    elements = seg.elements
    n = len(values)
    el_chars, el_links = values[:, _V["element_chars"]], values[:, _V["element_links"]]
    total_chars = max(elements[0].text_chars, 1) if elements else 1
    main_el = elements[main]
    inside = out[:, _COLUMN["in_main"]]
    inside[:] = descendants_of_main
    inside_idx = np.flatnonzero(inside)
    first_main = inside_idx[0] if inside_idx.size else n
    last_main = inside_idx[-1] if inside_idx.size else -1
    idx = np.arange(n)
    out[:, _COLUMN["main_share"]] = main_el.text_chars / total_chars
    out[:, _COLUMN["main_link_density"]] = main_el.link_chars / max(main_el.text_chars, 1)
    out[:, _COLUMN["element_link_density"]] = el_links / np.maximum(el_chars, 1.0)
    out[:, _COLUMN["element_share"]] = el_chars / total_chars
    out[:, _COLUMN["log_element_chars"]] = np.log1p(el_chars)
    _shifted(
        out[:, _COLUMN["log_chars"]],
        out[:, _COLUMN["prev_log_chars"]],
        out[:, _COLUMN["next_log_chars"]],
    )
    _shifted(
        out[:, _COLUMN["link_density"]],
        out[:, _COLUMN["prev_link_density"]],
        out[:, _COLUMN["next_link_density"]],
    )
    out[:, _COLUMN["before_main"]] = idx < first_main
    out[:, _COLUMN["after_main"]] = idx > last_main
    title_at = title_index(seg.blocks, title)
    after_title = out[:, _COLUMN["after_title"]]
    after_title[:] = (idx > title_at) if title_at >= 0 else 0.0
    out[:, _COLUMN["is_title"]] = idx == title_at
    out[:, _COLUMN["blocks_after_title"]] = np.where(
        after_title > 0, np.minimum(idx - title_at, 50) / 50.0, 0.0
    )


def _shifted(column: np.ndarray, previous: np.ndarray, following: np.ndarray) -> None:
    """previous[i] = column[i - 1] and following[i] = column[i + 1], 0.0 past the ends."""
    if not len(column):
        return
    previous[0] = following[-1] = 0.0
    previous[1:] = column[:-1]
    following[:-1] = column[1:]


# _text_columns and _context_columns compiled (None: the numpy column operations run).
_block_columns = _compiled_block_columns()
BLOCK_COLUMNS_COMPILED = _block_columns is not None


# page_columns' signature: (seg, main, descendants_of_main, title, values, out, has_hint).
PageColumns = Callable[
    [Segmentation, int, list[bool], str | None, np.ndarray, np.ndarray, bool], None
]


def python_page_columns(
    seg: Segmentation,
    main: int,
    descendants_of_main: list[bool],
    title: str | None,
    values: np.ndarray,
    out: np.ndarray,
    has_hint: bool,
) -> None:
    """_page_columns and the has_body_hint column: the definition of compiled_page_columns."""
    _page_columns(seg, main, descendants_of_main, title, values, out)
    out[:, _COLUMN["has_body_hint"]] = 1.0 if has_hint else 0.0


# The columns sieb._textcounts.fill_page_columns writes, in the order it takes them.
_PAGE_COLUMNS = (
    "in_main",
    "main_share",
    "main_link_density",
    "element_link_density",
    "element_share",
    "log_chars",
    "prev_log_chars",
    "next_log_chars",
    "link_density",
    "prev_link_density",
    "next_link_density",
    "before_main",
    "after_main",
    "is_title",
    "after_title",
    "blocks_after_title",
    "has_body_hint",
)


def _compiled_page_columns() -> PageColumns | None:
    """python_page_columns with its loop by sieb._textcounts.fill_page_columns (the logarithm
    stays numpy's), when the compiled loops are in use and it fills the probe page as Python
    does (inside several containers, with and without title and hint)."""
    if _COMPILED_LOOPS is None or _block_columns is None:
        return None
    from sieb._textcounts import fill_page_columns

    value_at = (_V["element_chars"], _V["element_links"])
    column_at = tuple(_COLUMN[name] for name in _PAGE_COLUMNS)
    log_element_chars = _COLUMN["log_element_chars"]

    def compiled_page_columns(
        seg: Segmentation,
        main: int,
        descendants_of_main: list[bool],
        title: str | None,
        values: np.ndarray,
        out: np.ndarray,
        has_hint: bool,
    ) -> None:
        elements = seg.elements
        total_chars = max(elements[0].text_chars, 1) if elements else 1
        main_el = elements[main]
        fill_page_columns(
            values,
            out,
            descendants_of_main,
            value_at,
            column_at,
            total_chars,
            main_el.text_chars / total_chars,
            main_el.link_chars / max(main_el.text_chars, 1),
            title_index(seg.blocks, title),
            1.0 if has_hint else 0.0,
        )
        out[:, log_element_chars] = np.log1p(values[:, _V["element_chars"]])

    probe = segment_python(LexborHTMLParser(PROBE_PAGE))
    values = python_block_values(probe, PROBE_HINT)
    n = len(values)
    for main in range(len(probe.elements)):
        inside = [inside_element(b.element, main, probe.elements) for b in probe.blocks]
        for title, has_hint in ((None, False), ("Title of the probe page", True), ("Zitat", False)):
            expected, filled = (np.zeros((n, len(BASE_FEATURES))) for _ in range(2))
            for out in (expected, filled):
                _block_columns.fill(values, out)
                _log_columns(values, out)
            python_page_columns(probe, main, inside, title, values, expected, has_hint)
            compiled_page_columns(probe, main, inside, title, values, filled, has_hint)
            if filled.tobytes() != expected.tobytes():
                return None
    return compiled_page_columns


# _page_columns compiled (the Python definition when the probe differs or nothing is built).
page_columns: PageColumns = _compiled_page_columns() or python_page_columns
PAGE_COLUMNS_COMPILED = page_columns is not python_page_columns


# context_features_of's signature: (first-stage probabilities, seg) -> the context columns.
ContextColumns = Callable[[np.ndarray, Segmentation], np.ndarray]


def python_context_features_of(first: np.ndarray, seg: Segmentation) -> np.ndarray:
    """context_features of an array of probabilities (the definition of the compiled twin)."""
    return context_features(first.tolist(), seg)


def _compiled_context_features() -> ContextColumns | None:
    """context_features_of with its loops by sieb._textcounts.fill_context_columns, when the
    compiled loops are in use and it gives context_features' bits on the probe page."""
    if _COMPILED_LOOPS is None:
        return None
    from sieb._textcounts import fill_context_columns

    def compiled_context_features(first: np.ndarray, seg: Segmentation) -> np.ndarray:
        if not seg.elements or len(first) != len(seg.blocks):
            return python_context_features_of(first, seg)
        best, inside = refined_main(first.tolist(), seg)
        share = seg.elements[best].text_chars / max(seg.elements[0].text_chars, 1)
        out = np.empty((len(first), len(CONTEXT_FEATURES)))
        fill_context_columns(
            np.ascontiguousarray(first, dtype=np.float64),
            seg.blocks,
            inside,
            share,
            len(seg.elements),
            _WINDOW,
            out,
        )
        return out

    probe = segment_python(LexborHTMLParser(PROBE_PAGE))
    n = len(probe.blocks)
    for first in _probe_probabilities(n):
        expected = python_context_features_of(first, probe)
        if compiled_context_features(first, probe).tobytes() != expected.tobytes():
            return None
    for k in range(1, n):  # pages shorter than the window
        short = Segmentation(probe.blocks[:k], probe.elements)
        first = _probe_probabilities(k)[0]
        expected = python_context_features_of(first, short)
        if compiled_context_features(first, short).tobytes() != expected.tobytes():
            return None
    return compiled_context_features


def _probe_probabilities(n: int) -> list[np.ndarray]:
    """Probabilities of several shapes for n blocks: noise, a ramp, steps, all low."""
    return [
        np.random.default_rng(n).random(n),
        np.linspace(0.0, 1.0, n),
        (np.arange(n) % 5 > 1) * 0.9 + 0.05,
        np.full(n, 0.1),
    ]


# context_features of an array, compiled when built and alike on the probe.
context_features_of: ContextColumns = _compiled_context_features() or python_context_features_of
CONTEXT_FEATURES_COMPILED = context_features_of is not python_context_features_of
