"""Corpus runs: WARC/WET/JSONL/Parquet/HTML files -> Parquet shards of articles.

    >>> from sieb.corpus import run
    >>> summary = run(["crawl/*.warc.gz"], "out/", workers=2)

Flow: read records -> process (extract or clean_text, langid, hashes) -> write staged shards ->
dedup in record order -> final shards + summary.json. See `pipeline` for the stages.
"""

from sieb.corpus.pipeline import RunOptions, run
from sieb.corpus.process import ProcessOptions, process_record
from sieb.corpus.records import Record, Status
from sieb.corpus.summary import Summary

__all__ = ["ProcessOptions", "Record", "RunOptions", "Status", "Summary", "process_record", "run"]
