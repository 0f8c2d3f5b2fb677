"""The structural rules added for out-of-set pages, each on a minimal page of its own.

The rules are general (class-free comment sections, repeated post units, paywall prompts, lead
figures, captions without <figure>, pull-quote attributions, titles with separators); these
pages are not in tests/fixtures/pages so that the rules are checked apart from those pages.
"""

from __future__ import annotations

import sieb
from sieb import BlockKind
from sieb.meta.fields import clean_title
from sieb.postprocess import COMMENT_HEADING

PARAGRAPHS = [
    (
        "Die Gemeinde hat am Montag beschlossen, die alte Turnhalle abzureißen und an ihrer "
        "Stelle eine neue Halle mit zwei Feldern zu bauen, die auch Vereinen offensteht."
    ),
    (
        "Die Kosten liegen nach Schätzung des Bauamts bei knapp vier Millionen Euro, von denen "
        "das Land etwa die Hälfte übernehmen will, wenn der Antrag rechtzeitig gestellt wird."
    ),
    (
        "Mit dem Abriss soll im Frühjahr begonnen werden. Bis die neue Halle fertig ist, weichen "
        "die Schulen auf die Halle im Nachbarort aus, wohin ein Bus die Kinder bringt."
    ),
]
CLOSING = (
    "<p>Der Gemeinderat will die Pläne im Januar öffentlich vorstellen; Bürgerinnen und Bürger "
    "können dann Fragen stellen und Vorschläge machen.</p>"
)


def _page(body: str, head: str = "") -> str:
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8">{head}</head><body>'
        f"{body}</body></html>"
    )


def _article(extra: str = "", before: str = "") -> str:
    paragraphs = "".join(f'<p class="text-lg leading-7">{p}</p>' for p in PARAGRAPHS)
    return _page(
        f'<main class="mx-auto max-w-3xl"><article class="py-8">{before}'
        f'<h1 class="text-4xl">Neue Turnhalle für Lindenfeld</h1>{paragraphs}{extra}'
        "</article></main>"
    )


def test_comment_heading_patterns() -> None:
    for heading in ("Kommentare", "Leserkommentare", "Kommentare (12)", "3 Kommentare",
                    "1 comment", "Reader comments", "47 Gedanken zu „Rezept“", "Webmentions",
                    "Leave a Reply", "Join the discussion"):  # fmt: skip
        assert COMMENT_HEADING.match(heading), heading
    for heading in ("Kommentar", "Comment", "Discussion", "Die Kommentare der Leser",
                    "Reaktionen aus der Politik"):  # fmt: skip
        assert not COMMENT_HEADING.match(heading), heading


def test_comment_section_without_class_names_is_dropped() -> None:
    comments = (
        '<section class="mt-10 border-t pt-6"><h2 class="text-lg">Kommentare (2)</h2>'
        '<div class="rounded bg-gray-50 p-3"><p class="text-xs">Hans W.</p><p>Endlich wird '
        "die alte Halle abgerissen, das hätte man schon vor zehn Jahren machen sollen.</p></div>"
        '<div class="rounded bg-gray-50 p-3"><p class="text-xs">Petra</p><p>Und wer bezahlt '
        "den Bus für die Kinder? Davon steht in dem Artikel leider gar nichts.</p></div>"
        "</section>"
    )
    article = sieb.extract(_article(comments))
    assert PARAGRAPHS[2] in article.text
    assert "Endlich wird die alte Halle" not in article.text
    assert "Kommentare" not in article.text


TEASERS = [
    (
        "Der Sportverein Lindenfeld feiert in diesem Jahr sein hundertjähriges Bestehen mit "
        "einem Fest auf dem Marktplatz, zu dem alle Bürgerinnen und Bürger eingeladen sind."
    ),
    (
        "Im Herbst öffnet die neue Bücherei im alten Rathaus. Sie bietet mehr Platz für "
        "Kinderbücher, einen Lesesaal und Computer, an denen man kostenlos arbeiten kann."
    ),
]


def _related_section(heading_class: str) -> str:
    teasers = "".join(
        f'<article class="post"><h2><a href="/t{i}">Meldung {i}</a></h2><p>{t}</p></article>'
        for i, t in enumerate(TEASERS)
    )
    return (
        f'<section class="mt-10"><h3 class="{heading_class}">Mehr aus Lindenfeld</h3>'
        f"{teasers}</section>"
    )


def test_related_posts_section_is_dropped_from_its_heading() -> None:
    """A heading whose own class says "related" opens a section of other articles."""
    article = sieb.extract(_article(_related_section("relatedpoststitle")))
    assert PARAGRAPHS[2] in article.text
    assert "Mehr aus Lindenfeld" not in article.text
    assert "hundertjähriges Bestehen" not in article.text
    assert "neue Bücherei" not in article.text


def test_related_heading_inside_the_body_does_not_cut_it() -> None:
    """With kept body text before it in the same container, such a heading cuts nothing."""
    inline = '<h3 class="related-title">Hintergrund</h3>' + CLOSING
    article = sieb.extract(_article(inline))
    assert "Bürgerinnen und Bürger können dann Fragen stellen" in article.text


def test_a_discussion_section_of_the_article_is_kept() -> None:
    section = (
        '<section class="mt-6"><h2 class="text-2xl">Discussion</h2><p class="text-lg">'
        "The results suggest that the new hall will be used far more than the old one, "
        "because two teams can train at the same time and the changing rooms are larger.</p>"
        "</section>"
    )
    article = sieb.extract(_article(section))
    assert "The results suggest that the new hall" in article.text


def test_short_paywall_prompt_is_dropped_but_paywalled_text_is_kept() -> None:
    prompt = (
        '<div class="story-paywall-hint"><p>Sie lesen diesen Artikel kostenlos. Unterstützen '
        "Sie unseren Lokaljournalismus mit einem Abo.</p></div>"
    )
    paywalled = (
        '<div class="paywalled-content"><p>Der Gemeinderat will im Januar entscheiden, welcher '
        "Entwurf gebaut wird. Zur Wahl stehen drei Modelle aus Holz und Beton.</p><p>Die "
        "Vereine sollen vorher angehört werden, damit die Halle ihren Bedürfnissen entspricht "
        "und auch für Turniere genutzt werden kann.</p></div>"
    )
    article = sieb.extract(_article(paywalled + prompt))
    assert "Zur Wahl stehen drei Modelle aus Holz und Beton." in article.text
    assert "Unterstützen Sie unseren Lokaljournalismus" not in article.text


def test_lead_figure_above_the_headline_becomes_a_figure_block() -> None:
    figure = (
        '<figure class="hero"><img src="/halle.jpg" alt="Turnhalle"><figcaption>Die alte '
        "Turnhalle wurde 1961 gebaut. Foto: Gemeinde Lindenfeld</figcaption></figure>"
    )
    article = sieb.extract(_article(before=figure))
    assert article.figures and article.figures[0].caption.startswith("Die alte Turnhalle")
    assert article.figures[0].credit == "Gemeinde Lindenfeld"
    assert "1961" not in article.text
    assert "Neue Turnhalle für Lindenfeld" not in article.text  # the title, still dropped


def test_caption_and_credit_without_figure_element() -> None:
    gallery = (
        '<div class="g-item"><div class="g-img"><img src="/a.jpg" alt=""></div>'
        '<div class="g-cap"><p>Der Blick in die alte Halle zeigt die Schäden am Dach.</p>'
        '<p class="g-credit">Image: Jana Roth</p></div></div>'
    )
    article = sieb.extract(_article(gallery + CLOSING))  # figures between kept blocks
    assert "Der Blick in die alte Halle" not in article.text
    captions = {f.caption: f.credit for f in article.figures}
    assert captions.get("Der Blick in die alte Halle zeigt die Schäden am Dach.") == "Jana Roth"


def test_caption_ending_in_copyright_credit_is_a_figure() -> None:
    picture = (
        '<div class="img-wrap"><img src="/b.jpg" alt=""><span>Bürgermeisterin Ute Sommer '
        "vor der Halle</span> <span>© Lindenfelder Bote</span></div>"
    )
    article = sieb.extract(_article(picture + CLOSING))
    assert "Ute Sommer" not in article.text
    assert any(f.credit == "Lindenfelder Bote" for f in article.figures)


def test_pull_quote_attribution_becomes_the_speaker() -> None:
    quote = (
        '<aside class="pullquote"><blockquote><p>„Die Halle ist das Herz des Ortes.“</p>'
        "</blockquote><cite>Ute Sommer, Bürgermeisterin</cite></aside>"
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = _page(f"<article><h1>Neue Turnhalle</h1>{paragraphs}{quote}{CLOSING}</article>")
    article = sieb.extract(page)
    quotes = [b for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert quotes and quotes[0].speaker == "Ute Sommer, Bürgermeisterin"
    # HTML text keeps a quote's visible source line once, after the quote (render.py)
    assert article.text.count("Ute Sommer, Bürgermeisterin") == 1
    assert article.text.index("Herz des Ortes") < article.text.index("Ute Sommer")


def test_title_with_a_separator_that_the_h1_shows_whole() -> None:
    title = "Wärmepumpe taktet ständig – normal?"
    assert clean_title(f"{title} | Haustechnik-Forum", "Haustechnik-Forum", title) == title
    assert clean_title(title, None, title) == title
    assert clean_title("Wärmepumpe taktet ständig | Haustechnik-Forum", None, None) == (
        "Wärmepumpe taktet ständig"
    )


def test_h1_and_og_title_beat_a_shorter_json_ld_headline() -> None:
    head = (
        '<meta property="og:title" content="Die Moorretter: Wie ein Dorf sein Land flutet">'
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":'
        '"NewsArticle","headline":"Die Moorretter"}</script>'
    )
    body = "<article><h1>Die Moorretter: Wie ein Dorf sein Land flutet</h1>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS
    )
    article = sieb.extract(_page(body + "</article>", head))
    assert article.title == "Die Moorretter: Wie ein Dorf sein Land flutet"


def test_recipe_steps_written_as_divs_in_list_items_are_a_list() -> None:
    steps = "".join(
        f'<li class="step"><div class="step-text">{s}</div></li>'
        for s in (
            "Den Kürbis waschen, halbieren, entkernen und in grobe Würfel schneiden.",
            "Zwiebel und Ingwer schälen, fein hacken und in Öl glasig dünsten.",
            "Mit Brühe ablöschen und alles zugedeckt 25 Minuten köcheln lassen.",
        )
    )
    article = sieb.extract(_article(f"<h2>Zubereitung</h2><ol>{steps}</ol>"))
    lists = [b for b in article.blocks if b.kind is BlockKind.LIST and b.ordered]
    assert lists and len(lists[0].items) == 3


def test_zero_width_characters_leave_headings() -> None:
    heading = '<h2 id="x">Die Kosten<a href="#x" class="hash-link">\u200b</a></h2>'
    article = sieb.extract(_article(heading + f"<p>{PARAGRAPHS[0]}</p>"))
    assert "\u200b" not in article.text


def test_date_under_the_headline_without_any_markup() -> None:
    body = "<h2>Neue Turnhalle für Lindenfeld</h2><i>geschrieben am 3. Oktober 2026</i>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS
    )
    page = _page(body, "<title>Neue Turnhalle für Lindenfeld - Gemeindeblog</title>")
    assert (sieb.extract(page).published or "")[:10] == "2026-10-03"
    updated = _page(
        "<h1>Neue Turnhalle</h1><p>Letzte Änderung: 05.10.2026</p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    assert sieb.extract(updated).published is None
