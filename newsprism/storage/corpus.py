"""The corpus tables of ``newsprism add``, in either store (SQLite or PostgreSQL).

What is kept (migration ``_corpus``):

* ``corpus_stories(seq, id, first_article, created)``: a story's id is ``Story.make_id`` of
  its first article alone, given when it is opened and kept as the story grows;
* ``corpus_articles(seq, id, story, published, lead, terms, names, signature, added)``: the
  lead embedding as float32 bytes, token counts as int32 ids followed by int32 counts, the
  MinHash signature as uint32 bytes (leads and counts are NULL for near-duplicates);
* ``corpus_terms(id, term, df)``: the document-frequency table (``t`` content words, ``n``
  names); ``corpus_meta`` holds the document count ``n_docs``;
* ``near_duplicates(article, original, jaccard)``: copies found by MinHash.

Writers are serialised: :meth:`CorpusTables.corpus_writer` is one transaction that holds
the store's writer lock (SQLite's write lock, a PostgreSQL advisory lock). Inside it a
writer first reads what other writers committed since it last looked
(:meth:`CorpusWriter.changes`), then writes its batch; counts are increments done in SQL,
never values computed from an earlier read. So two ``add`` processes on one store lose
nothing and store nothing twice, and an interrupted one keeps its whole batches.

This module only moves rows; placing articles into stories is ``newsprism.corpus``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import StorageError
from ..model import Article
from . import codec
from .sql import ARTICLE_INSERT, SQLStore, Tx

CORPUS_RUN = "corpus"  # articles.first_run of articles added with `newsprism add`
CORPUS_TABLES = ("corpus_stories", "corpus_articles", "corpus_terms", "near_duplicates")

Counts = tuple[np.ndarray, np.ndarray]  # (sorted term ids int32, counts int32)


@dataclass(frozen=True)
class CorpusMark:
    """How far a reader has seen the corpus tables."""

    articles: int = 0  # highest corpus_articles.seq seen
    stories: int = 0  # highest corpus_stories.seq seen
    terms: int = 0  # number of terms known (term ids are 0 .. terms - 1)
    n_docs: int = 0  # the document count when last seen


@dataclass(frozen=True)
class CorpusEntry:
    """One stored corpus article's features; ``lead``/``terms``/``names`` are None for a
    near-duplicate, which has an ``original`` and its ``jaccard`` instead."""

    id: str
    story: str
    published: str | None
    lead: np.ndarray | None
    terms: Counts | None
    names: Counts | None
    signature: np.ndarray | None
    original: str | None = None
    jaccard: float | None = None


@dataclass(frozen=True)
class CorpusChanges:
    """What was committed after a :class:`CorpusMark`, in commit order."""

    mark: CorpusMark  # the mark to keep after taking these in
    terms: list[tuple[int, str]] = field(default_factory=list)  # new (id, term)
    df: list[tuple[int, int]] | None = None  # the whole df table, when it changed
    stories: list[str] = field(default_factory=list)  # opened stories
    entries: list[CorpusEntry] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.df is None and not self.stories and not self.entries and not self.terms


@dataclass(frozen=True)
class CorpusBatch:
    """One batch of placed articles to write."""

    articles: Sequence[Article]
    entries: Sequence[CorpusEntry]  # one per article, same order
    opened: Sequence[tuple[str, str]]  # (story id, first article id)
    new_terms: Sequence[tuple[int, str]]  # (id, term) first used by this batch
    df_increments: Sequence[tuple[int, int]]  # (term id, documents of the batch using it)
    added: str  # ISO time


def pack_counts(counts: Counts) -> bytes:
    ids, values = counts
    return ids.astype(np.int32).tobytes() + values.astype(np.int32).tobytes()


def unpack_counts(blob: bytes) -> Counts:
    arr = np.frombuffer(blob, dtype=np.int32)
    half = len(arr) // 2
    return arr[:half], arr[half:]


def _entry(row: tuple[Any, ...]) -> CorpusEntry:
    aid, story, published, lead, terms, names, signature, original, jaccard = row
    return CorpusEntry(
        id=aid, story=story, published=published,
        lead=np.frombuffer(lead, dtype=np.float32) if lead is not None else None,
        terms=unpack_counts(terms) if terms is not None else None,
        names=unpack_counts(names) if names is not None else None,
        signature=np.frombuffer(signature, dtype=np.uint32) if signature is not None else None,
        original=original, jaccard=float(jaccard) if jaccard is not None else None,
    )  # fmt: skip


def _n_docs(tx: Tx) -> int:
    rows = tx.query("SELECT value FROM corpus_meta WHERE key = 'n_docs'")
    return int(rows[0][0]) if rows else 0


def read_changes(tx: Tx, since: CorpusMark) -> CorpusChanges:
    """Everything committed after ``since``. Every stored article adds one to ``n_docs``
    in the transaction that stores it, so an unchanged count means nothing to read."""
    n_docs = _n_docs(tx)
    if n_docs == since.n_docs:
        return CorpusChanges(mark=since)
    terms = [(int(i), str(t)) for i, t in tx.query(
        "SELECT id, term FROM corpus_terms WHERE id >= ? ORDER BY id", (since.terms,))]  # fmt: skip
    df = [(int(i), int(d)) for i, d in tx.query("SELECT id, df FROM corpus_terms")]
    stories = tx.query(
        "SELECT seq, id FROM corpus_stories WHERE seq > ? ORDER BY seq", (since.stories,)
    )
    rows = tx.query(
        "SELECT c.seq, c.id, c.story, c.published, c.lead, c.terms, c.names, c.signature, "
        "d.original, d.jaccard FROM corpus_articles c "
        "LEFT JOIN near_duplicates d ON d.article = c.id WHERE c.seq > ? ORDER BY c.seq",
        (since.articles,),
    )
    mark = CorpusMark(
        articles=max([since.articles, *(int(r[0]) for r in rows)]),
        stories=max([since.stories, *(int(s) for s, _ in stories)]),
        terms=max([since.terms, *(i + 1 for i, _ in terms)]),
        n_docs=n_docs,
    )
    return CorpusChanges(mark=mark, terms=terms, df=df, stories=[str(s) for _, s in stories],
                         entries=[_entry(r[1:]) for r in rows])  # fmt: skip


class CorpusWriter:
    """The corpus inside one locked write transaction (see the module docstring)."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    def changes(self, since: CorpusMark) -> CorpusChanges:
        return read_changes(self.tx, since)

    def write(self, batch: CorpusBatch, since: CorpusMark) -> CorpusMark:
        """Store ``batch``; ``since`` is the writer's mark after :meth:`changes` (nothing
        else can have been committed in between). Returns the mark after the batch."""
        tx = self.tx
        tx.executemany(ARTICLE_INSERT, [(*codec.article_row(a), CORPUS_RUN)
                                        for a in batch.articles])  # fmt: skip
        tx.executemany(
            "INSERT INTO corpus_stories (id, first_article, created) VALUES (?, ?, ?)",
            [(story, first, batch.added) for story, first in batch.opened],
        )
        tx.executemany(
            "INSERT INTO corpus_articles "
            "(id, story, published, lead, terms, names, signature, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_entry_row(e, batch.added) for e in batch.entries],
        )
        tx.executemany(
            "INSERT INTO near_duplicates (article, original, jaccard) VALUES (?, ?, ?)",
            [(e.id, e.original, e.jaccard) for e in batch.entries if e.original is not None],
        )
        tx.executemany("INSERT INTO corpus_terms (id, term, df) VALUES (?, ?, 0)",
                       list(batch.new_terms))  # fmt: skip
        tx.executemany("UPDATE corpus_terms SET df = df + ? WHERE id = ?",
                       [(n, t) for t, n in batch.df_increments])  # fmt: skip
        tx.execute(
            "INSERT INTO corpus_meta (key, value) VALUES ('n_docs', ?) ON CONFLICT (key) "
            "DO UPDATE SET value = CAST(CAST(corpus_meta.value AS BIGINT) "
            "+ CAST(excluded.value AS BIGINT) AS TEXT)",
            (str(len(batch.entries)),),
        )
        (seqs,) = tx.query(
            "SELECT (SELECT max(seq) FROM corpus_articles), (SELECT max(seq) FROM corpus_stories)"
        )
        return CorpusMark(
            articles=int(seqs[0] or 0), stories=int(seqs[1] or 0),
            terms=since.terms + len(batch.new_terms), n_docs=since.n_docs + len(batch.entries),
        )  # fmt: skip


def _entry_row(e: CorpusEntry, added: str) -> tuple[Any, ...]:
    return (
        e.id, e.story, e.published,
        e.lead.astype(np.float32).tobytes() if e.lead is not None else None,
        pack_counts(e.terms) if e.terms is not None else None,
        pack_counts(e.names) if e.names is not None else None,
        e.signature.astype(np.uint32).tobytes() if e.signature is not None else None,
        added,
    )  # fmt: skip


class CorpusTables(SQLStore):
    """The corpus part of a store (mixed into ``SQLiteStore`` and ``PostgresStore``)."""

    @contextmanager
    def _writer(self) -> Iterator[CorpusWriter]:
        with self._tx("add articles to the corpus") as tx:
            yield CorpusWriter(tx)

    def corpus_writer(self) -> AbstractContextManager[CorpusWriter]:
        """One locked write transaction on the corpus (see the module docstring)."""
        return self._writer()

    def corpus_changes(self, since: CorpusMark = CorpusMark()) -> CorpusChanges:
        """What was committed after ``since`` (everything, for the default mark)."""
        return read_changes(self._reader(), since)

    def corpus_stories(self) -> list[dict[str, Any]]:
        """Every corpus story, earliest first: id, headline, articles (id, source, outlet,
        published; earliest first), first and last publication date, size, outlets."""
        rows = self.query(
            "SELECT c.story, a.id, a.source, a.outlet, a.published, a.title, "
            "substr(a.text, 1, 400) FROM corpus_articles c JOIN articles a ON a.id = c.id "
            "ORDER BY c.seq"
        )
        order = {sid: i for i, (sid,) in enumerate(self.query(
            "SELECT id FROM corpus_stories ORDER BY seq"))}  # fmt: skip
        members: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            members.setdefault(row[0], []).append(row)
        stories = []
        for sid, rs in members.items():
            rs.sort(key=lambda r: r[4] or "9999")  # stable: insertion order breaks ties
            dates = [r[4] for r in rs if r[4]]
            stories.append({
                "id": sid,
                "headline": _headline(rs),
                "articles": [{"id": r[1], "source": r[2], "outlet": r[3], "published": r[4]}
                             for r in rs],
                "first": min(dates) if dates else None,
                "last": max(dates) if dates else None,
                "size": len(rs),
                "outlets": sorted({r[3] for r in rs if r[3]}),
            })  # fmt: skip
        stories.sort(key=lambda s: (s["first"] or "9999", order.get(s["id"], 0)))
        return stories

    def corpus_story_articles(self, story_id: str) -> list[Article]:
        """The articles of one corpus story, earliest first; StorageError when unknown."""
        cols = ", ".join(f"a.{c}" for c in codec.ARTICLE_COLUMNS)
        rows = self.query(
            f"SELECT {cols} FROM corpus_articles c JOIN articles a ON a.id = c.id "
            "WHERE c.story = ? ORDER BY c.seq",
            (story_id,),
        )
        if not rows:
            raise StorageError(
                f"no story {story_id!r} in the corpus; list them with `newsprism stories`",
                source=self.path,
            )
        articles = [codec.article_from_row(r) for r in rows]
        return sorted(articles, key=lambda a: a.published or "9999")

    def near_duplicate_pairs(self, story: str | None = None) -> list[tuple[str, str, float]]:
        """Recorded (article, original, jaccard), in the order they were added; with
        ``story``, only the pairs whose two articles both belong to it."""
        sql = (
            "SELECT d.article, d.original, d.jaccard FROM near_duplicates d "
            "JOIN corpus_articles c ON c.id = d.article "
        )
        params: tuple[str, ...] = ()
        if story is not None:
            sql += "JOIN corpus_articles o ON o.id = d.original WHERE c.story = ? AND o.story = ? "
            params = (story, story)
        rows = self.query(sql + "ORDER BY c.seq", params)
        return [(str(a), str(o), float(j)) for a, o, j in rows]

    def corpus_counts(self) -> dict[str, int]:
        """Rows per corpus table, and the document count ``n_docs``."""
        counts = {t: int(self.query(f"SELECT count(*) FROM {t}")[0][0]) for t in CORPUS_TABLES}
        counts["n_docs"] = _n_docs(self._reader())
        return counts


def _headline(rows: list[tuple[Any, ...]]) -> str:
    for r in rows:
        if r[5]:
            return str(r[5])
    first = str(rows[0][6]).strip().split("\n")[0]
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
