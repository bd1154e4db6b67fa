"""Align claims across outlets: candidate search, pair scoring, constrained average link.

Blocking: every claim is compared only with its ``k`` nearest neighbours by embedding
cosine (one matrix product per block of rows, then a partial sort), so the number of pairs
that are scored is at most ``n * k``, never ``n * n``. Claims of the same article are
never candidates.

Pair score: cosine of the content embeddings (a proposition with ``parts`` is embedded as
the words of its parts, not the whole stretch that covers them), plus a small bonus for
shared content words and for shared named entities. Numbers are left out of the lexical
part on purpose: two claims that give different figures for the same fact must still
align so that compare can flag the conflict.

Clustering: candidate pairs are taken best first; two clusters merge only when they hold
no claim of the same article (so each article keeps its best match) and when the average
link between them reaches ``threshold`` and the weakest link reaches ``min_link`` (a guard
against chaining A~B~C when A and C are unrelated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError, InputError
from ..model import Claim
from ..resources import Embedder
from .news import SameFact
from .text import claim_text, content_set, entity_keys, jaccard, overlap

ALGORITHM = "align.knn-avglink.v4"
LINK_SCORE = 1.5  # the score of a pair linked by evidence outside the texts' similarity


@dataclass(frozen=True)
class AlignOptions:
    threshold: float = 0.78  # average pair score needed to put two clusters together
    min_link: float = 0.72  # every pair inside a cluster scores at least this
    candidate_floor: float = 0.50  # cosine under which a neighbour is not even scored
    k: int = 12  # neighbours per claim (the blocking)
    lexical_weight: float = 0.20  # weight of shared content words (Jaccard)
    entity_weight: float = 0.08  # weight of shared named entities (overlap coefficient)
    block_rows: int = 1024  # rows per matrix-product block
    # with the news model (align/news.py), pair scores are probabilities of the same fact
    same_threshold: float = 0.4  # average p(same) needed to put two clusters together (best F1
    # of p(same) >= cut in the 5-fold CV of scripts/train_news_align.py: 0.690 at 0.4, 0.659 at 0.5)
    same_min_link: float = 0.3  # every pair inside a cluster has at least this p(same)
    same_floor: float = 0.4  # cosine under which a neighbour is not even scored

    def check(self) -> None:
        if self.k < 1:
            raise ConfigError(f"align k must be at least 1, got {self.k}")
        if not 0.0 < self.threshold <= 2.0 or self.min_link > self.threshold:
            raise ConfigError(
                f"align threshold {self.threshold} / min_link {self.min_link} are not usable: "
                "need 0 < min_link <= threshold"
            )


class _PairScorer:
    """Scores claim pairs on demand and remembers them (the cache lives on this object)."""

    def __init__(
        self,
        claims: Sequence[Claim],
        vectors: np.ndarray,
        options: AlignOptions,
        linked: frozenset[tuple[int, int]] = frozenset(),
        same: SameFact | None = None,
    ):
        self._vectors = vectors
        # the lexical score's inputs, only when there is no news model to score with
        self._words = [content_set(claim_text(c)) for c in claims] if same is None else []
        self._ents = [entity_keys(c) for c in claims] if same is None else []
        self._options = options
        self._cache: dict[tuple[int, int], float] = {pair: LINK_SCORE for pair in linked}
        self._same = same

    def cosine(self, i: int, j: int) -> float:
        return float(self._vectors[i] @ self._vectors[j])

    def score(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self._same is not None:
            value = self._same.by_index(i, j)
        else:
            value = lexical_score(
                self.cosine(i, j),
                (self._words[i], self._ents[i]),
                (self._words[j], self._ents[j]),
                self._options,
            )
        self._cache[key] = value
        return value


def lexical_score(
    cosine: float,
    a: tuple[frozenset[str], frozenset[str]],
    b: tuple[frozenset[str], frozenset[str]],
    options: AlignOptions,
) -> float:
    """The pair score: embedding cosine plus bonuses for shared content words and shared
    entities; ``a`` and ``b`` are (content words, entity keys). Numbers play no part."""
    value = cosine + options.lexical_weight * jaccard(a[0], b[0])
    if a[1] and b[1]:
        value += options.entity_weight * overlap(a[1], b[1])
    return value


def pair_score(a: Claim, b: Claim, cosine: float, options: AlignOptions = AlignOptions()) -> float:
    """``lexical_score`` of two claims, given the cosine of their embeddings."""
    return lexical_score(
        cosine,
        (content_set(claim_text(a)), entity_keys(a)),
        (content_set(claim_text(b)), entity_keys(b)),
        options,
    )


def candidate_pairs(
    vectors: np.ndarray, articles: Sequence[str], options: AlignOptions, floor: float | None = None
) -> list[tuple[int, int]]:
    """Top-k neighbours of every claim (other articles only), as sorted index pairs."""
    n = len(articles)
    cut = options.candidate_floor if floor is None else floor
    codes: dict[str, int] = {}
    art_codes = np.array([codes.setdefault(a, len(codes)) for a in articles], dtype=np.int64)
    pairs: set[tuple[int, int]] = set()
    k = min(options.k, max(n - 1, 0))
    if k == 0:
        return []
    for start in range(0, n, options.block_rows):
        block = vectors[start : start + options.block_rows] @ vectors.T
        rows = np.arange(start, min(start + options.block_rows, n))
        same = art_codes[rows][:, None] == art_codes[None, :]
        block[same] = -np.inf
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        for r, i in enumerate(rows):
            for j in top[r]:
                if block[r, j] >= cut and articles[int(i)] != articles[int(j)]:
                    a, b = sorted((int(i), int(j)))
                    pairs.add((a, b))
    return sorted(pairs)


def cluster_indices(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    options: AlignOptions,
    linked: frozenset[tuple[int, int]] = frozenset(),
    same: SameFact | None = None,
) -> list[list[int]]:
    """Partition of ``range(len(claims))``; each cluster sorted, clusters by first index.
    ``linked`` index pairs (i < j) are candidates that score ``LINK_SCORE``. With ``same``
    the pair score is the news model's probability of the same fact."""
    articles = [c.article for c in claims]
    scorer = _PairScorer(claims, vectors, options, linked, same)
    news = same
    floor = options.same_floor if news is not None else options.candidate_floor
    pairs = sorted(set(candidate_pairs(vectors, articles, options, floor)) | linked)
    scored = [(scorer.score(i, j), i, j) for i, j in pairs]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    threshold = options.same_threshold if news is not None else options.threshold
    min_link = options.same_min_link if news is not None else options.min_link
    owner = list(range(len(claims)))  # claim index -> cluster key
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    for value, i, j in scored:
        if value < min_link:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        if {articles[m] for m in members[a]} & {articles[m] for m in members[b]}:
            continue
        links = [scorer.score(x, y) for x in members[a] for y in members[b]]
        if min(links) < min_link or sum(links) / len(links) < threshold:
            continue
        keep, gone = (a, b) if a < b else (b, a)
        for m in members[gone]:
            owner[m] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return sorted(members.values(), key=lambda ms: ms[0])


def align_claims(
    claims: Sequence[Claim],
    embedder: Embedder,
    options: AlignOptions = AlignOptions(),
    *,
    links: Sequence[tuple[str, str]] = (),
    same: SameFact | None = None,
) -> list[tuple[str, ...]]:
    """Clusters of claim ids that state the same fact in different articles.

    Every claim appears in exactly one cluster (singletons included); a cluster holds at most
    one claim per article; clusters come in the input order of their first claim, and the
    ids inside a cluster in input order. ``links`` are pairs of claim ids known to state the
    same thing (the same quote in two articles): they join unless one article would then
    hold two claims of the cluster. With ``same`` (made over these claims, in this order)
    pairs are scored by the news model and its vectors are used instead of the embedder.
    """
    options.check()
    ids = [c.id for c in claims]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        dup = ""
        for cid in ids:
            if cid in seen:
                dup = cid
                break
            seen.add(cid)
        raise InputError(f"claim id {dup} appears twice in the input to align")
    if not claims:
        return []
    if len({c.article for c in claims}) < 2:  # nothing to align with: no model needed
        return [(cid,) for cid in ids]
    if same is not None:
        vectors = same.vectors
    else:
        vectors = np.asarray(embedder.encode([claim_text(c) for c in claims]), dtype=np.float32)
    pos = {cid: i for i, cid in enumerate(ids)}
    linked = frozenset(
        (min(pos[a], pos[b]), max(pos[a], pos[b]))
        for a, b in links
        if a in pos and b in pos and claims[pos[a]].article != claims[pos[b]].article
    )
    groups = cluster_indices(claims, vectors, options, linked, same)
    return [tuple(ids[i] for i in group) for group in groups]
