"""Date mentions resolved against the article's publication date.

Absolute dates ("November 20, 2024", "2024-11-20", "June 2022", "in 2014") resolve on their
own; clock times ("06:40 local time") and weeks ("last week") are kept with precision
"time" or "week" and no value; relative ones ("Tuesday", "on the 19th", "yesterday",
"last month", "November 20") need ``published`` and stay unresolved (value None) without
it. Vague spans such as "recent months" are not returned.

A date that names an event ("9/11", "the Sept. 11 attacks", "the July 4th holiday",
"post-9/11") is kept with precision ``"name"`` and no value: it is not the date of this
story's events. The pattern: a month and day without a year written as a noun modifier
(followed by a noun such as "attacks", "holiday", "anniversary") or after "post-"/"pre-",
and a slashed month/day without a year.

A weekday resolves back from the publication date ("said on Thursday"), and forward when
the clause before it speaks of what is to come ("will vote on Thursday", "is expected to
... Friday", "plans to ... Monday"): an article published on a Wednesday about an upcoming
vote "on Thursday" means the next day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..model import DateMention, iso_day
from .quantities import looks_like_year

MONTH_NUM = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:18|19|20)\d\d)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent))")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?\b")),
    ("my", re.compile(rf"\b{_MON}(?:\s+of)?,?\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b(?:(?P<prep>in|since|until|by|early|late|mid-?|last|this|next)\s+)?{_MON}(?!\w)")),  # noqa: E501
    ("event_name", re.compile(r"(?<![\w/])(?:post-|pre-)?(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\w/])")),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|next|on|since|by|until)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),  # noqa: E501
    ("ordinal_day", re.compile(r"\b(?:on\s+)?the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:century|anniversary|time|day|round|floor))")),  # noqa: E501
    ("relative", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night|last week|this week|next week|last month|this month|earlier this month|next month|last year|this year|earlier this year|next year)\b", re.IGNORECASE)),  # noqa: E501
    ("time", re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<min>[0-5]\d)(?:\s*(?:[ap]\.m\.|[AaPp][Mm]\b))?(?:\s+(?:\(?local time\)?|GMT|UTC|[A-Z]{2,4}T\b))?(?!\d)")),  # noqa: E501
    ("year", re.compile(r"\b(?:(?P<prep>in|since|until|by|from|during|of|early|late|mid-?)\s+)?(?P<year>(?:18|19|20)\d\d)\b")),  # noqa: E501
]  # fmt: skip


_EVENT_NOUNS = re.compile(
    r"\s+(?:terror(?:ist)?\s+)?(?:attacks?|anniversary|holiday|celebrations?|parade|fireworks|"
    r"weekend|commission|memorial|massacre|riots?|bombings?|shootings?|hijack\w*|era|"
    r"generation|truthers?|victims?|first\s+responders|responders|families|storm|"
    r"insurrection)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|['’]ll|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|"
    r"slated|poised|planning|going|hoping)\s+to|(?:plans?|planned|intends?|hopes?|hoped|"
    r"aims?|wants?|expects?)\s+to|upcoming|ahead\s+of)\b",
    re.IGNORECASE,
)


def _names_event(kind: str, m: re.Match[str], text: str) -> bool:
    """A date written as the name of an event (see the module docstring)."""
    if kind == "event_name":
        return True
    if kind not in ("mdy", "dmy") or m.groupdict().get("year"):
        return False
    before = text[max(0, m.start() - 5) : m.start()].lower()
    return before.endswith(("post-", "pre-")) or bool(_EVENT_NOUNS.match(text, m.end()))


def _future_before(text: str, start: int) -> bool:
    """Whether the clause before ``start`` speaks of what is to come."""
    clause = re.split(r"[.;!?]", text[max(0, start - 80) : start])[-1]
    return bool(_FUTURE.search(clause))


def _month_num(text: str) -> int:
    return MONTH_NUM[text.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(d: date, months: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + months
    return idx // 12, idx % 12 + 1


def _resolve(
    kind: str, m: re.Match[str], pub: date | None, future: bool = False
) -> tuple[str | None, str | None]:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return (d.isoformat(), "day") if d else (None, None)
    if kind in ("mdy", "dmy"):
        month, day = _month_num(g["mon"]), int(g["day"])
        year = int(g["year"]) if g.get("year") else None
        if year is None and pub is not None:
            year = pub.year if month <= pub.month + 1 else pub.year - 1
        d = _safe_date(year, month, day) if year else None
        return (d.isoformat(), "day") if d else (None, "day")
    if kind == "my":
        return f"{int(g['year']):04d}-{_month_num(g['mon']):02d}", "month"
    if kind == "month":
        if pub is None:
            return None, "month"
        month = _month_num(g["mon"])
        prep = (g.get("prep") or "").lower()
        year = pub.year
        if prep == "next" or (prep != "last" and month > pub.month and prep in ("until", "by")):
            year = pub.year if month > pub.month else pub.year + 1
        elif month > pub.month or (prep == "last" and month >= pub.month):
            year = pub.year - 1
        return f"{year:04d}-{month:02d}", "month"
    if kind == "weekday":
        if pub is None:
            return None, "day"
        target = WEEKDAYS.index(g["wd"].lower())
        rel = (g.get("rel") or "").lower()
        if rel == "next":
            delta = (target - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), "day"
        if future and rel in ("", "on", "by", "until", "this"):
            return (pub + timedelta(days=(target - pub.weekday()) % 7)).isoformat(), "day"
        back = (pub.weekday() - target) % 7
        if rel == "last" and back == 0:
            back = 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    if kind == "ordinal_day":
        if pub is None:
            return None, "day"
        day = int(g["day"])
        if day <= pub.day:
            d = _safe_date(pub.year, pub.month, day)
        else:
            y, mo = _shift_month(pub, -1)
            d = _safe_date(y, mo, day)
        return (d.isoformat(), "day") if d else (None, None)
    if kind == "relative":
        return _resolve_relative(g["rel"].lower(), pub)
    if kind == "year":
        return g["year"], "year"
    if kind == "time":
        return None, "time"  # a clock time: the day it belongs to is not stated here
    return None, None


def _resolve_relative(rel: str, pub: date | None) -> tuple[str | None, str | None]:
    if rel.endswith("week"):
        return None, "week"  # a week is kept as written, without an ISO value
    if pub is None:
        return None, "year" if rel.endswith("year") else "month" if "month" in rel else "day"
    day_shift = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
                 "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}  # fmt: skip
    if rel in day_shift:
        return (pub + timedelta(days=day_shift[rel])).isoformat(), "day"
    if rel.endswith("month"):
        shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
        y, mo = _shift_month(pub, shift)
        return f"{y:04d}-{mo:02d}", "month"
    shift = -1 if rel.startswith("last") else 1 if rel.startswith("next") else 0
    return f"{pub.year + shift:04d}", "year"


def _accept(kind: str, m: re.Match[str], text: str) -> bool:
    g = m.groupdict()
    if kind == "month":
        mon = g["mon"]
        if mon[0].islower() or mon.rstrip(".").lower() in ("mar", "jun", "jul", "aug"):
            return False
        if mon in ("May", "March") and not g.get("prep"):
            return False  # the modal verb, the verb
        return not mon.endswith(".") or bool(g.get("prep"))
    if kind in ("mdy", "dmy"):
        if g["mon"][0].islower() or not 1 <= int(g["day"]) <= 31:
            return False
        return not (g["mon"] == "May" and kind == "dmy" and not g.get("year"))
    if kind == "my":
        return g["mon"][0].isupper()
    if kind == "year":
        return looks_like_year(text, m.start("year"), m.end("year"))
    if kind == "ordinal_day":
        return 1 <= int(g["day"]) <= 31
    if kind == "event_name":  # "9/11": a slashed month and day, no year after it
        if re.match(r"\s+(?:of|percent)\b|\s*%", text[m.end() :]):
            return False  # a fraction: "3/4 of voters"
        return 1 <= int(g["m"]) <= 12 and 1 <= int(g["d"]) <= 31
    if kind == "time":  # "06:40", "6.30 p.m." (a decimal such as "3.25" is not a time)
        rest = text[m.end("min") : m.end()].strip()
        return ":" in m.group() or bool(rest)
    return True


def parse_dates(text: str, published: str | None, offset: int = 0) -> list[DateMention]:
    """Date mentions in ``text`` in order; spans shifted by ``offset``."""
    pub = iso_day(published)
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if kind == "weekday" and (m.group("rel") or "").lower() == "on":
                s = m.start("wd")
            if kind == "ordinal_day" and text[s : s + 3].lower() == "on ":
                s += 3
            if kind in ("year", "month") and m.group("prep"):
                s = m.start("year" if kind == "year" else "mon")
            if any(s < te and ts < e for ts, te in taken) or not _accept(kind, m, text):
                continue
            if _names_event(kind, m, text):
                taken.append((s, e))
                found.append(DateMention(text[s:e], s + offset, e + offset, None, "name"))
                continue
            future = kind == "weekday" and _future_before(text, s)
            value, precision = _resolve(kind, m, pub, future)
            taken.append((s, e))
            found.append(DateMention(text[s:e], s + offset, e + offset, value, precision))
    return sorted(found, key=lambda d: d.start)
