"""A/B of sieb's compiled core against its pure-Python reference, in one process.

    python -m benchmarks.core_ab [--dataset scrapinghub] [--repeats 5]

Both variants run alternately in the same process over the same pages (so other load on the
machine hits them alike), each timed with process time; the minimum over the repeats is reported.
Two measurements: `segment` alone (the DOM walk, on trees parsed beforehand) and `sieb.extract`
as a whole, for the pure-Python walk and text counts, the compiled walk only, and both compiled.
The outputs must be identical (blocks field by field, articles as JSON), else it exits with 1.
Needs the built extensions (`sieb.blocks.COMPILED`, `sieb.features.TEXT_COUNTS_COMPILED`).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser

import sieb
from benchmarks.datasets import DATASETS, load_pages
from sieb import blocks, blockwalk, features
from sieb.decode import decode_html
from sieb.textcounts import python_counter


def _timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def _walk_all(walk: Callable[[LexborHTMLParser], object], trees: list[LexborHTMLParser]) -> None:
    """Segment every tree, dropping each page's blocks before the next (as extract() does)."""
    for tree in trees:
        walk(tree)


def _segment_ab(trees: list[LexborHTMLParser], repeats: int) -> dict[str, float]:
    walks = {"python": blocks.segment_python, "compiled": blocks.segment}
    for tree in trees:
        python, compiled = (walk(tree) for walk in walks.values())
        if blockwalk.fingerprint(python.blocks, python.elements) != blockwalk.fingerprint(
            compiled.blocks, compiled.elements
        ):
            raise SystemExit("core_ab: the two walks give different blocks")
    best = dict.fromkeys(walks, float("inf"))
    for _ in range(repeats):
        for name, walk in walks.items():
            seconds, _ = _timed(lambda walk=walk: _walk_all(walk, trees))
            best[name] = min(best[name], seconds)
    return best


def _extract_ab(pages: list, repeats: int) -> dict[str, float]:
    compiled_walk, compiled_counts = blocks._COMPILED_WALK, features._text_counts
    python_counts = python_counter(features.STOPWORDS, "".join(sorted(features._TERMINAL)))
    variants = {
        "python": (None, python_counts),
        "compiled walk": (compiled_walk, python_counts),
        "compiled": (compiled_walk, compiled_counts),
    }
    best = dict.fromkeys(variants, float("inf"))
    try:
        for _ in range(repeats):
            outputs = []
            for name, (walk, counts) in variants.items():
                blocks._COMPILED_WALK, features._text_counts = walk, counts
                seconds, out = _timed(
                    lambda: [sieb.extract(p.html_bytes, url=p.url).to_json() for p in pages]
                )
                best[name] = min(best[name], seconds)
                outputs.append(out)
            if any(out != outputs[0] for out in outputs):
                raise SystemExit("core_ab: the variants extract different articles")
    finally:
        blocks._COMPILED_WALK, features._text_counts = compiled_walk, compiled_counts
    return best


def _print(title: str, best: dict[str, float], pages: int) -> None:
    base = best["python"]
    print(title)
    for name, seconds in best.items():
        ms = 1000 * seconds / pages
        print(f"  {name:14s} {seconds:7.3f} s  {ms:6.2f} ms/page  x{base / seconds:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", choices=sorted(DATASETS), default="scrapinghub")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not (blocks.COMPILED and features.TEXT_COUNTS_COMPILED):
        raise SystemExit("core_ab: the compiled core is not built or not enabled")
    pages = list(load_pages(args.dataset))
    trees = [LexborHTMLParser(decode_html(page.html_bytes, None)) for page in pages]
    _extract_ab(pages, 1)  # warm-up: caches, model loading
    note = f"{args.dataset}, {len(pages)} pages, min of {args.repeats} (process time)"
    segment_times = _segment_ab(trees, args.repeats)
    _print(f"segment ({note}); identical blocks", segment_times, len(pages))
    extract_times = _extract_ab(pages, args.repeats)
    _print(f"sieb.extract ({note}); identical articles", extract_times, len(pages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
