"""A user's own boilerplate rules: CSS selectors pruned before extraction (`--prune`)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from corpus_helpers import write_warc

import sieb
from sieb.cli import main
from sieb.corpus import run
from sieb.errors import InputError
from sieb.extract import ExtractOptions

BODY = ("Die Gemeinde Wiesenfeld hat am Montag ihren neuen Bürgerpark eröffnet. Auf vier Hektar "
        "wachsen dort seit dem Frühjahr Obstbäume, Wildblumen und eine Hecke aus heimischen "
        "Sträuchern, die Vögeln Schutz bieten soll.")
PROMO = ("Unser Tipp der Redaktion: Mit dem Wiesenfelder Gartenpaket erhalten Sie zwölf "
         "Ausgaben unserer Gartenbeilage und eine Samenmischung für Ihren Balkon gratis dazu.")
PAGE = f"""<html lang="de"><head><title>Bürgerpark eröffnet</title></head><body><article>
<h1>Bürgerpark eröffnet</h1><p>{BODY}</p><div class="redaktionstipp"><p>{PROMO}</p>
<div class="redaktionstipp inner"><p>Verschachtelt.</p></div></div>
<p>{BODY.replace("Montag", "Dienstag")}</p></article></body></html>"""


def test_pruned_elements_leave_the_body() -> None:
    assert PROMO in sieb.extract(PAGE).text  # written like body text, inside the article
    pruned = sieb.extract(PAGE, options=ExtractOptions(prune=(".redaktionstipp", "#none")))
    assert PROMO not in pruned.text and "Verschachtelt" not in pruned.text
    assert BODY in pruned.text and pruned.title == "Bürgerpark eröffnet"


def test_an_invalid_selector_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="CSS selector"):
        sieb.extract(PAGE, options=ExtractOptions(prune=("[[[",)))


def test_cli_prune(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(page), "--prune", ".redaktionstipp", "--format", "json"]) == 0
    assert PROMO not in json.loads(capsys.readouterr().out)["text"]
    assert main(["extract", str(page), "--prune", "[[["]) == 1


def test_corpus_run_prunes_every_page(tmp_path) -> None:
    warc = write_warc(tmp_path / "a.warc.gz", 4)
    run([str(warc)], tmp_path / "plain", workers=0)
    run([str(warc)], tmp_path / "pruned", workers=0, prune=("p",))
    plain = pq.read_table(next((tmp_path / "plain").glob("part-*.parquet"))).to_pylist()
    pruned = pq.read_table(next((tmp_path / "pruned").glob("part-*.parquet"))).to_pylist()
    assert len(plain) == len(pruned) == 4
    assert all(len(a["text"] or "") > len(b["text"] or "") for a, b in zip(plain, pruned,
                                                                           strict=True))
    with pytest.raises(InputError):
        run([str(warc)], tmp_path / "bad", workers=0, prune=("[[[",))
