"""Numbers as stated in text: value, bounds, unit and whether they are approximate.

``parse_quantities`` reads digits and number words with their modifiers ("more than 160
countries", "about 190 miles", "at least $275 million", "nearly three years"), ranges
("four hours to two weeks", "10-15 people": one value with two ends) and percentages.
A vote tally or score ("234-193", "a 7-2 ruling", "voted 52 to 48") is one value with
unit ``"tally"`` and its numbers in ``counts``: a pair written with a hyphen whose first
number is not the smaller, or any pair next to a word of voting, ruling or scoring.
Years, days of a month, clock times and model numbers ("F-16") are not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Quantity

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "JPY",
                  "₹": "INR", "₽": "RUB", "₴": "UAH"}  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "won": "KRW", "yen": "JPY", "yuan": "CNY", "ruble": "RUB",
    "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
    "rupee": "INR", "rupees": "INR",
}  # fmt: skip
ISO_CURRENCIES = frozenset(
    [
        "USD",
        "EUR",
        "GBP",
        "KRW",
        "JPY",
        "CNY",
        "RUB",
        "UAH",
        "INR",
        "CHF",
        "CAD",
        "AUD",
        "NZD",
        "SEK",
        "NOK",
        "DKK",
        "PLN",
        "TRY",
        "BRL",
        "MXN",
        "ZAR",
        "SAR",
        "AED",
        "ILS",
        "HKD",
        "SGD",
        "TWD",
        "THB",
        "IDR",
        "PHP",
        "VND",
        "EGP",
        "NGN",
        "KES",
        "PKR",
    ]
)
MONTHS = [
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
DURATION_HOURS = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0,
                  "week": 168.0, "month": 730.0, "year": 8760.0}  # fmt: skip
UNIT_STOP = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "be",
        "been",
        "as",
        "per",
        "more",
        "less",
        "most",
        "its",
        "their",
        "his",
        "her",
        "it",
        "this",
        "these",
        "those",
        "each",
        "every",
        "some",
        "into",
        "over",
        "under",
        "up",
        "down",
        "out",
        "about",
        "after",
        "before",
        "since",
        "ago",
        "percent",
        "cent",
    ]
)
UNIT_SKIP = frozenset(
    [
        "new",
        "more",
        "other",
        "additional",
        "major",
        "large",
        "small",
        "big",
        "different",
        "separate",
        "further",
        "extra",
        "full",
        "whole",
        "only",
        "last",
        "first",
        "next",
        "recent",
        "previous",
        "former",
        "old",
        "young",
        "key",
        "top",
    ]
)

# modifier -> kind: approximate, nearly, lower bound, upper bound
MODIFIERS = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "circa": "approx",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "close to": "nearly",
    "just shy of": "nearly", "more than": "lower", "over": "lower", "at least": "lower",
    "upwards of": "lower", "in excess of": "lower", "exceeding": "lower", "above": "lower",
    "no fewer than": "lower", "no less than": "lower", "just over": "lower_approx",
    "less than": "upper", "fewer than": "upper", "under": "upper", "below": "upper",
    "up to": "upper", "at most": "upper", "as many as": "upper", "as much as": "upper",
    "no more than": "upper",
}  # fmt: skip

_NUMWORD = "|".join(sorted([*SMALL, *SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_NUM = re.compile(
    rf"(?P<digits>{_DIGITS})|(?P<words>\b(?:a\s+)?(?:{_NUMWORD})(?:(?:\s+and\s+|[\s-])(?:{_NUMWORD}))*\b)",
    re.IGNORECASE,
)
_SIGN = re.compile(r"(?:US\$|[$€£₩¥₹₽₴])\s?$")
_MOD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, MODIFIERS), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_SCALE_AFTER = re.compile(r"\s*(?:-\s*)?(hundred|thousand|million|billion|trillion)\b", re.I)
_SHORT_AFTER = re.compile(r"(k|m|mn|bn|b|tn)\b", re.IGNORECASE)
_PCT_AFTER = re.compile(r"\s?%|\s+(?:percent|per\s+cent)\b|\s+percentage\s+points?\b", re.I)
_CUR_AFTER = re.compile(r"\s+([A-Z]{3}|[a-z]+)\b")
_ORD = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_HYPHEN_UNIT = re.compile(r"-([a-z]+)\b")
_NEXT_WORDS = re.compile(r"[A-Za-z][\w.'’-]*")
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–|—|and)\s*$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    value: float
    unit: str | None
    kind: str | None  # modifier kind
    scale: float
    ordinal: bool = False


def singular(word: str) -> str:
    """A plain English singular for a counted noun ("countries" -> "country")."""
    w = word.lower()
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def words_value(text: str) -> float | None:
    """Value of a number written in words ("twenty-five", "two hundred", "a dozen")."""
    total = 0.0
    current = 0.0
    seen = False
    for part in re.split(r"[\s-]+", text.lower()):
        if part in ("a", "and"):
            continue
        if part == "dozen":
            current = max(current, 1.0) * 12
            seen = True
        elif part in SMALL:
            current += SMALL[part]
            seen = True
        elif part in SCALES:
            current = max(current, 1.0) * SCALES[part]
            if SCALES[part] >= 1e3:
                total += current
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare four-digit number 1800-2100 that is not counted ("in 2014", "June 2022")."""
    token = text[start:end]
    if not re.fullmatch(r"\d{4}", token) or not 1800 <= int(token) <= 2100:
        return False
    before = text[max(0, start - 30) : start]
    after = text[end : end + 12]
    if _SIGN.search(before) or _MOD.search(before) or _PCT_AFTER.match(after):
        return False
    return not _SCALE_AFTER.match(after)


def _is_excluded(text: str, m: re.Match[str]) -> bool:
    s, e = m.span()
    prev = text[s - 1] if s > 0 else " "
    nxt = text[e] if e < len(text) else " "
    if m.group("digits"):
        if prev.isalnum() or prev in "/:" or (prev in "-–" and s > 1 and text[s - 2].isalpha()):
            return True  # "F-16", "COVID-19", "11/20", times
        if nxt in "/:" and e + 1 < len(text) and text[e + 1].isdigit():
            return True
        if re.match(r"\s*[ap]\.?m\b\.?", text[e : e + 6], re.IGNORECASE):
            return True  # a clock time: "6.30 p.m.", "9 am"
        if re.match(r"\d{4}-\d{2}-\d{2}", text[s : s + 10]):
            return True
        if _MONTH_BEFORE.search(text[max(0, s - 12) : s]) and len(m.group()) <= 2:
            return True  # "November 20", "Jan. 15"
        if _MONTH_AFTER.match(text[e : e + 12]) and len(m.group()) <= 2:
            return True  # "20 November"
        if looks_like_year(text, s, e):
            return True
    else:
        word = m.group().lower()
        if word in ("one", "a"):  # "one of the", "no one", "one another"
            after = _NEXT_WORDS.match(text, e + 1) if e + 1 <= len(text) else None
            follower = after.group().lower() if after else ""
            if not follower or follower in UNIT_STOP or follower in ("another", "day"):
                return True
            if text[s - 4 : s].lower().strip() in ("no", "any"):
                return True
        if word in SCALES or word in ("dozen",):
            return True  # "hundreds", "thousand" alone is too vague; "dozens" never matches
    return False


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    """The counted noun after a number, and where the quantity text ends."""
    hm = _HYPHEN_UNIT.match(text, pos)
    if hm:
        return singular(hm.group(1)), hm.end()
    cursor = pos
    for _ in range(3):
        while cursor < len(text) and text[cursor] in " \t":
            cursor += 1
        wm = _NEXT_WORDS.match(text, cursor)
        if not wm:
            return None, pos
        word = wm.group()
        low = word.lower().rstrip(".")
        if word[0].isupper():
            cursor = wm.end()
            continue
        if low in UNIT_STOP or not low.isalpha():
            return None, pos
        if low in UNIT_SKIP:
            cursor = wm.end()
            continue
        return singular(low), wm.start() + len(word.rstrip("."))
    return None, pos


def _read(text: str, m: re.Match[str]) -> _Raw | None:
    s, e = m.span()
    if m.group("digits"):
        value = float(m.group("digits").replace(",", ""))
    else:
        wv = words_value(m.group("words"))
        if wv is None:
            return None
        value = wv
    unit: str | None = None
    ordinal = False
    sign = _SIGN.search(text[max(0, s - 4) : s])
    if sign:
        unit = CURRENCY_SIGNS[sign.group().strip()]
        s -= len(sign.group())
    scale = 1.0
    sm = _SCALE_AFTER.match(text, e)
    if sm and m.group("digits"):
        scale = SCALES[sm.group(1).lower()]
        e = sm.end()
    elif m.group("digits"):
        short = _SHORT_AFTER.match(text, e)
        if short and unit:
            scale = SHORT_SCALES[short.group(1).lower()]
            e = short.end()
        elif _ORD.match(text, e):
            ordinal = True
            e = _ORD.match(text, e).end()  # type: ignore[union-attr]
            if value <= 31:
                return None
        elif e < len(text) and text[e].isalpha():
            return None  # "5G", "3D"
    pm = _PCT_AFTER.match(text, e)
    if pm:
        unit = "percentage point" if "point" in pm.group().lower() else "percent"
        e = pm.end()
    elif unit is None:
        cm = _CUR_AFTER.match(text, e)
        code = cm.group(1) if cm else ""
        if code in ISO_CURRENCIES or code.lower() in CURRENCY_WORDS:
            unit = code if code in ISO_CURRENCIES else CURRENCY_WORDS[code.lower()]
            e = cm.end()  # type: ignore[union-attr]
        else:
            unit, e2 = _unit_after(text, e)
            e = max(e, e2) if unit else e
    mod = _MOD.search(text[max(0, s - 25) : s])
    kind = None
    if mod:
        kind = MODIFIERS[re.sub(r"\s+", " ", mod.group().strip().lower())]
        s -= len(mod.group())
    return _Raw(s, e, value * scale, unit, kind, scale, ordinal)


def _bounds(raw: _Raw) -> tuple[float | None, float | None, bool]:
    v = raw.value
    if raw.kind == "approx":
        return v * 0.9, v * 1.1, True
    if raw.kind == "nearly":
        return v * 0.85, v, True
    if raw.kind == "lower":
        return v, None, False
    if raw.kind == "lower_approx":
        return v, v * 1.1, True
    if raw.kind == "upper":
        return None, v, False
    return v, v, False


def _to_quantity(text: str, raw: _Raw, offset: int) -> Quantity:
    low, high, approx = _bounds(raw)
    value = None if raw.kind in ("lower", "upper") else raw.value
    return Quantity(text[raw.start : raw.end], raw.start + offset, raw.end + offset, value,
                    low, high, raw.unit, approx)  # fmt: skip


def _merge_range(text: str, a: _Raw, b: _Raw, offset: int) -> Quantity | None:
    """``a`` to ``b`` as one range, converting durations to a shared unit."""
    joiner = text[a.end : b.start]
    if not _RANGE_JOIN.match(joiner + " ") and joiner.strip() not in ("-", "–", "—"):
        return None
    if joiner.strip().lower() == "and" and not re.search(r"\bbetween\s+$", text[: a.start], re.I):
        return None
    lo_val, hi_val = a.value, b.value
    if a.scale == 1.0 and b.scale > 1.0 and a.value < b.value / b.scale:
        lo_val = a.value * b.scale  # "5 to 10 million"
    unit_a, unit_b = a.unit or b.unit, b.unit or a.unit
    if unit_a != unit_b:
        if unit_a in DURATION_HOURS and unit_b in DURATION_HOURS:
            hi_val = hi_val * DURATION_HOURS[unit_b] / DURATION_HOURS[unit_a]
        else:
            return None
    if hi_val < lo_val:
        return None
    approx = a.kind is not None or b.kind is not None
    start = a.start
    between = re.search(r"\b(?:between|from)\s+$", text[:start], re.IGNORECASE)
    if between:
        start = between.start()
    return Quantity(text[start : b.end], start + offset, b.end + offset, None, lo_val, hi_val,
                    unit_a, approx)  # fmt: skip


_TALLY = re.compile(
    r"(?<![\w.,/$€£-])(?P<a>\d{1,3})(?:\s?[-–]\s?|\s+to\s+)(?P<b>\d{1,3})(?![\w%/]|[.,-]\d)"
)
_TALLY_BEFORE = re.compile(
    r"\b(?:vot(?:e|ed|es|ing)|by\s+a|margin\s+of|won|wins|beat|beats|defeated|lost|loses|"
    r"ruled|tally|score|split|edged|led|leads)\s+(?:of\s+)?(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
_TALLY_AFTER = re.compile(
    r"^\s*(?:(?:party-line|bipartisan|final|preliminary)\s+)?(?:vote|votes|ruling|decision|"
    r"majority|margin|verdict|victory|win|loss|defeat|score|tally|split|count)\b",
    re.IGNORECASE,
)


def _tallies(text: str, offset: int) -> list[Quantity]:
    out = []
    for m in _TALLY.finditer(text):
        a, b = float(m.group("a")), float(m.group("b"))
        hyphen = "to" not in m.group(0)
        told = bool(_TALLY_BEFORE.search(text[max(0, m.start() - 30) : m.start()])) or bool(
            _TALLY_AFTER.match(text[m.end() : m.end() + 40])
        )
        if not (told or (hyphen and a >= b)):
            continue
        if _MONTH_BEFORE.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "Jan. 6-7": days of a month
        out.append(Quantity(m.group(0), m.start() + offset, m.end() + offset, None, None,
                            None, "tally", False, (a, b)))  # fmt: skip
    return out


def parse_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Quantities in ``text``; spans are shifted by ``offset`` (to article offsets)."""
    tallies = _tallies(text, offset)
    taken = [(q.start - offset, q.end - offset) for q in tallies]
    raws: list[_Raw] = []
    for m in _NUM.finditer(text):
        if _is_excluded(text, m) or any(s <= m.start() < e for s, e in taken):
            continue
        raw = _read(text, m)
        if raw is None or (raws and raw.start < raws[-1].end):
            continue
        raws.append(raw)
    out: list[Quantity] = []
    i = 0
    while i < len(raws):
        if i + 1 < len(raws) and raws[i + 1].start - raws[i].end <= 6:
            merged = _merge_range(text, raws[i], raws[i + 1], offset)
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(_to_quantity(text, raws[i], offset))
        i += 1
    return sorted(out + tallies, key=lambda q: q.start)
