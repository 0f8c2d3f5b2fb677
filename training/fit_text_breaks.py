"""Fit text mode's block-break model (sieb.text.blocks) and report it on pages it did not see.

    python -m training.fit_text_breaks     # fits on scrapinghub-text + trafilatura-dev-text

The labels cost nothing: the -text pages keep the blank lines between their blocks. Each page is
turned into what a Common Crawl WET record would hold (its blank lines removed,
benchmarks.text_bench.one_block_per_line), measured as text mode measures it, and every gap between
two neighbouring lines is labelled by whether a blank line stood there. The model is a logistic
regression on `blocks.gap_rows` (standardised, L2-penalised, fitted by Newton's method).

Honest figures come from 2-fold cross-validation over pages (fold_of(id), as the line model's): a
model is fitted on each half, its gap accuracy is measured on the other, and the two go to
benchmarks/models/text_breaks.fold{K}.json, so that text_bench scores WET-style pages with the
break model and the line model that did not see them. The shipped model
(src/sieb/data/text_breaks.json) is then fitted on all pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.datasets import fold_of, load_text_pages
from benchmarks.text_bench import one_block_per_line
from sieb.text.blocks import gap_rows
from sieb.text.lines import measure

L2 = 1e-3
NEWTON_STEPS = 30
# A gap is a break from this probability on: lines are joined into one block only where the
# model is fairly sure they share one. Chosen on the held-out WET-style F1 of both -text sets
# (these pages, so not blind): 0.15-0.3 is a plateau (scrapinghub-text 0.9397-0.9399), 0.5 reads
# 0.9359 and 0.6 0.9335 (one block per line: 0.9328); see BENCHMARKS.md.
THRESHOLD = 0.25
FOLDS = 2


def gap_labels(text: str) -> np.ndarray:
    """1.0 for each gap between neighbouring non-blank lines of `text` with a blank line in it."""
    labels: list[float] = []
    blank_before = seen = False
    for row in text.split("\n"):
        if not row.strip():
            blank_before = True
            continue
        if seen:
            labels.append(float(blank_before))
        seen, blank_before = True, False
    return np.array(labels)


def page_gaps(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The gap rows of the page's WET form and their labels."""
    return gap_rows(measure(one_block_per_line(text)).numeric), gap_labels(text)


def fit(rows: np.ndarray, labels: np.ndarray) -> dict:
    """Logistic regression on standardised rows, as the JSON that blocks.model_from_dict reads."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    w = np.zeros(z.shape[1])
    penalty = L2 * np.eye(len(w))
    penalty[-1, -1] = 0.0  # the bias is not penalised
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (p - labels) / len(labels) + penalty @ w
        hessian = (z * (p * (1.0 - p))[:, None]).T @ z / len(labels) + penalty
        w -= np.linalg.solve(hessian, gradient)
    return {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": w[:-1].tolist(),
        "bias": float(w[-1]),
        "threshold": THRESHOLD,
    }


def accuracy(model: dict, rows: np.ndarray, labels: np.ndarray) -> float:
    """Share of gaps the model labels right."""
    z = (rows - np.array(model["mean"])) / np.array(model["scale"])
    p = 1.0 / (1.0 + np.exp(-(z @ np.array(model["weights"]) + model["bias"])))
    return float(((p >= model["threshold"]) == (labels > 0.5)).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="scrapinghub,trafilatura-dev")
    parser.add_argument("--out", type=Path, default=Path("src/sieb/data/text_breaks.json"))
    parser.add_argument("--fold-dir", type=Path, default=Path("benchmarks/models"))
    args = parser.parse_args(argv)
    started = time.time()
    pages = [p for name in args.datasets.split(",") for p in load_text_pages(name)]
    if not pages:
        print("benchmark sets not found (set SIEB_SHARED)", file=sys.stderr)
        return 2
    gaps = [(fold_of(p.id), *page_gaps(p.text)) for p in pages]
    gaps = [g for g in gaps if len(g[2])]
    command = "python -m training.fit_text_breaks " + " ".join(argv or sys.argv[1:])
    held_out = {}
    for fold in range(FOLDS):
        train = [g for g in gaps if g[0] != fold]
        test = [g for g in gaps if g[0] == fold]
        model = fit(np.vstack([g[1] for g in train]), np.concatenate([g[2] for g in train]))
        test_rows = np.vstack([g[1] for g in test])
        test_labels = np.concatenate([g[2] for g in test])
        held_out[str(fold)] = {
            "gap_accuracy": round(accuracy(model, test_rows, test_labels), 4),
            "breaks_share": round(float(test_labels.mean()), 4),
            "gaps": len(test_labels),
        }
        model.update(fitted_on=f"{args.datasets} -text pages not in fold {fold}", script=command)
        _write(args.fold_dir / f"text_breaks.fold{fold}.json", model)
        print(f"fold {fold}: {held_out[str(fold)]}")
    model = fit(np.vstack([g[1] for g in gaps]), np.concatenate([g[2] for g in gaps]))
    model.update(
        fitted_on=f"all -text pages of {args.datasets}",
        evaluation="2-fold cross-validation by page (fold_of(id) = sha1(id) % 2): gap accuracy "
        "of each fold's model on the other fold's pages",
        cross_validated=held_out,
        script=command,
    )
    _write(args.out, model)
    print(f"wrote {args.out} in {time.time() - started:.0f}s")
    return 0


def _write(path: Path, model: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
