"""The Ray engine: the same unit functions as Ray tasks, one unit per task.

Without an address (and without RAY_ADDRESS) it starts a local Ray with `workers` CPUs; with
`--ray-address` or RAY_ADDRESS it joins that cluster. Workers write shards to the output
directory themselves, so on a cluster it must be on storage every node sees.

Failures are handled as in the local engine: a task whose worker process dies (a crash in
native code, the OOM killer, a lost node) or that `stuck` says makes no progress (it is then
cancelled, which kills its worker) is run again as `retry(item, error)` says, so a record that
always kills its worker becomes an error row instead of failing the run. Ray's own task retries
are off for that reason. An exception raised by the unit function itself is not retried: it is
a bug, and it stops the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator

from sieb.corpus.engines import warm_up, worker_died
from sieb.errors import SiebError

# Seconds between checks for stuck tasks while waiting for results.
_WATCH_SECONDS = 5.0
# Units in flight per worker: one running, one queued, so no CPU waits for the driver.
_IN_FLIGHT_PER_WORKER = 2

RetryFn = Callable[[str, BaseException], "str | None"]
StuckFn = Callable[[str], bool]


def _import_ray():
    try:
        import ray
    except ImportError as exc:
        raise SiebError("--engine ray needs Ray: pip install 'sieb[ray]'") from exc
    return ray


_warm = False  # whether this worker process has loaded sieb's code and models


def _call(fn: Callable[..., str], item: str) -> str:
    global _warm
    if not _warm:
        warm_up()
        _warm = True
    return fn(item, progress=None)


class RayEngine:
    """Runs work items as Ray tasks on a local Ray or a cluster (see module docstring)."""

    def __init__(self, workers: int, *, address: str | None = None) -> None:
        self.workers = max(1, int(workers))
        self.address = address or os.environ.get("RAY_ADDRESS") or None
        self.ray = _import_ray()
        self._started = False

    def _ensure_started(self) -> None:
        ray = self.ray
        if ray.is_initialized():
            return
        if self.address:
            ray.init(address=self.address, log_to_driver=False)
        else:
            ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
        self._started = True

    def map(self, fn: Callable[..., str], items: Iterable[str], *, retry: RetryFn | None = None,
            stuck: StuckFn | None = None) -> Iterator[str]:
        """`fn(item)` for every item, in order of completion; `items` may be a lazy iterator.

        A task that fails because its worker died or was cancelled as stuck is submitted again
        as `retry(item, error)` returns; without `retry`, or when it returns None, the run stops
        with a `SiebError` (finished items are kept by the caller).
        """
        ray = self.ray
        self._ensure_started()
        task = ray.remote(num_cpus=1, max_retries=0)(_call)
        fn_ref = ray.put(fn)
        owner: dict = {}  # object ref -> item
        todo = iter(items)
        limit = self.workers * _IN_FLIGHT_PER_WORKER
        last_watch = time.monotonic()
        try:
            while True:
                while len(owner) < limit:
                    item = next(todo, None)
                    if item is None:
                        break
                    owner[task.remote(fn_ref, item)] = item
                if not owner:
                    return
                done, _ = ray.wait(list(owner), num_returns=1, timeout=_WATCH_SECONDS)
                if stuck is not None and time.monotonic() - last_watch >= _WATCH_SECONDS:
                    last_watch = time.monotonic()
                    for ref in [r for r, item in owner.items() if r not in done and stuck(item)]:
                        ray.cancel(ref, force=True)
                for ref in done:
                    item = owner.pop(ref)
                    try:
                        yield ray.get(ref)
                    except _worker_failures(ray) as exc:
                        again = retry(item, exc) if retry is not None else None
                        if again is None:
                            raise worker_died("a Ray worker (or its node)") from exc
                        owner[task.remote(fn_ref, again)] = again
        finally:
            for ref in owner:
                ray.cancel(ref, force=True)

    def close(self) -> None:
        if self._started:
            self.ray.shutdown()
            self._started = False


def _worker_failures(ray: object) -> tuple[type[BaseException], ...]:
    """The errors of a task whose worker, not its own code, failed."""
    errors = ray.exceptions
    return tuple(getattr(errors, name) for name in (
        "WorkerCrashedError", "TaskCancelledError", "NodeDiedError", "ObjectLostError",
        "OutOfMemoryError", "LocalRayletDiedError") if hasattr(errors, name))
