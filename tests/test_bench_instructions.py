"""benchmarks.instructions: reading callgrind's count, and its refusals."""

from __future__ import annotations

import pytest

from benchmarks import instructions

_STDERR = """==123== Callgrind, a call-graph generating cache profiler
==123== Events    : Ir
==123== Collected : 5129163853
==123==
==123== I   refs:      5,129,163,853
"""


def test_the_collected_line_gives_the_count():
    assert instructions.collected(_STDERR) == 5_129_163_853
    assert instructions.collected("==1== Collected : 1,234\n") == 1234


def test_no_collected_line_is_an_error_that_shows_the_output():
    with pytest.raises(RuntimeError, match="no 'Collected' line"):
        instructions.collected("valgrind: command not found\n")


def test_without_valgrind_it_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main([]) == 2
    assert "apt install valgrind" in capsys.readouterr().err


def test_a_set_without_pages_is_refused(monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(instructions, "page_count", lambda name: 0)
    assert instructions.main(["--sets", "scrapinghub-text"]) == 2
    assert "no pages" in capsys.readouterr().err
