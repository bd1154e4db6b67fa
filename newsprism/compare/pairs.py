"""Checks run on two claims of different articles: entity, role, negation, hedge, quote.

Each check returns findings only on strong evidence; when in doubt it stays silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..align.text import content_set, content_words, overlap, stem
from ..claims.entities import TITLE_ABBREVIATIONS
from ..model import Claim, Entity
from .findings import Finding
from .options import CompareOptions

ENTITY_LABELS = ("PERSON", "GPE", "ORG")
# Words that make a title depend on the time it refers to: not a contradiction.
TIME_MARKERS = frozenset(
    {"former", "then", "elect", "ex", "outgoing", "incoming", "late", "acting"}
)
# Generic rank words that outlets use interchangeably.
TITLE_SYNONYMS = {
    "chief": "head",
    "secretary": "head",
    "minister": "head",
    "leader": "head",
    "head": "head",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
}


def content_entities(claim: Claim, label: str) -> list[Entity]:
    """Entities of ``label`` inside the claim's content span (not its attribution frame)."""
    lo, hi = claim.content_start, claim.content_end
    if hi <= lo:
        lo, hi = claim.start, claim.end
    return [e for e in claim.entities if e.label == label and lo <= e.start and e.end <= hi]


def _mentions(claim: Claim, entity: Entity) -> bool:
    haystack = claim.text.lower()
    return entity.text.lower() in haystack or any(e.key == entity.key for e in claim.entities)


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w[0].isupper())


def _same_name(x: Entity, y: Entity) -> bool:
    """Surface forms that plausibly name the same thing: shared word, or an acronym."""
    wx = {w.lower() for w in re.findall(r"[A-Za-z]+", x.text)}
    wy = {w.lower() for w in re.findall(r"[A-Za-z]+", y.text)}
    if wx & wy:
        return True
    cx, cy = re.sub(r"[^A-Za-z]", "", x.text), re.sub(r"[^A-Za-z]", "", y.text)
    return cx.upper() == _initials(y.text) or cy.upper() == _initials(x.text)


def _without(claim: Claim, entity: Entity) -> frozenset[str]:
    words = set(content_words(entity.text))
    return frozenset(w for w in content_set(claim.content or claim.text) if w not in words)


def entity_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    found: list[Finding] = []
    for label in ENTITY_LABELS:
        ea, eb = content_entities(a, label), content_entities(b, label)
        if len({e.key for e in ea}) != 1 or len({e.key for e in eb}) != 1:
            continue
        x, y = ea[0], eb[0]
        if x.key == y.key or _same_name(x, y) or _mentions(b, x) or _mentions(a, y):
            continue
        if overlap(_without(a, x), _without(b, y)) < options.entity_min_overlap:
            continue
        found.append(Finding("entity", label, a, b, x.text, y.text, what=label))
    return found


def speaker_person(claim: Claim) -> tuple[str, str, str] | None:
    """(person key, name as written, title) for a speaker that names a person."""
    speaker = claim.speaker
    if not speaker:
        return None
    for e in claim.entities:
        if e.label == "PERSON" and e.text and e.text in speaker:
            title = without_name(speaker.replace(e.text, " "), f"{e.text} {e.key}")
            if not title.strip(" ,.;:-"):
                title = _appositive(claim.text, e.text)
            return e.key, e.text, " ".join(title.replace(",", " ").split())
    return None


def without_name(title: str, name: str) -> str:
    """A title with the words of the person's own name taken out: when NER tags only the
    surname, "President Vladimir Putin" would otherwise leave the title "President Vladimir"."""
    drop = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    return " ".join(w for w in title.split() if w.strip(",.").lower() not in drop)


RELATIVE_WORDS = ("who", "which", "whose", "that", "whom", "when", "where")
# "Joe Arpaio, known for his stances on ...": a participle and then a preposition open a
# verb phrase that describes the person, not a title ("retired general" stays a title)
IRREGULAR_PARTICIPLES = frozenset(
    "known seen born shown given taken held thought brought caught chosen made found".split()
)
PREPOSITIONS = frozenset("for of by in as to with at on from over after since".split())


def _describes(words: Sequence[str]) -> bool:
    """Whether an appositive opens with a participle phrase ("known for", "accused of")."""
    if len(words) < 2 or words[1] not in PREPOSITIONS:
        return False
    return words[0].endswith("ed") or words[0] in IRREGULAR_PARTICIPLES


LIST_CONTINUES = re.compile(r"^\s*[a-z][\w\s\-]*?\b(?:and|or)\b")


def _appositive(text: str, name: str) -> str:
    """ "Mary Smith, deputy director at X, said" -> "deputy director at X". A list inside the
    title ("of the crisis, conflict and arms division") is kept whole; relative clauses,
    ages and place lists are not titles."""
    at = text.find(name + ",")
    if at < 0:
        return ""
    rest = re.split(r"[;\"“”()]", text[at + len(name) + 1 :], maxsplit=1)[0]
    parts = rest.split(",")
    if len(parts) < 2:
        return ""
    title = parts[0]
    for nxt in parts[1:-1]:
        if not LIST_CONTINUES.match(nxt):
            break
        title += "," + nxt
    title = title.strip().rstrip(".")
    if not title or not title[0].isalpha():
        return ""
    lowered = title.lower().split()
    first = lowered[0]
    if first in RELATIVE_WORDS or _describes(lowered):
        return ""
    if title[0].isupper() and first not in ("the", "a", "an"):
        return ""  # "Smith, Paris, France": a capitalised word right after is rarely a title
    return title if len(title.split()) <= 18 else ""


def person_titles(claim: Claim) -> dict[str, tuple[str, str]]:
    """person key -> (name as written, title) for the speaker and for people introduced
    with an appositive title inside the claim."""
    out: dict[str, tuple[str, str]] = {}
    spoken = speaker_person(claim)
    if spoken and spoken[2]:
        out[spoken[0]] = (spoken[1], spoken[2])
    for e in claim.entities:
        if e.label != "PERSON" or e.key in out or not e.text:
            continue
        title = _appositive(claim.text, e.text)
        if title:
            out[e.key] = (e.text, title)
    return out


def _title_words(title: str) -> frozenset[str]:
    """Stems of a title's words, abbreviations written out ("Gov. of Texas" and "Texas
    Governor" give the same words) and ranks folded (``TITLE_SYNONYMS``)."""
    words = re.findall(r"[a-z]+", title.lower().replace("-", " "))
    full = " ".join(TITLE_ABBREVIATIONS.get(w, w) for w in words)
    return frozenset(TITLE_SYNONYMS.get(w, stem(w)) for w in content_words(full))


def titles_differ(title_a: str, title_b: str) -> bool:
    """Two titles of one person that cannot both be a fuller or shorter form of the other:
    each has words the other lacks, they share a word that is not a generic rank ("head of
    the Sea Rescue Centre" / "a spokesman for the Sea Rescue Centre"), and neither is about
    another time ("former", "then-", "-elect")."""
    ta, tb = _title_words(title_a), _title_words(title_b)
    if not ta or not tb or (ta | tb) & TIME_MARKERS or ta <= tb or tb <= ta:
        return False
    ranks = set(TITLE_SYNONYMS.values())
    return bool((ta & tb) - ranks)


def role_findings(a: Claim, b: Claim) -> list[Finding]:
    found: list[Finding] = []
    titles_b = person_titles(b)
    for key, (name, title_a) in person_titles(a).items():
        if key in titles_b and titles_differ(title_a, titles_b[key][1]):
            found.append(Finding("role", key, a, b, title_a, titles_b[key][1], what=name))
    return found


def _predicate_overlap(a: Claim, b: Claim) -> float:
    return overlap(content_set(a.content or a.text), content_set(b.content or b.text))


NEGATION_WORDS = frozenset({"not", "no", "never", "nor", "neither", "without"})
_NEG_RE = re.compile(r"\b(?:not|no|never|nor|neither|without)\b|n['’]t\b", re.I)


def negated_words(text: str) -> frozenset[str]:
    """Stems of the content words that a negation word governs in ``text``: the first
    content word after each "not", "never", "n't"... ("do not cut" -> {"cut"})."""
    out: set[str] = set()
    for m in _NEG_RE.finditer(text):
        after = [w for w in content_words(text[m.end() : m.end() + 60]) if w not in NEGATION_WORDS]
        if after:
            out.add(after[0])
    return frozenset(out)


def negation_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    """One claim denies what the other asserts: the negated word of one is in the other
    without a negation, and the two share most of their content."""
    if a.negated == b.negated or a.hedge != b.hedge:
        return []
    if _predicate_overlap(a, b) < options.negation_min_overlap:
        return []
    na, nb = negated_words(a.content or a.text), negated_words(b.content or b.text)
    words_a, words_b = content_set(a.content or a.text), content_set(b.content or b.text)
    if not ((na - nb) & words_b or (nb - na) & words_a):
        return []
    return [Finding("negation", "negation", a, b, _short(a.content), _short(b.content))]


def hedge_findings(a: Claim, b: Claim, options: CompareOptions) -> list[Finding]:
    if a.negated != b.negated:
        return []
    flagged = set(options.flag_hedges)
    if not ((a.hedge is None and b.hedge in flagged) or (b.hedge is None and a.hedge in flagged)):
        return []
    if _predicate_overlap(a, b) < options.negation_min_overlap:
        return []
    return [
        Finding(
            "hedge",
            "hedge",
            a,
            b,
            a.hedge or "asserted",
            b.hedge or "asserted",
            what=_short(a.content),
        )
    ]


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "..."


short = _short
