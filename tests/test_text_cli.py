"""The `sieb clean` verb."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest

from sieb.text import cli

PAGE = Path(__file__).resolve().parent / "fixtures" / "text" / "de-stadtrat-radwege.txt"


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="sieb")
    cli.register(parser.add_subparsers(dest="verb", required=True))
    args = parser.parse_args(argv)
    code = args.handler(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_output_has_title_and_body(capsys):
    code, out, _ = _run(["clean", str(PAGE)], capsys)
    assert code == 0
    assert out.startswith("Mehr Platz fürs Rad")
    assert "Cookies" not in out


def test_json_output(capsys):
    code, out, _ = _run(["clean", str(PAGE), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["language"] == "de"
    assert data["lines"][0]["role"] in {"ui", "navigation"}


def test_markdown_output(capsys):
    _, out, _ = _run(["clean", str(PAGE), "--format", "markdown"], capsys)
    assert out.startswith("# Mehr Platz fürs Rad")
    assert "## Was sich für Autofahrer ändert" in out


def test_explain_lists_every_line_without_colour_when_piped(capsys):
    _, out, _ = _run(["clean", str(PAGE), "--explain"], capsys)
    rows = out.splitlines()
    assert len(rows) == sum(1 for ln in PAGE.read_text().split("\n") if ln.strip())
    assert "consent" in out and "[cookie or consent text]" in out
    assert "\033[" not in out


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    code, out, _ = _run(["clean", "-"], capsys)
    assert code == 0 and "Radwegekonzept" in out


def test_missing_file_is_an_error_not_a_crash(capsys, tmp_path):
    code, _, err = _run(["clean", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "sieb clean" in err


@pytest.mark.parametrize("data", [b"\xff\xfe\x00junk\x80\x81", b""])
def test_undecodable_or_empty_input(capsys, tmp_path, data):
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    code, _, _ = _run(["clean", str(path), "--format", "json"], capsys)
    assert code == 0
