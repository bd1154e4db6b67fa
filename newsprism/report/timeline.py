"""The timeline: dated facts of a story in date order, plus when each article came out.

An ``event`` entry is a claim with a resolved date. A fact told by five outlets is one
entry: claims are merged per (date, claim group), and the entry shows the group's
representative claim. A ``published`` entry marks an article's publication date.
ISO values sort as text, so a coarser date ("2024-03") comes before the days inside it.
"""

from __future__ import annotations

from typing import Any

from ..model import Claim, StoryAnalysis
from .context import StoryIndex, index_story

_KIND_ORDER = {"event": 0, "published": 1}


def _event(idx: StoryIndex, claim: Claim, value: str, precision: str) -> dict[str, Any]:
    return {
        "kind": "event",
        "date": value,
        "precision": precision,
        "text": claim.text,
        "claim": claim.id,
        "group": idx.group_of.get(claim.id),
        "article": claim.article,
        "outlet": idx.outlet(claim.article),
    }


def build_timeline(sa: StoryAnalysis) -> list[dict[str, Any]]:
    """Dated events (one per date and claim group) and publication events, by date."""
    idx = index_story(sa)
    best: dict[tuple[str, str], tuple[Claim, str]] = {}
    for claim in sa.claims:
        group = idx.group_of.get(claim.id)
        for mention in claim.dates:
            if not mention.value or not mention.precision:
                continue
            key = (mention.value, group if group is not None else f"claim:{claim.id}")
            current = best.get(key)
            if current is None or _prefer(idx, claim, current[0]):
                best[key] = (claim, mention.precision)
    entries = [_event(idx, claim, key[0], precision) for key, (claim, precision) in best.items()]
    for article in sa.articles:
        if article.published:
            entries.append(
                {
                    "kind": "published",
                    "date": article.published,
                    "precision": _iso_precision(article.published),
                    "text": article.title,
                    "claim": None,
                    "group": None,
                    "article": article.id,
                    "outlet": idx.outlet(article.id),
                }
            )
    entries.sort(
        key=lambda e: (
            e["date"],
            _KIND_ORDER.get(e["kind"], 2),
            idx.article_rank.get(e["article"], len(idx.article_rank)),
            idx.claims[e["claim"]].start if e["claim"] in idx.claims else 0,
        )
    )
    return entries


def _iso_precision(value: str) -> str | None:
    """ "day", "month" or "year" for an ISO date, month or year; None for anything else."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def _prefer(idx: StoryIndex, claim: Claim, current: Claim) -> bool:
    """Whether ``claim`` should speak for its group on a date instead of ``current``: the
    group's representative wins, then the earliest article, then the earliest position."""
    group_id = idx.group_of.get(claim.id)
    group = idx.groups.get(group_id) if group_id is not None else None
    rep = idx.representative(group) if group is not None else None
    if rep is not None and rep.id in (claim.id, current.id):
        return rep.id == claim.id

    def rank(c: Claim) -> tuple[int, int]:
        return (idx.article_rank.get(c.article, len(idx.article_rank)), c.start)

    return rank(claim) < rank(current)
