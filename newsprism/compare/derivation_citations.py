"""Outlets that an article cites by name, and whether a cited name refers to a given article.

Used by ``derivation``: "according to NPA", "told Reuters", "The Washington Post first
reported", "WP noted" (with "The Washington Post (WP)" defined earlier), "the local newspaper
Kallö Tidning", an agency dateline "HAVSTAD, Norway (NPA) —" or an end credit "(NPA)".

Names are compared by normalised keys: case, a leading "the", punctuation and spaces are
ignored; a web address counts by its site name ("washingtonpost.com" is "Washington Post");
an acronym matches a one-word name ("WP" and "The Washington Post", "NPA" and "Nordic Press
Agency"); a trailing part of a name matches when it ends with a newspaper word ("the Herald"
and "Fjordland Herald").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Article
from ..urls import url_host

# Words and word stems that mark a name as a news outlet ("Kystradio", "Aftenposten").
OUTLET_WORDS = frozenset(
    [
        "news",
        "press",
        "agency",
        "times",
        "post",
        "herald",
        "tribune",
        "journal",
        "gazette",
        "daily",
        "radio",
        "tv",
        "television",
        "broadcasting",
        "broadcaster",
        "media",
        "telegraph",
        "guardian",
        "observer",
        "chronicle",
        "courier",
        "express",
        "mail",
        "standard",
        "review",
        "magazine",
        "weekly",
        "ilbo",
        "shimbun",
        "zeitung",
        "tidning",
        "tidende",
        "avis",
        "avisen",
        "posten",
        "bladet",
        "dagblad",
        "wire",
        "network",
        "channel",
        "independent",
        "inquirer",
        "dispatch",
        "record",
        "sun",
        "star",
        "today",
        "times-dispatch",
        "bulletin",
        "monitor",
        "ledger",
        "sentinel",
        "examiner",
        "register",
        "citizen",
        "kurier",
        "nachrichten",
    ]
)
OUTLET_STEMS = ("radio", "news", "press", "posten", "tidning", "bladet", "avisen", "zeitung", "tv")
# Agencies and broadcasters best known by a bare name.
KNOWN_OUTLETS = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "associatedpress",
        "agencefrancepresse",
        "bloomberg",
        "bbc",
        "cnn",
        "dpa",
        "efe",
        "ansa",
        "kyodo",
        "xinhua",
        "tass",
        "ria",
        "interfax",
        "yonhap",
        "ntb",
        "tt",
        "ritzau",
        "upi",
        "nbc",
        "cbs",
        "abc",
        "aljazeera",
        "politico",
        "axios",
        "npr",
        "pti",
        "ani",
        "nhk",
    ]
)
_CONNECT = {"of", "for", "and", "&", "de", "du", "der", "la", "le", "el"}
_LEADING_NOISE = {
    "on",
    "in",
    "at",
    "meanwhile",
    "yesterday",
    "today",
    "earlier",
    "later",
    "but",
    "and",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "also",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "as",
    "when",
    "while",
    "however",
    "both",
}
_GENERIC_TLD_PARTS = {"co", "com", "org", "net", "ac", "gov", "go", "or", "ne"}

_CAP = r"[A-ZÀ-ÖØ-Þ](?:[\w'’&-]|\.(?=\w))*"
_NAME = (
    rf"(?P<name>{_CAP}(?:\s+(?:(?:of|for|and|&|de|du|der|la|le|el)\s+)?{_CAP}){{0,5}})"
    r"(?:\s*\((?P<abbr>[A-Z][A-Za-z]{1,9})\))?"
)
_DESCRIPTOR = (
    r"(?P<desc>(?:[a-z'-]+\s+){0,3}?(?:newspaper|daily|broadcaster|news agency|agency|paper|"
    r"tabloid|magazine|website|news site|outlet|channel|station|radio|television|TV|network|"
    r"wire service|weekly)\s+)?"
)
_AFTER = re.compile(
    r"\b(?P<trigger>according to|told|citing|cited by|reported by|quoted by|as reported by|"
    r"in an interview with|speaking to|spoke to|explained to|confirmed to|writing in|"
    r"wrote in|published by|first reported by|via)\s+(?:the\s+)?" + _DESCRIPTOR + _NAME
)
_BEFORE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he\s+)?" + _NAME + r"(?P<verb>,\s*citing|,\s*quoting|\s+(?:first |earlier "
    r"|originally |also |previously |exclusively |had |has )?(?:reported|reports|conveyed|revealed"
    r"|wrote|quoted|noted|explained|said in a report|broke the news|published))\b"
)
_DESC_NAME = re.compile(
    r"\b(?:the\s+)?"
    + _DESCRIPTOR
    + _NAME
    + r"(?=\s*[,.;:)]|\s+(?:reported|reports|has reported|had reported|said|says|wrote|quoted"
    r"|that|which|first|on|in|and)\b)"
)
_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,40}(?:,\s*[^\n(]{1,40})?\s*"
    r"\((?P<abbr>[A-Z][A-Za-z]{1,9}(?:/[A-Z][A-Za-z]{1,9})*)\)\s*[—–-]",
    re.MULTILINE,
)
_CREDIT = re.compile(r"\((?P<abbr>[A-Z]{2,9}(?:/[A-Z]{2,9})*)\)\s*$")
_SOURCE_LINE = re.compile(r"^(?:Source|Sources|Via)\s*:\s*(?P<names>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class CitedName:
    name: str  # as cited, with a defined abbreviation expanded ("WP" -> "The Washington Post")
    context: str  # the words that cite it, for the evidence line
    strength: float  # 0.9 reporting verb, 0.8 claim attribution, 0.7 credit or dateline
    outlet_like: bool  # the name looks like a news outlet (needed to report it as external)


def _words(name: str) -> list[str]:
    words = [w for w in re.split(r"[^\w&]+", name.lower().replace("’", "'")) if w]
    if words and words[0] == "the":
        words = words[1:]
    return words


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _CONNECT and w != "the")


def _is_acronym_of(abbr: str, name: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", name.lower()) if w and w != "the"]
    if not words or abbr[0].lower() != words[0][0]:
        return False
    letters = iter("".join(words))
    return all(ch in letters for ch in abbr.lower())


def _domain_key(value: str) -> str | None:
    text = value.strip().lower()
    if " " in text or "." not in text:
        return None
    host = url_host(text if "//" in text else "//" + text) or ""
    labels = [p for p in host.split(".") if p and p != "www"]
    if len(labels) < 2:
        return None
    labels = labels[:-1]
    while len(labels) > 1 and labels[-1] in _GENERIC_TLD_PARTS:
        labels = labels[:-1]
    return "".join(re.sub(r"[^\w]", "", p) for p in labels) or None


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    keys: frozenset[str]  # compact full forms and site names
    acronym: str | None  # of a name with two or more words
    short: str | None  # a one-word name (candidate abbreviation)


def _parse(name: str) -> _Name:
    domain = _domain_key(name)
    if domain:
        return _Name((domain,), frozenset({domain}), None, domain if len(domain) <= 9 else None)
    keys: set[str] = set()
    abbr_match = re.search(r"\(([A-Za-z]{2,9})\)\s*$", name)
    if abbr_match:
        keys.add(abbr_match.group(1).lower())
        name = name[: abbr_match.start()]
    words = _words(name)
    if len(words) >= 3 and words[-1] == _acronym(words[:-1]):
        keys.add(words[-1])  # "Nordic Press Agency NPA"
        words = words[:-1]
    if not words:
        return _Name((), frozenset(keys), None, None)
    keys.add("".join(words))
    keys.add("the" + "".join(words))
    acronym = _acronym(words) if len(words) >= 2 else None
    short = words[0] if len(words) == 1 else None
    return _Name(tuple(words), frozenset(keys), acronym, short)


def _mixed_forms(words: Sequence[str]) -> set[str]:
    """ "New York Times" -> {"nytimes", "newyorkt"...}: acronym of a head plus the rest."""
    return {_acronym(words[:k]) + "".join(words[k:]) for k in range(1, len(words))}


def names_match(a: str, b: str) -> bool:
    """True when two outlet names (or web addresses) plausibly name the same outlet."""
    return _parsed_match(_parse(a), _parse(b))


def _parsed_match(x: _Name, y: _Name) -> bool:
    if not x.keys or not y.keys:
        return False
    if x.keys & y.keys:
        return True
    for p, q in ((x, y), (y, x)):
        if p.acronym and len(p.acronym) >= 2 and (q.short == p.acronym or p.acronym in q.keys):
            return True
        if len(p.words) >= 2 and len(p.words) <= 6 and q.short and q.short in _mixed_forms(p.words):
            return True
        n = len(q.words)
        if 1 <= n < len(p.words) and tuple(p.words[-n:]) == q.words and q.words[-1] in OUTLET_WORDS:
            return True
    return False


def _own_dateline(article: Article) -> str | None:
    match = _DATELINE.search(article.text[:800])
    return match.group("abbr") if match else None


def outlet_matches(name: str, article: Article) -> bool:
    """Does the cited outlet ``name`` refer to ``article``'s outlet?

    Compares with the article's ``outlet`` and the site of its ``url``; an article with
    neither is known by the agency in its dateline ("HAVSTAD, Norway (NPA) —").
    """
    if not name or not name.strip():
        return False
    return any(names_match(name, value) for value in own_outlet_names(article))


def own_outlet_names(article: Article) -> list[str]:
    """The names an article is known by: outlet and site, else its dateline agency."""
    own = [v for v in (article.outlet, article.url) if v]
    if not own:
        dateline = _own_dateline(article)
        own = [dateline] if dateline else []
    return own


class OutletIndex:
    """``outlet_matches`` over many articles, with each name parsed once (cache on the object)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._parsed: dict[str, _Name] = {}
        self._own = [[self._parse(n) for n in own_outlet_names(a)] for a in articles]

    def _parse(self, name: str) -> _Name:
        if name not in self._parsed:
            self._parsed[name] = _parse(name)
        return self._parsed[name]

    def matches(self, name: str, index: int) -> bool:
        """Does ``name`` refer to the outlet of article number ``index``?"""
        if not name.strip():
            return False
        cited = self._parse(name)
        return any(_parsed_match(cited, own) for own in self._own[index])

    def all_matches(self, name: str) -> list[int]:
        return [i for i in range(len(self._own)) if self.matches(name, i)]


def outlet_keys(name: str) -> frozenset[str]:
    """Normalised keys of an outlet name (compact forms, site name, abbreviation)."""
    parsed = _parse(name)
    return parsed.keys | ({parsed.acronym} if parsed.acronym else set())


def looks_like_outlet(name: str) -> bool:
    parsed = _parse(name)
    if parsed.keys & KNOWN_OUTLETS or (parsed.acronym and parsed.acronym in KNOWN_OUTLETS):
        return True
    return any(
        w in OUTLET_WORDS or any(w.endswith(s) for s in OUTLET_STEMS if len(w) > len(s))
        for w in parsed.words
    )


def _abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines: "The Washington Post (WP)" gives WP -> the name."""
    found: dict[str, str] = {}
    for match in re.finditer(_NAME, text):
        name, abbr = match.group("name"), match.group("abbr")
        if abbr and abbr.isupper() and _is_acronym_of(abbr, name):
            found.setdefault(abbr, name)
        words = name.split()
        head = " ".join(words[:-1])
        if len(words) >= 3 and words[-1].isupper() and _is_acronym_of(words[-1], head):
            found.setdefault(words[-1], head)
    return found


def _clean_name(raw: str) -> str:
    raw = re.sub(r"['’]s$", "", raw.strip())
    if " of " in raw:  # "Bill O'Reilly of Fox News"
        head, tail = raw.rsplit(" of ", 1)
        if looks_like_outlet(tail) and not looks_like_outlet(head):
            raw = tail
    words = raw.split()
    while len(words) > 1 and words[0].lower() in _LEADING_NOISE:
        words = words[1:]
    return " ".join(words).strip(" .,;:'’\"")


def _context(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start) + 1, start - 60)
    right = text.find("\n", end)
    right = min(right if right >= 0 else len(text), end + 40)
    return " ".join(text[left:right].split())


def find_cited_names(text: str, vias: Iterable[str] = ()) -> list[CitedName]:
    """Every outlet ``text`` cites by name (first mention of each), plus the claims' ``via``."""
    abbrs = _abbreviations(text)
    found: list[CitedName] = []

    def add(raw: str, ctx: str, strength: float, desc: bool) -> None:
        name = _clean_name(raw)
        if not name or not name[0].isupper():
            return
        name = abbrs.get(name, name)
        outlet_like = desc or looks_like_outlet(name)
        for i, old in enumerate(found):
            if names_match(old.name, name):
                if strength > old.strength or (outlet_like and not old.outlet_like):
                    found[i] = CitedName(
                        old.name, ctx, max(strength, old.strength), outlet_like or old.outlet_like
                    )
                return
        found.append(CitedName(name, ctx, strength, outlet_like))

    def with_abbr(m: re.Match[str]) -> str:
        return m.group("name")  # a defined abbreviation is known from ``abbrs``

    hits: list[tuple[int, str, str, float, bool]] = []  # position, name, context, ...
    for m in _AFTER.finditer(text):
        hits.append(
            (
                m.start(),
                with_abbr(m),
                _context(text, m.start(), m.end()),
                0.9,
                bool(m.group("desc")),
            )
        )
    for m in _BEFORE.finditer(text):
        hits.append((m.start(), with_abbr(m), _context(text, m.start(), m.end()), 0.9, False))
    for m in _DESC_NAME.finditer(text):
        if m.group("desc"):
            hits.append((m.start(), with_abbr(m), _context(text, m.start(), m.end()), 0.8, True))
    for m in _DATELINE.finditer(text[:800]):
        for abbr in m.group("abbr").split("/"):
            hits.append(
                (m.start(), abbrs.get(abbr, abbr), _context(text, m.start(), m.end()), 0.7, True)
            )
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for line in lines[-3:]:
        credit = _CREDIT.search(line)
        before = line[: credit.start()].rstrip() if credit else ""
        if credit and (not before or before.endswith((".", "!", "?", "”", '"'))):
            for abbr in credit.group("abbr").split("/"):
                hits.append((len(text), abbrs.get(abbr, abbr), line[-60:], 0.7, True))
    for m in _SOURCE_LINE.finditer(text):
        for part in re.split(r"[,;/]|\band\b", m.group("names")):
            hits.append((m.start(), part.strip(), m.group(0)[:80], 0.7, False))
    for _, raw, ctx, strength, desc in sorted(hits, key=lambda h: h[0]):
        add(raw, ctx, strength, desc)
    for via in vias:
        add(via, f"attributed to {via}", 0.8, looks_like_outlet(via))
    return found
