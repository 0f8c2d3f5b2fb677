"""Text mode's compiled parts give exactly what their Python definitions give: `measure` the same
lines, the per-line rules the same roles and scores, `line_matrix` the same bits, the slots of
the output lines the same values."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.compiled import pure_python_forced
from sieb.text import assemble, lines, model, patterns, roles

BUILT = all(
    importlib.util.find_spec(f"sieb.text.{name}") is not None
    for name in ("_measure", "_matrix", "_rules", "_assemble")
)
FIXTURES = Path(__file__).parent / "fixtures" / "text"
needs_compiled = pytest.mark.skipif(
    not lines.COMPILED, reason="the compiled measure is not built or not enabled"
)


def _assert_same(text: str) -> None:
    feats = lines.measure(text)
    assert lines._same_lines(feats, lines.python_measure(text))
    if roles._RULES is not None:
        alone = roles._context_free_all(feats, None)
        assert roles._RULES.context_free_all(feats) == alone
        scores = roles.python_line_scores(feats, alone)
        assert list(map(repr, roles._RULES.line_scores(feats, alone))) == list(map(repr, scores))
        together = roles._RULES.alone_and_scores(feats)
        assert together[0] == alone
        assert list(map(repr, together[1])) == list(map(repr, scores))  # -0.0 stays -0.0
        assert roles.body_span(scores) == roles.python_body_span(scores)
        assert roles._same_positions(roles._RULES, feats, alone, roles.body_span(scores))
        rules_module = importlib.import_module("sieb.text._rules")
        assert roles._same_neighbour_rules(rules_module, feats, alone, roles.body_span(scores))
    if assemble._ASSEMBLER is not None:
        decisions = model.apply_model(feats, roles.assign(feats), model.load_model())
        assert assemble.same_assembly(assemble._ASSEMBLER, feats, decisions)
        assert assemble.same_assembly(assemble._ASSEMBLER, feats, roles.assign(feats))
    if model._COMPILED is not None:
        decisions = roles.assign(feats)
        compiled = model.line_matrix(feats, decisions)
        python = np.empty_like(compiled)
        model.python_line_matrix(feats, decisions, python)
        assert compiled.tobytes() == python.tobytes()
        assert model.same_product_rows(compiled)
        assert model.same_revisions(decisions)
        assert model.same_candidates(decisions)
        assert model.same_revised(feats, decisions)
        if feats:
            text_model = model.load_model()
            assert text_model.compiled
            first = text_model.probabilities(feats, decisions)
            assert model.same_context(feats, first)
            assert model._same_context(feats)
            assert model._same_long_context(feats)
            try:  # the whole chain of stages with the network's Python steps: the same bits
                text_model.compiled = False
                python_first = text_model.probabilities(feats, decisions)
            finally:
                text_model.compiled = True
            assert python_first.tobytes() == first.tobytes()
            chain, text_model.chain = text_model.chain, None
            try:  # the compiled steps one call each: the same bits as the chain of them
                stage_by_stage = text_model.probabilities(feats, decisions)
            finally:
                text_model.chain = chain
            assert stage_by_stage.tobytes() == first.tobytes()
            if chain is not None:  # the last stage for the candidates alone: their bits
                candidates = model._candidates(decisions)
                some = text_model.candidate_probabilities(feats, decisions)
                assert some[candidates].tobytes() == first[candidates].tobytes()
                assert np.isnan(np.delete(some, candidates)).all()


def test_the_compiled_parts_are_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extensions are not built, or Python is forced")
    assert lines.COMPILED
    assert model._COMPILED is not None
    assert roles.COMPILED
    assert assemble._ASSEMBLER is not None


@needs_compiled
@pytest.mark.parametrize("text", lines.PROBE_TEXTS)
def test_same_lines_on_the_probes(text: str) -> None:
    _assert_same(text)


@needs_compiled
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_same_lines_on_the_fixtures(path: Path) -> None:
    _assert_same(path.read_text(encoding="utf-8"))


@needs_compiled
def test_same_lines_on_the_benchmark_pages() -> None:
    datasets = pytest.importorskip("benchmarks.datasets")
    if not datasets.BENCH.is_dir():
        pytest.skip("the benchmark pages (../shared) are not present")
    for name in ("scrapinghub", "trafilatura-dev"):
        for page in datasets.load_text(name):
            _assert_same(page.text.replace("\x00", ""))


# Letters of several scripts and cases, CJK, digits of other scripts, the keys' and separators'
# characters, closing quotes and terminal marks, Unicode whitespace and blank lines.
_ALPHABET = "aZzÀÿ09٣²ßİıΣσςŸẞK文字한𐐀𝐀 .,:;!?…。|>»/•·-–©()\"“”«»'\u00a0\u2003\u3000\t\n\r"
_PIECES = st.sampled_from(
    [
        "cookie",
        "Sign in",
        "newsletter",
        "© 2024",
        "(c)",
        "the",
        "und",
        "für",
        "Der",
        " - ",
        " | ",
        "\n\n",
        "!!!",
        "Label:",
        "By",
        "von",
        "Datenschutz",
        "PRIVACY",
        "Ä",
    ]
)


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=12), _PIECES), max_size=40))
def test_same_lines_on_random_text(pieces: list[str]) -> None:
    _assert_same(" ".join(pieces))


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\x00"), max_size=40)))
def test_same_lines_on_any_characters(rows: list[str]) -> None:
    _assert_same("\n".join(rows))


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("a\x00\u00e9\u2019\U0001f600"), max_size=80),
    st.sampled_from(["", "\u00e9", "\u2019", "\U0001f600"]),
)
def test_holds_nul_is_the_python_test(text: str, wide: str) -> None:
    assert lines.holds_nul is not lines.python_holds_nul
    for page in (text, text + wide, wide + text.replace("\x00", "") + "b" * 40):
        assert lines.holds_nul(page) is lines.python_holds_nul(page)


@pytest.mark.skipif(not roles.COMPILED, reason="the compiled rules are not built or enabled")
@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="!» _x1é", max_size=5),
            st.text(alphabet="x é_1!()[]\n", max_size=45),
            st.text(alphabet="1٢²x", min_size=1, max_size=8),
            st.sampled_from(["(", "[", ")", "]", ")\n", "\n"]),
        ),
        max_size=6,
    )
)
def test_count_link_is_the_pattern(pieces: list[str]) -> None:
    count_link = importlib.import_module("sieb.text._rules").count_link
    text = "".join(pieces)
    for line in (text, "x " + text, "Blog (" + text):
        assert count_link(line) is (patterns.COUNT_LINK.match(line) is not None)


_SECOND_PERSON_PIECES = st.sampled_from([*patterns.SECOND_PERSON_WORDS, "You", "IHR", "_", "x"])


@pytest.mark.skipif(roles._RULES is None, reason="the compiled rules are not built or not enabled")
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=6), _SECOND_PERSON_PIECES), max_size=12)
)
def test_same_second_person_test_as_the_pattern(pieces: list[str]) -> None:
    for text in (" ".join(pieces), "".join(pieces)):
        found = patterns.SECOND_PERSON.search(text) is not None
        assert roles._RULES.addresses_reader(text) == found


_SOURCE_PIECES = st.sampled_from(
    [
        *patterns.CAPTION_OPENINGS,
        *patterns.SOURCE_LABEL_ENDS,
        *patterns.PHOTO_AGENCIES,
        *patterns.VIA_AGENCY,
        "(", ")", ":", "/", "|", ".", " ", "credit...", "photo by", "ä", "€", "\U0001f600",
        "(quelle: ", "(fuente: ",
    ]
)


@pytest.mark.skipif(roles._RULES is None, reason="the compiled rules are not built or not enabled")
@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=30), _SOURCE_PIECES), max_size=14),
    st.sampled_from(["", " ", "", "."]),
)
def test_same_photo_source_test_as_the_python_one(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces).lower()
    assert roles._RULES.names_photo_source(text) == patterns.names_photo_source(text)


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
def test_line_matrix_into_strided_columns_equals_the_python_one() -> None:
    """The compiled matrix copies rows at once only into contiguous columns; into a buffer with
    a gap between columns it takes the element-wise path, with the same result."""
    feats = lines.measure(lines.PROBE_TEXTS[0])
    decisions = roles.assign(feats)
    width = len(model.BASE_FEATURES)
    strided = np.empty((len(feats), 2 * width))[:, ::2]
    model.line_matrix(feats, decisions, out=strided)
    python = np.empty((len(feats), width))
    model.python_line_matrix(feats, decisions, python)
    assert strided.tobytes() == python.tobytes()


@needs_compiled
def test_same_lower_case_of_every_character() -> None:
    # Lines of 61 consecutive code points (with a letter in front, and one on its own) cover
    # every case mapping, in lines of each storage kind; keys, words and digits come along.
    step = 61
    rows = [
        f"A{''.join(map(chr, range(start, min(start + step, 0x110000))))}"
        for start in range(0, 0x110000, step)
    ]
    rows += [chr(code) for code in range(0x80, 0x3000)]
    text = "\n".join(rows)
    assert lines._same_lines(lines.measure(text), lines.python_measure(text))


@needs_compiled
def test_same_lines_when_equal_texts_repeat_and_near_ones_differ() -> None:
    rows = ["Home", "home", "Home ", " Home", "Hom", "Homes", "Ĥome", "Home", "", "Home"]
    rows += ["x" * k for k in range(1, 40)] * 2 + ["文" + "x" * k for k in range(1, 20)]
    _assert_same("\n".join(rows))
    _assert_same("\n".join([*rows, "😀 Home"]))


# Random sparse products: rows, inner and output columns (past the blocks of 96, 64 and 32 and
# into the single columns after them), the share of nonzero values, the seed.
_PRODUCTS = given(
    st.integers(0, 40),
    st.integers(0, 120),
    st.integers(1, 230),
    st.floats(0.0, 1.0),
    st.integers(0, 2**32 - 1),
)


def _random_product(
    rows: int, inner: int, columns: int, density: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """x (rows x inner, about `density` of it nonzero) and weights (inner x columns)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0.0, 3.0, (rows, inner)) * (rng.random((rows, inner)) < density)
    weights = rng.normal(0.0, 1.0, (inner, columns))
    return x.astype(model._DTYPE), weights.astype(model._DTYPE)


@pytest.mark.skipif(not model._SPARSE, reason="the sparse product does not run here")
@settings(max_examples=60, deadline=None)
@_PRODUCTS
def test_sparse_product_is_numpys_product(
    rows: int, inner: int, columns: int, density: float, seed: int
) -> None:
    """The stage-one product over nonzero columns only gives numpy's product up to single
    precision's rounding, for any shape (columns past the last block of 64 included)."""
    assert model.same_product(*_random_product(rows, inner, columns, density, seed))


@pytest.mark.skipif(not model._SPARSE, reason="the sparse product does not run here")
@settings(max_examples=40, deadline=None)
@_PRODUCTS
def test_sparse_product_has_the_same_bits_sixteen_or_eight_columns_at_a_time(
    rows: int, inner: int, columns: int, density: float, seed: int
) -> None:
    """The AVX-512 kernels (where the CPU has them) sum each column as the AVX2 ones do: the
    same bits, for blocks of 96, 64 and 32 columns and the single columns after them."""
    x, weights = _random_product(rows, inner, columns, density, seed)
    scratch = np.empty(rows * (inner + 1), dtype=np.intc)
    products = []
    wide = model._COMPILED.wide_product()
    try:
        for on in (True, False):
            model._COMPILED.wide_product(on)
            out = np.full((rows, columns), np.nan, dtype=model._DTYPE)
            model._COMPILED.sparse_product(x, weights, out, scratch)
            products.append(out.tobytes())
    finally:
        model._COMPILED.wide_product(wide)
    assert products[0] == products[1]


@pytest.mark.skipif(not model._SPARSE, reason="the sparse product does not run here")
def test_sparse_product_rejects_shapes_that_do_not_fit() -> None:
    x = np.ones((3, 4), dtype=model._DTYPE)
    weights = np.ones((5, 8), dtype=model._DTYPE)
    out = np.empty((3, 8), dtype=model._DTYPE)
    with pytest.raises(ValueError):
        model._COMPILED.sparse_product(x, weights, out, np.empty(100, dtype=np.intc))
    with pytest.raises(ValueError):
        model._COMPILED.sparse_product(x, weights[:4], out, np.empty(3, dtype=np.intc))


@pytest.mark.skipif(not model._SPARSE, reason="the sparse product does not run here")
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_product_rows_find_the_sparse_products_columns(
    rows: int, density: float, seed: int
) -> None:
    """The nonzero columns that product_rows finds while it rounds the rows are the ones the
    sparse product finds itself: the same product, bit for bit (tiny values that round to 0
    in single precision included)."""
    rng = np.random.default_rng(seed)
    width = len(model.BASE_FEATURES)
    x = rng.normal(0.0, 3.0, (rows, width)) * (rng.random((rows, width)) < density)
    x[::3, ::7] = 1e-300
    single = np.empty((rows, len(model._PRODUCT_COLUMNS)), dtype=model._DTYPE)
    weights = rng.normal(0.0, 1.0, (single.shape[1], 70)).astype(model._DTYPE)
    scan = np.empty(rows * (single.shape[1] + 1), dtype=np.intc)
    roles = np.empty(rows, dtype=np.intp)
    model._COMPILED.product_rows(x, width, model._ROLES_AT, model._WIDE_AT, single, roles, scan)
    scanned = np.empty((rows, weights.shape[1]), dtype=model._DTYPE)
    model._COMPILED.sparse_product(single, weights, scanned, scan, True)
    plain = np.empty_like(scanned)
    model._COMPILED.sparse_product(single, weights, plain, np.empty_like(scan))
    assert scanned.tobytes() == plain.tobytes()


def test_the_chain_runs_with_the_compiled_network_and_sparse_product() -> None:
    text_model = model.load_model()
    assert (text_model.chain is not None) == (text_model.compiled and model._SPARSE)


@pytest.mark.skipif(model.load_model().chain is None, reason="the compiled chain is not in use")
def test_the_chain_rejects_arrays_that_do_not_fit() -> None:
    network = model.load_model().network
    args = (
        network.context,
        network.role_bias,
        network.out_weights,
        network.out_bias,
        (network.members, len(model.BASE_FEATURES), model._ROLES_AT, model._WIDE_AT, 15),
        (-30.0, 30.0),
        0.5,
        model.NEIGHBOURS,
        model._WINDOWS,
    )
    model._COMPILED.Chain(network.base, *args)
    with pytest.raises(ValueError):
        model._COMPILED.Chain(network.base[:-1], *args)
    with pytest.raises(ValueError):
        model._COMPILED.Chain(network.base, network.context[::-1], *args[1:])
    chain = model._COMPILED.Chain(network.base, *args)
    n = 8
    rows = np.zeros((n, len(model.BASE_FEATURES) + 30))
    single = np.empty((n, len(model._PRODUCT_COLUMNS)), dtype=model._DTYPE)
    scratch = model._Buffers()
    scan, base, logits, context, product = scratch.chain(n, network)
    chars, groups = np.ones(n), np.arange(n, dtype=np.int64)
    with pytest.raises(ValueError):
        chain.run(rows, single, scan[:10], base, logits, context, product, chars, groups,
                  scratch.scratch(n))
    with pytest.raises(ValueError):
        chain.run(rows[:, :-1], single, scan, base, logits, context, product, chars, groups,
                  scratch.scratch(n))
    with pytest.raises(ValueError):
        chain.run(rows, single, scan, base, logits, context[:5], product, chars, groups,
                  scratch.scratch(n))
    probabilities = chain.run(rows, single, scan, base, logits, context, product, chars, groups,
                              scratch.scratch(n))
    assert probabilities.shape == (n,)
    for asked in ([n], [-1], [3, 3], [4, 2]):  # out of range, or not increasing
        with pytest.raises(ValueError):
            chain.run(rows, single, scan, base, logits, context, product, chars, groups,
                      scratch.scratch(n), np.array(asked, dtype=np.intp))
    for asked in ([], [0, 5, 7], list(range(n))):
        some = chain.run(rows, single, scan, base, logits, context, product, chars, groups,
                         scratch.scratch(n), np.array(asked, dtype=np.intp))
        assert some[asked].tobytes() == probabilities[asked].tobytes()
        assert np.isnan(np.delete(some, asked)).all()


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
def test_revised_rejects_lines_and_decisions_that_do_not_fit() -> None:
    feats = lines.measure(max(lines.PROBE_TEXTS, key=len))
    decisions = roles.assign(feats)
    probs = np.full(len(feats), 0.5)
    with pytest.raises(IndexError):
        model._COMPILED.revised(feats, decisions, [len(feats)], probs, *model._REVISED)
    with pytest.raises(TypeError):
        model._COMPILED.revised(feats, [("x",)] * len(feats), [0], probs, *model._REVISED)
    assert model._COMPILED.revised(feats, decisions, [], probs, *model._REVISED) == decisions


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
def test_candidates_past_the_memo_of_keys() -> None:
    # More distinct reasons than the memo remembers, equal strings of other objects among them:
    # the compiled candidates are still the Python definition's.
    keepable = sorted(model._KEEPABLE_REASONS)
    reasons = [f"reason {k}" for k in range(40)] + ["".join(r) for r in keepable] * 3
    decisions = [
        roles.Decision(role, k % 3 == 0, reason)
        for k, (role, reason) in enumerate(zip(list(roles.LineRole) * 10, reasons, strict=False))
    ]
    got = model._COMPILED.candidates(decisions, model._DROPPABLE, model._KEEPABLE_REASONS)
    assert got.tobytes() == model._python_candidates(decisions).tobytes()
    assert len(got)


def test_the_sparse_product_runs_where_the_cpu_has_fma() -> None:
    if model._COMPILED is None:
        pytest.skip("the compiled matrix is not built or enabled")
    assert model._COMPILED.has_sparse_product() == model._SPARSE


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 30),
    st.integers(1, 6),
    st.integers(1, 20),
    st.booleans(),
    st.integers(0, 2**32 - 1),
)
def test_stage_logits_are_the_python_ones(
    rows: int, members: int, units: int, with_context: bool, seed: int
) -> None:
    """The compiled stage tail gives the Python definition's bits for any member count and
    width (four members take the vector path), with and without context columns."""
    rng = np.random.default_rng(seed)
    hidden = members * units
    at = int(rng.integers(0, 3))
    base = rng.normal(0.0, 3.0, (rows, at + hidden + 2)).astype(model._DTYPE)
    context = (
        rng.normal(0.0, 3.0, (rows, hidden)).astype(model._DTYPE)
        if with_context
        else model._NO_CONTEXT
    )
    roles_ = rng.integers(0, 5, rows).astype(np.intp)
    role_bias = rng.normal(0.0, 2.0, (5, hidden))
    out_weights = rng.normal(0.0, 1.0, hidden)
    out_bias = rng.normal(0.0, 20.0, members)  # some sums past the clip
    args = (base, at, context, roles_, role_bias, out_weights, out_bias)
    compiled, python = np.empty((rows, members)), np.empty((rows, members))
    model._COMPILED.stage_logits(*args, model._Z_MIN, model._Z_MAX, compiled)
    model._python_logits(*args, python)
    assert compiled.tobytes() == python.tobytes()


@pytest.mark.skipif(roles._RULES is None, reason="the compiled rules are not built or not enabled")
def test_remembered_decisions_survive_a_full_table() -> None:
    # Ten times more distinct texts than the compiled rules keep (2,500): the table is emptied
    # and filled again, and every decision stays what context_free gives.
    roles.clear_seen()
    page = "\n".join(f"Teilen {k}" if k % 3 else f"By Jane {k}" for k in range(25_000))
    feats = lines.measure(page)
    assert roles._RULES.context_free_all(feats) == roles._context_free_all(feats, None)
    assert roles._RULES.context_free_all(feats[:500]) == roles._context_free_all(feats[:500], None)
    roles.clear_seen()


@needs_compiled
@pytest.mark.parametrize(
    "line",
    [
        "©",
        "x ©",
        "COOKIE",
        "Cookies",
        "DatenschutzErklärung",
        "ÄÖÜ privacy",
        "a" * 2500 + " Cookie",
        "Newsletter " + "b" * 2500,
        "Sign In \u00e0 la Cookie",
        "“Cookie” ’PRIVACY’ ŸES",
        "İSTANBUL Cookie ΣΊΣΥΦΟΣ",
        "文字 COOKIE " + "Ω" * 2500 + " Ä",
    ],
)
def test_same_keys_on_one_byte_lines(line: str) -> None:
    # Lines are lower-cased in measure's first pass, and those of one byte per character
    # searched for keys in it; beyond _MEASURE_CHARS too. (Wider lines for comparison.)
    _assert_same(line)
    _assert_same(f"{line}\n{line.upper()}\n{line.lower()}")


@pytest.mark.skipif(roles._RULES is None, reason="the compiled rules are not built or not enabled")
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET + "abcdefghijklmnopqrstuvwxyzäöü", max_size=14))
def test_string_sets_hold_what_the_frozensets_hold(text: str) -> None:
    from sieb.text._rules import StringSet

    for strings in (patterns.UI_STRINGS, patterns.AD_STRINGS, patterns.FOOTER_LINKS):
        compiled = StringSet(strings)
        for probe in (text, text.lower(), *sorted(strings)[:40]):
            assert (probe in compiled) == (probe in strings)


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 20), st.integers(1, 6), st.booleans(), st.integers(0, 2**32 - 1))
def test_mean_sigmoid_is_the_python_mean(rows: int, members: int, strided: bool, seed: int) -> None:
    """Four contiguous members take the vector path; every shape gives numpy's bits."""
    rng = np.random.default_rng(seed)
    exps = np.exp(rng.normal(0.0, 8.0, (rows, 2 * members)))
    exps = exps[:, ::2] if strided else exps[:, :members].copy()
    compiled = np.empty(rows)
    model._COMPILED.mean_sigmoid(exps, compiled)
    terms = 1.0 / (exps + 1.0)
    python = terms[:, 0].copy()
    for k in range(1, members):
        python += terms[:, k]
    assert compiled.tobytes() == (python / members).tobytes()


def test_numpys_logarithms_do_not_depend_on_the_layout() -> None:
    """fill_lines and fill_context take the logarithms of contiguous arrays where the Python
    definitions take them of strided views: numpy gives the same bits for both."""
    assert model._logs_alike()


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled matrix is not built or enabled")
def test_fill_lines_refuses_scratch_too_small_for_the_logarithms() -> None:
    feats = lines.measure(lines.PROBE_TEXTS[0])
    decisions = roles.assign(feats)
    n = len(feats)
    x = np.empty((n, len(model.BASE_FEATURES)))
    with pytest.raises(ValueError):
        model._COMPILED.fill_lines(
            x, feats.numeric, feats.layout, decisions, model._capped_chars(feats),
            model._buffers().scratch(n), np.empty(7 * n), model._LINE_SPEC,
        )


@needs_compiled
@pytest.mark.parametrize("vector", [True, False])
def test_same_lines_at_every_offset_of_the_sixteen_character_blocks(vector: bool) -> None:
    # Lines of one byte per character are read sixteen characters at a time where SSE2 is
    # there, else through the tables: words, stop words, keys, digits, "!", separators and
    # accented letters at every offset from a block's start, in lines of every length to 70.
    base = "The cookie | Él und da-ß 3! \u00a0der Login©x (c) é\x85a\x1cb / Tab\tZ " * 2
    rows = [base[start : start + size] for start in range(16) for size in range(1, 71)]
    before = lines.measure.vector
    try:
        lines.measure.vector = vector
        assert lines.measure.vector == (vector and before)
        _assert_same("\n".join(rows))
        _assert_same("\n\n".join(row.upper() for row in rows))
        # In a page of two bytes per character (narrowed when made), and lines of two bytes
        # per character, whose keys are looked for through a byte view of their lower case.
        _assert_same("\n".join([*rows, "文"]))
        _assert_same("\n".join(f"{row}\u2019{row[::-1]}ẞ" for row in rows))
    finally:
        lines.measure.vector = before


@needs_compiled
def test_cjk_beyond_the_measured_characters_does_not_count() -> None:
    # python_measure counts the CJK characters among a line's first _MEASURE_CHARS only.
    _assert_same("a " * 1000 + "文" * 300)
    _assert_same("文" * 1990 + "x " * 20 + "字" * 30)


@pytest.mark.skipif(roles._RULES is None, reason="the compiled rules are not built or not enabled")
def test_rules_built_for_other_patterns_fall_back_to_python(monkeypatch) -> None:
    """A compiled module that does not fit the patterns is left out, not a failed import."""
    monkeypatch.delattr(patterns, "SOURCE_LABEL_GAP")
    assert roles._compiled_rules() is None


@needs_compiled
def test_measure_built_for_other_fields_falls_back_to_python(monkeypatch) -> None:
    monkeypatch.setattr(lines, "_NUMERIC_FIELDS", lines._NUMERIC_FIELDS + 1)
    assert lines._compiled_measure() is None


# Lines of teaser lists and lines that only look like them (see roles._TEASER_RUNS).
_TEASER_LINES = st.sampled_from(
    [
        "World (3031)",
        "\u25baBlog [2]",
        "A year (2019)",
        "Kommentare (12)",
        "(12)",
        "Windows 10 is now available via the update assistant...",
        "Read on \u2026",
        "Short...",
        "Customers Leave Without Paying Bill At Troy SteakhouseA party of six left the place.",
        "Police Say Two Are In Custody After Death Of Student-AthleteA woman was arrested.",
        "Mayor Says Move Won\u2019t StandWarren Mayor Jim Fouts says it was despicable today.",
        "The new 16-inch MacBook Pro features a redesigned keyboard and a larger screen.",
        "Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on the campaign.",
        "\u00c9t\u00e9 \u00c0 Paris Pour Les Vacances \u00c9t\u00e9Une semaine de pluie et de vent",
        "Die Regierung Hat Am Montag BeschlossenDie Steuern werden dieses Jahr nicht erh\u00f6ht.",
        "The council met on Tuesday and decided that the budget is to be cut by a third.",
        "Police Say Two Are In Custody After Death Of StudentI said it was over and we went.",
        "Police Say Two Are In Custody After Death Of StudentAbc1 a woman was arrested there.",
        "Police Say Two Are In Custody After Death Of StudentWoman, it was over and we all went.",
        "Police Say Two Are In Custody After Death Of Student" + "x" * 102 + "Woman a b c d e f",
        "Police Say Two Are In Custody After Death Of Student" + "x" * 103 + "Woman a b c d e f",
        "Police Say Two Are In Custody After Death Of StudentA\u2003woman was there and we went.",
        "",
    ]
)


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TEASER_LINES, st.text(alphabet=_ALPHABET, max_size=30)), max_size=30))
def test_same_teaser_lists_on_mixed_lines(rows: list[str]) -> None:
    _assert_same("\n".join(rows))


@pytest.mark.skipif(model._COMPILED is None, reason="the compiled line model is not built")
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 5000).map(float),
            st.floats(allow_nan=True, allow_infinity=True),
            st.sampled_from([-0.0, 0.0, 1.0, 4095.0, 4096.0, 4095.5, -1.0, 1e300]),
        ),
        max_size=50,
    )
)
def test_logarithms_of_counts_are_numpys_bits(values: list[float]) -> None:
    matrix = importlib.import_module("sieb.text._matrix")
    array = np.array(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        for table, lowest, ufunc in (
            (matrix._LOG1P_TABLE, 0, np.log1p),
            (matrix._LOG_TABLE, 1, np.log),
        ):
            got = array.copy()
            matrix.counts_in_place(got, table, lowest, ufunc)
            assert got.tobytes() == ufunc(array).tobytes()
