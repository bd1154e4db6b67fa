"""Group articles into stories without being told how many there are.

Average-link agglomerative clustering over the same-story probability of each pair (the
learnt pair model of ``pairs``, over the features of ``features``), with a stopping
threshold instead of a cluster count. Stories are returned earliest first; within a story,
articles earliest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article, Story, iso_day
from ..resources import Embedder
from .features import (
    NAME,
    NUMBER,
    YEAR,
    ArticleFeatures,
    content_words,
    lead_text,
    particulars,
    presence,
    split_kinds,
    tfidf,
)
from .pairs import MODEL_FILE, PairSimilarity, StoryPairModel, load_pair_model

ALGORITHM = "stories.pair-model-avglink.v3"


@dataclass(frozen=True)
class StoryOptions:
    model: str = MODEL_FILE  # the pair model's weights in ``newsprism/data``
    # average same-story probability needed to merge two clusters; None: the threshold
    # shipped with the model (chosen with it by scripts/train_story_pairs.py)
    threshold: float | None = None
    # an article left alone joins the story of its nearest article when that one pair
    # reaches ``attach_threshold`` (None: the model's); average link keeps it out of a
    # story whose other articles are less close (see ``attach_singletons``)
    attach_singletons: bool = True
    attach_threshold: float | None = None


def thresholds(options: StoryOptions, model: StoryPairModel) -> tuple[float, float | None]:
    """(merge threshold, attach threshold or None when lone articles are not attached)."""
    merge = model.threshold if options.threshold is None else options.threshold
    if not options.attach_singletons:
        return merge, None
    attach = (
        model.attach_threshold if options.attach_threshold is None else options.attach_threshold
    )
    return merge, attach


def article_features(articles: Sequence[Article], embedder: Embedder) -> ArticleFeatures:
    leads = embedder.encode([lead_text(a) for a in articles])
    terms = tfidf([content_words(f"{a.title or ''} {a.text}") for a in articles])
    kinds = [split_kinds(particulars(a)) for a in articles]
    days = [iso_day(a.published) for a in articles]
    return ArticleFeatures(
        lead=leads,
        terms=terms,
        names=tfidf([k[NAME] for k in kinds]),
        numbers=tfidf([k[NUMBER] for k in kinds]),
        years=presence([k[YEAR] for k in kinds]),
        day=np.array([d.toordinal() if d else np.nan for d in days], dtype=np.float64),
    )


def pair_similarity(feats: ArticleFeatures) -> PairSimilarity:
    """The base similarities of every pair of the batch (n x n matrices)."""
    counts = feats.years.sum(axis=1)
    return PairSimilarity(
        lead=feats.lead @ feats.lead.T,
        terms=feats.terms @ feats.terms.T,
        names=feats.names @ feats.names.T,
        numbers=feats.numbers @ feats.numbers.T,
        years_shared=feats.years @ feats.years.T,
        years_fewer=np.minimum(counts[:, None], counts[None, :]),
        days_apart=np.abs(feats.day[:, None] - feats.day[None, :]),
    )


def probability_matrix(feats: ArticleFeatures, model: StoryPairModel) -> np.ndarray:
    """Same-story probability of every pair (n x n, symmetric)."""
    return model.probability(pair_similarity(feats))


def partition(
    feats: ArticleFeatures, model: StoryPairModel, threshold: float, attach: float | None
) -> list[list[int]]:
    """The stories of one batch as parts of ``range(n)``: average link over the pair
    probabilities down to ``threshold``, then lone articles attached at ``attach`` (None:
    not attached). The one grouping rule of ``group_stories`` and of each block of
    ``incremental``."""
    sim = probability_matrix(feats, model)
    parts = cluster(sim, threshold)
    return attach_singletons(sim, parts, attach) if attach is not None else parts


def cluster(sim: np.ndarray, threshold: float, n_clusters: int = 1) -> list[list[int]]:
    """Average-link agglomerative clustering; stops when no pair of clusters reaches
    ``threshold`` (or when ``n_clusters`` are left: pass ``threshold=-inf`` and a count to
    cluster to a known number). Returns a partition of ``range(len(sim))``, each part sorted.

    Keeps the cluster-to-cluster average similarity in one matrix and updates it with the
    Lance-Williams rule after each merge, so each merge costs one pass over a row.
    """
    n = len(sim)
    if n == 0:
        return []
    avg = np.array(sim, dtype=np.float64, copy=True)
    np.fill_diagonal(avg, -np.inf)
    size = np.ones(n)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    alive = np.ones(n, dtype=bool)
    while len(members) > max(1, n_clusters):
        flat = int(np.argmax(avg))
        x, y = divmod(flat, n)
        if avg[x, y] < threshold:
            break
        merged = (size[x] * avg[x] + size[y] * avg[y]) / (size[x] + size[y])
        avg[x, :] = merged
        avg[:, x] = merged
        avg[x, x] = -np.inf
        avg[y, :] = -np.inf
        avg[:, y] = -np.inf
        alive[y] = False
        size[x] += size[y]
        members[x].extend(members.pop(y))
    return sorted(sorted(m) for m in members.values())


def attach_singletons(sim: np.ndarray, parts: list[list[int]], threshold: float) -> list[list[int]]:
    """Move each one-article part into the part of its most similar article, when that
    similarity reaches ``threshold``. Parts of two or more articles are never merged with
    each other here."""
    owner = np.zeros(len(sim), dtype=np.int64)
    for k, part in enumerate(parts):
        owner[part] = k
    alone = np.array([len(parts[k]) == 1 for k in owner], dtype=bool)
    grown = [list(part) for part in parts]
    moved: set[int] = set()
    for k, part in enumerate(parts):
        if len(part) != 1:
            continue
        row = np.where(alone, -np.inf, np.asarray(sim[part[0]], dtype=np.float64))
        j = int(np.argmax(row))  # only established stories take in a lone article
        if row[j] >= threshold:
            grown[int(owner[j])].append(part[0])
            moved.add(k)
    return sorted(sorted(p) for k, p in enumerate(grown) if k not in moved)


def group_stories(
    articles: Sequence[Article], embedder: Embedder, options: StoryOptions = StoryOptions()
) -> list[Story]:
    """Partition ``articles`` into stories (every article in exactly one)."""
    if not articles:
        return []
    model = load_pair_model(options.model)
    feats = article_features(articles, embedder)
    parts = partition(feats, model, *thresholds(options, model))
    position = {a.id: i for i, a in enumerate(articles)}

    def order(a: Article) -> tuple[str, int]:
        return (a.published or "9999", position[a.id])

    stories = []
    for part in parts:
        members = sorted((articles[i] for i in part), key=order)
        ids = tuple(a.id for a in members)
        stories.append(Story(id=Story.make_id(ids), headline=headline(members), articles=ids))
    first = {s.id: articles[position[s.articles[0]]] for s in stories}
    return sorted(stories, key=lambda s: order(first[s.id]))


def headline(members: Sequence[Article]) -> str:
    for a in members:
        if a.title:
            return a.title
    first = members[0].text.strip().split("\n")[0]
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
