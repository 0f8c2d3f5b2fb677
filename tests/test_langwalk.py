"""The compiled DFA walk of language identification equals py3langid's, and so do the results."""

from __future__ import annotations

import importlib.util
import random
import sys
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier, _load_identifier

from benchmarks.datasets import BENCH, load_html
from sieb import language
from sieb.compiled import PURE_PYTHON_ENV, pure_python_forced
from sieb.decode import decode_html
from sieb.langwalk import PROBE_TEXTS, load_identifier, python_walk, rows_for, walk_for

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._langwalk") is not None


@pytest.fixture(scope="module")
def plain() -> LanguageIdentifier:
    """py3langid as it comes, with normalised probabilities (what sieb used before)."""
    return _load_identifier(norm_probs=True)


@pytest.fixture(scope="module")
def walking() -> LanguageIdentifier:
    return load_identifier()


def _same_walk(identifier: LanguageIdentifier, data: bytes) -> None:
    got, want = identifier.walk(data), python_walk(identifier)(data)
    assert (got is None) == (want is None)
    if want is not None:
        assert list(got.items()) == list(want.items())  # the same features in the same order


def test_the_compiled_walk_is_active_when_built(walking: LanguageIdentifier) -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert walking.compiled and walking.rows is not None
    assert language._identifier().compiled


def test_forcing_python_uses_py3langids_walk(walking: LanguageIdentifier,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    walk, compiled = walk_for(walking)
    assert not compiled
    assert walk.func.__module__ == "py3langid.langid"
    fresh = load_identifier()
    assert not fresh.compiled and fresh.rows is None
    text = "Le chat dort sur le canapé pendant que la pluie tombe sur la ville."
    assert fresh.classify(text) == walking.classify(text)


@pytest.mark.parametrize("text", PROBE_TEXTS)
def test_same_result_on_the_probes(text: str, plain: LanguageIdentifier,
                                   walking: LanguageIdentifier) -> None:
    _same_walk(walking, text.encode("utf-8", "surrogatepass"))
    assert walking.classify(text) == plain.classify(text)


def test_same_result_on_random_unicode(plain: LanguageIdentifier,
                                       walking: LanguageIdentifier) -> None:
    rng = random.Random(11)
    for n in range(300):
        top = (0x7F, 0x3000, sys.maxunicode)[n % 3]
        text = "".join(chr(rng.randint(0, top)) for _ in range(rng.randint(0, 300)))
        _same_walk(walking, text.encode("utf-8", "surrogatepass"))
        assert walking.classify(text) == plain.classify(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_same_result_on_any_bytes(data: bytes) -> None:
    walking = language._identifier()
    _same_walk(walking, data)
    if walking.counted is not None:
        _same_counted(walking, data)


def _same_counted(identifier: LanguageIdentifier, data: bytes) -> None:
    """DfaWalker.counted gives the walk's keys and values as arrays, in the same order."""
    import numpy as np

    got, want = identifier.counted(data), python_walk(identifier)(data)
    assert (got is None) == (want is None)
    if want is not None:
        features, counts = got
        assert features.dtype == np.intp and counts.dtype == np.float32
        assert features.tolist() == list(want)
        assert counts.tobytes() == np.fromiter(want.values(), dtype=np.float32).tobytes()


def test_the_compiled_scoring_goes_without_the_dict(walking: LanguageIdentifier) -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert walking.counted is not None
    for text in PROBE_TEXTS:
        _same_counted(walking, text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("path", sorted((REPO / "tests/fixtures/pages").glob("*.html")))
def test_same_result_on_local_pages(path: Path, plain: LanguageIdentifier,
                                    walking: LanguageIdentifier) -> None:
    text = decode_html(path.read_bytes(), None)
    for sample in (text[:1000], text):
        assert walking.classify(sample) == plain.classify(sample)


@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_same_result_on_benchmark_texts(plain: LanguageIdentifier,
                                        walking: LanguageIdentifier) -> None:
    import sieb

    for page in load_html("scrapinghub"):
        text = sieb.extract(page.html_bytes, page.url).text
        for sample in (text[:1000], text):
            assert walking.classify(sample) == plain.classify(sample)


def test_detect_language_gives_py3langids_probability(plain: LanguageIdentifier) -> None:
    text = "Die Katze sitzt auf der Matte und schaut aus dem Fenster, während es regnet."
    code, prob = plain.classify(text)
    assert language.detect_language(text) == (code, float(prob))


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_the_walker_refuses_tables_that_do_not_fit() -> None:
    from sieb._langwalk import DfaWalker

    table = array("I", [0] * 256)
    with pytest.raises(ValueError):
        DfaWalker(table, [0, 256], [-1, 0])  # the second row lies outside the table
    with pytest.raises(ValueError):
        DfaWalker(array("I", [5] * 256), [0], [-1])  # a move to a state that does not exist
    walker = DfaWalker(array("I", [1] * 256 + [0] * 256), [0, 256], [-1, 3])
    assert walker(b"abc") == {3: 2}
    assert walker(b"") is None
    features, counts = walker.counted(b"abc")
    assert features.tolist() == [3] and counts.tolist() == [2.0]
    assert walker.counted(b"") is None
    assert walker(b"abc") == {3: 2}  # the counts were set back to zero


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_segment_walks_that_do_not_meet_are_walked_again() -> None:
    from sieb._langwalk import DfaWalker

    # A parity DFA: its state after a byte depends on every earlier "a", so a segment walked
    # from state 0 meets the serial walk's state only by chance.
    moves = array("I", [0] * 512)
    moves[ord("a")], moves[256 + ord("a")] = 1, 0
    moves[256:256 + ord("a")] = array("I", [1] * ord("a"))
    moves[256 + ord("a") + 1:512] = array("I", [1] * (255 - ord("a")))
    walker = DfaWalker(moves, [0, 256], [-1, 0])
    rng = random.Random(5)
    for size in (1, 100, 255, 256, 257, 1000, 4099):
        data = bytes(rng.choice(b"ab") for _ in range(size))
        odd = sum(data[:i + 1].count(b"a") % 2 for i in range(size))
        assert walker(data) == ({0: odd} if odd else None)


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_long_texts_give_py3langids_counts(plain: LanguageIdentifier,
                                           walking: LanguageIdentifier) -> None:
    rng = random.Random(11)
    words = ["der", "die", "und", "the", "and", "of", "la", "le", "el", "ь", "я", "東京", "ς",
             "σ", "🙂", "x²."]
    for size in (50, 300, 1000, 3000, 20000):
        data = " ".join(rng.choice(words) for _ in range(size)).encode()
        want = python_walk(plain)(data)
        assert list(walking.walk(data).items()) == list(want.items())


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_the_rows_are_the_float32_values_of_the_model(walking: LanguageIdentifier) -> None:
    import numpy as np
    from sieb._langwalk import HalfRows

    rows = HalfRows(walking.nb_ptc)
    visits = {7: 1, 0: 3, walking.nb_ptc.shape[0] - 1: 2, 512: 1}
    want = walking.nb_ptc[list(visits)].astype(np.float32)
    assert rows(visits).tobytes() == want.tobytes()
    assert rows.take(np.array(list(visits), dtype=np.intp)).tobytes() == want.tobytes()
    assert rows({}).shape == (0, walking.nb_ptc.shape[1])
    assert rows.take(np.array([], dtype=np.intp)).shape == (0, walking.nb_ptc.shape[1])
    with pytest.raises(IndexError):
        rows({walking.nb_ptc.shape[0]: 1})
    with pytest.raises(IndexError):
        rows.take(np.array([3, -1], dtype=np.intp))
    with pytest.raises(ValueError):
        HalfRows(np.zeros((3, 4), dtype=np.float32))  # only float16 models


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
@pytest.mark.parametrize("width", [0, 1, 3, 33, 142])
def test_prefetched_rows_keep_their_values_and_order(width: int) -> None:
    import numpy as np
    from sieb._langwalk import HalfRows

    generator = np.random.default_rng(width)
    table = generator.integers(0, 65536, size=(300, width), dtype=np.uint16).view(np.float16)
    rows = HalfRows(table)
    for count in (1, 5, 8, 9, 40, 300):  # fewer and more rows than are fetched ahead
        features = [int(f) for f in generator.permutation(300)[:count]]
        features[-1] = 299  # the table's last row, up to its last byte
        visits = dict.fromkeys(features, 1)
        want = table[list(visits)].astype(np.float32)
        assert rows(visits).tobytes() == want.tobytes()
        assert rows.take(np.array(list(visits), dtype=np.intp)).tobytes() == want.tobytes()
    with pytest.raises(IndexError):
        rows(dict.fromkeys([*range(20), 300], 1))  # a bad feature after the first rows


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
@pytest.mark.parametrize("width", [1, 7, 8, 9, 33, 142])
def test_every_half_that_is_a_number_converts_as_numpy_converts_it(width: int) -> None:
    import numpy as np
    from sieb._langwalk import HalfRows

    halves = np.arange(65536, dtype=np.uint32).astype(np.uint16)
    halves = halves[~np.isnan(halves.view(np.float16))]  # as a model holds them
    height = len(halves) // width
    table = halves[: height * width].reshape(height, width).view(np.float16)
    rows = HalfRows(table)
    visits = dict.fromkeys(range(height), 1)
    assert rows(visits).tobytes() == table.astype(np.float32).tobytes()
    for at in ((0, 0), (0, width - 1), (height - 1, width - 1)):
        with_nan = table.copy()
        with_nan[at] = np.nan
        assert not HalfRows(with_nan).by_cpu  # NaN payloads: the table conversion, always


def test_rows_for_gives_none_when_python_is_forced(walking: LanguageIdentifier,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    try:
        assert rows_for(walking) is None
    finally:
        monkeypatch.delenv(PURE_PYTHON_ENV)
        walking.use_rows(rows_for(walking))


def test_threads_get_the_results_of_one_thread(walking: LanguageIdentifier) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [text * 3 for text in PROBE_TEXTS] * 20
    alone = [walking.classify(text) for text in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(walking.classify, texts)) == alone
