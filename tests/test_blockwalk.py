"""The compiled DOM walk gives exactly the Python walk's blocks, and is used only when safe."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from forced_python import printed_with_python_forced
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import BENCH, load_pages
from sieb import blocks, blockwalk
from sieb.compiled import PURE_PYTHON_ENV, pure_python_forced
from sieb.decode import decode_html
from sieb.signals import SIGNAL_ATTRIBUTES, SIGNAL_TAGS, class_signals

REPO = Path(__file__).resolve().parent.parent
BUILT = importlib.util.find_spec("sieb._blockwalk") is not None
needs_compiled = pytest.mark.skipif(
    not blocks.COMPILED, reason="the compiled walk is not built or not enabled"
)


def _same_blocks(html: str) -> None:
    """Both walks over one parse give the same blocks and elements (all fields, shared contexts)."""
    tree = LexborHTMLParser(html)
    expected = blocks.segment_python(tree)
    got = blocks.segment(tree)
    assert blockwalk.fingerprint(got.blocks, got.elements) == blockwalk.fingerprint(
        expected.blocks, expected.elements
    )


def _local_pages() -> Iterator[Path]:
    for folder in ("tests/fixtures/pages", "tests/fixtures/pages-blind", "samples/html"):
        yield from sorted((REPO / folder).glob("*.html"))


def test_the_compiled_walk_is_active_when_built() -> None:
    """A built extension that silently fails its checks would hide a speed regression."""
    if not BUILT or pure_python_forced():
        pytest.skip("the extension is not built, or the Python walk is forced")
    assert blocks.COMPILED, (
        f"sieb._blockwalk is built but disabled: selectolax {blockwalk.selectolax.__version__} is "
        f"not in VERIFIED_SELECTOLAX {sorted(blockwalk.VERIFIED_SELECTOLAX)} (check the structs in "
        "_lexbor.pxd against its Lexbor, then add it), or the self-test failed (debug log of "
        "sieb.blockwalk)"
    )


@needs_compiled
@pytest.mark.parametrize("path", list(_local_pages()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_blocks_on_local_pages(path: Path) -> None:
    _same_blocks(decode_html(path.read_bytes(), None))


@needs_compiled
@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
@pytest.mark.parametrize("dataset", ["scrapinghub", "trafilatura-dev"])
def test_same_blocks_on_benchmark_pages(dataset: str) -> None:
    pages = list(load_pages(dataset))
    assert pages
    for page in pages:
        _same_blocks(decode_html(page.html_bytes, None))


@needs_compiled
@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html></html>",
        "<!---->",
        "<html><body>" + "<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000 + "</body></html>",
        "<body>" + '<a class="nav"><b>' * 5_000 + "deep inline" + "</b></a>" * 5_000,
        "<ul>" + "<li class=related><ol><li>item" * 3_000 + "</li></ol></li>" * 3_000 + "</ul>",
        "<p>" + "long paragraph without end " * 12_000 + "</p><p>after</p>",
        "<article>" + "<p>A sentence of a long page that goes on and on.</p>\n" * 60_000,
        "<pre>\n  x\u00a0y  \n</pre><pre>\n\n</pre><figure><img data-src=a.jpg alt=' a '></figure>",
    ],
    ids=["empty", "no-body", "comment", "deep", "deep-inline", "deep-lists", "cut", "huge", "pre"],
)
def test_same_blocks_on_bad_input(html: str) -> None:
    _same_blocks(html)


@needs_compiled
@pytest.mark.parametrize("seed", range(3))
def test_same_blocks_on_binary_junk(seed: int) -> None:
    junk = bytes((seed * 7919 + i * 104729) % 256 for i in range(100_000)) + os.urandom(50_000)
    _same_blocks(decode_html(junk, None))


_TAGS = ["div", "p", "span", "a", "b", "ul", "li", "table", "tr", "td", "figure", "img", "br",
         "pre", "blockquote", "nav", "section", "script", "my-el", "h2", "main", "svg"]
_ATTRIBUTES = [
    "",
    ' class="share-bar"',
    ' id="article-body"',
    " role=navigation",
    " hidden",
    ' aria-hidden="true"',
    ' style="display:none"',
    " itemprop=articleBody",
    ' class=""',
    ' src="x.jpg" alt=" alt "',
    ' data-src="y.jpg"',
    ' CLASS="Nav" data-X=1',
]
_TEXT = st.text(alphabet=st.sampled_from("ab .,\n\t\u00a0\u2003\u3000\x1c"), max_size=12)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            parts.append(f"<{draw(st.sampled_from(_TAGS))}{draw(st.sampled_from(_ATTRIBUTES))}>")
        elif choice == 1:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        else:
            parts.append(draw(_TEXT))
    return "".join(parts)


@needs_compiled
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_same_blocks_on_random_markup(html: str) -> None:
    _same_blocks(html)


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_an_unverified_selectolax_version_gets_the_python_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PURE_PYTHON_ENV, raising=False)
    assert blockwalk.load(blocks.walk_spec()) is not None
    monkeypatch.setattr(blockwalk.selectolax, "__version__", "99.0.0")
    assert blockwalk.load(blocks.walk_spec()) is None


@pytest.mark.skipif(not BUILT, reason="the extension is not built")
def test_a_walk_that_differs_on_the_probes_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PURE_PYTHON_ENV, raising=False)
    def wrong(tree: LexborHTMLParser) -> blocks.Segmentation:
        seg = blocks.segment_python(tree)
        for block in seg.blocks:
            block.text += "!"
        return seg

    assert blockwalk.load(replace(blocks.walk_spec(), reference=wrong)) is None
    assert blockwalk.load(blocks.walk_spec()) is not None  # sets the module up again


def test_the_environment_variable_forces_the_python_walk() -> None:
    assert printed_with_python_forced("import sieb.blocks as b; print(b.COMPILED)") == "False"


def test_segment_gives_the_python_walk_when_not_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "_COMPILED_WALK", None)
    seg = blocks.segment(LexborHTMLParser("<p>one</p><ul><li>two</li></ul>"))
    assert [(b.tag, b.text) for b in seg.blocks] == [("p", "one"), ("li", "two")]


class _RecordingDict(dict):
    """A dict that remembers which keys were asked for."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.asked: set[str] = set()

    def get(self, key: str, default: object = None) -> object:
        self.asked.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.asked.add(str(key))
        return super().__contains__(key)

    def __getitem__(self, key: str) -> object:
        self.asked.add(key)
        return super().__getitem__(key)


@pytest.mark.parametrize(
    "attributes",
    [
        {"class": "nav-menu", "id": "top", "role": "navigation", "data-x": "1"},
        {"style": "display:none", "hidden": None, "aria-hidden": "true", "itemprop": "articleBody"},
        {"class": "article-body", "title": "t", "href": "/a"},
        {"onclick": "x()"},
    ],
)
def test_class_signals_reads_only_the_declared_attributes(attributes: dict) -> None:
    """The compiled walk memoises signals by these attributes alone (sieb.signals' contract)."""
    recording = _RecordingDict(attributes)
    class_signals("div", recording)
    assert recording.asked <= set(SIGNAL_ATTRIBUTES)


@pytest.mark.parametrize("tag", ["div", "span", "p", "my-widget", "x-nav", "navigation", "article"])
def test_class_signals_reads_the_tag_only_for_the_declared_tags(tag: str) -> None:
    if tag not in SIGNAL_TAGS:
        assert class_signals(tag, {"class": "x"}) == class_signals("", {"class": "x"})
        assert class_signals(tag, {}) == class_signals("", {})


# Every character str.split() splits on, a few that it does not (NBSP is one of them), and
# characters of every string kind (Latin-1, BMP, astral).
_SPLIT_SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]
_COLLAPSE_ALPHABET = _SPLIT_SPACES + list("ab \u00a0\u200bé文😀")


@pytest.mark.skipif(not BUILT, reason="sieb._blockwalk is not built")
@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_COLLAPSE_ALPHABET), max_size=16))
def test_collapse_whitespace_is_split_and_join(text: str) -> None:
    from sieb._blockwalk import collapse_whitespace_for_tests

    assert collapse_whitespace_for_tests(text) == " ".join(text.split())


@pytest.mark.skipif(not BUILT, reason="sieb._blockwalk is not built")
@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_COLLAPSE_ALPHABET), max_size=16))
def test_compiled_space_checks_are_isspace_and_strip(text: str) -> None:
    from sieb._blockwalk import is_space_for_tests, stripped_length_for_tests

    assert is_space_for_tests(text) == text.isspace()
    assert stripped_length_for_tests(text) == len(text.strip())


@needs_compiled
def test_signal_memo_grows_and_finds_every_key_again() -> None:
    """Thousands of distinct class/id values (the memo table rehashes several times), each seen
    twice, with keys of every length around the hash's eight-byte steps: as the Python walk."""
    from sieb import _blockwalk

    names = ["nav", "article-body", "comment", "share", "x"]
    parts = [
        f'<div class="{names[i % 5]}-{"y" * (i % 19)}{i}" id="i{i}"><p>t{i}</p></div>'
        for i in range(3000)
    ]
    before = _blockwalk.signal_memo_for_tests().memo_size()
    _same_blocks("".join(parts + parts))
    assert _blockwalk.signal_memo_for_tests().memo_size() >= min(before + 3000, 100_000)


@needs_compiled
def test_compiled_walk_objects_are_not_tracked_by_the_garbage_collector() -> None:
    """They hold only strings, numbers and a Context: no cycle, nothing for a collection."""
    import gc

    seg = blocks.segment(LexborHTMLParser("<article><p>One <a href=x>link</a>.</p></article>"))
    assert seg.blocks and seg.elements
    for obj in (*seg.blocks, *seg.elements, *(block.ctx for block in seg.blocks)):
        assert not gc.is_tracked(obj)


class _WithDict:
    def __init__(self, a: int) -> None:
        self.a = a


class _Slotted:
    __slots__ = ("a", "b")


@pytest.mark.skipif(not BUILT, reason="sieb._blockwalk is not built")
def test_objects_without_init_only_for_plain_slot_classes() -> None:
    from sieb._blockwalk import _SlotObjects

    _SlotObjects(_Slotted, ("a", "b"))
    with pytest.raises(ValueError):
        _SlotObjects(_WithDict, ("a",))
    with pytest.raises(ValueError):
        _SlotObjects(_Slotted, ("a",))  # every slot must be stored
