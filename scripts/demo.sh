#!/usr/bin/env bash
# The README's main command: process the repository's sample WARC into Parquet and show it.
#   scripts/demo.sh            (creates .venv if missing, (re)builds samples/sample.warc.gz)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh
.venv/bin/python scripts/make_sample_warc.py  # deterministic: same pages, same bytes
rm -rf out/demo
.venv/bin/sieb run samples/sample.warc.gz -o out/demo
echo
echo "== a few rows of out/demo/part-00000.parquet =="
.venv/bin/python - <<'PY'
import pyarrow.parquet as pq

table = pq.read_table("out/demo/part-00000.parquet")
columns = ["url", "status", "error_kind", "error", "language", "title", "text"]
for row in table.select(columns).to_pylist():
    text = (row["text"] or row["error"] or "")[:70].replace("\n", " ")
    print(f"{row['status']:8} {row['language'] or '-':3} {row['url']}")
    print(f"         {row['title'] or row['error_kind']}: {text}")
PY
