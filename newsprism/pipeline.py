"""The pipeline: stages that declare what they need and what they add, and a short loop.

A stage is a plain function over a ``Context`` (a dict of named products). The runner
checks, before any data flows, that every stage's ``requires`` is produced earlier (or
given), then runs them in order and times each one. The error policy is a setting:
``"raise"`` stops at the first bad input, ``"record"`` turns it into a ``Rejection`` and
goes on with the rest of the batch.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

import numpy as np

from . import align, claims, clean, compare, ingest, stories
from .align.text import claim_text
from .compare import derivation
from .config import Settings
from .errors import NewsprismError, StageOrderError
from .model import Analysis, Article, Claim, Derivation, Rejection, Story, StoryAnalysis
from .resources import EMBEDDER_NAME, SPACY_NAME, Resources

Context = dict[str, Any]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    run: Callable[[Context, Settings, Resources], Context]


@dataclass
class RunResult:
    analysis: Analysis
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


def check_order(stages: Sequence[Stage], given: Sequence[str] = ()) -> None:
    available = set(given)
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage produces"
            )
        available.update(stage.produces)


def run_stages(
    stages: Sequence[Stage], context: Context, settings: Settings, resources: Resources
) -> tuple[Context, dict[str, float]]:
    check_order(stages, tuple(context))
    timings: dict[str, float] = {}
    for stage in stages:
        started = time.perf_counter()
        context.update(stage.run(context, settings, resources))
        timings[stage.name] = time.perf_counter() - started
    return context, timings


# --- the stages -------------------------------------------------------------------------


def _ingest(ctx: Context, s: Settings, r: Resources) -> Context:
    docs, rejected = ingest.read_sources(ctx["sources"], stdin=ctx.get("stdin"), options=s.ingest)
    if rejected and s.on_error == "raise":
        raise NewsprismError(rejected[0].reason, source=rejected[0].source)
    return {"documents": docs, "rejections": list(ctx.get("rejections", [])) + rejected}


def _clean(ctx: Context, s: Settings, r: Resources) -> Context:
    if s.on_error == "raise":
        articles = [clean.clean_document(d, s.clean) for d in ctx["documents"]]
        rejected: list[Rejection] = []
    else:
        articles, rejected = clean.clean_documents(ctx["documents"], s.clean)
    unique: dict[str, Article] = {}
    for article in articles:
        if article.id in unique:
            rejected.append(
                Rejection("clean", article.source, f"same text as {unique[article.id].source}")
            )
        else:
            unique[article.id] = article
    return {"articles": list(unique.values()), "rejections": ctx["rejections"] + rejected}


def _stories(ctx: Context, s: Settings, r: Resources) -> Context:
    return {"stories": stories.group_stories(ctx["articles"], r.embedder, s.stories)}


def _claims(ctx: Context, s: Settings, r: Resources) -> Context:
    by_article: dict[str, list[Claim]] = {a.id: [] for a in ctx["articles"]}
    for claim in claims.extract_claims(ctx["articles"], r, s.claims):
        by_article[claim.article].append(claim)
    return {"claims": by_article}


def _compare(ctx: Context, s: Settings, r: Resources) -> Context:
    by_id = {a.id: a for a in ctx["articles"]}
    results: list[StoryAnalysis] = []
    rejected: list[Rejection] = []
    for story in ctx["stories"]:
        try:
            results.append(
                analyse_story(story, by_id, ctx["claims"], s, r, ctx.get("near_duplicates", ()))
            )
        except NewsprismError as exc:
            if s.on_error == "raise":
                raise
            rejected.append(Rejection("compare", story.id, str(exc)))
    return {"story_analyses": results, "rejections": ctx["rejections"] + rejected}


def analyse_story(
    story: Story,
    articles: dict[str, Article],
    claims_by_article: dict[str, list[Claim]],
    settings: Settings,
    resources: Resources,
    near_duplicates: Sequence[tuple[str, str, float]] = (),
) -> StoryAnalysis:
    """Align and compare the claims of one story. ``near_duplicates`` (copy, original,
    Jaccard) come from a corpus store, where ``add`` found them by MinHash."""
    members = tuple(articles[i] for i in story.articles)
    story_claims = tuple(c for a in members for c in claims_by_article.get(a.id, []))
    derivations = derivation.find_derivations(
        members, story_claims, settings.derivation, near_duplicates=near_duplicates
    )
    quotes = compare.match_quotes(members, story_claims)
    links = [(ca.id, cb.id) for m, ca, cb in quotes if ca and cb and (m.strong or m.changed)]
    same = None
    if len(members) > 1 and story_claims:
        texts = [claim_text(c) for c in story_claims]
        vectors = np.asarray(resources.embedder.encode(texts), dtype=np.float32)
        lengths = {a.id: len(a.text) for a in members}
        same = align.SameFact(story_claims, vectors, resources.news_model, lengths)
    clusters = align.align_claims(
        story_claims, resources.embedder, settings.align, links=links, same=same
    )
    groups, discrepancies = compare.compare_story(
        members,
        story_claims,
        clusters,
        derivations,
        settings.compare,
        embedder=resources.embedder,
        quotes=quotes,
        same=same,
    )
    first, blindspots = compare.story_outcome(members, groups, derivations, settings.compare)
    return StoryAnalysis(
        story=replace(story, headline=origin_headline(members, derivations) or story.headline),
        articles=members,
        claims=story_claims,
        groups=tuple(groups),
        discrepancies=tuple(discrepancies),
        derivations=tuple(derivations),
        first_report=first,
        blindspots=blindspots,
    )


def origin_headline(members: Sequence[Article], derivations: Sequence[Derivation]) -> str | None:
    """The title of the story's most original article: not derived from another article of
    the input, and the source of the most others (ties: the earliest)."""
    derived = {d.article for d in derivations if not d.external}
    followers = Counter(d.derived_from for d in derivations if not d.external)
    originals = [a for a in members if a.id not in derived and a.title]
    if not originals:
        return None
    return max(originals, key=lambda a: (followers[a.id], -members.index(a))).title


STAGES: tuple[Stage, ...] = (
    Stage("ingest", ("sources",), ("documents", "rejections"), _ingest),
    Stage("clean", ("documents", "rejections"), ("articles",), _clean),
    Stage("stories", ("articles",), ("stories",), _stories),
    Stage("claims", ("articles",), ("claims",), _claims),
    Stage("compare", ("stories", "claims"), ("story_analyses",), _compare),
)


def algorithms() -> dict[str, str]:
    return {
        "embedder": EMBEDDER_NAME,
        "spacy": SPACY_NAME,
        "stories": stories.ALGORITHM,
        "claims": claims.ALGORITHM,
        "align": align.ALGORITHM,
        "derivation": derivation.ALGORITHM,
        "compare": compare.ALGORITHM,
    }


def analyze(
    sources: Sequence[str],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
    stdin: BinaryIO | None = None,
) -> RunResult:
    """Run the whole pipeline on files, folders or ``-`` and return the analysis."""
    settings = settings or Settings()
    resources = resources or Resources()
    context: Context = {"sources": list(sources), "stdin": stdin}
    context, timings = run_stages(STAGES, context, settings, resources)
    analysis = Analysis(
        stories=tuple(context["story_analyses"]),
        rejections=tuple(context["rejections"]),
        algorithms=algorithms(),
    )
    return RunResult(analysis=analysis, timings=timings)


def analyze_articles(
    articles: Sequence[Article],
    *,
    settings: Settings | None = None,
    resources: Resources | None = None,
) -> RunResult:
    """Run the stages after cleaning on articles already built (e.g. from a store)."""
    settings = settings or Settings()
    resources = resources or Resources()
    context: Context = {"articles": list(articles), "rejections": []}
    context, timings = run_stages(STAGES[2:], context, settings, resources)
    analysis = Analysis(
        stories=tuple(context["story_analyses"]),
        rejections=tuple(context["rejections"]),
        algorithms=algorithms(),
    )
    return RunResult(analysis=analysis, timings=timings)
