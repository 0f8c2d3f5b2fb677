"""Text mode's headline from the page's URL (sieb.text.headline)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sieb
from sieb.article import LineRole
from sieb.text import headline
from sieb.text.headline import named_headline, slug_words
from sieb.text.lines import measure


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            ("https://www.example.com/news/2019/11/19/"
            "new-suvs-and-electric-vehicles-highlight-la-auto-show/"),
            ("new", "suvs", "and", "electric", "vehicles", "highlight", "la", "auto", "show"),
        ),
        # numbers and the file extension are left out; the last of equally wordy segments
        (
            "https://www.example.com/sports/lebron-sets-triple-double-mark-14848253.php",
            ("lebron", "sets", "triple", "double", "mark"),
        ),
        (
            "https://example.de/garten/gartenhaus-selber-bauen/wohnhaus-selbst-planen/",
            ("wohnhaus", "selbst", "planen"),
        ),
        ("https://example.de/stadt/b%C3%BCrger-fragen-den-rat", ("bürger", "fragen", "den", "rat")),
        # too few words: a section, an id, no path
        ("https://example.org/de/kultur/", ()),
        ("https://example.org/article/12345", ()),
        ("https://example.org", ()),
        (None, ()),
        ("http://[::1", ()),  # a malformed URL
        (b"https://example.org/news/council-approves-budget", ()),  # not a string
    ],
)
def test_slug_words(url: str | None, words: tuple[str, ...]) -> None:
    assert slug_words(url) == words


_PAGE = "\n".join(
    [
        "News",
        "Politics",
        "",
        "Council approves budget for new bike lanes",
        "",
        "By Jane Doe, City Reporter",
        "",
        "Watch the council's debate in full on our video channel",
        "",
        ("The city council approved a budget of 2.4 million euros for new bike lanes on Tuesday"
        " evening, after a debate of more than three hours in the town hall."),
        "",
        ("Construction on the first two routes will start in spring, the transport department"
        " said, and the network should be finished by the end of 2027."),
        "",
        "Share this article: https://example.org/news/council-approves-budget-for-new-bike-lanes",
    ]
)


def test_the_line_the_url_names_is_the_title() -> None:
    url = "https://example.org/news/2026/11/council-approves-budget-for-new-bike-lanes"
    feats = measure(_PAGE)
    named = named_headline(feats, slug_words(url))
    assert named is not None and feats[named].text == "Council approves budget for new bike lanes"
    article = sieb.clean_text(_PAGE, url=url)
    assert article.title == "Council approves budget for new bike lanes"
    roles = {line.text: line for line in article.lines}
    assert roles["Council approves budget for new bike lanes"].role is LineRole.TITLE
    assert article.sources["title"] == "url-slug-line"
    byline = roles["By Jane Doe, City Reporter"]
    assert byline.role is not LineRole.TITLE and not byline.kept
    rules_title = roles["Watch the council's debate in full on our video channel"]
    assert rules_title.role is not LineRole.TITLE and not rules_title.kept
    assert "2.4 million euros" in article.text and "Council approves" not in article.text


def test_of_the_headline_s_copies_the_one_over_the_body_is_the_title() -> None:
    # A sidebar lists the section's articles, this one among them, above the headline; the
    # copy right over the byline and the body is the title, the sidebar's stays navigation.
    sidebar = ["In this section", "Mayor opens new swimming pool", *_PAGE.split("\n")[3:4],
               "Tram line 4 closed for repairs", ""]
    page = "\n".join(["News", "", *sidebar, *_PAGE.split("\n")[2:]])
    url = "https://example.org/news/2026/11/council-approves-budget-for-new-bike-lanes"
    article = sieb.clean_text(page, url=url)
    titles = [line for line in article.lines if line.role is LineRole.TITLE]
    assert [line.number for line in titles] == [9]
    assert article.title == "Council approves budget for new bike lanes"
    first = next(line for line in article.lines if line.text == article.title)
    assert first.number == 5 and first.role is not LineRole.TITLE and not first.kept


def test_a_copy_of_the_headline_below_its_byline_is_the_lead_image_s() -> None:
    # The lead image's alt text repeats the headline under the byline: the title stays the line
    # over the byline.
    lines = _PAGE.split("\n")
    page = "\n".join([*lines[:7], "Council approves budget for new bike lanes", "", *lines[7:]])
    url = "https://example.org/news/2026/11/council-approves-budget-for-new-bike-lanes"
    titles = [x.number for x in sieb.clean_text(page, url=url).lines if x.role is LineRole.TITLE]
    assert titles == [4]


def test_without_a_matching_line_the_rules_title_stands() -> None:
    without = sieb.clean_text(_PAGE)
    other = sieb.clean_text(_PAGE, url="https://example.org/news/mayor-opens-new-swimming-pool")
    assert other.title == without.title
    assert [(x.role, x.kept) for x in other.lines] == [(x.role, x.kept) for x in without.lines]


def test_a_line_holding_the_url_itself_is_no_headline() -> None:
    url = "https://example.org/news/council-approves-budget-for-new-bike-lanes"
    text = "Read it at https://example.org/news/council-approves-budget-for-new-bike-lanes\n"
    text += "council-approves-budget-for-new-bike-lanes\n"
    assert named_headline(measure(text), slug_words(url)) is None


@pytest.mark.parametrize(
    ("lines", "url", "title"),
    [
        # accents the URL leaves out
        (["Autoracing", "Calendário Stock Car 2018", "1a etapa: 10 de março – Interlagos"],
         "http://www.example.com.br/calendario-stock-car-2018/", "Calendário Stock Car 2018"),
        # German umlauts and ß as URLs spell them
        (["Stadt", "Merkel trifft Bürger in Straßburg", "Die Kanzlerin sprach am Montag."],
         "https://example.de/politik/merkel-trifft-buerger-in-strassburg-1234.html",
         "Merkel trifft Bürger in Straßburg"),
        (["Stadt", "Rathaus öffnet für Bürger", "Die Stadt öffnet am Montag das Rathaus."],
         "https://example.de/stadt/rathaus-oeffnet-fuer-buerger",
         "Rathaus öffnet für Bürger"),
        # apostrophes the URL leaves out
        (["World", "Meet the Swede who tattooed a state epidemiologist's face on his arm",
          "A Swedish man has tattooed the face of the country's state epidemiologist."],
         "https://example.se/20200428/meet-the-swede-who-tattooed-a-state-epidemiologists-face-on-his-arm",
         "Meet the Swede who tattooed a state epidemiologist's face on his arm"),
        (["Music", "Don’t stop the music, says the band", "The band said on Monday."],
         "https://example.com/music/dont-stop-the-music-says-the-band",
         "Don’t stop the music, says the band"),
    ],
)
def test_a_headline_in_other_letters_than_the_url(lines: list[str], url: str, title: str) -> None:
    feats = measure("\n\n".join(lines))
    named = named_headline(feats, slug_words(url))
    assert named is not None and feats[named].text == title
    assert named == headline.python_named_headline(feats, slug_words(url))


def test_a_line_not_shaped_like_a_headline_names_it_only_when_nearly_the_slug() -> None:
    url = "https://example.de/2014/01/creditshelf-kooperiert-mit-finleap-und-plant-akquisition"
    lines = [
        "Startseite",
        "creditshelf kooperiert mit finleap und plant Akquisition",
        ("Der Kreditmarktplatz creditshelf kooperiert mit finleap und plant nach eigenen Angaben"
         " die Akquisition eines Wettbewerbers, teilte das Unternehmen am Montag mit."),
    ]
    feats = measure("\n\n".join(lines))
    assert not feats[1].is_headline  # a lower-case start
    assert named_headline(feats, slug_words(url)) == 1
    # the lead alone holds the slug's words among many others: not the headline
    assert named_headline(measure("\n\n".join(lines[::2])), slug_words(url)) is None


def test_a_line_in_the_url_letters_goes_before_one_folded() -> None:
    feats = measure("Rathaus öffnet für Bürger\n\nRathaus oeffnet fuer Buerger\n\nText.")
    words = slug_words("https://example.de/stadt/rathaus-oeffnet-fuer-buerger")
    assert named_headline(feats, words) == 1
    assert headline.fold_letters("straße – ça", german=False) == "strasse   ca"
    assert headline.fold_letters("warning—climate", german=False) == "warning climate"
    assert headline.fold_letters("bürger", german=True) == "buerger"


def test_a_line_s_numbers_do_not_lower_its_rank() -> None:
    """A slug leaves numbers alone out: "Calendário Stock Car 2018" is all of
    /calendario-stock-car-2018/ and ranks above the menu's "Calendário da Stock Car", which
    comes first and ties with it when the year counts as a word the slug lacks."""
    lines = ["Calendário da Stock Car", "Notícias", "Calendário Stock Car 2018", "Texto."]
    feats = measure("\n\n".join(lines))
    words = slug_words("http://www.example.com.br/calendario-stock-car-2018/")
    assert named_headline(feats, words) == 2
    assert headline.python_named_headline(feats, words) == 2


def test_a_line_s_numbers_still_count_against_its_bound() -> None:
    """A line whose words are half the slug's only when its numbers are left out names no
    headline: its numbers are words the slug lacks."""
    words = ("inch", "macbook", "pro", "scissor", "keyboard")
    line = "16-inch MacBook Pro's new scissor switch keyboard via iFixit"
    assert named_headline(measure(line), words) is None
    assert headline.python_named_headline(measure(line), words) is None


_URL_PIECES = st.sampled_from(
    [
        "https://", "http://", "//", "example.org", "/", "/", "-", "_", ".html", ".PHP", ".shtml",
        "?", "#", "%20", "%C3%BC", "%E2%80%93", "%zz", "2019", "11", "news", "council",
        "approves", "Budget", "for", "bike", "lanes", "İstanbul", "straße", "ΣΟΦΙΑ", "12a", "٣",
    ]
)
_LINE_WORDS = st.sampled_from(
    [
        "council", "approves", "budget", "for", "bike", "lanes", "Council", "News", "the", "of",
        "council-approves-budget", "https://example.org", "%2F", "2019", "–", ":", "!", "İ",
        "Bürger", "bürger", "buerger", "fußball", "Çouncil", "Bíke", "cöuncil", "coun’cil",
        "council.", "coun'cil", "bike—lanes",
    ]
)


@pytest.mark.skipif(headline._COMPILED is None, reason="the compiled twins are not built")
@settings(max_examples=300, deadline=None)
@given(st.lists(_URL_PIECES, max_size=16).map("".join))
def test_compiled_slug_words_are_the_definition(url: str) -> None:
    assert headline.slug_words(url) == headline.python_slug_words(url)


@pytest.mark.skipif(headline._COMPILED is None, reason="the compiled twins are not built")
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_LINE_WORDS, min_size=1, max_size=9).map(" ".join), max_size=12),
    st.lists(st.sampled_from(["council", "approves", "budget", "bike", "lanes", "for",
                              "buerger", "fussball", "bürger", "coun"]),
             min_size=3, max_size=6),
)
def test_compiled_named_headline_is_the_definition(lines: list[str], words: list[str]) -> None:
    feats = measure("\n\n".join(lines))
    assert headline.named_headline(feats, tuple(words)) == headline.python_named_headline(
        feats, tuple(words)
    )
