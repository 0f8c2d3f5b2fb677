"""The GCC profiles of the compiled core (pgo/, recorded by `python -m training.pgo`) and how
setup.py decides to compile with them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "pgo" / "manifest.json"


@pytest.fixture(scope="module")
def setup_py() -> dict:
    """setup.py's names (importing it does not run setup())."""
    from training.pgo import load_setup

    return vars(load_setup())


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(MANIFEST.read_text())


def test_every_extension_has_a_profile_of_its_current_sources(setup_py, manifest):
    """A .pyx or .pxd changed since the profiles were recorded: rerun `python -m
    training.pgo` (the extension would otherwise be built without its profile)."""
    names = {ext.name for ext in setup_py["extension_list"]()}
    assert set(manifest["extensions"]) == names
    for name in sorted(names):
        assert manifest["extensions"][name] == setup_py["sources_digest"](name), name
        assert (REPO / "pgo" / f"{name}.gcda").read_bytes()[:4] == b"adcg", name


def test_sources_digest_follows_the_sources(setup_py, tmp_path):
    digest = setup_py["sources_digest"]
    assert digest("sieb.text._rules") != digest("sieb.text._measure")
    assert digest("sieb.text._rules") == digest("sieb.text._rules")


class _Compiler:
    compiler_so = ("gcc", "-O3")

    @staticmethod
    def object_filenames(sources: list[str], output_dir: str) -> list[str]:
        return [os.path.join(output_dir, os.path.splitext(s)[0] + ".o") for s in sources]


class _Build:
    compiler = _Compiler()
    build_temp = "elsewhere"


class _Ext:
    name = "sieb.text._rules"
    sources = ("src/sieb/text/_rules.c",)


def _flags(setup_py, manifest, monkeypatch, *, gcc=None, cython=None, mode=None) -> tuple | None:
    monkeypatch.setitem(setup_py, "compiler_version", lambda build: gcc or manifest["gcc"])
    monkeypatch.setitem(setup_py, "cython_version", lambda: cython or manifest["cython"])
    if mode is None:
        monkeypatch.delenv("SIEB_PGO", raising=False)
    else:
        monkeypatch.setenv("SIEB_PGO", mode)
    return setup_py["_profile_flags"](_Build(), _Ext())


def test_a_fitting_profile_goes_where_gcc_looks_for_it(setup_py, manifest, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert _flags(setup_py, manifest, monkeypatch) == setup_py["_USE"]
    placed = tmp_path / setup_py["PROFILE_BUILD_TEMP"] / "src/sieb/text/_rules.gcda"
    assert placed.read_bytes() == (REPO / "pgo" / "sieb.text._rules.gcda").read_bytes()


@pytest.mark.parametrize(
    "changed", [{"gcc": "13.1.0"}, {"cython": "3.0.0"}, {"mode": "off"}], ids=str
)
def test_no_profile_for_another_compiler_cython_or_when_off(
    setup_py, manifest, monkeypatch, tmp_path, changed
):
    monkeypatch.chdir(tmp_path)
    assert _flags(setup_py, manifest, monkeypatch, **changed) is None
    assert not (tmp_path / "build").exists()


def test_generate_mode_instruments(setup_py, manifest, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert _flags(setup_py, manifest, monkeypatch, mode="generate") == setup_py["_GENERATE"]

