"""A corpus that grows: ``newsprism add``, ``newsprism stories`` and ``analyze --story`` as
plain functions over a :class:`~newsprism.storage.Store` (SQLite or PostgreSQL).

``add`` places new articles into the stored stories (``stories.incremental``) batch by
batch. The per-article work of a batch (token counts, MinHash, lead embeddings) is done
first, outside any lock; then, in one transaction that holds the store's writer lock, the
index takes in what other writers committed meanwhile (:func:`catch_up`), places the batch
and writes it (:func:`place`). Two ``add`` processes on one store therefore serialise their
placements but overlap their model work, and an interrupted run keeps every whole batch: a
rerun skips the stored ids. ``newsprism.batch`` runs the per-article work on a Dask cluster
and calls the same :func:`place`.

``analyze_story`` runs the claim stages (claims, align, compare) on one stored story, which
keeps its id; ``analyze_stories`` does it for several, with one claims pass over all their
articles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from .config import Settings
from .model import Analysis, Article, Claim, Rejection, Story, StoryAnalysis
from .resources import Embedder, Resources
from .storage.corpus import CorpusBatch, CorpusChanges, CorpusEntry, CorpusMark
from .stories.grouping import headline
from .stories.incremental import (
    Assignment,
    CorpusIndex,
    Features,
    IncrementalOptions,
    Profile,
    article_day,
    embed_leads,
    placement_order,
)

if TYPE_CHECKING:  # pragma: no cover
    from .storage import Store


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AddResult:
    added: int  # articles newly stored
    skipped: int  # already stored, or repeated in the input
    opened: int  # stories opened by this run
    near_duplicates: int  # added articles that copy an earlier one
    stories: int  # stories in the corpus after the run
    touched: tuple[str, ...] = ()  # stories opened or grown by this run, first touched first


@dataclass
class Tracked:
    """A corpus index and how far it has seen its store."""

    index: CorpusIndex
    mark: CorpusMark = field(default_factory=CorpusMark)


def catch_up(tracked: Tracked, changes: CorpusChanges) -> None:
    """Take into the index what a store committed after ``tracked.mark``."""
    index = tracked.index
    for term_id, term in changes.terms:
        index.add_term(term, term_id, 0)
    if changes.df is not None:
        index.set_df(changes.df)
    for story_id in changes.stories:
        if story_id not in index.story_pos:
            index.open_story(story_id)
    for e in changes.entries:
        if index.known(e.id):
            continue
        profile = None
        if e.lead is not None and e.terms is not None and e.names is not None:
            day = article_day(Article(id=e.id, source="", text="", published=e.published))
            profile = Profile(day, e.terms, e.names)
        index.restore(e.id, e.story, e.signature, e.lead, profile, e.original)
    index.n_docs = changes.mark.n_docs
    index.df_changes.clear()
    tracked.mark = changes.mark


def open_index(store: Store, options: IncrementalOptions | None = None) -> Tracked:
    """The corpus index of ``store`` (empty for a new store), rebuilt from its tables:
    features are stored, nothing is re-embedded."""
    tracked = Tracked(CorpusIndex(options or IncrementalOptions()))
    catch_up(tracked, store.corpus_changes())
    return tracked


def load_index(store: Store, options: IncrementalOptions | None = None) -> CorpusIndex:
    return open_index(store, options).index


def prepare(tracked: Tracked, features: Sequence[Features], embedder: Embedder) -> list[Features]:
    """``features`` with lead vectors for those that will not be near-duplicates (a guess on
    the index as it is; :func:`place` embeds any it got wrong)."""
    index = tracked.index
    copies = index.likely_copies(features)
    need = [f for f in features if f.article.id not in copies]
    embedded = {f.article.id: f for f in embed_leads(need, embedder, index.options.lead_sentences)}
    return [embedded.get(f.article.id, f) for f in features]


def place(
    store: Store,
    tracked: Tracked,
    features: Sequence[Features],
    embedder: Embedder | None = None,
    *,
    clock: Callable[[], datetime] = _utc_now,
) -> list[Assignment]:
    """Place one batch and store it, in one locked transaction: catch up with what other
    writers stored, drop the articles they stored already, assign the rest, write."""
    with store.corpus_writer() as writer:
        catch_up(tracked, writer.changes(tracked.mark))
        index = tracked.index
        terms_before = len(index.vocab)
        assigned = index.place(features, embedder)
        new_terms = [(i, t) for t, i in list(index.vocab.items())[terms_before:]]
        batch = CorpusBatch(
            articles=[a.article for a in assigned],
            entries=[_entry(a) for a in assigned],
            opened=[(a.story, a.article.id) for a in assigned if a.opened],
            new_terms=new_terms,
            df_increments=sorted(index.df_changes.items()),
            added=clock().isoformat(),
        )
        mark = writer.write(batch, tracked.mark)
    index.df_changes.clear()
    tracked.mark = mark
    return assigned


def _entry(a: Assignment) -> CorpusEntry:
    p = a.profile
    return CorpusEntry(
        id=a.article.id, story=a.story, published=a.article.published, lead=a.lead,
        terms=p.terms if p else None, names=p.names if p else None, signature=a.signature,
        original=a.original, jaccard=a.jaccard,
    )  # fmt: skip


class Tally:
    """What a run of batches did, for :class:`AddResult`."""

    def __init__(self, skipped: int) -> None:
        self.added = 0
        self.skipped = skipped
        self.opened = 0
        self.copies = 0
        self.touched: dict[str, None] = {}

    def count(self, assigned: Sequence[Assignment], offered: int) -> None:
        self.added += len(assigned)
        self.skipped += offered - len(assigned)  # stored by another writer meanwhile
        self.opened += sum(a.opened for a in assigned)
        self.copies += sum(a.original is not None for a in assigned)
        self.touched.update((a.story, None) for a in assigned)

    def result(self, tracked: Tracked) -> AddResult:
        return AddResult(self.added, self.skipped, self.opened, self.copies,
                         len(tracked.index.story_ids), tuple(self.touched))  # fmt: skip


def add(
    store: Store,
    articles: Sequence[Article],
    embedder: Embedder,
    options: IncrementalOptions | None = None,
    *,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], datetime] = _utc_now,
) -> AddResult:
    """Add ``articles`` to the corpus of ``store``: each joins a stored story or opens one.
    The new articles are placed earliest first (ties by content id, see
    ``placement_order``), whatever order they are given in, with the idf of the whole run
    (``CorpusIndex.expect``), so the stories do not depend on ``batch_size`` either. One
    transaction per ``batch_size`` new articles; ``progress`` gets the number of input
    articles handled so far."""
    tracked = open_index(store, options)
    index = tracked.index
    todo = index.features(sorted(index.unseen(articles), key=placement_order))
    tally = Tally(len(articles) - len(todo))
    skipped = tally.skipped
    placed: Callable[[int], None] | None = None
    if progress is not None:
        report = progress
        report(skipped)

        def placed(n: int) -> None:
            report(skipped + n)

    place_all(store, tracked, todo, tally, batch_size=batch_size, embedder=embedder,
              clock=clock, progress=placed)  # fmt: skip
    return tally.result(tracked)


def place_all(
    store: Store,
    tracked: Tracked,
    todo: Sequence[Features],
    tally: Tally,
    *,
    batch_size: int,
    embedder: Embedder | None = None,
    clock: Callable[[], datetime] = _utc_now,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Place ``todo`` (new articles' features, in ``placement_order``) with the idf of
    all of them (``CorpusIndex.expect``), however they are cut into batches: one
    transaction per ``batch_size``, counted into ``tally``. With an ``embedder``, each
    batch gets its lead vectors first (:func:`prepare`); without, ``todo`` carries them.
    ``progress`` gets the number of ``todo`` placed so far after each batch."""
    tracked.index.expect(todo)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        features = prepare(tracked, batch, embedder) if embedder is not None else batch
        tally.count(place(store, tracked, features, embedder, clock=clock), len(batch))
        if progress is not None:
            progress(start + len(batch))


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Every corpus story, earliest first (see ``Store.corpus_stories``)."""
    return store.corpus_stories()


def story_context(store: Store, story_id: str) -> tuple[Story, list[Article], list[Any]]:
    """One stored story: the story (id kept), its articles earliest first, and the
    near-duplicate pairs recorded between them."""
    articles = store.corpus_story_articles(story_id)
    story = Story(id=story_id, headline=headline(articles), articles=tuple(a.id for a in articles))
    return story, articles, store.near_duplicate_pairs(story_id)


def compare_story(
    story: Story,
    articles: Sequence[Article],
    claims: Mapping[str, Sequence[Claim]],
    near_duplicates: Sequence[tuple[str, str, float]],
    settings: Settings,
    resources: Resources,
) -> Analysis:
    """The compare stage on one story whose claims are known."""
    from .pipeline import STAGES, algorithms, run_stages

    context: dict[str, Any] = {
        "articles": list(articles),
        "stories": [story],
        "rejections": [],
        "claims": {a.id: list(claims.get(a.id, ())) for a in articles},
        "near_duplicates": list(near_duplicates),
    }
    stages = [s for s in STAGES if s.name == "compare"]
    context, _ = run_stages(stages, context, settings, resources)
    return Analysis(
        stories=tuple(context["story_analyses"]),
        rejections=tuple(context["rejections"]),
        algorithms=algorithms(),
    )


def analyze_stories(
    store: Store,
    story_ids: Sequence[str],
    settings: Settings | None = None,
    resources: Resources | None = None,
) -> Analysis:
    """The claim stages (claims, align, compare) on stored corpus stories, each keeping its
    id, in the order given; one claims pass over all their articles."""
    from .pipeline import STAGES, algorithms, run_stages

    settings = settings or Settings()
    resources = resources or Resources()
    contexts = [story_context(store, sid) for sid in story_ids]
    articles = [a for _, members, _ in contexts for a in members]
    context: dict[str, Any] = {"articles": articles, "rejections": []}
    context, _ = run_stages([s for s in STAGES if s.name == "claims"], context, settings,
                            resources)  # fmt: skip
    stories: list[StoryAnalysis] = []
    rejections = list(context["rejections"])
    for story, members, copies in contexts:
        one = compare_story(story, members, context["claims"], copies, settings, resources)
        stories.extend(one.stories)
        rejections.extend(one.rejections)
    return Analysis(stories=tuple(stories), rejections=tuple(rejections), algorithms=algorithms())


def with_rejections(analysis: Analysis, rejections: Sequence[Rejection]) -> Analysis:
    """``analysis`` with ``rejections`` (of the inputs, found before it) in front of its own."""
    return Analysis(stories=analysis.stories, rejections=(*rejections, *analysis.rejections),
                    algorithms=analysis.algorithms)  # fmt: skip


def analyze_story(
    store: Store,
    story_id: str,
    settings: Settings | None = None,
    resources: Resources | None = None,
) -> Analysis:
    """The claim stages on one stored corpus story, keeping its id."""
    return analyze_stories(store, [story_id], settings, resources)


def read_articles(
    sources: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Article], list[Rejection]]:
    """Ingest and clean ``sources`` for ``add``: the articles in input order and one
    rejection per input that cannot be used; ``progress(done, total)`` after each batch of
    ``batch_size`` documents."""
    from .clean import clean_documents
    from .ingest import read_sources

    docs, rejections = read_sources(sources, stdin=stdin, options=settings.ingest)
    articles: list[Article] = []
    for start in range(0, len(docs), batch_size):
        cleaned, rejected = clean_documents(docs[start : start + batch_size], settings.clean)
        articles.extend(cleaned)
        rejections.extend(rejected)
        if progress is not None:
            progress(start + len(cleaned) + len(rejected), len(docs))
    return articles, rejections
