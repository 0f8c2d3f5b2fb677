"""Sequence rules of sieb.postprocess on small hand-made pages (keep lists given, no model)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from sieb.article import Block, BlockKind
from sieb.blocks import Segmentation, segment
from sieb.postprocess import (
    drop_counters,
    drop_duplicates,
    drop_widget_rows,
    extend_runs,
    fill_gaps,
    keep_subheadings,
    keep_wrapped_subheadings,
)
from sieb.render import blocks_to_text
from sieb.signals import is_boilerplate_line


def _seg(body: str) -> Segmentation:
    return segment(LexborHTMLParser(f"<html><body>{body}</body></html>"))


def _index(seg: Segmentation, start: str) -> int:
    return next(i for i, b in enumerate(seg.blocks) if b.text.startswith(start))


ARTICLE = (
    "<div class='article-overlay'><p>First paragraph of the story.</p>"
    "<p>Second paragraph of the story.</p><p>Third paragraph of the story.</p>"
    "<p>Fourth paragraph of the story.</p></div><div class='other'><p>Elsewhere.</p></div>"
)


def test_fill_gaps_keeps_paragraphs_between_kept_siblings() -> None:
    seg = _seg(ARTICLE)
    keep = [b.text.startswith(("First", "Fourth")) for b in seg.blocks]
    out = fill_gaps(seg.blocks, seg.elements, keep)
    assert out[_index(seg, "Second")] and out[_index(seg, "Third")]
    assert not out[_index(seg, "Elsewhere")]


def test_fill_gaps_leaves_link_rows_and_other_parents() -> None:
    seg = _seg(
        "<div><p>Kept paragraph one.</p><p><a href='/x'>Read more: another story</a></p>"
        "<p>Kept paragraph two.</p></div>"
    )
    keep = [b.text.startswith("Kept") for b in seg.blocks]
    assert fill_gaps(seg.blocks, seg.elements, keep) == keep


def test_extend_runs_grows_from_low_probability_only() -> None:
    seg = _seg(ARTICLE)
    keep = [b.text.startswith(("Second", "Third")) for b in seg.blocks]
    probs = [0.9 if k else 0.3 for k in keep]
    probs[_index(seg, "Fourth")] = 0.1
    out = extend_runs(seg.blocks, seg.elements, keep, probs, low=0.2)
    assert out[_index(seg, "First")]
    assert not out[_index(seg, "Fourth")]
    assert not out[_index(seg, "Elsewhere")]


def test_drop_duplicates_keeps_same_prefix_lines_and_drops_copies() -> None:
    line = "Asparagus and eggs with sweet potato, olive oil and a slice of toast for breakfast"
    seg = _seg(
        f"<p>{line}, day one, with an apple.</p><p>{line}, day two.</p>"
        f"<p>{line}, day three, with an apple and tea.</p>"
    )
    keep = [True] * len(seg.blocks)
    assert drop_duplicates(seg.blocks, keep) == keep
    first = "A first paragraph of the article body, long enough to be compared here."
    second = "A second paragraph of the article body, which the hidden copy repeats too."
    copy = _seg(f"<p>{first}</p><p>{second}</p><div hidden>{first} {second}</div>")
    out = drop_duplicates(copy.blocks, [True] * len(copy.blocks))
    assert out == [True, True, False]


def test_widget_rows_spare_sentences() -> None:
    row = "<div class='share'><a>Merken</a> <a>Teilen</a> <a>Drucken</a></div>"
    prose = (
        "<div class='sidebar'><p>Stocks <a>AAPL</a> and <a>MSFT</a> rose while <a>IBM</a> "
        "fell.</p></div>"
    )
    seg = _seg(row + prose)
    out = drop_widget_rows(seg.blocks, [True] * len(seg.blocks))
    assert out == [False, True]


def test_quote_source_in_text_only_when_asked() -> None:
    quote = Block(BlockKind.QUOTE, text="A tweet.", speaker="Jane Doe (@jane) May 1, 2019")
    assert blocks_to_text([quote]) == "A tweet."
    assert blocks_to_text([quote], quote_sources=True) == "A tweet.\n— Jane Doe (@jane) May 1, 2019"


SENTENCE = "The grant rises in January and households no longer need a certificate"
WRAPPED = (
    "<div class='body'>"
    f"<div class='w'><div class='t'>{SENTENCE}, the first paragraph says, wrapped twice.</div>"
    "</div><div class='h'>What changes in January</div>"
    f"<div class='w'><div class='t'>{SENTENCE}, the second paragraph says, wrapped twice.</div>"
    "</div></div>"
)


def test_wrapped_subheading_between_wrapped_paragraphs_is_kept() -> None:
    seg = _seg(WRAPPED)
    keep = [b.text.endswith("wrapped twice.") for b in seg.blocks]
    out = keep_wrapped_subheadings(seg.blocks, seg.elements, keep)
    assert out[_index(seg, "What changes")]


def test_heading_like_line_outside_the_paragraphs_container_is_not_kept() -> None:
    seg = _seg(
        "<div class='body'><div class='w'><div class='t'>First paragraph of the story.</div>"
        "</div></div><div class='rail'><div class='x'><div class='y'><div class='z'>"
        "<div class='h'>Most viewed today</div></div></div></div>"
        "<div class='w'><div class='t'>A paragraph elsewhere on the page.</div></div></div>"
    )
    keep = [b.text.endswith("story.") or b.text.endswith("page.") for b in seg.blocks]
    out = keep_wrapped_subheadings(seg.blocks, seg.elements, keep)
    assert not out[_index(seg, "Most viewed")]


WIKI_SECTION = (
    "<div class='content'><p>The canal links the town's harbour with the river Weser.</p>"
    "<div class='mw-heading'><h2>History</h2><span class='mw-editsection'>[<a href='?edit=1'>"
    "edit</a>]</span></div><p>Plans for a canal go back to the 1870s, when the brickworks "
    "outgrew the railway.</p></div>"
)


def test_a_one_word_h2_followed_by_an_edit_link_introduces_the_kept_text() -> None:
    seg = _seg(WIKI_SECTION)
    keep = [b.text.endswith(("Weser.", "railway.")) for b in seg.blocks]
    out = keep_subheadings(seg.blocks, keep)
    assert out[_index(seg, "History")]
    assert not out[_index(seg, "[edit]")]


def test_a_one_word_line_that_is_not_an_h_tag_stays_dropped() -> None:
    seg = _seg(
        "<div><p>The canal links the town's harbour with the river Weser.</p>"
        "<div>Anzeige</div><p>Plans for a canal go back to the 1870s.</p></div>"
    )
    keep = [b.text.endswith(("Weser.", "1870s.")) for b in seg.blocks]
    assert not keep_subheadings(seg.blocks, keep)[_index(seg, "Anzeige")]


def test_drop_counters_drops_symbol_only_blocks_but_not_words_or_table_cells() -> None:
    seg = _seg(
        "<div><p>Kept paragraph.</p><div>✓</div><div>• • •</div><p>42</p><p>2014</p>"
        "<table><tr><td>✓</td><td>—</td></tr></table></div>"
    )
    out = drop_counters(seg.blocks, [True] * len(seg.blocks))
    kept = [b.text for b, k in zip(seg.blocks, out, strict=True) if k]
    assert kept == ["Kept paragraph.", "2014", "✓", "—"]


def test_dropped_before_kept_finds_exactly_the_blocks_next_kept_answers_for() -> None:
    from random import Random

    from sieb.blocks import Context, TextBlock
    from sieb.postprocess import _dropped_before_kept, _next_kept

    rng = Random(7)
    texts = ["", "[edit]", "A heading line", "A long paragraph of the article body text."]
    for _ in range(500):
        n = rng.randrange(0, 12)
        blocks = []
        for _ in range(n):
            text = rng.choice(texts)
            link = len(text) if text == "[edit]" and rng.random() < 0.7 else 0
            blocks.append(TextBlock(text, "p", link, 0, 1, Context()))
        keep = [rng.random() < 0.4 for _ in range(n)]
        expected = {
            (i, j)
            for i in range(n)
            if not keep[i] and (j := _next_kept(keep, blocks, i)) is not None
        }
        found = list(_dropped_before_kept(blocks, keep))
        assert len(found) == len(set(found))
        assert set(found) == expected


@pytest.mark.parametrize(
    ("text", "boilerplate"),
    [
        ("» Read more: Alibaba poised to launch record listing", True),
        ("Lea más: Juan Carlos Ortega propone legalizar la compra de dólares", True),
        ("Das könnte dich auch interessieren:", True),
        ("Zobacz także: Sejm przyjął ustawę", True),
        ("Read: Two disasters are exponentially worse than one", True),
        ("MIRA: Madre se acerca a conocer los motivos de captura de su hijo", True),
        ("Enter your email address to follow this blog and receive notifications by email.", True),
        ("Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen.", True),
        ("Je fais un don à Attac", True),
        ("Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
         True),
        ("For the latest news, download our app for iOS and Android.", True),
        ("(Reporting by Will Dunham; Editing by Tom Brown)", True),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", False),  # no start
        ("Have a tip? Jane Doe may be reached at jdoe@example.com.", True),
        ("Lea sagte am Montag, sie werde weiter kandidieren.", False),
        ("Kategorie: Erste Versuche", False),  # tag lists are text mode's; HTML has their links
        ("Weitere Beiträge " + "zu diesem Thema finden Sie im Archiv unserer Zeitung. " * 5, False),
    ],
)
def test_reader_prompts_in_several_languages_are_boilerplate(text: str, boilerplate: bool) -> None:
    assert is_boilerplate_line(text) is boilerplate
