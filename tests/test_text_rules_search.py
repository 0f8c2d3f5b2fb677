"""The shortcuts of text mode's compiled per-line rules give exactly what the definitions give:
a pattern tried only where `patterns.match_starts` says a match can start finds what a search
finds, `may_be_date` never rules out a date, and decisions remembered across pages are reused
only for lines that agree on everything `context_free` reads."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sieb.article import LineRole
from sieb.text import lines, patterns, roles

# Every pattern of sieb.text.patterns.
PATTERNS = {
    name: value for name, value in vars(patterns).items() if isinstance(value, re.Pattern)
}
# The patterns the compiled rules search with `Finder`.
SEARCHED = ("CONSENT_LOW", "FOOTER_LOW", "CREDIT_LOW", "DATE_LOW", "NOTICE_LOW")

# Pieces of the patterns' words, cut at odd places, word and non-word neighbours, Unicode digits
# and letters, the characters `re` treats specially at a boundary ("_", digits).
_PIECES = st.sampled_from(
    [
        *{p for s in map(patterns.match_starts, PATTERNS.values()) if s for p in s.prefixes},
        *{p for s in map(patterns.match_starts, PATTERNS.values()) if s for p in s.word_prefixes},
        "cookies",
        "log in",
        "logged out",
        "sign up",
        "ad-blocker",
        "ad -blocker",
        "(c) 2024",
        "/ dpa",
        "/ap",
        "/ epa",
        "/getty images",
        "/x",
        "foto:",
        "getty images",
        "12.03.2024",
        "1.2.24",
        "2024-01-02",
        "3/4/2024",
        "march 3, 2024",
        "3. märz 2024",
        "10:45 uhr",
        "9:30 pm",
        "updated 2",
        "stand: 3",
        "Ihr",
        "you",
    ]
)
_ALPHABET = "abcdeilmnoprstuy09٣²_ .,:-/©()ÄäöüßİΣ文\u00a0\t"
_TEXTS = st.lists(
    st.one_of(st.text(alphabet=_ALPHABET, max_size=5), _PIECES), max_size=12
).flatmap(lambda parts: st.sampled_from([" ".join(parts), "".join(parts)]))


def _patterns_with_starts() -> list[str]:
    return [name for name, value in PATTERNS.items() if patterns.match_starts(value) is not None]


def test_match_starts_reads_the_searched_patterns() -> None:
    for name in SEARCHED:
        assert patterns.match_starts(PATTERNS[name]) is not None, name


def test_match_starts_names_what_a_match_at_the_start_begins_with() -> None:
    starts = patterns.match_starts(re.compile(r"^(?:foto|fotos|bild)\s*:|^(?:dpa|afp)$|©"))
    assert starts is not None and starts.at_start
    assert starts.start_prefixes == ("afp", "bild", "dpa", "foto")  # "fotos" begins with "foto"
    assert starts.prefixes == ("©",)
    # an anchored alternative that may begin with anything: a match at 0 is always tried
    assert patterns.match_starts(re.compile(r"^(?:\d+ )?ab|^cd")).start_prefixes is None
    assert patterns.match_starts(re.compile(r"ab|cd")).start_prefixes is None


def test_match_starts_declines_what_it_cannot_read() -> None:
    assert patterns.match_starts(re.compile(r"\w+x")) is None
    assert patterns.match_starts(re.compile(r"a|b?")) is None
    assert patterns.match_starts(re.compile(r"abc", re.IGNORECASE)) is None
    assert patterns.match_starts(re.compile(r"^abc", re.MULTILINE)) is None
    assert patterns.match_starts(re.compile(r"(?<=x)abc")) is None
    starts = patterns.match_starts(re.compile(r"\bab|\Bcd"))
    assert starts is None


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"\bab", "_ab"),
        (r"\bab", "xab"),
        (r"\bab", "-ab"),
        (r"\b\d+x", "a1x 2x"),
        (r"\b\d+x", "a1x"),
        (r"\b\d+x", "٣x"),
        (r"^ab|cd", "xab"),
        (r"(?:ab|a)c", "xac"),
        (r"\b(?:ab|c)\b", "xab c"),
        (r"\b-a", "x-a"),
        (r"^(?:foto|bild)\s*:|/x", "bilder: a"),
        (r"^(?:foto|bild)\s*:|/x", "a foto: /x"),
        (r"^(?:foto|bild)\s*:|/x", "a foto:"),
        (r"^(?:ab|a)c|^x?y|z", "yz"),
        (r"^\d+x|^ab", "12x"),
    ],
)
def test_found_from_starts_on_edge_cases(source: str, text: str) -> None:
    pattern = re.compile(source)
    starts = patterns.match_starts(pattern)
    assert starts is not None
    assert patterns.found_from_starts(pattern, starts, text) == (pattern.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_found_from_starts_is_search(text: str) -> None:
    for name in _patterns_with_starts():
        pattern = PATTERNS[name]
        starts = patterns.match_starts(pattern)
        expected = pattern.search(text) is not None
        assert patterns.found_from_starts(pattern, starts, text) == expected, (name, text)
        if roles._RULES is not None:
            from sieb.text._rules import Finder

            assert Finder(pattern, starts)(text) == expected, (name, text)


needs_rules = pytest.mark.skipif(
    roles._RULES is None, reason="the compiled rules are not built or not enabled"
)


@needs_rules
@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_may_be_date_never_rules_out_a_date(text: str) -> None:
    from sieb.text._rules import may_be_date

    if patterns.DATE_LOW.search(text) is not None:
        assert may_be_date(text)


@needs_rules
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["bild", "foto", " ", "3", "12", "٣", "/", "von", "of", "x", "\n"]),
        max_size=8,
    ).map("".join)
)
def test_may_be_counter_never_rules_out_a_counter(text: str) -> None:
    from sieb.text._rules import may_be_counter

    if patterns.UI_COUNTER.match(text) is not None:
        assert may_be_counter(text)


@needs_rules
def test_may_be_counter_on_examples() -> None:
    from sieb.text._rules import may_be_counter

    for text in ("bild 3 von 12", "3/12", "3 / 12\n", "foto 1 of ٣"):
        assert patterns.UI_COUNTER.match(text) and may_be_counter(text)
    for text in ("3/12 fotos", "", "12 von", "3/12\n\n"):
        assert not may_be_counter(text)


@needs_rules
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "1", "12", "123", "2024", "٣", ".", " ", "\t", "/", ":", "-", "x", "mai", "uhr",
                "pm", "der", "märz", "oct", "updated", "stand", "_",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_rules_date_search_finds_what_the_pattern_finds(text: str) -> None:
    # the date Finder of the compiled rules tries a digit only where a date can start there
    assert roles._RULES.searches_agree([text, f"x {text}", f"{text} 2024"])


@needs_rules
def test_may_be_date_on_examples() -> None:
    from sieb.text._rules import may_be_date

    assert may_be_date("12.03.2024")
    assert may_be_date("published on a day")
    assert may_be_date("x ٣٣٣٣ y")
    assert not may_be_date("3 comments")
    assert not may_be_date("share 12 times")


@needs_rules
def test_remembered_decisions_are_reused_only_for_the_same_fields() -> None:
    roles.clear_seen()
    base = lines.measure("Gemerkt! Bewertet! Kopiert!\n\nSome other line here")
    first = base[0]
    assert first.exclamations
    variants = [
        first,
        first._replace(exclamations=False),  # another page: "!" only beyond the measured part
        first._replace(chars=300, words=20),
        first._replace(low="gemerkt"),
        first._replace(colon_end=True),
        first,
    ]
    for f in variants:
        assert roles._RULES.context_free_all([f]) == [roles.context_free(f)]
    roles.clear_seen()


@needs_rules
def test_remembered_decisions_agree_across_pages() -> None:
    roles.clear_seen()
    pages = [
        "Teilen\n\nBy Jane Doe\n\nWe use cookies on this site.\n\n12.03.2024",
        "Teilen\n\nBy Jane Doe\n\nSign in to your account now\n\nCookie settings here!!!",
        "Teilen!!!\n\nTeilen\n\n12.03.2024\n\nBy Jane Doe",
    ]
    for text in pages * 2:
        feats = lines.measure(text)
        assert roles._RULES.context_free_all(feats) == roles._context_free_all(feats, None)
    roles.clear_seen()


def test_indexes_of_lists_the_lines_of_a_role() -> None:
    feats = lines.measure("Teilen\n\nBy Jane Doe\n\nTeilen\n\n12.03.2024\n\nA line of text here.")
    out = roles.assign(feats)
    n = len(out)
    for role in {d.role for d in out}:
        for lo, hi in ((0, n), (1, n - 1), (2, 2)):
            expected = [i for i in range(lo, hi) if out[i].role is role]
            assert roles.python_indexes_of(out, role, lo, hi) == expected
            assert roles._indexes_of(out, role, lo, hi) == expected
    for indexes_of in (roles.python_indexes_of, roles._indexes_of):
        with pytest.raises(IndexError):
            indexes_of(out, out[0].role, -1, n)
        with pytest.raises(IndexError):
            indexes_of(out, out[0].role, 0, n + 1)


def test_first_index_of_finds_the_first_line_of_a_role() -> None:
    feats = lines.measure("Teilen\n\nBy Jane Doe\n\nTeilen\n\n12.03.2024\n\nA line of text here.")
    out = roles.assign(feats)
    for role in LineRole:
        expected = next((i for i in range(len(out)) if out[i].role is role), -1)
        assert roles.python_first_index_of(out, role) == expected
        assert roles.first_index_of(out, role) == expected
    assert roles.first_index_of([], roles.R.TITLE) == -1


_SOME_ROLES = list(LineRole)[:6]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SOME_ROLES), max_size=12), st.sampled_from(_SOME_ROLES))
def test_compiled_first_index_of_is_the_definition(found: list, role: LineRole) -> None:
    out = [roles.Decision(r, k % 2 == 0, "test") for k, r in enumerate(found)]
    assert roles.first_index_of(out, role) == roles.python_first_index_of(out, role)


@needs_rules
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "3", "12", "٣", " ", "\t", "\n", "comments", "kommentar", "replies", "thoughts on",
                "leave a reply", "x", ":", "datum", "5", "min", "Min.", "sek", "S", "ſ", "a b",
                "antworten", "antwort", "eine", "one", "zu", "auf", " à", "réponses", "comentarios",
                "community rules apply", "as you comment, please", "blog comments powered by",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_the_prefilters_never_rule_out_a_match(text: str) -> None:
    from sieb.text._rules import may_be_comments, may_be_duration, may_be_label

    if patterns.COMMENTS_LOW.match(text) is not None:
        assert may_be_comments(text)
    if patterns.DURATION.match(text) is not None:
        assert may_be_duration(text)
    # label_possible is the pattern itself
    assert may_be_label(text) == (patterns.LABEL.match(text) is not None)
    assert roles._RULES.searches_agree([text])


@needs_rules
def test_the_prefilters_on_examples() -> None:
    from sieb.text._rules import may_be_comments, may_be_duration, may_be_label

    assert may_be_comments("3 comments") and may_be_comments("leave a reply")
    assert not may_be_comments("3 people") and not may_be_comments("3comments")
    assert may_be_label("Sie sind hier:") and may_be_label("Datum :\n")
    assert not may_be_label("Mehr: hier:") and not may_be_label("one two three four five:")
    assert may_be_duration("3:45") and may_be_duration("5 Min.") and may_be_duration("12s")
    for text in ("2024", "12.03.", "1234 min"):
        assert not may_be_duration(text)


_CAPTION_PIECES = st.sampled_from(
    [
        "(", ")", " ", ".", ":", "/", "|", "\t", "ap ", "photo", "pic", "credit", "credits", "s",
        " via getty images", " via ap", "getty", "afp", "by ", "x", "image source", "bildquelle",
        "credit...", "dpa", "in this photo", "main ", "©", "von ", "\u00a0",
        " should read", "should read ", "photographer", "quelle", "fuente", "imagen", "kuva",
        "photo credit", "bildnachweis", "créditos",
    ]
)


@needs_rules
@settings(max_examples=400, deadline=None)
@given(st.lists(_CAPTION_PIECES, max_size=14).map("".join))
def test_the_rules_photo_source_is_the_definition(text: str) -> None:
    assert roles._RULES.names_photo_source(text) == patterns.names_photo_source(text)
    assert roles._RULES.searches_agree([text])
