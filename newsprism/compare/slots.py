"""Conflicts between claims that alignment kept apart: the same slot, different values.

Two outlets that report a fact in their own words ("Three people were taken to hospital
with minor injuries" / "Four passengers were injured") often fall below the alignment
threshold, so the pairwise checks inside groups never see them. This module looks across
the whole story, but only at claims of different original sources, and only where both
claims fill the same *slot*:

* number: quantities of the same unit (or both counting people), whose surrounding words
  share an anchor, a content word that is rare in the story ("injur", "evacuat"), so that
  "a town of 9,000 people" never meets "212 people on board";
* date: dates of the same precision whose surrounding words share at least two content
  words, one of them not a name ("entered service in 2009" / "entered service in 2011");
* cause: a claim that says the cause was not given, against a claim of another source
  that states a cause ("suffered an engine failure", "was caused by", "due to").

Every pair must also be close enough in meaning (embedding cosine) to be about the same
thing; the pairs of one slot merge into one discrepancy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import combinations

import numpy as np

from ..align.text import STOPWORDS, claim_text, stem
from ..model import Claim, Quantity
from .findings import Finding, in_brackets, one_home
from .options import CompareOptions
from .values import dates_agree, interval, intervals_overlap, is_total, unit_key

GENERIC_PERSONS = frozenset(
    stem(w)
    for w in """people person passenger passengers resident residents worker workers civilian
    civilians soldier soldiers child children adult adults crew patient patients student
    students employee employees tourist tourists migrant migrants member members fan fans
    pupil pupils""".split()
)
# Counted people named by what happened to them: a unit, and also an anchor.
EVENT_PERSONS = frozenset(
    stem(w) for w in "injured dead victim victims casualty casualties survivor survivors".split()
)
PERSON_UNITS = GENERIC_PERSONS | EVENT_PERSONS
# Words of time and measure: they frame a figure but never say which fact it is.
NOT_ANCHORS = frozenset(
    stem(w)
    for w in """morning evening night nights day days week weeks month months year years hour
    hours minute minutes second seconds time times today tonight yesterday monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december early late last next first""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_ASKS_CAUSE = re.compile(
    r"\b(?:what|why)\b[^.]{0,25}\b(?:caus\w*|happened|led to|triggered)|\bthe cause\b",
    re.I,
)
_STATES_CAUSE = re.compile(
    r"\b(?:caused by|due to|because of|blamed (?:on|for)|the cause (?:was|is)|resulted from|"
    r"triggered by|suffered (?:an?|the) [\w\s\-]{0,30}?(?:failure|fault|malfunction|breakdown)|"
    r"(?:failure|fault|malfunction|breakdown|explosion|collision) (?:caused|led to))\b",
    re.I,
)
WINDOW = 6


def _window(claim: Claim, start: int, end: int) -> tuple[set[str], set[str]]:
    """Stems of the content words within WINDOW words around an article span, split into
    ordinary words and capitalised names."""
    text = claim.text
    lo, hi = start - claim.start, end - claim.start

    def content(chunk: str) -> list[str]:
        return [w for w in _WORD.findall(chunk) if w.lower() not in STOPWORDS and len(w) > 2]

    around = content(text[: max(0, lo)])[-WINDOW:] + content(text[lo:hi])
    around += content(text[max(0, hi) :])[:WINDOW]
    words: set[str] = set()
    names: set[str] = set()
    for w in around:
        (names if w[0].isupper() and w.lower() not in STOPWORDS else words).add(stem(w))
    return words, names


def _written(claim: Claim, stems: set[str]) -> str:
    """The words of ``claim`` whose stems are ``stems``, as written, in text order."""
    seen: list[str] = []
    for w in _WORD.findall(claim.text):
        if stem(w) in stems and w.lower() not in seen:
            seen.append(w.lower())
    return ", ".join(seen) or ", ".join(sorted(stems))


def _rare(claims: Sequence[Claim], share: float) -> Callable[[str], bool]:
    df: Counter[str] = Counter()
    for c in claims:
        df.update({stem(w) for w in _WORD.findall(c.text) if w.lower() not in STOPWORDS})
    limit = max(2.0, share * len(claims))
    return lambda s: df[s] <= limit


def _people(q: Quantity) -> bool:
    """Whether a quantity counts people ("three passengers", "four injured")."""
    return unit_key(q.unit) in PERSON_UNITS


def _units_match(a: Quantity, b: Quantity) -> bool:
    ua, ub = unit_key(a.unit), unit_key(b.unit)
    if ua is None or ub is None:
        return False
    return ua == ub or (ua in PERSON_UNITS and ub in PERSON_UNITS)


def _number_slot(
    a: Claim, b: Claim, rare: Callable[[str], bool], opts: CompareOptions
) -> Finding | None:
    for qa in a.quantities:
        for qb in b.quantities:
            if in_brackets(a, qa.start) or in_brackets(b, qb.start) or not _units_match(qa, qb):
                continue
            ia, ib = interval(qa, opts), interval(qb, opts)
            if ia is None or ib is None or intervals_overlap(ia, ib):
                continue
            pool = list(a.quantities) + list(b.quantities)
            if is_total(qa, [q for q in pool if q is not qa], opts) or is_total(
                qb, [q for q in pool if q is not qb], opts
            ):
                continue
            wa, _ = _window(a, qa.start, qa.end)
            wb, _ = _window(b, qb.start, qb.end)
            units = {unit_key(qa.unit), unit_key(qb.unit)} - {None} - EVENT_PERSONS
            anchors = {
                s
                for s in wa & wb
                if rare(s) and s not in GENERIC_PERSONS | NOT_ANCHORS and s not in units
            }
            if anchors:
                people = _people(qa) and _people(qb)
                key = ("slot:people:" if people else "slot:") + ",".join(sorted(anchors))
                return Finding("number", key, a, b, qa.text, qb.text, what=_written(a, anchors))
    return None


def _date_slot(a: Claim, b: Claim, rare: Callable[[str], bool]) -> Finding | None:
    for da in a.dates:
        for db in b.dates:
            if not (da.value and db.value and da.precision == db.precision):
                continue
            if da.precision not in ("day", "month", "year") or dates_agree(da, [db]):
                continue
            wa, na = _window(a, da.start, da.end)
            wb, nb = _window(b, db.start, db.end)
            shared_words = {s for s in wa & wb if rare(s) and s not in NOT_ANCHORS}
            if shared_words and len(shared_words) + len(na & nb) >= 2:
                key = "slot:" + ",".join(sorted(shared_words))
                what = _written(a, shared_words)
                return Finding("date", key, a, b, da.text, db.text, what=what)
    return None


def _close_pairs(
    claims: list[Claim], vectors: np.ndarray | None, index: dict[str, int], floor: float
) -> list[tuple[Claim, Claim]]:
    """Pairs (in input order) whose embeddings are at least ``floor`` apart in cosine: one
    matrix product, so only the close pairs reach the Python checks."""
    if vectors is None:
        return list(combinations(claims, 2))
    if len(claims) < 2:
        return []
    rows = vectors[[index[c.id] for c in claims]]
    upper_i, upper_j = np.triu_indices(len(claims), k=1)
    keep = (rows @ rows.T)[upper_i, upper_j] >= floor
    return [(claims[i], claims[j]) for i, j in zip(upper_i[keep], upper_j[keep], strict=True)]


def slot_findings(
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    roots: dict[str, str],
    vectors: np.ndarray | None,
    options: CompareOptions,
) -> list[tuple[int, Finding]]:
    """(group index, finding) between claims of different clusters and different original
    sources. A slot's findings all go to the lowest group index of their claims, so that the
    pairs of one slot merge into one discrepancy."""
    cluster_of = {cid: g for g, cluster in enumerate(clusters) for cid in cluster}
    index = {c.id: i for i, c in enumerate(claims)}
    rare = _rare(claims, options.slot_rare_share)

    def close(a: Claim, b: Claim, floor: float) -> float | None:
        if vectors is None:
            return 1.0
        score = float(vectors[index[a.id]] @ vectors[index[b.id]])
        return score if score >= floor else None

    found: list[tuple[int, Finding]] = []
    valued = [c for c in claims if (c.quantities or c.dates) and c.hedge != "not_said"]
    for a, b in _close_pairs(valued, vectors, index, options.slot_min_cosine):
        if a.article == b.article or cluster_of.get(a.id) == cluster_of.get(b.id):
            continue
        if roots.get(a.article, a.article) == roots.get(b.article, b.article):
            continue
        home = min(cluster_of.get(a.id, 0), cluster_of.get(b.id, 0))
        for finding in (_number_slot(a, b, rare, options), _date_slot(a, b, rare)):
            if finding is not None:
                found.append((home, finding))
    for finding in cause_findings(claims, roots, close, options):
        found.append((cluster_of.get(finding.a.id, 0), finding))
    return one_home(found)


def cause_findings(
    claims: Sequence[Claim],
    roots: dict[str, str],
    close: Callable[[Claim, Claim, float], float | None],
    options: CompareOptions,
) -> list[Finding]:
    """ "Officials did not say what caused it" against another source's stated cause."""
    found: list[Finding] = []
    for quiet in claims:
        if quiet.hedge != "not_said" or not _ASKS_CAUSE.search(quiet.text):
            continue
        best: tuple[float, Claim, str] | None = None
        for claim in claims:
            if claim.hedge is not None or claim.negated:
                continue
            if roots.get(claim.article, claim.article) == roots.get(quiet.article, quiet.article):
                continue
            match = _STATES_CAUSE.search(claim_text(claim))
            if match is None:
                continue
            score = close(quiet, claim, options.cause_min_cosine)
            if score is None:
                continue
            # ties (copies of one report) go to the original, not to a copy
            rank = round(score, 2) + (0.001 if roots.get(claim.article) == claim.article else 0)
            if best is None or rank > best[0]:
                best = (rank, claim, match.group(0))
        if best is not None:
            _, claim, value = best
            found.append(
                Finding("absence", quiet.id, claim, quiet, value, "not said", what="the cause")
            )
    return found
