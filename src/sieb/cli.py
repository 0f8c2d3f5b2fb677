"""The `sieb` command. Each verb lives in its own module with a `register(subparsers)` function."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Modules that add a verb to the command line; each has `register(subparsers)`.
_VERB_MODULES = ("sieb.cli_extract", "sieb.corpus.cli", "sieb.text.cli")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every verb registered."""
    from sieb import __version__

    parser = argparse.ArgumentParser(prog="sieb", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"sieb {__version__}")
    subparsers = parser.add_subparsers(dest="verb", required=True)
    for name in _VERB_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sieb` console command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
