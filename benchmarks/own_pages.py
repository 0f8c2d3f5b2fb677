"""Out-of-set check: sieb and its peers on the self-written pages in ``tests/fixtures/pages``.

    python -m benchmarks.own_pages [--set own|blind] [--tools sieb,trafilatura,...] [--pages]
        [--write BENCHMARKS.md]

The benchmark sets (scrapinghub, trafilatura-dev) are what sieb's model was fitted on, so they
cannot show how it does on pages it has never seen. These pages were written for this purpose:
modern 2026 markup (hashed React/Next.js class names, styled-components divs, Tailwind
utilities, declarative shadow DOM, AMP, table-based email HTML, consent layers, mega-menus,
teasers, paywall notes, comment sections), more than half of them German, of many kinds (news,
live blog, opinion, interview, press release, science press release, blog, recipe, listicle,
docs, changelog, help-center article, wiki article, Q&A, forum, product, review, long-form,
brief, data table, gallery, podcast episode, event, job posting, public notice, newsletter
issue, newsletter essay). Each ``<name>.html`` has a ``<name>.json`` with
``must_have`` snippets of the article (first and last paragraph, a sub-heading, a list item, a
table cell) and ``must_not_have`` snippets of page chrome (consent text, navigation, teasers,
newsletter boxes, comments on articles, footers, captions and credits), written from the page
before any tool was run on it, plus the expected title, language and, where the page states
them, publication date and authors.

Text mode: ``sieb-text`` flattens each page as the benchmark sets' ``*-text`` folders were made
(``benchmarks.tools.flatten``: resiliparse with the sets' settings; it reproduces 181 of 181
scrapinghub-text files and 488 of 491 trafilatura-dev-text files byte for byte, after stripping)
and cleans it with ``sieb.clean_text``; ``keep-all-text`` is the flattened text itself.

Scores: trafilatura's snippet metric (``benchmarks.metrics.snippet_scores``) summed over the
pages, per tool; for sieb also the share of pages whose title (white space and case folded),
language, publication date (the day) and authors (as a set, case folded) are right, counted
over the pages whose sidecar states the field. Every tool runs in this process, one after
another, on the page bytes with the sidecar's URL; sieb uses its shipped model (these pages are
not in its training data). ``--pages`` prints the snippets each tool got wrong.
With ``--write``, the set's section of that Markdown file is replaced (``report.py``).

``--set blind`` runs the pages of ``tests/fixtures/pages-blind``, written by someone who never
ran an extractor on them; sieb was not changed after its results on them were seen, so that set
is the honest out-of-set figure (``own`` pages were used to find and fix general errors).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.metrics import fold_space, page_snippet_counts, snippet_scores
from benchmarks.report import machine, markdown_table, utc_now, write_section
from benchmarks.tools import TEXT_TOOLS, TOOLS, make, missing, version

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
# --set: folder, BENCHMARKS.md section, what the set is
SETS = {
    "own": (PAGES, "own-pages", ("written for this benchmark; sieb's rules were then corrected "
            "where these pages showed errors (general fixes, no page-specific rules), so sieb "
            "is not blind to them")),
    "blind": (FIXTURES / "pages-blind", "blind-pages", ("written blind: their author never ran "
              "an extractor on them and nothing in sieb was changed after seeing its results "
              "on them")),
}
METADATA_FIELDS = ("title", "language", "published", "authors")


@dataclass(frozen=True, slots=True)
class OwnPage:
    """One self-written page and what a careful reader calls its article."""

    name: str
    html: bytes
    url: str
    kind: str
    language: str
    title: str
    must_have: list[str]
    must_not_have: list[str]
    published: str | None = None
    authors: list[str] | None = None
    figure_captions: list[str] = field(default_factory=list)


def load_pages(folder: Path = PAGES) -> list[OwnPage]:
    """The pages of ``folder`` with their sidecars, sorted by name."""
    pages = []
    for sidecar in sorted(folder.glob("*.json")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        pages.append(
            OwnPage(
                name=sidecar.stem,
                html=sidecar.with_suffix(".html").read_bytes(),
                url=data["url"],
                kind=data["kind"],
                language=data["language"],
                title=data["title"],
                must_have=list(data["must_have"]),
                must_not_have=list(data["must_not_have"]),
                published=data.get("published"),
                authors=data.get("authors"),
                figure_captions=list(data.get("figure_captions", [])),
            )
        )
    return pages


def _fold(text: str | None) -> str:
    return fold_space(text or "").strip().casefold()


def metadata_hits(page: OwnPage, article: object) -> dict[str, bool]:
    """Which of the sidecar's metadata fields sieb got right (only the fields the sidecar has)."""
    hits = {
        "title": _fold(getattr(article, "title", None)) == _fold(page.title),
        "language": (getattr(article, "language", None) or "")[:2] == page.language,
    }
    if page.published:
        hits["published"] = (getattr(article, "published", None) or "")[:10] == page.published
    if page.authors is not None:
        got = {_fold(a) for a in getattr(article, "authors", ())}
        hits["authors"] = got == {_fold(a) for a in page.authors}
    return hits


def missed(page: OwnPage, text: str) -> tuple[list[str], list[str]]:
    """(must_have snippets not found, must_not_have snippets found) in ``text``."""
    folded = fold_space(text)
    lost = [s for s in page.must_have if fold_space(s) not in folded]
    leaked = [s for s in page.must_not_have if fold_space(s) in folded]
    return lost, leaked


def run_tool(tool: str, pages: list[OwnPage]) -> tuple[list[str], int, float]:
    """Run one tool on every page; return its texts, its error count and the seconds taken."""
    extract: Callable[[bytes, str | None], str] = make(tool)
    texts, errors, seconds = [], 0, 0.0
    for page in pages:
        start = time.perf_counter()
        try:
            texts.append(extract(page.html, page.url) or "")
        except Exception:  # a crash scores as empty output, as in html_bench
            texts.append("")
            errors += 1
        seconds += time.perf_counter() - start
    return texts, errors, seconds


def sieb_metadata(pages: list[OwnPage]) -> dict[str, tuple[int, int]]:
    """Per metadata field: (right, checked) over the pages."""
    import sieb

    counts = {name: [0, 0] for name in METADATA_FIELDS}
    for page in pages:
        article = sieb.extract(page.html, url=page.url)
        for name, hit in metadata_hits(page, article).items():
            counts[name][0] += hit
            counts[name][1] += 1
    return {name: (right, checked) for name, (right, checked) in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--tools", default=",".join(TOOLS + TEXT_TOOLS), help="comma-separated tool names"
    )
    parser.add_argument("--pages", action="store_true", help="list each tool's wrong snippets")
    parser.add_argument("--set", choices=sorted(SETS), default="own",
                        help="own: tests/fixtures/pages; blind: tests/fixtures/pages-blind")
    parser.add_argument("--write", metavar="MARKDOWN", help="write the set's section there")
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    folder, section, provenance = SETS[args.set]
    pages = load_pages(folder)
    rows = []
    for tool in tools:
        if missing(tool):
            print(f"skip {tool}: not installed ({', '.join(missing(tool))})")
            continue
        texts, errors, _ = run_tool(tool, pages)
        items = [(t, p.must_have, p.must_not_have) for t, p in zip(texts, pages, strict=True)]
        scores = snippet_scores(items)
        perfect = sum(
            page_snippet_counts(*item).fn == 0 and page_snippet_counts(*item).fp == 0
            for item in items
        )
        rows.append(
            [
                tool,
                version(tool),
                f"{scores['precision']:.3f}",
                f"{scores['recall']:.3f}",
                f"{scores['f1']:.3f}",
                f"{perfect}/{len(pages)}",
                errors,
            ]
        )
        if args.pages:
            for page, text in zip(pages, texts, strict=True):
                lost, leaked = missed(page, text)
                for snippet in lost:
                    print(f"  {tool:22} {page.name:32} MISSING {snippet[:70]!r}")
                for snippet in leaked:
                    print(f"  {tool:22} {page.name:32} LEAKED  {snippet[:70]!r}")
    header = ["tool", "version", "precision", "recall", "F1", "pages all right", "errors"]
    table = markdown_table(header, rows)
    meta_table = ""
    if "sieb" in tools:
        meta = sieb_metadata(pages)
        meta_table = markdown_table(
            ["sieb metadata", "right", "of", "accuracy"],
            [
                [name, right, checked, f"{right / checked:.3f}" if checked else "-"]
                for name, (right, checked) in meta.items()
            ],
        )
    print(table)
    if meta_table:
        print()
        print(meta_table)
    if args.write:
        languages = sorted({p.language for p in pages})
        counts = ", ".join(f"{sum(p.language == lang for p in pages)} {lang}" for lang in languages)
        intro = (
            f"## {'Blind' if args.set == 'blind' else 'Own'} pages (out of set)\n\n"
            f"{len(pages)} self-written pages in `{folder.relative_to(FIXTURES.parent.parent)}/`"
            f" ({counts}; kinds: {', '.join(sorted({p.kind for p in pages}))}), {provenance}. "
            "Snippet metric summed over the pages; sieb runs its shipped model, which was not "
            "fitted on these pages. sieb-text: the page flattened as the benchmark sets' -text "
            "files (`benchmarks.tools.flatten`), then `sieb.clean_text`; keep-all-text: that "
            "flattened text.\n\n"
            f"- command: `python -m benchmarks.own_pages --set {args.set} --write BENCHMARKS.md`\n"
            f"- run: {utc_now()} on {machine()}\n"
        )
        write_section(args.write, section, intro + "\n" + table + "\n\n" + meta_table)
        print(f"wrote section {section!r} of {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
