"""AsciiWords finds exactly what the same pattern with re.I finds."""

import re

import pytest

from sieb.meta.fields import AsciiWords

_PATTERN = r"comment|author-?box|bio\b|kopf|fuss"
_TEXTS = [
    "", "x", "post-Comment", "AUTHOR-BOX", "authorbox", "Bio", "biography", "my-bio card",
    "Kopfzeile", "FUSS", "commen", "bi", "\u212aopf", "fu\u017fs", "FU\u017fS", "b\u0131o",
    "Bio\u00e9", "bio\u00e9 x", "kommentar bio", "a b c",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_same_as_ignorecase(text: str) -> None:
    expected = re.compile(_PATTERN, re.I).search(text) is not None
    assert AsciiWords(_PATTERN).search(text) is expected


def test_rejects_upper_case_or_non_ascii_pattern() -> None:
    with pytest.raises(ValueError):
        AsciiWords("Comment")
    with pytest.raises(ValueError):
        AsciiWords("kommentär")
