"""The accuracy floor on a fixed slice of the benchmark sets (skipped without ../shared)."""

from __future__ import annotations

import pytest

from benchmarks import gate
from benchmarks.datasets import BENCH


@pytest.mark.skipif(not (BENCH / "scrapinghub").is_dir(), reason="../shared/bench is absent")
def test_extraction_stays_above_the_floors() -> None:
    assert gate.main([]) == 0
