"""The pipeline: stages that declare what they need and what they add, and a short loop.

A stage is a plain function over a ``Context`` (a dict of named products). The runner
checks, before any data flows, that every stage's ``requires`` is produced earlier (or
given), then runs them in order and times each one. The error policy is a setting:
``"raise"`` stops at the first bad input, ``"record"`` turns it into a ``Rejection`` and
goes on with the rest of the batch.

The policy holds per input in every stage: a document that ingest or clean cannot use, an
article on which the claims or stories stage fails, a story whose comparison fails. An
exception that is not one of ours (a library's, or a bug) is wrapped by
``errors.guard`` into a ``StageError`` that names the stage and keeps the exception's
type and message; the claims and stories stages, which work on all articles at once, then
find the articles that fail on their own (``_per_article``), reject them, and run again on
the rest. Only a failure no single article explains stops the run.

Articles leave the clean stage sorted by content id (the copy kept of two with the same
text is the one with the smallest source), so that no later tie-break depends on the order
the inputs were given in.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, TypeVar

import numpy as np

from . import align, claims, clean, compare, ingest, stories
from .align.text import claim_text
from .compare import derivation
from .config import Settings
from .errors import NewsprismError, StageError, StageOrderError, guard
from .model import Analysis, Article, Claim, Derivation, Rejection, Story, StoryAnalysis
from .resources import EMBEDDER_NAME, SPACY_NAME, Resources

Context = dict[str, Any]
R = TypeVar("R")


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
        articles = []
        for d in ctx["documents"]:
            with guard("clean", d.source):
                articles.append(clean.clean_document(d, s.clean))
        rejected: list[Rejection] = []
    else:
        articles, rejected = clean.clean_documents(ctx["documents"], s.clean)
    unique: dict[str, Article] = {}
    # by content id; of two copies of one text the smallest source is kept, whatever the
    # order of the input
    for article in sorted(articles, key=lambda a: (a.id, a.source)):
        if article.id in unique:
            rejected.append(
                Rejection("clean", article.source, f"same text as {unique[article.id].source}")
            )
        else:
            unique[article.id] = article
    return {"articles": list(unique.values()), "rejections": ctx["rejections"] + rejected}


def _per_article(
    stage: str,
    articles: Sequence[Article],
    run: Callable[[Sequence[Article]], R],
    settings: Settings,
) -> tuple[R, list[Article], list[Rejection]]:
    """``run(articles)``; when it fails with an exception that is not ours, each article is
    run alone, those that fail are rejected with their reason, and ``run`` goes again on the
    rest. Returns the result, the articles it covers and the rejections."""
    try:
        with guard(stage):
            return run(articles), list(articles), []
    except StageError as batch_error:
        failing: dict[str, StageError] = {}
        for article in articles:
            try:
                with guard(stage, article.source):
                    run([article])
            except StageError as exc:
                failing[article.id] = exc
        if not failing:  # no article fails alone: nothing to reject, a bug to report
            raise batch_error from batch_error.__cause__
        if settings.on_error == "raise":
            raise next(iter(failing.values())) from None
        rejected = [Rejection(stage, a.source, failing[a.id].reason) for a in articles
                    if a.id in failing]  # fmt: skip
        kept = [a for a in articles if a.id not in failing]
        with guard(stage):
            return run(kept), kept, rejected


def _without(stories_: Sequence[Story], gone: set[str]) -> list[Story]:
    """``stories_`` without the articles in ``gone`` (a story left empty is dropped)."""
    if not gone:
        return list(stories_)
    out = []
    for story in stories_:
        ids = tuple(i for i in story.articles if i not in gone)
        if ids:
            out.append(replace(story, articles=ids))
    return out


def _stories(ctx: Context, s: Settings, r: Resources) -> Context:
    found, kept, rejected = _per_article(
        "stories",
        ctx["articles"],
        lambda arts: stories.group_stories(arts, r.embedder, s.stories),
        s,
    )
    return {"stories": found, "articles": kept, "rejections": ctx["rejections"] + rejected}


def _claims(ctx: Context, s: Settings, r: Resources) -> Context:
    found, kept, rejected = _per_article(
        "claims", ctx["articles"], lambda arts: claims.extract_claims(arts, r, s.claims), s
    )
    by_article: dict[str, list[Claim]] = {a.id: [] for a in kept}
    for claim in found:
        by_article[claim.article].append(claim)
    out: Context = {
        "claims": by_article,
        "articles": kept,
        "rejections": ctx["rejections"] + rejected,
    }
    if "stories" in ctx:  # stories given (a stored corpus story): drop the rejected articles
        out["stories"] = _without(ctx["stories"], {a.id for a in ctx["articles"]} - set(by_article))
    return out


def _compare(ctx: Context, s: Settings, r: Resources) -> Context:
    by_id = {a.id: a for a in ctx["articles"]}
    results: list[StoryAnalysis] = []
    rejected: list[Rejection] = []
    for story in ctx["stories"]:
        try:
            with guard("compare", story.id):
                results.append(
                    analyse_story(story, by_id, ctx["claims"], s, r, ctx.get("near_duplicates", ()))
                )
        except NewsprismError as exc:
            if s.on_error == "raise":
                raise
            reason = exc.reason if isinstance(exc, StageError) else str(exc)
            rejected.append(Rejection("compare", story.id, reason))
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
    quotes = compare.match_quotes(members, story_claims, options=settings.compare)
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
    # claims before stories: an article the claims stage rejects is not grouped at all
    Stage("claims", ("articles",), ("claims",), _claims),
    Stage("stories", ("articles",), ("stories",), _stories),
    Stage("compare", ("stories", "claims"), ("story_analyses",), _compare),
)


def algorithms() -> dict[str, str]:
    return {
        "embedder": EMBEDDER_NAME,
        "spacy": SPACY_NAME,
        "clean": clean.ALGORITHM,
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
    ordered = sorted(articles, key=lambda a: (a.id, a.source))  # as the clean stage does
    context: Context = {"articles": ordered, "rejections": []}
    context, timings = run_stages(STAGES[2:], context, settings, resources)
    analysis = Analysis(
        stories=tuple(context["story_analyses"]),
        rejections=tuple(context["rejections"]),
        algorithms=algorithms(),
    )
    return RunResult(analysis=analysis, timings=timings)
