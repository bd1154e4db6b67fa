"""Claim-level blindspots: which articles of a story leave out a corroborated claim."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, ClaimGroup


def claim_blindspots(
    articles: Sequence[Article], groups: Sequence[ClaimGroup], min_sources: int = 2
) -> dict[str, tuple[str, ...]]:
    """group id -> ids of the story's articles that do not report it, for every group with
    at least ``min_sources`` independent sources (articles in story order; groups that every
    article reports are left out)."""
    out: dict[str, tuple[str, ...]] = {}
    for g in groups:
        if g.independent_sources < min_sources:
            continue
        missing = tuple(a.id for a in articles if a.id not in set(g.articles))
        if missing:
            out[g.id] = missing
    return out
