"""A one-line progress display on stderr (pages, pages/s, errors), only on a terminal."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

# Seconds between redraws: often enough to look live, rare enough to cost nothing.
_REDRAW_SECONDS = 0.25


class Progress:
    """Counts pages and errors; redraws a status line when the stream is a terminal."""

    def __init__(self, total_units: int | None, enabled: bool | None = None,
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total_units = total_units  # None while the inputs are still being planned
        self.units = 0
        self.pages = 0
        self.errors = 0
        self.start = time.monotonic()
        self._drawn = 0.0
        self._lock = threading.Lock()

    def add(self, pages: int = 0, errors: int = 0, units: int = 0) -> None:
        with self._lock:
            self.pages += pages
            self.errors += errors
            self.units += units
            now = time.monotonic()
            if self.enabled and now - self._drawn >= _REDRAW_SECONDS:
                self._drawn = now
                self._draw(now)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.pages / elapsed if elapsed > 0 else 0.0

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        rate = self.pages / elapsed if elapsed > 0 else 0.0
        total = self.total_units or "?"
        self.stream.write(f"\r\x1b[K{self.pages:,} pages | {rate:,.1f} pages/s | "
                          f"{self.errors:,} errors | units {self.units}/{total} | "
                          f"{elapsed:,.0f} s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
