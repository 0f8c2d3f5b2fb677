"""Why HTML extraction kept or dropped each text block: `extract(..., explain=True)`.

The model scores every block; then rules (`postprocess`, `walls`, `listing`) keep or drop some
of them. `Trace` follows the keep flags through those steps and remembers, for every block, the
last step that changed it. `block_lines` turns that into one `Line` per block (the same record
text mode gives per input line), so `sieb extract --explain` prints what `sieb clean --explain`
prints: number, kept mark, role, text and reason. Nothing is traced unless asked for.
"""

from __future__ import annotations

from sieb import signals as S
from sieb.article import Line, LineRole
from sieb.blocks import Segmentation, TextBlock

# What each step does to the blocks it changes, as the reason shown for them.
STEP_REASONS = {
    "rescue": "kept at a lowered threshold: the page had too little text at the full one",
    "keep_parallel_blocks": "kept: a repeated unit (post, entry) beside kept ones",
    "fill_gaps": "kept: fills a gap between kept sibling blocks",
    "extend_runs": "kept: continues a run of kept sibling blocks",
    "drop_boilerplate_lines": "boilerplate phrase (share, subscribe, read more...)",
    "drop_widget_rows": "a row of widget labels",
    "drop_comments": "a reader comment",
    "drop_duplicates": "repeats another block of the page",
    "drop_comment_sections": "inside the comment section",
    "drop_counters": "a counter (views, comments, likes)",
    "drop_before_title": "before the headline",
    "keep_subheadings": "kept: sub-heading of kept text",
    "keep_wrapped_subheadings": "kept: sub-heading between paragraphs wrapped alike",
    "drop_subscribe_prompts": "a subscribe card (a pitch next to a subscribe button)",
    "keep_whole_rows": "kept: a cell of a kept table row",
    "drop_paywall_prompts": "a subscription prompt",
    "keep_figures": "kept: caption or credit of a kept figure",
    "keep_lead_figure": "kept: the lead figure",
    "profile": "recurring chrome of the site (SiteProfile)",
    "drop_next_articles": "after the page's own article (the next one of an endless scroll)",
    "drop_sponsored": "an ad or affiliate box",
    "drop_walls": "a consent or paywall layer",
    "comments": "a reader comment (in Article.comments)",
    "index_page": "index page: linked headlines and teasers, no article",
}

# Dropped blocks: the role their container's class/id/tag signals say, first match wins.
_FLAG_ROLES = (
    (S.CONSENT, LineRole.CONSENT),
    (S.PAYWALL, LineRole.NOTICE),
    (S.AD, LineRole.AD),
    (S.COMMENT, LineRole.COMMENT),
    (S.BREADCRUMB, LineRole.NAVIGATION),
    (S.NAV, LineRole.NAVIGATION),
    (S.FOOTER, LineRole.FOOTER),
    (S.RELATED, LineRole.TEASER),
    (S.SHARE, LineRole.UI),
    (S.NEWSLETTER, LineRole.UI),
    (S.FORM, LineRole.UI),
    (S.META, LineRole.META_LABEL),
    (S.HEADER, LineRole.NAVIGATION),
)
# A dropped block whose text is mostly link text is navigation (or a teaser when long).
_LINKED_SHARE = 0.5
_TEASER_CHARS = 60


class Trace:
    """The keep flags of a page's blocks through the selection steps (see module docstring)."""

    __slots__ = ("enabled", "keep", "steps")

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.keep: list[bool] = []
        self.steps: list[str | None] = []

    def start(self, keep: list[bool]) -> list[bool]:
        """The model's flags, before any rule."""
        if self.enabled:
            self.keep = list(keep)
            self.steps = [None] * len(keep)
        return keep

    def step(self, name: str, keep: list[bool]) -> list[bool]:
        """Note the blocks whose flag `name` changed; returns `keep` unchanged."""
        if self.enabled:
            for i, (before, after) in enumerate(zip(self.keep, keep, strict=True)):
                if before != after:
                    self.steps[i] = name
            self.keep = list(keep)
        return keep


def block_lines(
    seg: Segmentation,
    keep: list[bool],
    probs: list[float],
    threshold: float,
    trace: Trace,
    title_at: int,
) -> tuple[Line, ...]:
    """One `Line` per block: its role, whether it is in the body, and the reason."""
    lines = []
    for i, block in enumerate(seg.blocks):
        if i == title_at:
            lines.append(Line(i + 1, block.text, LineRole.TITLE, False, "the headline (title)"))
            continue
        kept = keep[i]
        step = trace.steps[i] if i < len(trace.steps) else None
        if step is not None:
            reason = STEP_REASONS.get(step, step)
        else:
            relation = ">=" if probs[i] >= threshold else "<"
            reason = f"model: body probability {probs[i]:.2f} {relation} {threshold:.2f}"
        role = content_role(block) if kept else dropped_role(block)
        lines.append(Line(i + 1, block.text, role, kept, reason))
    return tuple(lines)


def content_role(block: TextBlock) -> LineRole:
    """What a block is by its markup: heading, list item, quote, caption, table, code..."""
    ctx = block.ctx
    if ctx.flags & S.CREDIT:
        return LineRole.CREDIT
    if ctx.figure_id >= 0 or ctx.flags & S.CAPTION:
        return LineRole.CAPTION
    if block.heading_level:
        return LineRole.HEADING
    if ctx.pre:
        return LineRole.CODE
    if ctx.table_id >= 0:
        return LineRole.TABLE
    if ctx.list_id >= 0:
        return LineRole.LIST_ITEM
    if ctx.quote_id >= 0:
        return LineRole.PULL_QUOTE
    return LineRole.PARAGRAPH


def dropped_role(block: TextBlock) -> LineRole:
    """What a dropped block most likely is: by its containers' signals, then its links."""
    flags = block.ctx.flags
    for flag, role in _FLAG_ROLES:
        if flags & flag:
            return role
    if block.text and block.link_chars >= _LINKED_SHARE * len(block.text):
        return LineRole.TEASER if len(block.text) >= _TEASER_CHARS else LineRole.NAVIGATION
    return content_role(block)
