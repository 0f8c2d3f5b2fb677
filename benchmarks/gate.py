"""Quality gate: fail when sieb's F1 on a fixed slice drops below the floors in ``floors.json``.

    python -m benchmarks.gate            # exit 1 if any F1 < floor - epsilon
    python -m benchmarks.gate --update   # write the F1 just measured as the new floors

The slice is the first ``slice`` pages of each set by sorted id (40 by default: about a quarter of
scrapinghub and a tenth of trafilatura-dev, ~1 minute for sieb). Scores use the sets' own metrics
(shingle F1 for scrapinghub, snippet F1 for trafilatura-dev) and the same child-process runner as
``html_bench``, held-out like it (each page scored by the fold model in ``benchmarks/models/``
that did not see it; the shipped model when those are missing). ``epsilon`` (0.01) absorbs
nothing random - extraction is deterministic - but lets a deliberate trade-off of one page pass;
raise a floor with ``--update`` when the extractor gets better, and lower it only with a reason in
the commit message.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.html_bench import MODELS, fold_models, run_tool, score, sieb_version, truths
from benchmarks.report import utc_now

FLOORS = Path(__file__).with_name("floors.json")


def measure(tool: str, datasets: list[str], size: int, model: str | None) -> dict[str, float]:
    """Return dataset -> F1 of ``tool`` on the first ``size`` pages of each set (sieb held-out)."""
    measured = {}
    for dataset in datasets:
        record = run_tool(tool, dataset, size, 60.0, model, fold_models(MODELS))
        if isinstance(record, str):
            raise SystemExit(f"gate: {tool} failed on {dataset}: {record}")
        measured[dataset] = score(dataset, record, truths(dataset, size))["scores"]["f1"]
    return measured


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--floors", type=Path, default=FLOORS)
    parser.add_argument("--update", action="store_true", help="store the measured F1 as floors")
    parser.add_argument("--tool", default="sieb", help="tool to gate (default sieb)")
    parser.add_argument("--sieb-model", default=None, help="passed to sieb as SIEB_MODEL_PATH")
    args = parser.parse_args(argv)
    config = json.loads(args.floors.read_text(encoding="utf-8"))
    floors: dict[str, float | None] = config["floors"]
    measured = measure(args.tool, list(floors), config["slice"], args.sieb_model)
    if args.update:
        config["floors"] = {name: round(f1, 4) for name, f1 in measured.items()}
        config["measured_with"] = f"{args.tool} {sieb_version()}, {utc_now()}"
        held_out = args.tool == "sieb" and not args.sieb_model and fold_models(MODELS)
        config["evaluation"] = "held-out fold models" if held_out else "one model, all pages"
        args.floors.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        print(f"gate: floors updated: {config['floors']}")
        return 0
    failed = False
    for dataset, f1 in measured.items():
        floor = floors[dataset]
        if floor is None:
            print(f"gate: {dataset}: F1 {f1:.4f} (no floor set)")
            continue
        ok = f1 >= floor - config["epsilon"]
        failed |= not ok
        verdict = "ok" if ok else "FAIL"
        print(f"gate: {dataset}: F1 {f1:.4f} floor {floor:.4f} -{config['epsilon']}: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
