"""Small synthetic inputs for the corpus tests (no network, no shared data)."""

from __future__ import annotations

from pathlib import Path

from sieb.corpus.warcfile import gzip_member, http_response, response_record, warc_record

DATE = "2026-03-01T12:00:00Z"
_WORDS = ("harbour", "council", "budget", "river", "school", "station", "library", "market",
          "bridge", "festival", "weather", "museum", "hospital", "railway", "theatre", "garden",
          "tower", "ferry", "village", "road")


def article_html(i: int, topic_seed: int | None = None) -> str:
    """An article page whose body differs with `topic_seed` (default: `i`)."""
    seed = i if topic_seed is None else topic_seed
    words = [_WORDS[(seed * 7 + k * 3) % len(_WORDS)] for k in range(12)]
    paras = "".join(
        f"<p>Paragraph {k} about the {words[k]} and the {words[k + 1]}: the {words[k + 2]} "
        f"committee met on day {seed} to discuss plan number {seed * 31 + k} in detail, and "
        f"residents said the {words[(k + 5) % 12]} would open again next {words[(k + 7) % 12]}.</p>"
        for k in range(6))
    return (f"<html lang='en'><head><title>Story {seed}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            f"<h1>Story {seed} about the {words[0]}</h1>{paras}</article>"
            f"<footer>Copyright Example News</footer></body></html>")


def write_warc(path: Path, n: int, *, bad: bool = False, duplicate_every: int = 0) -> Path:
    """A WARC.gz of `n` article responses (+ request records); `duplicate_every` k makes every
    k-th page a copy of page 0; `bad` appends the deliberately bad records."""
    with open(path, "wb") as f:
        f.write(gzip_member(warc_record("warcinfo", None, DATE, b"software: test\r\n",
                                        content_type="application/warc-fields")))
        for i in range(n):
            seed = 0 if duplicate_every and i and i % duplicate_every == 0 else i
            url = f"https://news{i % 3}.example.com/story/{i}"
            f.write(gzip_member(warc_record("request", url, DATE, b"GET / HTTP/1.1\r\n\r\n",
                                            content_type="application/http; msgtype=request")))
            f.write(gzip_member(response_record(url, DATE, article_html(i, seed).encode(),
                                                "text/html; charset=utf-8")))
        if bad:
            f.write(gzip_member(response_record("https://x.example.com/a.png", DATE,
                                                b"\x89PNG\r\n\x1a\n", "image/png")))
            latin = article_html(900).replace("Story", "Grüße Straße").encode("latin-1")
            f.write(gzip_member(response_record("https://x.example.com/latin", DATE, latin,
                                                "text/html")))
            f.write(gzip_member(warc_record("response", "https://x.example.com/raw", DATE,
                                            b"<p>raw</p>", content_type="text/html")))
            f.write(gzip_member(warc_record("revisit", "https://x.example.com/a.png", DATE,
                                            http_response(b"", "image/png", "304 Not Modified"),
                                            content_type="application/http; msgtype=response")))
    return path


def misbehaving_process_unit_json(unit_json: str, **kwargs: object) -> str:
    """`process_unit_json` in a worker that dies or hangs on some records, as native code can.

    SIEB_TEST_MISBEHAVE lists `crash:URL-SUFFIX` (the process kills itself with SIGKILL) and
    `hang:URL-SUFFIX` (SIGALRM blocked, then sleep: the per-record time limit cannot fire).
    """
    import os
    import signal
    import time

    import sieb.corpus.units as units

    rules = [rule.split(":", 1) for rule in os.environ.get("SIEB_TEST_MISBEHAVE", "").split(",")
             if ":" in rule]
    real = units.process_record

    def process_record(record, options, profile=None):
        for action, suffix in rules:
            if record.url and record.url.endswith(suffix):
                if action == "crash":
                    os.kill(os.getpid(), signal.SIGKILL)
                if action == "hang":
                    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
                    time.sleep(3600)
        return real(record, options, profile)

    units.process_record = process_record
    return units.process_unit_json(unit_json, **kwargs)


def assert_only_the_poison_record_failed(rows: list[dict], ref: list[dict], summary: object,
                                         suffix: str) -> None:
    """The run's rows equal the reference run's, but for the record whose URL ends in `suffix`,
    which is a `crash` error row: nothing lost, nothing else changed."""
    assert len(rows) == len(ref)  # no record lost
    bad = [r for r in rows if r["error_kind"] == "crash"]
    assert [r["url"] for r in bad] == [r["url"] for r in ref if r["url"].endswith(suffix)]
    assert len(bad) == 1
    assert [r for r in rows if r["error_kind"] != "crash"] == [
        r for r in ref if not r["url"].endswith(suffix)]
    assert summary.errors == {"crash": 1}


def report_progress_forever(pipe: object) -> None:
    """A worker that does nothing but report progress (to be killed mid-report)."""
    import sieb.corpus.engines.local as local

    local._progress_pipe = pipe
    while True:
        local._report(1, 0)


def report_progress_once(pipe: object) -> None:
    """A worker that reports one page and one error, then exits."""
    import sieb.corpus.engines.local as local

    local._progress_pipe = pipe
    local._report(1, 1)
