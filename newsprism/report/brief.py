"""The brief: a few sentences that tell a story, each one the words of a real claim.

Nothing here writes a fact. A fact item is the text (or attribution-free content) of one
claim, picked from the claim groups: corroborated groups with the most independent sources
first, then single-source ones; disputed groups stay out of the main sentences. The chosen
sentences are put in the order in which they appear in their articles, so the brief reads
like the story, and near-duplicates are dropped. After them comes at most one item per
discrepancy kind, which restates the compare stage's explanation of the disagreement.
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
    return (claim.content or claim.text).strip()


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


def _candidates(idx: StoryIndex, sa: StoryAnalysis) -> list[tuple[ClaimGroup, Claim]]:
    ranked = sorted(
        (g for g in sa.groups if g.status in _STATUS_RANK),
        key=lambda g: (_STATUS_RANK[g.status], -g.independent_sources, -len(g.articles)),
    )
    out: list[tuple[ClaimGroup, Claim]] = []
    for group in ranked:
        claim = idx.representative(group)
        if claim is not None and claim_sentence(claim):
            out.append((group, claim))
    return out


def build_brief(sa: StoryAnalysis, max_sentences: int = 5) -> list[dict[str, Any]]:
    """Up to ``max_sentences`` fact items in story order, then one item per discrepancy
    kind. Each item cites its groups, claims and outlets (see docs/output.md)."""
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
    chosen.sort(
        key=lambda gc: (idx.relative_position(gc[1]), idx.article_rank.get(gc[1].article, -1))
    )
    items = [_fact_item(idx, g, c) for g, c in chosen]
    seen_kinds: set[str] = set()
    kind_order = {k: i for i, k in enumerate(DISCREPANCY_KINDS)}
    for d in sorted(sa.discrepancies, key=lambda d: kind_order.get(d.kind, len(kind_order))):
        if d.kind in seen_kinds or not d.explanation.strip():
            continue
        seen_kinds.add(d.kind)
        items.append(_discrepancy_item(idx, d))
    return items
