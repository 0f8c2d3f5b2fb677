"""The `sieb clean` verb: clean a page of flattened text.

    sieb clean page.txt [--format text|markdown|json] [--explain] [--url URL] [--language de]
    cat page.txt | sieb clean -
    sieb clean page.txt --profile example.com.json

`--explain` prints every non-blank line with its number, role, kept/dropped mark and reason,
coloured when the output is a terminal (set NO_COLOR to turn colour off).
"""

from __future__ import annotations

import argparse
import os
import sys

from sieb.article import Article, LineRole
from sieb.errors import SiebError

# ANSI colours for --explain: kept body text green, figure parts cyan, metadata yellow, chrome dim.
_GREEN, _CYAN, _YELLOW, _DIM, _RESET = "\033[32m", "\033[36m", "\033[33m", "\033[2m", "\033[0m"
_FIGURE = {LineRole.IMAGE_ALT, LineRole.CAPTION, LineRole.CREDIT}
_META = {LineRole.BYLINE, LineRole.DATE, LineRole.META_LABEL}
# --explain shows at most this many characters of a line.
_EXPLAIN_CHARS = 100


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="clean flattened page text (crawl text dumps, pasted pages)",
        description=__doc__.split("\n")[0],
    )
    parser.add_argument("file", help="text file to clean, '-' for standard input")
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print every line with its role and reason"
    )
    parser.add_argument(
        "--url", help="the page's URL: recorded in the output; its slug names the headline"
    )
    parser.add_argument("--language", help="ISO 639-1 code; skips language identification")
    parser.add_argument("--profile", help="a saved SiteProfile (JSON) of the page's site")
    parser.set_defaults(handler=handle)


def _read(path: str) -> str:
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from sieb.decode import decode_html

        return decode_html(data)


def handle(args: argparse.Namespace) -> int:
    from sieb.text import clean_text

    profile = None
    try:
        if args.profile:
            from sieb.site import SiteProfile

            profile = SiteProfile.load(args.profile)
        text = _read(args.file)
        article = clean_text(text, url=args.url, language=args.language, profile=profile)
    except OSError as exc:
        print(f"sieb clean: {exc}", file=sys.stderr)
        return 2
    except SiebError as exc:
        print(f"sieb clean: {exc}", file=sys.stderr)
        return 1
    if args.explain:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(explain(article, colour))
    elif args.format == "json":
        sys.stdout.write(article.to_json() + "\n")
    elif args.format == "markdown":
        sys.stdout.write(article.to_markdown())
    else:
        sys.stdout.write((f"{article.title}\n\n" if article.title else "") + article.text + "\n")
    return 0


def explain(article: Article, colour: bool = False) -> str:
    """One row per line: number, kept mark, role, reason, and the start of the text."""
    rows = []
    for line in article.lines:
        text = line.text if len(line.text) <= _EXPLAIN_CHARS else line.text[:_EXPLAIN_CHARS] + "…"
        mark = "+" if line.kept else "-"
        row = f"{line.number:5d} {mark} {line.role!s:13s} {text}  [{line.reason}]"
        if colour:
            if line.kept:
                tint = _GREEN
            elif line.role in _FIGURE:
                tint = _CYAN
            elif line.role in _META:
                tint = _YELLOW
            else:
                tint = _DIM
            row = tint + row + _RESET
        rows.append(row)
    return "\n".join(rows) + ("\n" if rows else "")
