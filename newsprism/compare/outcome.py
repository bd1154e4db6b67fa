"""What compare decides about a whole story, once, with the run's settings: which article
is its first report, and which corroborated groups some articles leave out (blindspots).
The report renders these; it recomputes nothing.

The first report is the earliest *original* report:

* an article that copies, rewrites, translates or cites another article of the input
  (a derivation at or above ``min_derivation_score``) is never first: "The Washington Post
  first reported this" says who was;
* among the others, an article that reproduces an outside source (a wire story not in
  the input: copy, rewrite or translation) comes after those that report on their own,
  so an aggregator's rewrite of a wire story is not first;
* then by publication date; an undated article is placed by the derivations: before the
  articles that take from it, else after the dated ones; then input order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, ClaimGroup, Derivation, iso_day
from .blindspots import claim_blindspots
from .options import CompareOptions

_TAKES = ("copy", "rewrite", "translation")


def first_report(
    articles: Sequence[Article], derivations: Sequence[Derivation], min_score: float
) -> str | None:
    """The id of the story's earliest original report (see the module docstring), or
    ``None`` for a story without articles."""
    if not articles:
        return None
    ids = {a.id for a in articles}
    strong = [d for d in derivations if d.score >= min_score and d.article != d.derived_from]
    inside = [d for d in strong if not d.external and d.derived_from in ids]
    derived = {d.article for d in inside}
    from_outside = {d.article for d in strong if d.external and d.kind in _TAKES}
    sources = {d.derived_from for d in inside}
    pool = [a for a in articles if a.id not in derived] or list(articles)
    order = {a.id: i for i, a in enumerate(articles)}
    dated = [d for d in (iso_day(a.published) for a in articles) if d is not None]
    last = max(dated).isoformat() if dated else ""

    def rank(a: Article) -> tuple[int, int, str, int]:
        day = iso_day(a.published)
        if day is not None:
            when, undated = day.isoformat(), 0
        else:  # an undated source of other articles came before them
            when, undated = (last, 0) if a.id in sources else ("", 1)
        return (int(a.id in from_outside), undated, when, order[a.id])

    return min(pool, key=rank).id


def story_outcome(
    articles: Sequence[Article],
    groups: Sequence[ClaimGroup],
    derivations: Sequence[Derivation],
    options: CompareOptions,
) -> tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]]:
    """(first report, blindspots) of one story, with the run's compare options."""
    first = first_report(articles, derivations, options.min_derivation_score)
    spots = tuple(claim_blindspots(articles, groups).items())
    return first, spots
