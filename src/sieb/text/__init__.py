"""Text mode: clean flattened page text (crawl text dumps, WET records, pasted pages).

The flow reads in one direction: `lines` (split and measure) -> `blocks` (where the blocks of
text without blank lines break, as in WET records) -> `roles` (context-free, then
neighbours) -> `model` (the fitted line model revises which lines are body text where it is
confident) -> `authors` (the author box under the article), `figures` (an image's alt text that
its caption repeats) and `links` (a line that is its text twice) -> `headline` (the title the
page's URL names, where a line matches it) -> `lists` (a list under a heading that names the
title's subject, right under the body) -> `recipes` (a recipe's ingredients and method) ->
`numbered` (a mostly kept numbered list is kept whole) -> `following` (the next article, below
a "Next article" line, is not the body) -> `answers` (a question-and-answer page's answers are
its body) -> `liveblog` (a live blog's entries are its body) -> `summary` (a lead that the body
repeats is the description) -> `assemble` (Article with blocks and one `Line` per non-blank
input line).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sieb.article import Article
from sieb.errors import InputError
from sieb.text import lines, roles
from sieb.text.answers import with_answers
from sieb.text.assemble import build_article
from sieb.text.authors import with_author_box
from sieb.text.blocks import load_breaks, with_blocks
from sieb.text.copies import with_body_copies
from sieb.text.figures import with_alt_texts
from sieb.text.following import with_next_article_dropped
from sieb.text.headline import with_named_headline
from sieb.text.lines import holds_nul, measure
from sieb.text.links import with_doubled_links
from sieb.text.lists import with_subject_lists
from sieb.text.liveblog import with_live_entries
from sieb.text.markers import marker_lines
from sieb.text.model import apply_model, load_model
from sieb.text.numbered import with_numbered_lists
from sieb.text.programme import with_programme
from sieb.text.recipes import with_recipe
from sieb.text.roles import assign
from sieb.text.summary import with_summary
from sieb.text.teasers import with_announced_teasers, with_teaser_headlines

if TYPE_CHECKING:
    from sieb.site import SiteProfile

__all__ = ["clean_text", "clear_caches"]

# Inputs above this size are refused: 50 MB of text is no single page.
MAX_CHARS = 50_000_000
# ... and inputs of more non-blank lines than this: a page has hundreds, a few thousand at most
# (1,362 in the benchmark sets), and each line holds some 4 KB while the line model runs, so a
# 50 MB text of short lines would ask for tens of gigabytes.
MAX_LINES = 100_000
_NON_BLANK_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


def _over_line_limit(text: str) -> int:
    """The count of `text`'s non-blank lines (as `measure` splits them) when it exceeds
    MAX_LINES, else 0; counted only for a text long enough to hold that many (each takes a
    character and a line break) and with that many line breaks."""
    if len(text) <= 2 * MAX_LINES or text.count("\n") < MAX_LINES:
        return 0
    count = sum(1 for _ in _NON_BLANK_LINE.finditer(text))
    return count if count > MAX_LINES else 0


def clean_text(
    text: str,
    url: str | None = None,
    language: str | None = None,
    *,
    profile: SiteProfile | None = None,
    model_path: str | None = None,
    breaks_path: str | None = None,
) -> Article:
    """Clean one page of flattened text into an `Article`.

    Every non-blank input line comes back in `Article.lines` with its role, whether it is part
    of the body, and the reason. `language` (ISO 639-1) skips language identification; `profile`
    (a `SiteProfile` of the page's host) marks the lines that recur across the site as chrome;
    `model_path` names a line-model file other than the packaged one (or SIEB_TEXT_MODEL_PATH),
    `breaks_path` a block-break model file (for text without blank lines; or
    SIEB_TEXT_BREAKS_PATH).
    Raises `InputError` for input that is not text, or of more than MAX_CHARS characters or
    MAX_LINES non-blank lines.
    """
    if isinstance(text, bytes | bytearray):
        raise InputError("clean_text takes str; decode bytes first (e.g. sieb.decode)")
    if not isinstance(text, str):
        raise InputError(f"clean_text takes str, not {type(text).__name__}")
    if url is not None and not isinstance(url, str):
        raise InputError(f"clean_text takes url as str, not {type(url).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"text of {len(text):,} characters exceeds the limit of {MAX_CHARS:,}")
    if holds_nul(text):
        text = text.replace("\x00", "")
    lines_over = _over_line_limit(text)
    if lines_over:
        raise InputError(
            f"text of {lines_over:,} non-blank lines exceeds the limit of {MAX_LINES:,}"
        )
    feats = with_blocks(measure(text), load_breaks(breaks_path))
    decisions = apply_model(feats, assign(feats, profile), load_model(model_path))
    decisions = with_author_box(feats, decisions)
    decisions = with_alt_texts(feats, decisions)
    decisions = with_doubled_links(feats, decisions)
    decisions = with_named_headline(feats, decisions, url)
    decisions = with_subject_lists(feats, decisions)
    decisions = with_recipe(feats, decisions)
    decisions = with_numbered_lists(feats, decisions)
    decisions = with_body_copies(feats, decisions)
    marked = marker_lines(feats)
    decisions = with_next_article_dropped(feats, decisions, marked)
    decisions = with_answers(feats, decisions, marked)
    decisions = with_live_entries(feats, decisions, marked)
    decisions = with_programme(feats, decisions)
    decisions = with_announced_teasers(feats, decisions, marked)
    decisions = with_teaser_headlines(decisions)
    decisions, summary = with_summary(feats, decisions)
    description = feats[summary].text if summary >= 0 else None
    return build_article(feats, decisions, url, language, description)


def clear_caches() -> None:
    """Forget the lines and decisions remembered from earlier pages (to time text mode from a
    cold start)."""
    lines.clear_seen()
    roles.clear_seen()
