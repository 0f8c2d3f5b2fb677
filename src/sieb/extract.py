"""HTML extraction, in numbered stages.

1. decode   bytes -> str (BOM, declared charset, <meta>, detection)      sieb.decode
2. parse    Lexbor (selectolax), once; metadata and blocks share the tree;
            shadow-root templates are opened first                      sieb.shadow
3. metadata JSON-LD, OpenGraph, Dublin Core, <time>, bylines, URL         sieb.metadata
4. segment  the body into text blocks with their context                   sieb.blocks
5. locate   the main-content container                                  sieb.container
6. score    every block with the fitted two-stage model                     sieb.score
7. select   blocks over the threshold, minus site chrome and the title      here
            and minus consent-wall, paywall and subscribe-card text;        sieb.walls,
            table rows kept whole; index pages give no body     sieb.prompts, sieb.tables,
                                                                        sieb.listing
8. assemble typed body blocks (figures, lists, tables, quotes)              sieb.assemble
9. render   text; identify the language                       sieb.render, sieb.language
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from sieb.article import Article, Block, BlockKind
from sieb.assemble import assemble
from sieb.blocks import Segmentation, segment
from sieb.container import find_main
from sieb.decode import decode_html
from sieb.errors import InputError
from sieb.features import title_index
from sieb.language import detect_language
from sieb.listing import is_index_page
from sieb.metadata import PageMetadata, extract_metadata
from sieb.postprocess import (
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
from sieb.shadow import unwrap_shadow_roots
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


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options of `extract`; the defaults are what the benchmarks measure."""

    max_html_chars: int = MAX_HTML_CHARS
    threshold: float | None = None  # None: the model's own (fitted) threshold
    model_path: str | None = None


DEFAULT_OPTIONS = ExtractOptions()


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    charset: str | None = None,
    profile: SiteProfile | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Article:
    """Extract the article from one page's HTML.

    `html` may be bytes (decoded by sieb; `charset` is the HTTP header's, if known) or str.
    `profile` is a learned `SiteProfile` of the page's site whose recurring chrome is dropped.
    Returns an empty `Article` when the page holds no text; raises `InputError` for input that
    is not a page at all (neither str nor bytes).
    """
    text = _to_text(html, charset)[: options.max_html_chars]
    if not text.strip():
        return Article(url=url, page_type="empty")
    tree = LexborHTMLParser(unwrap_shadow_roots(text))
    meta = extract_metadata(tree, url)
    seg = segment(tree)
    model = load_model(options.model_path)
    keep, probs = _select(seg, model, options, profile, meta)
    keep, wall = drop_walls(seg, keep)
    if is_index_page(seg.blocks, keep, _confidence(probs, keep)):
        return _article(meta, [], "", 0.0, url, _page_chars(seg), page_type="index")
    body = _drop_title(assemble(seg.blocks, keep, seg.elements), meta.title)
    body_text = blocks_to_text(body, quote_sources=True)
    article = _article(meta, body, body_text, _confidence(probs, keep), url, _page_chars(seg))
    if wall and article.page_type in ("empty", "short"):
        return replace(article, page_type=wall)
    return article


def _to_text(html: str | bytes, charset: str | None) -> str:
    if isinstance(html, str):
        return html
    if isinstance(html, bytes | bytearray | memoryview):
        return decode_html(bytes(html), charset)
    raise InputError(f"extract() takes str or bytes, not {type(html).__name__}")


def _select(
    seg: Segmentation,
    model: BlockModel,
    options: ExtractOptions,
    profile: SiteProfile | None,
    meta: PageMetadata,
) -> tuple[list[bool], list[float]]:
    main = find_main(seg)
    probs = score_blocks(seg, main, model, meta.title, meta.body_hint)
    threshold = model.threshold if options.threshold is None else options.threshold
    keep = [p >= threshold for p in probs]
    for lower in RESCUE_THRESHOLDS:
        if _kept_chars(seg, keep) >= MIN_ARTICLE_CHARS:
            break
        keep = [p >= lower * threshold for p in probs]
    keep = keep_parallel_blocks(seg.blocks, seg.elements, keep, probs, threshold)
    keep = fill_gaps(seg.blocks, seg.elements, keep)
    keep = extend_runs(seg.blocks, seg.elements, keep, probs, HYSTERESIS_LOW * threshold)
    keep = drop_widget_rows(seg.blocks, drop_boilerplate_lines(seg.blocks, keep))
    keep = drop_duplicates(seg.blocks, drop_comments(seg.blocks, keep))
    keep = drop_counters(seg.blocks, drop_comment_sections(seg.blocks, seg.elements, keep))
    keep = drop_before_title(seg.blocks, keep, title_index(seg.blocks, meta.title))
    keep = keep_subheadings(seg.blocks, keep)
    keep = keep_wrapped_subheadings(seg.blocks, seg.elements, keep)
    keep = drop_paywall_prompts(seg.blocks, seg.elements, keep)
    keep = drop_subscribe_prompts(seg.blocks, seg.elements, keep)
    keep = keep_whole_rows(seg.blocks, keep)
    keep = keep_lead_figure(seg.blocks, seg.elements, keep_figures(seg.blocks, keep))
    if profile is not None:
        keep = [k and not profile.is_chrome(b.text) for k, b in zip(keep, seg.blocks, strict=True)]
    return keep, probs


def _page_chars(seg: Segmentation) -> int:
    return seg.elements[0].text_chars if seg.elements else 0


def _kept_chars(seg: Segmentation, keep: list[bool]) -> int:
    return sum(len(b.text) for b, k in zip(seg.blocks, keep, strict=True) if k)


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
    kept = [p for p, k in zip(probs, keep, strict=True) if k]
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
    language, _ = detect_language(text) if text else (None, 0.0)
    sources = dict(meta.sources)
    if language:
        sources["language"] = "text"
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
