"""Load sieb's models before the first page instead of on first use."""

from __future__ import annotations

_SAMPLE_HTML = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>"
    + "A paragraph that only loads sieb's code and models before the first real page. " * 4
    + "</p></article></body></html>"
)
_SAMPLE_TEXT = "Warm-up\n\n" + "A line of text that only loads the line model once. " * 4


def warm_up() -> None:
    """Load the block model, the line model and the language identifier now.

    Each loads on first use otherwise, so the first page that needs one pays for it (the
    language identifier takes about half a second). A server or corpus worker calls this once
    before its first page, so that no page's time limit is spent on loading.
    """
    from sieb.extract import extract
    from sieb.language import detect_language
    from sieb.text import clean_text

    extract(_SAMPLE_HTML)
    clean_text(_SAMPLE_TEXT)
    detect_language(_SAMPLE_TEXT)  # stop words decide the samples: load py3langid as well
