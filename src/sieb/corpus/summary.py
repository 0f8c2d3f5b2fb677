"""The end-of-run summary: pages in, articles out, errors by kind, duplicates, languages.

Counted from the final shards (so it is complete after a resumed run) and written as
`summary.json` beside them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa

from sieb.corpus.manifest import write_json_atomic

SUMMARY = "summary.json"


@dataclass
class Summary:
    pages_in: int = 0
    articles_out: int = 0  # status ok with non-empty text
    unique_articles: int = 0  # articles that are neither exact nor near duplicates
    empty: int = 0  # status ok, no body text found
    skipped: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    duplicates_exact: int = 0
    duplicates_near: int = 0
    languages: dict[str, int] = field(default_factory=dict)
    page_types: dict[str, int] = field(default_factory=dict)
    charset_guessed: int = 0  # non-UTF-8 HTML without a declared charset (decoded by detection)
    ignored_records: dict[str, int] = field(default_factory=dict)  # WARC request/metadata...
    shards: int = 0
    units_resumed: int = 0  # units finished by an earlier, interrupted invocation
    seconds: float = 0.0
    engine: str = ""
    workers: int = 0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def add_table(self, table: pa.Table) -> None:
        rows = table.select(["status", "error_kind", "text_chars", "dup_exact", "dup_near",
                             "language", "page_type", "charset_guessed"]).to_pylist()
        self.pages_in += len(rows)
        skipped, errors, langs, types = (Counter(self.skipped), Counter(self.errors),
                                         Counter(self.languages), Counter(self.page_types))
        for r in rows:
            self.charset_guessed += bool(r["charset_guessed"])
            if r["status"] == "skipped":
                skipped[r["error_kind"] or "unknown"] += 1
            elif r["status"] == "error":
                errors[r["error_kind"] or "unknown"] += 1
            elif r["text_chars"]:
                self.articles_out += 1
                self.duplicates_exact += bool(r["dup_exact"])
                self.duplicates_near += bool(r["dup_near"])
                self.unique_articles += not (r["dup_exact"] or r["dup_near"])
                langs[r["language"] or "unknown"] += 1
                types[r["page_type"] or "unknown"] += 1
            else:
                self.empty += 1
                types[r["page_type"] or "empty"] += 1
        self.skipped, self.errors = dict(sorted(skipped.items())), dict(sorted(errors.items()))
        self.languages = dict(langs.most_common())
        self.page_types = dict(types.most_common())

    def to_dict(self) -> dict:
        data = asdict(self)
        data["pages_per_second"] = round(self.pages_in / self.seconds, 2) if self.seconds else None
        return data

    def save(self, out_dir: Path) -> None:
        write_json_atomic(Path(out_dir) / SUMMARY, self.to_dict())

    @classmethod
    def load(cls, out_dir: Path) -> Summary:
        data = json.loads((Path(out_dir) / SUMMARY).read_text(encoding="utf-8"))
        data.pop("pages_per_second", None)
        return cls(**data)

    def to_text(self) -> str:
        """A few lines for the terminal."""
        lines = [f"pages in        {self.pages_in:,}",
                 (f"articles out    {self.articles_out:,} ({self.unique_articles:,} unique; "
                  f"{self.duplicates_exact:,} exact and {self.duplicates_near:,} near duplicates)"),
                 f"no body text    {self.empty:,}"]
        if self.charset_guessed:
            lines.append(f"charset guessed {self.charset_guessed:,} (non-UTF-8, none declared)")
        if self.skipped:
            lines.append("skipped         " + _counts(self.skipped))
        lines.append("errors          " + (_counts(self.errors) if self.errors else "none"))
        if self.languages:
            lines.append("languages       " + _counts(dict(list(self.languages.items())[:8])))
        rate = f" ({self.pages_in / self.seconds:,.1f} pages/s)" if self.seconds else ""
        lines.append(f"time            {self.seconds:,.1f} s{rate}, {self.shards} shards, "
                     f"engine {self.engine} x{self.workers}")
        return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in counts.items())
