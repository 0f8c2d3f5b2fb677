"""The line classifier on hand-built lines, without whole pages: context-free roles, body span."""

from __future__ import annotations

import pytest

from sieb.article import LineRole
from sieb.text.lines import measure
from sieb.text.model import _KEEPABLE_REASONS
from sieb.text.roles import assign, body_span, context_free


def _one(text: str):
    return measure(text)[0]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Teilen", LineRole.UI),
        ("Read more »", LineRole.UI),
        ("Bild 3 von 12", LineRole.UI),
        ("Teilen mit:", LineRole.UI),
        ("Getaggt mit:", LineRole.UI),
        ("Empfohlener redaktioneller Inhalt", LineRole.UI),
        ("Please reload CAPTCHA.", LineRole.UI),
        ("Time limit is exhausted. Please reload CAPTCHA.", LineRole.UI),
        ("Want More?", LineRole.UI),
        ("Você pode gostar...", LineRole.UI),
        ("Related Topics:", LineRole.UI),
        ("Was denkst du?", LineRole.UI),
        ("Hier klicken, um das Antworten abzubrechen.", LineRole.UI),
        ("Weitere Informationen:", LineRole.UI),
        ("Newsletter abonnieren", LineRole.UI),
        ("Media playback is unsupported on your device", LineRole.UI),
        ("Print This Article", LineRole.UI),
        ("Thanks for watching!", LineRole.UI),
        ("Report Error", LineRole.UI),
        ("Fehler melden", LineRole.UI),
        ("Anzeige", LineRole.AD),
        ("Advertisement", LineRole.AD),
        ("We use cookies to give you the best experience on our website.", LineRole.CONSENT),
        ("© 2024 Example Media. All rights reserved.", LineRole.FOOTER),
        ("Impressum", LineRole.FOOTER),
        ("Foto: Peter Wagner", LineRole.CREDIT),
        ("Photo: Getty Images", LineRole.CREDIT),
        ("dpa", LineRole.CREDIT),
        ("(Fuente: Télam)", LineRole.CREDIT),
        (". Imagen: Télam", LineRole.CREDIT),
        ("Bildquelle: Lars Sobiraj", LineRole.CREDIT),
        ("Datum:", LineRole.META_LABEL),
        ("3:45", LineRole.META_LABEL),
        ("12.03.2024, 18:45 Uhr", LineRole.DATE),
        ("Updated 1:39 am EST, Wednesday, November 20, 2019", LineRole.DATE),
        ("By Jane Smith and Tom Miller", LineRole.BYLINE),
        ("Von Julia Hoffmann", LineRole.BYLINE),
        ("Please enable JavaScript in your browser to watch this video.", LineRole.NOTICE),
        ("Gespeichert! Bewertet! Kopiert! Fertig.", LineRole.UI),
        ("Kommentieren Sie", LineRole.FOOTER),
        ("[12 Comments]", LineRole.FOOTER),
        ("Leave a Reply", LineRole.FOOTER),
        ("11 Antworten zu “Sunday Thoughts: Ein wenig lost, aber immer noch da!”",
         LineRole.FOOTER),
        ("Eine Antwort auf „Mein cosy Home Gift Guide“", LineRole.FOOTER),
        # comment policies and widgets open the comment section
        ("Community Rules apply to all content you upload or otherwise submit to this site.",
         LineRole.FOOTER),
        ("As you comment, please be respectful of other commenters.", LineRole.FOOTER),
        ("blog comments powered by Disqus", LineRole.FOOTER),
        ("Ein Kommentar zu “Ein entspannter Start ins neue Jahr”", LineRole.FOOTER),
        (
            (
                "WASHINGTON, DC - NOVEMBER 19: Senator Jane Doe speaks during a hearing of the"
                " committee. (Photo by Alex Wong/Getty Images)"
            ),
            LineRole.CAPTION,
        ),
        ("Der Bürgermeister eröffnet die neue Brücke. (Foto: Max Muster)", LineRole.CAPTION),
        ("A reference habitation module for a crewed Mars mission. Credit: ESA", LineRole.CAPTION),
        ("In this photo issued by ITV, the two leaders shake hands.", LineRole.CAPTION),
        ("Protesters gathered outside the parliament building (ITV via AP)", LineRole.CAPTION),
        ("Workers repair the old bridge over the river | Jane Doe | Bloomberg | Getty Images",
         LineRole.CAPTION),
        ("The senator speaks to voters.Credit...Jane Doe/The Daily Times", LineRole.CAPTION),
        ("Milan Griffes on September 12, 2018 at 4:47 pm said:", LineRole.FOOTER),
        ("Catherine (GiveWell) on October 29, 2018 at 12:06 pm said:", LineRole.FOOTER),
        ("Jan am 12. März 2019 um 14:33 Uhr schrieb:", LineRole.FOOTER),
        ("Your email address will not be published. Required fields are marked *",
         LineRole.FOOTER),
        ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
         LineRole.FOOTER),
        ("This site uses Akismet to reduce spam. Learn how your comment data is processed.",
         LineRole.FOOTER),
        # lines pointing to other articles or asking the reader for something
        ("Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo", LineRole.TEASER),
        ("» Read more: Alibaba poised to launch record-breaking Hong Kong listing",
         LineRole.TEASER),
        ("Czytaj też: Czy grozi nam wojna atomowa?", LineRole.TEASER),
        ("Lea más: Juan Carlos Ortega propone legalizar la compra de dólares", LineRole.TEASER),
        ("Das könnte dich auch interessieren:", LineRole.TEASER),
        ("Dowiedz się więcej", LineRole.TEASER),
        ("Lea: Consejo Permanente de OEA aborda este miércoles la confiscación", LineRole.TEASER),
        ("Sign up to get the best content of the week, and great gaming deals.", LineRole.NOTICE),
        ("POPSUGAR Would Like To Send You Push Notifications.", LineRole.NOTICE),
        ("Leia também: Governo anuncia novo programa de habitação", LineRole.TEASER),
        ("Jede kleine Spende hilft den notleidenden Menschen dieser Welt!", LineRole.TEASER),
        ("Je fais un don à Attac", LineRole.TEASER),
        ("Wenn Ihnen unser Artikel gefallen hat: Unterstützen Sie diese Form des Journalismus.",
         LineRole.TEASER),
        ("Get the latest news straight to your phone with the VI Consortium app.",
         LineRole.TEASER),
        ("For the latest stories and breaking news updates download the apps for iOS and Android.",
         LineRole.TEASER),
        # the article's tags or categories, which link to other articles' lists
        ("getaggt mit:Bedingungsloses GrundeinkommenBerlinDemonstrationSusanne Wiest",
         LineRole.TEASER),
        ("Filed Under: Arts, Visual Art, Kimbell Art Museum, Gustave Caillebotte", LineRole.TEASER),
        ("Schlagworte: Akku-Heizjacke, Arbeitskleidung, beheizbare Jacken, Heizjacke",
         LineRole.TEASER),
        ("Eingeordnet unter Allgemein", LineRole.TEASER),
        # an affiliate disclosure, and the heading of a table of contents
        (("This article contains affiliate links. If you book through them we may earn a small "
         "commission at no extra cost to you."), LineRole.TEASER),
        ("Dieser Beitrag enthält Affiliate-Links.", LineRole.TEASER),
        ("Inhaltsverzeichnis", LineRole.UI),
        # the consent framework's banner, a metered paywall's count, a shop's button
        ("We and our 214 partners store and access information on your device.",
         LineRole.CONSENT),
        ("Wir und unsere Partner speichern Informationen auf Ihrem Gerät.", LineRole.CONSENT),
        ("Um die Karte anzuzeigen, stimmen Sie bitte der Nutzung von Google Maps zu.",
         LineRole.CONSENT),
        # an embedded post's placeholder asking for consent, and the banner in German compounds
        (
            (
                "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein"
                " Einverständnis keine Verbindung zu Twitter her."
            ),
            LineRole.CONSENT,
        ),
        ("Bitte gib dein Einverständnis.", LineRole.CONSENT),
        ("Wir haben Sie nicht mit einer Cookieabfrage genervt.", LineRole.CONSENT),
        ("Ihre Cookie-Einstellungen lassen sich jederzeit ändern.", LineRole.CONSENT),
        ("You've read 4 articles this month", LineRole.NOTICE),
        # prompts to follow an author, share buttons, feeds and a screen reader's note
        ("Follow VentureBeat on Twitter", LineRole.UI),
        ("Folge Anna Müller auf Instagram", LineRole.UI),
        ("Share this with LinkedIn", LineRole.UI),
        ("Get author RSS feed", LineRole.UI),
        ("Druckansicht", LineRole.UI),
        ("Hinterlasse jetzt einen Kommentar", LineRole.UI),
        ("Embedded Video", LineRole.UI),
        ("RSS", LineRole.UI),
        ("These are external links and will open in a new window", LineRole.UI),
        ("Jetzt kaufen", LineRole.UI),
        ("Buy now", LineRole.UI),
        ("Table of Contents", LineRole.UI),
        # captions whose credit is a wire service's "should read" line or a photographer label
        (
            ("A plane takes off from Hong Kong's airport on March 13, 2019. (Photo by Anthony"
            " WALLACE / AFP) (Photo credit should read ANTHONY WALLACE/AFP/Getty Images)"),
            LineRole.CAPTION,
        ),
        (
            ("The adviser arrives to testify before the committee on Tuesday. Photographer:"
            " Andrew Harrer/Bloomberg via Getty Images"),
            LineRole.CAPTION,
        ),
        # captions credited in Finnish and Spanish
        ("Saksan liittokansleri Angela Merkel tapasi Berliinissä. Kuva: ALEXANDER BECHER",
         LineRole.CAPTION),
        ("El presidente de la Corte Suprema habló ante la prensa. Imagen: Télam", LineRole.CAPTION),
        ("Der Verband fordert eine schnelle Aufklärung. (Quelle: Fleischmann/Unsplash/DJV)",
         LineRole.CAPTION),
        ("Media captionHow caravans are helping frontline medics with a place to stay",
         LineRole.CAPTION),
        ("Image caption Scooter Braun has managed several singers throughout his career",
         LineRole.CAPTION),
        # an image's file name standing for the image
        ("milano-design-week-2018-flos-anastassiades-arrangements-02", LineRole.IMAGE_ALT),
        ("Die-Profile-werden-dann-mithilfe-der-Eckkappen-verbunden.jpg", LineRole.IMAGE_ALT),
        ("IMG_20190412_153012_HDR_01", LineRole.IMAGE_ALT),
        (
            ("In this handout image provided by the studio, the host interviews the couple"
             " on a primetime special."),
            LineRole.CAPTION,
        ),
    ],
)
def test_context_free_roles(line, role):
    decided = context_free(_one(line))
    assert decided is not None
    assert decided[0] is role
    assert decided[1]


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe now to our eNATION edition for the full story.",
        "To view the full story, please subscribe to The Daily Times for $60 a year.",
        "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    ],
)
def test_a_notice_that_prompts_the_reader_stays_out_of_the_body(line):
    """A subscription notice that starts like a reader prompt keeps its role, with a reason the
    line model may not overturn (other notices it may)."""
    decided = context_free(_one(line))
    assert decided is not None
    assert decided[0] is LineRole.NOTICE
    assert decided[1] not in _KEEPABLE_REASONS
    plain = context_free(_one("Please log in to your account to continue reading this article."))
    assert plain is not None and plain[0] is LineRole.NOTICE
    assert plain[1] in _KEEPABLE_REASONS


@pytest.mark.parametrize(
    "line",
    [
        "Der Stadtrat hat am Dienstag das neue Konzept für Radwege beschlossen.",
        "What changes for residents",
        "Stoltenberg sagte der Zeitung, der Rat habe seit 19 Monaten nicht getagt.",
        "Cookie Monster returns to Sesame Street",  # a headline, not a banner
        # a headline that begins and ends as a follow prompt does, but is longer than one
        "Follow the money: how the city's budget ended up on Twitter",
        "How to follow the election results on Facebook",
        # answers and comments in a sentence or a heading, not a comment section's count
        "Antworten zu den häufigsten Fragen",
        "Eine Antwort darauf hat die Regierung bis heute nicht gegeben.",
        "Ein Kommentar zum Haushalt",
        "Bildung ist ein Thema, das alle angeht: Fotos der Schüler zeigen es.",
        # brackets and colons at the end that name no photo's source
        "Die elektronische Patientenakte wird seit Jahren intensiv diskutiert (ePA)",
        "The report names three causes of the delay: the weather, the budget and the staff.",
        "The figures come from the statistics office (Source: Eurostat)",
        "The ruling should be read in full (the court should read it out on Monday)",
        # a word of a few hyphenated parts is a word, not a file's name
        "Schritt-für-Schritt-Anleitung",
        "Mund-Nasen-Schutz",
        # a quote's introduction with a date and a time is not a comment's header
        "In a statement published on 12 March 2018 at 10:30 the minister wrote that it was over.",
        "In a statement issued on Monday, 12 March 2018 at 10:30, the minister of finance said:",
        # the comment form's keys in prose
        "Die Studie wurde bis heute nicht veröffentlicht, sagte die Sprecherin des Ministeriums.",
        "The report will not be published before the election, the ministry said on Monday.",
        # a long paragraph about accounts or cookies is prose, not a notice or a banner
        "If you are still using the same password for every site you visit, you put yourself"
        " at risk. " * 6,
        "Scientists had long known about the receptors in the tongue, and they found them in "
        "the gut, the lungs and the brain as well. " * 6 + "Even a cookie triggers them.",
        # a reader prompt's start inside a sentence, or opening a paragraph of 200+ characters
        "The council asked residents to read more carefully before they sign the petition.",
        (
            "Read more than the headline, the mayor said: the budget protects every library in"
            " the city, every bus route and every youth club, and the critics have not read it"
            " at all, she told the council on Tuesday evening."
        ),
    ],
)
def test_content_lines_are_left_to_the_neighbours(line):
    assert context_free(_one(line)) is None


def test_body_span_is_the_maximum_sum_run():
    assert body_span([-20, -20, 300, -20, 250, -40, -40, 30]) == (2, 4)
    assert body_span([-1, -2]) == (0, -1)
    assert body_span([]) == (0, -1)


def test_a_tables_rows_are_body_evidence():
    """A standings table between two short notes is the article (its rows, tab-separated in
    flattened text, count as sentences do), not the sidebar's prose further down."""
    rows = "\n".join(
        f"{k}\t\tDriver Number {k}\t\t{5000 - 40 * k}\t\t{k % 4}\t\t{20 - k}" for k in range(1, 31)
    )
    sidebar = (
        "Click the photo of our columnist and read his columns on Formula 1 and MotoGP, written"
        " every week since the start of the season."
    )
    text = (
        "Standings\n\nThe standings after 36 races.\n\n"
        "Pos.\t\tDriver\t\tPoints\t\tWins\t\tTop 10\n"
        f"{rows}\n\n* The top twelve race for the title.\n\n"
        "Menu\nHome\nContact\nNews\nVideo\nShare\nTweet\nEmail\nPrint\n\n"
        f"{sidebar}\n"
    )
    feats = measure(text)
    decisions = assign(feats)
    kept = {f.text for f, d in zip(feats, decisions, strict=True) if d.kept}
    assert all(f.text in kept for f in feats if "\t" in f.text)
    assert sidebar not in kept


def test_a_table_row_alone_in_its_block_inside_the_body_is_kept() -> None:
    """A row of cells between body paragraphs is kept as a table row, though short and alone in
    its block (a blank line above and below it, or a row that repeats another's text), where a
    short line of words would be dropped."""
    prose = (
        "The club's swimmers trained twice a week through the winter, and the coach kept a plan"
        " for every session that the older members still follow today."
    )
    text = (
        f"Winter training plan\n\n{prose}\n\n"
        "400 m\t\tWarm-up\n\n8 x 50 m\t\tKick\t\t15 s\n\n8 x 50 m\t\tKick\t\t15 s\n\n"
        "Cool down\n\n"
        f"{prose.replace('winter', 'summer')}\n"
    )
    feats = measure(text)
    decisions = assign(feats)
    by_text = {f.text: d for f, d in zip(feats, decisions, strict=True)}
    row = by_text["8 x 50 m\t\tKick\t\t15 s"]
    assert (row.role, row.kept, row.reason) == (
        LineRole.LIST_ITEM, True, "table row inside the body"
    )
    assert by_text["400 m\t\tWarm-up"].kept


def test_a_list_of_other_articles_ends_the_body() -> None:
    """Below the heading of a list of other articles ("Você pode gostar"), the teasers' prose is
    the list's, with a reason the line model may not overturn; above the article's prose the
    same heading ("Most read" box under the header) ends nothing."""
    para = (
        "This is a sentence of ordinary prose that runs on for a while, as body text does in an"
        " article of some length."
    )
    teaser = "Another article's lead reads like prose too, a sentence that runs on, as leads do."
    text = f"Title\n\n{para}\n\n{para} More.\n\n{para} Again.\n\nMost read\n\n{teaser}\n"
    feats = measure(text)
    decisions = assign(feats)
    assert [d.kept for d in decisions] == [False, True, True, True, False, False]
    assert decisions[-1].reason == "text in a list of other articles"
    assert decisions[-1].reason not in _KEEPABLE_REASONS
    boxed = assign(measure(f"Most read\n\n{teaser}\n\n{para}\n\n{para} More.\n"))
    assert all(d.reason != "text in a list of other articles" for d in boxed)


def test_an_embedded_posts_closing_line_in_the_body_is_kept_as_its_source() -> None:
    """A tweet's "— Author (@handle) Month D, YYYY" is the source of the quoted post, kept with
    it inside the body; the same line outside the body stays a dropped date line."""
    para = (
        "This is a sentence of ordinary prose that runs on for a while, as body text does in an"
        " article of some length."
    )
    source = "— City Council (@citycouncil) November 18, 2019"
    post = "The council meets again on Tuesday to vote on the budget."
    text = f"Title\n\n{para}\n\n{post}\n{source}\n\n{para} More.\n\n{para} Again.\n"
    decided = dict(zip((f.text for f in measure(text)), assign(measure(text)), strict=True))
    assert decided[source].kept and decided[source].role is LineRole.QUOTE_SOURCE
    outside = assign(measure(f"{source}\n\n{para}\n\n{para} More.\n"))
    assert outside[0].role is LineRole.DATE and not outside[0].kept


def test_the_text_of_an_embedded_post_above_its_source_line_is_kept() -> None:
    """A post's text that the rules would drop as a short line followed by no text is the
    post's, kept above its source line."""
    para = (
        "This is a sentence of ordinary prose that runs on for a while, as body text does in an"
        " article of some length."
    )
    source = "— Jane Doe (@janedoe) November 18, 2019"
    post = "Oh, no. It seems the other campaigns are just as bad as this one. https://t.co/Nc0nKoXGBP"
    # the next content is no text either (another post's short line): no heading over text
    text = (
        f"Title\n\n{para}\n\n{post}\n\n{source}\n\nmeth. dot. com\n\n{para} More.\n\n"
        f"{para} Again.\n"
    )
    feats = measure(text)
    decided = dict(zip((f.text for f in feats), assign(feats), strict=True))
    assert decided[source].kept
    assert decided[post].kept and decided[post].role is LineRole.PARAGRAPH
    assert decided[post].reason == "the text of the post whose source line is below"
    alone = dict(zip((f.text for f in feats), assign(measure(text.replace(source, "Share"))),
                     strict=True))
    assert not alone[post].kept


def test_features_group_lines_by_blank_lines():
    feats = measure("a b c\nd e f\n\nghi\n")
    assert [(f.number, f.group, f.group_pos, f.group_size) for f in feats] == [
        (1, 0, 0, 2),
        (2, 0, 1, 2),
        (4, 1, 0, 1),
    ]


def test_short_line_between_paragraphs_is_a_heading():
    para = "This is a sentence of ordinary prose that runs on for a while, as body text does."
    text = f"{para}\n\nA heading between them\n\n{para} More.\n"
    roles = [d.role for d in assign(measure(text))]
    assert roles == [LineRole.PARAGRAPH, LineRole.HEADING, LineRole.PARAGRAPH]


def test_lines_after_the_body_are_not_kept():
    para = "This is a sentence of ordinary prose that runs on for a while, as body text does."
    chrome = "Share\nTweet\nEmail\nPrint\nMore\n\nTop stories\n\nOther headline here\n"
    text = f"{para}\n\n{para}\n\n{chrome}"
    decisions = assign(measure(text))
    assert [d.kept for d in decisions] == [True, True] + [False] * 7


def test_lines_built_through_slots_equal_dataclass_lines():
    from sieb.article import Line
    from sieb.text import clean_text

    article = clean_text(
        "Share\n\nThis is a sentence of ordinary prose that runs on, as body text does.\n"
    )
    first = article.lines[0]
    assert first == Line(first.number, first.text, first.role, first.kept, first.reason)
    assert [(ln.number, ln.kept) for ln in article.lines] == [(1, False), (3, True)]


def test_lines_seen_on_earlier_pages_are_measured_as_on_a_fresh_start():
    from sieb.text import clear_caches

    first = "Teilen\n\nThe council met on Monday and agreed on the budget for the coming year."
    second = "Home\nTeilen\nTeilen\n\nThe council met on Monday and agreed on the budget."
    measure(first)
    assign(measure(first))
    remembered = measure(second)
    remembered_roles = assign(remembered)
    clear_caches()
    fresh = measure(second)
    assert list(remembered) == list(fresh)
    assert (remembered.numeric == fresh.numeric).all()
    assert (remembered.layout == fresh.layout).all()
    assert [f.repeats for f in fresh if f.text == "Teilen"] == [2, 2]
    assert remembered_roles == assign(fresh)


def test_paragraph_blocks_equal_those_the_dataclass_builds():
    from sieb.article import Block, BlockKind
    from sieb.text.assemble import _paragraph

    block = _paragraph("A line of body text.")
    assert block == Block(BlockKind.PARAGRAPH, text="A line of body text.")
    assert block.to_dict() == {"kind": "paragraph", "text": "A line of body text."}


_ARTICLE = (
    "How the council spent the budget\n\n"
    + "".join(
        f"{sentence} The council will publish the full figures for every district next week.\n\n"
        for sentence in (
            "The city council met on Tuesday to agree next year's budget after months of debate.",
            "The mayor said the plan would protect libraries and bus routes in every district.",
            "Critics said the plan did too little for housing, and that rents would keep rising.",
            "The budget now goes to the regional government, which has six weeks to approve it.",
        )
    )
)
_THREAD = (
    "3 Comments\n\n"
    "Jane Roe on September 12, 2018 at 4:47 pm said:\n\n"
    "I think the council should have spent far more on housing. Rents are much too high for the "
    "families who live in the centre of town, and the plan does nothing about it at all.\n\n"
    "Tom Miller on September 13, 2018 at 9:02 am said:\n\n"
    "Agreed. The parking fees will hurt the small shops in the centre, and nobody asked the "
    "people who work there what they think of the plan before the council voted on it.\n\n"
    "Leave a Reply\n"
)


def test_a_comment_form_inside_the_body_span_ends_the_body():
    form = (
        "Your email address will not be published. Required fields are marked *\n\n"
        "I visited the new library last week and the staff were friendly, though the opening "
        "hours are still too short for people who work during the day in the city centre.\n\n"
    )
    decisions = assign(measure(_ARTICLE + form + _ARTICLE.split("\n\n", 1)[1]))
    first_form_line = next(i for i, d in enumerate(decisions) if d.role is LineRole.FOOTER)
    assert all(d.kept for d in decisions[1:first_form_line])
    assert not any(d.kept for d in decisions[first_form_line:])


def test_a_comment_thread_after_the_article_is_not_body_text():
    import sieb

    article = sieb.clean_text(_ARTICLE + _THREAD)
    assert "rents would keep rising" in article.text
    assert "Rents are much too high" not in article.text
    assert "parking fees will hurt" not in article.text
    reasons = {line.text[:20]: line.reason for line in article.lines}
    assert reasons["I think the council "] == "text in the comment section"


def test_a_comment_header_or_a_counted_start_makes_its_section_final():
    """Lines below a bare "Comments" keep the usual reasons (such a line also heads sidebars
    and opinion columns); below a comment's header or "3 Comments" they are comments."""
    decisions = assign(measure(_ARTICLE + "Comments\n\nRecent posts\n\nAnother story\n"))
    after_the_body = {"short line after the body", "text after the body"}
    assert {d.reason for d in decisions[-2:]} <= after_the_body
    decisions = assign(measure(_ARTICLE + "3 Comments\n\nRecent posts\n\nAnother story\n"))
    assert {d.reason for d in decisions[-2:]} <= {
        "short line in the comment section", "text in the comment section"
    }
    decisions = assign(measure(_ARTICLE + _THREAD.replace("3 Comments", "Comments")))
    after = [d for d in decisions if d.reason.endswith("in the comment section")]
    assert len(after) == 2 and not any(d.kept for d in after)  # the two comments


def _decisions_of(extra: str) -> dict[str, object]:
    """The decisions of the lines of `extra`, placed between two halves of an article."""
    first, second = _ARTICLE.split("\n\n", 3)[:3], _ARTICLE.split("\n\n", 3)[3]
    feats = measure("\n\n".join(first) + "\n\n" + extra + "\n\n" + second)
    return {f.text: d for f, d in zip(feats, assign(feats), strict=True)}


def test_a_list_of_links_with_counts_is_navigation():
    links = "World (3031)\nSports (1379)\nLife Style (1685)\nEvents (56)"
    decisions = _decisions_of(links)
    for line in links.split("\n"):
        assert decisions[line].role is LineRole.NAVIGATION
        assert decisions[line].reason == "list of links with counts"
    assert not any(d.reason == "list of links with counts" for d in _decisions_of(
        "Published in the council report (2019)\n"
        "The figures are in the appendix of this year's report, published by the council (2)"
    ).values())


def test_teasers_cut_off_with_an_ellipsis_are_teasers_when_there_are_several():
    teasers = (
        "Microsoft removes the safeguard hold for Windows 10 users with Realtek Bluetooth...\n"
        "Cool 14 inch and 15 inch Lenovo Yoga laptops with improved Alexa suppor...\n"
        "Some sites cut their teasers off with two dots inste.."
    )
    decisions = _decisions_of(teasers)
    for line in teasers.split("\n"):
        assert not decisions[line].kept
        assert decisions[line].reason == "cut-off teaser in a list of them"
    alone = "The mayor paused, and then said only that the budget would be, in her words, \u2026"
    assert _decisions_of(alone)[alone].kept


def test_headlines_run_into_their_leads_are_teaser_cards():
    cards = (
        "Customers Leave Without Paying Bill At Troy SteakhouseA party of six left Ruth's "
        "Chris Steakhouse in Troy without paying a bill of 690 dollars.\n"
        "Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan "
        "will mail applications encouraging residents to apply for the new panel."
    )
    decisions = _decisions_of(cards)
    for line in cards.split("\n"):
        assert decisions[line].role is LineRole.TEASER
        assert decisions[line].reason == "headline run into its lead: a teaser card"
    # one such line alone is more often a name's pop-up run into the sentence around it
    alone = (
        "South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down on the "
        "campaign and says the state will keep running the advertisements."
    )
    brands = (
        "The new 16-inch MacBook Pro features a redesigned keyboard, and Apple's AirPods are "
        "still the best-selling headphones in the country, the company said.\n"
        "The 13-inch MacBook Air was last updated in July, while the higher-end models were "
        "updated in May, according to the company."
    )
    assert _decisions_of(alone)[alone].kept
    assert all(_decisions_of(brands)[line].kept for line in brands.split("\n"))


def test_a_short_line_nearest_the_body_is_not_the_title_under_a_fuller_headline():
    """A reporter's name or a label right above the body (fewer than four words) gives way to
    the headline above it; the lines between keep their places before the body."""
    text = "\n\n".join(
        [
            "Home",
            "Oil slips as oversupply worries weigh on prices",
            "Updated 12 March 2024",
            "Rodrigo Campos",
            ("Oil prices fell on Monday as worries about oversupply outweighed hopes for demand,"
            " with traders watching stock data due later in the week from the United States."),
            ("Brent crude futures fell 1.2 percent to 81.10 dollars a barrel by midday, while US"
            " crude lost 1.1 percent, extending last week's losses for both benchmarks."),
        ]
    )
    feats = measure(text)
    out = assign(feats)
    roles = {f.text: d for f, d in zip(feats, out, strict=True)}
    assert roles["Oil slips as oversupply worries weigh on prices"].role is LineRole.TITLE
    assert roles["Rodrigo Campos"].role is not LineRole.TITLE
    assert not roles["Rodrigo Campos"].kept
    assert [d.role for d in out].count(LineRole.TITLE) == 1


def test_a_line_in_a_block_with_an_interface_string_is_not_taken_for_the_title() -> None:
    """A sharing row's short lines become UI with their block ("Show more sharing options" beside
    "Share"), so the title is looked for above them: the page had no title when the rules took
    such a line for it. Guessed blocks (no blank lines) are not asked: they often join the
    headline to a "Previous Post" link."""
    from sieb.text import clean_text

    body = (
        "Walt Disney Co. executive Kevin Mayer said overwhelming demand and a computer glitch led"
        " to the problems that users of the new streaming service met on its first day.\n\n"
        "The company struggled to contend with the more than 10 million users who signed up"
        " within hours of the launch, Mayer told an investor conference on Tuesday."
    )
    text = "\n\n".join(
        [
            "Company Town",
            "Exec says the streaming service had some issues on its first day",
            "By Meg James",
            "Facebook\nTwitter\nShow more sharing options\nShare\nCopy Link URLCopied!",
            body,
        ]
    )
    article = clean_text(text)
    assert article.title == "Exec says the streaming service had some issues on its first day"
    roles = {line.text: line.role for line in article.lines}
    assert roles["Show more sharing options"] is LineRole.UI
    wet = clean_text("\n".join(line for line in text.split("\n") if line.strip()))
    assert wet.text.startswith("Walt Disney Co. executive")


def test_a_date_and_a_byline_in_a_block_with_an_interface_string_stay_metadata() -> None:
    """An interface string makes the short lines of its block UI, but a byline and a date among
    them stay what they are: the article's author and day ("Follow Jane Doe on Twitter" made the
    whole byline block UI, and the page lost both)."""
    from sieb.text import clean_text

    body = (
        "The council approved the budget on Tuesday after a debate that lasted well into the"
        " evening, with most members backing the plan for new bike lanes."
    )
    text = (
        "Council backs bike lanes in new budget\n\n"
        "By Jane Doe\nFollow Jane Doe on Twitter\nNovember 19, 2019\n\n"
        f"{body}\n\n{body.replace('Tuesday', 'Wednesday')}\n\n{body.replace('council', 'mayor')}\n"
    )
    article = clean_text(text)
    roles = {line.text: line.role for line in article.lines}
    assert roles["Follow Jane Doe on Twitter"] is LineRole.UI
    assert roles["By Jane Doe"] is LineRole.BYLINE
    assert roles["November 19, 2019"] is LineRole.DATE
    assert article.authors == ("Jane Doe",)
    assert article.published is not None and article.published.startswith("2019-11-19")
