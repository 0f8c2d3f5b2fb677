"""Text mode's question-and-answer pages (sieb.text.answers): the answers below "3 Answers" are
the body, their chrome and comments are not; a blog's comment count changes nothing."""

from __future__ import annotations

from sieb import clean_text
from sieb.article import LineRole
from sieb.text import answers
from sieb.text.lines import python_measure
from sieb.text.markers import marker_lines
from sieb.text.roles import Decision

_QUESTION = (
    "I started a rye starter two weeks ago and it has been doubling reliably after every feed. "
    "Since yesterday it smells sharply of nail polish remover. Is the starter going bad?"
)
_ANSWER_1 = (
    "Your starter is not going bad, it is hungry. The acetone smell comes from the yeast running "
    "out of food between feeds, which happens sooner at a warm room temperature."
)
_ANSWER_LIST = "Feed at a higher ratio, for example 1:5:5, so the food lasts until the next feed."
_COMMENT = ("Switched to 1:5:5 yesterday and the smell is already much weaker. Thanks! "
            "– crumbshot Oct 30 at 14:05")
_ANSWER_2 = (
    "To add to the accepted answer: whole rye ferments much faster than wheat because it brings "
    "more enzymes and more wild yeast, so it needs feeding more often."
)
_RELATED = "Is a grey liquid on top of my starter a sign of mould?"

_PAGE = [
    "Bread Bakers Q&A", "Questions", "Tags",
    "Why does my sourdough starter smell like nail polish remover?",
    "Asked Oct 30, 2026 at 8:12", "Viewed 2k times", _QUESTION,
    "sourdough", "starter", "Share Improve this question", "Add a comment",
    "3 Answers", "41", _ANSWER_1, "There are three easy fixes:", _ANSWER_LIST,
    "Share Improve this answer", "answered Oct 30 at 10:02", "Ilse V.", "18.2k●12", _COMMENT,
    "Add a comment", "9", _ANSWER_2, "Share Improve this answer", "answered Oct 31 at 18:40",
    "hafenbaecker", "Not the answer you're looking for? Browse other questions tagged sourdough.",
    "Related", _RELATED, "Site design / logo © 2026 AskCommunity Inc",
]  # fmt: skip


def _clean(rows: list[str], url: str) -> object:
    return clean_text("\n\n".join(rows), url)


def test_the_answers_are_the_body_and_their_chrome_and_comments_are_not():
    article = _clean(_PAGE, "https://bread.example/questions/41/why-does-my-starter-smell")
    for line in (_QUESTION, _ANSWER_1, _ANSWER_LIST, _ANSWER_2):
        assert line in article.text
    for line in (_COMMENT, "Share Improve this answer", "answered Oct 30", _RELATED):
        assert line not in article.text
    kept = next(x for x in article.lines if x.text == _ANSWER_2)
    assert kept.kept and "question-and-answer" in kept.reason


def test_a_cookie_banner_below_answers_without_their_end_stays_out():
    banner = ("Your privacy: by clicking “Accept all cookies”, you agree AskCommunity can store "
              "cookies on your device and disclose information in accordance with our policy.")
    old_comment = "Worked for me too, thanks. – loafwright Nov 2 '19 at 21:05"
    rows = [*_PAGE[: _PAGE.index("Not the answer you're looking for? Browse other questions "
                                 "tagged sourdough.")], old_comment, banner]
    article = _clean(rows, "https://bread.example/questions/41/why-does-my-starter-smell")
    assert _ANSWER_2 in article.text
    assert banner not in article.text and old_comment not in article.text


def test_the_answers_are_kept_in_text_without_blank_lines_too():
    article = clean_text("\n".join(_PAGE), "https://bread.example/questions/41/starter-smell")
    assert _ANSWER_2 in article.text and _COMMENT not in article.text


def test_a_count_without_an_answers_chrome_changes_nothing():
    """A blog's "2 Answers" over its comments: no "answered ..." line, so no answers."""
    rows = [
        "Wireshark: show the visited URLs",
        ("With one simple filter Wireshark lists every address a browser visited. Open the "
         "capture and type the following expression into the filter field."),
        "2 Answers", "Jan", "12 March 2019 at 14:33",
        ("Thanks for the tip, this worked for me as well after I updated the driver on my "
         "laptop last week."),
        "Reply",
    ]
    feats = python_measure("\n\n".join(rows))
    decisions = [Decision(LineRole.NAVIGATION, False, "short line after the body")] * len(feats)
    marked = marker_lines(feats)
    assert [feats[k].text for k in marked] == ["2 Answers"]
    assert answers.with_answers(feats, decisions, marked) is decisions


def test_answer_counts_are_lines_of_their_own():
    assert {"1 answer", "3 answers", "12 respuestas"} <= answers.ANSWER_COUNT_LINES.keys()
    assert "3 answers later" not in answers.ANSWER_COUNT_LINES
