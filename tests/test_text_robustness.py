"""Bad input gives a result or a clear error, never a crash."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb import InputError, clean_text


def test_empty_and_blank_text():
    for text in ("", "\n\n \n\t\n"):
        article = clean_text(text)
        assert article.text == ""
        assert article.lines == ()
        assert article.page_type == "empty"


def test_one_ten_megabyte_line():
    text = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 176_000).strip()
    assert len(text) > 10_000_000
    article = clean_text(text)
    assert len(article.lines) == 1
    assert article.lines[0].kept


def test_binary_junk_decoded_with_replacement():
    rng = random.Random(3)
    junk = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    article = clean_text(junk)
    assert isinstance(article.text, str)


def test_nul_bytes_and_lone_surrogates():
    article = clean_text("Title\x00 line\n\nSome \udcff text that goes on and on for a while here.")
    assert all("\x00" not in ln.text for ln in article.lines)
    article.to_json()


def test_mixed_scripts():
    text = "\n\n".join(
        [
            "Новости дня: правительство объявило новые меры поддержки для малого бизнеса.",
            "蔡健雅（Tanya Chua），1975年1月28日出生于新加坡，祖籍中国江苏省，现定居于台湾。",
            "مرحبا بكم في موقعنا الإخباري، حيث تجدون آخر الأخبار والتقارير من حول العالم.",
            "A plain English sentence of some length closes this mixed page of text.",
        ]
    )
    article = clean_text(text)
    assert len(article.lines) == 4
    assert article.text


def test_wrong_types_are_input_errors():
    with pytest.raises(InputError):
        clean_text(b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        clean_text(None)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        clean_text("Some text.", url=b"https://example.org/a-b-c")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_never_crashes_on_random_text(text):
    article = clean_text(text)
    # NUL characters are dropped before splitting
    expected = sum(1 for ln in text.replace("\x00", "").split("\n") if ln.strip())
    assert len(article.lines) == expected
    assert all(ln.kept == (ln.role.value in _KEPT_ROLES) for ln in article.lines)


_KEPT_ROLES = {
    "title",
    "lead",
    "heading",
    "paragraph",
    "pull-quote",
    "quote-source",
    "list-item",
    "code",
    "table",
}


def test_a_consent_notice_alone_is_page_type_consent():
    notice = ("Tagesblatt.de mit Werbung und Tracking nutzen\n"
              "Wir und unsere 143 Partner verwenden Cookies und vergleichbare Technologien, um "
              "Ihnen personalisierte Inhalte und Werbung anzuzeigen.\n"
              "Sie können Ihre Einwilligung jederzeit in den Datenschutzeinstellungen "
              "widerrufen.\nAlle akzeptieren\nEinstellungen\n")
    assert clean_text(notice).page_type == "consent"
    assert clean_text("Kurz.\n").page_type in ("short", "empty")


def test_more_lines_than_a_page_has_are_an_input_error(monkeypatch):
    """A text of more non-blank lines than MAX_LINES is refused with a clear error (the line
    model's state would run to gigabytes for a 50 MB text of short lines); blank lines do not
    count."""
    import sieb.text

    monkeypatch.setattr(sieb.text, "MAX_LINES", 50)
    with pytest.raises(InputError, match="51 non-blank lines exceeds the limit of 50"):
        clean_text("A short line\n\n" * 51)
    article = clean_text("\n \t\n" * 200 + "A short line\n" * 50)
    assert len(article.lines) == 50


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \t\r\n\x0b\x1c\u2028\u3000\xa0"), max_size=300))
def test_the_line_limit_counts_the_lines_measure_keeps(text):
    import sieb.text

    expected = sum(1 for ln in text.split("\n") if ln.strip())
    original = sieb.text.MAX_LINES
    try:
        sieb.text.MAX_LINES = 0
        assert sieb.text._over_line_limit(text) == expected
    finally:
        sieb.text.MAX_LINES = original
