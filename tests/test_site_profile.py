"""SiteProfile: lines recurring across a host's pages are chrome; save/load; merge; use in text."""

from __future__ import annotations

import pytest

from sieb import InputError, SiteProfile, clean_text
from sieb.site import fingerprint

CHROME = "Die Stadtzeitung berichtet seit 1950 jeden Tag aus der Stadt und dem Umland."


_TOPICS = ("Radwege", "Schulen", "Haushalt", "Bäder", "Busse", "Parks", "Märkte", "Brücken")


def _page(i: int) -> str:
    topic = _TOPICS[i % len(_TOPICS)] + "x" * (i // len(_TOPICS))
    return (
        f"Artikel über {topic} und den Stadtrat\n\n"
        f"Der Stadtrat hat eine lange Sitzung über {topic} abgehalten, in der viel beraten wurde. "
        f"Die Mitglieder stimmten über {topic} ab und vertagten den Rest der Tagesordnung.\n\n"
        f"{CHROME}\n\n"
        f"Die Sitzung über {topic} endete am späten Abend, die Beschlüsse treten bald in Kraft.\n"
    )


def test_fingerprint_folds_case_digits_and_punctuation():
    assert fingerprint("Seite 3 von 12") == fingerprint("seite 4 von 7!")
    assert fingerprint("Share") != fingerprint("Tweet")
    assert fingerprint("  ...  ") == ""


def test_recurring_lines_are_chrome_and_unique_lines_are_not():
    profile = SiteProfile.learn_text([_page(i) for i in range(10)], host="stadt.example")
    assert profile.pages == 10
    assert profile.is_chrome(CHROME)
    assert profile.is_chrome(CHROME.replace("1950", "1951"))  # digits are folded
    assert not profile.is_chrome("Artikel über Radwege und den Stadtrat")  # on 2 of 10 pages
    assert not profile.is_chrome("Ein ganz anderer Satz, der nur einmal vorkommt.")


def test_threshold_needs_min_pages_and_share():
    few = SiteProfile.learn_text([_page(i) for i in range(2)])
    assert not few.is_chrome(CHROME)  # two pages are fewer than min_pages=3
    mixed = SiteProfile.learn_text([_page(0)] * 3 + ["Other page text"] * 17)
    assert mixed.threshold == pytest.approx(6.0)  # 30% of 20 pages
    assert not mixed.is_chrome(CHROME)  # on 3 of 20 pages only
    strict = SiteProfile.learn_text([_page(i) for i in range(10)], min_share=0.5, min_pages=20)
    assert not strict.is_chrome(CHROME)


def test_save_load_roundtrip(tmp_path):
    profile = SiteProfile.learn_text([_page(i) for i in range(5)], host="stadt.example")
    path = tmp_path / "profile.json"
    profile.save(path)
    loaded = SiteProfile.load(path)
    assert loaded.host == "stadt.example"
    assert loaded.pages == 5
    assert loaded.is_chrome(CHROME)


def test_load_rejects_other_files(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "other"}')
    with pytest.raises(InputError):
        SiteProfile.load(path)
    with pytest.raises(InputError):
        SiteProfile.load(tmp_path / "missing.json")


def test_merge_adds_counts():
    a = SiteProfile.learn_text([_page(i) for i in range(2)], host="stadt.example")
    b = SiteProfile.learn_text([_page(i) for i in range(2, 4)], host="stadt.example")
    assert not a.is_chrome(CHROME)
    merged = a.merge(b)
    assert merged.pages == 4
    assert merged.is_chrome(CHROME)
    with pytest.raises(InputError):
        a.merge(SiteProfile(host="other.example"))


def test_learn_html_counts_block_texts():
    pages = [
        f"<html><body><nav><a href='/'>Startseite</a></nav><p>Text {i} only here, {'x' * i}</p>"
        f"<footer><p>{CHROME}</p></footer><script>var a = 1;</script></body></html>"
        for i in range(4)
    ]
    profile = SiteProfile.learn_html(pages)
    assert profile.is_chrome(CHROME)
    assert profile.is_chrome("Startseite")
    assert not profile.is_chrome("var a = 1;")


def test_clean_text_drops_site_chrome_a_single_page_cannot_reveal():
    page = _page(42)
    alone = clean_text(page)
    assert CHROME in alone.text  # reads like a short paragraph of its own
    profile = SiteProfile.learn_text([_page(i) for i in range(10)])
    cleaned = clean_text(page, profile=profile)
    assert CHROME not in cleaned.text
    line = next(ln for ln in cleaned.lines if ln.text == CHROME)
    assert not line.kept
    assert "pages of the site" in line.reason
    assert "endete am späten Abend" in cleaned.text


def test_a_profile_does_not_change_later_pages_cleaned_without_it():
    page = _page(42)
    first = clean_text(page)
    profile = SiteProfile.learn_text([_page(i) for i in range(10)])
    assert CHROME not in clean_text(page, profile=profile).text
    again = clean_text(page)
    assert CHROME in again.text
    assert again == first
