"""The incremental corpus in the SQLite store: ``newsprism add`` and ``newsprism stories``.

Articles added here are stored once in ``articles`` (``first_run`` is ``"corpus"``) and
assigned to a story by :class:`newsprism.stories.incremental.CorpusIndex`. The index is
rebuilt from the tables at the start of a run (features are stored, nothing is
re-embedded) and each batch of new articles is written in one transaction, so an
interrupted run keeps every batch before the interruption and a rerun skips the stored
ids. Tables (migration ``_corpus``):

* ``corpus_stories(id, first_article, created)``: a story's id is ``Story.make_id`` of its
  first article alone, given when it is opened and kept as the story grows;
* ``corpus_articles(id, story, published, lead, terms, names, signature, added)``: the lead
  embedding as float32 bytes, token counts as int32 ids followed by int32 counts, the
  MinHash signature as uint32 bytes (leads and counts are NULL for near-duplicates);
* ``corpus_terms(id, term, df)``: the document-frequency table (``t`` content words,
  ``n`` names), updated per batch; ``corpus_meta`` holds the document count;
* ``near_duplicates(article, original, jaccard)``: copies found by MinHash.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ..errors import StorageError
from ..model import Article
from ..resources import Embedder
from ..stories.incremental import (
    Assignment,
    CorpusIndex,
    IncrementalOptions,
    Profile,
    article_day,
    placement_order,
)
from . import codec
from .sqlite import SQLiteStore

CORPUS_RUN = "corpus"  # articles.first_run of articles added with `newsprism add`


@dataclass(frozen=True)
class AddResult:
    added: int  # articles newly stored
    skipped: int  # already stored, or repeated in the input
    opened: int  # stories opened by this run
    near_duplicates: int  # added articles that copy an earlier one
    stories: int  # stories in the corpus after the run


def _pack(ids: np.ndarray, counts: np.ndarray) -> bytes:
    return ids.astype(np.int32).tobytes() + counts.astype(np.int32).tobytes()


def _unpack(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    arr = np.frombuffer(blob, dtype=np.int32)
    half = len(arr) // 2
    return arr[:half], arr[half:]


def load_index(store: SQLiteStore, options: IncrementalOptions | None = None) -> CorpusIndex:
    """The corpus index of ``store`` (empty for a new store), rebuilt from its tables."""
    index = CorpusIndex(options or IncrementalOptions())
    for term_id, term, df in store.query("SELECT id, term, df FROM corpus_terms ORDER BY id"):
        index.add_term(term, int(term_id), int(df))
    meta = store.query("SELECT value FROM corpus_meta WHERE key = 'n_docs'")
    index.n_docs = int(meta[0][0]) if meta else 0
    for (story_id,) in store.query("SELECT id FROM corpus_stories ORDER BY seq"):
        index.open_story(story_id)
    rows = store.query(
        "SELECT c.id, c.story, c.published, c.lead, c.terms, c.names, c.signature, d.original "
        "FROM corpus_articles c LEFT JOIN near_duplicates d ON d.article = c.id ORDER BY c.seq"
    )
    for aid, story, published, lead, terms, names, signature, original in rows:
        sig = np.frombuffer(signature, dtype=np.uint32) if signature is not None else None
        vec = np.frombuffer(lead, dtype=np.float32) if lead is not None else None
        profile = None
        if vec is not None and terms is not None and names is not None:
            day = article_day(Article(id=aid, source="", text="", published=published))
            profile = Profile(day, _unpack(terms), _unpack(names))
        index.restore(aid, story, sig, vec, profile, original)
    return index


def add_articles(
    store: SQLiteStore,
    articles: Sequence[Article],
    embedder: Embedder,
    options: IncrementalOptions | None = None,
    *,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> AddResult:
    """Add ``articles`` to the corpus of ``store``: each joins a stored story or opens one.
    The new articles are placed earliest first (ties by content id, see
    ``placement_order``), whatever order they are given in. One transaction per
    ``batch_size`` new articles; ``progress`` gets the number of input articles handled so
    far."""
    index = load_index(store, options)
    todo = sorted(index.unseen(articles), key=placement_order)  # not the order given
    terms_written = len(index.vocab)  # expect() adds the run's terms to the vocabulary
    index.expect(todo)  # the idf of the whole run, however it is cut into batches
    skipped = len(articles) - len(todo)
    done = skipped
    if progress is not None:
        progress(done)
    opened = copies = 0
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]

        def step(n: int, base: int = done) -> None:
            if progress is not None:
                progress(base + n)

        assigned = index.assign(batch, embedder, step)
        _write_batch(store, index, assigned, terms_written, clock().isoformat())
        terms_written = len(index.vocab)
        opened += sum(a.opened for a in assigned)
        copies += sum(a.original is not None for a in assigned)
        done += len(batch)
    return AddResult(len(todo), skipped, opened, copies, len(index.story_ids))


def _write_batch(
    store: SQLiteStore,
    index: CorpusIndex,
    assigned: list[Assignment],
    terms_before: int,
    now: str,
) -> None:
    new_terms = list(itertools.islice(index.vocab.items(), terms_before, None))
    dirty = sorted(index.dirty_terms)
    with store.transaction("add articles to the corpus") as conn:
        cols = ", ".join(codec.ARTICLE_COLUMNS)
        marks = ", ".join("?" * (len(codec.ARTICLE_COLUMNS) + 1))
        conn.executemany(
            f"INSERT OR IGNORE INTO articles ({cols}, first_run) VALUES ({marks})",
            [(*codec.article_row(a.article), CORPUS_RUN) for a in assigned],
        )
        conn.executemany(
            "INSERT INTO corpus_stories (id, first_article, created) VALUES (?, ?, ?)",
            [(a.story, a.article.id, now) for a in assigned if a.opened],
        )
        conn.executemany(
            "INSERT INTO corpus_articles "
            "(id, story, published, lead, terms, names, signature, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [_article_row(a, now) for a in assigned],
        )
        conn.executemany(
            "INSERT INTO near_duplicates (article, original, jaccard) VALUES (?, ?, ?)",
            [(a.article.id, a.original, a.jaccard) for a in assigned if a.original],
        )
        conn.executemany(
            "INSERT INTO corpus_terms (id, term, df) VALUES (?, ?, 0)",
            [(term_id, term) for term, term_id in new_terms],
        )
        df = index.df
        conn.executemany(
            "UPDATE corpus_terms SET df = ? WHERE id = ?", [(int(df[t]), t) for t in dirty]
        )
        conn.execute(
            "INSERT INTO corpus_meta (key, value) VALUES ('n_docs', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(index.n_docs),),
        )
    index.dirty_terms.clear()


def _article_row(a: Assignment, now: str) -> tuple[Any, ...]:
    profile = a.profile
    return (
        a.article.id,
        a.story,
        a.article.published,
        a.lead.astype(np.float32).tobytes() if a.lead is not None else None,
        _pack(*profile.terms) if profile else None,
        _pack(*profile.names) if profile else None,
        a.signature.tobytes() if a.signature is not None else None,
        now,
    )


def list_corpus_stories(store: SQLiteStore) -> list[dict[str, Any]]:
    """Every corpus story, earliest first: id, headline, articles (id, source, outlet,
    published; earliest first), first and last publication date, size, outlets."""
    rows = store.query(
        "SELECT c.story, a.id, a.source, a.outlet, a.published, a.title, substr(a.text, 1, 400) "
        "FROM corpus_articles c JOIN articles a ON a.id = c.id ORDER BY c.seq"
    )
    order = {sid: i for i, (sid,) in enumerate(store.query(
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


def _headline(rows: list[tuple[Any, ...]]) -> str:
    for r in rows:
        if r[5]:
            return str(r[5])
    first = str(rows[0][6]).strip().split("\n")[0]
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"


def story_articles(store: SQLiteStore, story_id: str) -> list[Article]:
    """The articles of one corpus story, earliest first; StorageError when unknown."""
    cols = ", ".join(f"a.{c}" for c in codec.ARTICLE_COLUMNS)
    rows = store.query(
        f"SELECT {cols} FROM corpus_articles c JOIN articles a ON a.id = c.id "
        "WHERE c.story = ? ORDER BY c.seq",
        (story_id,),
    )
    if not rows:
        raise StorageError(
            f"no story {story_id!r} in the corpus; list them with `newsprism stories`",
            source=store.path,
        )
    articles = [codec.article_from_row(r) for r in rows]
    return sorted(articles, key=lambda a: a.published or "9999")


def near_duplicate_pairs(
    store: SQLiteStore, story: str | None = None
) -> list[tuple[str, str, float]]:
    """Recorded (article, original, jaccard), in the order they were added; with ``story``,
    only the pairs whose two articles both belong to it."""
    sql = (
        "SELECT d.article, d.original, d.jaccard FROM near_duplicates d "
        "JOIN corpus_articles c ON c.id = d.article "
    )
    params: tuple[str, ...] = ()
    if story is not None:
        sql += "JOIN corpus_articles o ON o.id = d.original WHERE c.story = ? AND o.story = ? "
        params = (story, story)
    return [(str(a), str(o), float(j)) for a, o, j in store.query(sql + "ORDER BY c.seq", params)]


def corpus_counts(store: SQLiteStore) -> dict[str, int]:
    """Rows per corpus table."""
    tables = ("corpus_stories", "corpus_articles", "corpus_terms", "near_duplicates")
    return {t: int(store.query(f"SELECT count(*) FROM {t}")[0][0]) for t in tables}
