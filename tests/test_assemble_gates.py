"""The cheap gates in front of assemble's caption patterns never change an answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sieb.assemble import _CAPTION_WITH_CREDIT, _may_end_in_credit, is_captioned

PIECES = ["Foto", "PHOTO", "image", "Bild", "pic", "credit", "Quelle", "©", ":", " ", "\n",
          "\u00a0", "(", ")", "[", "]", "|", ".", "by", "von", "Getty", "dpa", "Jane Doe", "x"]


@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join) | st.text(max_size=80))
def test_every_caption_pattern_match_passes_the_gate(text: str) -> None:
    if _CAPTION_WITH_CREDIT.search(text):
        assert _may_end_in_credit(text)


def test_captions_ending_in_a_credit() -> None:
    assert is_captioned("Protesters in Hong Kong (Image: Getty)")
    assert is_captioned("Der Bürgermeister im Rathaus. Foto: dpa")
    assert is_captioned("Sunset over the bay \u00a9 Jane Doe")
    assert is_captioned("The harbour at dawn [photo by Jane Doe] \n")
    assert not is_captioned("A paragraph about the harbour, with no credit at all.")
