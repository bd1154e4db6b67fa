"""The SQL both stores speak: runs, articles and everything an analysis holds.

:class:`SQLStore` keeps the logic of saving and reading analyses once, over a small
:class:`Tx` (execute, executemany, query) that each backend gives: ``SQLiteStore`` over
``sqlite3`` and ``PostgresStore`` over psycopg 3. SQL is written with ``?`` placeholders
and the portable subset both databases understand (``ON CONFLICT ... DO NOTHING``,
``substr``, scalar subqueries); the PostgreSQL transaction turns ``?`` into ``%s``.

Articles are keyed by ``Article.id`` (a content hash) and stored once, however often they
are analysed; when a later run carries different metadata for the same id, that run keeps
its own copy as a JSON ``variant`` so ``load_analysis`` gives back exactly what was saved.
Everything else belongs to one run. Each save is one transaction: stored whole or not at
all.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol, Self

from .. import __version__
from ..errors import StorageError
from ..model import Analysis, Article, Story, StoryAnalysis
from . import browse, codec
from .migrations import TABLES


class Connection(Protocol):
    """What we use of a DB-API connection (sqlite3's or psycopg's)."""

    def execute(self, sql: str, params: Sequence[Any], /) -> Any: ...

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


class Tx:
    """One open write transaction (or, with ``reading``, the connection for reads): SQL
    with ``?`` placeholders, passed through ``translate`` for the backend's dialect.
    ``reading`` turns the backend's ``errors`` into ``StorageError`` (inside a write
    transaction, :meth:`SQLStore._tx` does that)."""

    def __init__(
        self, conn: Connection, path: str, errors: tuple[type[Exception], ...], *,
        reading: bool, translate: Callable[[str], str] = str,
    ) -> None:  # fmt: skip
        self.conn = conn
        self.path = path
        self.errors = errors
        self.reading = reading
        self.translate = translate

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self.translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            self.conn.cursor().executemany(self.translate(sql), batch)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self.conn.execute(self.translate(sql), tuple(params)).fetchall())
        except self.errors as exc:
            if not self.reading:
                raise
            raise StorageError(f"cannot read the store ({reason(exc)})", source=self.path) from exc


def now() -> datetime:
    return datetime.now(UTC)


def reason(exc: BaseException) -> str:
    """An exception as one line (database messages may span several)."""
    return " ".join(str(exc).split()) or type(exc).__name__


ARTICLE_INSERT = (
    f"INSERT INTO articles ({', '.join(codec.ARTICLE_COLUMNS)}, first_run) "
    f"VALUES ({', '.join('?' * (len(codec.ARTICLE_COLUMNS) + 1))}) ON CONFLICT (id) DO NOTHING"
)


class SQLStore:
    """What both stores share. A backend sets ``path``, ``_clock`` and ``_conn`` and gives
    ``_begin`` (open a write transaction holding the store's one writer lock), ``_end``
    (commit or roll back) and ``_translate``. See the module docstring."""

    path: str  # where the store is, for messages (a file path or a URL without password)
    _clock: Callable[[], datetime]
    _conn: Connection
    _errors: tuple[type[Exception], ...]  # the backend's database errors

    def _begin(self) -> None:
        raise NotImplementedError

    def _end(self, commit: bool) -> None:
        raise NotImplementedError

    def _translate(self, sql: str) -> str:
        return sql

    @contextmanager
    def _tx(self, what: str) -> Iterator[Tx]:
        """A write transaction that holds the store's one writer lock (so writers
        serialise), committed on leaving it and rolled back on an error, which becomes a
        ``StorageError`` saying that nothing was stored; ``what`` names the work."""
        try:
            self._begin()
        except self._errors as exc:
            self._end(commit=False)
            raise StorageError(f"cannot {what} ({reason(exc)})", source=self.path) from exc
        try:
            yield Tx(self._conn, self.path, self._errors, reading=False,
                     translate=self._translate)  # fmt: skip
            self._end(commit=True)
        except BaseException as exc:
            self._end(commit=False)
            if isinstance(exc, (*self._errors, ValueError, OverflowError, UnicodeError)):
                raise StorageError(
                    f"cannot {what}, nothing was stored ({reason(exc)})", source=self.path
                ) from exc
            raise

    def _reader(self) -> Tx:
        return Tx(self._conn, self.path, self._errors, reading=True, translate=self._translate)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def transaction(self, what: str) -> AbstractContextManager[Tx]:
        """One write transaction for modules that keep their own tables in this store
        (``storage.corpus``); ``what`` names the work in the error message."""
        return self._tx(what)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read query; errors become ``StorageError``."""
        return self._reader().query(sql, params)

    # -- writing ----------------------------------------------------------------------

    def save_analysis(self, analysis: Analysis) -> str:
        """Store ``analysis`` as a new run in one transaction; return the run id."""
        run = "r" + uuid.uuid4().hex[:12]
        with self._tx("save the analysis") as tx:
            tx.execute(
                "INSERT INTO runs (id, created, newsprism, algorithms) VALUES (?, ?, ?, ?)",
                (run, self._clock().isoformat(), __version__, codec.dumps(analysis.algorithms)),
            )
            tx.executemany(
                "INSERT INTO rejections VALUES (?, ?, ?, ?, ?)",
                [(run, i, *codec.rejection_row(r)) for i, r in enumerate(analysis.rejections)],
            )
            for pos, sa in enumerate(analysis.stories):
                self._save_story(tx, run, pos, sa)
        return run

    def _save_story(self, tx: Tx, run: str, pos: int, sa: StoryAnalysis) -> None:
        story = sa.story
        tx.execute(
            "INSERT INTO stories (run, position, id, headline, article_ids, first_report, "
            "blindspots) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (run, pos, story.id, story.headline, codec.dumps(list(story.articles)),
             sa.first_report, codec.blindspots_text(sa.blindspots)),
        )  # fmt: skip
        for i, article in enumerate(sa.articles):
            tx.execute(ARTICLE_INSERT, (*codec.article_row(article), run))
            stored = _article(tx, article.id)
            variant = None if stored == article else codec.article_variant(article)
            tx.execute(
                "INSERT INTO story_articles VALUES (?, ?, ?, ?, ?)",
                (run, pos, i, article.id, variant),
            )
        _insert(tx, "claims", codec.CLAIM_COLUMNS, run, pos,
                [codec.claim_row(c) for c in sa.claims])  # fmt: skip
        _insert(tx, "claim_groups", codec.GROUP_COLUMNS, run, pos,
                [codec.group_row(g) for g in sa.groups])  # fmt: skip
        _insert(tx, "discrepancies", codec.DISCREPANCY_COLUMNS, run, pos,
                [codec.discrepancy_row(d) for d in sa.discrepancies])  # fmt: skip
        _insert(tx, "derivations", codec.DERIVATION_COLUMNS, run, pos,
                [codec.derivation_row(d) for d in sa.derivations])  # fmt: skip

    # -- reading ----------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id (as first saved), or None."""
        return _article(self._reader(), article_id)

    def _run_id(self, run_id: str | None) -> str:
        if run_id is None:
            rows = self.query("SELECT id FROM runs ORDER BY seq DESC LIMIT 1")
            if not rows:
                raise StorageError("the store holds no analysis yet", source=self.path)
            return str(rows[0][0])
        if not self.query("SELECT 1 FROM runs WHERE id = ?", (run_id,)):
            raise StorageError(f"no run {run_id!r} in the store", source=self.path)
        return run_id

    def load_analysis(self, run_id: str | None = None) -> Analysis:
        """The analysis saved as ``run_id`` (the latest run when None), exactly as saved."""
        run = self._run_id(run_id)
        row = self.query("SELECT algorithms FROM runs WHERE id = ?", (run,))[0]
        algorithms = json.loads(row[0])
        rejections = tuple(
            codec.rejection_from_row(row)
            for row in self.query(
                "SELECT stage, source, reason FROM rejections WHERE run = ? ORDER BY position",
                (run,),
            )
        )
        stories = tuple(
            replace(self._load_story(run, pos, sid, headline, ids), first_report=first,
                    blindspots=codec.blindspots_from_text(spots))
            for pos, sid, headline, ids, first, spots in self.query(
                "SELECT position, id, headline, article_ids, first_report, blindspots "
                "FROM stories WHERE run = ? ORDER BY position",
                (run,),
            )
        )  # fmt: skip
        return Analysis(stories=stories, rejections=rejections, algorithms=algorithms)

    def _rows(self, table: str, columns: tuple[str, ...], run: str, story: int) -> list[Any]:
        return self.query(
            f"SELECT {', '.join(columns)} FROM {table} WHERE run = ? AND story = ? "
            "ORDER BY position",
            (run, story),
        )

    def _load_story(self, run: str, pos: int, sid: str, headline: str, ids: str) -> StoryAnalysis:
        articles: list[Article] = []
        for article_id, variant in self._rows("story_articles", ("article", "variant"), run, pos):
            if variant is not None:
                articles.append(codec.article_from_variant(variant))
                continue
            article = self.get_article(article_id)
            if article is None:  # the foreign key makes this impossible short of tampering
                raise StorageError(f"article {article_id} is missing", source=self.path)
            articles.append(article)
        claims = self._rows("claims", codec.CLAIM_COLUMNS, run, pos)
        groups = self._rows("claim_groups", codec.GROUP_COLUMNS, run, pos)
        discrepancies = self._rows("discrepancies", codec.DISCREPANCY_COLUMNS, run, pos)
        derivations = self._rows("derivations", codec.DERIVATION_COLUMNS, run, pos)
        return StoryAnalysis(
            story=Story(id=sid, headline=headline, articles=tuple(json.loads(ids))),
            articles=tuple(articles),
            claims=tuple(codec.claim_from_row(r) for r in claims),
            groups=tuple(codec.group_from_row(r) for r in groups),
            discrepancies=tuple(codec.discrepancy_from_row(r) for r in discrepancies),
            derivations=tuple(codec.derivation_from_row(r) for r in derivations),
        )

    def list_runs(self) -> list[dict[str, Any]]:
        """Every run, newest first: id, created, newsprism version, algorithms, counts."""
        rows = self.query(
            "SELECT r.id, r.created, r.newsprism, r.algorithms, "
            "(SELECT count(*) FROM stories s WHERE s.run = r.id), "
            "(SELECT count(*) FROM rejections j WHERE j.run = r.id) "
            "FROM runs r ORDER BY r.seq DESC"
        )
        return [
            {"id": rid, "created": created, "newsprism": version,
             "algorithms": json.loads(algorithms), "stories": int(stories),
             "rejections": int(rejected)}
            for rid, created, version, algorithms, stories, rejected in rows
        ]  # fmt: skip

    def list_stories(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """Stories of one run (every run when None, newest run first), with counts."""
        where, params = ("WHERE s.run = ?", (self._run_id(run_id),)) if run_id else ("", ())
        rows = self.query(
            "SELECT s.run, r.created, s.id, s.headline, "
            "(SELECT count(*) FROM story_articles a WHERE a.run = s.run AND a.story = s.position), "
            "(SELECT count(*) FROM claims c WHERE c.run = s.run AND c.story = s.position), "
            "(SELECT count(*) FROM discrepancies d WHERE d.run = s.run AND d.story = s.position) "
            f"FROM stories s JOIN runs r ON r.id = s.run {where} "
            "ORDER BY r.seq DESC, s.position",
            params,
        )
        return [
            {"run": run, "created": created, "id": sid, "headline": headline,
             "articles": int(articles), "claims": int(claims),
             "discrepancies": int(discrepancies)}
            for run, created, sid, headline, articles, claims, discrepancies in rows
        ]  # fmt: skip

    # -- browsing (the web app and the JSON API; see storage.browse) ---------------------

    def load_story(self, story_id: str) -> tuple[str, StoryAnalysis] | None:
        """(run id, analysis) of the latest run that analysed ``story_id``, or None."""
        rows = self.query(
            "SELECT s.run, s.position, s.headline, s.article_ids, s.first_report, s.blindspots "
            "FROM stories s JOIN runs r ON r.id = s.run WHERE s.id = ? "
            "ORDER BY r.seq DESC LIMIT 1",
            (story_id,),
        )
        if not rows:
            return None
        run, pos, headline, ids, first, spots = rows[0]
        story = self._load_story(run, pos, story_id, headline, ids)
        return str(run), replace(story, first_report=first,
                                 blindspots=codec.blindspots_from_text(spots))  # fmt: skip

    def article_stories(self, article_id: str) -> list[str]:
        """Ids of the stories holding an article: its corpus story, then analysed ones."""
        return browse.article_stories(self.query, article_id)

    def revision(self) -> str:
        """Changes whenever a run is saved or an article joins the corpus."""
        return browse.revision(self.query)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self.query(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _article(tx: Tx, article_id: str) -> Article | None:
    rows = tx.query(
        f"SELECT {', '.join(codec.ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
    )
    return codec.article_from_row(rows[0]) if rows else None


def _insert(
    tx: Tx, table: str, columns: tuple[str, ...], run: str, story: int, rows: list[Any]
) -> None:
    names = ", ".join(("run", "story", "position", *columns))
    marks = ", ".join("?" * (len(columns) + 3))
    tx.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks})",
        [(run, story, i, *row) for i, row in enumerate(rows)],
    )
