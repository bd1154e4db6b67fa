"""Look-up tables over one StoryAnalysis, shared by the brief and the timeline."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Claim, ClaimGroup, StoryAnalysis
from .serialize import outlet_name


@dataclass(frozen=True)
class StoryIndex:
    articles: dict[str, Article]
    claims: dict[str, Claim]
    groups: dict[str, ClaimGroup]
    article_rank: dict[str, int]  # position of an article in the story, earliest first
    group_of: dict[str, str]  # claim id -> id of the first group that holds it

    def outlet(self, article_id: str) -> str:
        article = self.articles.get(article_id)
        return outlet_name(article) if article is not None else article_id

    def outlets(self, article_ids: list[str] | tuple[str, ...]) -> list[str]:
        """Outlet names of ``article_ids``, each once, in the order given."""
        seen: list[str] = []
        for aid in article_ids:
            name = self.outlet(aid)
            if name not in seen:
                seen.append(name)
        return seen

    def claim_outlets(self, claim_ids: list[str] | tuple[str, ...]) -> list[str]:
        return self.outlets([self.claims[c].article for c in claim_ids if c in self.claims])

    def relative_position(self, claim: Claim) -> float:
        """Where a claim sits in its article, from 0.0 (first character) to 1.0."""
        article = self.articles.get(claim.article)
        length = len(article.text) if article is not None else 0
        return claim.start / length if length else 0.0

    def representative(self, group: ClaimGroup) -> Claim | None:
        """The claim that speaks for a group: the origin article's first claim, else the
        first claim of the earliest article; a statement of fact before an opinion."""
        members = [self.claims[c] for c in group.claims if c in self.claims]
        if not members:
            return None
        members = [c for c in members if not c.opinion] or members
        if group.origin is not None:
            from_origin = [c for c in members if c.article == group.origin]
            if from_origin:
                return min(from_origin, key=lambda c: c.start)
        return min(
            members,
            key=lambda c: (self.article_rank.get(c.article, len(self.article_rank)), c.start),
        )


def index_story(sa: StoryAnalysis) -> StoryIndex:
    order = list(sa.story.articles) + [a.id for a in sa.articles]
    rank: dict[str, int] = {}
    for aid in order:
        rank.setdefault(aid, len(rank))
    group_of: dict[str, str] = {}
    for group in sa.groups:
        for cid in group.claims:
            group_of.setdefault(cid, group.id)
    return StoryIndex(
        articles={a.id: a for a in sa.articles},
        claims={c.id: c for c in sa.claims},
        groups={g.id: g for g in sa.groups},
        article_rank=rank,
        group_of=group_of,
    )
