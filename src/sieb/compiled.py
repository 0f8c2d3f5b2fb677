"""The switch that keeps sieb's optional compiled extensions out (for checks and comparisons)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

PURE_PYTHON_ENV = "SIEB_PURE_PYTHON"


def pure_python_forced() -> bool:
    """True when SIEB_PURE_PYTHON is set to anything but "" or "0": run no compiled code."""
    return os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0")


def compiled_module(name: str) -> ModuleType | None:
    """The optional compiled extension `name` (e.g. "sieb._langwalk"), or None when it is not
    built or SIEB_PURE_PYTHON is set. The caller still checks it against its Python twin."""
    if pure_python_forced():
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def checked_twin(
    module: str, name: str, definition: Callable[..., Any], probes: Iterable[tuple]
) -> Callable[..., Any] | None:
    """`module`'s compiled function `name` when it is built, SIEB_PURE_PYTHON is unset and it
    returns what its Python `definition` returns for every argument tuple of `probes` (an
    error in either counts as disagreement); else None."""
    found = getattr(compiled_module(module), name, None)
    if found is None:
        return None
    try:
        if any(found(*args) != definition(*args) for args in probes):
            return None
    except (TypeError, ValueError, IndexError):
        return None
    return found
