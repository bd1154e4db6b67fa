"""Incremental story assignment: a new article joins a stored story or opens one, without
recomputing the corpus.

The whole corpus lives in a :class:`CorpusIndex` (built by a store, or empty): per-article
features (lead embedding, content-word and name token counts, MinHash signature), a
document-frequency table, and per story the sum of its members' lead vectors. For a batch of
new articles:

1. near-duplicates (the same wire copy in many outlets) are found by MinHash LSH before any
   model runs; a near-duplicate joins its original's story and is recorded as a pair;
2. the others get a lead embedding; the ``candidates`` stories whose lead centroid is
   nearest are found with one matrix product per block of articles (no all-pairs);
3. the article joins the candidate with the highest average-link blended similarity
   (``StoryOptions`` weights, threshold and date penalty, as in ``grouping``) against that
   story's most recent ``max_members`` members, if it reaches the threshold; failing that,
   a story of two or more articles whose single closest member reaches the threshold
   (as ``grouping.attach_singletons``); else it opens a new story whose id is
   ``Story.make_id((article.id,))`` and never changes as it grows.

Near-duplicates are not members for similarity (their original already is one).

Each article is placed against the index exactly as it stands after the articles before
it: its document frequencies count the articles up to it, its candidates are the nearest
centroids as they are at that moment, and a copy found earlier in the same batch is
already known to LSH. So the stories depend on the order the articles come in, but not on
how that sequence is cut into batches or blocks (``newsprism add --batch``).
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article, Story, iso_day
from ..resources import Embedder
from .features import content_words, lead_text, name_tokens
from .grouping import StoryOptions
from .minhash import MinHasher, MinHashOptions, estimate_jaccard

ALGORITHM = "stories.incremental.v1"


@dataclass(frozen=True)
class IncrementalOptions:
    story: StoryOptions = field(default_factory=StoryOptions)
    minhash: MinHashOptions = field(default_factory=MinHashOptions)
    lead_sentences: int = 3  # as ``grouping``; 1 (title + first sentence) embeds ~2x faster
    # but costs quality (ECB+ ARI 0.77 -> 0.37 in bench runs)
    candidates: int = 8  # nearest story centroids examined per article
    max_members: int = 50  # most recent members an article is compared with
    block: int = 256  # articles per centroid matrix product


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
    counter = Counter(tokens)
    ids = np.fromiter(
        (vocab.setdefault(prefix + t, len(vocab)) for t in counter), dtype=np.int32,
        count=len(counter),
    )  # fmt: skip
    counts = np.fromiter(counter.values(), dtype=np.int32, count=len(counter))
    order = np.argsort(ids)
    return ids[order], counts[order]


def placement_order(article: Article) -> tuple[str, str]:
    """The order one run places new articles in: earliest first, then by content id (an
    article without a date last), so that the order of the input does not matter."""
    return (article.published or "9999", article.id)


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
        self.hasher = MinHasher(options.minhash)
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.n_docs = 0
        self.dirty_terms: set[int] = set()  # term ids whose df changed since last drained
        # articles announced by ``expect`` and not placed yet: their token counts, and
        # their share of the document frequencies every idf of this run counts
        self._ahead: dict[str, tuple[tuple[np.ndarray, np.ndarray], ...]] = {}
        self.ahead_df = np.zeros(1024, dtype=np.int64)
        self.ahead_n = 0
        # the stories of the last ``block`` articles placed (or restored), oldest first
        self.recent: deque[int] = deque(maxlen=options.block)
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

    def _ensure_df(self, size: int) -> None:
        self.df = _grown(self.df, size)
        self.ahead_df = _grown(self.ahead_df, size)

    def _token_counts(self, a: Article) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        text = f"{a.title or ''}. {a.text}"
        terms = _counts(content_words(f"{a.title or ''} {a.text}"), "t", self.vocab)
        names = _counts(name_tokens(text), "n", self.vocab)
        return terms, names

    def expect(self, articles: Sequence[Article]) -> None:
        """Announce the articles that the next ``assign`` calls will place (one ``add``
        run). Their document frequencies count in every idf from now on, as if they were
        stored already, so an article is compared with the same idf however the run is cut
        into batches, and a run resumed after an interruption uses the idf of the whole."""
        for a in self.unseen(articles):
            if a.id in self._ahead:
                continue
            counts = self._token_counts(a)
            self._ahead[a.id] = counts
            self._ensure_df(len(self.vocab))
            for ids, _ in counts:
                self.ahead_df[ids] += 1
            self.ahead_n += 1

    def _count_doc(self, ids: np.ndarray) -> None:
        self._ensure_df(len(self.vocab))
        self.df[ids] += 1
        self.dirty_terms.update(ids.tolist())

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
            self.recent.append(pos)
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
        todo: list[tuple[int, Article, np.ndarray | None, Profile]] = []
        copies: list[tuple[Article, np.ndarray, str, float]] = []
        counts: list[tuple[np.ndarray, np.ndarray, bool]] = []  # per fresh article, in order
        for a in fresh:
            announced = self._ahead.pop(a.id, None)
            terms, names = announced or self._token_counts(a)
            counts.append((terms[0], names[0], announced is not None))
            sig = self.hasher.signature(a.text)
            dup = self.near_duplicate(sig) if sig is not None else None
            if sig is not None:  # later articles of this batch must find it, copy or not
                self.signatures[a.id] = sig
                for key in self.hasher.band_keys(sig):
                    self.lsh.setdefault(key, a.id)
            if sig is not None and dup is not None:
                self.originals[a.id] = dup[0]
                copies.append((a, sig, *dup))
                continue
            todo.append((len(counts) - 1, a, sig, Profile(article_day(a), terms, names)))
        counted = 0

        def count_upto(position: int) -> None:
            """Document frequencies of the fresh articles up to ``position`` (copies too)."""
            nonlocal counted
            for terms_ids, names_ids, announced in counts[counted : position + 1]:
                self._count_doc(terms_ids)
                self._count_doc(names_ids)
                self.n_docs += 1
                if announced:  # now counted as placed, no longer as ahead
                    self.ahead_df[terms_ids] -= 1
                    self.ahead_df[names_ids] -= 1
                    self.ahead_n -= 1
            counted = max(counted, position + 1)

        n_sent = self.options.lead_sentences
        leads = embedder.encode([lead_text(a, n_sent) for _, a, _, _ in todo]) if todo else None
        done = len(copies)
        for start in range(0, len(todo), self.options.block):
            block = todo[start : start + self.options.block]
            if leads is not None:
                rows = leads[start : start + len(block)]
                for assignment in self._assign_block(block, rows, count_upto):
                    out[assignment.article.id] = assignment
            done += len(block)
            if progress is not None:
                progress(done)
        count_upto(len(counts) - 1)
        for a, sig, original, jaccard in copies:  # originals are all assigned by now
            pos = self.article_story[original]
            self._register(a.id, pos, sig, None, None, original)
            out[a.id] = Assignment(a, self.story_ids[pos], False, sig, original, jaccard)
        if progress is not None and not todo:
            progress(done)
        return [out[a.id] for a in fresh]

    def _idf(self, ids: np.ndarray) -> np.ndarray:
        """Inverse document frequency of the terms ``ids``: the placed articles and those
        announced by ``expect``."""
        n = max(self.n_docs + self.ahead_n, 1)
        self._ensure_df(len(self.vocab))
        df = self.df[ids] + self.ahead_df[ids]
        return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)

    def _candidates(
        self, lead: np.ndarray, at_start: np.ndarray | None, touched: set[int]
    ) -> list[int]:
        """The ``candidates`` stories whose lead centroids are nearest ``lead`` now, and as
        many of those the last ``block`` articles placed went to (news comes in bursts):
        the similarities of the block's start (``at_start``), with the stories changed or
        opened since then computed again. Both sets follow the sequence of articles, not
        where a block or batch begins."""
        n = len(self.story_ids)
        if not n:
            return []
        current = np.full(n, -np.inf, dtype=np.float32)
        if at_start is not None:
            current[: len(at_start)] = at_start
        recent = set(self.recent)
        again = np.array(sorted(touched | recent), dtype=np.int64)
        if len(again):
            sums = self.story_sum.data[again]
            current[again] = sums @ lead / np.clip(np.linalg.norm(sums, axis=1), 1e-12, None)
        k = min(self.options.candidates, n)
        chosen = set(np.argpartition(-current, k - 1)[:k].tolist())
        if recent:  # and the nearest of the stories the latest articles went to
            near = np.array(sorted(recent), dtype=np.int64)
            order = np.argsort(-current[near], kind="stable")[: self.options.candidates]
            chosen.update(near[order].tolist())
        return sorted(chosen)

    def _assign_block(
        self,
        block: list[tuple[int, Article, np.ndarray | None, Profile]],
        leads: np.ndarray,
        count_upto: Callable[[int], None],
    ) -> list[Assignment]:
        opts = self.options
        n_before = len(self.story_ids)
        sims: np.ndarray | None = None
        if n_before:
            sums = self.story_sum.rows
            cents = sums / np.clip(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12, None)
            sims = leads @ cents.T  # one matrix product for the block
        touched: set[int] = set()  # stories opened or grown in this block
        out: list[Assignment] = []
        for i, (position, article, sig, profile) in enumerate(block):
            count_upto(position)
            lead = leads[i]
            cands = self._candidates(lead, sims[i] if sims is not None else None, touched)
            best, score = self._best(lead, profile, cands)
            opened = best is None or score < opts.story.threshold
            pos = self.open_story(Story.make_id((article.id,))) if best is None or opened else best
            self._register(article.id, pos, sig, lead, profile, None)
            touched.add(pos)
            out.append(
                Assignment(article, self.story_ids[pos], opened, sig, lead=lead, profile=profile)
            )
        return out

    def _best(
        self, lead: np.ndarray, profile: Profile, stories: list[int]
    ) -> tuple[int | None, float]:
        """The candidate story with the highest average-link similarity, and that score."""
        if not stories:
            return None, -math.inf
        opts = self.options.story
        rows: list[int] = []
        owner: list[int] = []
        for k, s in enumerate(stories):
            members = self.story_members[s][-self.options.max_members :]
            rows.extend(members)
            owner.extend([k] * len(members))
        if not rows:
            return None, -math.inf
        idx = np.array(rows, dtype=np.int64)
        own = np.array(owner, dtype=np.int64)
        profiles = [self.profiles[r] for r in rows]
        idf = self._idf
        sim = opts.weight_lead * (self.leads.data[idx] @ lead)
        sim += opts.weight_terms * _sparse_cosine(profile.terms, [m.terms for m in profiles], idf)
        sim += opts.weight_names * _sparse_cosine(profile.names, [m.names for m in profiles], idf)
        if profile.day is not None:
            far = np.array(
                [m.day is not None and abs(m.day - profile.day) > opts.max_days_apart
                 for m in profiles]
            )  # fmt: skip
            sim[far] *= opts.far_apart_factor
        avg = np.bincount(own, sim, minlength=len(stories)) / np.bincount(
            own, minlength=len(stories)
        ).clip(1)
        best = int(np.argmax(avg))
        if avg[best] < opts.threshold and opts.attach_singletons:
            # as ``grouping.attach_singletons``: a story of two or more articles takes in an
            # article whose single closest member reaches the threshold
            top = np.full(len(stories), -np.inf)
            np.maximum.at(top, own, sim)
            sizes = np.array([len(self.story_members[s]) for s in stories])
            top[sizes < 2] = -np.inf
            near = int(np.argmax(top))
            if top[near] >= opts.threshold:
                return stories[near], float(top[near])
        return stories[best], float(avg[best])


IdfOf = Callable[[np.ndarray], np.ndarray]  # term ids -> their current idf


def _grown(arr: np.ndarray, size: int) -> np.ndarray:
    """``arr`` with room for ``size`` entries (doubling), zeros after the old ones."""
    if size <= len(arr):
        return arr
    out = np.zeros(max(size, 2 * len(arr)), dtype=arr.dtype)
    out[: len(arr)] = arr
    return out


def _weights(tf: np.ndarray, ids: np.ndarray, idf: IdfOf) -> np.ndarray:
    return ((1.0 + np.log(np.maximum(tf, 1))) * idf(ids)).astype(np.float32)


def _sparse_cosine(
    x: tuple[np.ndarray, np.ndarray],
    others: list[tuple[np.ndarray, np.ndarray]],
    idf: IdfOf,
) -> np.ndarray:
    """Cosine of TF-IDF vector ``x`` with each of ``others`` (sorted id/count pairs), using
    the current idf of just the terms involved; vectorised over all ``others`` at once."""
    m = len(others)
    x_ids, x_tf = x
    if not len(x_ids) or not m:
        return np.zeros(m, dtype=np.float32)
    x_w = _weights(x_tf, x_ids, idf)
    x_w /= max(float(np.linalg.norm(x_w)), 1e-12)
    lengths = np.fromiter((len(o[0]) for o in others), dtype=np.int64, count=m)
    if not lengths.sum():
        return np.zeros(m, dtype=np.float32)
    ids = np.concatenate([o[0] for o in others])
    w = _weights(np.concatenate([o[1] for o in others]), ids, idf)
    owner = np.repeat(np.arange(m), lengths)
    norms = np.sqrt(np.bincount(owner, w * w, minlength=m))
    at = np.searchsorted(x_ids, ids).clip(0, len(x_ids) - 1)
    hit = x_ids[at] == ids
    dots = np.bincount(owner[hit], w[hit] * x_w[at[hit]], minlength=m)
    return (dots / np.clip(norms, 1e-12, None)).astype(np.float32)
