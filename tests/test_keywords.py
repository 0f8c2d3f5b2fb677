"""The keyword gates in front of case-insensitive patterns never change an answer."""

from __future__ import annotations

import re
import sys

import pytest

from sieb import assemble, postprocess, prompts, sponsored, walls
from sieb.keywords import (
    fold_ascii_bytes,
    fold_ascii_case,
    holds_keyword,
    lines_holding,
    may_contain,
)


def test_fold_covers_every_letter_ignorecase_equates_with_ascii() -> None:
    ascii_letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            folded = fold_ascii_case(char)
            assert folded.isascii() and folded.islower() and len(folded) == 1, char
            assert re.fullmatch(folded, char, re.I), char


# Texts each pattern matches, some in spellings that only re.IGNORECASE equates with ASCII.
GATED = [
    (
        walls._PAYWALL_PROMPT,
        walls._PAYWALL_PROMPT_WORDS,
        [
            "Subscribe to continue reading",
            "ALREADY A SUBSCRİBER?",
            "Unlock the full story",
            "Jetzt weiterleſen mit Plus",
            "Bereits Abonnentin ?",
            "um den Artikel weiter zu lesen",
            "Keep reading with a subscription",
            "Log in to keep reading",
            "Sign in to continue reading",
            "Dieser Artikel ist nur für Abonnenten",
            "Mit dem Abo weiterlesen",
        ],
    ),
    (
        prompts._PITCH,
        prompts._PITCH_WORDS,
        [
            "Get it in your INBOX",
            "Sign me up",
            "per E-Mail",
            "Kostenlos abonnieren",
            "mailing list",
        ],
    ),
    (
        assemble._CAPTION_WITH_CREDIT,
        assemble._CAPTION_CREDIT_WORDS,
        ["A street (Image: Getty)", "Der Platz. Foto: dpa", "Bridge © Jane Doe", "[PIC: x y]"],
    ),
]


@pytest.mark.parametrize(("pattern", "words", "texts"), GATED)
def test_every_sample_match_passes_its_gate(
    pattern: re.Pattern[str], words: tuple[str, ...], texts: list[str]
) -> None:
    for text in texts:
        assert pattern.search(text), text
        assert may_contain(text, words), text


def test_consent_gate_keeps_notices() -> None:
    assert walls.is_consent_text("We use COOKIES and our partners process personal data.")
    assert walls.is_consent_text("Wir und unsere Partner verarbeiten Daten (Datenſchutz).")
    assert not walls.is_consent_text("We accept partners.")


def test_gated_functions_agree_with_their_patterns() -> None:
    texts = [
        "Subscribe now to keep reading",
        "A plain sentence.",
        "(AP Photo/Jane Doe)",
        "FILE - A man walks",
        "In this Dec. 12, 2006, file photo, a man",
        "Nothing here",
    ]
    for text in texts:
        assert walls.is_paywall_prompt(text) == bool(walls._PAYWALL_PROMPT.search(text))
        assert assemble.is_captioned(text) == bool(
            assemble._CAPTION_WITH_CREDIT.search(text) or assemble._AGENCY_CAPTION.search(text)
        )


def test_credit_gate_keeps_every_kind_of_credit() -> None:
    credits = [
        "Foto: dpa",
        "© AP",
        "(c) Jane Doe",
        "Reuters",
        "GETTY IMAGES/Jane Doe",
        "Epa",
        "AP/Jane Doe",
        "Jane Doe | Getty Images",
        "DPA Jane Doe",
        "Reuterſ",
    ]
    for text in credits:
        assert assemble.CREDIT_LINE.search(text), text
        assert assemble.is_credit(text), text
    assert not assemble.is_credit("A sentence about the weather today.")


def test_bytes_fold_makes_every_letter_ignorecase_equates_with_ascii_that_letter() -> None:
    ascii_letter = re.compile("[a-z]", re.I)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            assert fold_ascii_bytes(char) == fold_ascii_case(char).encode(), char


def test_bytes_fold_holds_the_ascii_words_of_the_str_fold() -> None:
    for text in ["Werbung", "ANZEİGE über", "Kauf bei Shop", "ſponsored", "Ünïcödé MIXED Case", ""]:
        folded = fold_ascii_case(text)
        words = {folded[i:j] for i in range(len(folded)) for j in range(i + 1, len(folded) + 1)}
        for word in words:
            if word.isascii():
                assert word.encode() in fold_ascii_bytes(text), (text, word)
    assert fold_ascii_bytes("A\udcff") == b"a\xed\xb3\xbf"  # lone surrogates do not raise


# Labels and buy links (drop_sponsored's page gate), some in spellings only re.I equates.
BYTES_GATED = [
    (
        sponsored.AD_LABEL,
        sponsored._AD_LABEL_WORDS,
        [
            "Anzeige", "- WERBUNG -", "Gesponsert", "Sponsored Content", "Advertisement",
            "Promoted", "Paid Partnership", "Partner Content", "Publicité", "PUBLICIDAD",
            "Pubblicità", "Reklama", "ſponſored",
        ],
    ),
    (
        sponsored.BUY_LINK,
        sponsored._BUY_LINK_WORDS,
        [
            "Buy now at Shop", "Shop now", "View deal", "View offer", "See price", "Get the deal",
            "Check prices", "Check availability", "Add to basket", "Book now", "Jetzt kaufen",
            "Jetzt buchen", "Jetzt vergleichen", "Kaufen", "Zum Angebot", "zum Shop", "Zum Deal",
            "Zum Tarifvergleich", "In den Warenkorb", "Bei Amazon ansehen", "bei Otto bestellen",
            "BOOK NOW", "Chec\u212a price",
        ],
    ),
    (
        postprocess.COMMENT_HEADING,
        postprocess._COMMENT_HEADING_WORDS,
        [
            "Comments", "12 Kommentare", "Leser-Kommentare (3)", "Webmentions", "1 Comment:",
            "3 thoughts on \u201cX\u201d", "2 Gedanken zu X", "5 responses to X", "Leave a Reply",
            "Join the discussion", "Schreiben Sie einen Kommentar", "Diskutieren Sie mit",
            "Kommentar schreiben", "Add a comment", "Post a comment",
            "\u017fchreibe einen Kommentar",
        ],
    ),
]


@pytest.mark.parametrize(("pattern", "words", "texts"), BYTES_GATED)
def test_every_sample_match_passes_its_bytes_gate(
    pattern: re.Pattern[str], words: tuple[bytes, ...], texts: list[str]
) -> None:
    for text in texts:
        assert pattern.search(text), text
        assert holds_keyword(fold_ascii_bytes("x\n" + text + "\ny"), words), text
    assert not holds_keyword(fold_ascii_bytes("A plain sentence.\nNothing here"), words)


@pytest.mark.parametrize("host", ["", "abc", "café", "don’t", "emoji 🙂"])
def test_the_four_letters_are_found_in_any_string_kind(host: str) -> None:
    from sieb.keywords import _IGNORECASE_TO_ASCII, _has_ignorecase_non_ascii

    assert not _has_ignorecase_non_ascii(host)
    for letter in map(chr, _IGNORECASE_TO_ASCII):
        assert _has_ignorecase_non_ascii(host + letter + host)


def test_lines_holding_finds_the_texts_with_a_word() -> None:
    texts = ["Anzeige", "nothing", "x PAID y", "", "ſponſored"]
    folded = fold_ascii_bytes("\n".join(texts))
    words = (b"anzeige", b"paid", b"sponsored")
    assert lines_holding(folded, [2, 5, 7, 8, 9], words) == [2, 7, 9]
    assert lines_holding(folded, [2, 5, 7, 8, 9], (b"absent",)) == []
    # a text with a newline of its own: the lines are not the texts, all are candidates
    folded = fold_ascii_bytes("\n".join(["a\nb", "paid"]))
    assert lines_holding(folded, [0, 1], words) == [0, 1]
