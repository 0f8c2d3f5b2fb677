"""Execution engines: run a picklable function over work items, yield results as they finish.

`local` (processes, the default) needs nothing beyond sieb; `ray` imports Ray only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from sieb.errors import SiebError


def warm_up() -> None:
    """Load sieb's code and models in a worker process before its first unit, so that the
    first record's time limit is not spent on imports."""
    try:
        import sieb

        sieb.warm_up()
        from sieb.corpus.schema import rows_to_table, stage_schema
        from sieb.corpus.units import process_unit_json  # noqa: F401 (imports the pipeline)

        # pyarrow imports pandas on its first array (0.3 s): not at the end of the first unit
        rows_to_table([], stage_schema())
    except Exception:  # a real unit will report whatever is wrong
        pass


def worker_died(what: str) -> SiebError:
    """The error that stops a run when a unit's worker died and it is not run again."""
    return SiebError(f"{what} died (out of memory, a crash in native code, or a hang that was "
                     "killed); finished units are kept, run the same command again to continue")


class Engine(Protocol):
    def map(self, fn: Callable[..., str], items: Iterable[str], **callbacks: object
            ) -> Iterator[str]: ...

    def close(self) -> None: ...


def get_engine(name: str, workers: int, *, ray_address: str | None = None,
               max_tasks_per_child: int | None = None, progress: object = None) -> Engine:
    """The engine called `name` ("local" or "ray")."""
    if name == "local":
        from sieb.corpus.engines.local import LocalEngine

        return LocalEngine(workers, max_tasks_per_child=max_tasks_per_child, progress=progress)
    if name == "ray":
        from sieb.corpus.engines.ray import RayEngine

        return RayEngine(workers, address=ray_address)
    raise ValueError(f"unknown engine {name!r} (local or ray)")
