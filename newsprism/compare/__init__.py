"""compare stage: claim groups with their independent sources and status, and discrepancies."""

from __future__ import annotations

from collections.abc import Sequence

from ..align.news import SameFact
from ..align.text import claim_text
from ..model import Article, Claim, ClaimGroup, Derivation, Discrepancy
from ..resources import Embedder
from .blindspots import claim_blindspots
from .discrepancies import build_discrepancies, find_all
from .findings import Finding
from .groups import build_groups
from .independence import DEFAULT_MIN_SCORE, independent_roots
from .options import CompareOptions
from .outcome import first_report, story_outcome
from .quote_match import Held, match_quotes, with_claim_text
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
    "match_quotes",
    "story_outcome",
]


def _same_enough(finding: Finding, same: SameFact, options: CompareOptions) -> bool:
    """Whether a finding is about one fact in both claims. Values conflict only between
    claims that state the same fact, so most findings need the news model to give the pair
    at least ``conflict_min_same``. Those whose slot is named outside the wording pass:
    a quote (matched on its words), a person's title (the same person), a count of people
    named by what happened to them ("three injured" / "four injured"), a cause against "did
    not say what caused it". A date counts only when the two are written differently: the
    same weekday written by two outlets is the same day, whatever their publication
    dates."""
    if finding.kind in ("quote", "role", "absence") or finding.key.startswith("slot:people:"):
        return True
    if same.probability(finding.a, finding.b) < options.conflict_min_same:
        return False
    return not (finding.kind == "date" and finding.value_a.lower() == finding.value_b.lower())


def compare_story(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    derivations: Sequence[Derivation],
    options: CompareOptions = CompareOptions(),  # noqa: B008 (frozen, safe default)
    *,
    embedder: Embedder | None = None,
    quotes: Sequence[Held] | None = None,
    same: SameFact | None = None,
) -> tuple[list[ClaimGroup], list[Discrepancy]]:
    """Groups ``g1..`` (one per cluster, in cluster order) and discrepancies ``d1..``.

    ``embedder`` is optional: when given, the absence check also requires the not-said claim
    and the asserting claim to be close in meaning.
    """
    options.check()
    group_ids = [f"g{n}" for n in range(1, len(clusters) + 1)]
    if quotes is None:
        quotes = match_quotes(
            [with_claim_text(a, claims) for a in articles], claims, options=options
        )
    found = find_all(claims, clusters, options, embedder, quotes)
    roots = independent_roots([a.id for a in articles], derivations, options.min_derivation_score)
    several = len({c.article for c in claims}) > 1  # one article: nothing to compare across
    if same is not None and same.made_for(claims):  # these claims, already embedded
        vectors = same.vectors if several else None
    else:
        vectors = embedder.encode([claim_text(c) for c in claims]) if embedder and several else None
    found += slot_findings(claims, clusters, roots, vectors, options)
    if same is not None:
        found = [(g, f) for g, f in found if _same_enough(f, same, options)]
    discrepancies = build_discrepancies(found, claims, articles, group_ids)
    index = {gid: n for n, gid in enumerate(group_ids)}
    disputed = {index[d.group] for d in discrepancies if d.group in index}
    groups = build_groups(articles, claims, clusters, derivations, disputed, options)
    return groups, discrepancies
