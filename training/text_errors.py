"""Where text mode loses: held-out line errors grouped by role and reason.

    python -m training.text_errors [--model-dir benchmarks/models] [--pages 5]

Each page is cleaned with the fold model that did not see it; lines are labelled as in
`training.fit_text_model.label_lines`. Per set it lists the characters of non-body lines in the
text (precision losses) and body lines left out of it (recall losses) by final role and reason
(the model's revisions under "model: ..."), and the pages that lose the most characters. A line
is in the text when it is kept and not the title (`Article.title`) or a quote's speaker (as
`assemble._blocks`: both are kept, neither is body text; counting the kept title as a precision
loss listed ~5,500 characters of scrapinghub-text that the metric never saw).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from benchmarks.datasets import fold_of, load_text_pages
from sieb.text.lines import measure
from sieb.text.model import apply_model, load_model
from sieb.text.roles import Decision, R, assign
from training.fit_text_model import label_lines

_NUMBERS = re.compile(r"\d+\.\d+")


def _reason(reason: str) -> str:
    """The reason without its probability (so that model revisions group together)."""
    return _NUMBERS.sub("#", reason)


def in_text(decisions: list[Decision]) -> list[bool]:
    """Whether each line reaches `Article.text`: kept, and neither the title nor the speaker
    after a pull quote (`assemble._blocks` puts those in the title and the quote block)."""
    return [
        d.kept
        and d.role is not R.TITLE
        and not (d.role is R.QUOTE_SOURCE and i and decisions[i - 1].role is R.PULL_QUOTE)
        for i, d in enumerate(decisions)
    ]


def analyse(name: str, model_dir: Path, top: int) -> None:
    """Print the error groups and worst pages of one set."""
    kept_bad: Counter[str] = Counter()
    dropped_good: Counter[str] = Counter()
    per_page: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for page in load_text_pages(name):
        feats = measure(page.text)
        if not feats:
            continue
        model = load_model(str(model_dir / f"text_model.fold{fold_of(page.id)}.json"))
        decisions = apply_model(feats, assign(feats), model)
        labels = label_lines(page, feats)
        for f, d, y, shown in zip(feats, decisions, labels, in_text(decisions), strict=True):
            if y < 0 or shown == bool(y):
                continue
            key = f"{d.role.value:<12} {_reason(d.reason)}"
            (kept_bad if shown else dropped_good)[key] += f.chars
            per_page[page.id] += f.chars
            examples.setdefault(key, f.text[:90])
    for title, groups in (("kept, not body", kept_bad), ("dropped, body", dropped_good)):
        print(f"\n## {name}: {title} ({sum(groups.values()):,} chars)")
        for key, chars in groups.most_common(12):
            print(f"{chars:>8,}  {key}\n          e.g. {examples[key]!r}")
    print(f"\n## {name}: worst pages")
    for pid, chars in per_page.most_common(top):
        print(f"{chars:>8,}  {pid}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="scrapinghub,trafilatura-dev")
    parser.add_argument("--model-dir", type=Path, default=Path("benchmarks/models"))
    parser.add_argument("--pages", type=int, default=5, help="worst pages listed per set")
    args = parser.parse_args(argv)
    for name in args.datasets.split(","):
        analyse(name, args.model_dir, args.pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
