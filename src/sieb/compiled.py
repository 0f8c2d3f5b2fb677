"""The switch that keeps sieb's optional compiled extensions out (for checks and comparisons)."""

from __future__ import annotations

import os

PURE_PYTHON_ENV = "SIEB_PURE_PYTHON"


def pure_python_forced() -> bool:
    """True when SIEB_PURE_PYTHON is set to anything but "" or "0": run no compiled code."""
    return os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0")
