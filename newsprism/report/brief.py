"""The brief: a few sentences that tell a story, each one the words of a real claim.

Nothing here writes a fact. A fact item is the statement (or, when it is attributed or
hedged, the sentence with its frame) of one claim, picked from the claim groups and given
in order of worth:

* the most independent sources first (corroborated before single-source: a single-source
  item says so in its ``status``);
* then an informative claim (one that names at least two of who, where, when or how many:
  entities, dates and figures) before a vague one;
* then the earliest in its article (news puts the key facts first);
* the claim that speaks for a group comes from its original report, not from a rewrite.

Opinion and commentary (``Claim.opinion``, groups with status ``opinion``) never enter,
and disputed groups (and any group holding a claim a discrepancy cites) stay out of the
fact items: a disputed fact appears only as a
discrepancy item that restates the compare stage's explanation, which names both sides
(one item per disputed group, at most ``max_sentences``). Near-duplicates are dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import DISCREPANCY_KINDS, Claim, ClaimGroup, Discrepancy, StoryAnalysis
from .context import StoryIndex, index_story

_WORD = re.compile(r"\w+", re.UNICODE)
_STATUS_RANK = {"corroborated": 0, "single_source": 1}
_DUPLICATE_JACCARD = 0.6
_PREFIX = {
    "absence": "Not every outlet reports this: ",
    "hedge": "Outlets differ in how certain this is: ",
}


def claim_sentence(claim: Claim) -> str:
    """The words a brief shows for a claim. An attributed or hedged claim keeps its frame
    ("..., the coast guard said"), so the brief never turns a report into an assertion."""
    if claim.speaker or claim.via or claim.hedge or claim.quote:
        return claim.text.strip()
    return claim.statement


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _near_duplicate(words: set[str], chosen: list[set[str]]) -> bool:
    for other in chosen:
        if not words or not other:
            continue
        overlap = len(words & other)
        if overlap / len(words | other) >= _DUPLICATE_JACCARD:
            return True
        if overlap == min(len(words), len(other)):  # one says nothing the other does not
            return True
    return False


def _fact_item(idx: StoryIndex, group: ClaimGroup, claim: Claim) -> dict[str, Any]:
    others = [c for c in group.claims if c != claim.id]
    return {
        "kind": "fact",
        "text": claim_sentence(claim),
        "claim": claim.id,
        "discrepancy": None,
        "groups": [group.id],
        "claims": [claim.id, *others],
        "outlets": idx.outlets(group.articles or (claim.article,)),
        "status": group.status,
        "independent_sources": group.independent_sources,
    }


def _discrepancy_item(idx: StoryIndex, d: Discrepancy) -> dict[str, Any]:
    group = idx.groups.get(d.group) if d.group is not None else None
    return {
        "kind": "discrepancy",
        "text": _PREFIX.get(d.kind, "Outlets disagree: ") + d.explanation.strip(),
        "claim": None,
        "discrepancy": d.id,
        "groups": [group.id] if group is not None else [],
        "claims": list(d.claims),
        "outlets": idx.claim_outlets(d.claims),
        "status": "disputed",
        "independent_sources": group.independent_sources if group is not None else None,
    }


def informative(claim: Claim) -> int:
    """How much a claim pins down: distinct names, dates and figures it states (at most 4)."""
    names = {e.key for e in claim.entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC")}
    dated = {d.text for d in claim.dates if d.value}
    return min(4, len(names) + len(dated) + len(claim.quantities))


def _candidates(idx: StoryIndex, sa: StoryAnalysis) -> list[tuple[ClaimGroup, Claim]]:
    out: list[tuple[ClaimGroup, Claim]] = []
    disputed = {c for d in sa.discrepancies for c in d.claims}  # a side of a disagreement
    for group in sa.groups:
        if group.status not in _STATUS_RANK or disputed & set(group.claims):
            continue
        claim = idx.representative(group)
        if claim is not None and not claim.opinion and claim_sentence(claim):
            out.append((group, claim))
    out.sort(key=lambda gc: (
        -gc[0].independent_sources, _STATUS_RANK[gc[0].status], -min(2, informative(gc[1])),
        idx.relative_position(gc[1]), -len(gc[0].articles),
    ))  # fmt: skip
    return out


def build_brief(sa: StoryAnalysis, max_sentences: int = 5) -> list[dict[str, Any]]:
    """Up to ``max_sentences`` fact items, most worth knowing first, then one item per
    disputed group (at most ``max_sentences``). Each item cites its groups, claims and
    outlets (see docs/output.md)."""
    idx = index_story(sa)
    chosen: list[tuple[ClaimGroup, Claim]] = []
    chosen_words: list[set[str]] = []
    for group, claim in _candidates(idx, sa):
        if len(chosen) >= max(0, max_sentences):
            break
        words = _words(claim_sentence(claim))
        if _near_duplicate(words, chosen_words):
            continue
        chosen.append((group, claim))
        chosen_words.append(words)
    items = [_fact_item(idx, g, c) for g, c in chosen]
    seen: set[str] = set()
    kind_order = {k: i for i, k in enumerate(DISCREPANCY_KINDS)}
    shown = 0
    for d in sorted(sa.discrepancies, key=lambda d: kind_order.get(d.kind, len(kind_order))):
        key = d.group or d.id
        if key in seen or not d.explanation.strip() or shown >= max(0, max_sentences):
            continue
        seen.add(key)
        shown += 1
        items.append(_discrepancy_item(idx, d))
    return items
