"""compare stage: claim groups with their independent sources and status, and discrepancies."""

from __future__ import annotations

from collections.abc import Sequence

from ..align.text import claim_text
from ..model import Article, Claim, ClaimGroup, Derivation, Discrepancy
from ..resources import Embedder
from .blindspots import claim_blindspots
from .discrepancies import build_discrepancies, find_all
from .groups import build_groups
from .independence import DEFAULT_MIN_SCORE, independent_roots
from .options import CompareOptions
from .outcome import first_report, story_outcome
from .slots import slot_findings

ALGORITHM = "compare.rules.v1"

__all__ = [
    "ALGORITHM",
    "DEFAULT_MIN_SCORE",
    "CompareOptions",
    "claim_blindspots",
    "compare_story",
    "first_report",
    "independent_roots",
    "story_outcome",
]


def compare_story(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    derivations: Sequence[Derivation],
    options: CompareOptions = CompareOptions(),  # noqa: B008 (frozen, safe default)
    *,
    embedder: Embedder | None = None,
) -> tuple[list[ClaimGroup], list[Discrepancy]]:
    """Groups ``g1..`` (one per cluster, in cluster order) and discrepancies ``d1..``.

    ``embedder`` is optional: when given, the absence check also requires the not-said claim
    and the asserting claim to be close in meaning.
    """
    options.check()
    group_ids = [f"g{n}" for n in range(1, len(clusters) + 1)]
    found = find_all(claims, clusters, options, embedder)
    roots = independent_roots([a.id for a in articles], derivations, options.min_derivation_score)
    several = len({c.article for c in claims}) > 1  # one article: nothing to compare across
    vectors = embedder.encode([claim_text(c) for c in claims]) if embedder and several else None
    found += slot_findings(claims, clusters, roots, vectors, options)
    discrepancies = build_discrepancies(found, claims, articles, group_ids)
    index = {gid: n for n, gid in enumerate(group_ids)}
    disputed = {index[d.group] for d in discrepancies if d.group in index}
    groups = build_groups(articles, claims, clusters, derivations, disputed, options)
    return groups, discrepancies
