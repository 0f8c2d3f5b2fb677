"""Write one marked section of BENCHMARKS.md, leaving the other sections as they are.

Each benchmark script owns a section between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``
(html-bench, text-bench, corpus-bench, ...). ``write_section`` replaces that section, appends it
when missing, and creates the file when needed. ``machine()`` and ``markdown_table()`` are shared
helpers for the section contents.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["machine", "markdown_table", "publish", "utc_now", "write_section"]

_HEADER = (
    "# Benchmarks\n\n"
    "Measured figures, written by the scripts in `benchmarks/`; each section names its command.\n"
)


def write_section(path: str | Path, name: str, markdown: str) -> None:
    """Replace (or add) the section ``name`` of the Markdown file at ``path`` with ``markdown``."""
    path = Path(path)
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    head, found, rest = old.partition(start)
    if found and end in rest:
        new = head + block + rest.split(end, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(new, encoding="utf-8")


def publish(section: str, path: str | Path | None, name: str) -> None:
    """Print a benchmark's Markdown section, and write it as section `name` of `path` if given."""
    print(section)
    if path:
        write_section(path, name, section)
        print(f"wrote section {name!r} of {path}", file=sys.stderr)


def utc_now() -> str:
    """Return the current UTC time as ``YYYY-MM-DD HH:MM UTC``."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def machine() -> str:
    """Return "CPU model, N cores, Python X.Y.Z" for the report."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a Markdown table; the first column left-aligned, the others right-aligned."""
    align = ["---"] + ["---:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
