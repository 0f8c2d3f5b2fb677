"""Structural corrections to the classifier's keep/drop decisions.

The model scores blocks one by one; a few decisions are better made on the sequence:
- a sub-heading is body when the text it introduces is body (short headings carry few features,
  so the model often drops them: "incomplete bodies" is the most frequent complaint of users);
- a short title-like line between two kept paragraphs of the same container is a sub-heading
  written as a <div> or <p><strong>;
- a comment section without a ``comment`` class (utility-class markup) is found by its heading,
  and so is a section of other articles whose heading's own class says "related";
- near-threshold prose in one more unit of a repeated structure (forum posts) is body;
- short gaps between sibling paragraphs are closed and runs of kept siblings extended;
- bare counters ("#2", "12.408") and symbol-only blocks ("✓") are dropped (paywall prompts:
  `sieb.walls`);
- the article element's lead figure above the headline is kept as a figure.
The functions that need the DOM take the segmentation's `elements` (parent chain, subtree sizes).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress

from sieb.blocks import Element, TextBlock, inside, kept_indices
from sieb.keywords import fold_ascii_bytes, lines_holding
from sieb.signals import (
    AD,
    BODY,
    CAPTION,
    COMMENT,
    CREDIT,
    NEWSLETTER,
    RELATED,
    SHARE,
    is_boilerplate_line,
)

# Sub-headings are short: longer blocks are left to the model.
HEADING_MAX_CHARS = 120
_TERMINAL = re.compile(r"[.!?:;,…]$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")
_WORD = re.compile(r"\w+")


# A dropped block right after a heading that is a short link, at least half link text ("[edit]",
# "#", "¶", "[Bearbeiten]"), is heading UI: the text after it is what the heading introduces.
HEADING_UI_MAX_CHARS = 30


def _is_heading_ui(block: TextBlock) -> bool:
    text = block.text
    return len(text) <= HEADING_UI_MAX_CHARS and block.link_chars * 2 >= len(text)


def _next_kept(keep: Sequence[bool], blocks: Sequence[TextBlock], start: int) -> int | None:
    """The next block with text when it is kept (dropped heading UI skipped), else None."""
    for j in range(start + 1, len(blocks)):
        if blocks[j].text:
            if keep[j]:
                return j
            if not _is_heading_ui(blocks[j]):
                return None
    return None


def _dropped_before_kept(
    blocks: Sequence[TextBlock], keep: Sequence[bool]
) -> Iterator[tuple[int, int]]:
    """(i, j) for every dropped block i whose `_next_kept` is a block j (not None), found by
    walking back from each kept block over the blocks that `_next_kept` passes."""
    for j in kept_indices(keep):
        if not blocks[j].text:
            continue
        i = j - 1
        while i >= 0:
            block = blocks[i]
            if keep[i]:
                if block.text:
                    break  # the next kept block of the blocks before it
            else:
                yield i, j
                if block.text and not _is_heading_ui(block):
                    break  # the blocks before it have none
            i -= 1


def _is_heading_like(block: TextBlock, min_words: int = 2) -> bool:
    text = block.text
    if not text or len(text) > HEADING_MAX_CHARS or block.neg or block.link_chars:
        return False
    if block.list_id >= 0 or block.table_id >= 0 or block.figure_id >= 0:
        return False
    return len(_WORD.findall(text)) >= min_words and not _TERMINAL.search(text)


# A one-word <h2>-<h6> ("Geschichte", "Methods") is kept only before a paragraph this long: a
# one-word line before a list or a short line is more often a tab or a category label.
ONE_WORD_HEADING_PROSE_CHARS = 80


def _introduces(block: TextBlock, following: TextBlock) -> bool:
    if len(_WORD.findall(block.text)) >= 2:
        return True
    return (
        block.heading_level >= 2
        and following.list_id < 0
        and len(following.text) >= ONE_WORD_HEADING_PROSE_CHARS
    )


def keep_subheadings(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Keep dropped headings that introduce kept text after kept text."""
    out = list(keep)
    first = next(kept_indices(keep), None)
    if first is None:
        return out
    # the decisions do not depend on one another: only the dropped blocks followed by kept
    # text (`_next_kept`) after the first kept block are looked at
    for i, following in _dropped_before_kept(blocks, keep):
        block = blocks[i]
        if (
            i < first
            or not _is_heading_like(block, min_words=1)
            or not _introduces(block, blocks[following])
        ):
            continue
        if (
            block.heading_level >= 2
            or block.element == blocks[following].element
            or _same_parent(blocks, i, following)
        ):
            out[i] = True
    return out


def _same_parent(blocks: Sequence[TextBlock], i: int, j: int) -> bool:
    return blocks[i].depth == blocks[j].depth and blocks[i].ctx is blocks[j].ctx


# Element levels between a sub-heading's parent and the kept paragraphs around it: the
# paragraphs of styled-components / CSS-module markup are wrapped in one or two divs each.
WRAPPED_LEVELS = 2
# The kept blocks around such a line must be prose paragraphs at least this long (a line
# between short label/value pairs or menu entries is not a sub-heading).
WRAPPED_PROSE_CHARS = 80


def keep_wrapped_subheadings(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Keep dropped heading-like lines whose parent element holds the kept text around them.

    When every paragraph sits in a wrapper div of its own, a sub-heading written as a div is a
    sibling of the wrappers, not of the paragraphs (``keep_subheadings`` compares parents): it
    is kept when the kept block before it and the one right after it are prose paragraphs
    wrapped alike (same tag and depth, deeper than the line) inside its parent, at most
    WRAPPED_LEVELS below. Lines between differently nested blocks (a date under a headline,
    a photo credit above the body) are left to the model.
    """
    out = list(keep)
    kept = list(kept_indices(keep))
    # the decisions do not depend on one another: only the dropped blocks followed by kept
    # text (`_next_kept`) after a kept block are looked at
    for i, following in _dropped_before_kept(blocks, keep):
        block = blocks[i]
        at = bisect_left(kept, i)  # kept[at - 1]: the last kept block before i
        if at == 0 or not _is_heading_like(block):
            continue
        if _between_wrapped(blocks[kept[at - 1]], block, blocks[following], elements):
            out[i] = True
    return out


def _between_wrapped(
    before: TextBlock, line: TextBlock, after: TextBlock, elements: Sequence[Element]
) -> bool:
    parent = elements[line.element].parent
    return (
        parent >= 0
        and min(len(before.text), len(after.text)) >= WRAPPED_PROSE_CHARS
        and not before.heading_level
        and before.tag == after.tag
        and before.depth == after.depth > line.depth
        and _below(before.element, parent, elements)
        and _below(after.element, parent, elements)
    )


def _below(element: int, ancestor: int, elements: Sequence[Element]) -> bool:
    """Whether ``ancestor`` is the parent of ``element`` or at most WRAPPED_LEVELS above it."""
    for _ in range(WRAPPED_LEVELS + 1):
        element = elements[element].parent
        if element == ancestor:
            return True
        if element < 0:
            return False
    return False


def keep_figures(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Keep figure parts (image, caption, credit) that sit between kept body blocks.

    The model is trained to leave captions out of the text; the assembler turns these blocks into
    `figure` blocks, so keeping them adds image, caption and credit without touching `text`.
    """
    kept_positions = list(kept_indices(keep))
    if len(kept_positions) < 2:
        return keep
    first, last = kept_positions[0], kept_positions[-1]
    out = list(keep)
    for i in range(first + 1, last):
        block = blocks[i]
        if (
            not out[i]
            and (block.figure_id >= 0 or block.flags & (CAPTION | CREDIT))
            and not block.neg
        ):
            out[i] = True
    return out


def drop_boilerplate_lines(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop kept blocks that are teaser lead-ins, reader prompts or reprint notices."""
    out = list(keep)
    for i in kept_indices(keep):
        if is_boilerplate_line(blocks[i].text):
            out[i] = False
    return out


# A block of at least this many separate text pieces averaging under WIDGET_MAX_PIECE_CHARS
# characters, under a negative class/id signal, is a row of buttons ("Merken Teilen Drucken").
WIDGET_MIN_PIECES = 3
WIDGET_MAX_PIECE_CHARS = 16


def drop_widget_rows(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop kept blocks that are rows of short UI strings inside chrome-marked elements.

    A block ending a sentence is prose with many inline links or tags (ticker symbols, names),
    not a row of buttons.
    """
    out = list(keep)
    for i in kept_indices(keep):
        b = blocks[i]
        if (
            b.neg
            and b.fragments >= WIDGET_MIN_PIECES
            and len(b.text) < WIDGET_MAX_PIECE_CHARS * b.fragments
            and not _SENTENCE_END.search(b.text)
        ):
            out[i] = False
    return out


# Kept text outside comment sections needed before comments are taken to follow an article
# (rather than being the page's content, as on a forum or Q&A page).
ARTICLE_BEFORE_COMMENTS_CHARS = 200


def drop_comments(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop reader comments when the page has an article outside them."""
    outside = sum(len(b.text) for b in compress(blocks, keep) if not b.flags & COMMENT)
    if outside < ARTICLE_BEFORE_COMMENTS_CHARS:
        return keep
    out = list(keep)
    for i in kept_indices(keep):
        flags = blocks[i].flags
        if flags & COMMENT and not flags & BODY:
            out[i] = False
    return out


# Blocks shorter than this are not compared: short strings recur by chance.
DUPLICATE_MIN_CHARS = 40
# A kept block that contains this many other kept blocks is a copy of the article (a hidden
# microdata or print version): the structured blocks are kept and the copy is dropped.
COPY_MIN_CONTAINED = 2
# ... and whose text those blocks cover to this share (else it holds text of its own).
COPY_MIN_COVERED = 0.6


def drop_duplicates(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop blobs that hold a second copy of other kept blocks (hidden microdata, print copies).

    A kept block of 3 * DUPLICATE_MIN_CHARS or more is a copy when the first 80 characters of
    COPY_MIN_CONTAINED or more shorter kept blocks (each of DUPLICATE_MIN_CHARS or more) are in
    it and their lengths cover COPY_MIN_COVERED of it without exceeding it. Blocks of a copy
    are shorter than it and together fit in it: same-prefix blocks (recipe lines, a repeated
    question, a second copy) are not parts of one another.
    """
    out = list(keep)
    kept = [i for i in kept_indices(keep) if len(blocks[i].text) >= DUPLICATE_MIN_CHARS]
    # a copy holds COPY_MIN_CONTAINED shorter kept blocks besides itself
    if len(kept) <= COPY_MIN_CONTAINED:
        return out
    hosts = {text for i in kept if len(text := blocks[i].text) >= 3 * DUPLICATE_MIN_CHARS}
    if not hosts:
        return out
    needles = Counter((len(text), text[:80]) for text in (blocks[i].text for i in kept))
    copies = _copies(sorted(hosts, key=len, reverse=True), needles)
    for i in kept:
        if blocks[i].text in copies:
            out[i] = False
    return out


def _copies(hosts: list[str], needles: Counter[tuple[int, str]]) -> set[str]:
    """The `hosts` (distinct texts, longest first) that are copies (see `drop_duplicates`);
    `needles`: (length, first 80 characters) of every kept block, with their number.

    One search per needle through all hosts longer than its block (they are a prefix of
    `hosts`), joined into one string, instead of one per host and shorter needle: the same
    hits (a hit that runs over a separator is in no host and skipped) for a fraction of the
    calls.
    """
    joined = "\x00".join(hosts)
    ends = list(accumulate(len(host) + 1 for host in hosts))  # one past each host's separator
    starts = [0, *ends[:-1]]
    minus_lengths = [-len(host) for host in hosts]  # ascending
    contained = [0] * len(hosts)
    covered = [0] * len(hosts)
    for (size, needle), number in needles.items():
        longer = bisect_left(minus_lengths, -size)  # hosts[:longer] are longer than the block
        if not longer:
            continue
        stop = ends[longer - 1] - 1
        at = joined.find(needle, 0, stop)
        while at >= 0:
            host = bisect_right(starts, at) - 1
            if at + len(needle) < ends[host]:  # inside hosts[host]: count it once, go on after it
                contained[host] += number
                covered[host] += number * size
                at = joined.find(needle, ends[host], stop)
            else:
                at = joined.find(needle, at + 1, stop)
    return {
        host
        for host, n, chars in zip(hosts, contained, covered, strict=True)
        if n >= COPY_MIN_CONTAINED and COPY_MIN_COVERED * len(host) <= chars <= len(host)
    }


# Kept text after the headline needed before blocks above it are judged as page chrome.
BODY_AFTER_TITLE_CHARS = 200


def drop_before_title(blocks: Sequence[TextBlock], keep: list[bool], title_at: int) -> list[bool]:
    """Drop kept list items above the headline (tickers, menus) when the body follows it."""
    if title_at < 0:
        return keep
    after = sum(len(b.text) for b in compress(blocks[title_at:], keep[title_at:]))
    if after < BODY_AFTER_TITLE_CHARS:
        return keep
    return [k and not (i < title_at and blocks[i].list_id >= 0) for i, k in enumerate(keep)]


# Longest run of dropped blocks that `fill_gaps` closes between two kept ones.
GAP_MAX_BLOCKS = 2
# Link share above which a block in a gap is a link row ("Read more: ..."), not prose.
GAP_MAX_LINK_DENSITY = 0.5
# Own class/id signals that mark a block in a gap as an insert rather than a paragraph.
_GAP_INSERT = CAPTION | CREDIT | AD | RELATED | SHARE | NEWSLETTER


def _parent(elements: Sequence[Element], block: TextBlock) -> int:
    return elements[block.element].parent


def _fills_gap(block: TextBlock, elements: Sequence[Element], tag: str, parent: int) -> bool:
    return (
        bool(block.text)
        and block.tag == tag
        and _parent(elements, block) == parent
        and not block.heading_level
        and block.link_chars <= GAP_MAX_LINK_DENSITY * len(block.text)
        and not elements[block.element].signal & _GAP_INSERT
    )


def fill_gaps(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Keep short runs of dropped paragraphs between two kept paragraphs of the same parent.

    Sibling paragraphs of one element are one text: when the paragraphs on both sides are body, a
    paragraph between them is too (the model scores each alone and drops some of a container
    whose class words look like chrome). Inserts (captions, ads, teasers, link rows) are left out.
    """
    out = list(keep)
    kept = [i for i in kept_indices(keep) if blocks[i].text]
    for a, b in itertools.pairwise(kept):
        gap = [j for j in range(a + 1, b) if blocks[j].text]
        if not gap or len(gap) > GAP_MAX_BLOCKS:
            continue
        left, right = blocks[a], blocks[b]
        parent = _parent(elements, left)
        if left.tag != right.tag or _parent(elements, right) != parent:
            continue
        if all(_fills_gap(blocks[j], elements, left.tag, parent) for j in gap):
            for j in gap:
                out[j] = True
    return out


def extend_runs(
    blocks: Sequence[TextBlock],
    elements: Sequence[Element],
    keep: list[bool],
    probs: Sequence[float],
    low: float,
) -> list[bool]:
    """Grow runs of kept paragraphs into adjacent sibling paragraphs scoring at least `low`.

    Hysteresis: a block the model is unsure about is body when it continues a kept paragraph
    of the same parent (a lead or closing paragraph of the article's container).
    """
    out = list(keep)
    order = [i for i, b in enumerate(blocks) if b.text]
    for sequence in (order, order[::-1]):
        for a, b in itertools.pairwise(sequence):
            if out[a] and not out[b] and probs[b] >= low:
                left = blocks[a]
                if _fills_gap(blocks[b], elements, left.tag, _parent(elements, left)):
                    out[b] = True
    return out


def _block_ranges(blocks: Sequence[TextBlock], elements: Sequence[Element]) -> list[int]:
    """For every element, the index of the last block inside it (-1 when it holds none)."""
    last = [-1] * len(elements)
    for i, block in enumerate(blocks):
        last[block.element] = i
    # children follow their parent: one pass from the end hands each subtree's last block up
    for e in range(len(elements) - 1, 0, -1):
        parent = elements[e].parent
        if parent >= 0 and last[e] > last[parent]:
            last[parent] = last[e]
    return last


# Headings that open a reader-comment section, in the languages of sieb's users: "Comments",
# "Kommentare (12)", "Leserkommentare", "3 Kommentare", "1 comment", "47 Gedanken zu „...“",
# "5 thoughts on “...”", "Leave a comment", "Join the discussion", "Webmentions". Whole-heading
# matches only; a bare singular "Comment" / "Kommentar" is an opinion label, not comments, and
# "Discussion" is a section of many papers and posts.
COMMENT_HEADING = re.compile(
    r"^(?:\d[\d.,]*\s+)?(?:leser|reader|user|nutzer|besucher)?[-\s]?"
    r"(?:comments|kommentare|webmentions)"
    r"(?:\s*[(\[]\s*\d[\d.,]*\s*[)\]])?\s*:?$"
    r"|^\d[\d.,]*\s+(?:comment|kommentar)\s*:?$"
    r"|^\d[\d.,]*\s+(?:thoughts? on|gedanken zu|comments? on|kommentare? zu|responses? to)\s"
    r"|^(?:leave a (?:comment|reply)|join the (?:discussion|conversation)|"
    r"schreibe(?:n sie)? einen kommentar|diskutieren sie mit|kommentar schreiben|"
    r"add a comment|post a comment)\b",
    re.I,
)
COMMENT_HEADING_MAX_CHARS = 80


def drop_comment_sections(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Drop a comment or related-posts section found by its heading (see `_opens_section`).

    Utility-class markup (Tailwind: ``<section class="mt-10 border-t">``) gives comment sections
    no ``comment`` token; their heading still says what they are. The section is the largest
    ancestor of the heading that holds no kept block before it; its kept blocks are dropped when
    at least ARTICLE_BEFORE_COMMENTS_CHARS of kept text come before the heading (an article
    followed by comments, not a page of comments).
    """
    out = list(keep)
    last = None
    # Kept text before a heading only grows along the page, and no block is dropped before it
    # reaches ARTICLE_BEFORE_COMMENTS_CHARS: from the first block after that much, every
    # heading counts.
    start = _after_kept_chars(blocks, keep, ARTICLE_BEFORE_COMMENTS_CHARS)
    for h in _section_openers(blocks, elements, start):
        if last is None:
            last = _block_ranges(blocks, elements)
        section = _comment_section(blocks, elements, out, h, last)
        if section >= 0:
            for i in range(h, last[section] + 1):
                if not blocks[i].flags & BODY:
                    out[i] = False
    return out


def _after_kept_chars(blocks: Sequence[TextBlock], keep: Sequence[bool], chars: int) -> int:
    """The first block with at least `chars` (> 0) characters of kept text before it, or
    len(blocks)."""
    total = 0
    for i in kept_indices(keep):
        total += len(blocks[i].text)
        if total >= chars:
            return i + 1
    return len(blocks)


# Every match of COMMENT_HEADING holds one of these words ("leave a" reply, "join the"
# discussion, "respons" in response(s)).
_COMMENT_HEADING_WORDS = (
    b"comment", b"kommentar", b"webmention", b"thought", b"gedanken", b"respons", b"leave a",
    b"join the", b"diskutieren",
)


def _section_openers(
    blocks: Sequence[TextBlock], elements: Sequence[Element], start: int
) -> list[int]:
    """The blocks from `start` on that `_opens_section`, in order. Their short texts are folded
    together: only the few holding a word of _COMMENT_HEADING_WORDS, and the headings (which
    may open a related-posts section by their class/id), are tested."""
    short = [
        h
        for h in range(start, len(blocks))
        if 0 < len(blocks[h].text) <= COMMENT_HEADING_MAX_CHARS
    ]
    folded = fold_ascii_bytes("\n".join([blocks[h].text for h in short]))
    wordy = set(lines_holding(folded, short, _COMMENT_HEADING_WORDS))
    return [
        h
        for h in short
        if (h in wordy or blocks[h].heading_level >= 2) and _opens_section(blocks[h], elements)
    ]


def _opens_section(block: TextBlock, elements: Sequence[Element]) -> bool:
    """Whether `block` is the heading of a comment section (by its words) or of a related-posts
    section (an <h2>-<h6> whose own class/id says "related", "teaser", "recommended"...)."""
    text = block.text
    if not text or len(text) > COMMENT_HEADING_MAX_CHARS:
        return False
    if block.heading_level >= 2 and elements[block.element].signal & RELATED:
        return True
    return COMMENT_HEADING.match(text) is not None


def _comment_section(
    blocks: Sequence[TextBlock],
    elements: Sequence[Element],
    keep: Sequence[bool],
    h: int,
    last: Sequence[int],
) -> int:
    """The largest ancestor of heading ``h`` with no kept block before ``h``, or -1."""
    found = -1
    e = elements[blocks[h].element].parent
    first = h
    while e > 0:
        # walk back over the blocks inside e that precede the heading
        while first > 0 and inside(blocks[first - 1].element, e, elements):
            first -= 1
            if keep[first]:
                return found
        found = e
        e = elements[e].parent
    return found


# Blocks this long are prose enough to compare by structure.
PARALLEL_MIN_CHARS = 100
# Ancestor levels whose tags and class signals make a block's structural signature.
PARALLEL_LEVELS = 6
# A dropped block is compared only when it scored at least this share of the threshold.
PARALLEL_MIN_SHARE = 0.5


def _signature(block: TextBlock, elements: Sequence[Element]) -> tuple[tuple[str, int], ...]:
    out = []
    e = block.element
    while e >= 0 and len(out) < PARALLEL_LEVELS:
        out.append((elements[e].tag, elements[e].signal))
        e = elements[e].parent
    return (block.tag, *out)  # type: ignore[return-value]


def keep_parallel_blocks(
    blocks: Sequence[TextBlock],
    elements: Sequence[Element],
    keep: list[bool],
    probs: Sequence[float],
    threshold: float,
) -> list[bool]:
    """Keep near-threshold prose that is one more unit of a repeated structure of kept units.

    The posts of a forum thread or the entries of a live blog are written into identical
    markup, one unit per container: when the model keeps the text of two or more units (each in
    a parent element of its own) and scores the same text of another unit just under the
    threshold, that unit is body as well. Paragraphs that share one parent (an article body)
    are not units: the model's decisions on them stand.
    """
    parents: dict[tuple[tuple[str, int], ...], list[int]] = {}
    for block in compress(blocks, keep):
        if len(block.text) >= PARALLEL_MIN_CHARS and not block.neg:
            parents.setdefault(_signature(block, elements), []).append(
                elements[block.element].parent
            )
    units = {
        key for key, found in parents.items() if len(found) >= 2 and len(set(found)) == len(found)
    }
    if not units:
        return keep
    out = list(keep)
    floor = PARALLEL_MIN_SHARE * threshold
    for i, block in enumerate(blocks):
        if (
            not out[i]
            and probs[i] >= floor
            and len(block.text) >= PARALLEL_MIN_CHARS
            and not block.neg
            and _TERMINAL.search(block.text)
        ):
            key = _signature(block, elements)
            if key in units and elements[block.element].parent not in parents[key]:
                out[i] = True
    return out


# A bare counter: "3", "#2", "12.408" (post numbers, post counts, likes); not a year ("2014").
_COUNTER = re.compile(r"[#№]?\s?\d{1,3}(?:[.,]\d{3})*")


def _is_counter_or_symbol(text: str) -> bool:
    return _COUNTER.fullmatch(text) is not None or (bool(text) and not _WORD.search(text))


def drop_counters(blocks: Sequence[TextBlock], keep: list[bool]) -> list[bool]:
    """Drop kept blocks that are a bare number or only symbols ("✓", "•") outside tables, code."""
    out = list(keep)
    for i in kept_indices(keep):
        b = blocks[i]
        if b.table_id < 0 and not b.pre and _is_counter_or_symbol(b.text):
            out[i] = False
    return out


def keep_lead_figure(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Keep the figures of the article element that come before its first kept block.

    The lead image often sits in the article's header, above the headline, where
    `keep_figures` (which fills gaps between kept blocks) does not reach. Only figures inside
    the same <article> element as the first kept block are taken; they add image, caption and
    credit to the figure blocks, never text.
    """
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return keep
    article = blocks[first].element
    while article >= 0 and elements[article].tag != "article":
        article = elements[article].parent
    if article <= 0:
        return keep
    out = list(keep)
    for i in range(first - 1, -1, -1):
        block = blocks[i]
        e = block.element
        while e > article:
            e = elements[e].parent
        if e != article:
            break  # before the article element
        if block.figure_id >= 0 and not block.neg:
            out[i] = True
    return out
