"""The output schema of `sieb run`: one row per input record. See docs in `COLUMNS`."""

from __future__ import annotations

import pyarrow as pa

# name -> (type, description). The order here is the column order of every shard.
COLUMNS: dict[str, tuple[pa.DataType, str]] = {
    "record_id": (pa.string(), ("WARC-Record-ID, the input's id field, else file:line or "
                                "file@offset")),
    "source": (pa.string(), "input file the record came from"),
    "offset": (pa.int64(), "byte offset (WARC), line number (JSONL) or row number (Parquet)"),
    "url": (pa.string(), "page URL (WARC-Target-URI or the url field)"),
    "host": (pa.string(), "lower-case host of the URL without www."),
    "fetch_date": (pa.string(), "crawl date, ISO 8601 (WARC-Date or the date field)"),
    "kind": (pa.string(), "html or text: which mode processed the record"),
    "content_type": (pa.string(), "HTTP Content-Type (without parameters)"),
    "input_bytes": (pa.int64(), "size of the document in bytes"),
    "charset": (pa.string(), "charset declared in the HTTP header"),
    "charset_guessed": (pa.bool_(), ("HTML bytes with no declared charset that are not "
                                     "UTF-8: the encoding was detected")),
    "status": (pa.string(), "ok | skipped | error"),
    "error_kind": (pa.string(), ("why a record was skipped or failed: non_html, not_http, "
                                 "revisit, too_large, timeout, read_error, bad_json, bad_input, "
                                 "exception")),
    "error": (pa.string(), "human-readable reason (null when status is ok)"),
    "title": (pa.string(), "Article.title"),
    "authors": (pa.list_(pa.string()), "Article.authors"),
    "published": (pa.string(), "Article.published (ISO 8601); null if after fetch_date"),
    "modified": (pa.string(), "Article.modified (ISO 8601); null if after fetch_date"),
    "site_name": (pa.string(), "Article.site_name"),
    "page_language": (pa.string(), "Article.language: what the page declares"),
    "description": (pa.string(), "Article.description"),
    "image": (pa.string(), "Article.image"),
    "tags": (pa.list_(pa.string()), "Article.tags"),
    "text": (pa.string(), "Article.text: the body as plain text"),
    "blocks": (pa.string(), "Article.blocks as a JSON array of Block.to_dict()"),
    "page_type": (pa.string(), "Article.page_type (article, index, empty...)"),
    "confidence": (pa.float32(), "Article.confidence, 0..1"),
    "metadata_sources": (pa.string(), "Article.sources as a JSON object (evidence per field)"),
    "comments": (pa.string(), ("Article.comments as a JSON array of {text, author, date, "
                               "reply_to} (`--comments`; null without it)")),
    "language": (pa.string(), "language of the body text (py3langid, ISO 639-1)"),
    "language_prob": (pa.float32(), "probability of `language`"),
    "text_hash": (pa.string(), "BLAKE2b-64 hex of the normalised text (NFKC, casefold, spaces)"),
    "text_chars": (pa.int32(), "characters of body text"),
    "text_words": (pa.int32(), "white-space separated words of body text"),
    "removed_ratio": (pa.float32(), "share of the page's text that was not kept as body"),
    "dup_exact": (pa.bool_(), "an earlier row of the run has the same text_hash"),
    "dup_near": (pa.bool_(), "an earlier row is a near duplicate (MinHash LSH), not exact"),
    "dup_cluster": (pa.string(), ("record_id of the first row of this row's near-duplicate "
                                  "cluster (itself when unique); null without text")),
}
# Staged shards carry the MinHash signature for the dedup pass; final shards do not.
STAGE_EXTRA = {"minhash": (pa.binary(), "MinHash signature: 128 little-endian uint32")}
DEDUP_COLUMNS = ("dup_exact", "dup_near", "dup_cluster")


def final_schema() -> pa.Schema:
    return pa.schema([pa.field(name, typ) for name, (typ, _) in COLUMNS.items()])


def stage_schema() -> pa.Schema:
    fields = [pa.field(n, t) for n, (t, _) in COLUMNS.items() if n not in DEDUP_COLUMNS]
    fields += [pa.field(n, t) for n, (t, _) in STAGE_EXTRA.items()]
    return pa.schema(fields)


def rows_to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """A table of `rows` (missing keys are nulls) with exactly `schema`."""
    columns = {f.name: [row.get(f.name) for row in rows] for f in schema}
    return pa.table({n: pa.array(v, type=schema.field(n).type) for n, v in columns.items()},
                    schema=schema)


def schema_markdown() -> str:
    """The schema as a Markdown table (for the README and `sieb run --schema`)."""
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{n}` | {t} | {d} |" for n, (t, d) in COLUMNS.items()]
    return "\n".join(lines)
