"""sieb: turn crawled web pages into clean, structured articles.

>>> import sieb
>>> article = sieb.extract("<html><body><article><h1>Hi</h1><p>...</p></article></body></html>")
>>> cleaned = sieb.clean_text("Page title\n\nA paragraph of the article ...")
>>> summary = sieb.run(["crawl.warc.gz"], "out/")  # corpus run -> Parquet shards
"""

import logging

from sieb.article import Article, Block, BlockKind, Comment, Line, LineRole
from sieb.errors import InputError, ResourceLimitError, SiebError
from sieb.extract import extract
from sieb.site import SiteProfile
from sieb.text import clean_text
from sieb.warm import warm_up

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Comment",
    "InputError",
    "Line",
    "LineRole",
    "ResourceLimitError",
    "SiebError",
    "SiteProfile",
    "clean_text",
    "extract",
    "run",
    "warm_up",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> object:
    # `sieb.run` (corpus runs) is imported on first use: it loads pyarrow and fastwarc.
    if name == "run":
        from sieb.corpus import run

        return run
    raise AttributeError(f"module 'sieb' has no attribute {name!r}")
