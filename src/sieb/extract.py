"""HTML extraction, in numbered stages.

1. decode   bytes -> str (BOM, declared charset, <meta>, detection)      sieb.decode
2. parse    Lexbor (selectolax), once; metadata and blocks share the tree;
            shadow-root templates are opened first                      sieb.shadow
3. metadata JSON-LD, OpenGraph, Dublin Core, <time>, bylines, URL         sieb.metadata
4. segment  the body into text blocks with their context                   sieb.blocks
5. locate   the main-content container                                  sieb.container
6. score    every block with the fitted two-stage model                     sieb.score
7. select   blocks over the threshold, minus site chrome and the title      here
            and minus consent-wall, paywall and subscribe-card text, the    sieb.walls,
            next articles of an endless scroll and ad boxes; table rows     sieb.prompts,
            kept whole; index pages give no body                sieb.endless, sieb.sponsored,
                                                                  sieb.tables, sieb.listing
8. assemble typed body blocks (figures, lists, tables, quotes)              sieb.assemble
9. render   text; identify the language                       sieb.render, sieb.language
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from html import unescape
from itertools import compress
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from sieb.article import Article, Block, BlockKind, Comment
from sieb.assemble import assemble
from sieb.blocks import Segmentation, blocks_inside, segment
from sieb.comment_fields import build_comments
from sieb.comments import find_units
from sieb.container import find_main
from sieb.decode import decode_html_lazily
from sieb.endless import drop_next_articles
from sieb.errors import InputError
from sieb.explain import Trace, block_lines
from sieb.features import title_index
from sieb.language import guess_language
from sieb.listing import is_index_page
from sieb.marks import SourceMarks, source_marks
from sieb.meta.dates import parse_fetched
from sieb.metadata import PageMetadata, extract_metadata
from sieb.nodes import map_nodes
from sieb.postprocess import (
    ARTICLE_BEFORE_COMMENTS_CHARS,
    drop_before_title,
    drop_boilerplate_lines,
    drop_comment_sections,
    drop_comments,
    drop_counters,
    drop_duplicates,
    drop_widget_rows,
    extend_runs,
    fill_gaps,
    keep_figures,
    keep_lead_figure,
    keep_parallel_blocks,
    keep_subheadings,
    keep_wrapped_subheadings,
)
from sieb.prompts import drop_subscribe_prompts
from sieb.render import blocks_to_text
from sieb.score import BlockModel, load_model, score_blocks
from sieb.shadow import page_utf8, unwrap_shadow_roots
from sieb.sponsored import drop_sponsored
from sieb.tables import keep_whole_rows
from sieb.walls import drop_paywall_prompts, drop_walls

if TYPE_CHECKING:
    from sieb.site import SiteProfile

# Pages are cut to this many characters before parsing: real articles are far smaller, and the
# cut bounds time and memory on 50 MB pages (the tail of such pages is scripts or data).
MAX_HTML_CHARS = 8_000_000
# Below this many characters of body text the page is not called an article.
MIN_ARTICLE_CHARS = 200
# When the kept text is shorter than MIN_ARTICLE_CHARS, the threshold is lowered to these
# fractions in turn: a page the model is unsure about is more often a short article than a
# page without one (13 of 491 trafilatura-dev pages came out empty or nearly so at the full
# threshold, 2-fold held-out).
RESCUE_THRESHOLDS = (0.6, 0.3)
# A block that continues a run of kept sibling blocks is kept from this fraction of the
# threshold (hysteresis; 0.2 to 0.4 scored alike on both sets, 0.6 and above recovered less).
HYSTERESIS_LOW = 0.4
_SPACE = re.compile(r"\s+")
# The JSON-LD fallback (`_json_ld_fallback`): an articleBody of at least this many characters
# and this many times the extracted text replaces it, with this confidence.
JSON_LD_MIN_CHARS = 400
JSON_LD_RATIO = 2.0
JSON_LD_CONFIDENCE = 0.5
_MARKUP = re.compile(r"</?(?:p|div|br|h[1-6]|ul|ol|li|blockquote)\b", re.IGNORECASE)
_ESCAPED_MARKUP = re.compile(r"&lt;/?(?:p|div|br|h[1-6]|ul|ol|li|blockquote)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options of `extract`; the defaults are what the benchmarks measure."""

    max_html_chars: int = MAX_HTML_CHARS
    threshold: float | None = None  # None: the model's own (fitted) threshold
    model_path: str | None = None
    # CSS selectors of elements to remove before the body is extracted (after metadata is read):
    # a user's own boilerplate rules, e.g. (".promo-box", "#newsletter", "aside.related").
    prune: tuple[str, ...] = ()
    comments: bool = False  # also return reader comments (Article.comments)
    # When the page was fetched (ISO 8601, as a WARC-Date): comment dates written relative to it
    # ("3 hours ago", "vor 2 Tagen") become dates; without it they are left out.
    fetch_date: str | None = None


DEFAULT_OPTIONS = ExtractOptions()


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    charset: str | None = None,
    profile: SiteProfile | None = None,
    comments: bool = False,
    options: ExtractOptions = DEFAULT_OPTIONS,
    explain: bool = False,
) -> Article:
    """Extract the article from one page's HTML.

    `html` may be bytes (decoded by sieb; `charset` is the HTTP header's, if known) or str.
    `profile` is a learned `SiteProfile` of the page's site whose recurring chrome is dropped.
    With `explain`, `Article.lines` has one `Line` per text block of the page: its role,
    whether it is in the body, and why (the model's probability or the rule that decided).
    `comments=True` (or `options.comments`) also collects the reader comments after an article
    into `Article.comments` (text, author, date; never part of the body).
    Returns an empty `Article` when the page holds no text; raises `InputError` for input that
    is not a page at all (neither str nor bytes).
    """
    text, encoded = _to_text(html, charset, options.max_html_chars)
    comments = comments or options.comments
    if _is_blank(text, encoded):
        return Article(url=url, page_type="empty", comments=() if comments else None)
    page = encoded if text is None else page_utf8(text, encoded)
    marks = source_marks(page)
    if marks.shadow_roots:
        text = page.decode("utf-8") if text is None else text
        unwrapped = unwrap_shadow_roots(text, page.lower())
    else:
        unwrapped = text
    tree = LexborHTMLParser(_parser_input(unwrapped, text, encoded))
    meta = extract_metadata(tree, url)
    if options.prune:
        prune_elements(tree, options.prune)
    seg = segment(tree)
    model = load_model(options.model_path)
    trace = Trace(explain)
    keep, probs = _select(seg, model, options, profile, meta, trace)
    keep, wall = _drop_other_content(tree, seg, keep, meta, marks, trace)
    found: tuple[Comment, ...] | None = None
    if comments:
        keep, found = _take_comments(tree, seg, keep, parse_fetched(options.fetch_date))
        trace.step("comments", keep)
    if is_index_page(seg.blocks, keep, _confidence(probs, keep)):
        article = _article(meta, [], "", 0.0, url, _page_chars(seg), page_type="index")
        keep = trace.step("index_page", [False] * len(keep))
        found = () if found is not None else None
    else:
        article = _body_article(seg, keep, probs, meta, url, wall)
    if found is not None:
        article = replace(article, comments=found)
    if explain:
        threshold = model.threshold if options.threshold is None else options.threshold
        lines = block_lines(seg, keep, probs, threshold, trace, title_index(seg.blocks, meta.title))
        article = replace(article, lines=lines)
    return article


def _drop_other_content(
    tree: LexborHTMLParser,
    seg: Segmentation,
    keep: list[bool],
    meta: PageMetadata,
    marks: SourceMarks,
    trace: Trace,
) -> tuple[list[bool], str | None]:
    """`keep` without the next articles of an endless scroll, ad boxes and consent or paywall
    layers, and the wall found ("consent", "paywall" or None)."""
    if marks.articles:
        keep = trace.step(
            "drop_next_articles",
            drop_next_articles(tree, seg, keep, meta.title, marks.article_markers),
        )
    keep = trace.step(
        "drop_sponsored", drop_sponsored(tree, seg, keep, meta.page_type, marks.sponsored)
    )
    keep, wall = drop_walls(seg, keep)
    trace.step("drop_walls", keep)
    return keep, wall


def _body_article(
    seg: Segmentation,
    keep: list[bool],
    probs: list[float],
    meta: PageMetadata,
    url: str | None,
    wall: str | None,
) -> Article:
    """The article of the kept blocks; a wall's page type when little is left of it, and the
    JSON-LD body when the markup showed much less text than it."""
    body = _drop_title(assemble(seg.blocks, keep, seg.elements), meta.title)
    body_text = blocks_to_text(body, quote_sources=True)
    article = _article(meta, body, body_text, _confidence(probs, keep), url, _page_chars(seg))
    if wall and article.page_type in ("empty", "short"):
        return replace(article, page_type=wall)
    if wall:
        return article
    return _json_ld_fallback(article, meta, url, _page_chars(seg))

def _take_comments(
    tree: LexborHTMLParser, seg: Segmentation, keep: list[bool], fetched: datetime | None
) -> tuple[list[bool], tuple[Comment, ...]]:
    """The reader comments of an article page, and the body without them.

    A page whose kept text lies (nearly) all inside the comment units is a thread, not an
    article with comments (a forum, a Q&A page): its body stays and no comments are returned.
    """
    nodes = map_nodes(tree, seg.elements)
    if nodes is None:
        return keep, ()
    units = find_units(tree, nodes, seg.elements)
    comments, elements = build_comments(units, seg.elements, fetched)
    if not comments:
        return keep, ()
    in_comments = blocks_inside(seg.blocks, seg.elements, elements)
    outside = sum(
        len(b.text) for b, k, c in zip(seg.blocks, keep, in_comments, strict=True) if k and not c
    )
    if outside < ARTICLE_BEFORE_COMMENTS_CHARS:
        return keep, ()
    return [k and not c for k, c in zip(keep, in_comments, strict=True)], comments


def _json_ld_fallback(
    article: Article, meta: PageMetadata, url: str | None, page_chars: int
) -> Article:
    """The JSON-LD `articleBody` as the body when the page's markup shows much less text.

    Script-rendered pages often ship the article only in their JSON-LD (the visible markup is
    an empty shell or a teaser). The fallback needs JSON_LD_MIN_CHARS and JSON_LD_RATIO times
    the extracted text; `sources["text"]` then says "json-ld".
    """
    hint = meta.body_hint
    if not hint or len(hint) < JSON_LD_MIN_CHARS or len(hint) < JSON_LD_RATIO * len(article.text):
        return article
    body = [Block(BlockKind.PARAGRAPH, text=p) for p in json_ld_paragraphs(hint)]
    text = blocks_to_text(body)
    if len(text) < JSON_LD_MIN_CHARS or len(text) < JSON_LD_RATIO * len(article.text):
        return article  # the hint was mostly markup
    fallback = _article(meta, body, text, JSON_LD_CONFIDENCE, url, page_chars)
    return replace(fallback, sources={**fallback.sources, "text": "json-ld"})


def json_ld_paragraphs(body: str) -> list[str]:
    """The paragraphs of a JSON-LD `articleBody`: plain text split at line breaks, or the
    paragraph-level elements when it holds HTML markup (escaped markup is unescaped first)."""
    if "<" not in body and _ESCAPED_MARKUP.search(body):
        body = unescape(body)
    if _MARKUP.search(body):
        tree = LexborHTMLParser(body)
        blocks = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre"
        # the innermost paragraph-level elements (a node's css() includes the node itself)
        chunks = [n.text(deep=True) for n in tree.css(blocks) if len(n.css(blocks)) == 1]
        if not chunks and tree.body is not None:
            chunks = tree.body.text(separator="\n").splitlines()
    else:
        chunks = body.splitlines()
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def check_selectors(selectors: tuple[str, ...]) -> None:
    """Raise `InputError` unless every one of `selectors` is valid CSS."""
    prune_elements(LexborHTMLParser("<p></p>"), tuple(selectors))


def prune_elements(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> None:
    """Remove the elements matching any of the CSS `selectors` from `tree`, with their content.

    Raises `InputError` for a selector that is not valid CSS.
    """
    for selector in selectors:
        try:
            nodes = tree.css(selector)
        except SelectolaxError as exc:
            raise InputError(f"not a valid CSS selector: {selector!r}") from exc
        for node in reversed(nodes):  # inner matches first: an outer one frees its subtree
            node.decompose()


def _parser_input(html: str | None, text: str | None, encoded: bytes | None) -> str | bytes:
    """What to parse: `html`, or `text`'s UTF-8 encoding `encoded` when `html` is `text`
    (None when the page was not decoded).

    The parser encodes a str to UTF-8 itself (a copy of the whole page); bytes it parses as they
    are, so the page's own bytes give the same tree without that copy."""
    return encoded if encoded is not None and html is text else html


def _to_text(
    html: str | bytes, charset: str | None, max_chars: int
) -> tuple[str | None, bytes | None]:
    """The page's text, cut to `max_chars`, and its UTF-8 encoding when that is at hand: the
    input bytes, when they were decoded as a whole as strict UTF-8 and not cut. The text is
    None when those bytes were only checked, not decoded (`_is_blank`, `extract`)."""
    if isinstance(html, str):
        return html[:max_chars], None
    if isinstance(html, bytes | bytearray | memoryview):
        data = bytes(html)
        text, utf8 = decode_html_lazily(data, charset)
        if utf8 and text is None and len(data) <= max_chars:
            return None, data  # at most as many characters as bytes
        if text is None:
            text = data.decode("utf-8")
        if utf8 and len(text) <= max_chars:
            return text, data
        return text[:max_chars], None
    raise InputError(f"extract() takes str or bytes, not {type(html).__name__}")


# Python's whitespace characters (str.isspace, str.strip) below U+0080.
_NOT_ASCII_SPACE = re.compile(rb"[^\t-\r\x1c- ]")


def _is_blank(text: str | None, encoded: bytes | None) -> bool:
    """True when the page holds only whitespace. An undecoded page (`text` None) is read from
    its UTF-8 `encoded`: the first byte that is not ASCII whitespace decides, unless it begins
    a non-ASCII character (then the page is decoded)."""
    if text is None:
        first = _NOT_ASCII_SPACE.search(encoded)
        if first is None:
            return True
        if encoded[first.start()] < 0x80:
            return False
        text = encoded.decode("utf-8")
    return not text.strip()


def _select(
    seg: Segmentation,
    model: BlockModel,
    options: ExtractOptions,
    profile: SiteProfile | None,
    meta: PageMetadata,
    trace: Trace,
) -> tuple[list[bool], list[float]]:
    """Which blocks are the body, and the model's probabilities; each step is noted in `trace`
    (a no-op unless explaining)."""
    main = find_main(seg)
    probs = score_blocks(seg, main, model, meta.title, meta.body_hint)
    threshold = model.threshold if options.threshold is None else options.threshold
    keep = trace.start([p >= threshold for p in probs])
    for lower in RESCUE_THRESHOLDS:
        if _kept_chars(seg, keep) >= MIN_ARTICLE_CHARS:
            break
        keep = trace.step("rescue", [p >= lower * threshold for p in probs])
    blocks, elements, step = seg.blocks, seg.elements, trace.step
    keep = step("keep_parallel_blocks", keep_parallel_blocks(blocks, elements, keep, probs,
                                                             threshold))
    keep = step("fill_gaps", fill_gaps(blocks, elements, keep))
    keep = step("extend_runs", extend_runs(blocks, elements, keep, probs,
                                           HYSTERESIS_LOW * threshold))
    keep = step("drop_boilerplate_lines", drop_boilerplate_lines(blocks, keep))
    keep = step("drop_widget_rows", drop_widget_rows(blocks, keep))
    keep = step("drop_comments", drop_comments(blocks, keep))
    keep = step("drop_duplicates", drop_duplicates(blocks, keep))
    keep = step("drop_comment_sections", drop_comment_sections(blocks, elements, keep))
    keep = step("drop_counters", drop_counters(blocks, keep))
    keep = step("drop_before_title",
                drop_before_title(blocks, keep, title_index(blocks, meta.title)))
    keep = step("keep_subheadings", keep_subheadings(blocks, keep))
    keep = step("keep_wrapped_subheadings", keep_wrapped_subheadings(blocks, elements, keep))
    keep = step("drop_paywall_prompts", drop_paywall_prompts(blocks, elements, keep))
    keep = step("drop_subscribe_prompts", drop_subscribe_prompts(blocks, elements, keep))
    keep = step("keep_whole_rows", keep_whole_rows(blocks, keep))
    keep = step("keep_figures", keep_figures(blocks, keep))
    keep = step("keep_lead_figure", keep_lead_figure(blocks, elements, keep))
    if profile is not None:
        keep = step("profile", [k and not profile.is_chrome(b.text)
                                for k, b in zip(keep, blocks, strict=True)])
    return keep, probs


def _page_chars(seg: Segmentation) -> int:
    return seg.elements[0].text_chars if seg.elements else 0


def _kept_chars(seg: Segmentation, keep: list[bool]) -> int:
    return sum(len(b.text) for b in compress(seg.blocks, keep))


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip().casefold()


def _drop_title(body: list[Block], title: str | None) -> list[Block]:
    """The body without the headline (the title is a field of its own) and trailing headings."""
    lead = 0  # a lead figure may come before the headline
    while lead < len(body) and body[lead].kind is BlockKind.FIGURE:
        lead += 1
    if title and lead < len(body) and body[lead].kind is BlockKind.HEADING:
        first = _norm(body[lead].text)
        wanted = _norm(title)
        if first == wanted or (len(first) > 15 and (first in wanted or wanted in first)):
            body = body[:lead] + body[lead + 1 :]
    while body and body[-1].kind is BlockKind.HEADING:
        body = body[:-1]
    return body


def _confidence(probs: list[float], keep: list[bool]) -> float:
    kept = list(compress(probs, keep))
    return sum(kept) / len(kept) if kept else 0.0


def _article(
    meta: PageMetadata,
    body: list[Block],
    text: str,
    confidence: float,
    url: str | None,
    page_chars: int,
    page_type: str | None = None,
) -> Article:
    language, how = guess_language(text) if text else (None, "")
    sources = dict(meta.sources)
    if language:
        sources["language"] = how
    else:
        language = meta.language
    title = meta.title
    if len(text) >= MIN_ARTICLE_CHARS:
        page_type = (
            meta.page_type if meta.page_type in ("article", "product", "forum") else "article"
        )
    else:
        page_type = page_type or ("empty" if not text else "short")
    return Article(
        title=title,
        authors=meta.authors,
        published=meta.published,
        modified=meta.modified,
        url=meta.url or url,
        site_name=meta.site_name,
        language=language,
        description=meta.description,
        image=meta.image,
        tags=meta.tags,
        text=text,
        blocks=tuple(body),
        confidence=confidence if text else 0.0,
        page_type=page_type,
        sources=sources,
        page_chars=page_chars,
    )
