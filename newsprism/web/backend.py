"""What the web app reads and writes, over any :class:`~newsprism.storage.Store`.

* story summaries (paginated, searchable) come straight from the store;
* a story's report entry (``build_story``, the same dict as ``report["stories"][i]``) is
  built from its latest stored analysis; a corpus story that no analysis covers yet (added
  by ``add``, or grown since) is analysed on first view (the claim stages, as
  ``analyze --story`` does) and the run is stored, so later views read it. When the store
  cannot be written, the analysis is kept for this app only and the page says so;
* ``check`` runs :class:`newsprism.Checker` against a story's articles;
* ``add`` cleans what ``web.adding`` read and places it in the corpus.

One lock serialises every call on the store (a store is one connection); another guards
the models. Built story entries are cached on this object, keyed by the store's
``revision()``, so a write by anyone (this app, or ``newsprism add`` in another process)
makes the next request rebuild what it shows.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import corpus
from ..clean import clean_documents
from ..config import Settings
from ..errors import NewsprismError, StorageError
from ..model import Article, Document, Rejection, StoryAnalysis
from ..report import build_story
from ..resources import Resources
from ..storage import Store

if TYPE_CHECKING:  # pragma: no cover
    from ..api import Checker


@dataclass
class StoryEntry:
    """One story as the pages and the API show it."""

    story: dict[str, Any]  # report["stories"][i]
    analysis: StoryAnalysis
    run: str | None  # the stored run, None when it could not be stored
    note: str | None = None  # said on the page (e.g. why the analysis was not stored)
    _bodies: dict[str, bytes] = field(default_factory=dict, repr=False)

    def body(self, key: str, make: Callable[[], bytes], gzipped: bool = False) -> bytes:
        """A response body made from this entry once (the run it shows never changes) and
        kept with it; ``gzipped``: its gzip encoding, also made once."""
        if gzipped:
            return self.body(key + ".gz", lambda: gzip.compress(self.body(key, make), 6))
        found = self._bodies.get(key)
        if found is None:
            found = self._bodies[key] = make()
        return found

    def json(self) -> bytes:
        return self.body("json", lambda: json.dumps(self.story, ensure_ascii=False,
                                                     allow_nan=False).encode())  # fmt: skip


@dataclass(frozen=True)
class AddOutcome:
    stored: list[dict[str, Any]]  # id, source, title, outlet, story, new
    rejected: list[dict[str, Any]]  # stage, source, reason


class Backend:
    def __init__(
        self,
        store: Store,
        settings: Settings,
        resources: Resources,
        *,
        cache_size: int = 64,
    ) -> None:
        self.store = store
        self.settings = settings
        self.resources = resources
        self.cache_size = cache_size
        self._store_lock = threading.RLock()
        self._model_lock = threading.Lock()
        self._entries: OrderedDict[str, StoryEntry] = OrderedDict()
        self._unsaved: dict[str, StoryEntry] = {}  # analyses the store refused to keep
        self._revision: str | None = None
        self._checker: Checker | None = None

    # -- reading ---------------------------------------------------------------------

    def _fresh(self) -> str:
        """The store's revision; drops the cached entries when it has moved."""
        with self._store_lock:
            revision = self.store.revision()
            if revision != self._revision:
                self._entries.clear()
                self._revision = revision
            return revision

    def summaries(
        self, limit: int, offset: int, query: str | None
    ) -> tuple[int, list[dict[str, Any]]]:
        with self._store_lock:
            return self.store.story_summaries(limit=limit, offset=offset, query=query)

    def story(self, story_id: str) -> StoryEntry | None:
        """The story's entry, analysing a corpus story first when no analysis covers it;
        None when the store does not hold the story."""
        self._fresh()
        with self._store_lock:
            cached = self._entries.get(story_id)
            if cached is not None:
                self._entries.move_to_end(story_id)
                return cached
            summary = self.store.story_summary(story_id)
        if summary is None:
            return None
        if summary["corpus"] and not summary["current"]:
            entry = self._unsaved.get(story_id) or self._analyse(story_id)
        else:
            with self._store_lock:
                loaded = self.store.load_story(story_id)
            if loaded is None:  # pragma: no cover - the summary said it was analysed
                return None
            run, analysis = loaded
            entry = StoryEntry(build_story(analysis), analysis, run)
        with self._store_lock:
            self._entries[story_id] = entry
            while len(self._entries) > self.cache_size:
                self._entries.popitem(last=False)
        return entry

    def _analyse(self, story_id: str) -> StoryEntry:
        with self._model_lock, self._store_lock:
            summary = self.store.story_summary(story_id)  # another request may have done it
            if summary is not None and summary["current"]:
                loaded = self.store.load_story(story_id)
                if loaded is not None:
                    return StoryEntry(build_story(loaded[1]), loaded[1], loaded[0])
            analysis = corpus.analyze_story(self.store, story_id, self.settings, self.resources)
            if len(analysis.stories) != 1:
                reasons = "; ".join(r.reason for r in analysis.rejections) or "no result"
                raise NewsprismError(f"story {story_id} could not be analysed: {reasons}")
            (sa,) = analysis.stories
            try:
                run: str | None = self.store.save_analysis(analysis)
                note = None
            except StorageError as exc:
                run, note = (
                    None,
                    f"this analysis could not be stored ({exc}); it is shown, not kept",
                )
            entry = StoryEntry(build_story(sa), sa, run, note)
            if run is None:
                self._unsaved[story_id] = entry
            self._revision = None  # the save moved the revision
            return entry

    def article(self, article_id: str) -> tuple[Article, StoryEntry | None] | None:
        """A stored article and the story it belongs to (its corpus story, else the
        newest analysis that holds it), or None when the store does not hold it."""
        with self._store_lock:
            article = self.store.get_article(article_id)
            stories = self.store.article_stories(article_id) if article else []
        if article is None:
            return None
        return article, (self.story(stories[0]) if stories else None)

    # -- models ----------------------------------------------------------------------

    def check(self, statement: str, entry: StoryEntry) -> list[dict[str, Any]]:
        """``check`` of ``statement`` against each article of a story."""
        from ..api import Checker  # spaCy and the models: imported on first use

        with self._model_lock:
            if self._checker is None:
                self._checker = Checker(self.resources)
            results = self._checker.check(statement, list(entry.analysis.articles))
        outlets = {a["id"]: a for a in entry.story["articles"]}
        return [
            {
                "article": r.article,
                "outlet": outlets[r.article]["outlet"] if r.article in outlets else None,
                "verdict": r.verdict,
                "score": round(float(r.score), 4),
                "kind": r.kind,
                "explanation": r.explanation,
                "spans": [
                    {"article": s.article, "start": s.start, "end": s.end, "text": s.text}
                    for s in r.spans
                ],
            }
            for r in results
        ]

    def add(self, documents: Sequence[Document], rejections: Sequence[Rejection]) -> AddOutcome:
        """Clean ``documents`` and place the articles in the corpus; what could not be
        used is listed with its reason, and the rest goes on."""
        articles, rejected = clean_documents(list(documents), self.settings.clean)
        refused = [*rejections, *rejected]
        with self._model_lock, self._store_lock:
            known = {a.id for a in articles if self.store.get_article(a.id) is not None}
            if articles:
                corpus.add(self.store, articles, self.resources.embedder)
            stored = []
            for a in dict((a.id, a) for a in articles).values():
                stories = self.store.article_stories(a.id)
                stored.append({
                    "id": a.id, "source": a.source, "title": a.title, "outlet": a.outlet,
                    "story": stories[0] if stories else None, "new": a.id not in known,
                })  # fmt: skip
            self._revision = None
        return AddOutcome(
            stored=stored,
            rejected=[{"stage": r.stage, "source": r.source, "reason": r.reason} for r in refused],
        )
