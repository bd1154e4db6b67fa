"""Recognise metadata lines in pasted article text: dates, bylines, outlets, URLs, titles.

Each function looks at one line and returns what it found (or None); ``strip`` decides
which lines are metadata by where they stand.
"""

from __future__ import annotations

import re

from ..outlets import looks_like_outlet
from ..urls import split_url, url_host

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
_PREFIX = (
    r"(?:(?:published|updated|posted|date|last updated|first published|input|modified|edited)"
    r"\s*(?:on)?\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
DATE_PATTERNS = [
    re.compile(
        r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?",
        re.I,
    ),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})"),
    re.compile(r"(?P<year>\d{4})\.\s?(?P<mnum>\d{1,2})\.\s?(?P<day>\d{1,2})\.?"),
]
URL_LINE = re.compile(r"^<?(https?://[^\s<>]+?)>?[.,;]?$", re.I)
BYLINE = re.compile(
    r"^(?:by|written by|author|authors|reporter|reporting by|words by)\s*[:\-–]?\s+(?P<names>.+)$",
    re.I,
)
LABELLED_OUTLET = re.compile(r"^(?:source|outlet|publisher|publication)\s*:\s*(?P<name>.+)$", re.I)
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<name>.*)$", re.I
)
# "BERGEN (NPA) -", "WASHINGTON, Nov 20 (Reuters) —", "(AP) —"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s*"
    r"\((?P<agency>[A-Za-z][A-Za-z .&'\-]{0,30})\)\s*[-–—]+\s*"
)
NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
NAME_TOKEN = re.compile(r"^[A-Z][\w'.\-]*$")
ROLE_WORDS = frozenset(
    [
        "staff",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "contributor",
        "senior",
        "chief",
        "desk",
        "in",
        "the",
        "for",
        "of",
        "with",
        "additional",
        "reporting",
    ]
)


def _valid_date(year: int, month: int, day: int) -> str | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date_from_match(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    if parts.get("mnum"):
        month = int(parts["mnum"])
    else:
        found = MONTHS.get((parts.get("month") or "").lower().rstrip("."))
        if found is None:
            return None
        month = found
    return _valid_date(int(parts["year"]), month, int(parts["day"]))


def parse_date_line(line: str) -> str | None:
    """ISO date when the whole line is a date (optionally "Published:", a weekday, a time)."""
    text = line.strip().rstrip(".")
    prefix = re.match(_PREFIX, text, re.I)
    rest = text[prefix.end() :] if prefix else text
    for pattern in DATE_PATTERNS:
        m = pattern.match(rest)
        if m and re.fullmatch(_TIME + r"\s*(?:\|.*)?", rest[m.end() :], re.I):
            return _date_from_match(m)
    return None


def find_date(text: str) -> str | None:
    """The first date written with a year anywhere in ``text``."""
    for pattern in DATE_PATTERNS[1:3] + DATE_PATTERNS[:1]:
        m = pattern.search(text)
        if m:
            found = _date_from_match(m)
            if found:
                return found
    return None


def parse_url_line(line: str) -> str | None:
    m = URL_LINE.match(line.strip())
    return m.group(1) if m else None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.]|$)")


def date_from_url(url: str) -> str | None:
    """ISO date written in an article URL's path: ".../2024/11/19/slug"."""
    parts = split_url(url)
    m = _URL_DATE.search(parts.path) if parts is not None else None
    return _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def outlet_from_url(url: str) -> str | None:
    host = url_host(url) or ""
    host = host.lower().removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or None


def parse_byline(line: str) -> tuple[str, ...] | None:
    """Author names of a line like "By Ann Lee and Bo Kim" or "Author: Yan"."""
    m = BYLINE.match(line.strip())
    if not m:
        return None
    raw = m.group("names").strip().rstrip(".")
    raw = re.split(r"\s+[|·•]\s+|\s+[-–—]\s+", raw)[0]
    names: list[str] = []
    for part in NAME_SPLIT.split(raw):
        if looks_like_outlet(part.strip()):
            continue  # "By Ann Lee, The Daily Herald": the outlet, not an author
        tokens = part.split()
        while tokens and tokens[-1].lower() in ROLE_WORDS:
            tokens.pop()
        if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?", tokens[0]):
            continue  # a credential after a name: "MS", "RDN", "PhD"
        if not tokens or len(tokens) > 5:
            continue
        if not all(
            NAME_TOKEN.match(t) or t.lower() in {"de", "van", "von", "da", "al"} for t in tokens
        ):
            return None
        names.append(" ".join(tokens))
    if not names or len(line) > 120:
        return None
    return tuple(names)


_BYLINE_SEPARATOR = re.compile(r"\s+[|·•/]\s+|\s+[-–—]\s+|,\s*")


def parse_byline_outlet(line: str) -> str | None:
    """The outlet a byline names after its authors: "By Ann Lee | The Daily Herald",
    "By Ann Lee, Nordic Press Agency", "By Bo Kim - Reuters"."""
    m = BYLINE.match(line.strip())
    if not m or len(line) > 120:
        return None
    for part in _BYLINE_SEPARATOR.split(m.group("names").strip().rstrip("."))[1:]:
        name = part.strip()
        if name and len(name.split()) <= 6 and looks_like_outlet(name):
            return name
    return None


CREDIT_AUTHORS = re.compile(
    r"\b(?:reporting|writing|written|reported)\s+by\s+(?P<names>[^;()]+)", re.I
)


def parse_credit_authors(line: str) -> tuple[str, ...] | None:
    """Reporters named in a credit line: "(Reporting by Ann Lee and Bo Kim; Editing by C)"
    gives ("Ann Lee", "Bo Kim"); editors are not authors."""
    if len(line) > 300:
        return None
    names: list[str] = []
    for m in CREDIT_AUTHORS.finditer(line):
        raw = re.split(r"\b(?:editing|edited|additional|compiled|graphics)\b", m.group("names"))[0]
        for part in NAME_SPLIT.split(raw.strip().rstrip(".")):
            tokens = re.split(r"\s+(?:in|from|at)\s+", part)[0].split()  # "in Oslo"
            if 1 <= len(tokens) <= 4 and all(NAME_TOKEN.match(t) for t in tokens):
                names.append(" ".join(tokens))
    return tuple(names) or None


def parse_labelled_outlet(line: str) -> str | None:
    m = LABELLED_OUTLET.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip().rstrip(".")
    return name if 0 < len(name) <= 60 else None


def parse_copyright(line: str) -> str | None:
    """Outlet named by a footer like "© The Daily (www.daily.com). All rights reserved."
    (empty string when the line is a copyright footer without a usable name)."""
    text = line.strip()
    m = COPYRIGHT.match(text)
    if not m:
        return None
    name = re.split(
        r"\ball rights reserved\b|\bunauthori[sz]ed\b|\breproduction\b|\bmay not be\b",
        m.group("name"),
        flags=re.I,
    )[0]
    name = re.sub(r"\([^)]*\)", "", name)
    name = re.split(r"\.\s", name)[0]
    name = re.sub(r"[\s,]+\d{4}(?:\s*[-–]\s*\d{4})?\W*$", "", name)
    name = re.sub(r"\b(?:www\.)?[\w\-]+\.(?:com|org|net|co\.\w+|\w{2})\b", "", name)
    name = name.strip(" .,;:-–|")
    if len(name) > 60 or len(name.split()) > 8:
        return ""
    return name


def parse_dateline(paragraph: str) -> str | None:
    """Agency or outlet in a dateline that opens a paragraph: "BERGEN (NPA) - ..."."""
    m = DATELINE.match(paragraph)
    if not m:
        return None
    agency = m.group("agency").strip()
    return agency or None


def looks_like_headline(line: str, max_words: int = 25) -> bool:
    words = line.split()
    if not 2 <= len(words) <= max_words or len(line) > 200:
        return False
    if line.rstrip().endswith((".", ",", ";", ":")) and not line.rstrip().endswith("..."):
        return False
    if line.startswith(("-", "*", "•", "“", '"', "(", "http")):
        return False
    capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitals >= 1


def looks_like_section_label(line: str) -> bool:
    """A one-to-three-word label such as "World" or "US News" or "Politics | Europe"."""
    words = re.split(r"\s*[|/>»›]\s*|\s+", line.strip())
    words = [w for w in words if w]
    if not 1 <= len(words) <= 3 or len(line) > 30:
        return False
    return all(w[:1].isupper() and w.replace("-", "").replace("&", "").isalpha() for w in words)
