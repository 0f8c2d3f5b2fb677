"""The compiled class/id token signals equal their Python definition (sieb.signals' regexes)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb import signals
from sieb.compiled import pure_python_forced

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._classtokens") is not None
needs_compiled = pytest.mark.skipif(
    not signals.TOKENS_COMPILED, reason="the compiled token reader is not built or not enabled"
)


def test_the_compiled_reader_is_active_when_built() -> None:
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or Python is forced")
    assert signals.TOKENS_COMPILED


def test_the_environment_variable_forces_the_python_reader() -> None:
    code = "import sieb.signals as s; print(s.TOKENS_COMPILED)"
    env = {**os.environ, "SIEB_PURE_PYTHON": "1", "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_python_signals_of_a_class_string() -> None:
    signals._token_cache.clear()
    flags, pos = signals.python_token_signals("article-body has-sidebar nav__item")
    assert flags == signals.BODY | signals.NAV
    assert pos == 1


@needs_compiled
@pytest.mark.parametrize("token", signals.PROBE_TOKENS)
def test_same_signals_on_the_probes(token: str) -> None:
    assert signals._token_signals.read(token) == signals._class_token(token)


# Pieces that make tokens hit the words, stems, body stems and layout prefixes, glued together
# with separators, other letters, digits and non-ASCII characters.
_KNOWN = sorted(
    {
        *signals._WORDS,
        *signals._STEM_FLAGS,
        *signals._BODY_STEMS,
        *signals._POSITIVE_WORDS,
        *signals._HIDING_CLASSES,
        *signals._LAYOUT_WORDS,
    }
)
_PIECES = st.one_of(
    st.sampled_from(_KNOWN), st.text(alphabet="-_ axzİßéK19\u0307", min_size=1, max_size=3)
)


@needs_compiled
@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=6))
def test_same_signals_on_random_tokens(pieces: list[str]) -> None:
    token = "".join(pieces)
    assert signals._token_signals.read(token) == signals._class_token(token)


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=4).map("".join), max_size=5).map(" ".join))
def test_same_signals_on_random_class_strings(tokens: str) -> None:
    signals._token_cache.clear()
    compiled = signals._token_signals(tokens)
    signals._token_cache.clear()
    assert compiled == signals.python_token_signals(tokens)
