"""Fit sieb's two-stage block classifier and report it on the set it was not fitted on.

    python -m training.fit_block_model     # fits on scrapinghub + trafilatura-dev
    python -m training.fit_block_model --seed 1 --folds-only --fold-dir /tmp/s1   # an experiment
    python -m benchmarks.html_bench --tools sieb --sieb-folds /tmp/s1             # ... scored

Honest figures come from 2-fold cross-validation over pages (both sets pooled): a model is fitted
on each half and scored on the other; those two models go to benchmarks/models/ so that the
benchmark scores every page with the model that did not see it. The shipped model
(src/sieb/data/block_model.json) is then fitted on all pages.

Labels come from the sets' ground truth:
- scrapinghub (whole article body): a block is body when at least half of its word 3-grams occur
  in the body (blocks under three words: when their words occur as a phrase in it).
- trafilatura-dev (snippets): a block containing a must-have snippet is body, one containing a
  must-not-have snippet is not; other blocks are unlabelled and left out.
Stage one sees a block's own and page features; stage two adds the out-of-fold stage-one
probabilities of its neighbours (cross-fitted over pages so that stage two learns from honest
inputs). The threshold is chosen on the fitting set by the set's own metric.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from selectolax.lexbor import LexborHTMLParser

from benchmarks.datasets import Page, fold_of, load_pages
from benchmarks.metrics import shingle_scores, snippet_scores
from sieb.assemble import assemble
from sieb.blocks import Segmentation, segment
from sieb.container import find_main
from sieb.decode import decode_html
from sieb.features import BASE_FEATURES, CONTEXT_FEATURES, context_features
from sieb.metadata import extract_metadata
from sieb.render import blocks_to_text
from sieb.score import block_rows

_WORD = re.compile(r"\w+")
# Hidden units of each stage's network; 0 gives logistic regression. 16 beat 0 and 32 on the
# held-out set (scrapinghub, fitted on trafilatura-dev) in the first sweep.
HIDDEN = 16
# Networks averaged per stage: one network's held-out F1 moved by +-0.005 with the seed.
ENSEMBLE = 3
L2 = 1e-3
EPOCHS = 400
FOLDS = 3
DEFAULT_THRESHOLD = 0.5
# Seeds used within one fit (folds 0-2, stage two 7) stay below this; --seed N adds N times it.
SEED_STRIDE = 10
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))


@dataclass
class PageData:
    page: Page
    seg: Segmentation
    rows: np.ndarray
    labels: np.ndarray  # 1 body, 0 not, -1 unlabelled


def _shingle_set(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def label_blocks(page: Page, seg: Segmentation) -> np.ndarray:
    """Per-block labels from the page's ground truth."""
    labels = np.full(len(seg.blocks), -1, dtype=np.int8)
    if page.truth_text is not None:
        truth_tokens = _WORD.findall(page.truth_text)
        truth_set = _shingle_set(truth_tokens)
        truth_joined = " " + " ".join(truth_tokens) + " "
        for i, block in enumerate(seg.blocks):
            tokens = _WORD.findall(block.text)
            if not tokens:
                continue
            if len(tokens) >= 3:
                grams = _shingle_set(tokens)
                labels[i] = int(sum(g in truth_set for g in grams) >= 0.5 * len(grams))
            else:
                labels[i] = int(" " + " ".join(tokens) + " " in truth_joined)
        return labels
    with_s = [" ".join(s.split()) for s in page.with_snippets]
    without_s = [" ".join(s.split()) for s in page.without_snippets]
    for i, block in enumerate(seg.blocks):
        text = " ".join(block.text.split())
        if not text:
            continue
        if any(s and s in text for s in with_s) or (
            len(text) >= 25 and any(text in s for s in with_s)
        ):
            labels[i] = 1
        elif any(s and s in text for s in without_s):
            labels[i] = 0
    return labels


def prepare(pages: list[Page]) -> list[PageData]:
    out = []
    for page in pages:
        tree = LexborHTMLParser(decode_html(page.html_bytes))
        meta = extract_metadata(tree, page.url)
        seg = segment(tree)
        if not seg.blocks:
            continue
        rows = np.asarray(
            block_rows(seg, find_main(seg), meta.title, meta.body_hint), dtype=np.float64
        )
        out.append(PageData(page, seg, rows, label_blocks(page, seg)))
    return out


def _weights(data: PageData) -> np.ndarray:
    # Long blocks carry more of the metric's tokens than short ones.
    return np.sqrt(np.asarray([max(len(b.text), 1) for b in data.seg.blocks], dtype=np.float64))


def fit_stage(x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: int, seed: int = 0) -> dict:
    """Fit standardise -> [dense relu] -> logistic with full-batch Adam; returns the JSON form."""
    rng = np.random.default_rng(seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = (x - mean) / scale
    w = w / w.mean()
    sizes = [xs.shape[1], *([hidden] if hidden else []), 1]
    params = []
    for a, b in itertools.pairwise(sizes):
        params.append([rng.normal(0, np.sqrt(2.0 / a), (a, b)), np.zeros(b)])
    m = [[np.zeros_like(p) for p in layer] for layer in params]
    v = [[np.zeros_like(p) for p in layer] for layer in params]
    lr, b1, b2 = 0.01, 0.9, 0.999
    for step in range(1, EPOCHS + 1):
        acts = [xs]
        for k, (wk, bk) in enumerate(params):
            z = acts[-1] @ wk + bk
            acts.append(np.maximum(z, 0) if k < len(params) - 1 else z)
        p = 1 / (1 + np.exp(-np.clip(acts[-1].ravel(), -30, 30)))
        grad = ((p - y) * w / len(y))[:, None]
        for k in range(len(params) - 1, -1, -1):
            wk, bk = params[k]
            gw = acts[k].T @ grad + L2 * wk
            gb = grad.sum(axis=0)
            if k > 0:
                grad = (grad @ wk.T) * (acts[k] > 0)
            for j, g in enumerate((gw, gb)):
                m[k][j] = b1 * m[k][j] + (1 - b1) * g
                v[k][j] = b2 * v[k][j] + (1 - b2) * g * g
                mhat = m[k][j] / (1 - b1**step)
                vhat = v[k][j] / (1 - b2**step)
                params[k][j] = params[k][j] - lr * mhat / (np.sqrt(vhat) + 1e-8)
    return {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "members": [
            {"layers": [{"weights": wk.tolist(), "bias": bk.tolist()} for wk, bk in params]}
        ],
    }


def fit_ensemble(x: np.ndarray, y: np.ndarray, w: np.ndarray, seed: int = 0) -> dict:
    """ENSEMBLE networks from different seeds; the stage predicts their mean probability."""
    fits = [fit_stage(x, y, w, HIDDEN, seed=seed * 100 + k) for k in range(ENSEMBLE)]
    return {**fits[0], "members": [m for f in fits for m in f["members"]]}


def predict(stage: dict, x: np.ndarray) -> np.ndarray:
    x0 = (x - np.asarray(stage["mean"])) / np.asarray(stage["scale"])
    total = np.zeros(x0.shape[0])
    for member in stage["members"]:
        xs = x0
        layers = member["layers"]
        for layer in layers[:-1]:
            xs = np.maximum(xs @ np.asarray(layer["weights"]) + np.asarray(layer["bias"]), 0)
        z = xs @ np.asarray(layers[-1]["weights"]) + np.asarray(layers[-1]["bias"])
        total += 1 / (1 + np.exp(-np.clip(z.ravel(), -30, 30)))
    return total / len(stage["members"])


def _stack(datas: list[PageData], extra: list[np.ndarray] | None = None):
    xs, ys, ws = [], [], []
    for k, d in enumerate(datas):
        mask = d.labels >= 0
        rows = d.rows if extra is None else np.hstack([d.rows, extra[k]])
        xs.append(rows[mask])
        ys.append(d.labels[mask].astype(np.float64))
        ws.append(_weights(d)[mask])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def _context(datas: list[PageData], probs: list[np.ndarray]) -> list[np.ndarray]:
    return [
        np.asarray(context_features(p.tolist(), d.seg), dtype=np.float64)
        for d, p in zip(datas, probs, strict=True)
    ]


def fit(datas: list[PageData], seed: int = 0) -> tuple[dict, dict]:
    """Both stages; stage two on out-of-fold stage-one probabilities.

    `seed` shifts every network's initialisation (0 reproduces the shipped model's seeds).
    """
    base = SEED_STRIDE * seed
    oof: list[np.ndarray] = [np.zeros(len(d.seg.blocks)) for d in datas]
    for fold in range(FOLDS):
        train = [d for k, d in enumerate(datas) if k % FOLDS != fold]
        stage = fit_ensemble(*_stack(train), seed=base + fold)
        for k, d in enumerate(datas):
            if k % FOLDS == fold:
                oof[k] = predict(stage, d.rows)
    stage1 = fit_ensemble(*_stack(datas), seed=base)
    stage2 = fit_ensemble(*_stack(datas, _context(datas, oof)), seed=base + 7)
    return stage1, stage2


def page_probs(stage1: dict, stage2: dict, d: PageData) -> np.ndarray:
    first = predict(stage1, d.rows)
    ctx = np.asarray(context_features(first.tolist(), d.seg), dtype=np.float64)
    return predict(stage2, np.hstack([d.rows, ctx]))


def evaluate(datas: list[PageData], probs: list[np.ndarray], threshold: float) -> dict:
    outputs = [
        blocks_to_text(assemble(d.seg.blocks, (p >= threshold).tolist()))
        for d, p in zip(datas, probs, strict=True)
    ]
    if datas and datas[0].page.truth_text is not None:
        return shingle_scores(
            [(o, d.page.truth_text or "") for o, d in zip(outputs, datas, strict=True)]
        )
    return snippet_scores(
        [
            (o, d.page.with_snippets, d.page.without_snippets)
            for o, d in zip(outputs, datas, strict=True)
        ]
    )


def _fit_and_threshold(datas: list[PageData], seed: int = 0) -> tuple[dict, dict, float, dict]:
    stage1, stage2 = fit(datas, seed)
    sweep: dict[float, float] = {}
    for name in {d.page.dataset for d in datas}:
        subset = [d for d in datas if d.page.dataset == name]
        probs = [page_probs(stage1, stage2, d) for d in subset]
        for t in THRESHOLDS:
            sweep[t] = sweep.get(t, 0.0) + evaluate(subset, probs, t)["f1"]
    # The sweep is recorded, not used: between the two folds its best threshold moved from 0.45
    # to 0.65 and cost up to 0.01 held-out F1, while 0.5 (the cut of a model fitted by
    # cross-entropy) was within 0.001 of the best on both sets.
    return stage1, stage2, DEFAULT_THRESHOLD, sweep


def _model_json(stage1: dict, stage2: dict, threshold: float, **meta: object) -> dict:
    return {
        "features": list(BASE_FEATURES),
        "context_features": list(CONTEXT_FEATURES),
        "threshold": threshold,
        "hidden_units": HIDDEN,
        **meta,
        "stage1": stage1,
        "stage2": stage2,
    }


def _held_out(datas: list[PageData], stage1: dict, stage2: dict, threshold: float) -> dict:
    scores = {}
    for name in sorted({d.page.dataset for d in datas}):
        subset = [d for d in datas if d.page.dataset == name]
        probs = [page_probs(stage1, stage2, d) for d in subset]
        scores[name] = {k: round(v, 4) for k, v in evaluate(subset, probs, threshold).items()}
    return scores


def fit_fold_models(
    datas: list,
    fit: Callable,
    held_out: Callable,
    model_json: Callable,
    *,
    seed: int,
    name: str,
    fitted_on: str,
    fold_dir: Path,
    command: str,
) -> dict[str, dict]:
    """2-fold cross-validation by page: fit on one fold, score the other, and write each fold's
    model to `fold_dir/<name>.fold<K>.json`; returns the held-out scores per fold.

    `fit(train, seed)` returns (stage1, stage2, thresholds, sweep); `held_out(test, stage1,
    stage2, thresholds)` the scores; `model_json(stage1, stage2, thresholds, **info)` the file.
    """
    scores: dict[str, dict] = {}
    fold_dir.mkdir(parents=True, exist_ok=True)
    for fold in (0, 1):
        train = [d for d in datas if fold_of(d.page.id) != fold]
        test = [d for d in datas if fold_of(d.page.id) == fold]
        stage1, stage2, thresholds, _ = fit(train, seed)
        scores[str(fold)] = held_out(test, stage1, stage2, thresholds)
        fold_model = model_json(
            stage1,
            stage2,
            thresholds,
            fitted_on=f"{fitted_on} with fold_of(id) != {fold}",
            script=command,
        )
        path = fold_dir / f"{name}.fold{fold}.json"
        path.write_text(json.dumps(fold_model, separators=(",", ":")), encoding="utf-8")
        print(f"fold {fold}: thresholds {thresholds}; held-out {scores[str(fold)]}", flush=True)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default="scrapinghub,trafilatura-dev")
    parser.add_argument("--out", type=Path, default=Path("src/sieb/data/block_model.json"))
    parser.add_argument(
        "--fold-dir",
        type=Path,
        default=Path("benchmarks/models"),
        help="where the two cross-validation models go (for the benchmark)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="initialisation seed of the networks (0: the shipped model's); compare changes over "
        "several seeds, one fit's held-out F1 moves by about +-0.005 with it",
    )
    parser.add_argument(
        "--folds-only",
        action="store_true",
        help="fit only the two cross-validation models (for experiments; --out is not written)",
    )
    args = parser.parse_args(argv)
    started = time.time()
    pages = [p for name in args.datasets.split(",") for p in load_pages(name)]
    if not pages:
        print("benchmark sets not found (set SIEB_SHARED)", file=sys.stderr)
        return 2
    datas = prepare(pages)
    print(f"prepared {len(datas)} pages in {time.time() - started:.0f}s")
    command = "python -m training.fit_block_model " + " ".join(argv or sys.argv[1:])
    held_out_probs = fit_fold_models(
        datas, _fit_and_threshold, _held_out, _model_json, seed=args.seed, name="block_model",
        fitted_on=f"{args.datasets} pages", fold_dir=args.fold_dir, command=command,
    )
    if args.folds_only:
        return 0
    stage1, stage2, threshold, sweep = _fit_and_threshold(datas, args.seed)
    model = _model_json(
        stage1,
        stage2,
        threshold,
        fitted_on=f"all pages of {args.datasets}",
        evaluation="2-fold cross-validation by page (fold_of(id) = sha1(id) % 2); the benchmark "
        "scores each page with the fold model that did not see it",
        cross_validated_scores=held_out_probs,
        threshold_sweep=({str(t): round(f, 4) for t, f in sweep.items()}),
        script=command,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} (threshold {threshold}) in {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
