"""The local engine: a pool of spawned worker processes, recycled every few units.

Workers are recycled (every `max_tasks_per_child` units) because parsers fragment memory over
long runs (NeMo Curator recycles every 2 tasks for lxml); a unit is ~1000 records, so recycling
every `DEFAULT_MAX_TASKS_PER_CHILD` units bounds growth at a start-up cost under 1%.
`workers=0` runs everything in the calling process (debugging, tests).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from sieb.corpus.engines import warm_up, worker_died

# Units a worker process handles before it is replaced by a fresh one (see module docstring).
DEFAULT_MAX_TASKS_PER_CHILD = 8

# Progress goes from workers to the driver as fixed-size messages on one pipe, without a lock:
# a write this small to a pipe is atomic (POSIX PIPE_BUF >= 512 bytes), so a worker killed at
# any moment leaves no torn message and no held lock behind. (A multiprocessing.Queue takes a
# lock shared by all its writers: a worker killed while its feeder thread held it made every
# later worker hang at exit, and with them the pool's shutdown.)
_PROGRESS = struct.Struct("<qq")  # pages, errors
_STOP = b""  # the driver's own message that ends the drain

_progress_pipe = None  # this worker process's writing end


def _init_worker(pipe: object) -> None:
    global _progress_pipe
    _progress_pipe = pipe
    warm_up()


def _report(pages: int, errors: int) -> None:
    """Progress is best effort: a driver that stopped reading never fails a unit."""
    global _progress_pipe
    if _progress_pipe is not None:
        try:
            _progress_pipe.send_bytes(_PROGRESS.pack(pages, errors))
        except OSError:
            _progress_pipe = None


def _call(fn: Callable[..., str], item: str) -> str:
    return fn(item, progress=_report)


# Seconds between checks for stuck items while waiting for results.
_WATCH_SECONDS = 5.0

# `retry(item, error)`: the item to run again after its worker died (None: give up);
# `stuck(item)`: True when the item's worker makes no progress and should be killed.
RetryFn = Callable[[str, BaseException], "str | None"]
StuckFn = Callable[[str], bool]


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

    def map(self, fn: Callable[..., str], items: Iterable[str], *, retry: RetryFn | None = None,
            stuck: StuckFn | None = None) -> Iterator[str]:
        """`fn(item)` for every item, in order of completion; `items` may be a lazy iterator
        (it is consumed as workers become free).

        When a worker process dies (a crash in native code, the OOM killer, or killed because
        `stuck` said its item makes no progress), the pool breaks and every item it held is
        run again as `retry(item, error)` says, in a fresh pool and *alone* (nothing else in
        flight), so that a second death is known to be that item's own. Without `retry`, or
        when it returns None, the run stops with a `SiebError` (finished items are kept by
        the caller).
        """
        if self.workers == 0:
            for item in items:
                yield fn(item, progress=self._add)
            return
        ctx = mp.get_context("spawn")
        reader, writer = ctx.Pipe(duplex=False)
        drain = threading.Thread(target=self._drain, args=(reader,), daemon=True)
        drain.start()
        pools = _Pools(self, ctx, writer)
        owner: dict = {}  # future -> item
        alone: deque[str] = deque()  # items to run again, each with nothing else in flight
        todo = iter(items)
        last_watch = time.monotonic()
        try:
            while True:
                if alone:
                    if not owner:
                        item = alone.popleft()
                        owner[pools.submit(_call, fn, item)] = item
                else:
                    while len(owner) < self.workers:
                        item = next(todo, None)
                        if item is None:
                            break
                        owner[pools.submit(_call, fn, item)] = item
                if not owner:
                    return
                done, _ = wait(owner, timeout=_WATCH_SECONDS, return_when=FIRST_COMPLETED)
                if stuck is not None and time.monotonic() - last_watch >= _WATCH_SECONDS:
                    last_watch = time.monotonic()
                    pools.kill_stuck([f for f, item in owner.items() if stuck(item)])
                for future in sorted(done, key=id):
                    item, pool = owner.pop(future), pools.pool_of.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool as exc:
                        again = retry(item, exc) if retry is not None else None
                        if again is None:
                            raise worker_died("a worker process") from exc
                        pools.replace_broken(pool)
                        alone.append(again)
        finally:
            for future in owner:
                future.cancel()
            pools.close()
            writer.send_bytes(_STOP)
            drain.join(timeout=5)
            writer.close()

    def _drain(self, reader: object) -> None:
        try:
            while (message := reader.recv_bytes()) != _STOP:
                self._add(*_PROGRESS.unpack(message))
        except (EOFError, OSError):
            pass
        finally:
            reader.close()

    def close(self) -> None:
        pass


class _Pools:
    """Generations of process pools (see the module docstring).

    Recycling by generations: ProcessPoolExecutor's own max_tasks_per_child can deadlock on
    Python 3.11 (cpython gh-115634). At most `workers` items are in flight, so an old generation
    finishing its last items and a new one never exceed `workers` busy processes. The next
    generation is spawned and warmed up while the current one works, so a worker's start-up
    (imports, models) is not paid between items. A broken pool is replaced at once.
    """

    def __init__(self, engine: LocalEngine, ctx: object, progress_pipe: object) -> None:
        self.workers = engine.workers
        self.per_generation = engine.workers * engine.max_tasks_per_child
        self.ctx, self.progress_pipe = ctx, progress_pipe
        self.current = self._start()
        self.spare: ProcessPoolExecutor | None = None
        self.submitted = 0  # to the current pool
        self.retired: list[ProcessPoolExecutor] = []
        self.pool_of: dict = {}  # future -> pool

    def submit(self, call: Callable, fn: Callable, item: str) -> object:
        """Submit to the current generation; to a new one if the current pool broke since its
        last result was collected (a worker died: its other items come back broken and are
        run again as usual)."""
        if self.submitted >= self.per_generation:
            self._next_generation()
        try:
            future = self.current.submit(call, fn, item)
        except BrokenProcessPool:
            self._next_generation()
            future = self.current.submit(call, fn, item)
        self.pool_of[future] = self.current
        self.submitted += 1
        if self.submitted == self.per_generation and self.spare is None:
            self.spare = self._start()
        return future

    def replace_broken(self, pool: ProcessPoolExecutor) -> None:
        """Start a new generation if the broken `pool` is the current one."""
        if pool is self.current:
            self._next_generation()

    def kill_stuck(self, futures: list) -> None:
        """Kill the processes of the pools running `futures`; their items come back broken."""
        for pool in {self.pool_of.get(f) for f in futures} - {None}:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()

    def close(self) -> None:
        for pool in [*self.retired, self.current, *([self.spare] if self.spare else [])]:
            pool.shutdown(wait=True, cancel_futures=True)

    def _next_generation(self) -> None:
        self.current.shutdown(wait=False)
        self.retired.append(self.current)
        self.current, self.spare = self.spare or self._start(), None
        self.submitted = 0

    def _start(self) -> ProcessPoolExecutor:
        """A pool whose worker processes are spawned and warmed up now, in the background."""
        pool = ProcessPoolExecutor(self.workers, mp_context=self.ctx, initializer=_init_worker,
                                   initargs=(self.progress_pipe,))
        for _ in range(self.workers):
            pool.submit(os.getpid)  # spawns a process (pools spawn on demand)
        return pool
