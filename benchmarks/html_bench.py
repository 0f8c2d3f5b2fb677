"""HTML main-content benchmark: sieb against its peers on the shared benchmark sets.

    python -m benchmarks.html_bench [--dataset scrapinghub|trafilatura-dev|all]
        [--tools sieb,trafilatura,...] [--limit N] [--timeout S]
        [--sieb-model PATH | --sieb-folds DIR|none] [--passes P] [--timing-runs N]
        [--write BENCHMARKS.md] [--diff]

Method: each tool runs in its own child process (``benchmarks.runner``), one tool after another so
that they do not compete for cores, over the same pages (sorted by id, the first ``--limit``). Only
extraction is timed (set-up, warm-up on the first page and decompression excluded), each child with
BLAS and OpenMP held to one thread (pages/s per core); pages/s is pages over the summed extraction
time; peak MB is the child's ``ru_maxrss``. A page that raises or times out scores as empty
output and counts as an error. Scores follow each set's own definition (``benchmarks.metrics``):
shingle P/R/F1/exact for scrapinghub, snippet P/R/F1/accuracy for trafilatura-dev.

sieb's block model is fitted on these very sets, so by default sieb is scored held-out: with the
2-fold models that ``training/fit_block_model.py`` writes to ``benchmarks/models/``, one child per
fold runs ``block_model.fold<K>.json`` (via SIEB_MODEL_PATH) on the pages with
``fold_of(id) == K``, i.e. the pages that model did not see, and the two halves are merged for the
scores. Its speed and peak memory come from one more child that runs the shipped model (the same
code; only the weights differ) over all pages in one process, as every peer runs: two half-size
cold runs would count the warm-up of per-process caches twice.
``--sieb-model PATH`` runs one given model on all pages instead; ``--sieb-folds none`` runs the
shipped model (in-sample on these sets: not a fair comparison with the peers).

``--passes P`` (default 1) times P passes over the pages in each child. Scores and the headline
pages/s are the first pass's (cold: each tool's caches start empty); with P > 1 the table adds
the last pass's rate ("warm"), closer to a long corpus run in which caches stay filled.
``--timing-runs N`` runs each tool's timing child N times and reports the median of each pass's
time (on a shared machine one child's rate can be 10-20 % off the next one's).

Per-page outputs and scores go to ``benchmarks/.cache/html/<dataset>/<tool>.json`` (gitignored);
``--diff`` compares a run with the previous one there and lists the pages whose score moved.
With ``--write``, the section ``html-bench`` of that Markdown file is replaced (``report.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import ONE_CORE
from benchmarks.datasets import DATASETS, REPO, load_html, metric_kind
from benchmarks.metrics import page_shingle_scores, page_snippet_counts, shingle_scores
from benchmarks.metrics import snippet_scores as snippet_metric
from benchmarks.report import machine, markdown_table, publish, utc_now
from benchmarks.tools import TOOLS, missing, version

CACHE = REPO / "benchmarks" / ".cache" / "html"
SECTION = "html-bench"
MODELS = REPO / "benchmarks" / "models"  # cross-validation fold models written by training/
BASELINE = "trafilatura"  # speed is reported relative to this tool
DIFF_THRESHOLD = 0.05  # a per-page score change larger than this is listed by --diff

METHOD = (
    "- method: one child process per tool and set, run one after another; only extraction is "
    "timed (set-up, warm-up on the first page and decompression excluded), with BLAS and OpenMP "
    "held to one thread; pages/s is the first "
    "pass over the pages, with each tool's caches cold; peak MB is the child's `ru_maxrss`; "
    "a page that raises or times out scores as empty and counts as an error. Metrics: each "
    "set's own (see `benchmarks/metrics.py`). Other load on the machine slows every tool "
    "alike, but pages/s is only comparable within one run."
)

# Targets from the issue, checked when sieb is in the run.
TARGET_SHINGLE_F1 = 0.975
TARGET_SPEEDUP = 5.0
TARGET_PEAK_MB = 300.0


def one_core_env() -> dict[str, str]:
    """This process's environment with BLAS and OpenMP held to one thread."""
    return {**os.environ, **ONE_CORE}


def run_child(
    tool: str,
    dataset: str,
    limit: int | None,
    timeout: float,
    model: str | Path | None = None,
    fold: tuple[int, int] | None = None,
    passes: int = 1,
) -> dict | str:
    """Run one tool over one dataset in a child process; return its record or an error text."""
    env = one_core_env()
    env.pop("SIEB_MODEL_PATH", None)
    if tool == "sieb" and model:
        env["SIEB_MODEL_PATH"] = str(Path(model).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, "-m", "benchmarks.runner", tool, dataset, "--out", str(out)]
        command += ["--timeout", str(timeout), "--passes", str(passes)]
        if limit is not None:
            command += ["--limit", str(limit)]
        if fold is not None:
            command += ["--fold", f"{fold[0]}/{fold[1]}"]
        done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            tail = "\n".join(done.stderr.strip().splitlines()[-5:])
            return f"child exited with {done.returncode}: {tail}"
        return json.loads(out.read_text(encoding="utf-8"))


def fold_models(folds_dir: Path | None) -> list[Path]:
    """Return the cross-validation models ``block_model.fold<K>.json`` in ``folds_dir``, by K."""
    if folds_dir is None or not folds_dir.is_dir():
        return []
    found = {int(m.group(1)): path for path in folds_dir.glob("block_model.fold*.json")
             if (m := re.fullmatch(r"block_model\.fold(\d+)\.json", path.name))}  # fmt: skip
    if len(found) < 2 or sorted(found) != list(range(len(found))):
        return []
    return [found[k] for k in range(len(found))]


def run_tool(
    tool: str,
    dataset: str,
    limit: int | None,
    timeout: float,
    model: str | None = None,
    folds: list[Path] | None = None,
    passes: int = 1,
    timing_runs: int = 1,
) -> dict | str:
    """Run a tool; sieb with fold models runs once per fold, each on the pages it did not see.

    The fold records give the pages (merged by id); the times, passes and peak MB come from one
    run of the shipped model over all pages in one process, as the peers are timed. With
    `timing_runs` > 1 the timing child runs that many times (`with_median_times`).
    """
    if tool != "sieb" or model or not folds:
        record = run_child(tool, dataset, limit, timeout, model, passes=passes)
        if isinstance(record, dict):
            record["evaluation"] = f"model {model}" if tool == "sieb" and model else "default"
            record = with_median_times(record, tool, dataset, limit, timeout, model, passes,
                                       timing_runs)
        return record
    parts = []
    for k, path in enumerate(folds):
        part = run_child(tool, dataset, limit, timeout, path, (k, len(folds)))
        if isinstance(part, str):
            return f"fold {k}: {part}"
        parts.append(part)
    timing = run_child(tool, dataset, limit, timeout, passes=passes)
    if isinstance(timing, str):
        return f"timing run: {timing}"
    timing = with_median_times(timing, tool, dataset, limit, timeout, None, passes, timing_runs)
    if isinstance(timing, str):
        return f"timing run: {timing}"
    merged = dict(timing)
    merged["pages"] = sorted((p for part in parts for p in part["pages"]), key=lambda p: p["id"])
    merged["evaluation"] = f"held-out: {len(folds)}-fold models in {folds[0].parent.name}/"
    return merged


def with_median_times(
    record: dict,
    tool: str,
    dataset: str,
    limit: int | None,
    timeout: float,
    model: str | None,
    passes: int,
    runs: int,
) -> dict | str:
    """`record` with each pass's time the median over `runs` timing children (this one and
    runs - 1 more, one after another) and the peak MB their maximum; its pages stay its own.
    A shared machine's speed drifts by 10-20 % from one child to the next; the median of a few
    keeps one slow or fast child from deciding the ratio."""
    if runs <= 1:
        return record
    times = [record.get("pass_seconds") or [record["extract_seconds"]]]
    peaks = [record["peak_mb"]]
    for _ in range(runs - 1):
        again = run_child(tool, dataset, limit, timeout, model, passes=passes)
        if isinstance(again, str):
            return again
        times.append(again.get("pass_seconds") or [again["extract_seconds"]])
        peaks.append(again["peak_mb"])
    merged = dict(record)
    merged["pass_seconds"] = [statistics.median(run[k] for run in times)
                              for k in range(len(times[0]))]
    merged["timing_runs"] = runs
    merged["peak_mb"] = max(peaks)
    return merged


def truths(dataset: str, limit: int | None) -> dict[str, tuple[str | None, list, list]]:
    """Return id -> (truth_text, with, without) for the pages the children see."""
    return {
        page.id: (page.truth_text, page.with_snippets, page.without_snippets)
        for page in load_html(dataset, limit)
    }


def page_score(kind: str, text: str, truth: tuple[str | None, list, list]) -> float:
    """Return one number per page for --diff: shingle F1, or the share of right snippets."""
    if kind == "shingle":
        precision, recall = page_shingle_scores(text, truth[0])
        precision, recall = precision or 0.0, recall or 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    counts = page_snippet_counts(text, truth[1], truth[2])
    total = counts.tp + counts.fn + counts.fp + counts.tn
    return (counts.tp + counts.tn) / total if total else 1.0


def score(dataset: str, record: dict, truth: dict) -> dict:
    """Add ``scores`` (the set's metric) and per-page ``score`` to a child's record."""
    kind = metric_kind(dataset)
    texts = {p["id"]: p["text"] for p in record["pages"]}
    if kind == "shingle":
        scores = shingle_scores([(texts.get(i, ""), t[0] or "") for i, t in truth.items()])
    else:
        scores = snippet_metric([(texts.get(i, ""), t[1], t[2]) for i, t in truth.items()])
    for page in record["pages"]:
        page["score"] = page_score(kind, page["text"], truth[page["id"]])
    record["scores"] = scores
    record["errors"] = sum(1 for p in record["pages"] if p["error"])
    passes = record.get("pass_seconds") or [record["extract_seconds"]]
    count = len(record["pages"])
    record["pages_per_s"] = _rate(count, passes[0])
    record["warm_pages_per_s"] = _rate(count, passes[-1]) if len(passes) > 1 else None
    return record


def _rate(pages: int, seconds: float) -> float:
    return pages / seconds if seconds else 0.0


def diff(previous: dict, current: dict) -> list[str]:
    """Return lines naming the pages whose score moved by more than DIFF_THRESHOLD."""
    before = {p["id"]: p.get("score") for p in previous.get("pages", [])}
    lines = []
    for page in current["pages"]:
        old = before.get(page["id"])
        if old is not None and abs(page["score"] - old) > DIFF_THRESHOLD:
            lines.append(f"    {page['id']}: {old:.3f} -> {page['score']:.3f}")
    f1_old = previous.get("scores", {}).get("f1")
    if f1_old is not None:
        lines.insert(0, f"  F1 {f1_old:.4f} -> {current['scores']['f1']:.4f}")
    return lines


def table(dataset: str, records: list[dict]) -> str:
    """Return the Markdown table of one dataset."""
    base = next((r for r in records if r["tool"] == BASELINE), None)
    warm = all(r.get("warm_pages_per_s") for r in records) and bool(base)
    header = ["tool", "precision", "recall", "F1", "accuracy", "pages/s", "× trafilatura"]
    header += ["warm pages/s", "warm ×"] if warm else []
    header += ["peak MB", "errors"]
    rows = []
    for r in records:
        s = r["scores"]
        row = [
            r["tool"], f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"**{s['f1']:.3f}**",
            f"{s['accuracy']:.3f}", f"{r['pages_per_s']:.1f}", _ratio(r, base, "pages_per_s"),
        ]  # fmt: skip
        if warm:
            row += [f"{r['warm_pages_per_s']:.1f}", _ratio(r, base, "warm_pages_per_s")]
        rows.append([*row, f"{r['peak_mb']:.0f}", str(r["errors"])])
    return markdown_table(header, rows)


def _ratio(record: dict, base: dict | None, key: str) -> str:
    return f"{record[key] / base[key]:.2f}" if base and base.get(key) else "n/a"


def targets(dataset: str, records: list[dict]) -> list[str]:
    """Return the issue's targets for this dataset with pass/fail, when sieb ran."""
    by_tool = {r["tool"]: r for r in records}
    sieb = by_tool.get("sieb")
    if sieb is None:
        return []
    f1 = sieb["scores"]["f1"]
    peers = [r for r in records if r["tool"] != "sieb"]
    best = max(peers, key=lambda r: r["scores"]["f1"], default=None)
    lines = []
    if metric_kind(dataset) == "shingle":
        lines.append(_check(f"shingle F1 {f1:.3f} >= {TARGET_SHINGLE_F1}", f1 >= TARGET_SHINGLE_F1))
    if best is not None:
        best_f1 = best["scores"]["f1"]
        lines.append(
            _check(f"F1 above every peer (best {best['tool']} {best_f1:.3f})", f1 > best_f1)
        )
    base = by_tool.get(BASELINE)
    if base and base["pages_per_s"]:
        speedup = sieb["pages_per_s"] / base["pages_per_s"]
        lines.append(_check(f"speed {speedup:.1f}x trafilatura >= {TARGET_SPEEDUP:g}x",
                            speedup >= TARGET_SPEEDUP))  # fmt: skip
        if sieb.get("warm_pages_per_s") and base.get("warm_pages_per_s"):
            warm = sieb["warm_pages_per_s"] / base["warm_pages_per_s"]
            lines.append(f"- (warm caches, last pass: {warm:.1f}x trafilatura)")
    peak = sieb["peak_mb"]
    lines.append(_check(f"peak {peak:.0f} MB < {TARGET_PEAK_MB:g} MB", peak < TARGET_PEAK_MB))
    return lines


def _check(text: str, ok: bool) -> str:
    return f"- {'pass' if ok else 'FAIL'}: {text}"


def sieb_version() -> str:
    """Return sieb's version with the git commit (and "+dirty" when the tree has changes)."""
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return f"{version('sieb')} ({commit})" if commit else version("sieb")


def _load() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


LOAD = _load()  # measured at import, before any child starts


def markdown(
    command: str, tools: list[str], results: dict[str, list[dict]], notes: list[str]
) -> str:
    """Return the html-bench section of BENCHMARKS.md."""
    versions = ", ".join(f"{t} {sieb_version() if t == 'sieb' else version(t)}" for t in tools)
    parts = [
        "## HTML extraction (`benchmarks/html_bench.py`)",
        "",
        f"- command: `{command}`",
        f"- date: {utc_now()}",
        f"- machine: {machine()}; load average before the run {LOAD[0]:.2f}",
        f"- versions: {versions}",
        METHOD,
    ]
    parts += [f"- note: {note}" for note in notes]
    for dataset, records in results.items():
        if not records:
            continue
        pages = len(records[0]["pages"])
        kind = "4-token shingles" if metric_kind(dataset) == "shingle" else "snippets"
        parts += ["", f"### {dataset} ({pages} pages, {kind})", "", table(dataset, records)]
        checks = targets(dataset, records)
        if checks:
            parts += ["", "Targets:", *checks]
    return "\n".join(parts) + "\n"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.html_bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dataset", default="all", choices=[*DATASETS, "all"])
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated; default all")
    parser.add_argument("--limit", type=int, default=None, help="first N pages by id")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per page")
    parser.add_argument("--sieb-model", default=None, help="passed to sieb as SIEB_MODEL_PATH")
    parser.add_argument(
        "--sieb-folds",
        default=str(MODELS),
        help="dir of block_model.fold<K>.json for held-out scoring of sieb, or 'none'",
    )
    parser.add_argument("--passes", type=int, default=1, help="timed passes per child (>= 1)")
    parser.add_argument("--timing-runs", type=int, default=1,
                        help="timing children per tool and set; pages/s is their median")
    parser.add_argument("--write", type=Path, default=None, help="Markdown file to update")
    parser.add_argument("--diff", action="store_true", help="compare with the previous run")
    args = parser.parse_args(argv)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in args.tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tools {unknown}; known: {', '.join(TOOLS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    given = sys.argv[1:] if argv is None else argv
    command = shlex.join(["python", "-m", "benchmarks.html_bench", *given])
    datasets = list(DATASETS) if args.dataset == "all" else [args.dataset]
    notes: list[str] = []
    tools = []
    for tool in args.tools:
        absent = missing(tool)
        if absent:
            note = f"{tool} skipped: not installed (pip install {' '.join(absent)})"
            print(note, file=sys.stderr)
            notes.append(note)
        else:
            tools.append(tool)
    folds = [] if args.sieb_folds == "none" else fold_models(Path(args.sieb_folds))
    if args.timing_runs > 1:
        notes.append(
            f"pages/s (cold and warm) are the medians of {args.timing_runs} timing children per "
            "tool and set, run one after another; peak MB is their maximum"
        )
    if "sieb" in tools:
        if args.sieb_model:
            notes.append(f"sieb runs the model {args.sieb_model} on every page")
        elif folds:
            notes.append(
                f"sieb is scored held-out: each page by the {len(folds)}-fold model "
                f"(benchmarks/models/) fitted without it; its pages/s and peak MB are those of one "
                "process running the shipped model over all pages, as the peers run"
            )
        else:
            notes.append(
                "sieb runs its shipped model, fitted on these sets: its scores are in-sample"
            )
    results: dict[str, list[dict]] = {}
    for dataset in datasets:
        truth = truths(dataset, args.limit)
        results[dataset] = []
        print(f"== {dataset}: {len(truth)} pages", file=sys.stderr)
        for tool in tools:
            record = run_tool(
                tool, dataset, args.limit, args.timeout, args.sieb_model, folds,
                max(1, args.passes), max(1, args.timing_runs),
            )
            if isinstance(record, str):
                note = f"{tool} failed on {dataset}: {record}"
                print(note, file=sys.stderr)
                notes.append(note.replace("\n", " "))
                continue
            record = score(dataset, record, truth)
            s = record["scores"]
            print(f"  {tool:22} F1 {s['f1']:.4f}  P {s['precision']:.4f}  R {s['recall']:.4f}  "
                  f"{record['pages_per_s']:7.1f} pages/s  {record['peak_mb']:5.0f} MB  "
                  f"errors {record['errors']}", file=sys.stderr)  # fmt: skip
            cache = CACHE / dataset / f"{tool}.json"
            if args.diff and cache.exists():
                previous = json.loads(cache.read_text(encoding="utf-8"))
                for line in diff(previous, record):
                    print(line, file=sys.stderr)
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
            results[dataset].append(record)
    section = markdown(command, tools, results, notes)
    publish(section, args.write, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
