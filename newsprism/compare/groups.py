"""Claim groups: who reports each aligned claim, from how many independent sources.

A group's sources are the roots of its articles after following derivations (see
``independence``), with one refinement per claim: when the claim itself credits an outside
outlet or agency (``Claim.via``: "Reuters", "The Washington Post"), that outlet is the source
of this claim for that article, so two articles that both cite Reuters for it count once. An
outside name that matches the outlet of an input article stands for that article's root.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..align.text import name_key
from ..model import Article, Claim, ClaimGroup, Derivation, iso_day
from .derivation_citations import OutletIndex
from .independence import external_names, root_nodes
from .options import CompareOptions


class SourceResolver:
    """Maps (article, claim) to the id or name of the original source of that claim."""

    def __init__(
        self, articles: Sequence[Article], derivations: Sequence[Derivation], min_score: float
    ):
        ids = [a.id for a in articles]
        self._nodes = root_nodes(ids, derivations, min_score)
        self._names = external_names(derivations)
        self._outlets: dict[str, str] = {}
        self._ids = ids
        self._index = OutletIndex(articles)
        for a in articles:
            for label in (a.outlet, a.source if a.outlet is None else None):
                if label and name_key(label):
                    self._outlets.setdefault("ext:" + name_key(label), a.id)

    def _resolve(self, node: str) -> str:
        seen: set[str] = set()
        while node.startswith("ext:") and node in self._outlets and node not in seen:
            seen.add(node)
            node = self._nodes.get(self._outlets[node], self._outlets[node])
        return node

    def node(self, article_id: str, claim: Claim | None = None) -> str:
        if claim is not None and claim.via and name_key(claim.via):
            key = "ext:" + name_key(claim.via)
            self._names.setdefault(key, claim.via)
            if key not in self._outlets:  # "The Washington Post" for washingtonpost.com
                own = [i for i in self._index.all_matches(claim.via) if self._ids[i] != article_id]
                if own:
                    self._outlets[key] = self._ids[own[0]]
            return self._resolve(key)
        return self._resolve(self._nodes.get(article_id, article_id))

    def label(self, node: str) -> str:
        return self._names.get(node, node.removeprefix("ext:")) if node.startswith("ext:") else node


def origin_article(
    group_articles: Sequence[str], root_articles: Sequence[str], by_id: dict[str, Article]
) -> str | None:
    """The root article among the group's articles (earliest if several), else the earliest
    published article of the group, else its first."""
    if not group_articles:
        return None
    position = {a: i for i, a in enumerate(group_articles)}

    def when(aid: str) -> tuple[int, str, int]:
        art = by_id.get(aid)
        day = iso_day(art.published) if art else None
        return (0, day.isoformat(), position[aid]) if day else (1, "", position[aid])

    roots = [a for a in group_articles if a in set(root_articles)]
    pool = roots or list(group_articles)
    return min(pool, key=when)


def build_groups(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    clusters: Sequence[tuple[str, ...]],
    derivations: Sequence[Derivation],
    disputed: set[int],
    options: CompareOptions,
) -> list[ClaimGroup]:
    by_claim = {c.id: c for c in claims}
    by_article = {a.id: a for a in articles}
    article_order = {a.id: i for i, a in enumerate(articles)}
    resolver = SourceResolver(articles, derivations, options.min_derivation_score)
    groups: list[ClaimGroup] = []
    for g, cluster in enumerate(clusters):
        members = [by_claim[c] for c in cluster if c in by_claim]
        arts = list(dict.fromkeys(c.article for c in members))
        facts = [c for c in members if not c.opinion]  # opinion corroborates nothing
        nodes = list(dict.fromkeys(resolver.node(c.article, c) for c in facts))
        plain_roots = [resolver.node(a) for a in arts]
        sources = tuple(resolver.label(n) for n in nodes)
        count = len(nodes)
        if g in disputed:
            status = "disputed"
        elif members and not facts:
            status = "opinion"
        elif count >= 2:
            status = "corroborated"
        else:
            status = "single_source"
        arts.sort(key=lambda a: article_order.get(a, len(article_order)))
        groups.append(
            ClaimGroup(
                id=f"g{g + 1}",
                claims=tuple(cluster),
                articles=tuple(arts),
                independent_sources=count,
                status=status,
                sources=sources,
                origin=origin_article(arts, plain_roots, by_article),
            )
        )
    return groups
