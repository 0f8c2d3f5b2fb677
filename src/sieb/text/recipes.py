"""Stage 3i of text mode: a recipe's ingredients and method.

A recipe page closes its story with the recipe itself: "Ingredients" over a list of short lines
("8-9 ripe pears, cored and peeled", "1 tsp cinnamon") and "Instructions" over the steps. Short
lines that end no sentence, they read like a list of links to the rules and the line model. A
page that has both kinds of heading ("Zutaten" and "Zubereitung") is a recipe; each such heading
near the body, and the lines under it up to the next heading or the page's chrome, are the body.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sieb.article import LineRole
from sieb.compiled import checked_twin, compiled_module
from sieb.text.lines import PROBE_TEXTS, LineFeatures, python_measure
from sieb.text.patterns import string_keys
from sieb.text.roles import READER_PROMPT_REASON, SECTION_ENDS, Decision

_INGREDIENTS = frozenset(
    {"ingredients", "zutaten", "ingrédients", "ingredientes", "ingredienti", "ingrediënten"}
)
_METHOD = frozenset(
    {
        "instructions", "directions", "method", "preparation", "préparation", "preparación",
        "preparazione", "zubereitung", "anleitung", "bereiding",
    }
)  # fmt: skip
# The headings as lines of a page, lower-cased: alone, or with a colon.
_HEADINGS = frozenset(
    word + end for word in _INGREDIENTS | _METHOD for end in ("", ":", " :")
)
_LOW = LineFeatures._fields.index("low")
# How far above a heading the body's last kept line may be, how many lines a section runs at
# most, and how long its lines are (a longer one is a paragraph of something else).
_REACH = 40
_SECTION_LINES = 60
_LINE_MAX_CHARS = 400
_HEADING = Decision(LineRole.HEADING, True, "heading of the recipe's ingredients or method")
_LINE = Decision(LineRole.LIST_ITEM, True, "in the recipe's ingredients or method")


def with_recipe(feats: list[LineFeatures], decisions: list[Decision]) -> list[Decision]:
    """`decisions` with a recipe's sections kept, on a page with a heading of its ingredients
    and one of its method."""
    found = _lines_in(feats, _LOW, _HEADING_SET)
    if len(found) < 2:
        return decisions
    words = {feats[k].low.rstrip(" :") for k in found}
    if words.isdisjoint(_INGREDIENTS) or words.isdisjoint(_METHOD):
        return decisions
    headings = set(found)
    out = None
    for k in found:
        if not _near_body(decisions, k):
            continue
        if out is None:
            out = list(decisions)
        out[k] = _HEADING
        for i in _section(feats, decisions, k, headings):
            if not decisions[i].kept:
                out[i] = _LINE
    return decisions if out is None else out


def _near_body(decisions: list[Decision], heading: int) -> bool:
    """Whether a kept line other than the title stands within _REACH lines above `heading` (or
    is the heading)."""
    return any(
        d.kept and d.role is not LineRole.TITLE
        for d in decisions[max(0, heading - _REACH) : heading + 1]
    )


def _section(
    feats: list[LineFeatures], decisions: list[Decision], heading: int, headings: set[int]
) -> range:
    """The lines under `heading` up to the next heading, a line of SECTION_ENDS's roles, a line
    that points to other articles or one too long for a recipe (at most _SECTION_LINES)."""
    end = heading + 1
    stop = min(len(feats), heading + 1 + _SECTION_LINES)
    while end < stop:
        d = decisions[end]
        if (
            end in headings
            or d.role in SECTION_ENDS
            or d.reason == READER_PROMPT_REASON
            or feats[end].chars > _LINE_MAX_CHARS
        ):
            break
        end += 1
    return range(heading + 1, end)


def python_lines_in(feats: list[LineFeatures], low: int, strings: frozenset[str]) -> list[int]:
    """The indexes of the lines whose lower-cased text (at `low` in a line's features) is one of
    `strings` (a frozenset, or the compiled rules' StringSet of one); the definition of the
    compiled `lines_in`."""
    return [k for k, f in enumerate(feats) if f[low] in strings]


def _probes(strings: object) -> Iterator[tuple]:
    """Arguments to check the compiled `lines_in` with: the pages of lines.PROBE_TEXTS with the
    headings added, as lines and inside lines."""
    extra = [*sorted(_HEADINGS), "Zutaten", "INGREDIENTS :", "Ingredients for four", "x"]
    for text in PROBE_TEXTS:
        yield (python_measure(text + "\n" + "\n".join(extra)), _LOW, strings)


_RULES = compiled_module("sieb.text._rules")


def string_set(strings: Iterable[str]) -> object:
    """`strings` as `lines_in` takes them: the compiled rules' StringSet when they are built,
    else `string_keys` (a container the garbage collector does not walk)."""
    return _RULES.StringSet(strings) if _RULES is not None else string_keys(strings)


_HEADING_SET = string_set(_HEADINGS)
_lines_in = (
    checked_twin("sieb.text._rules", "lines_in", python_lines_in, _probes(_HEADING_SET))
    or python_lines_in
)

# `lines_in(feats, low, strings)`: the indexes of the lines whose lower-cased text (at `low`) is
# one of `strings` (made by `string_set`); shared with `sieb.text.markers`.
lines_in = _lines_in
