"""Consent walls and paywalls: never returned as the body; a page that is only a wall says so."""

from __future__ import annotations

import sieb
from sieb.walls import is_consent_text, is_paywall_prompt

CONSENT_WALL = """<html lang="de"><head><title>Zustimmung erforderlich | Tagesblatt</title></head>
<body><div id="consent-wall" class="cmp-wall" role="dialog">
<h1>Tagesblatt.de mit Werbung und Tracking nutzen</h1>
<p>Wir und unsere 143 Partner verwenden Cookies und vergleichbare Technologien, um Ihnen
personalisierte Inhalte und Werbung anzuzeigen und die Nutzung unseres Angebots zu analysieren.
Dabei werden personenbezogene Daten verarbeitet und auch an Partner in Drittländern
übermittelt.</p>
<p>Sie können Ihre Einwilligung jederzeit in den Datenschutzeinstellungen widerrufen.
Alternativ können Sie unser Angebot werbefrei im Abo nutzen.</p>
<button>Alle akzeptieren</button><button>Einstellungen</button></div></body></html>"""

PAYWALL = """<html lang="en"><head><title>Budget approved | Daily Ledger</title></head><body>
<header><a href="/">Daily Ledger</a></header><main>
<h1>City council approves new budget after marathon session</h1>
<p class="lead">The council voted 7-2 late on Tuesday to approve a budget that raises spending
on transit.</p>
<div class="paywall-box"><h2>Subscribe to keep reading</h2>
<p>Get unlimited access to local journalism for just $1 a week. Cancel anytime.</p>
<a href="/subscribe">Subscribe now</a><p>Already a subscriber? <a href="/login">Log in</a></p>
</div></main></body></html>"""

ARTICLE_ABOUT_COOKIES = """<html lang="en"><head><title>Court rules on cookie banners</title>
</head><body><main><article><h1>Court rules on cookie banners</h1>
<p>The EU's top court ruled on Thursday that websites must let visitors reject tracking cookies
as easily as they accept them, a decision that privacy campaigners called overdue.</p>
<p>Publishers had argued that consent banners with a single "accept" button were lawful as long
as a settings page offered a way to refuse. The judges disagreed: personal data may only be
processed with freely given consent, they wrote, and a refusal hidden behind two clicks is not
free.</p>
<p>Advertising groups said the ruling would cut revenue for smaller news sites, which rely on
partners in the advertising industry to fill their pages.</p>
</article></main></body></html>"""


def test_consent_wall_only_page_has_no_body_and_says_consent() -> None:
    article = sieb.extract(CONSENT_WALL, "https://www.tagesblatt.de/lokales/artikel-123.html")
    assert article.text == ""
    assert article.page_type == "consent"


def test_paywall_page_keeps_the_teaser_and_drops_the_prompt() -> None:
    article = sieb.extract(PAYWALL, "https://dailyledger.com/news/budget")
    assert article.text.startswith("The council voted 7-2")
    for prompt in ("Subscribe", "unlimited access", "Already a subscriber"):
        assert prompt not in article.text
    assert article.page_type == "paywall"


def test_an_article_about_consent_keeps_its_paragraphs() -> None:
    article = sieb.extract(ARTICLE_ABOUT_COOKIES, "https://news.example.org/cookies")
    assert "reject tracking cookies" in article.text
    assert "freely given consent" in article.text
    assert "partners in the advertising industry" in article.text
    assert article.page_type in ("article", "short")


def test_wall_vocabulary() -> None:
    assert is_consent_text("Wir und unsere Partner verwenden Cookies. Alle akzeptieren?")
    assert not is_consent_text("Der Bundestag muss zustimmen, sagte der Partner der Kanzlei.")
    assert is_paywall_prompt("Sie sind bereits Abonnent? Hier anmelden")
    assert is_paywall_prompt("Already a subscriber? Log in")
    assert not is_paywall_prompt("She was already a member of the committee.")
    assert not is_paywall_prompt("Keep reading for the full list of winners.")
