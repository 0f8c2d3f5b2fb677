"""Declarative shadow DOM: server-rendered web components show their shadow-root content."""

from __future__ import annotations

import sieb
from sieb.shadow import unwrap_shadow_roots
from sieb.site import html_block_texts

PROSE = (
    "The council approved the new harbour bridge on Tuesday after a debate that lasted four hours. "
    "Construction is due to start next spring and should take about two and a half years. "
)


def test_shadow_root_templates_become_elements() -> None:
    html = '<x-a><template shadowrootmode="open"><p>shown</p></template></x-a>'
    assert unwrap_shadow_roots(html) == "<x-a><div data-shadowroot><p>shown</p></div></x-a>"


def test_the_older_shadowroot_attribute_counts_too() -> None:
    html = '<x-a><TEMPLATE shadowroot="closed"><p>shown</p></TEMPLATE></x-a>'
    assert "<p>shown</p></div>" in unwrap_shadow_roots(html)


def test_ordinary_templates_stay_inert_even_when_nested() -> None:
    html = (
        '<template shadowrootmode="open"><template id="row"><p>inert</p></template>'
        "<p>shown</p></template>"
    )
    assert unwrap_shadow_roots(html) == (
        '<div data-shadowroot><template id="row"><p>inert</p></template><p>shown</p></div>'
    )


def test_pages_without_shadow_roots_are_returned_unchanged() -> None:
    html = '<template id="card"><p>x</p></template><p>text</p>'
    assert unwrap_shadow_roots(html) is html


def test_article_inside_a_shadow_root_is_extracted() -> None:
    html = (
        "<html><body><site-nav><template shadowrootmode='open'><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav></template></site-nav><story-body>"
        "<template shadowrootmode='open'><article><h1>Bridge approved</h1>"
        f"<p>{PROSE}</p><p>{PROSE}</p></article></template></story-body>"
        "<template id='teaser'><p>Template text that is never shown on the page.</p></template>"
        "</body></html>"
    )
    article = sieb.extract(html)
    assert "The council approved the new harbour bridge" in article.text
    assert "never shown" not in article.text


def test_template_tags_inside_scripts_are_not_rewritten() -> None:
    script = "<script>const t = '<template shadowrootmode=\"open\">';</script>"
    html = f'{script}<template id="row"><p>inert</p></template>'
    assert unwrap_shadow_roots(html) == html


def test_site_profiles_see_chrome_inside_shadow_roots() -> None:
    html = "<site-footer><template shadowrootmode='open'><p>© 2026 Example Media</p></template>"
    assert "© 2026 Example Media" in html_block_texts(html + "</site-footer>")
