"""Loaders for the shared benchmark sets (read in place; never copy them into the repository).

``SHARED`` points at the shared folder (environment variable ``SIEB_SHARED``, default
``<repo>/../shared``); the sets live under ``SHARED / "bench"``. Every loader yields pages sorted by
id, so slices (``limit``) are stable across runs, and skips entries whose file is missing.

- HTML sets: ``load_html("scrapinghub" | "trafilatura-dev")`` -> ``Page`` with the raw page bytes.
- Text sets: ``load_text("scrapinghub" | "trafilatura-dev")`` -> ``TextPage`` from ``<set>-text/``.

A page of scrapinghub has ``truth_text`` and no snippets; a page of trafilatura-dev has snippets and
``truth_text`` None. ``Page.kind`` says which metric applies ("shingle" or "snippet").
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BENCH",
    "DATASETS",
    "SHARED",
    "Page",
    "TextPage",
    "fold_of",
    "load_html",
    "load_pages",
    "load_text",
    "load_text_pages",
    "metric_kind",
]

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SIEB_SHARED", REPO.parent / "shared"))
BENCH = SHARED / "bench"

# dataset name -> (truth file, metric kind)
DATASETS: dict[str, tuple[str, str]] = {
    "scrapinghub": ("ground-truth.json", "shingle"),
    "trafilatura-dev": ("evaldata.json", "snippet"),
}


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page of a benchmark set with its ground truth."""

    id: str
    html_bytes: bytes
    url: str | None
    truth_text: str | None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    dataset: str = ""

    @property
    def kind(self) -> str:
        return metric_kind(self.dataset)


@dataclass(frozen=True, slots=True)
class TextPage:
    """One flattened-text page of a benchmark set with its ground truth."""

    id: str
    text: str
    url: str | None
    truth_text: str | None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    dataset: str = ""

    @property
    def kind(self) -> str:
        return metric_kind(self.dataset)


def metric_kind(dataset: str) -> str:
    """Return "shingle" or "snippet" for a dataset name (a "-text" suffix is ignored)."""
    name = dataset.removesuffix("-text")
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    return DATASETS[name][1]


def fold_of(page_id: str, folds: int = 2) -> int:
    """Return the cross-validation fold of a page: sha1(id) % folds (training/ uses the same)."""
    return int(hashlib.sha1(page_id.encode("utf-8")).hexdigest(), 16) % folds


def _truth(dataset: str, bench: Path) -> dict[str, dict]:
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    path = bench / dataset / DATASETS[dataset][0]
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _fields(dataset: str, entry: dict) -> tuple[str | None, str | None, list[str], list[str]]:
    """Return (url, truth_text, with, without) of one truth entry."""
    url = entry.get("url") or None
    if DATASETS[dataset][1] == "shingle":
        return url, entry.get("articleBody") or "", [], []
    with_snippets = [s for s in entry.get("with") or [] if s is not None]
    without_snippets = [s for s in entry.get("without") or [] if s is not None]
    return url, None, with_snippets, without_snippets


def load_html(dataset: str, limit: int | None = None, bench: Path | None = None) -> Iterator[Page]:
    """Yield the pages of an HTML set, sorted by id, decompressed; at most ``limit`` pages."""
    bench = bench or BENCH
    truth = _truth(dataset, bench)
    count = 0
    for page_id in sorted(truth):
        if limit is not None and count >= limit:
            return
        path = bench / dataset / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        url, text, with_snippets, without_snippets = _fields(dataset, truth[page_id])
        html_bytes = gzip.decompress(path.read_bytes())
        yield Page(page_id, html_bytes, url, text, with_snippets, without_snippets, dataset)
        count += 1


def load_text(
    dataset: str, limit: int | None = None, bench: Path | None = None
) -> Iterator[TextPage]:
    """Yield the flattened-text pages of a set (``<dataset>-text/<id>.txt``), sorted by id."""
    bench = bench or BENCH
    dataset = dataset.removesuffix("-text")
    truth = _truth(dataset, bench)
    count = 0
    for page_id in sorted(truth):
        if limit is not None and count >= limit:
            return
        path = bench / f"{dataset}-text" / f"{page_id}.txt"
        if not path.is_file():
            continue
        url, text, with_snippets, without_snippets = _fields(dataset, truth[page_id])
        body = path.read_text(encoding="utf-8")
        yield TextPage(page_id, body, url, text, with_snippets, without_snippets, dataset)
        count += 1


def load_pages(dataset: str, limit: int | None = None) -> list[Page]:
    """Return the HTML pages of a set as a list (see ``load_html``)."""
    return list(load_html(dataset, limit))


def load_text_pages(dataset: str, limit: int | None = None) -> list[TextPage]:
    """Return the text pages of a set as a list (see ``load_text``)."""
    return list(load_text(dataset, limit))
