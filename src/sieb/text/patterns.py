"""What chrome looks like in flattened text: the regular expressions text mode matches lines with.

Kept apart from the logic (like trafilatura's `xpaths.py`) so the knowledge is reviewable in one
place. German and English first, a few other European languages where a word is cheap to add.
Every pattern is matched against one stripped line, with `search` unless it starts with `^`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from sieb.signals import BOILERPLATE_STARTS


def string_keys(strings: Iterable[str]) -> dict[str, None]:
    """`strings` as the keys of a dict, for `in` tests against a long list of lines. The garbage
    collector does not track a dict that holds only strings, while it tracks every frozenset:
    each full collection would visit all members of one (the 28,000 time and answer-count
    lines made up a third of a full collection's work)."""
    return dict.fromkeys(strings)

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
    r"personalisierte (?:werbung|inhalte)|personali[sz]ed (?:ads|content)|"
    # the IAB consent framework's banner: "We and our 214 partners store and/or access ..."
    r"\bwe and our (?:\d+ )?(?:\w+ )?partners\b|\bwir und unsere (?:\d+ )?(?:\w+ )?partner\b|"
    # an embedded map's or video's placeholder: "Um die Karte anzuzeigen, stimmen Sie bitte der
    # Nutzung von Google Maps zu."
    r"\bstimmen sie (?:bitte )?(?:der|dem) (?:nutzung|laden|anzeige|einbindung)\b|"
    # ... or asks for it: "Wir respektieren deine Privatsphäre und stellen deshalb ohne dein
    # Einverständnis keine Verbindung zu Twitter her." "Bitte gib dein Einverständnis."
    # (each alternative spelt from its first word: the compiled rules try a match only where
    # one of the words that begin them starts)
    r"\bohne (?:dein|ihr) einverständnis\b|\bgib dein einverständnis\b|"
    r"\bgeben sie ihr einverständnis\b|"
    r"\bwir respektieren (?:deine|ihre) privatsphäre\b|"
    # the banner named in German compounds: "Cookieabfrage", "Cookie-Einstellungen"
    r"\bcookie-?(?:abfrage|banner|hinweis|einstellungen|richtlinie)\b",
    _I,
)

# A banner leads with its subject; prose that mentions cookies or a privacy policy in passing
# does so further in. A line from LONG_BANNER_CHARS on is consent only when CONSENT finds a match
# in its first BANNER_LEAD_CHARS.
LONG_BANNER_CHARS = 400
BANNER_LEAD_CHARS = 300

# Account, login, browser and paywall notices addressed to the reader.
NOTICE = re.compile(
    r"ausgeloggt|eingeloggt|\blog(?:ged)? ?(?:in|out)\b|\bsign(?:ed)? ?(?:in|up|out)\b|"
    r"\bAccount\b|\bKonto\b|passwor[dt]|altersprüfung|altersbeschränkung|age verification|"
    r"javascript|\bbrowser\b|ad ?-?blocker|werbeblocker|newsletter|\babonn|\bsubscri(?:be|ption)|"
    r"registrier|\bregister\b|kinderprofil|kinderbereich|nicht verfügbar|not available in your|"
    r"push[- ]?(?:notification|benachrichtigung)|"
    # a metered paywall's count: "You've read 4 articles this month"
    r"\byou(?:'|’)ve read (?:\d+|all|your)\b",
    _I,
)
# Notices are short: from this length a line that mentions an account, a subscription or a
# newsletter is prose about them (a how-to, a product story), even when it says "you".
NOTICE_MAX_CHARS = 400


def _strings(block: str) -> frozenset[str]:
    return frozenset(x.strip() for x in block.split("|") if x.strip())


# Headings of a list of other articles that ends an article ("Most read", "Você pode gostar"):
# interface strings (below) or reader prompts ("Veja também"), after which roles._before_comments
# ends the body above them. Not "Related", "Read more", "Read next" or "Mehr zum Thema": those
# also head a few links, or one teaser, inside an article (interface strings all the same).
_LIST_HEADINGS = _strings(
    """most read|most popular|most viewed|top stories|related topics|related content|
    related posts|more stories|recommended|recommended stories|recommended for you|
    more from our network|você pode gostar|você também pode gostar|
    das könnte sie auch interessieren|meistgelesen|meistgelesene artikel|ähnliche artikel|
    ähnliche beiträge|te puede interesar|sur le même sujet"""
)
RELATED_HEADINGS = _LIST_HEADINGS | {"veja também", "das könnte dich auch interessieren"}

# Interface strings: buttons, sharing, bookmarking, media controls (whole line, lower-cased,
# with the characters of UI_STRIP removed at both ends), and the list headings above.
UI_STRINGS = _LIST_HEADINGS | _strings(
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
    rss|rss feed|rss feeds|get author rss feed|share this with|copy this link|
    these are external links and will open in a new window|
    home|startseite|newsletter|next post|previous post|next article|previous article|
    nächster artikel|vorheriger artikel|share this|share this article|share this story|
    artikel teilen|diesen artikel teilen|permalink|related|related stories|related articles|
    more from|you may also like|empfehlungen|mehr zum thema|weitere artikel|trending|
    teilen mit|sharen mit|like this|tags|tagged with|getaggt mit|
    schlagwörter|etiquetas|please reload captcha|externer inhalt|
    empfohlener redaktioneller inhalt|weitere informationen|mehr informationen|
    weiterführende links|links zum thema|more information|further information|
    newsletter abonnieren|newsletter bestellen|time limit is exhausted. please reload captcha|
    want more?|was denkst du?|click here to cancel reply|
    hier klicken, um das antworten abzubrechen|kommentarfunktion ist deaktiviert|redaktionstipp|
    media playback is unsupported on your device|print this article|thanks for watching|
    scroll back to top|report error|report an error|report a typo|fehler melden|fehler gefunden?|
    inhaltsverzeichnis|table of contents|jetzt kaufen|jetzt bestellen|buy now|shop now|
    add to cart|in den warenkorb|zum angebot|view deal|check price|read next|druckansicht|
    artikel versenden|artikel drucken|tippfehler melden|embedded video|
    hinterlasse einen kommentar|hinterlasse jetzt einen kommentar|schreibe einen kommentar"""
)
# Prefixes of interface strings ("Click to share on Twitter (Opens in new window)").
UI_PREFIXES = (
    "share on ", "share this with ", "click to ", "teilen auf ", "follow us", "folgen sie uns",
    "tap to ",
)  # fmt: skip
# A prompt to follow someone on a network ("Follow VentureBeat on Twitter", "Folge Anna auf
# Instagram"): a line (under 60 characters, as UI_STRINGS) of at most FOLLOW_MAX_WORDS words that
# begins with one of FOLLOW_STARTS and ends with one of FOLLOW_ENDS (a name takes a few words; a
# headline "Follow the money: how the budget ended up on Twitter" takes more).
FOLLOW_MAX_WORDS = 7
FOLLOW_STARTS = ("follow ", "folge ", "folgen sie ")
FOLLOW_ENDS = tuple(
    f" {on} {network}"
    for on in ("on", "auf")
    for network in (
        "twitter", "x", "facebook", "instagram", "linkedin", "youtube", "tiktok", "threads",
        "bluesky", "mastodon", "pinterest", "xing", "google+",
    )
)  # fmt: skip

# The start of a comment section: the article ends above it.
COMMENTS = re.compile(
    r"^(?:\d+\s+)?(?:comments?|kommentare?|responses?|replies|reaktionen|leserkommentare|"
    r"thoughts on|discussion|diskussion)\b|"
    r"^(?:leave a (?:reply|comment)|add a comment|post a comment|write a comment|"
    r"join the (?:discussion|conversation)|kommentar (?:schreiben|verfassen)|"
    r"diskutieren sie mit|kommentieren|community rules apply|as you comment, please|"
    r"blog comments powered by)\b|"
    r"^(?:\d+\s+|eine? |one )(?:antwort(?:en)?|kommentare?|réponses?|respuestas?|comentarios?)\s+"
    r"(?:zu|auf|à|a)\b",
    _I,
)
# A comment's header line in WordPress's classic form, matched on the lower-cased line ("Jane
# on September 12, 2018 at 4:47 pm said:", "Jan am 12. März 2019 um 14:33 Uhr schrieb:"): the
# comment section starts at it. Nothing may stand between the time and the verb, so a news line
# introducing a quote ("On Monday, 12 March 2018 at 10:30 the minister said:") is not one.
COMMENT_HEADER = re.compile(
    r"(?:^|\s)(?:on|am)\s[^:]*\d{4}[^:]*?\s(?:at|um)\s\d{1,2}[:.]\d{2}"
    r"(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr))?\s*(?:said|says|wrote|sagte|sagt|schrieb|schreibt):$"
)
COMMENT_HEADER_MAX_CHARS = 160
# What a comment's header ends in: only such lines are searched (the search is slow).
COMMENT_HEADER_ENDS = ("said:", "says:", "wrote:", "sagte:", "sagt:", "schrieb:", "schreibt:")
# The standard strings of a comment form (WordPress's among them), on the lower-cased line: the
# comment section starts at them. Their keys are among NOTICE_KEYS.
COMMENT_FORM = re.compile(
    r"(?:e-?mail-?adresse|e-?mail address) (?:wird|will) (?:nicht|not) (?:be )?"
    r"(?:veröffentlicht|published)|\bakismet\b|required fields are marked|"
    r"erforderliche felder sind mit|pflichtfelder sind mit"
)
COMMENT_FORM_MAX_CHARS = 300
# What a line must hold for COMMENT_FORM to be searched (the line's notice keys are the rest).
COMMENT_FORM_KEYS = (
    "not be published",
    "nicht veröffentlicht",
    "akismet",
    "fields are marked",
    "felder sind mit",
)
# Lists of teasers that read like body text, each line of one matched by itself; roles marks a
# line only when others of its kind stand near it (roles._TEASER_RUNS).
# A link with its count, as in a list of categories or archives ("World (3031)", "Blog [2]").
COUNT_LINK = re.compile(r"^\W{0,3}[^\W\d][^()\[\]]{0,40}[(\[]\d{1,6}[)\]]$")
COUNT_LINK_MAX_CHARS = 52  # the longest line COUNT_LINK matches
# A teaser cut off with an ellipsis ("Microsoft removes the safeguard hold for Windows 10...";
# two dots on some sites: "기적적 독도행 ‘어서와’, 노르웨..").
CUT_OFF_ENDS = ("..", "\u2026")
CUT_OFF_MIN_WORDS = 4
# Where a headline runs into its lead because the page had no space between them ("...At Troy
# SteakhouseA party of six left..."): a lower-case letter, digit or closing mark, then a word
# that starts a sentence ("A", "I", or a capital and lower-case letters before a space or mark).
HEADLINE_JOIN = re.compile(
    r"(?<=[a-z\d?!.\u2019'\"\u201d])(?:[A-Z][a-z]+(?=[\s,.:;!?])|[AI](?=\s))"
)
# The join is looked for in the first characters of a line only (a headline's length).
HEADLINE_JOIN_CHARS = 160
# What a headline before the join has at least (characters, words).
JOINED_HEAD_CHARS = 20
JOINED_HEAD_WORDS = 3
# Words that may be lower-case in a title-cased headline.
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from"}
    | {"as", "vs", "vs.", "de", "der", "die", "das", "und", "im", "zu", "von", "mit", "für", "auf"}
)


def joined_card(text: str) -> bool:
    """Whether `text` is a teaser card whose headline runs into its lead: at least three words
    and 20 characters of title case ("Police: 2 In Custody After Death Of U of M-Dearborn
    Student-Athlete"), then sentence text with lower-case words ("A 24-year-old woman and...").
    Brand names ("MacBook", "AirPods") are joins after a short word and are not cards."""
    for join in HEADLINE_JOIN.finditer(text, 0, HEADLINE_JOIN_CHARS):
        head = text[: join.start()]
        if (
            len(head) >= JOINED_HEAD_CHARS
            and _title_cased(head.split())
            and _reads_on(text[join.start() : join.start() + _READS_ON_CHARS])
        ):
            return True
    return False


def _title_cased(words: list[str]) -> bool:
    """Three or more words, each capitalised, a number or a small word, two of them capitalised
    words, the last of four letters or more (or ending in a digit)."""
    if len(words) < JOINED_HEAD_WORDS:
        return False
    capitalised = 0  # words with a capital first and two letters or more, counted up to two
    for word in words:
        first = word[:1]
        if first.isupper():
            if capitalised < 2 and sum(map(str.isalpha, word)) >= 2:
                capitalised += 1
        elif first.isalpha() and word.lower() not in TITLE_SMALL_WORDS:
            return False
    if capitalised < 2:
        return False
    last = words[-1].rstrip(_CLOSING_MARKS)
    return last[-1:].isdigit() or sum(map(str.isalpha, last)) >= 4


_CLOSING_MARKS = "?!.\u2019'\"\u201d"


# How much of the text after a join `_reads_on` reads: twelve words, and more than enough.
_READS_ON_CHARS = 1000


def _reads_on(rest: str) -> bool:
    """Six words or more, at least three of the first twelve lower-case: a sentence."""
    words = rest.split(None, 12)  # the first twelve words and the remainder
    return len(words) >= 6 and sum(w[:1].islower() for w in words[:12]) >= 3


# Lines that point to other articles or ask the reader for something ("Read also: ...", "Lea
# también: ...", "Czytaj też: ...", "Jede kleine Spende hilft ..."): the starts HTML extraction
# drops such blocks by (sieb.signals), on the lower-cased line after at most
# READER_PROMPT_SKIP non-word characters ("» Read more"), in lines shorter than
# READER_PROMPT_MAX_CHARS (longer ones are prose that happens to start so).
# Lines that list the article's tags or categories ("Getaggt mit: ...", "Filed under: ...",
# "This entry was posted in ..."), which link to other articles' lists, are reader prompts too in
# text mode (HTML extraction finds them by their links).
TAG_LIST_STARTS = (
    "tags:",
    "tagged with",
    "getaggt mit",
    "schlagwörter:",
    "schlagworte:",
    "schlagwort:",
    "kategorie:",
    "kategorien:",
    "category:",
    "categories:",
    "filed under",
    "posted in:",
    "abgelegt in",
    "abgelegt unter",
    "eingeordnet unter",
    "veröffentlicht in:",
    "etiquetas:",
    "catégories:",
    "mots-clés:",
    "tagi:",
    "related tags",
    # a blog theme's line under the post: its date and categories
    "this entry was posted",
    "der beitrag wurde am",
    "dieser beitrag wurde am",
    "dieser eintrag wurde am",
)
# An affiliate disclosure at the top or the end of a post (a sentence or two, below
# READER_PROMPT_MAX_CHARS) is the site's notice, not the article's text.
DISCLOSURE_STARTS = (
    "this article contains affiliate links",
    "this article may contain affiliate links",
    "this post contains affiliate links",
    "this post may contain affiliate links",
    "this page contains affiliate links",
    "dieser artikel enthält affiliate-links",
    "dieser beitrag enthält affiliate-links",
    "dieser artikel enthält werbelinks",
    "dieser beitrag enthält werbelinks",
)
READER_PROMPT_STARTS = BOILERPLATE_STARTS + TAG_LIST_STARTS + DISCLOSURE_STARTS
READER_PROMPT_SKIP = 3
READER_PROMPT_MAX_CHARS = 200
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
    "we and our",
    "wir und unsere",
    "stimmen sie",
    "einverständnis",
    "privatsphäre",
)
NOTICE_KEYS = (
    "push",
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
    "ve read ",
    *COMMENT_FORM_KEYS,
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

# The labels a credit line starts with, alone or after "(" or ". " ("(Fuente: Télam)", ". Imagen:
# Télam"): spelt out as literal alternatives, so that the compiled rules try the pattern only on
# lines that start with one of them (patterns.match_starts).
CREDIT_LABELS = (
    "foto", "fotos", "bild", "bilder", "quelle", "photo", "photos", "image", "images", "credit",
    "picture", "illustration", "grafik", "video", "source", "photo credit", "bildquelle",
    "bildnachweis", "imagen", "imágenes", "fuente", "crédito", "créditos", "kuva",
)  # fmt: skip
# Image credits: a source label, or a photo agency named on its own.
CREDIT = re.compile(
    "^(?:"
    + "|".join(lead + re.escape(label) for label in CREDIT_LABELS for lead in ("", r"\(", r"\. "))
    + r")\s*:|©|\(c\)|"
    r"^(?:getty images|imago(?: images)?|dpa|afp|reuters|ap|epa|picture alliance.*|"
    r"shutterstock|istock(?:photo)?)$|/ ?(?:getty images|imago|dpa|afp|reuters|ap|epa)\b",
    _I,
)

# A credit label whose value is the credit proper ("Quelle: imago" -> "imago"; a bracketed credit,
# "(Fuente: Télam)", is kept whole).
CREDIT_LABEL = re.compile(
    r"^(?:\. )?(?:foto|fotos|bild|bilder|quelle|photo|photos|image|credit|source|"
    r"photo credit|bildquelle|bildnachweis|imagen|imágenes|fuente|crédito|créditos|kuva)"
    r"\s*:\s*",
    _I,
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

# The closing line of an embedded post: a dash, the author, the handle and the date ("— Jane Doe
# (@janedoe) November 18, 2019", as Twitter's embed code writes it).
POST_SOURCE = re.compile(
    rf"^[\u2014\u2013-] [^\n]{{1,80}} \(@\w{{1,30}}\) (?:{_MONTHS})\.? \d{{1,2}}, \d{{4}}$", _I
)

# An image's file name standing for the image (its alt text or a gallery's label): one word of five
# or more parts joined by hyphens or underscores ("milano-design-week-2018-flos-arrangements-02",
# "IMG_20190412_153012_HDR_01"), or any word with an image file's extension.
IMAGE_FILE = re.compile(
    r"(?:[^\W_]+(?:[-_][^\W_]+){4,}(?:\.(?:jpe?g|png|gif|webp))?|\S+\.(?:jpe?g|png|gif|webp))$", _I
)
IMAGE_FILE_MIN_CHARS = 12
IMAGE_FILE_MAX_CHARS = 160  # longer words are other things (a base64 blob, a CJK paragraph)
# The regex runs only on single words of these lengths with four hyphens and underscores, or a
# full stop among their last five characters (roles._may_name_a_file).
IMAGE_FILE_SEPARATORS = 4

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
    "ein ",
    "eine ",
    "one ",
    "leave a ",
    "add a comment",
    "post a comment",
    "write a comment",
    "join the ",
    "diskutieren sie mit",
    "community rules apply",
    "as you comment, please",
    "blog comments powered by",
)



class MatchStarts(NamedTuple):
    """Where a match of a pattern can start (see `match_starts`)."""

    at_start: bool  # at 0 (an alternative begins with "^")
    start_prefixes: tuple[str, ...] | None  # ... if the text begins with one of these (None: any)
    prefixes: tuple[str, ...]  # where one of these begins
    word_prefixes: tuple[str, ...]  # ... or one of these, at 0 or after a non-word character
    digits: bool  # at a decimal digit (`re`'s \d)
    word_digits: bool  # ... at a decimal digit at 0 or after a non-word character


def match_starts(pattern: re.Pattern[str]) -> MatchStarts | None:
    """Where a match of `pattern` can start, read from its parse tree: every match starts at a
    place `MatchStarts` names; None when the tree does not tell (a class or a repeat of other
    characters, a lookaround, an inline flag first). `re` tries a pattern whose alternatives
    begin with `\\b` or a class at every position; the compiled rules try it only there.

    A `\\b` before a word character (letters and digits are) means the character before the
    start is no word character: `re`'s \\w on str, alphanumeric or "_" (not with re.ASCII)."""
    if pattern.flags & (re.IGNORECASE | re.MULTILINE) or not isinstance(pattern.pattern, str):
        return None
    from re import _constants as C  # the parse tree's opcodes (re's own, Python >= 3.11)
    from re import _parser

    unicode_words = not pattern.flags & re.ASCII
    digit_class = (C.IN, [(C.CATEGORY, C.CATEGORY_DIGIT)])

    def is_word(char: str) -> bool:
        return char.isalnum() or char == "_"

    def starts(
        items: list, bounded: bool
    ) -> tuple[bool | frozenset[str], set[tuple[str, bool]], set[bool]] | None:
        """(at_start, {(prefix, after a non-word character)}, {digit start bounded so}); at_start
        is False (no "^"), True (a match at 0 may begin with anything) or the prefixes a text
        must begin with for a match at 0."""
        i = 0
        while i < len(items) and items[i] == (C.AT, C.AT_BOUNDARY):
            bounded = unicode_words  # zero-width: the match starts where the next item does
            i += 1
        if i == len(items):
            return None  # may match the empty string anywhere
        op, av = items[i]
        if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
            rest = starts(items[i + 1 :], False)
            if rest is None or rest[0] is not False or rest[2]:
                return True, set(), set()
            return frozenset(prefix for prefix, _ in rest[1]), set(), set()
        if op is C.LITERAL:
            end = i
            while end < len(items) and items[end][0] is C.LITERAL:
                end += 1
            prefix = "".join(chr(code) for _, code in items[i:end])
            return False, {(prefix, bounded and is_word(prefix[0]))}, set()
        if op is C.IN and av and all(kind is C.LITERAL for kind, _ in av):
            return False, {(chr(code), bounded and is_word(chr(code))) for _, code in av}, set()
        if (op, av) == digit_class or (
            op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1 and list(av[2]) == [digit_class]
        ):
            return False, set(), {bounded}
        if op is C.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            return starts(list(av[3]), bounded)
        if op is C.BRANCH:
            found = [starts(list(alternative), bounded) for alternative in av[1]]
            if any(f is None for f in found):
                return None
            anchored = [f[0] for f in found if f[0] is not False]
            if any(a is True for a in anchored):
                at_start: bool | frozenset[str] = True
            else:
                at_start = frozenset().union(*anchored) if anchored else False
            return (
                at_start,
                set().union(*(f[1] for f in found)),
                set().union(*(f[2] for f in found)),
            )
        return None

    try:
        found = starts(list(_parser.parse(pattern.pattern, pattern.flags)), False)
    except Exception:  # an unexpected tree: a plain search
        return None
    if found is None:
        return None
    anchored, prefixes, digits = found

    def covered(prefix: str, bounded: bool) -> bool:
        """Whether another prefix finds every place this one does."""
        return any(
            (q, b) != (prefix, bounded) and prefix.startswith(q) and (bounded or not b)
            for q, b in prefixes
        )

    kept = sorted(p for p in prefixes if not covered(*p))
    return MatchStarts(
        anchored is not False,
        tuple(sorted(p for p in anchored if not any(p != q and p.startswith(q) for q in anchored)))
        if isinstance(anchored, frozenset)
        else None,
        tuple(p for p, bounded in kept if not bounded),
        tuple(p for p, bounded in kept if bounded),
        False in digits,
        digits == {True},
    )


def found_from_starts(pattern: re.Pattern[str], starts: MatchStarts, text: str) -> bool:
    """`pattern.search(text) is not None`, trying `pattern.match` only where `match_starts`
    says a match can start (the Python twin of the compiled rules' `Finder`)."""

    def after_word(pos: int) -> bool:
        return pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_")

    if (
        starts.at_start
        and (starts.start_prefixes is None or text.startswith(starts.start_prefixes))
        and pattern.match(text) is not None
    ):
        return True
    for prefixes, bounded in ((starts.prefixes, False), (starts.word_prefixes, True)):
        for prefix in prefixes:
            pos = text.find(prefix)
            while pos >= 0:
                if not (bounded and after_word(pos)) and pattern.match(text, pos) is not None:
                    return True
                pos = text.find(prefix, pos + 1)
    if starts.digits or starts.word_digits:
        for pos, char in enumerate(text):
            if (
                char.isdecimal()
                and (starts.digits or not after_word(pos))
                and pattern.match(text, pos) is not None
            ):
                return True
    return False


# Photo captions that name their picture's source at the end ("... (Photo: Getty Images)",
# "... (AP Photo/Alan Diaz)", "... Credit: ESA", "... | Bloomberg | Getty Images") or open as
# captions do ("In this photo issued by ITV, ...").
SOURCE_BRACKET_CHARS = 100  # how far before a closing ")" its "(" may be
SOURCE_MARK_CHARS = 60  # how far from the end a source's ":", "/" or "|" may be
CAPTION_OPENINGS = (
    "in this photo",
    "in this file photo",
    "in this handout photo",
    "in this undated photo",
    "in this image",
    "in this picture",
    "in this handout image",
    "in this file image",
    "in this undated image",
    "photo by ",
    "photos by ",
    "foto von ",
    "file photo: ",
    "media caption",  # the BBC's labels, run into their captions in flattened text
    "image caption ",
)
# The first characters of CAPTION_OPENINGS.
CAPTION_OPENING_FIRSTS = "".join(sorted({opening[0] for opening in CAPTION_OPENINGS}))
# A source label at the start of a bracket ("(Photo: ...", "(AP Photo/...", "(Image credit: ...").
SOURCE_LABEL = re.compile(
    r"(?:ap |afp |reuters |dpa |main )?(?:photo|foto|bild|image|picture|photograph|credit|pic|"
    r"quelle|fuente)s?"
    r"(?: credit| source|quelle)?\s*(?::|by\b|von\b|/|©|should read\b)"
)
# ... and before a colon near the end ("... Credit: ESA", "... Foto: Max Muster").
SOURCE_LABEL_ENDS = (
    "photo",
    "photos",
    "foto",
    "fotos",
    "bild",
    "image",
    "picture",
    "photograph",
    "photographer",
    "credit",
    "credits",
    "bildquelle",
    "fotoquelle",
    "image source",
    # Spanish, Portuguese, Italian, Polish, Finnish, Swedish
    "imagen",
    "imágenes",
    "crédito",
    "créditos",
    "fotografía",
    "zdjęcie",
    "kuva",
)
PHOTO_AGENCIES = _strings(
    """getty|getty images|afp|ap|reuters|dpa|epa|imago|imago images|shutterstock|istock|
    istockphoto|picture alliance|picture-alliance|ddp|keystone|xinhua|apa|anp|efe|ansa|
    afp via getty images|ap images|reuters pictures"""
)
VIA_AGENCY = tuple(f" via {agency}" for agency in sorted(PHOTO_AGENCIES))
SOURCE_LABEL_GAP = 20  # a source label ends this close before its colon


def _end_of_words(text: str) -> int:
    """The length of `text` without its trailing spaces and full stops."""
    end = len(text)
    while end and text[end - 1] in " .":
        end -= 1
    return end


def _source_in_brackets(text: str, end: int) -> tuple[int, str] | None:
    """(where it opens, what it holds) of the bracket that ends `text[:end]`, when it names a
    photo's source ("(Photo: ...)", "(AP Photo/...)", "(... via AP)"); else None."""
    opened = text.rfind("(", max(0, end - SOURCE_BRACKET_CHARS), end)
    if opened < 0:
        return None
    inner = text[opened + 1 : end - 1].strip()
    low = inner.lower()
    if SOURCE_LABEL.match(low) is None and not low.endswith(VIA_AGENCY):
        return None
    return opened, inner


def names_photo_source(low: str) -> bool:
    """Whether a stripped, lower-cased line is a caption that names its photo's source (the
    compiled rules' `photo_source` is its twin)."""
    if not low:
        return False
    if low[0] in CAPTION_OPENING_FIRSTS and low.startswith(CAPTION_OPENINGS):
        return True
    end = _end_of_words(low)
    if not end:
        return False
    if low[end - 1] == ")":
        return _source_in_brackets(low, end) is not None
    tail = max(0, end - SOURCE_MARK_CHARS)
    colon = low.rfind(":", tail, end)
    if colon >= 0:
        return low[max(0, colon - SOURCE_LABEL_GAP) : colon].rstrip().endswith(SOURCE_LABEL_ENDS)
    cut = max(low.rfind("/", tail, end), low.rfind("|", tail, end))
    return cut >= 0 and (
        low[cut + 1 : end].strip() in PHOTO_AGENCIES
        # "...Credit...Doug Mills/The New York Times"
        or low.find("credit...", max(0, cut - SOURCE_MARK_CHARS), cut) >= 0
    )


# A source label at the start of a bracketed credit, with its colon ("Photo: ", "Image credit: ").
_BRACKET_LABEL = re.compile(
    r"(?:ap |afp |reuters |dpa |main )?(?:photo|foto|bild|image|picture|photograph|credit|pic)s?"
    r"(?: credit| source|quelle)?\s*:\s*",
    re.IGNORECASE,
)
# The label words before a colon at the end of a caption ("... Photo credit: ESA").
_LABEL_BEFORE_COLON = re.compile(
    r"(?:\b(?:main|image|photo|photos|foto|fotos|bild|picture|photograph|photographer|credit|credits|source|"
    r"bildquelle|fotoquelle|quelle|imagen|imágenes|crédito|créditos|fotografía|zdjęcie|kuva)\s*){1,3}$",
    re.IGNORECASE,
)
_MIN_CAPTION_CHARS = 10


def split_photo_source(text: str) -> tuple[str, str] | None:
    """(caption, credit) of a caption line that ends in its photo's source, read as
    `names_photo_source` reads it: "... (Photo: Getty Images)" -> ("...", "Getty Images"),
    "... (AP Photo/Jane Doe)" -> ("...", "AP Photo/Jane Doe"), "... Foto: Max Muster" ->
    ("...", "Max Muster"); None when it ends in no source in brackets or after a label's colon,
    or when less than a caption stands before it."""
    end = _end_of_words(text)
    if not end:
        return None
    if text[end - 1] == ")":
        bracket = _source_in_brackets(text, end)
        if bracket is None:
            return None
        opened, inner = bracket
        caption, credit = text[:opened], _BRACKET_LABEL.sub("", inner, count=1)
    else:
        colon = text.rfind(":", max(0, end - SOURCE_MARK_CHARS), end)
        if colon < 0:
            return None
        label = _LABEL_BEFORE_COLON.search(text, max(0, colon - 3 * SOURCE_LABEL_GAP), colon)
        if label is None:
            return None
        caption, credit = text[: label.start()], text[colon + 1 : end]
    caption, credit = caption.rstrip(" -–|,;:"), credit.strip()
    return (caption, credit) if len(caption) >= _MIN_CAPTION_CHARS and credit else None
