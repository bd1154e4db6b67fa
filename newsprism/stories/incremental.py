"""Incremental story assignment: a new article joins a stored story or opens one, without
recomputing the corpus.

The whole corpus lives in a :class:`CorpusIndex` (built by a store, or empty): per-article
features (lead embedding, content-word and name token counts, MinHash signature), a
document-frequency table, and per story the sum of its members' lead vectors. For a batch of
new articles:

1. near-duplicates (the same wire copy in many outlets) are found by MinHash LSH before any
   model runs; a near-duplicate joins its original's story and is recorded as a pair;
2. the others get a lead embedding and are taken in blocks of ``block`` articles; each
   block is first grouped as batch grouping would group it (``grouping.partition``: the
   pair model of ``pairs``, average link, lone articles attached), with features built
   from the stored counts and the corpus idf;
3. each group then joins the stored story with the highest average same-story
   probability over all (group member, story member) pairs, among the ``candidates``
   stories whose lead centroid is nearest the group's (one matrix product per block, no
   all-pairs) and those stories' most recent ``max_members`` members, if it
   reaches the threshold; a group of one article, failing that, joins a story of two or
   more whose single closest member reaches the attach threshold (as
   ``grouping.attach_singletons``); else the group opens a new story whose id is
   ``Story.make_id((first article.id,))`` and never changes as it grows.

So one call with every article of a batch gives the partition ``group_stories`` gives (up
to the idf of near-duplicates, which the index counts but does not group), and adding in
smaller batches differs only where the order of arrival matters. Near-duplicates are not
members for similarity (their original already is one).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article, Story, iso_day
from ..resources import Embedder
from . import features as kind  # the kinds of particulars: kind.NAME, ...; kind.token_kind
from .features import ArticleFeatures, content_words, lead_text, particulars
from .grouping import StoryOptions, partition, thresholds
from .minhash import MinHasher, MinHashOptions, estimate_jaccard
from .pairs import PairSimilarity, load_pair_model

ALGORITHM = "stories.incremental.v2"
_TERM = -1  # ``CorpusIndex.kinds`` of a content word (names use ``features.token_kind``)


@dataclass(frozen=True)
class IncrementalOptions:
    story: StoryOptions = field(default_factory=StoryOptions)
    minhash: MinHashOptions = field(default_factory=MinHashOptions)
    lead_sentences: int = 3  # as ``grouping``; 1 (title + first sentence) embeds ~2x faster
    # but costs quality (ECB+ ARI 0.77 -> 0.37 in bench runs)
    candidates: int = 8  # nearest story centroids examined per group of new articles
    max_members: int = 50  # most recent members an article is compared with
    # articles grouped together (as batch grouping would) before they are placed, and per
    # centroid matrix product; ``add`` hands over 500 at a time
    block: int = 500


@dataclass(frozen=True)
class Profile:
    """What the index keeps of one non-duplicate article."""

    day: int | None  # date ordinal of publication
    terms: tuple[np.ndarray, np.ndarray]  # (sorted term ids int32, counts int32)
    names: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Assignment:
    """Where one new article went, with what a store must keep of it."""

    article: Article
    story: str
    opened: bool  # the article opened this story
    signature: np.ndarray | None
    original: str | None = None  # near-duplicate of this article id
    jaccard: float | None = None
    lead: np.ndarray | None = None  # None for near-duplicates
    profile: Profile | None = None


def _counts(tokens: list[str], prefix: str, vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted vocabulary ids and counts of ``tokens`` (new tokens get the next ids)."""
    counter = Counter(tokens)
    ids = np.fromiter(
        (vocab.setdefault(prefix + t, len(vocab)) for t in counter), dtype=np.int32,
        count=len(counter),
    )  # fmt: skip
    counts = np.fromiter(counter.values(), dtype=np.int32, count=len(counter))
    order = np.argsort(ids)
    return ids[order], counts[order]


def article_day(article: Article) -> int | None:
    """The publication date as a day ordinal, or None."""
    d = iso_day(article.published)
    return d.toordinal() if d else None


class _Grow:
    """A float32 matrix that grows by rows (capacity doubling)."""

    def __init__(self, dim: int) -> None:
        self.data = np.zeros((64, dim), dtype=np.float32)
        self.n = 0

    def append(self, row: np.ndarray) -> int:
        if self.n == len(self.data):
            self.data = np.concatenate([self.data, np.zeros_like(self.data)])
        self.data[self.n] = row
        self.n += 1
        return self.n - 1

    @property
    def rows(self) -> np.ndarray:
        return self.data[: self.n]


class CorpusIndex:
    """The in-memory state of a stored corpus (see the module docstring)."""

    def __init__(self, options: IncrementalOptions = IncrementalOptions(), dim: int = 384):
        self.options = options
        self.model = load_pair_model(options.story.model)
        self.threshold, self.attach = thresholds(options.story, self.model)
        self.hasher = MinHasher(options.minhash)
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.kinds = np.zeros(1024, dtype=np.int8)  # per term id: _TERM or a name kind
        self._classified = 0  # terms of ``vocab`` whose kind is set by ``assign``
        self.n_docs = 0
        self.dirty_terms: set[int] = set()  # term ids whose df changed since last drained
        self.story_ids: list[str] = []
        self.story_pos: dict[str, int] = {}
        self.story_sum = _Grow(dim)
        self.story_members: list[list[int]] = []  # profile positions, oldest first
        self.leads = _Grow(dim)
        self.profiles: list[Profile] = []
        self.article_story: dict[str, int] = {}
        self.originals: dict[str, str] = {}  # near-duplicate -> original
        self.signatures: dict[str, np.ndarray] = {}
        self.lsh: dict[int, str] = {}

    # -- loading and bookkeeping --------------------------------------------------------

    def known(self, article_id: str) -> bool:
        return article_id in self.article_story

    def unseen(self, articles: Sequence[Article]) -> list[Article]:
        """``articles`` not in the index yet, each id once, in input order."""
        fresh: list[Article] = []
        seen: set[str] = set()
        for a in articles:
            if not self.known(a.id) and a.id not in seen:
                seen.add(a.id)
                fresh.append(a)
        return fresh

    def add_term(self, term: str, term_id: int, df: int) -> None:
        """Restore one row of a stored document-frequency table."""
        self.vocab[term] = term_id
        self._ensure_df(term_id + 1)
        self.df[term_id] = df
        self.kinds[term_id] = _term_kind(term)
        self._classified = len(self.vocab)

    def _ensure_df(self, size: int) -> None:
        if size > len(self.df):
            grown = np.zeros(max(size, 2 * len(self.df)), dtype=np.int64)
            grown[: len(self.df)] = self.df
            self.df = grown
            kinds = np.zeros(len(grown), dtype=np.int8)
            kinds[: len(self.kinds)] = self.kinds
            self.kinds = kinds

    def _count_doc(self, ids: np.ndarray) -> None:
        self._ensure_df(len(self.vocab))
        self.df[ids] += 1
        self.dirty_terms.update(ids.tolist())

    def _classify_new_terms(self) -> None:
        """Set ``kinds`` for the terms added to ``vocab`` since the last call."""
        self._ensure_df(len(self.vocab))
        for term, term_id in itertools.islice(self.vocab.items(), self._classified, None):
            self.kinds[term_id] = _term_kind(term)
        self._classified = len(self.vocab)

    def open_story(self, story_id: str) -> int:
        pos = len(self.story_ids)
        self.story_ids.append(story_id)
        self.story_pos[story_id] = pos
        self.story_sum.append(np.zeros(self.story_sum.data.shape[1], dtype=np.float32))
        self.story_members.append([])
        return pos

    def restore(
        self,
        article_id: str,
        story_id: str,
        signature: np.ndarray | None,
        lead: np.ndarray | None,
        profile: Profile | None,
        original: str | None,
    ) -> None:
        """Put back one stored article (in the order they were added); the df table and
        document count are restored separately (``add_term``, ``n_docs``)."""
        pos = self.story_pos.get(story_id)
        if pos is None:
            pos = self.open_story(story_id)
        self._register(article_id, pos, signature, lead, profile, original)

    def _register(
        self,
        article_id: str,
        pos: int,
        signature: np.ndarray | None,
        lead: np.ndarray | None,
        profile: Profile | None,
        original: str | None,
    ) -> None:
        self.article_story[article_id] = pos
        if original is not None:
            self.originals[article_id] = original
        if signature is not None:
            self.signatures[article_id] = signature
            for key in self.hasher.band_keys(signature):
                self.lsh.setdefault(key, article_id)
        if lead is not None and profile is not None:
            row = self.leads.append(lead)
            self.profiles.append(profile)
            self.story_members[pos].append(row)
            self.story_sum.data[pos] += lead

    # -- assignment ---------------------------------------------------------------------

    def near_duplicate(self, signature: np.ndarray) -> tuple[str, float] | None:
        """The stored original this signature copies, with the estimated Jaccard."""
        best: tuple[str, float] | None = None
        for key in self.hasher.band_keys(signature):
            other = self.lsh.get(key)
            if other is None:
                continue
            j = estimate_jaccard(signature, self.signatures[other])
            if j >= self.options.minhash.threshold and (best is None or j > best[1]):
                best = (self.originals.get(other, other), j)
        return best

    def assign(
        self,
        articles: Sequence[Article],
        embedder: Embedder,
        progress: Callable[[int], None] | None = None,
    ) -> list[Assignment]:
        """Assign ``articles`` (ids not yet known; repeats are skipped) and update the index.
        ``progress`` is called with the number of articles done after each block."""
        fresh = self.unseen(articles)
        out: dict[str, Assignment] = {}
        todo: list[tuple[Article, np.ndarray | None, Profile]] = []
        copies: list[tuple[Article, np.ndarray, str, float]] = []
        for a in fresh:
            terms = _counts(content_words(f"{a.title or ''} {a.text}"), "t", self.vocab)
            names = _counts(particulars(a), "n", self.vocab)
            self._count_doc(terms[0])
            self._count_doc(names[0])
            self._classify_new_terms()
            self.n_docs += 1
            sig = self.hasher.signature(a.text)
            dup = self.near_duplicate(sig) if sig is not None else None
            if sig is not None and dup is not None:
                copies.append((a, sig, *dup))
                continue
            if sig is not None:  # later copies in this batch must find it
                self.signatures[a.id] = sig
                for key in self.hasher.band_keys(sig):
                    self.lsh.setdefault(key, a.id)
            todo.append((a, sig, Profile(article_day(a), terms, names)))
        n_sent = self.options.lead_sentences
        leads = embedder.encode([lead_text(a, n_sent) for a, _, _ in todo]) if todo else None
        done = len(copies)
        for start in range(0, len(todo), self.options.block):
            block = todo[start : start + self.options.block]
            if leads is not None:
                for assignment in self._assign_block(block, leads[start : start + len(block)]):
                    out[assignment.article.id] = assignment
            done += len(block)
            if progress is not None:
                progress(done)
        for a, sig, original, jaccard in copies:  # originals are all assigned by now
            pos = self.article_story[original]
            self._register(a.id, pos, sig, None, None, original)
            out[a.id] = Assignment(a, self.story_ids[pos], False, sig, original, jaccard)
        if progress is not None and not todo:
            progress(done)
        return [out[a.id] for a in fresh]

    def _idf(self) -> np.ndarray:
        n = max(self.n_docs, 1)
        df = self.df[: len(self.vocab)]
        return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def _assign_block(
        self, block: list[tuple[Article, np.ndarray | None, Profile]], leads: np.ndarray
    ) -> list[Assignment]:
        """Group the block as batch grouping would (``grouping.partition`` over the same
        pair probabilities, with the corpus idf), then place each group: it joins the
        stored story with the highest average probability over all (new member, story
        member) pairs if that reaches the threshold, else (a group of one) a story of two
        or more articles whose single closest member does, else it opens a story named
        after its first article. Stories opened by this block are not candidates for its
        other groups: the grouping already kept those apart."""
        opts = self.options
        idf = self._idf()
        feats = self._block_features(block, leads, idf)
        groups = sorted(partition(feats, self.model, self.threshold, self.attach), key=min)
        n_before = len(self.story_ids)
        nearest = np.zeros((len(groups), 0), dtype=np.int64)
        if n_before:  # the stories nearest each group's lead centroid
            sums = self.story_sum.rows
            cents = sums / np.clip(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12, None)
            group_sums = np.stack([leads[g].sum(axis=0) for g in groups])
            sims = group_sums @ cents.T
            k = min(opts.candidates, n_before)
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        out: dict[int, Assignment] = {}
        for g, group in enumerate(groups):
            cands = sorted(nearest[g].tolist())
            members = [(leads[i], block[i][2]) for i in group]
            best = self._place(members, cands, idf)
            opened = best is None
            first = block[group[0]][0]
            pos = self.open_story(Story.make_id((first.id,))) if best is None else best
            for i in group:
                article, sig, profile = block[i]
                self._register(article.id, pos, sig, leads[i], profile, None)
                out[i] = Assignment(article, self.story_ids[pos], opened and i == group[0], sig,
                                    lead=leads[i], profile=profile)  # fmt: skip
        return [out[i] for i in range(len(block))]

    def _block_features(
        self, block: list[tuple[Article, np.ndarray | None, Profile]], leads: np.ndarray,
        idf: np.ndarray,
    ) -> ArticleFeatures:  # fmt: skip
        """Dense batch features of the block's articles from their profiles, weighted with
        the corpus idf (the weights ``_sparse_compare`` uses)."""
        profiles = [p for _, _, p in block]
        names = [p.names for p in profiles]
        return ArticleFeatures(
            lead=leads,
            terms=_dense([p.terms for p in profiles], idf),
            names=_dense(names, idf, self.kinds == kind.NAME),
            numbers=_dense(names, idf, self.kinds == kind.NUMBER),
            years=_dense(names, None, self.kinds == kind.YEAR),
            day=np.array([np.nan if p.day is None else p.day for p in profiles], np.float64),
        )

    def _place(
        self, members: list[tuple[np.ndarray, Profile]], stories: list[int], idf: np.ndarray
    ) -> int | None:
        """The candidate story the new ``members`` (lead, profile) join: the one with the
        highest average same-story probability if it reaches the threshold; for a lone
        article, else a story of two or more whose closest member reaches the attach
        threshold; None: they open a story."""
        if not stories:
            return None
        rows: list[int] = []
        owner: list[int] = []
        for k, s in enumerate(stories):
            recent = self.story_members[s][-self.options.max_members :]
            rows.extend(recent)
            owner.extend([k] * len(recent))
        if not rows:
            return None
        idx = np.array(rows, dtype=np.int64)
        own = np.array(owner, dtype=np.int64)
        sim = np.stack([self.model.probability(self._similarity(lead, profile, idx, idf))
                        for lead, profile in members])  # fmt: skip
        pairs = np.bincount(own, minlength=len(stories)) * len(members)
        avg = np.bincount(own, sim.sum(axis=0), minlength=len(stories)) / pairs.clip(1)
        best = int(np.argmax(avg))
        if avg[best] >= self.threshold:
            return stories[best]
        if len(members) == 1 and self.attach is not None:
            # as ``grouping.attach_singletons``: a story of two or more articles takes in a
            # lone article whose single closest member reaches the threshold
            top = np.full(len(stories), -np.inf)
            np.maximum.at(top, own, sim[0])
            sizes = np.array([len(self.story_members[s]) for s in stories])
            top[sizes < 2] = -np.inf
            near = int(np.argmax(top))
            if top[near] >= self.attach:
                return stories[near]
        return None

    def _similarity(
        self, lead: np.ndarray, profile: Profile, rows: np.ndarray, idf: np.ndarray
    ) -> PairSimilarity:
        """The base similarities of one article with the members at ``rows``."""
        members = [self.profiles[r] for r in rows]
        terms, _, _, _ = _sparse_compare(profile.terms, [m.terms for m in members], idf)
        cos, shared, sizes, own = _sparse_compare(
            profile.names, [m.names for m in members], idf, self.kinds, kind.N_KINDS
        )
        day = np.nan if profile.day is None else float(profile.day)
        days = np.array([np.nan if m.day is None else m.day for m in members], dtype=np.float64)
        return PairSimilarity(
            lead=self.leads.data[rows] @ lead,
            terms=terms[:, 0],
            names=cos[:, kind.NAME],
            numbers=cos[:, kind.NUMBER],
            years_shared=shared[:, kind.YEAR],
            years_fewer=np.minimum(sizes[:, kind.YEAR], own[kind.YEAR]),
            days_apart=np.abs(days - day),
        )


def _dense(
    profiles: list[tuple[np.ndarray, np.ndarray]], idf: np.ndarray | None,
    keep: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """Rows of L2-normalised TF-IDF weights (``idf`` None: 0/1 presence) over the ids the
    profiles use, only the ids where ``keep`` is true."""
    chosen = [ids if keep is None else ids[keep[ids]] for ids, _ in profiles]
    counts = [tf if keep is None else tf[keep[ids]] for ids, tf in profiles]
    used = np.unique(np.concatenate(chosen)) if chosen else np.zeros(0, np.int64)
    mat = np.zeros((len(profiles), max(1, len(used))), dtype=np.float32)
    for i, (ids, tf) in enumerate(zip(chosen, counts, strict=True)):
        cols = np.searchsorted(used, ids)
        mat[i, cols] = 1.0 if idf is None else _weights(tf, ids, idf)
    if idf is None:
        return mat
    return mat / np.clip(np.linalg.norm(mat, axis=1, keepdims=True), 1e-12, None)


def _term_kind(term: str) -> int:
    """The kind of a vocabulary entry: ``t`` + content word, or ``n`` + name token."""
    return _TERM if term.startswith("t") else kind.token_kind(term[1:])


def _weights(tf: np.ndarray, ids: np.ndarray, idf: np.ndarray) -> np.ndarray:
    return ((1.0 + np.log(np.maximum(tf, 1))) * idf[ids]).astype(np.float32)


def _sparse_compare(
    x: tuple[np.ndarray, np.ndarray],
    others: list[tuple[np.ndarray, np.ndarray]],
    idf: np.ndarray,
    kinds: np.ndarray | None = None,
    n_kinds: int = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """TF-IDF vector ``x`` against each of ``others`` (sorted id/count pairs), with the
    current idf, vectorised over all ``others`` at once. With ``kinds`` (a kind per term
    id, 0 to ``n_kinds - 1``) each kind is a vector of its own. Returns, per other and kind,
    the cosine ``(m, n_kinds)``, the distinct ids shared with ``x`` and the distinct ids of
    the other; and the distinct ids of ``x`` per kind ``(n_kinds,)``."""
    m = len(others)

    def kind_of(ids: np.ndarray) -> np.ndarray:
        return np.zeros(len(ids), np.int64) if kinds is None else kinds[ids].astype(np.int64)

    x_ids, x_tf = x
    x_kind = kind_of(x_ids)
    x_sizes = np.bincount(x_kind, minlength=n_kinds).astype(np.float64)
    shape = (m, n_kinds)
    if not m:
        return np.zeros(shape), np.zeros(shape), np.zeros(shape), x_sizes
    x_w = _weights(x_tf, x_ids, idf).astype(np.float64)
    x_norm = np.sqrt(np.bincount(x_kind, x_w * x_w, minlength=n_kinds))
    x_w /= np.clip(x_norm[x_kind], 1e-12, None)
    lengths = np.fromiter((len(o[0]) for o in others), dtype=np.int64, count=m)
    ids = np.concatenate([o[0] for o in others])
    w = _weights(np.concatenate([o[1] for o in others]), ids, idf).astype(np.float64)
    slot = np.repeat(np.arange(m), lengths) * n_kinds + kind_of(ids)
    size = m * n_kinds
    norms = np.sqrt(np.bincount(slot, w * w, minlength=size))
    sizes = np.bincount(slot, minlength=size).astype(np.float64)
    if len(x_ids):
        at = np.searchsorted(x_ids, ids).clip(0, len(x_ids) - 1)
        hit = x_ids[at] == ids
    else:
        at = np.zeros(len(ids), dtype=np.int64)
        hit = np.zeros(len(ids), dtype=bool)
    dots = np.bincount(slot[hit], w[hit] * x_w[at[hit]], minlength=size)
    shared = np.bincount(slot[hit], minlength=size).astype(np.float64)
    cos = dots / np.clip(norms, 1e-12, None)
    return cos.reshape(shape), shared.reshape(shape), sizes.reshape(shape), x_sizes
