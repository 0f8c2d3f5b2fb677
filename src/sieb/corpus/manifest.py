"""The run's memory across restarts: `_plan.json` (the units) and `_manifest.jsonl` (events).

Every finished unit appends one fsync'ed JSON line after its shard is in place, so a run killed
at any moment (kill -9) knows exactly which units are done. A torn last line is ignored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PLAN = "_plan.json"
MANIFEST = "_manifest.jsonl"


class Manifest:
    """Append-only event log of one output directory."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.events: list[dict] = []
        if self.path.exists():
            with open(self.path, encoding="utf-8") as f:
                for line in f:
                    try:
                        self.events.append(json.loads(line))
                    except ValueError:
                        continue  # a line torn by a kill: the unit is simply redone

    def append(self, event: dict) -> None:
        line = json.dumps(event, sort_keys=True) + "\n"
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
        self.events.append(event)

    def finished_units(self) -> dict[str, dict]:
        """Unit key -> its result, for every unit recorded as finished."""
        return {e["key"]: e for e in self.events if e.get("event") == "unit"}

    def has(self, event: str) -> bool:
        return any(e.get("event") == event for e in self.events)

    def last(self, event: str) -> dict | None:
        found = [e for e in self.events if e.get("event") == event]
        return found[-1] if found else None


def input_fingerprint(paths: list[str]) -> dict[str, list[int]]:
    """Size and modification time of every input file (to notice changed inputs)."""
    result = {}
    for path in paths:
        st = os.stat(path)
        result[path] = [st.st_size, st.st_mtime_ns]
    return result


def write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
