"""Adapters that run sieb and its peers on one page: ``make(name)() -> fn(html_bytes, url) -> str``.

Every adapter is built once per process (imports and set-up happen outside the timed loop) and
then called per page. Each peer gets the page as its documented API prefers:

- sieb: ``sieb.extract(html_bytes, url=url).text`` (bytes; sieb decodes them itself).
- trafilatura / trafilatura-precision: ``trafilatura.extract(html_bytes, url=url,
  include_comments=False)``, otherwise the library's defaults (fallbacks on), resp. with
  ``favor_precision=True``. Comments are off as in trafilatura's own comparisons: no benchmark
  counts reader comments as article text (with them on, scrapinghub F1 drops 0.959 -> 0.953).
- readability-lxml: ``Document(html_bytes, url=url).summary()`` (readability decodes bytes); the
  summary HTML is flattened to text with a line break after every block element.
- jusText: ``justext.justext(html_bytes, stoplist)``, non-boilerplate paragraphs joined by lines;
  the stoplist is chosen from the page's declared language (``<html lang>`` or a content-language
  meta), English when none is declared or jusText has no list for it. (scrapinghub has pt, ru, de,
  it, id pages; the English list on every page scores 0.792 there instead of 0.825.)
- resiliparse: ``extract_plain_text(html, main_content=True, alt_texts=False)`` on the page
  decoded with resiliparse's own ``detect_encoding`` / ``bytes_to_str``; image alt texts are not
  article text in any set (with them, scrapinghub F1 drops 0.916 -> 0.898).
- goose3: ``Goose().extract(raw_html=str).cleaned_text`` (str decoded with the declared charset).
- newspaper4k: ``Article(url, fetch_images=False).download(input_html=str); parse(); text``.

Text-mode tools (``TEXT_TOOLS``, for pages outside the -text sets): the page is flattened as the
sets' ``*-text`` folders were (resiliparse ``extract_plain_text`` with ``FLATTEN``, every visible
block on its own line, chrome included), then
- sieb-text: ``sieb.clean_text(text, url=url).text``;
- keep-all-text: the flattened text itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import metadata

__all__ = [
    "DISTRIBUTIONS", "FLATTEN", "TEXT_TOOLS", "TOOLS", "flatten", "make", "missing", "version"
]

Extractor = Callable[[bytes, "str | None"], str]

# tool name -> distributions it needs (the first one's version is reported)
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "sieb": ("sieb",),
    "trafilatura": ("trafilatura",),
    "trafilatura-precision": ("trafilatura",),
    "readability-lxml": ("readability-lxml", "lxml"),
    "justext": ("justext",),
    "resiliparse": ("resiliparse",),
    "goose3": ("goose3",),
    "newspaper4k": ("newspaper4k",),
}
TOOLS = tuple(DISTRIBUTIONS)
TEXT_TOOLS = ("sieb-text", "keep-all-text")
DISTRIBUTIONS |= {"sieb-text": ("sieb", "resiliparse"), "keep-all-text": ("resiliparse",)}
# resiliparse's settings for the sets' flattened text (../shared/bench/*-text/flatten.json)
FLATTEN = {
    "main_content": False,
    "preserve_formatting": True,
    "alt_texts": True,
    "links": False,
    "list_bullets": False,
    "form_fields": False,
    "noscript": False,
    "comments": True,
}

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_LANG_RE = re.compile(
    rb"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})|"""
    rb"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]*content\s*=\s*["']?([A-Za-z]{2,3})""",
    re.I,
)
# ISO 639-1 -> jusText stoplist name, for the languages of the benchmark sets and their neighbours
_JUSTEXT_LISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "nl": "Dutch", "pt": "Portuguese", "pl": "Polish", "ru": "Russian", "cs": "Czech",
    "sk": "Slovak", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "no": "Norwegian_Bokmal",
    "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "tr": "Turkish", "hu": "Hungarian",
    "el": "Greek", "ro": "Romanian", "uk": "Ukrainian", "bg": "Bulgarian", "hr": "Croatian",
    "sl": "Slovenian", "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian", "ca": "Catalan",
    "id": "Indonesian", "vi": "Vietnamese", "ar": "Arabic", "fa": "Persian", "he": "Hebrew",
    "hi": "Hindi", "ko": "Korean", "sr": "Serbian", "is": "Icelandic", "ga": "Irish",
}  # fmt: skip
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip


def version(tool: str) -> str:
    """Return the installed version of a tool's main distribution, or "not installed"."""
    try:
        return metadata.version(DISTRIBUTIONS[tool][0])
    except metadata.PackageNotFoundError:
        return "not installed"


def missing(tool: str) -> list[str]:
    """Return the distributions a tool needs that are not installed."""
    absent = []
    for dist in DISTRIBUTIONS[tool]:
        try:
            metadata.version(dist)
        except metadata.PackageNotFoundError:
            absent.append(dist)
    return absent


def declared_str(html: bytes) -> str:
    """Decode with the charset declared in a meta tag (else UTF-8), replacing errors."""
    match = _CHARSET_RE.search(html[:4096])
    if match:
        try:
            return html.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return html.decode("utf-8", errors="replace")


def html_to_text(fragment: str) -> str:
    """Flatten an HTML fragment to text with a line break around every block element."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _sieb() -> Extractor:
    import sieb

    sieb.warm_up()  # set-up: models load here, as every tool's do before the clock starts
    return lambda html, url: sieb.extract(html, url=url).text


def _trafilatura(**options: object) -> Callable[[], Extractor]:
    def build() -> Extractor:
        import trafilatura

        return lambda html, url: trafilatura.extract(html, url=url, **options) or ""

    return build


def _readability() -> Extractor:
    import logging

    from readability import Document

    logging.getLogger("readability.readability").setLevel(logging.ERROR)
    return lambda html, url: html_to_text(Document(html, url=url).summary(html_partial=True))


def _justext() -> Extractor:
    import justext

    lists: dict[str, frozenset[str]] = {}

    def stoplist(html: bytes) -> frozenset[str]:
        match = _LANG_RE.search(html[:8192])
        code = (match.group(1) or match.group(2)).decode("ascii").lower() if match else "en"
        name = _JUSTEXT_LISTS.get(code[:2], "English")
        if name not in lists:
            lists[name] = justext.get_stoplist(name)
        return lists[name]

    def run(html: bytes, url: str | None) -> str:
        paragraphs = justext.justext(html, stoplist(html))
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def run(html: bytes, url: str | None) -> str:
        text = bytes_to_str(html, detect_encoding(html))
        return extract_plain_text(text, main_content=True, alt_texts=False)

    return run


def _goose3() -> Extractor:
    from goose3 import Goose

    goose = Goose()
    return lambda html, url: goose.extract(raw_html=declared_str(html)).cleaned_text or ""


def _newspaper4k() -> Extractor:
    import warnings

    warnings.filterwarnings("ignore", module="newspaper")
    import newspaper

    def run(html: bytes, url: str | None) -> str:
        article = newspaper.Article(url or "http://example.invalid/", fetch_images=False)
        article.download(input_html=declared_str(html))
        article.parse()
        return article.text or ""

    return run


def flatten(html: bytes) -> str:
    """A page's text as a crawler's text dump has it: the -text sets' flattening (FLATTEN)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    text = extract_plain_text(bytes_to_str(html, detect_encoding(html)), **FLATTEN)
    # as the sets' files have it: lines stripped, one blank line at most between blocks
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines()))


def _sieb_text() -> Extractor:
    import sieb

    sieb.warm_up()
    return lambda html, url: sieb.clean_text(flatten(html), url=url).text


def _keep_all_text() -> Extractor:
    return lambda html, url: flatten(html)


_BUILDERS: dict[str, Callable[[], Extractor]] = {
    "sieb": _sieb,
    "trafilatura": _trafilatura(include_comments=False),
    "trafilatura-precision": _trafilatura(include_comments=False, favor_precision=True),
    "readability-lxml": _readability,
    "justext": _justext,
    "resiliparse": _resiliparse,
    "goose3": _goose3,
    "newspaper4k": _newspaper4k,
    "sieb-text": _sieb_text,
    "keep-all-text": _keep_all_text,
}


def make(tool: str) -> Extractor:
    """Import and set up a tool; return its per-page function ``fn(html_bytes, url) -> text``."""
    if tool not in _BUILDERS:
        raise ValueError(f"unknown tool {tool!r}; known: {', '.join(TOOLS + TEXT_TOOLS)}")
    return _BUILDERS[tool]()
