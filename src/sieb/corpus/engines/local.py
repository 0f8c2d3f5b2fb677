"""The local engine: a pool of spawned worker processes, recycled every few units.

Workers are recycled (every `max_tasks_per_child` units) because parsers fragment memory over
long runs (NeMo Curator recycles every 2 tasks for lxml); a unit is ~1000 records, so recycling
every `DEFAULT_MAX_TASKS_PER_CHILD` units bounds growth at a start-up cost under 1%.
`workers=0` runs everything in the calling process (debugging, tests).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from sieb.errors import SiebError

# Units a worker process handles before it is replaced by a fresh one (see module docstring).
DEFAULT_MAX_TASKS_PER_CHILD = 8

_queue = None  # the progress queue of this worker process


def _init_worker(queue: object) -> None:
    global _queue
    _queue = queue
    _warm_up()


def _warm_up() -> None:
    """Load sieb's code and models before the first unit arrives."""
    try:
        import sieb

        sieb.extract("<html><body><article><p>" + "Warm-up text of a worker. " * 20
                     + "</p></article></body></html>")
        from sieb.corpus.units import process_unit_json  # noqa: F401 (imports the pipeline)
    except Exception:  # a real unit will report whatever is wrong
        pass


def _report(pages: int, errors: int) -> None:
    if _queue is not None:
        _queue.put((pages, errors))


def _call(fn: Callable[..., str], item: str) -> str:
    return fn(item, progress=_report)


class LocalEngine:
    """Runs work items on `workers` processes (see module docstring)."""

    def __init__(self, workers: int, *, max_tasks_per_child: int | None = None,
                 progress: object = None) -> None:
        self.workers = max(0, int(workers))
        self.max_tasks_per_child = max_tasks_per_child or DEFAULT_MAX_TASKS_PER_CHILD
        self.progress = progress

    def _add(self, pages: int, errors: int) -> None:
        if self.progress is not None:
            self.progress.add(pages, errors)

    def map(self, fn: Callable[..., str], items: Iterable[str]) -> Iterator[str]:
        """`fn(item)` for every item, in order of completion; `items` may be a lazy iterator
        (it is consumed as workers become free)."""
        if self.workers == 0:
            for item in items:
                yield fn(item, progress=self._add)
            return
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        drain = threading.Thread(target=self._drain, args=(queue,), daemon=True)
        drain.start()
        workers = self.workers
        # Recycling by pool generations: ProcessPoolExecutor's own max_tasks_per_child can
        # deadlock on Python 3.11 (cpython gh-115634). At most `workers` units are in flight,
        # so an old generation finishing its last units and a new one never exceed `workers`.
        # Each generation is started (spawned and warmed up) while the one before still works,
        # so that a worker's start-up (imports, models) is not paid between units.
        per_generation = workers * self.max_tasks_per_child
        pools = [self._start_pool(ctx, queue)]
        pending: set = set()
        submitted = 0
        todo = iter(items)
        try:
            while True:
                while len(pending) < workers:
                    item = next(todo, None)
                    if item is None:
                        break
                    if submitted and submitted % per_generation == 0:
                        pools[-2].shutdown(wait=False)
                    pending.add(pools[-1].submit(_call, fn, item))
                    submitted += 1
                    if submitted % per_generation == 0:
                        pools.append(self._start_pool(ctx, queue))
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=id):
                    try:
                        yield future.result()
                    except BrokenProcessPool as exc:
                        raise SiebError("a worker process died (out of memory or a crash in "
                                        "native code); finished units are kept, run the same "
                                        "command again to continue") from exc
        finally:
            for future in pending:
                future.cancel()
            for pool in pools:
                pool.shutdown(wait=True, cancel_futures=True)
            queue.put(None)
            drain.join(timeout=5)

    def _start_pool(self, ctx: object, queue: object) -> ProcessPoolExecutor:
        """A pool whose worker processes are spawned and warmed up now, in the background."""
        pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(queue,))
        for _ in range(self.workers):
            pool.submit(os.getpid)  # spawns a process (pools spawn on demand)
        return pool

    def _drain(self, queue: object) -> None:
        while True:
            item = queue.get()
            if item is None:
                return
            self._add(*item)

    def close(self) -> None:
        pass
