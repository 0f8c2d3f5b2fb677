"""The compiled class/id token signals equal their Python definition (sieb.signals' regexes)."""

from __future__ import annotations

import importlib.util

import pytest
from forced_python import printed_with_python_forced
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb import signals
from sieb.compiled import pure_python_forced

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
    assert printed_with_python_forced(code) == "False"


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


# --- The compiled class_signals (SignalReader) of the compiled walk.

needs_reader = pytest.mark.skipif(
    not signals.SIGNALS_COMPILED, reason="the compiled signal reader is not built or not enabled"
)


def _compiled_signal(tag: str, attrs: dict) -> tuple:
    assert signals.SIGNAL_READER is not None
    return signals.SIGNAL_READER.signal(signals._TAG_FLAGS.get(tag, 0), attrs)


def _python_signal(tag: str, attrs: dict) -> tuple:
    """class_signals on the values as selectolax decodes Lexbor's bytes."""
    decoded = {
        name: value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        for name, value in attrs.items()
    }
    return signals.signal_fields(signals.class_signals(tag, decoded))


def test_the_signal_reader_is_active_with_the_token_reader() -> None:
    assert signals.SIGNALS_COMPILED == signals.TOKENS_COMPILED


def test_the_environment_variable_forces_python_signals() -> None:
    assert printed_with_python_forced("import sieb.signals as s; print(s.SIGNAL_READER)") == "None"


@needs_reader
def test_a_reader_that_differs_on_the_probes_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(tag: str, attrs: dict) -> signals.Signal:
        return signals.Signal(signals.NAV, 1, 0, False)

    assert signals._element_signals_reader() is not None
    monkeypatch.setattr(signals, "class_signals", wrong)
    assert signals._element_signals_reader() is None


@needs_reader
@pytest.mark.parametrize("tag, attrs", signals.PROBE_ELEMENTS)
def test_same_element_signals_on_the_probes(tag: str, attrs: dict) -> None:
    assert _compiled_signal(tag, attrs) == _python_signal(tag, attrs)


@needs_reader
@pytest.mark.parametrize(
    "attrs",
    [
        {"class": b"nav\xff-bar", "id": b"\xc3"},  # invalid UTF-8: decoded with U+FFFD
        {"class": b"\xe2\x80\x83teaser"},  # EM SPACE, which str.split splits on
        {"role": b"NAVIGATION\xff"},
        {"style": b"display:\xc2\xa0none"},
        {"style": b"\xffvisibility:hidden"},
        {"aria-hidden": b"true\x00"},
        {"itemprop": b"articleBody "},
        {"class": b"share\x00bar", "id": b"\x1fnav\x1c"},
    ],
)
def test_same_element_signals_on_raw_bytes(attrs: dict) -> None:
    assert _compiled_signal("div", attrs) == _python_signal("div", attrs)


@needs_reader
@pytest.mark.parametrize("size", [255, 256, 257, 4096, 100_000])
def test_same_element_signals_on_long_values(size: int) -> None:
    value = ("Related-Posts_" * (size // 14 + 1))[:size]
    attrs = {"class": value, "id": "x" * size + " comments", "style": " " * size + "display:none"}
    assert _compiled_signal("section", attrs) == _python_signal("section", attrs)


# Values: known words in any case, glued with separators, every kind of whitespace, and non-ASCII
# letters whose lower case is ASCII (KELVIN SIGN) or longer (İ).
_VALUE_PIECES = st.one_of(
    st.sampled_from(_KNOWN).map(lambda word: word.upper() if len(word) % 3 == 0 else word),
    st.text(alphabet="-_ \t\n\x0b\x1c\x1f\x85\xa0\u2003aAzZ9İßé\u212a:", min_size=1, max_size=3),
    st.sampled_from(["display", "none", "visibility", "hidden", "true", "articleBody"]),
)
_VALUES = st.one_of(st.none(), st.lists(_VALUE_PIECES, max_size=6).map("".join))
_ATTRIBUTES = st.dictionaries(
    st.sampled_from([*signals.SIGNAL_ATTRIBUTES, "title"]), _VALUES, max_size=5
)


@needs_reader
@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["div", "nav", "aside", "form", "span", ""]), _ATTRIBUTES)
def test_same_element_signals_on_random_attributes(tag: str, attrs: dict) -> None:
    assert _compiled_signal(tag, attrs) == _python_signal(tag, attrs)


@needs_reader
@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(signals.SIGNAL_ATTRIBUTES),
        st.binary(max_size=12).map(lambda raw: raw.replace(b"q", b"nav-").replace(b"z", b"NONE")),
        max_size=4,
    )
)
def test_same_element_signals_on_random_bytes(attrs: dict) -> None:
    assert _compiled_signal("div", attrs) == _python_signal("div", attrs)
