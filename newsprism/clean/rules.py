"""Line rules: what one paragraph of pasted text is when it is not article body.

Every rule here is a cue a person would use (a copyright sign, "Advertisement", a cookie
consent sentence, a "Most read" heading). They are deliberately narrow: a rule that could
fire on an article sentence does not belong here.
"""

from __future__ import annotations

import re

ADVERT = re.compile(
    r"^(?:advertisement|advertisements?\s*[-–:]?\s*scroll to continue(?: reading)?|ad|ads|"
    r"sponsored(?: content| post| links?)?|paid (?:content|post|partner content)|promoted|"
    r"(?:story|article) continues (?:below|after)(?: this)? (?:advertisement|ad)|"
    r"continue reading (?:below|the main story)|skip (?:this )?advert(?:isement)?)\s*\.?$",
    re.I,
)
NAV_WORDS = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation|search)|menu|main menu|home|homepage|search|"
    r"sign in|log in|login|sign out|register|my account|subscribe|share|"
    r"share this(?: article| story)?|"
    r"tweet|email|print|facebook|twitter|linkedin|whatsapp|reddit|copy link|back to top|"
    r"next article|previous article|next|previous|close|open menu|toggle navigation|"
    r"listen to (?:this )?article|save (?:this )?article|gift (?:this )?article)\s*\.?$",
    re.I,
)
SEPARATED = re.compile(r"\s+[|•·»›>/]\s+")
COOKIE = re.compile(r"\bcookies?\b", re.I)
# the banner speaks to the reader; a news sentence about cookie law does not
COOKIE_CONTEXT = re.compile(
    r"\b(?:we (?:and our partners )?use|this (?:site|website) uses|you (?:agree|consent|accept)|"
    r"your (?:consent|browsing|experience|preferences|choices|settings)|our (?:use of|cookie)|"
    r"by (?:clicking|continuing|using))\b",
    re.I,
)
COOKIE_BUTTON = re.compile(
    r"^(?:accept(?: all)?(?: cookies)?|reject(?: all)?|decline|ok|got it|i agree|agree|"
    r"manage (?:preferences|settings|cookies)|cookie settings|allow all|deny)\s*\.?$",
    re.I,
)
# The same cues in the other languages ``language.py`` knows (de, fr, es, it, pt, nl): a
# pointer to other articles ("Lesen Sie auch", "À lire aussi", "Lea también") and a call to
# subscribe or follow. Each list names the phrase a reader sees, never one page's wording.
READ_ALSO = (
    r"lesen sie (?:auch|mehr|hier)|lies auch|auch lesen|auch interessant|mehr zum thema|"
    r"mehr dazu|passend dazu|siehe auch|weiterlesen|das k(?:ö|oe)nnte sie auch interessieren|"
    r"(?:à|a) lire (?:aussi|également|egalement)|lire aussi|(?:à )?voir aussi|"
    r"sur le m(?:ê|e)me sujet|lea (?:también|tambien|más|mas)|lee (?:también|tambien|más|mas)|"
    r"vea (?:también|tambien)|ver (?:también|tambien)|(?:le|te) puede interesar|"
    r"leggi anche|vedi anche|potrebbe interessarti|leia (?:também|mais)|veja (?:também|mais)|"
    r"saiba mais|lees ook|zie ook"
)
RELATED_LISTS = (
    r"weitere (?:artikel|beitr(?:ä|ae)ge|nachrichten|themen)|"
    r"(?:ä|ae)hnliche (?:artikel|beitr(?:ä|ae)ge)|"
    r"meistgelesen(?:e)?|mehr themen|articles? similaires|les plus lus|"
    r"(?:noticias|art(?:í|i)culos) relacionad[oa]s|lo m(?:á|a)s le(?:í|i)do|articoli correlati|"
    r"i pi(?:ù|u) letti|not(?:í|i)cias relacionadas|mais lidas|"
    r"gerelateerde artikelen|meest gelezen"
)
RELATED_HEADING = re.compile(
    r"^(?:most (?:read|popular|viewed|shared)|"
    r"related(?: articles| stories| coverage| news| content| topics| links)?|"
    r"read (?:more|next|also)|more (?:from|on|about|stories|news|in)\b.{0,40}|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|"
    r"recommended(?: for you| stories| reading)?|"
    r"trending(?: now| stories)?|also read|see also|what to read next|popular(?: now| stories)?|"
    rf"top stories|latest (?:news|stories)|editor'?s picks|further reading|more like this|"
    rf"{READ_ALSO}|{RELATED_LISTS})\s*:?$",
    re.I,
)
RELATED_INLINE = re.compile(
    r"^(?:read more|read also|also read|related|see also|more|watch|listen|read next|"
    rf"recommended|must read|{READ_ALSO})\s*[:|»>\-–—]\s*\S.{{0,200}}$",
    re.I,
)
PROMO = re.compile(
    r"^(?:sign up|subscribe\b|get (?:our|the) .{0,40}newsletter|newsletter\b|follow us|"
    r"download (?:our|the) .{0,20}app|join (?:our|us on)|"
    r"stay (?:informed|tuned|updated|up to date|with us)|"
    r"support (?:our|independent|quality) journalism|become a (?:member|subscriber)|click here|"
    r"for (?:more|the latest) (?:news|updates|stories|coverage)|keep (?:following|reading)|"
    r"like us on|don'?t miss (?:out|our)|check back|want more\b|enjoyed this|get the latest|"
    r"to continue reading|already a subscriber|this article is (?:for|available to) subscribers|"
    r"have your say|email us\b|tell us what you think|let us know (?:what|your|in)|"
    r"share your (?:views|thoughts|story)|never miss (?:the|a|our)|"
    r"follow (?:the )?\S+(?: \S+)? on (?:twitter|facebook|instagram)|"
    # de, fr, es, it, pt, nl
    r"(?:jetzt |zum )?newsletter (?:abonnieren|anmelden|bestellen)|zum newsletter|"
    r"abonnieren sie|melden sie sich (?:jetzt |hier )?(?:an|für)|folgen sie uns|"
    r"werden sie (?:mitglied|abonnent)|unterst(?:ü|ue)tzen sie (?:uns|unsere)|"
    r"abonnez-vous|inscrivez-vous|suivez-nous|pour lire la suite|"
    r"s(?:u|ú)scr(?:í|i)bete|s(?:u|ú)scr(?:í|i)base|s(?:í|i)guenos|hazte (?:miembro|socio)|"
    r"iscriviti|seguici|abbonati|assine|inscreva-se|siga-nos|"
    r"abonneer (?:je|u)|schrijf je in|volg ons)",
    re.I,
)
FOOTER = re.compile(
    r"(?:^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|^(?:terms (?:of|and) (?:use|service)|"
    r"privacy (?:policy|notice)|contact us|about us|accessibility|sitemap|cookie policy)\b)",
    re.I,
)
COMMENT_MARKER = re.compile(
    r"^(?:\d[\d,.]*\s*(?:comments?|replies|responses)|comments?\s*(?:\(\d+\))?|comment\s*:.*|"
    r"replies|reply|leave a (?:comment|reply)|add a comment|join the (?:conversation|discussion)|"
    r"(?:show|view|read|load)(?: all| more)? comments?(?:\s*\(\d+\))?|reader comments|"
    r"have your say)\s*:?$",
    re.I,
)
COMMENT_OPENER = re.compile(r"^comment\s*:\s*\S", re.I)
SIGNED_HANDLE = re.compile(r"^@?[\w.\-]{2,24}(?:\s[\w.\-]{2,24})?\s*[,:…]$|^@[\w.\-]{2,30}$")
INITIALS = re.compile(r"^[A-Z]{2,5}$")
TIMESTAMP = re.compile(
    r"^(?:\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?|\d+\s+(?:likes?|upvotes?|points?))$",
    re.I,
)
FIRST_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|we|our|us|you|your)\b")
QUOTE_SPAN = re.compile(r"[\"“][^\"”]*[\"”]")


# "(Reporting by A; editing by B)", "Additional reporting by C", "Writing by D"
CREDIT = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|"
    r"translation|graphics)\s+by\b[^()]{1,200}\)?\.?$",
    re.I,
)


def is_credit(line: str) -> bool:
    return bool(CREDIT.match(line))


def is_advert(line: str) -> bool:
    return bool(ADVERT.match(line))


def is_navigation(line: str) -> bool:
    if NAV_WORDS.match(line):
        return True
    if line.startswith("|"):
        return False  # a table row: not a menu
    parts = SEPARATED.split(line)
    if len(parts) < 3 or any(ch.isdigit() for ch in line):
        return False  # one phrase, or a line with figures: not a menu
    if all(0 < len(p.split()) <= 3 for p in parts):
        return not line.rstrip().endswith((".", "?", "!"))
    return False


def is_cookie(line: str) -> bool:
    if COOKIE_BUTTON.match(line):
        return False  # only counts next to a cookie sentence (see ``strip``)
    return bool(COOKIE.search(line) and COOKIE_CONTEXT.search(line) and len(line) < 500)


def is_cookie_button(line: str) -> bool:
    return bool(COOKIE_BUTTON.match(line))


def is_related_heading(line: str) -> bool:
    return bool(RELATED_HEADING.match(line))


def is_related_inline(line: str) -> bool:
    return bool(RELATED_INLINE.match(line)) and len(line) < 220


def is_promo(line: str) -> bool:
    return bool(PROMO.match(line)) and len(line) < 400


def is_footer(line: str) -> bool:
    return bool(FOOTER.search(line)) and len(line) < 250


def is_comment_marker(line: str) -> bool:
    return bool(COMMENT_MARKER.match(line))


def is_handle(line: str) -> bool:
    """A commenter's name on its own line: "ked," / "Fred:" / "@sam" / "TTG"."""
    return len(line) <= 30 and bool(SIGNED_HANDLE.match(line) or INITIALS.match(line))


def is_signed_handle(line: str) -> bool:
    """A handle that only a comment uses: "ked," / "Fred:" / "@sam"."""
    return len(line) <= 30 and bool(SIGNED_HANDLE.match(line))


def is_timestamp(line: str) -> bool:
    return bool(TIMESTAMP.match(line))


def personal_outside_quotes(line: str) -> bool:
    """First or second person used outside quotation marks (a reader speaking, not a source
    being quoted)."""
    bare = QUOTE_SPAN.sub(" ", line)
    return bool(FIRST_SECOND_PERSON.search(bare))


def has_quote(line: str) -> bool:
    return bool(QUOTE_SPAN.search(line)) or " said" in line or " says" in line


def looks_like_body(line: str, min_words: int = 12) -> bool:
    """A prose paragraph: enough words and a sentence ending."""
    return len(line.split()) >= min_words and line.rstrip().endswith(
        (".", "!", "?", '"', "”", "’", "'", ")", "…")
    )
