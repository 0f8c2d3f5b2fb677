#!/usr/bin/env bash
# Set up .venv (sieb with the dev and ray extras) and run the linter and the test suite.
# Tests that need ../shared (benchmark sets, seed page) skip themselves when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh dev,ray
.venv/bin/ruff check src tests benchmarks training scripts
.venv/bin/python -m pytest -q "$@"
