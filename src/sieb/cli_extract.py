"""`sieb extract PAGE.html [--url URL] [--format text|markdown|json] [--comments] [--explain]`:
one page to stdout. `--explain` prints every text block of the page with its number, kept mark,
role, text and the reason (the model's probability or the rule that decided), as `sieb clean
--explain` does for lines."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sieb.article import Article
from sieb.errors import SiebError
from sieb.render import comment_to_text

FORMATS = ("text", "markdown", "json")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `extract` verb."""
    parser = subparsers.add_parser(
        "extract",
        help="extract the article from one HTML page",
        description="Extract the article from one HTML page ('-' reads standard input).",
    )
    parser.add_argument("page", help="HTML file, or - for standard input")
    parser.add_argument("--url", help="the page's URL (resolves links, helps metadata)")
    parser.add_argument("--charset", help="charset from the HTTP header, if known")
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("--profile", type=Path, help="a saved SiteProfile of the page's site")
    parser.add_argument("--prune", action="append", default=[], metavar="SELECTOR",
                        help="CSS selector of elements to remove first (repeatable)")
    parser.add_argument("--explain", action="store_true",
                        help="print every text block with its role, kept mark and reason")
    parser.add_argument(
        "--comments",
        action="store_true",
        help="also extract reader comments (json: a 'comments' list; text: after the body)",
    )
    parser.add_argument(
        "--fetch-date",
        metavar="ISO8601",
        help="when the page was fetched: comment dates such as '3 hours ago' are read against it",
    )
    parser.set_defaults(handler=run)


def render(article: Article, fmt: str) -> str:
    """The article in one of FORMATS."""
    if fmt == "json":
        return article.to_json() + "\n"
    if fmt == "markdown":
        return article.to_markdown()
    parts = [article.text] if article.text else []
    if article.comments:
        parts.append("-- comments --")
        parts += [comment_to_text(c) for c in article.comments]
    return "\n\n".join(parts) + "\n" if parts else ""


def run(args: argparse.Namespace) -> int:
    """Handler of `sieb extract`."""
    from sieb.extract import ExtractOptions, extract

    try:
        data = sys.stdin.buffer.read() if args.page == "-" else Path(args.page).read_bytes()
    except OSError as error:
        print(f"sieb extract: cannot read {args.page}: {error.strerror}", file=sys.stderr)
        return 2
    profile = None
    if args.profile:
        from sieb.site import SiteProfile

        profile = SiteProfile.load(args.profile)
    try:
        article = extract(data, url=args.url, charset=args.charset, profile=profile,
                          comments=args.comments,
                          options=ExtractOptions(prune=tuple(args.prune),
                                                 fetch_date=args.fetch_date),
                          explain=args.explain)
    except SiebError as error:
        print(f"sieb extract: {error}", file=sys.stderr)
        return 1
    if args.explain:
        from sieb.text.cli import explain

        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(explain(article, colour))
        return 0
    sys.stdout.write(render(article, args.format))
    return 0
