"""The fitted line model of text mode: features, loading, and how it revises the rules."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sieb.article import LineRole
from sieb.errors import SiebError
from sieb.text import clean_text
from sieb.text import model as model_module
from sieb.text.lines import measure
from sieb.text.model import (
    BASE_FEATURES,
    CONTEXT_FEATURES,
    OWN_FEATURES,
    context_matrix,
    line_matrix,
    load_model,
    model_from_dict,
    revise,
)
from sieb.text.roles import Decision, assign

R = LineRole

PAGE = """Home | News | Sport

Ministers agree on a new budget for the coming year

The finance ministers of the member states agreed late on Tuesday on a budget that raises \
spending on schools and roads, after talks that lasted almost two days in Brussels.

Critics said the plan did too little for the regions that lost most in the last crisis, and \
called for a second round of talks before the parliament votes on it next month.

Share this article
Read more: Five things to know about the budget

More from Europe
"""


def _page():
    feats = measure(PAGE)
    return feats, assign(feats)


def test_matrices_have_one_row_per_line_and_one_column_per_feature():
    feats, decisions = _page()
    rows = line_matrix(feats, decisions)
    assert rows.shape == (len(feats), len(BASE_FEATURES))
    assert np.isfinite(rows).all()
    kept = BASE_FEATURES.index("kept")
    assert rows[:, kept].tolist() == [float(d.kept) for d in decisions]
    role_cols = [k for k, name in enumerate(BASE_FEATURES) if name.startswith("role_")]
    assert (rows[:, role_cols].sum(axis=1) == 1).all()
    ctx = context_matrix(np.linspace(0, 1, len(feats)), feats)
    assert ctx.shape == (len(feats), len(CONTEXT_FEATURES))
    assert ctx[:, 0].tolist() == np.linspace(0, 1, len(feats)).tolist()


def test_own_features_follow_the_fields_of_line_features():
    from sieb.text.lines import LineFeatures

    start = LineFeatures._fields.index("chars")
    assert [n.removeprefix("log_") for n in OWN_FEATURES[:-1]] == list(LineFeatures._fields[start:])
    assert OWN_FEATURES[-1] == "kept"


def test_neighbour_columns_hold_the_neighbours_features():
    feats, decisions = _page()
    rows = line_matrix(feats, decisions)
    own = BASE_FEATURES.index("log_chars")
    prev = BASE_FEATURES.index("n-1_log_chars")
    nxt = BASE_FEATURES.index("n+1_log_chars")
    assert rows[1:, prev].tolist() == rows[:-1, own].tolist()
    assert rows[:-1, nxt].tolist() == rows[1:, own].tolist()
    assert rows[0, prev] == 0 and rows[-1, nxt] == 0


def test_revise_drops_confident_chrome_and_keeps_confident_body():
    feats, decisions = _page()
    kept = [i for i, d in enumerate(decisions) if d.kept and d.role is R.PARAGRAPH]
    placed = [i for i, d in enumerate(decisions) if d.reason.startswith("short line after")]
    ui = [i for i, d in enumerate(decisions) if d.role is R.UI]
    assert kept and placed and ui
    probs = np.full(len(feats), 0.5)
    probs[kept[0]] = 0.01
    probs[placed[0]] = 0.99
    probs[ui[0]] = 0.99
    out = revise(feats, decisions, probs, drop_below=0.1, keep_above=0.9)
    assert not out[kept[0]].kept and out[kept[0]].reason.startswith("model: ")
    assert out[placed[0]].kept and out[placed[0]].reason.startswith("model: ")
    changed = {kept[0], placed[0]}
    # The UI string is dropped by itself, not by its position: the model does not keep it.
    assert [d for i, d in enumerate(out) if i not in changed] == [
        d for i, d in enumerate(decisions) if i not in changed
    ]


def test_revise_leaves_title_and_figures_alone():
    feats, _ = _page()
    decisions = [Decision(R.TITLE, True, "t")] + [Decision(R.CAPTION, False, "c")] * (
        len(feats) - 1
    )
    out = revise(feats, decisions, np.r_[0.0, np.ones(len(feats) - 1)], 0.5, 0.5)
    assert out == decisions


def test_packaged_model_matches_the_code_and_cleans_a_page():
    model = load_model()
    assert 0 <= model.drop_below < model.keep_above <= 1.01
    article = clean_text(PAGE)
    assert "budget that raises spending" in article.text
    assert "Share this article" not in article.text


def test_model_path_and_environment_choose_the_file(tmp_path, monkeypatch):
    from importlib import resources

    data = json.loads(resources.files("sieb.data").joinpath("text_model.json").read_text())
    data["drop_below"], data["keep_above"] = 0.0, 1.01  # a model that never disagrees
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_model(str(path)).keep_above == 1.01
    monkeypatch.setenv("SIEB_TEXT_MODEL_PATH", str(path))
    assert load_model().keep_above == 1.01
    _, decisions = _page()
    assert [ln.kept for ln in clean_text(PAGE).lines] == [d.kept for d in decisions]


def test_pages_too_short_for_the_model_keep_the_rules_decisions():
    from importlib import resources

    from sieb.text.model import apply_model

    data = json.loads(resources.files("sieb.data").joinpath("text_model.json").read_text())
    data["drop_below"] = 1.01  # a model that drops every line it may drop
    model = model_from_dict(data)
    short = measure("Share\n\nThis is a sentence of ordinary prose, as body text reads.\n")
    rules = assign(short)
    assert apply_model(short, rules, model) == rules
    feats, decisions = _page()
    assert len(feats) >= 5
    revised = apply_model(feats, decisions, model)
    assert any(d.kept for d in decisions)
    assert not any(d.kept and d.role is R.PARAGRAPH for d in revised)


def test_model_fitted_on_other_features_is_refused():
    from importlib import resources

    data = json.loads(resources.files("sieb.data").joinpath("text_model.json").read_text())
    data["features"] = data["features"][:-1]
    with pytest.raises(SiebError):
        model_from_dict(data)


def _stages_predict(model, feats, decisions) -> np.ndarray:
    """Each stage's `Stage.predict` on fresh matrices, as `TextModel.probabilities` chains them."""
    rows = line_matrix(feats, decisions)
    p = model.stages[0].predict(rows)
    for stage in model.stages[1:]:
        rows = np.hstack([rows, context_matrix(p, feats)])
        p = stage.predict(rows)
    return p


def test_folded_network_scores_as_the_stages_do():
    """The folded network (standardisation in the first layer, single-precision base product,
    role rows gathered) gives the stages' own probabilities to within float32's rounding."""
    feats = measure("\n\n".join([PAGE] * 20))
    decisions = assign(feats)
    model = load_model()
    assert model.network is not None
    assert len(feats) > 112
    got = model.probabilities(feats, decisions)
    assert np.abs(got - _stages_predict(model, feats, decisions)).max() < 1e-5


def test_probabilities_do_not_depend_on_the_buffers():
    """The reused buffers and row blocks change no arithmetic: a page scores the same after a
    longer page (buffers larger than it) as on its own."""
    model = load_model()
    short_feats, short_decisions = _page()
    alone = model.probabilities(short_feats, short_decisions)
    feats = measure("\n\n".join([PAGE] * 20))
    model.probabilities(feats, assign(feats))
    again = model.probabilities(short_feats, short_decisions)
    assert again.tobytes() == alone.tobytes()


def test_python_and_compiled_logits_agree():
    """`_python_logits` is the definition of the compiled step; both paths give the same bits on
    a page (when the compiled one is in use)."""
    from sieb.text import model as text_model

    model = load_model()
    if not model.compiled:
        pytest.skip("the compiled network is not in use")
    feats = measure("\n\n".join([PAGE] * 3))
    rows = line_matrix(feats, assign(feats))
    single = np.empty((len(rows), len(text_model._PRODUCT_COLUMNS)), dtype=text_model._DTYPE)
    roles = text_model._product_rows(rows, single)
    base = text_model._product(single, model.network.base)
    context = np.random.default_rng(3).random((len(rows), model.network.role_bias[1].shape[1]))
    for stage, extra in ((0, text_model._NO_CONTEXT), (1, context.astype(text_model._DTYPE))):
        got = [
            text_model._stage_probability(model.network, stage, base, extra, roles, c)
            for c in (True, False)
        ]
        assert got[0].tobytes() == got[1].tobytes()


def test_models_of_deeper_members_take_the_stages_own_path():
    """Stages whose members are not one-hidden-layer networks are run by `Stage.predict`."""
    from sieb.score import Layer, Stage
    from sieb.text.model import TextModel

    packaged = load_model()
    stages = tuple(
        Stage(
            stage.mean,
            stage.scale,
            tuple(
                (first, Layer(np.eye(len(first.bias)), np.zeros(len(first.bias))), last)
                for first, last in stage.members
            ),
        )
        for stage in packaged.stages
    )
    model = TextModel(stages, packaged.drop_below, packaged.keep_above, {})
    assert model.network is None and not model.compiled
    feats = measure("\n\n".join([PAGE] * 20))
    decisions = assign(feats)
    expected = _stages_predict(model, feats, decisions)
    assert model.probabilities(feats, decisions).tolist() == expected.tolist()


def test_matrices_from_plain_lists_equal_those_from_measure_arrays():
    """`measure` hands the model its columns as arrays; a plain list of LineFeatures (as the
    training script may build) gives the same matrices."""
    feats = measure("\n\n".join([PAGE] * 3))
    decisions = assign(feats)
    assert hasattr(feats, "numeric") and not hasattr(list(feats), "numeric")
    assert line_matrix(list(feats), decisions).tolist() == line_matrix(feats, decisions).tolist()
    first = np.linspace(0, 1, len(feats))
    assert context_matrix(first, list(feats)).tolist() == context_matrix(first, feats).tolist()


def test_run_lengths_and_gaps():
    from sieb.text.model import _gap, _run_lengths

    mask = np.array([True, True, False, True, False, False, False])
    assert _run_lengths(mask).tolist() == [2, 2, 0, 1, 0, 0, 0]
    assert _run_lengths(np.zeros(0, dtype=bool)).tolist() == []
    assert _gap(np.array([2, 5]), 7).tolist() == [2, 1, 0, 1, 1, 0, 1]
    assert _gap(np.array([], dtype=np.int64), 3).tolist() == [3, 3, 3]


def test_wide_features_see_the_prose_around_a_line():
    """Menu lines far from the prose are farther from it and in a longer run of short lines than
    the heading between two paragraphs."""
    feats = measure(PAGE)
    rows = line_matrix(feats, assign(feats))
    col = {name: BASE_FEATURES.index(name) for name in ("log_gap_prose", "log_short_run")}
    texts = [f.text for f in feats]
    menu, more = texts.index("Home | News | Sport"), texts.index("More from Europe")
    prose = next(i for i, f in enumerate(feats) if f.is_prose)
    assert rows[prose, col["log_gap_prose"]] == 0 and rows[prose, col["log_short_run"]] == 0
    assert rows[more, col["log_short_run"]] > 0 and rows[more, col["log_gap_prose"]] > 0
    assert rows[menu, col["log_gap_prose"]] > 0


def test_share_before_and_run_share():
    from sieb.text.model import _run_share, _share_before

    assert _share_before(np.array([1.0, 3.0, 0.0, 4.0])).tolist() == [0.0, 0.125, 0.5, 0.5]
    assert _share_before(np.zeros(0)).tolist() == []
    first = np.array([0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.8, 0.8])
    mass = np.array([10.0, 10.0, 10.0, 5.0, 5.0, 5.0, 10.0, 5.0])
    share = _run_share(first, mass)
    assert share[:3].tolist() == [1.0, 1.0, 1.0] and share[3:6].tolist() == [0.0, 0.0, 0.0]
    assert share[6:].tolist() == [0.5, 0.5]
    assert _run_share(np.zeros(3), np.ones(3)).tolist() == [0.0, 0.0, 0.0]


def test_region_marks_lines_after_the_start_of_comments():
    feats = measure(PAGE.replace("More from Europe", "12 Comments\n\nGreat article, thanks."))
    decisions = assign(feats)
    after = line_matrix(feats, decisions)[:, BASE_FEATURES.index("after_comments")]
    start = next(i for i, f in enumerate(feats) if f.text == "12 Comments")
    assert after.tolist() == [float(i >= start) for i in range(len(feats))]


def test_revisions_match_their_python_definition():
    # The compiled revisions (when in use) pick the lines of the Python loop: kept or dropped,
    # headings or not, at and around both thresholds.
    feats, decisions = _page()
    assert model_module.same_revisions(decisions)
    probs = np.linspace(0.0, 1.0, len(feats))
    for drop, keep in ((0.2, 0.7), (0.5, 0.5)):
        assert model_module._revisions(decisions, probs, drop, keep) == (
            model_module._python_revisions(decisions, probs, drop, keep)
        )


def test_the_revised_lines_are_candidates():
    # The last stage runs for the candidates alone: a line outside them is never revised,
    # whatever its probability (NaN included), and the compiled candidates are the Python ones.
    _, decisions = _page()
    assert model_module.same_candidates(decisions)
    candidates = set(model_module._python_candidates(decisions).tolist())
    assert candidates and len(candidates) < len(decisions)
    flipped = [d._replace(kept=not d.kept) for d in decisions]
    for lines in (decisions, flipped):
        wanted = set(model_module._python_candidates(lines).tolist())
        for probs in (np.zeros(len(lines)), np.ones(len(lines)), np.full(len(lines), np.nan)):
            assert set(model_module._revisions(lines, probs, 0.2, 0.7)) <= wanted


def test_candidate_probabilities_are_the_probabilities_of_the_candidates():
    feats, decisions = _page()
    model = load_model()
    lines = model_module._candidates(decisions)
    every = model.probabilities(feats, decisions)
    some = model.candidate_probabilities(feats, decisions)
    assert some[lines].tobytes() == every[lines].tobytes()
    others = np.setdiff1d(np.arange(len(feats)), lines)
    assert np.isnan(some[others]).all() or some[others].tobytes() == every[others].tobytes()


def test_context_matrix_past_128_lines_matches_its_python_definition():
    # numpy's sums split rows of more than 128 values; the compiled columns sum the same way.
    feats, _ = _page()
    long = list(feats) * (300 // len(feats) + 1)
    first = np.random.default_rng(3).random(len(long))
    assert model_module.same_context(long, first)


@pytest.mark.parametrize("members", [1, 2, 5])
def test_folded_network_takes_any_member_count(members):
    """A model of one member per stage (or more than the packaged count) still runs as the folded
    network, compiled and Python alike, and scores as its stages do."""
    from sieb.score import Stage
    from sieb.text.model import TextModel

    packaged = load_model()
    stages = tuple(
        Stage(
            stage.mean,
            stage.scale,
            tuple(stage.members[k % len(stage.members)] for k in range(members)),
        )
        for stage in packaged.stages
    )
    model = TextModel(stages, packaged.drop_below, packaged.keep_above, {})
    assert model.network is not None and model.network.members == members
    assert model.compiled == packaged.compiled
    feats = measure("\n\n".join([PAGE] * 20))
    decisions = assign(feats)
    got = model.probabilities(feats, decisions)
    assert np.abs(got - _stages_predict(model, feats, decisions)).max() < 1e-5
    if model.compiled:
        model.compiled = False
        assert model.probabilities(feats, decisions).tobytes() == got.tobytes()
