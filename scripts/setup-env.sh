#!/usr/bin/env bash
# Create .venv (if missing) and install sieb with the given extras, e.g. `scripts/setup-env.sh dev,ray`.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
spec="."
[ -n "$extras" ] && spec=".[${extras}]"
.venv/bin/pip install -q -e "$spec"
