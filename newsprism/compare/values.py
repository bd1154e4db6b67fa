"""Number and date conflicts between two aligned claims.

Numbers: quantities are compared only with quantities of the same unit (or counted noun).
Each becomes an interval: its stated bounds ("more than 160" is [160, inf)), widened for an
approximate figure ("about 190") and for a round figure (200 may stand for 190-210, at most
``rounding_tolerance`` of its size). Figures in brackets (conversions) are ignored, and a
figure equal to the sum of two or more others of the same unit (245 = 214 + 31) is a total,
not a rival. A conflict needs an unmatched figure on both sides, and either one side states
a single figure of that unit or exactly one figure on each side is left unmatched.

Dates: only resolved dates of the same precision are compared; a date that agrees with a
date of another precision in the other claim (2022-06 vs 2022) is matched; day dates one
day apart are not flagged (time zones and "local time" reports make those common).
"""

from __future__ import annotations

import math
from itertools import combinations

from ..align.text import stem
from ..model import Claim, DateMention, Quantity, iso_day
from .findings import Finding, in_brackets
from .options import CompareOptions

Interval = tuple[float, float]


def unit_key(unit: str | None) -> str | None:
    if not unit or not unit.strip():
        return None
    words = unit.lower().split()
    return " ".join(stem(w) for w in words)


def _trailing_zeros(value: float) -> int:
    if value == 0 or not float(value).is_integer():
        return 0
    n, count = abs(int(value)), 0
    while n % 10 == 0:
        n //= 10
        count += 1
    return count


def interval(q: Quantity, options: CompareOptions) -> Interval | None:
    """The range of values a quantity allows, with slack for approximation and rounding."""
    if q.low is None and q.high is None:
        if q.value is None:
            return None
        lo = hi = q.value
    else:
        lo = q.low if q.low is not None else -math.inf
        hi = q.high if q.high is not None else math.inf
    finite = [abs(x) for x in (lo, hi) if math.isfinite(x)]
    size = abs(q.value) if q.value is not None else max(finite, default=0.0)
    slack = 0.0
    if q.value is not None:
        zeros = _trailing_zeros(q.value)
        if zeros >= 1:
            slack = min(0.5 * 10**zeros, options.rounding_tolerance * size)
    if q.approximate:
        slack = max(slack, options.approx_tolerance * size)
    return lo - slack, hi + slack


def intervals_overlap(x: Interval, y: Interval) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


def _point(q: Quantity) -> float | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low + q.high) / 2
    return q.low if q.low is not None else q.high


def is_total(q: Quantity, others: list[Quantity], options: CompareOptions) -> bool:
    v = _point(q)
    values = [p for p in (_point(o) for o in others) if p is not None]
    if v is None or v == 0 or len(values) < 2:
        return False
    for size in range(2, min(4, len(values)) + 1):
        for combo in combinations(values, size):
            if abs(sum(combo) - v) <= options.sum_tolerance * abs(v):
                return True
    return False


def _by_unit(claim: Claim) -> dict[str, list[Quantity]]:
    out: dict[str, list[Quantity]] = {}
    for q in claim.quantities:
        key = unit_key(q.unit)
        if key is None or in_brackets(claim, q.start):
            continue
        out.setdefault(key, []).append(q)
    return out


def _closest(xs: list[Quantity], ys: list[Quantity]) -> tuple[Quantity, Quantity]:
    def gap(pair: tuple[Quantity, Quantity]) -> float:
        p, r = _point(pair[0]), _point(pair[1])
        if p is None or r is None:
            return math.inf
        return abs(p - r) / max(abs(p), abs(r), 1e-9)

    return min(((x, y) for x in xs for y in ys), key=gap)


def number_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    found: list[Finding] = []
    units_a, units_b = _by_unit(a), _by_unit(b)
    for unit in units_a:
        if unit not in units_b:
            continue
        qa, qb = units_a[unit], units_b[unit]
        ia = [(q, interval(q, options)) for q in qa]
        ib = [(q, interval(q, options)) for q in qb]
        spans_a = [(q, i) for q, i in ia if i is not None]
        spans_b = [(q, i) for q, i in ib if i is not None]
        if len(spans_a) != len(ia) or len(spans_b) != len(ib):
            continue
        pool = qa + qb
        left_a = [
            q
            for q, i in spans_a
            if not any(intervals_overlap(i, j) for _, j in spans_b)
            and not is_total(q, [o for o in pool if o is not q], options)
        ]
        left_b = [
            q
            for q, i in spans_b
            if not any(intervals_overlap(i, j) for _, j in spans_a)
            and not is_total(q, [o for o in pool if o is not q], options)
        ]
        if not left_a or not left_b:
            continue
        if not (len(qa) == 1 or len(qb) == 1 or (len(left_a) == 1 and len(left_b) == 1)):
            continue
        x, y = _closest(left_a, left_b)
        found.append(Finding("number", unit, a, b, x.text, y.text, what=x.unit or unit))
    return found


def _dates(claim: Claim) -> list[DateMention]:
    return [d for d in claim.dates if d.value and d.precision in ("day", "month", "year")]


def dates_agree(d: DateMention, others: list[DateMention]) -> bool:
    """Same value, or one is a prefix of the other (a year and a month in that year)."""
    value = d.value or ""
    for o in others:
        other = o.value or ""
        if value == other or value.startswith(other) or other.startswith(value):
            return True
        if d.precision == "day" and o.precision == "day":
            x, y = iso_day(value), iso_day(other)
            if x and y and abs((x - y).days) <= 1:
                return True
    return False


def date_findings(a: Claim, b: Claim) -> list[Finding]:
    found: list[Finding] = []
    da, db = _dates(a), _dates(b)
    for precision in ("day", "month", "year"):
        pa = [d for d in da if d.precision == precision]
        pb = [d for d in db if d.precision == precision]
        if not pa or not pb:
            continue
        left_a = [d for d in pa if not dates_agree(d, db)]
        left_b = [d for d in pb if not dates_agree(d, da)]
        if not left_a or not left_b:
            continue
        if not (len(pa) == 1 or len(pb) == 1 or (len(left_a) == 1 and len(left_b) == 1)):
            continue
        found.append(
            Finding("date", precision, a, b, left_a[0].text, left_b[0].text, what=precision)
        )
    return found
