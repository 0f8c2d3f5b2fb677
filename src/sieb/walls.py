"""Consent walls and paywalls: their text is never the article, and a page that is only a wall
says so in `Article.page_type` instead of returning the wall as its body.

Users meet both often: a consent banner returned *instead of* the article (trafilatura#569), the
paywall hint extracted instead of the teaser (#925). Two signals must agree before a block is
called wall text, so that an article *about* cookies or subscriptions keeps its paragraphs:
- consent: the block sits in a consent/dialog container (class/id/role flags) and its text uses
  the vocabulary of consent notices in at least two of the families below;
- paywall: the block is short and reads as a subscription prompt ("Subscribe to keep reading",
  "Already a subscriber?", "Jetzt weiterlesen mit ..."), or is a short block of a paywall
  container (class/id) that holds such a prompt (`drop_walls`); a short paywall-marked box
  whose text asks for a subscription, a login or support, on a page with article text outside
  paywall elements (`drop_paywall_prompts`, run with the other sequence rules).
The cue families are a few words in the languages sieb is used on most (en, de, fr, es, it, nl);
they are not fitted to any benchmark page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

from sieb.blocks import Element, Segmentation, TextBlock, kept_indices
from sieb.keywords import may_contain
from sieb.signals import BODY, CONSENT, HIDDEN, NEWSLETTER, PAYWALL

# Each family is one idea of a consent notice; a notice uses several, an article rarely two in
# one short block.
_CONSENT_FAMILIES = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        r"\bcookies?\b|\bcookie-|\btracking\b|\btracker\b|\bpixel\b",
        r"\bconsent|einwillig|zustimmung|consentement|consentimiento|consenso|toestemming",
        r"\bpartners?\b|\bpartnern?\b|\bvendors?\b|\bdrittanbieter|\bthird[- ]part(?:y|ies)\b",
        (r"personal data|personenbezogen|données personnelles|datos personales|dati personali|"
        r"persoonsgegevens|\bprivacy\b|datenschutz|\brgpd\b|\bgdpr\b|\bdsgvo\b"),
        (r"\baccept|akzeptier|\bablehnen|\breject\b|\bwiderruf|\bwithdraw|\baccepter\b|"
        r"\baceptar\b|\baccetta|\baccepteren\b"),
    )
)
_CONSENT_MIN_FAMILIES = 2
# Every match of family 0 (cookies, tracking) holds one of the first words, every match of
# family 3 (personal data, privacy) one of the second: "perso" is in personal, personenbezogen,
# personnelles, personales, personali and persoonsgegevens.
_COOKIE_WORDS = ("cookie", "track", "pixel")
_PRIVACY_WORDS = ("perso", "privacy", "datenschutz", "rgpd", "gdpr", "dsgvo")
_CONSENT_SUBJECT_WORDS = _COOKIE_WORDS + _PRIVACY_WORDS
_CONSENT_MAX_CHARS = 1500
# Subscription prompts: short, and phrased the same way across sites.
_PAYWALL_PROMPT = re.compile(
    r"subscribe (?:now |today )?to (?:continue|keep) reading|"
    r"(?:continue|keep) reading with (?:a |an |your )?(?:subscription|\w+ (?:plus|premium))|"
    r"already (?:a )?(?:subscriber|member)\s*\?|already have an account\s*\?|"
    r"this (?:article|story) is (?:only )?(?:for|available (?:only )?to) subscribers|"
    r"(?:sign|log) in to (?:continue|keep) reading|unlock (?:this|the full) (?:article|story)|"
    r"jetzt weiterlesen mit|weiterlesen mit (?:\w+\s?){1,3}(?:plus|\+|abo)\b|"
    r"bereits abonnent(?:in)?\s*\?|(?:dieser|der) artikel ist (?:nur )?(?:für|exklusiv für) "
    r"(?:abonnenten|abonnentinnen|abonnent\*innen)|mit (?:einem |dem )?abo weiterlesen|"
    r"jetzt abonnieren und weiterlesen|um (?:den|diesen) artikel (?:weiter|vollständig) zu lesen",
    re.I,
)
# Every match of _PAYWALL_PROMPT holds one of these words, one alternative after the other:
# "subscri" (subscribe, subscribers), "reading with", "already", "in to continue" / "in to
# keep" (sign or log in to ...), "unlock", "weiterlesen", "abonn" (abonnent, abonnieren) and
# "zu lesen": rarer in other text than "read" or "lesen", so fewer texts are searched.
_PAYWALL_PROMPT_WORDS = (
    "subscri", "reading with", "already", "in to continue", "in to keep", "unlock",
    "weiterlesen", "abonn", "zu lesen",
)
_PAYWALL_MAX_CHARS = 300
_WALL_CONTAINERS = CONSENT | HIDDEN
_PAYWALL_CONTAINERS = PAYWALL | NEWSLETTER


def is_consent_text(text: str) -> bool:
    """True if `text` uses the vocabulary of a consent notice: two families or more, one of
    them cookies/tracking or personal data/privacy."""
    if len(text) > _CONSENT_MAX_CHARS or not may_contain(text, _CONSENT_SUBJECT_WORDS):
        return False
    found = [family.search(text) is not None for family in _CONSENT_FAMILIES]
    # cookies/tracking or personal data/privacy: what a consent notice is about
    return (found[0] or found[3]) and sum(found) >= _CONSENT_MIN_FAMILIES


def is_paywall_prompt(text: str) -> bool:
    """True if `text` is a short subscription prompt."""
    return (
        len(text) <= _PAYWALL_MAX_CHARS
        and may_contain(text, _PAYWALL_PROMPT_WORDS)
        and _PAYWALL_PROMPT.search(text) is not None
    )


def drop_walls(seg: Segmentation, keep: list[bool]) -> tuple[list[bool], str | None]:
    """`keep` without consent-wall and paywall text, and the wall found ("consent",
    "paywall" or None) for the page type.

    A paywall container (class/id says paywall, subscribe...) that holds a subscription prompt
    is a wall as a whole: its other short blocks (offers, prices, log-in links) go with it.
    """
    blocks = seg.blocks
    out = list(keep)
    consent = paywall = False
    walls = _paywall_elements(seg)
    for i in kept_indices(keep):  # out[i] is keep[i] here
        block = blocks[i]
        if block.flags & _WALL_CONTAINERS and is_consent_text(block.text):
            out[i], consent = False, True
        elif is_paywall_prompt(block.text) or (
            walls and len(block.text) <= _PAYWALL_MAX_CHARS
            and _inside(seg.elements, block.element, walls)
        ):
            out[i], paywall = False, True
    return out, "consent" if consent else "paywall" if paywall else None


# Kept text outside paywall elements needed before a paywall box may be called a prompt.
_PROMPT_MIN_OUTSIDE_CHARS = 200
# A paywall-marked element with less text than this may be a prompt ("Sie lesen diesen Artikel
# kostenlos. Unterstützen Sie ..."), not the paywalled rest of an article ...
PAYWALL_PROMPT_MAX_CHARS = 300
# ... when its text asks for a subscription, a login or support (de, en, fr, es, it, nl).
_PAYWALL_ASK = re.compile(
    r"\babo\b|\babos\b|abonn|subscri|registrier|regist(?:er|rieren)|anmelden|einloggen|"
    r"\blog ?in\b|\bsign ?(?:in|up)\b|unterstütz|\bsupport|\bplus\b|premium|testen|"
    r"\btrial\b|connectez|suscr|accedi|abbonat|inloggen|word lid",
    re.I,
)


def drop_paywall_prompts(
    blocks: Sequence[TextBlock], elements: Sequence[Element], keep: list[bool]
) -> list[bool]:
    """Drop kept blocks whose nearest paywall-marked ancestor holds only a short prompt.

    ``paywall`` / ``premium`` class names mark both the subscriber part of an article and the
    box that asks for a subscription (a sentence or two). Only the second is dropped: a short
    paywall element whose text asks for a subscription, a login or support, on a page with kept
    text outside paywall elements.
    """
    outside = sum(len(b.text) for b in compress(blocks, keep) if not b.flags & PAYWALL)
    if outside < _PROMPT_MIN_OUTSIDE_CHARS:
        return keep
    out = list(keep)
    for i in kept_indices(keep):
        block = blocks[i]
        if not block.flags & PAYWALL or block.flags & BODY:
            continue
        e = _flagged_ancestor(elements, block.element, PAYWALL)
        if (
            e >= 0
            and elements[e].text_chars < PAYWALL_PROMPT_MAX_CHARS
            and _PAYWALL_ASK.search(block.text)
        ):
            out[i] = False
    return out


def _paywall_elements(seg: Segmentation) -> set[int]:
    """Paywall containers holding a subscription prompt: the nearest flagged ancestor of each
    prompt block."""
    found: set[int] = set()
    for block in seg.blocks:
        if block.flags & _PAYWALL_CONTAINERS and is_paywall_prompt(block.text):
            element = _flagged_ancestor(seg.elements, block.element, _PAYWALL_CONTAINERS)
            if element >= 0:
                found.add(element)
    return found


def _flagged_ancestor(elements: Sequence[Element], index: int, flags: int) -> int:
    while index >= 0:
        if elements[index].signal & flags:
            return index
        index = elements[index].parent
    return -1


def _inside(elements: Sequence[Element], index: int, ancestors: set[int]) -> bool:
    while index >= 0:
        if index in ancestors:
            return True
        index = elements[index].parent
    return False
