#!/usr/bin/env bash
# Install the benchmark peers into .venv and run the HTML benchmark on all sets, updating the
# html-bench section of BENCHMARKS.md. Extra arguments go to benchmarks.html_bench, e.g.
#   scripts/bench.sh --tools sieb,trafilatura --limit 40
#   scripts/bench.sh --sieb-model src/sieb/data/model.json
# Takes about 10 minutes on 2 cores (goose3 and newspaper4k are the slow peers).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
log=$(mktemp)
if ! .venv/bin/pip install -q -e '.[bench]' >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
.venv/bin/python -m benchmarks.html_bench --dataset all --write BENCHMARKS.md "$@"
