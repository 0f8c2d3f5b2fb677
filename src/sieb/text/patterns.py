"""What chrome looks like in flattened text: the regular expressions text mode matches lines with.

Kept apart from the logic (like trafilatura's `xpaths.py`) so the knowledge is reviewable in one
place. German and English first, a few other European languages where a word is cheap to add.
Every pattern is matched against one stripped line, with `search` unless it starts with `^`.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _words(block: str) -> list[str]:
    return block.split()


# Short function words of the languages sieb reads first. Prose has many of them (roughly one word
# in three in German or English news text), menus, headlines and captions have few.
_STOP_WORDS = _words(
    """
    the of and to in is that it was for on are with as be at by this have from or an they
    which but not were has had been their would there will can also into than its we he she
    his her der die das und den von zu mit sich des auf für ist im dem nicht ein eine als auch
    es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen
    so zum war haben nur oder aber vor zur bis mehr durch man dann soll le la les de des du et
    est une un dans que qui pour pas sur il el los las en y del por con para una di che e è
    per non het een van dat niet zijn op
    """
)
STOP_SET = frozenset(_STOP_WORDS + [w.capitalize() for w in _STOP_WORDS])

# Second-person address: notices, prompts and consent text talk to the reader.
# (A match is a whole word, a maximal run of \w characters, equal to one of SECOND_PERSON_WORDS.)
SECOND_PERSON_WORDS = _words(
    """
    you your yours du dich dir dein deine deinen deinem deiner euch euer Ihr Ihre Ihren Ihrem
    Ihrer Ihnen vous votre vos
    """
)
SECOND_PERSON = re.compile(r"\b(?:" + "|".join(SECOND_PERSON_WORDS) + r")\b")

# Cookie and consent banners.
CONSENT = re.compile(
    r"\bcookies?\b|\bconsent\b|einwilligung|datenschutzeinstellung|privacy settings|"
    r"\bDSGVO\b|\bGDPR\b|datenschutzerklärung|privacy policy|tracking-?technolog|"
    r"personalisierte (?:werbung|inhalte)|personali[sz]ed (?:ads|content)",
    _I,
)

# Account, login, browser and paywall notices addressed to the reader.
NOTICE = re.compile(
    r"ausgeloggt|eingeloggt|\blog(?:ged)? ?(?:in|out)\b|\bsign(?:ed)? ?(?:in|up|out)\b|"
    r"\bAccount\b|\bKonto\b|passwor[dt]|altersprüfung|altersbeschränkung|age verification|"
    r"javascript|\bbrowser\b|ad ?-?blocker|werbeblocker|newsletter|\babonn|\bsubscri(?:be|ption)|"
    r"registrier|\bregister\b|kinderprofil|kinderbereich|nicht verfügbar|not available in your",
    _I,
)


def _strings(block: str) -> frozenset[str]:
    return frozenset(x.strip() for x in block.split("|") if x.strip())


# Interface strings: buttons, sharing, bookmarking, media controls (whole line, lower-cased,
# with the characters of UI_STRIP removed at both ends).
UI_STRINGS = _strings(
    """share|teilen|tweet|print|drucken|e-mail|email|mail|merken|gemerkt|bookmark|speichern|save|
    kommentar|kommentare|comment|comments|read more|weiterlesen|mehr lesen|mehr dazu|
    mehr zum thema|zum artikel|zur startseite|zurück|back|next|previous|weiter|vorherige|
    nächste|menu|menü|search|suche|suchen|close|schließen|schliessen|open|öffnen|login|anmelden|
    abmelden|log in|sign in|sign up|registrieren|subscribe|abonnieren|facebook|twitter|whatsapp|
    linkedin|pinterest|instagram|xing|telegram|reddit|flipboard|copy link|link kopieren|embed|
    video abspielen|play|pause|abspielen|back to top|nach oben|top|skip to content|
    skip to main content|zum inhalt springen|vollbild|full screen|fullscreen|loading|
    wird geladen|like|gefällt mir|follow|folgen|more|mehr|less|weniger|show more|alle anzeigen|
    view all|see all|jetzt lesen|artikel lesen|listen|anhören|audio|video|reply|antworten|
    home|startseite|newsletter|next post|previous post|next article|previous article|
    nächster artikel|vorheriger artikel|share this|share this article|share this story|
    artikel teilen|diesen artikel teilen|permalink|related|related stories|related articles|
    more stories|more from|you may also like|recommended|empfehlungen|
    das könnte sie auch interessieren|
    mehr zum thema|weitere artikel|top stories|most read|meistgelesen|trending"""
)
# Prefixes of interface strings ("Click to share on Twitter (Opens in new window)").
UI_PREFIXES = ("share on ", "click to ", "teilen auf ", "follow us", "folgen sie uns", "tap to ")

# The start of a comment section: the article ends above it.
COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|kommentare?|responses?|replies|reaktionen|leserkommentare|"
    r"thoughts on|discussion|diskussion)\b|"
    r"^(?:leave a (?:reply|comment)|add a comment|post a comment|write a comment|"
    r"join the (?:discussion|conversation)|kommentar (?:schreiben|verfassen)|"
    r"diskutieren sie mit|kommentieren)\b",
    _I,
)
UI_STRIP = " :.!»›>…|"
# Counters of a gallery or a pager ("Bild 3 von 12", "3/12").
UI_COUNTER = re.compile(r"^(?:bild|foto|image|photo|slide)?\s*\d+\s*(?:/|von|of)\s*\d+$")

# Advertising labels (whole line, lower-cased, UI_STRIP removed).
AD_STRINGS = _strings(
    """anzeige|werbung|advertisement|advertising|ad|ads|sponsored|sponsored content|gesponsert|
    promoted|paid post|paid content|publicité|publicidad|pubblicità"""
)

# Literal keys (in the lower-cased line) that must occur before the family's regex is tried:
# `in` on a short string is far cheaper than a regex search.
CONSENT_KEYS = (
    "cookie",
    "consent",
    "einwilligung",
    "datenschutz",
    "privacy",
    "dsgvo",
    "gdpr",
    "tracking",
    "personali",
)
NOTICE_KEYS = (
    "logg",
    "log in",
    "login",
    "sign",
    "account",
    "konto",
    "passw",
    "alters",
    "age verif",
    "javascript",
    "browser",
    "blocker",
    "newsletter",
    "abonn",
    "subscri",
    "regist",
    "kinder",
    "verfügbar",
    "not available",
)
FOOTER_KEYS = ("©", "(c)", "copyright", "rights reserved", "rechte vorbehalten")
FOOTER_LINKS = _strings(
    """impressum|imprint|datenschutz|privacy|kontakt|contact|contact us|agb|terms|terms of use|
    terms of service|nutzungsbedingungen|about us|über uns|sitemap|barrierefreiheit|
    accessibility|jobs|karriere|careers|faq|hilfe|help|privacy policy|datenschutzerklärung|
    cookie policy|cookie-einstellungen|cookie settings"""
)
CREDIT_AGENCIES = _strings(
    """getty images|imago|imago images|dpa|afp|reuters|ap|epa|picture alliance|shutterstock|
    istock|istockphoto"""
)
BYLINE_WORDS = _strings("by|von|par|por|di|door|text|autor|autorin|author|written|geschrieben")

# Footer lines: copyright, legal pages.
FOOTER = re.compile(
    r"©|\(c\) ?\d{4}|copyright|all rights reserved|alle rechte vorbehalten|"
    r"^(?:impressum|imprint|datenschutz|privacy|kontakt|contact(?: us)?|agb|"
    r"terms(?: of (?:use|service))?|nutzungsbedingungen|about us|über uns|sitemap|"
    r"barrierefreiheit|accessibility|jobs|karriere|careers|faq|hilfe|help)$",
    _I,
)

# Image credits: a source label, or a photo agency named on its own.
CREDIT = re.compile(
    r"^(?:foto|fotos|bild|bilder|quelle|photo|photos|image|images|credit|picture|"
    r"illustration|grafik|video|source)\s*:|©|\(c\)|"
    r"^(?:getty images|imago(?: images)?|dpa|afp|reuters|ap|epa|picture alliance.*|"
    r"shutterstock|istock(?:photo)?)$|/ ?(?:getty images|imago|dpa|afp|reuters|ap|epa)\b",
    _I,
)

# A credit label whose value is the credit proper ("Quelle: imago" -> "imago").
CREDIT_LABEL = re.compile(
    r"^(?:foto|fotos|bild|bilder|quelle|photo|photos|image|credit|source)\s*:\s*", _I
)

# Dates and times on a short line.
_MONTHS = (
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz)|apr(?:il)?|ma[iy]|jun[ei]?|"
    r"jul[iy]?|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?"
)
DATE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{2}|\d{4})\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    rf"\b(?:{_MONTHS})\.? \d{{1,2}},? \d{{4}}\b|\b\d{{1,2}}\.? (?:{_MONTHS})\.? \d{{4}}\b|"
    r"\b\d{1,2}:\d{2}\s?(?:uhr|am|pm)\b|\b(?:updated|published|aktualisiert|veröffentlicht|"
    r"stand|posted)\b.*\d",
    _I,
)

# Play times and reading times ("1 min", "3:45", "5 Min. Lesezeit").
DURATION = re.compile(
    r"^\d{1,3}(?::\d{2}){1,2}$|^\d{1,3}\s?(?:min|minuten|minutes|sek|sec|s)\.?\b", _I
)

# Author lines.
BYLINE = re.compile(
    r"^(?:by|von|par|por|di|door|text|autor(?:in)?|author|written by|geschrieben von)\s*:?\s+"
    r"[A-ZÄÖÜ]",
    _I,
)

# A label line: a few words ending in a colon ("Datum:", "Sie sind hier:").
LABEL = re.compile(r"^[^\s:]+(?:\s+[^\s:]+){0,3}\s*:$")

# A labelled value on a short line ("Archiv: Bundesamt für Verfassungsschutz").
LABELLED = re.compile(r"^[^\W\d_][\w-]{1,20}:\s+\S")

# Separators that make a line a list of links or a breadcrumb.
SEPARATORS = re.compile(r"\s[|>»›/•·]\s|\s[-–]\s.*\s[-–]\s")

# Characters of scripts written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

# Sentence-final punctuation, after closing quotes and brackets are stripped.
TERMINAL = frozenset(".!?…。！？")
CLOSERS = "\"'”’»«)]“"


def _lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern as a lower-case one, for matching lower-cased lines: several
    times faster (the regex engine skips ahead on literals only without IGNORECASE)."""
    source = pattern.pattern
    if re.search(r"\\[A-Z]", source):
        raise ValueError(f"pattern has an upper-case escape: {source!r}")
    return re.compile(source.lower(), pattern.flags & ~re.IGNORECASE)


# The case-insensitive families, to be matched against the lower-cased line.
CONSENT_LOW = _lower_case(CONSENT)
NOTICE_LOW = _lower_case(NOTICE)
FOOTER_LOW = _lower_case(FOOTER)
CREDIT_LOW = _lower_case(CREDIT)
DATE_LOW = _lower_case(DATE)
COMMENTS_LOW = _lower_case(COMMENTS)
# What a line must start with (after " []()" are stripped) for COMMENTS to match it.
COMMENTS_PREFIXES = (
    *"0123456789",
    "comment",
    "komment",
    "response",
    "replies",
    "reaktionen",
    "leserkommentare",
    "thoughts on",
    "discussion",
    "diskussion",
    "leave a ",
    "add a comment",
    "post a comment",
    "write a comment",
    "join the ",
    "diskutieren sie mit",
)
