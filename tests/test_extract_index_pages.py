"""Index pages (section fronts, tag pages) give no body instead of merged teasers."""

from __future__ import annotations

import sieb

_PLACES = ["Stadtrat", "Landesregierung", "Polizei", "Feuerwehr", "Bürgermeisterin", "Gericht",
           "Schule", "Klinikum", "Verkehrsbetriebe", "Handwerkskammer", "Universität", "Zoo"]
_TOPICS = ["den Radverkehr", "die Innenstadt", "das Hallenbad", "den Busverkehr", "die Kitas",
           "den Wohnungsbau", "das Stadion", "die Altstadt"]


def _teaser(i: int) -> str:
    who, other, topic = _PLACES[i % 12], _PLACES[(i * 5 + 3) % 12], _TOPICS[i % 8]
    return (f'<article class="teaser"><a href="/lokales/story-{i}.html"><h2>{who} streitet '
            f"über {topic}</h2></a><p>{who} und {other} haben sich am Dienstag getroffen. Es "
            f"geht um {topic} und viel Geld; eine Entscheidung soll im Juni fallen.</p>"
            f'<span class="meta">vor {i + 1} Stunden</span></article>')


def _section_front(teasers: int) -> str:
    items = "".join(_teaser(i) for i in range(teasers))
    return ('<html lang="de"><head><title>Lokales | Tagesblatt</title></head><body><nav>'
            '<a href="/">Start</a><a href="/politik">Politik</a></nav><main><h1>Lokales</h1>'
            f"{items}</main><footer>Impressum</footer></body></html>")


def test_section_front_is_an_index_without_body() -> None:
    article = sieb.extract(_section_front(20), "https://www.tagesblatt.de/lokales/")
    assert article.page_type == "index"
    assert article.text == "" and article.blocks == ()
    assert article.title  # metadata is still read


def test_article_with_linked_subheadings_is_not_an_index() -> None:
    def paragraph(i: int) -> str:
        return (f"Die Sitzung dauerte bis {18 + i} Uhr. {_PLACES[i]} forderte, die Pläne für "
                f"{_TOPICS[i]} noch einmal zu prüfen, bevor Geld ausgegeben wird; die Mehrheit "
                "sah dafür aber keinen Anlass und verwies auf die lange Vorbereitung des "
                "Projekts in den Ausschüssen, in denen alle Fraktionen vertreten waren. Am "
                f"Ende stimmten {20 + i} Mitglieder dafür und {9 - i} dagegen, einige enthielten "
                "sich, weil ihnen Zahlen fehlten.")
    entries = "".join(f'<h2><a href="#e{i}">Update {i}: {_PLACES[i]} meldet sich zu Wort</a>'
                      f"</h2><p>{paragraph(i)}</p>" for i in range(6))
    html = (f'<html lang="de"><head><title>Liveblog Stadtrat</title></head><body><main>'
            f"<article><h1>Liveblog Stadtrat</h1>{entries}</article></main></body></html>")
    article = sieb.extract(html, "https://www.tagesblatt.de/lokales/liveblog-stadtrat")
    assert article.page_type == "article"
    assert article.text.count("Die Sitzung dauerte") == 6
