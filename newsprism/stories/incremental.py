"""Incremental story assignment: a new article joins a stored story or opens one, without
recomputing the corpus.

The whole corpus lives in a :class:`CorpusIndex` (built by a store, or empty): per-article
features (lead embedding, content-word and name token counts, MinHash signature), a
document-frequency table, and per story the sum of its members' lead vectors. For a batch of
new articles:

1. near-duplicates (the same wire copy in many outlets) are found by MinHash LSH before any
   model runs; a near-duplicate joins its original's story and is recorded as a pair;
2. the others get a lead embedding; the ``candidates`` stories whose lead centroid is
   nearest are found with one matrix product per block of articles (no all-pairs), with
   as many of the stories the latest ``block`` articles went to (news comes in bursts);
3. the article joins the candidate with the highest average same-story probability (the
   pair model of ``pairs``, as ``grouping`` uses it) over that story's most recent
   ``max_members`` members, if it reaches the model's merge threshold; failing that, a
   story of two or more articles whose single closest member reaches the attach threshold
   (as ``grouping.attach_singletons``); else it opens a new story whose id is
   ``Story.make_id((article.id,))`` and never changes as it grows.

Near-duplicates are not members for similarity (their original already is one).

Each article is placed against the index exactly as it stands after the articles before
it: its document frequencies count the articles up to it (and those a run announced with
:meth:`CorpusIndex.expect`), its candidates are the nearest centroids as they are at that
moment, and a copy found earlier in the same batch is already known to LSH. So the stories
depend on the order the articles come in, but not on how that sequence is cut into
batches or blocks (``newsprism add --batch``); ``add`` places a run in
:func:`placement_order`, so the order of its input does not matter either.

What an article brings is computed apart from the index (:func:`article_features`: token
counts, MinHash signature, and the lead embedding), so that work can run anywhere (a
process pool, Dask workers, before a store's writer lock is taken); :meth:`CorpusIndex.place`
then does the central, cheap part on those features. The result does not depend on where
the features were computed.
"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ..model import Article, Story, iso_day
from ..resources import Embedder
from . import features as kind  # the kinds of particulars: kind.NAME, ...; kind.token_kind
from .features import content_words, lead_text, particulars
from .grouping import StoryOptions, thresholds
from .minhash import MinHasher, MinHashOptions, estimate_jaccard
from .pairs import PairSimilarity, load_pair_model
from .sparse import Grow, grown, sparse_compare

ALGORITHM = "stories.incremental.v2"
_TERM = -1  # ``CorpusIndex.kinds`` of a content word (names use ``features.token_kind``)


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
class Features:
    """What placing one article needs, computed without the index: content-word and name
    token counts (in first-seen order, as the vocabulary will number them), the MinHash
    signature (None for a text too short) and, once embedded, the lead vector."""

    article: Article
    terms: tuple[tuple[str, int], ...]
    names: tuple[tuple[str, int], ...]
    signature: np.ndarray | None
    lead: np.ndarray | None = None


def article_features(article: Article, hasher: MinHasher) -> Features:
    """Token counts and MinHash signature of ``article`` (no model runs)."""
    terms = Counter("t" + w for w in content_words(f"{article.title or ''} {article.text}"))
    names = Counter("n" + w for w in particulars(article))
    return Features(article, tuple(terms.items()), tuple(names.items()),
                    hasher.signature(article.text))  # fmt: skip


def placement_order(article: Article) -> tuple[str, str]:
    """The order one run places new articles in: earliest first, then by content id (an
    article without a date last), so that the order of the input does not matter."""
    return (article.published or "9999", article.id)


def embed_leads(
    features: Sequence[Features], embedder: Embedder, lead_sentences: int
) -> list[Features]:
    """``features`` with their lead vectors (those that have one keep it)."""
    todo = [i for i, f in enumerate(features) if f.lead is None]
    if not todo:
        return list(features)
    vectors = embedder.encode([lead_text(features[i].article, lead_sentences) for i in todo])
    out = list(features)
    for i, vec in zip(todo, vectors, strict=True):
        out[i] = replace(out[i], lead=vec)
    return out


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


def _counts(
    pairs: tuple[tuple[str, int], ...], vocab: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    ids = np.fromiter((vocab.setdefault(t, len(vocab)) for t, _ in pairs), dtype=np.int32,
                      count=len(pairs))  # fmt: skip
    counts = np.fromiter((n for _, n in pairs), dtype=np.int32, count=len(pairs))
    order = np.argsort(ids)
    return ids[order], counts[order]


def article_day(article: Article) -> int | None:
    """The publication date as a day ordinal, or None."""
    d = iso_day(article.published)
    return d.toordinal() if d else None


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
        self.n_docs = 0
        self.df_changes: Counter[int] = Counter()  # df increments since last drained
        # articles announced by ``expect`` and not placed yet: their distinct tokens, and
        # their share of the document frequencies every idf counts (by token, and by term
        # id for the tokens in ``vocab``; ``vocab`` itself only grows as articles are
        # placed, so its ids stay those the store hands out)
        self._ahead: dict[str, tuple[str, ...]] = {}
        self._ahead_tokens: Counter[str] = Counter()
        self.ahead_df = np.zeros(1024, dtype=np.int64)
        self.ahead_n = 0
        self._synced = 0  # entries of ``vocab`` whose ``kinds`` and ``ahead_df`` are set
        # the stories of the last ``block`` articles placed (or restored), oldest first
        self.recent: deque[int] = deque(maxlen=options.block)
        self.story_ids: list[str] = []
        self.story_pos: dict[str, int] = {}
        self.story_sum = Grow(dim)
        self.story_members: list[list[int]] = []  # profile positions, oldest first
        self.leads = Grow(dim)
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

    def set_df(self, rows: Sequence[tuple[int, int]]) -> None:
        """Replace the document frequencies with a stored table's (term id, df) rows."""
        self._ensure_df(len(self.vocab))
        self.df[:] = 0
        for term_id, df in rows:
            self._ensure_df(term_id + 1)
            self.df[term_id] = df

    def _ensure_df(self, size: int) -> None:
        self.df = grown(self.df, size)
        self.ahead_df = grown(self.ahead_df, size)
        self.kinds = grown(self.kinds, size)

    def _sync_vocab(self) -> None:
        """Give the terms added to ``vocab`` since the last call their kind and their
        announced df."""
        if self._synced == len(self.vocab):
            return
        self._ensure_df(len(self.vocab))
        for term, term_id in itertools.islice(self.vocab.items(), self._synced, None):
            self.kinds[term_id] = _term_kind(term)
            self.ahead_df[term_id] = self._ahead_tokens.get(term, 0)
        self._synced = len(self.vocab)

    def expect(self, features: Sequence[Features]) -> None:
        """Announce the articles that the next ``place`` calls will place (one ``add``
        run). Their document frequencies count in every idf from now on, as if they were
        stored already, so an article is compared with the same idf however the run is cut
        into batches, and a run resumed after an interruption uses the idf of the whole."""
        self._sync_vocab()
        for f in features:
            aid = f.article.id
            if self.known(aid) or aid in self._ahead:
                continue
            tokens = tuple(t for t, _ in (*f.terms, *f.names))
            self._ahead[aid] = tokens
            self._ahead_tokens.update(tokens)
            ids = [self.vocab[t] for t in tokens if t in self.vocab]
            self.ahead_df[np.array(ids, dtype=np.int64)] += 1
            self.ahead_n += 1

    def _withdraw(self, article_id: str) -> None:
        """Stop counting an announced article as ahead (it is placed, or stored by
        another writer)."""
        tokens = self._ahead.pop(article_id, None)
        if tokens is None:
            return
        self._sync_vocab()
        for t in tokens:
            self._ahead_tokens[t] -= 1
            if not self._ahead_tokens[t]:
                del self._ahead_tokens[t]
            term_id = self.vocab.get(t)
            if term_id is not None:
                self.ahead_df[term_id] -= 1
        self.ahead_n -= 1

    def _count_doc(self, ids: np.ndarray) -> None:
        self._ensure_df(len(self.vocab))
        self.df[ids] += 1
        self.df_changes.update(ids.tolist())

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
        self._withdraw(article_id)  # announced by this run, stored by another writer
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

    def near_duplicate(
        self,
        signature: np.ndarray,
        pending: dict[int, str] | None = None,
        pending_sigs: dict[str, np.ndarray] | None = None,
    ) -> tuple[str, float] | None:
        """The stored original this signature copies, with the estimated Jaccard;
        ``pending`` band keys (and their signatures) are looked at after the index's."""
        best: tuple[str, float] | None = None
        for key in self.hasher.band_keys(signature):
            other = self.lsh.get(key)
            sigs = self.signatures
            if other is None and pending is not None and pending_sigs is not None:
                other, sigs = pending.get(key), pending_sigs
            if other is None:
                continue
            j = estimate_jaccard(signature, sigs[other])
            if j >= self.options.minhash.threshold and (best is None or j > best[1]):
                best = (self.originals.get(other, other), j)
        return best  # fmt: skip

    def features(self, articles: Sequence[Article]) -> list[Features]:
        return [article_features(a, self.hasher) for a in articles]

    def likely_copies(self, features: Sequence[Features]) -> set[str]:
        """Ids of the articles that :meth:`place` would find to be near-duplicates (of the
        index or of an earlier article of ``features``), without changing the index: their
        leads need not be embedded."""
        pending: dict[int, str] = {}
        sigs: dict[str, np.ndarray] = {}
        copies: set[str] = set()
        for f in features:
            if f.signature is None or self.known(f.article.id) or f.article.id in sigs:
                continue
            if self.near_duplicate(f.signature, pending, sigs) is not None:
                copies.add(f.article.id)
            sigs[f.article.id] = f.signature  # later ones may copy it, copy or not
            for key in self.hasher.band_keys(f.signature):
                pending.setdefault(key, f.article.id)
        return copies

    def assign(
        self,
        articles: Sequence[Article],
        embedder: Embedder,
        progress: Callable[[int], None] | None = None,
    ) -> list[Assignment]:
        """Assign ``articles`` (ids not yet known; repeats are skipped) and update the index.
        ``progress`` is called with the number of articles done after each block."""
        return self.place(self.features(self.unseen(articles)), embedder, progress)

    def place(
        self,
        features: Sequence[Features],
        embedder: Embedder | None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Assignment]:
        """Assign the articles of ``features`` (ids not yet known; repeats are skipped) and
        update the index. An article that needs a lead vector and has none is embedded with
        ``embedder`` (near-duplicates never are)."""
        seen: set[str] = set()
        fresh: list[Features] = []
        for f in features:
            if not self.known(f.article.id) and f.article.id not in seen:
                seen.add(f.article.id)
                fresh.append(f)
        out: dict[str, Assignment] = {}
        todo: list[tuple[int, Features, Profile]] = []
        copies: list[tuple[Article, np.ndarray, str, float]] = []
        counts: list[tuple[str, np.ndarray, np.ndarray]] = []  # per fresh article, in order
        self._sync_vocab()
        for f in fresh:
            a = f.article
            terms = _counts(f.terms, self.vocab)
            names = _counts(f.names, self.vocab)
            counts.append((a.id, terms[0], names[0]))
            sig = f.signature
            dup = self.near_duplicate(sig) if sig is not None else None
            if sig is not None:  # later articles of this batch must find it, copy or not
                self.signatures[a.id] = sig
                for key in self.hasher.band_keys(sig):
                    self.lsh.setdefault(key, a.id)
            if sig is not None and dup is not None:
                self.originals[a.id] = dup[0]
                copies.append((a, sig, *dup))
                continue
            todo.append((len(counts) - 1, f, Profile(article_day(a), terms, names)))
        self._sync_vocab()
        counted = 0

        def count_upto(position: int) -> None:
            """Document frequencies of the fresh articles up to ``position`` (copies too),
            now counted as placed and no longer as announced."""
            nonlocal counted
            for article_id, terms_ids, names_ids in counts[counted : position + 1]:
                self._count_doc(terms_ids)
                self._count_doc(names_ids)
                self.n_docs += 1
                self._withdraw(article_id)
            counted = max(counted, position + 1)

        if any(f.lead is None for _, f, _ in todo):
            if embedder is None:
                raise ValueError("articles without lead vectors and no embedder to embed them")
            embedded = embed_leads([f for _, f, _ in todo], embedder, self.options.lead_sentences)
            todo = [(i, f, p) for f, (i, _, p) in zip(embedded, todo, strict=True)]
        done = len(copies)
        for start in range(0, len(todo), self.options.block):
            block = todo[start : start + self.options.block]
            leads = np.stack([f.lead for _, f, _ in block if f.lead is not None])
            items = [(i, f.article, f.signature, p) for i, f, p in block]
            for assignment in self._assign_block(items, leads, count_upto):
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
        return [out[f.article.id] for f in fresh]

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
            best = self._best(lead, profile, cands)
            opened = best is None
            pos = self.open_story(Story.make_id((article.id,))) if best is None else best
            self._register(article.id, pos, sig, lead, profile, None)
            touched.add(pos)
            out.append(
                Assignment(article, self.story_ids[pos], opened, sig, lead=lead, profile=profile)
            )
        return out

    def _best(self, lead: np.ndarray, profile: Profile, stories: list[int]) -> int | None:
        """The candidate story the article joins: the one with the highest average
        same-story probability if it reaches the threshold, else a story of two or more
        whose closest member reaches the attach threshold; None: it opens a story."""
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
        sim = self.model.probability(self._similarity(lead, profile, idx))
        avg = np.bincount(own, sim, minlength=len(stories)) / np.bincount(
            own, minlength=len(stories)
        ).clip(1)
        best = int(np.argmax(avg))
        if avg[best] >= self.threshold:
            return stories[best]
        if self.attach is not None:
            # as ``grouping.attach_singletons``: a story of two or more articles takes in a
            # lone article whose single closest member reaches the threshold
            top = np.full(len(stories), -np.inf)
            np.maximum.at(top, own, sim)
            sizes = np.array([len(self.story_members[s]) for s in stories])
            top[sizes < 2] = -np.inf
            near = int(np.argmax(top))
            if top[near] >= self.attach:
                return stories[near]
        return None

    def _similarity(self, lead: np.ndarray, profile: Profile, rows: np.ndarray) -> PairSimilarity:
        """The base similarities of one article with the members at ``rows``."""
        members = [self.profiles[r] for r in rows]
        terms, _, _, _ = sparse_compare(profile.terms, [m.terms for m in members], self._idf)
        cos, shared, sizes, own = sparse_compare(
            profile.names, [m.names for m in members], self._idf, self.kinds, kind.N_KINDS
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


def _term_kind(term: str) -> int:
    """The kind of a vocabulary entry: ``t`` + content word, or ``n`` + name token."""
    return _TERM if term.startswith("t") else kind.token_kind(term[1:])
