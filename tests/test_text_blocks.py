"""The blocks of text without blank lines (sieb.text.blocks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.article import LineRole
from sieb.text import clean_text
from sieb.text.blocks import (
    BreakModel,
    gap_breaks,
    gap_rows,
    load_breaks,
    python_regrouped,
    regrouped,
    with_blocks,
)
from sieb.text.lines import has_blank_lines, measure
from training.fit_text_breaks import fit, gap_labels

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text"

MENU_AND_ARTICLE = "\n".join(
    [
        "Home",
        "News",
        "Sport",
        "Culture",
        "Weather",
        "Council approves the new cycle lanes after a long debate",
        "By Jane Porter",
        (
            "The city council voted on Tuesday evening to build forty kilometres of new cycle"
            " lanes by 2030, after months of argument about the parking spaces they will take."
        ),
        (
            "The decision passed by 28 votes to 19. The opposition had said that hundreds of"
            " parking spaces in the city centre would be lost, and that shops would suffer for it."
        ),
        (
            "Officials expect the lanes to cost about twelve million pounds, most of it from a"
            " national fund for walking and cycling."
        ),
        "Share",
        "Print",
        "Email",
    ]
)


def wet(text: str) -> str:
    return "\n".join(row for row in text.split("\n") if row.strip())


def test_packaged_model_reads_the_rows_it_is_given():
    model = load_breaks()
    feats = measure(MENU_AND_ARTICLE)
    rows = gap_rows(feats.numeric)
    assert rows.shape == (len(feats) - 1, model.weights.shape[0])
    assert 0.0 < model.threshold < 1.0


def test_menu_lines_share_a_block_and_paragraphs_stand_alone():
    feats = with_blocks(measure(MENU_AND_ARTICLE), load_breaks())
    assert [f.group for f in feats[:5]] == [0] * 5  # the menu: one block
    assert feats[0].group_size >= 5
    paragraphs = [f for f in feats if f.is_prose]
    assert len(paragraphs) == 3
    assert all(f.group_size == 1 for f in paragraphs)


def test_groups_fields_and_layout_agree():
    feats = with_blocks(measure(MENU_AND_ARTICLE), load_breaks())
    groups, positions, sizes = feats.layout.tolist()
    assert groups == [f.group for f in feats]
    assert positions == [f.group_pos for f in feats]
    assert sizes == [f.group_size for f in feats]
    for f in feats:
        assert 0 <= f.group_pos < f.group_size
    # Everything else is measured as before.
    plain = measure(MENU_AND_ARTICLE)
    for a, b in zip(plain, feats, strict=True):
        assert (a.number, a.text, a.chars, a.is_prose) == (b.number, b.text, b.chars, b.is_prose)
    assert feats.numeric is plain.numeric or np.array_equal(feats.numeric, plain.numeric)


def test_text_with_blank_lines_keeps_its_own_blocks():
    text = (FIXTURES / "en-council-budget.txt").read_text(encoding="utf-8")
    feats = measure(text)
    assert has_blank_lines(feats)
    assert with_blocks(feats, load_breaks()) is feats


def test_no_model_or_one_line_changes_nothing():
    feats = measure(MENU_AND_ARTICLE)
    assert with_blocks(feats, None) is feats
    one = measure("Just one line of text.")
    assert with_blocks(one, load_breaks()) is one
    empty = measure("")
    assert with_blocks(empty, load_breaks()) is empty


def test_a_threshold_of_zero_breaks_every_gap():
    model = load_breaks()._replace(threshold=0.0)
    feats = measure(MENU_AND_ARTICLE)
    assert gap_breaks(feats.numeric, model).all()
    regrouped = with_blocks(feats, model)
    assert [f.group_size for f in regrouped] == [1] * len(feats)


def test_model_of_other_measures_is_refused():
    model = BreakModel(np.zeros(3), np.ones(3), np.zeros(3), 0.0, 0.5)
    with pytest.raises(Exception, match="other measures"):
        gap_breaks(measure(MENU_AND_ARTICLE).numeric, model)


def test_gap_labels_mark_blank_lines():
    assert gap_labels("a\nb\n\nc\n\n\nd\ne").tolist() == [0.0, 1.0, 1.0, 0.0]
    assert gap_labels("\n\nonly\n").tolist() == []


def test_fit_learns_a_separable_gap():
    rows = np.array([[0.0, 1.0], [0.1, 0.9], [1.0, 0.0], [0.9, 0.2]] * 10)
    labels = np.array([0.0, 0.0, 1.0, 1.0] * 10)
    model = fit(rows, labels)
    weights, mean, scale = (np.array(model[k]) for k in ("weights", "mean", "scale"))
    p = 1.0 / (1.0 + np.exp(-(((rows - mean) / scale) @ weights + model["bias"])))
    assert ((p >= 0.5) == (labels > 0.5)).all()


def test_wet_input_of_the_fixtures_groups_their_menus():
    """The fixtures' WET form: their menu runs come back as blocks, and cleaning still keeps
    the article (test_text_fixtures checks the lines)."""
    for path in sorted(FIXTURES.glob("*.txt")):
        text = wet(path.read_text(encoding="utf-8"))
        feats = with_blocks(measure(text), load_breaks())
        assert max(f.group_size for f in feats) >= 3, path.name
        article = clean_text(text)
        assert article.text


def test_clean_text_takes_a_break_model_file(tmp_path):
    """`breaks_path` names the model (as model_path does the line model's); one whose threshold
    is 0 leaves WET input one block per line."""
    import json

    from sieb.text import blocks

    data = {k: np.asarray(v).tolist() for k, v in load_breaks()._asdict().items()}
    data["threshold"] = 0.0
    path = tmp_path / "breaks.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    text = wet(MENU_AND_ARTICLE)
    article = clean_text(text, breaks_path=str(path))
    assert len(article.lines) == len(measure(text))
    assert blocks.load_breaks(str(path)).threshold == 0.0


def test_gap_breaks_are_the_logistic_model_of_the_rows():
    """The folded computation agrees with the model applied to gap_rows, as fitted."""
    model = load_breaks()
    for path in sorted(FIXTURES.glob("*.txt")):
        feats = measure(wet(path.read_text(encoding="utf-8")))
        rows = gap_rows(feats.numeric)
        logits = ((rows - model.mean) / model.scale) @ model.weights + model.bias
        p = 1.0 / (1.0 + np.exp(-logits))
        assert gap_breaks(feats.numeric, model).tolist() == (p >= model.threshold).tolist()


compiled_only = pytest.mark.skipif(
    regrouped is python_regrouped, reason="sieb.text._measure not built or SIEB_PURE_PYTHON set"
)


@compiled_only
@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), min_size=0, max_size=12))
def test_compiled_regrouped_is_its_definition(opens):
    text = "\n".join(f"Line number {i} of a page" if i % 3 else "Home" for i in range(len(opens)))
    feats = measure(text)
    got = regrouped(feats, opens, type(feats[0]) if feats else tuple)
    want = python_regrouped(feats, opens, type(feats[0]) if feats else tuple)
    assert got == want
    assert all(type(a) is type(b) for a, b in zip(got, want, strict=True))


def test_regrouped_sets_only_the_group_fields():
    feats = measure("a\nb\nc\nd\ne")
    out = regrouped(feats, [True, False, True, False, False], type(feats[0]))
    assert [(f.group, f.group_pos, f.group_size) for f in out] == [
        (0, 0, 2), (0, 1, 2), (1, 0, 3), (1, 1, 3), (1, 2, 3)
    ]
    assert [f.text for f in out] == ["a", "b", "c", "d", "e"]
    with pytest.raises(ValueError):
        regrouped(feats, [True], type(feats[0]))


def test_a_malformed_break_model_file_is_a_clear_error(tmp_path):
    from sieb.errors import SiebError

    path = tmp_path / "breaks.json"
    path.write_text('{"mean": [0.0]}', encoding="utf-8")
    with pytest.raises(SiebError, match="not a text break model"):
        clean_text(wet(MENU_AND_ARTICLE), breaks_path=str(path))


def test_guessed_blocks_are_marked_and_own_blocks_are_not():
    assert with_blocks(measure(MENU_AND_ARTICLE), load_breaks()).predicted
    text = (FIXTURES / "en-council-budget.txt").read_text(encoding="utf-8")
    assert not measure(text).predicted


# One block: five tour dates, then a sharing row's two buttons.
_DATES_AND_SHARING = "\n".join(
    [
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
        "June 10 -- Credit Union Amphitheatre, Tampa, FL",
        "June 14 -- Bank Amphitheatre, Alpharetta, GA",
        "June 17 -- Bridgestone Arena, Nashville, TN",
        "June 19 -- Music Pavilion, Charlotte, NC",
        "Facebook",
        "Twitter",
    ]
)


def _one_block(predicted: bool) -> list:
    """The lines of _DATES_AND_SHARING as one block (`predicted`: guessed by the break model)."""
    feats = measure(_DATES_AND_SHARING)
    one = python_regrouped(feats, [True] + [False] * (len(feats) - 1))
    return type(feats)(one, feats.numeric, feats.layout, predicted)


def _ui_spread(reach: int, compiled: bool) -> list[bool]:
    """Which lines of _DATES_AND_SHARING are UI after the UI-block rule with `reach`."""
    from sieb.text import roles

    feats = _one_block(False)
    out = [roles.Decision(LineRole.LIST_ITEM, True, "a list line")] * 5
    out += [roles.Decision(LineRole.UI, False, "interface string")] * 2
    if compiled:
        if roles._COMPILED_UI_BLOCKS is None:
            pytest.skip("the compiled rules are not built")
        roles._COMPILED_UI_BLOCKS(
            feats, out, LineRole.UI, roles._UI_NEIGHBOUR, roles._UI_NEIGHBOUR_CHARS, reach
        )
    else:
        roles.python_ui_blocks(feats, out, reach)
    return [d.role is LineRole.UI for d in out]


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize(
    ("reach", "ui"),
    [
        (-1, [True] * 7),  # the whole block: blank lines made it
        (0, [False] * 5 + [True] * 2),
        (1, [False] * 4 + [True] * 3),
        (2, [False] * 3 + [True] * 4),
    ],
)
def test_a_ui_line_reaches_its_whole_block_or_its_near_lines(
    reach: int, ui: list[bool], compiled: bool
) -> None:
    assert _ui_spread(reach, compiled) == ui


def test_a_list_above_a_sharing_row_survives_a_guessed_block():
    """In text without blank lines the break model may join a sharing row to the list above
    it; the row's interface strings then take only the lines next to them."""
    from sieb.text import roles

    for predicted, kept in ((True, [True] * 3 + [False] * 4), (False, [False] * 7)):
        out = [roles.Decision(LineRole.LIST_ITEM, True, "a list line")] * 5
        out += [roles.Decision(LineRole.UI, False, "interface string")] * 2
        roles._ui_blocks(_one_block(predicted), out)
        assert [d.kept for d in out] == kept
