"""Absence: one outlet asserts a value that another says was not disclosed.

A claim marked ``hedge == "not_said"`` ("officials did not say what type of mines would be
sent") asks about a thing (its head noun: "mines") and an attribute (type, number, date,
who). It is matched, across the whole story, with an asserted claim of another article
that mentions the same head noun and states that kind of value (a name or proper noun for a
type, a quantity for a number, a date for a time, a person or organisation for who). When an
embedder is given the pair must also be similar in meaning. Only the best match is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..align.text import STOPWORDS, claim_text, content_words, stem
from ..model import Claim
from ..resources import Embedder
from .findings import Finding
from .options import CompareOptions

ATTRIBUTE_WORDS = {
    "type": "kind",
    "kind": "kind",
    "sort": "kind",
    "model": "kind",
    "brand": "kind",
    "name": "kind",
    "make": "kind",
    "version": "kind",
    "many": "number",
    "much": "number",
    "number": "number",
    "amount": "number",
    "toll": "number",
    "cost": "number",
    "size": "number",
    "figure": "number",
    "when": "time",
    "date": "time",
    "timing": "time",
    "timeline": "time",
    "who": "who",
    "whom": "who",
    "identity": "who",
}
# Words of the "was not said" frame itself: never the topic.
_FRAME_TEXT = """
specify specified disclose disclosed reveal revealed confirm confirmed say elaborate
detail details exactly immediately clear unclear known unknown comment provide provided
identify identified decline declined refuse refused official officials would could will
"""
FRAME_WORDS = frozenset(stem(w) for w in _FRAME_TEXT.split())
HEAD_RE = re.compile(
    r"\b(?:type|kind|sort|model|brand|number|amount|version|make)s?\s+of\s+(?:the\s+)?"
    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)"
    r"|\b(?:how\s+many|which|what)\s+"
    r"(?!(?:type|kind|sort|model|brand|number|amount|version|make)s?\b)([A-Za-z][\w\-]*)",
    re.IGNORECASE,
)


def _attribute(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    for i, w in enumerate(words):
        if w in ("how", "what", "which") and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in ATTRIBUTE_WORDS:
                return ATTRIBUTE_WORDS[nxt]
        if w in ("when", "who", "whom"):
            return ATTRIBUTE_WORDS[w]
    for w in words:
        if w in ATTRIBUTE_WORDS and ATTRIBUTE_WORDS[w] != "who":
            return ATTRIBUTE_WORDS[w]
    return "kind"


def _heads(text: str) -> set[str]:
    """Stemmed head nouns the not-said claim asks about ("type of land mines" -> mine)."""
    heads: set[str] = set()
    for match in HEAD_RE.finditer(text):
        phrase = match.group(1) or match.group(2) or ""
        words = [w for w in content_words(phrase) if w not in FRAME_WORDS]
        if words:
            heads.add(words[-1] if match.group(1) and len(words) > 1 else words[0])
    heads -= {stem(w) for w in ATTRIBUTE_WORDS}
    return {h for h in heads if h not in STOPWORDS}


NOT_A_KIND = ("GPE", "LOC", "DATE", "NORP", "TIME", "CARDINAL", "MONEY", "QUANTITY")


def _content_span(claim: Claim) -> tuple[str, int]:
    """The claim's content and its article offset (the whole text when content is unset)."""
    if claim.content and claim.content_end > claim.content_start:
        return claim.content, claim.content_start
    return claim.text, claim.start


def _proper_nouns(claim: Claim) -> list[str]:
    """Capitalised words of the content, not at a sentence start and not a place or date."""
    text, base = _content_span(claim)
    taken = [(e.start - base, e.end - base) for e in claim.entities if e.label in NOT_A_KIND]
    out = []
    for match in re.finditer(r"(?<=[a-z,;] )([A-Z][\w\-]+)", text):
        if not any(lo <= match.start() < hi for lo, hi in taken):
            out.append(match.group(1))
    return out


def _near(text: str, value: str, heads: set[str], window: int) -> bool:
    """Is ``value`` written within ``window`` words of one of the head nouns?"""
    words = re.findall(r"[\w\-']+", text)
    stems = [stem(w) for w in words]
    first = re.findall(r"[\w\-']+", value)
    if not first:
        return False
    at = [i for i, w in enumerate(words) if w == first[0]]
    # A capitalised head is part of another name ("Mine Ban Treaty"), not the thing asked about.
    near = [i for i, s in enumerate(stems) if s in heads and words[i].islower()]
    return any(0 < abs(i - j) <= window for i in at for j in near)


def _stated_value(claim: Claim, attribute: str, heads: set[str]) -> str | None:
    """The value the claim states for the attribute asked about, written near the head noun
    inside the claim's content (a type name right next to it: "Claymore mines")."""
    text, base = _content_span(claim)
    inside = [e for e in claim.entities if base <= e.start and e.end <= base + len(text)]
    window = 4
    if attribute == "number":
        options = [q.text for q in claim.quantities if base <= q.start < base + len(text)]
    elif attribute == "time":
        options = [d.text for d in claim.dates if base <= d.start < base + len(text)]
    elif attribute == "who":
        options = [e.text for e in inside if e.label in ("PERSON", "ORG")]
    else:
        options = _proper_nouns(claim)
        window = 2
    for value in options:
        if _near(text, value, heads, window):
            return value
    return None


def absence_findings(
    claims: Sequence[Claim], options: CompareOptions, embedder: Embedder | None = None
) -> list[Finding]:
    not_said = [c for c in claims if c.hedge == "not_said"]
    if not not_said:
        return []
    asserted = [c for c in claims if c.hedge in (None, "reported") and not c.negated]
    vectors: dict[str, np.ndarray] = {}
    if embedder is not None and asserted:
        both = not_said + asserted
        encoded = embedder.encode([claim_text(c) for c in both])
        vectors = {c.id: encoded[i] for i, c in enumerate(both)}
    found: list[Finding] = []
    for quiet in not_said:
        heads = _heads(claim_text(quiet))
        if not heads:
            continue
        attribute = _attribute(claim_text(quiet))
        best: tuple[float, Claim, str] | None = None
        for claim in asserted:
            if claim.article == quiet.article or not heads & set(content_words(claim_text(claim))):
                continue
            value = _stated_value(claim, attribute, heads)
            if value is None or value.lower() in claim_text(quiet).lower():
                continue
            score = 1.0
            if vectors:
                score = float(vectors[quiet.id] @ vectors[claim.id])
                if score < options.absence_min_cosine:
                    continue
            if best is None or score > best[0]:
                best = (score, claim, value)
        if best is not None:
            _, claim, value = best
            found.append(
                Finding(
                    "absence",
                    quiet.id,
                    claim,
                    quiet,
                    value,
                    "not said",
                    what=", ".join(sorted(heads)),
                )
            )
    return found
