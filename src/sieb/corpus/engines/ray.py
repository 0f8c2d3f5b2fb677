"""The Ray engine: the same unit functions on Ray Data.

Without an address (and without RAY_ADDRESS) it starts a local Ray with `workers` CPUs; with
`--ray-address` or RAY_ADDRESS it joins that cluster. Workers write shards to the output
directory themselves, so on a cluster it must be on storage every node sees.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from sieb.errors import SiebError


def _import_ray():
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise SiebError("--engine ray needs Ray: pip install 'sieb[ray]'") from exc
    return ray


def _apply(fn: Callable[..., str], row: dict) -> dict:
    """Row function: {"item": json} -> {"result": json}."""
    return {"result": fn(row["item"], progress=None)}


class RayEngine:
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
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False

    def map(self, fn: Callable[..., str], items: Iterable[str], **_: object) -> Iterator[str]:
        items = list(items)  # a Ray dataset is built from all items at once
        if not items:
            return
        self._ensure_started()
        ds = self.ray.data.from_items([{"item": item} for item in items],
                                      override_num_blocks=len(items))
        ds = ds.map(partial(_apply, fn), num_cpus=1, concurrency=self.workers)
        for row in ds.iter_rows():
            yield row["result"]

    def close(self) -> None:
        if self._started:
            self.ray.shutdown()
            self._started = False
