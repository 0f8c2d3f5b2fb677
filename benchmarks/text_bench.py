"""Text-mode benchmark: clean flattened pages, compare with line rules and HTML extraction.

    python -m benchmarks.text_bench [--limit N] [--write BENCHMARKS.md]

On both `-text` sets in one run (scrapinghub-text: shingle F1 against the article body;
trafilatura-dev-text: snippet F1), it scores
- keep-all: every line of the flattened text;
- c4-lines: the C4 line rules (Raffel et al. 2020, section 2.2, as published);
- sieb.clean_text with its rules only (no line model), and sieb.clean_text held-out: each page
  with the line model of the fold that did not see it (benchmarks/models/text_model.fold{K}.json,
  K = fold_of(id), written by training/fit_text_model.py); also on the same pages without their
  blank lines, as Common Crawl WET records give text (one block per line);
- sieb.extract on the same pages' HTML (when importable), for the gap between text and HTML mode,
  also held-out (benchmarks/models/block_model.fold{K}.json, by training/fit_block_model.py);
and the pages per second of each (one core, reading excluded). Each tool is timed in a child
process of its own (started fresh, not forked), so that no tool runs in the heap that another
left: trafilatura-dev-text's text mode ran 7-17 % slower in a process that had extracted HTML
pages before (three paired runs), and the metadata comparison does that before the timing.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import datasets, metrics
from benchmarks.report import machine, markdown_table, utc_now, write_section

_SETS = ("scrapinghub", "trafilatura-dev")
_MODELS = Path(__file__).resolve().parent / "models"


def fold_model(kind: str, page_id: str) -> str:
    """The fold model ("text" or "block") that was fitted without this page."""
    return str(_MODELS / f"{kind}_model.fold{datasets.fold_of(page_id)}.json")


def fold_breaks(page_id: str) -> str:
    """The fold's block-break model (sieb.text.blocks) that was fitted without this page."""
    return str(_MODELS / f"text_breaks.fold{datasets.fold_of(page_id)}.json")


def held_out_models(page_id: str) -> tuple[str, str]:
    """The line model and the block-break model that were fitted without this page (the break
    model matters for pages without blank lines, which every page is in the WET-style rows)."""
    return fold_model("text", page_id), fold_breaks(page_id)


# --- C4 line rules (Raffel et al. 2020, "Exploring the limits of transfer learning", 2.2) -----
# Retain lines ending in a terminal punctuation mark; drop lines with fewer than 3 words (the
# paper's figure; the TFDS code uses 5); drop lines containing "javascript"; drop the whole page
# if it contains "lorem ipsum" or a curly bracket; drop lines with policy/cookie phrases (the TFDS
# list); drop pages with fewer than 5 sentences (the paper's page rule).
_C4_END = (".", "!", "?", '"')
_C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
_C4_MIN_WORDS = 3
_C4_MIN_SENTENCES = 5
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def c4_lines(text: str) -> str:
    """The text left by the C4 line and page rules ('' when the page is dropped)."""
    low = text.lower()
    if "lorem ipsum" in low or "{" in text:
        return ""
    kept = []
    for raw in text.splitlines():
        line = raw.strip()
        lower = line.lower()
        if not line.endswith(_C4_END) or line.endswith("..."):
            continue
        if len(line.split()) < _C4_MIN_WORDS or "javascript" in lower:
            continue
        if any(p in lower for p in _C4_POLICY):
            continue
        kept.append(line)
    page = "\n".join(kept)
    if len(_SENTENCE_END.findall(page)) < _C4_MIN_SENTENCES:
        return ""
    return page


def one_block_per_line(text: str) -> str:
    """The page as a Common Crawl WET record has it: one block per line, no blank lines."""
    return "\n".join(line for line in text.split("\n") if line.strip())


def keep_all(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _load_models() -> None:
    """Load sieb's models outside the timed loop (each loads on first use otherwise)."""
    from sieb import warm_up

    warm_up()


def _sieb_text() -> Callable[..., str]:
    from sieb.text import clean_text

    _load_models()

    def clean(text: str, url: str | None, model: str, breaks: str | None = None) -> str:
        return clean_text(text, url=url, model_path=model, breaks_path=breaks).text

    return clean


def _sieb_text_rules() -> Callable[[str, str | None], str]:
    """Text mode without the line model: the rules' roles and keep flags as they are."""
    from sieb.text.assemble import build_article
    from sieb.text.lines import measure
    from sieb.text.roles import assign

    _load_models()

    def run(text: str, url: str | None) -> str:
        feats = measure(text)
        return build_article(feats, assign(feats), url, None).text

    return run


def _cold_start() -> None:
    """Forget what an earlier tool's run left in sieb's caches (remembered lines, languages), so
    that each tool is timed from the same start."""
    with contextlib.suppress(ImportError):
        from sieb.language import _classify
        from sieb.text import clear_caches

        clear_caches()
        _classify.cache_clear()


def _score(kind: str, pages: list, outputs: list[str]) -> dict[str, float]:
    if kind == "shingle":
        return metrics.shingle_scores(
            [(o, p.truth_text or "") for o, p in zip(outputs, pages, strict=True)]
        )
    return metrics.snippet_scores(
        [(o, p.with_snippets, p.without_snippets) for o, p in zip(outputs, pages, strict=True)]
    )


def _warm_up_inputs(inputs: list) -> list:
    """The first input, and the first of each other fold model (the third argument, when
    given): each fold model loads once before timing, as the shipped model does."""
    firsts: dict[str, tuple] = {}
    for args in inputs:
        firsts.setdefault(repr(args[2]) if len(args) > 2 else "", args)
    return list(firsts.values())


_HELD_OUT = "sieb.clean_text (held-out)"
_HTML_TOOL = "sieb.extract (HTML, held-out)"


def _folded(title: str | None) -> str:
    return " ".join(re.sub(r"\W+", " ", title or "").lower().split())


def metadata_agreement(pages: list, html_pages: list) -> dict[str, int]:
    """How often text mode's metadata agrees with HTML extraction's on the same page: "title"
    (the same after folding case and punctuation, or one holding the other: "Key moments from
    ..." and "Impeachment hearings: Key moments from ..."), "published" (the same day), "authors"
    (a name in common), "other_authors" (text mode names authors, none of them HTML
    extraction's); and "pages". Held-out fold models, as the F1 rows."""
    import sieb
    from sieb.extract import ExtractOptions
    from sieb.text import clean_text

    counts = {"title": 0, "published": 0, "authors": 0, "other_authors": 0, "pages": len(pages)}
    for page, html_page in zip(pages, html_pages, strict=True):
        model, breaks = held_out_models(page.id)
        text = clean_text(page.text, page.url, model_path=model, breaks_path=breaks)
        options = ExtractOptions(model_path=fold_model("block", page.id))
        html = sieb.extract(html_page.html_bytes, url=page.url, options=options)
        text_title, html_title = _folded(text.title), _folded(html.title)
        counts["title"] += bool(text_title) and (
            text_title == html_title
            or (bool(html_title) and html_title in text_title)
            or text_title in html_title
        )
        counts["published"] += bool(text.published and html.published) and (
            text.published[:10] == html.published[:10]
        )
        common = bool(set(text.authors) & set(html.authors))
        counts["authors"] += common
        counts["other_authors"] += bool(text.authors) and not common
    return counts


def _run(fn: Callable, inputs: list) -> tuple[list[str], float]:
    outputs: list[str] = []
    errors: list[str] = []
    for args in _warm_up_inputs(inputs):  # models and lazy imports load outside the timed loop
        with contextlib.suppress(Exception):
            fn(*args)
    _cold_start()
    start = time.perf_counter()
    for args in inputs:
        try:
            outputs.append(fn(*args))
        except Exception as exc:  # a crash scores as empty output, and is reported
            errors.append(f"{type(exc).__name__}: {exc}")
            outputs.append("")
    elapsed = time.perf_counter() - start
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0]}", file=sys.stderr)
    return outputs, len(inputs) / elapsed if elapsed else float("inf")


_WET = "sieb.clean_text (held-out), WET-style input"
# The tools on the -text pages, in the table's order (the HTML tool follows them).
_TEXT_TOOLS = ("keep-all lines", "C4 line rules", "sieb.clean_text, rules only", _HELD_OUT, _WET)


def _tool(tool: str, pages: list, html_pages: list | None) -> tuple[Callable, list]:
    """The function of `tool` and its inputs: the -text `pages`, or their HTML (`html_pages`)
    for _HTML_TOOL."""
    if tool == _HTML_TOOL:
        import sieb
        from sieb.extract import ExtractOptions

        _load_models()
        return lambda h, u, o: sieb.extract(h, url=u, options=o).text, [
            (p.html_bytes, p.url, ExtractOptions(model_path=fold_model("block", p.id)))
            for p in html_pages or ()
        ]
    if tool in (_HELD_OUT, _WET):
        read = one_block_per_line if tool == _WET else str
        return _sieb_text(), [(read(p.text), p.url, *held_out_models(p.id)) for p in pages]
    text_inputs = [(p.text, p.url) for p in pages]
    if tool == "sieb.clean_text, rules only":
        return _sieb_text_rules(), text_inputs
    line_rule = {"keep-all lines": keep_all, "C4 line rules": c4_lines}[tool]
    return lambda t, u: line_rule(t), text_inputs


def _html_pages(name: str, pages: list) -> list | None:
    """The HTML pages of set `name` in the order of its -text `pages`, or None when sieb's HTML
    extraction is not importable or a page has no HTML."""
    try:
        import sieb.extract  # noqa: F401
    except ImportError as exc:
        print(f"sieb.extract not available: {exc}", file=sys.stderr)
        return None
    by_id = {p.id: p for p in datasets.load_html(name)}
    html_pages = [by_id[p.id] for p in pages if p.id in by_id]
    return html_pages if len(html_pages) == len(pages) else None


def _time_tool(
    name: str, tool: str, limit: int | None, html: bool, timing_runs: int
) -> tuple[list[str], list[float]]:
    """In a fresh process: the outputs of `tool` on set `name` and its pages/s in each of
    `timing_runs` passes (`html`: the tool reads the pages' HTML)."""
    pages = datasets.load_text_pages(name, limit)
    html_pages = _html_pages(name, pages) if html else None
    fn, inputs = _tool(tool, pages, html_pages)
    rates = []
    for _ in range(max(1, timing_runs)):
        outputs, rate = _run(fn, inputs)
        rates.append(rate)
    return outputs, rates


def run(limit: int | None = None, html: bool = True, timing_runs: int = 5) -> list[dict]:
    """Score every tool on both sets; one dict per (set, tool), with the median pages/s of
    `timing_runs` passes (each from cold caches, in a child process of the tool's own) and
    their range."""
    rows: list[dict] = []
    spawn = multiprocessing.get_context("spawn")
    for name in _SETS:
        pages = datasets.load_text_pages(name, limit)
        if not pages:
            print(f"{name}-text: not found under {datasets.BENCH}", file=sys.stderr)
            continue
        kind = datasets.metric_kind(name)
        html_pages = _html_pages(name, pages) if html else None
        metadata = metadata_agreement(pages, html_pages) if html_pages else None
        for tool in _TEXT_TOOLS + ((_HTML_TOOL,) if html_pages else ()):
            with spawn.Pool(1) as child:
                outputs, rates = child.apply(
                    _time_tool, (name, tool, limit, tool == _HTML_TOOL, timing_runs)
                )
            rate = statistics.median(rates)
            scores = _score(kind, pages, outputs)
            rows.append(
                {
                    "set": f"{name}-text",
                    "tool": tool,
                    "pages/s": rate,
                    "range": (min(rates), max(rates)),
                    **scores,
                    **({"metadata": metadata} if metadata and tool == _HELD_OUT else {}),
                }
            )
            print(
                f"{name}-text  {tool:30s} P={scores['precision']:.3f} R={scores['recall']:.3f} "
                f"F1={scores['f1']:.3f}  {rate:,.0f} pages/s",
                file=sys.stderr,
            )
    return rows


def to_markdown(rows: list[dict], limit: int | None, timing_runs: int = 5) -> str:
    table = markdown_table(
        ["set", "tool", "precision", "recall", "F1", "pages/s (range)"],
        [
            [
                r["set"],
                r["tool"],
                f"{r['precision']:.3f}",
                f"{r['recall']:.3f}",
                f"{r['f1']:.3f}",
                f"{r['pages/s']:,.0f} ({r['range'][0]:,.0f}–{r['range'][1]:,.0f})",
            ]
            for r in rows
        ],
    )
    cmd = "python -m benchmarks.text_bench --write BENCHMARKS.md" + (
        f" --limit {limit}" if limit else ""
    )
    cmd += f" --timing-runs {timing_runs}" if timing_runs != 5 else ""
    agreement = "".join(
        f"\n{r['set']}: `sieb.clean_text`'s metadata agrees with `sieb.extract`'s on the same "
        f"page's HTML: title on {m['title']}, published day on {m['published']}, authors (a "
        f"name in common) on {m['authors']} of {m['pages']} pages; on {m['other_authors']} "
        "pages text mode names authors of which HTML extraction has none "
        "(`metadata_agreement`).\n"
        for r in rows
        if (m := r.get("metadata"))
    )
    return (
        "## Text mode (flattened pages)\n\n"
        f"`{cmd}`, {utc_now()}, {machine()}.\n\n"
        "scrapinghub-text: shingle precision/recall/F1 against the article body; "
        "trafilatura-dev-text: snippet precision/recall/F1. pages/s: each tool in a fresh child "
        "process of its own, reading excluded, median of "
        f"{timing_runs} passes each from cold caches (range in brackets: "
        "other load on the machine and garbage collection move single passes); the HTML row "
        "parses the same pages' HTML. Held-out: each page is scored with "
        "the fold model (benchmarks/models/, 2-fold by sha1(id)) that was fitted without it.\n\n"
        + table
        + "\n"
        + agreement
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.text_bench", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="pages per set")
    parser.add_argument("--no-html", action="store_true", help="skip sieb.extract on the HTML")
    parser.add_argument("--write", metavar="MD", help="write the text-bench section of this file")
    parser.add_argument(
        "--timing-runs", type=int, default=5, help="timed passes per tool (median reported)"
    )
    args = parser.parse_args(argv)
    rows = run(args.limit, html=not args.no_html, timing_runs=args.timing_runs)
    markdown = to_markdown(rows, args.limit, args.timing_runs)
    if args.write:
        write_section(args.write, "text-bench", markdown)
    else:
        print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
