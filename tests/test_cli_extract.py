"""`sieb extract` on files and stdin, in each format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sieb.cli import main

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "html" / "en_northshore_harbour.html"


def test_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Small, slow and local" in out


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLE), "--format", "json", "--url", "https://x.example/a"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] and data["blocks"]


def test_markdown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLE), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# ")


def test_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "/no/such/page.html"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_stdin_through_the_console_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sieb.cli", "extract", "-", "--format", "json"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        check=True,
    )
    assert json.loads(result.stdout)["language"] == "en"
