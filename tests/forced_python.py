"""Run a line of Python in a fresh interpreter with SIEB_PURE_PYTHON=1 (the switch is read at
import, so it needs its own process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def printed_with_python_forced(code: str) -> str:
    """What `code` prints, stripped, run with the compiled extensions switched off."""
    env = {**os.environ, "SIEB_PURE_PYTHON": "1", "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()
