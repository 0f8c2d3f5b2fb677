"""Site-level learning: lines or blocks that recur across many pages of one host are its chrome.

A single page cannot tell a site's newsletter box from a short paragraph; fifty pages of the same
host can. `SiteProfile` counts, for every normalised line fingerprint, on how many pages of the
host it occurs (once per page), and calls a line chrome when it occurs on at least
`max(min_pages, min_share * pages)` pages.

    >>> profile = SiteProfile.learn_text(texts)          # or learn_html(pages)
    >>> profile.is_chrome("Sign up for our newsletter")
    True
    >>> profile.save("example.com.json"); SiteProfile.load("example.com.json")

Profiles merge (`a.merge(b)`), so corpus workers can learn in parallel and combine.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sieb.errors import InputError
from sieb.shadow import unwrap_shadow_roots

# Lines on >= 30% of a host's pages are chrome: the share from the study cited in USERS.md
# (frizman21/f-trellis#160: such lines made up 26-33% of characters).
DEFAULT_MIN_SHARE = 0.30
# ...but never fewer than 3 pages, so that two pages sharing a quote do not lose it.
DEFAULT_MIN_PAGES = 3
# Lines longer than this are hashed on their first part only: chrome is short, and a long
# recurring line (a site-wide disclaimer) is already recognisable by its first 300 characters.
_FINGERPRINT_CHARS = 300
# Format tag written into saved profiles.
_FORMAT = "sieb.site-profile/1"

_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")


def fingerprint(text: str) -> str:
    """The normalised fingerprint of a line: casefolded, digits as '0', punctuation and spaces
    folded, hashed to 16 hex digits. Empty for a line with no letters or digits."""
    norm = _NON_WORD.sub(" ", _DIGITS.sub("0", text[:_FINGERPRINT_CHARS].casefold())).strip()
    if not norm:
        return ""
    return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(slots=True)
class SiteProfile:
    """Recurring-line counts of one host. See the module docstring."""

    host: str = ""
    pages: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    min_share: float = DEFAULT_MIN_SHARE
    min_pages: int = DEFAULT_MIN_PAGES

    # -- learning -------------------------------------------------------------------------------
    def add_text(self, text: str) -> None:
        """Count the lines of one page's flattened text."""
        self.add_lines(text.splitlines())

    def add_lines(self, lines: Iterable[str]) -> None:
        """Count one page given as its lines (or block texts); each fingerprint once per page."""
        seen = {fingerprint(line) for line in lines}
        seen.discard("")
        self.counts.update(seen)
        self.pages += 1

    def add_html(self, html: str | bytes) -> None:
        """Count the block texts of one HTML page."""
        self.add_lines(html_block_texts(html))

    @classmethod
    def learn_text(cls, texts: Iterable[str], host: str = "", **options: float) -> SiteProfile:
        """A profile learnt from the flattened texts of pages of one host."""
        profile = cls(host=host, **options)  # type: ignore[arg-type]
        for text in texts:
            profile.add_text(text)
        return profile

    @classmethod
    def learn_html(
        cls, pages: Iterable[str | bytes], host: str = "", **options: float
    ) -> SiteProfile:
        """A profile learnt from HTML pages of one host."""
        profile = cls(host=host, **options)  # type: ignore[arg-type]
        for page in pages:
            profile.add_html(page)
        return profile

    def merge(self, other: SiteProfile) -> SiteProfile:
        """A new profile with the counts of both (for profiles learnt in parallel)."""
        if self.host and other.host and self.host != other.host:
            raise InputError(f"cannot merge profiles of {self.host!r} and {other.host!r}")
        return SiteProfile(
            host=self.host or other.host,
            pages=self.pages + other.pages,
            counts=self.counts + other.counts,
            min_share=self.min_share,
            min_pages=self.min_pages,
        )

    # -- use ------------------------------------------------------------------------------------
    @property
    def threshold(self) -> float:
        """Number of pages a line must occur on to be chrome."""
        return max(self.min_pages, self.min_share * self.pages)

    def page_count(self, text: str) -> int:
        """On how many learnt pages a line with this fingerprint occurred."""
        return self.counts.get(fingerprint(text), 0)

    def is_chrome(self, text: str) -> bool:
        """True if this line (or block text) recurs on enough of the host's pages."""
        fp = fingerprint(text)
        return bool(fp) and self.counts.get(fp, 0) >= self.threshold

    # -- persistence ----------------------------------------------------------------------------
    def to_dict(self, prune: bool = True) -> dict:
        """JSON-compatible data; `prune` drops fingerprints seen on a single page only."""
        counts = {k: v for k, v in self.counts.items() if v > 1 or not prune}
        return {
            "format": _FORMAT,
            "host": self.host,
            "pages": self.pages,
            "min_share": self.min_share,
            "min_pages": self.min_pages,
            "counts": dict(sorted(counts.items())),
        }

    @classmethod
    def from_dict(cls, data: dict) -> SiteProfile:
        if data.get("format") != _FORMAT:
            raise InputError(f"not a sieb site profile (format {data.get('format')!r})")
        return cls(
            host=str(data.get("host", "")),
            pages=int(data["pages"]),
            counts=Counter({str(k): int(v) for k, v in data["counts"].items()}),
            min_share=float(data.get("min_share", DEFAULT_MIN_SHARE)),
            min_pages=int(data.get("min_pages", DEFAULT_MIN_PAGES)),
        )

    def save(self, path: str | Path) -> None:
        """Write the profile as JSON. Fingerprints seen on one page only are left out: they can
        never reach the threshold on their own, though they could after a merge with a profile
        that shares them (save before merging if that matters)."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteProfile:
        """Read a profile written by `save`."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read site profile {path}: {exc}") from exc
        return cls.from_dict(data)


# Block-level elements whose text is one "line" of a page for profiling.
_BLOCK_SELECTOR = (
    "p, h1, h2, h3, h4, h5, h6, li, td, th, dt, dd, figcaption, blockquote, pre, a, label, button"
)


def html_block_texts(html: str | bytes) -> list[str]:
    """The texts of a page's block-level elements and links, for profiling (kept simple)."""
    from selectolax.lexbor import LexborHTMLParser

    text = html if isinstance(html, str) else html.decode("utf-8", "replace")
    tree = LexborHTMLParser(unwrap_shadow_roots(text))  # shadow roots are shown, as in extract
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    texts = []
    for node in tree.css(_BLOCK_SELECTOR):
        text = node.text(separator=" ", strip=True)
        if text:
            texts.append(" ".join(text.split()))
    return texts
