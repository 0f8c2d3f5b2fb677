"""Text mode's recipes (sieb.text.recipes): the ingredients and the method are the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.article import LineRole
from sieb.text import recipes
from sieb.text.lines import python_measure
from sieb.text.roles import Decision

_STORY = (
    "When the pears in the garden ripen all at once, there is only one thing to do with them:"
    " make jam, enough for the whole winter and for a few jars to give away."
)
_INGREDIENTS = ("8 ripe pears, cored and peeled", "1 lemon, juiced", "1 tsp cinnamon")
_STEPS = ("Chop the pears and put them in a large pot.", "Boil for ten minutes, then fill jars.")


def _decided(rows: list[str]) -> tuple[list, list[Decision]]:
    """The lines of a page as the rules and the model leave it: the story kept, the rest
    dropped, "Share" an interface string."""
    feats = python_measure("\n".join(rows))
    decisions = []
    for f in feats:
        if f.text == _STORY:
            decisions.append(Decision(LineRole.PARAGRAPH, True, "prose inside the body"))
        elif f.text == "Share":
            decisions.append(Decision(LineRole.UI, False, "interface string"))
        else:
            decisions.append(Decision(LineRole.NAVIGATION, False, "short line after the body"))
    return feats, decisions


def _kept(rows: list[str]) -> dict[str, bool]:
    feats, decisions = _decided(rows)
    out = recipes.with_recipe(feats, decisions)
    return {f.text: d.kept for f, d in zip(feats, out, strict=True)}


def test_a_recipes_sections_join_the_body_up_to_the_chrome() -> None:
    kept = _kept([_STORY, "Ingredients", *_INGREDIENTS, "Instructions:", *_STEPS, "Share", "Tags"])
    assert all(kept[line] for line in ("Ingredients", *_INGREDIENTS, "Instructions:", *_STEPS))
    assert not kept["Share"] and not kept["Tags"]


def test_one_kind_of_heading_makes_no_recipe() -> None:
    """A product page's "Zubereitung" tab is no recipe without its ingredients."""
    feats, decisions = _decided([_STORY, "Zubereitung", *_STEPS, "Zubereitung", *_STEPS])
    assert recipes.with_recipe(feats, decisions) is decisions


def test_headings_far_below_the_body_are_left_alone() -> None:
    filler = [f"Other link number {k}" for k in range(recipes._REACH + 5)]
    kept = _kept([_STORY, *filler, "Zutaten", *_INGREDIENTS, "Zubereitung", *_STEPS])
    assert not any(kept[line] for line in ("Zutaten", *_INGREDIENTS))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Ingredients", "zutaten :", "Method", "x", "Share", ""]), max_size=9)
)
def test_the_compiled_search_is_the_definition(rows: list[str]) -> None:
    feats = python_measure("\n".join(rows))
    args = (feats, recipes._LOW, recipes._HEADING_SET)
    assert recipes._lines_in(*args) == recipes.python_lines_in(*args)
