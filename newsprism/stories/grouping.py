"""Group articles into stories without being told how many there are.

Average-link agglomerative clustering over a blended similarity (see ``features``), with
a stopping threshold instead of a cluster count, and a penalty for articles published far
apart. Stories are returned earliest first; within a story, articles earliest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article, Story, iso_day
from ..resources import Embedder
from .features import ArticleFeatures, content_words, lead_text, name_tokens, tfidf

ALGORITHM = "stories.agglomerative.v2"


@dataclass(frozen=True)
class StoryOptions:
    # chosen on ECB+ dev and NewsWCL50 together (bench/stories.py): names and content words
    # carry which event it is; the lead embedding mostly says what kind of event
    weight_lead: float = 0.20
    weight_terms: float = 0.30
    weight_names: float = 0.50
    threshold: float = 0.32  # average-link similarity needed to merge two clusters
    max_days_apart: int = 10  # beyond this, similarity is scaled down
    far_apart_factor: float = 0.6
    # an article left alone joins the story of its nearest article when that one pair
    # reaches ``threshold`` (average link keeps it out of a large story whose other
    # articles are less close); see ``attach_singletons``
    attach_singletons: bool = True


def article_features(articles: Sequence[Article], embedder: Embedder) -> ArticleFeatures:
    leads = embedder.encode([lead_text(a) for a in articles])
    terms = tfidf([content_words(f"{a.title or ''} {a.text}") for a in articles])
    names = tfidf([name_tokens(f"{a.title or ''}. {a.text}") for a in articles])
    return ArticleFeatures(lead=leads, terms=terms, names=names)


def similarity_matrix(
    articles: Sequence[Article], feats: ArticleFeatures, options: StoryOptions
) -> np.ndarray:
    sim = (
        options.weight_lead * (feats.lead @ feats.lead.T)
        + options.weight_terms * (feats.terms @ feats.terms.T)
        + options.weight_names * (feats.names @ feats.names.T)
    )
    ordinals = [iso_day(a.published) for a in articles]
    known = np.array([d is not None for d in ordinals])
    day = np.array([d.toordinal() if d else 0 for d in ordinals], dtype=np.int64)
    far = np.abs(day[:, None] - day[None, :]) > options.max_days_apart
    far &= known[:, None] & known[None, :]
    sim[far] *= options.far_apart_factor
    return sim


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
    similarity reaches ``threshold`` (the pair would have merged had the neighbour still
    been alone). Parts of two or more articles are never merged with each other here."""
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
    feats = article_features(articles, embedder)
    sim = similarity_matrix(articles, feats, options)
    parts = cluster(sim, options.threshold)
    if options.attach_singletons:
        parts = attach_singletons(sim, parts, options.threshold)
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
