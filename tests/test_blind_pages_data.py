"""The blind pages (tests/fixtures/pages-blind) are data for `benchmarks.own_pages --set blind`.

sieb is deliberately not tested on them (tuning sieb to pass them would end their blindness);
this only checks that the fixtures are well-formed: every snippet occurs once on its page.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / "fixtures" / "pages-blind"


def _checker():
    spec = importlib.util.spec_from_file_location("check_pages", FOLDER / "check_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("stem", sorted(p.stem for p in FOLDER.glob("*.html")))
def test_blind_page_fixture_is_well_formed(stem: str) -> None:
    assert _checker().check(stem) == []
