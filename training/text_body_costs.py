"""Sweep text mode's body-run costs on trafilatura-dev-text (the fitting set).

    python -m training.text_body_costs

Prints snippet F1 on trafilatura-dev-text for each (short-line cost, chrome cost) pair; the
chosen pair is written by hand into `src/sieb/text/roles.py` (_SHORT_COST, _CHROME_COST).
scrapinghub-text is not looked at here: it is the set the benchmark reports on. The rules are
scored alone, without the fitted line model (`sieb.text.model`), which is fitted on their output.
"""

from __future__ import annotations

import itertools

from benchmarks import datasets, metrics
from sieb.text import roles
from sieb.text.assemble import build_article
from sieb.text.lines import measure

SHORT = (10.0, 20.0, 30.0, 45.0)
CHROME = (25.0, 40.0, 60.0, 90.0)


def main() -> None:
    pages = datasets.load_text_pages("trafilatura-dev")
    for short, chrome in itertools.product(SHORT, CHROME):
        roles._SHORT_COST, roles._CHROME_COST = short, chrome
        items = []
        for p in pages:
            feats = measure(p.text)
            text = build_article(feats, roles.assign(feats), None, "xx").text
            items.append((text, p.with_snippets, p.without_snippets))
        s = metrics.snippet_scores(items)
        print(
            f"short={short:5.1f} chrome={chrome:5.1f}  P={s['precision']:.3f} "
            f"R={s['recall']:.3f} F1={s['f1']:.3f}"
        )


if __name__ == "__main__":
    main()
