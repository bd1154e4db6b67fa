"""The SQLite store (stdlib ``sqlite3``): every analysis kept as a run, articles shared.

One file holds many runs. Articles are keyed by ``Article.id`` (a content hash) and stored
once, however often they are analysed (``INSERT OR IGNORE``); when a later run carries
different metadata for the same id, that run keeps its own copy as a JSON ``variant`` so
``load_analysis`` gives back exactly what was saved. Everything else belongs to one run.
Each save is one transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import __version__
from ..errors import StorageError
from ..model import Analysis, Article, Story, StoryAnalysis
from . import browse, codec
from .migrations import MIGRATIONS, TABLES, migrate

SQLITE_HEADER = b"SQLite format 3\x00"


def _now() -> datetime:
    return datetime.now(UTC)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _check_file(path: Path) -> None:
    """Refuse, without touching it, a path that cannot be an SQLite database."""
    if path.is_dir():
        raise StorageError("is a directory, not a database file", source=str(path))
    if not path.exists():
        return
    try:
        with path.open("rb") as fp:
            head = fp.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"cannot read the store ({_reason(exc)})", source=str(path)) from exc
    if head and head != SQLITE_HEADER:
        raise StorageError(
            "not an SQLite database (left untouched); give another --db path", source=str(path)
        )


class SQLiteStore:
    """A store in one SQLite file (or ``":memory:"``). See the module docstring."""

    def __init__(
        self, path: str | Path, *, clock: Callable[[], datetime] = _now, timeout: float = 5.0
    ) -> None:
        self.path = str(path)
        self._clock = clock
        memory = self.path == ":memory:"
        if not memory:
            _check_file(Path(self.path))
        try:
            # Callers that share one store between threads (the web app) serialise their
            # calls; the connection may then be used from any of those threads.
            self._conn = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StorageError(
                f"cannot open the store ({_reason(exc)}); check that the folder exists "
                "and is writable",
                source=self.path,
            ) from exc
        try:
            self._prepare(memory)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StorageError(
                f"cannot open the store ({_reason(exc)}); is the file corrupt or read-only?",
                source=self.path,
            ) from exc
        except StorageError:
            self._conn.close()
            raise

    def _prepare(self, memory: bool) -> None:
        conn = self._conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StorageError(
                f"store schema version {version} is newer than this newsprism knows "
                f"({len(MIGRATIONS)}); upgrade newsprism",
                source=self.path,
            )
        if version == 0:
            foreign = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if foreign:
                raise StorageError(
                    "an SQLite database of another application (left untouched)",
                    source=self.path,
                )
        conn.execute("PRAGMA foreign_keys = ON")
        if not memory and version < len(MIGRATIONS):
            conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn)
        browse.ensure_index(conn)

    # -- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"cannot {what} ({_reason(exc)})", source=self.path) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | ValueError | OverflowError | UnicodeError):
                raise StorageError(
                    f"cannot {what}, nothing was stored ({_reason(exc)})", source=self.path
                ) from exc
            raise

    def transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``) for modules that keep
        their own tables in this store (``storage.corpus``): stored whole or not at all;
        ``what`` names the work in the error message."""
        return self._transaction(what)

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read query; errors become ``StorageError``."""
        return self._query(sql, params)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self._conn.execute(sql, params).fetchall())
        except sqlite3.Error as exc:
            raise StorageError(f"cannot read the store ({_reason(exc)})", source=self.path) from exc

    # -- writing ----------------------------------------------------------------------

    def save_analysis(self, analysis: Analysis) -> str:
        """Store ``analysis`` as a new run in one transaction; return the run id."""
        run = "r" + uuid.uuid4().hex[:12]
        with self._transaction("save the analysis") as conn:
            conn.execute(
                "INSERT INTO runs (id, created, newsprism, algorithms) VALUES (?, ?, ?, ?)",
                (run, self._clock().isoformat(), __version__, codec.dumps(analysis.algorithms)),
            )
            conn.executemany(
                "INSERT INTO rejections VALUES (?, ?, ?, ?, ?)",
                [(run, i, *codec.rejection_row(r)) for i, r in enumerate(analysis.rejections)],
            )
            for pos, sa in enumerate(analysis.stories):
                self._save_story(conn, run, pos, sa)
        return run

    def _save_story(self, conn: sqlite3.Connection, run: str, pos: int, sa: StoryAnalysis) -> None:
        story = sa.story
        conn.execute(
            "INSERT INTO stories (run, position, id, headline, article_ids, first_report, "
            "blindspots) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                run,
                pos,
                story.id,
                story.headline,
                codec.dumps(list(story.articles)),
                sa.first_report,
                codec.blindspots_text(sa.blindspots),
            ),  # fmt: skip
        )
        for i, article in enumerate(sa.articles):
            conn.execute(
                f"INSERT OR IGNORE INTO articles ({', '.join(codec.ARTICLE_COLUMNS)}, first_run) "
                f"VALUES ({', '.join('?' * (len(codec.ARTICLE_COLUMNS) + 1))})",
                (*codec.article_row(article), run),
            )
            stored = self._article(conn, article.id)
            variant = None if stored == article else codec.article_variant(article)
            conn.execute(
                "INSERT INTO story_articles VALUES (?, ?, ?, ?, ?)",
                (run, pos, i, article.id, variant),
            )
        self._insert(conn, "claims", codec.CLAIM_COLUMNS, run, pos,
                     [codec.claim_row(c) for c in sa.claims])  # fmt: skip
        self._insert(conn, "claim_groups", codec.GROUP_COLUMNS, run, pos,
                     [codec.group_row(g) for g in sa.groups])  # fmt: skip
        self._insert(conn, "discrepancies", codec.DISCREPANCY_COLUMNS, run, pos,
                     [codec.discrepancy_row(d) for d in sa.discrepancies])  # fmt: skip
        self._insert(conn, "derivations", codec.DERIVATION_COLUMNS, run, pos,
                     [codec.derivation_row(d) for d in sa.derivations])  # fmt: skip

    @staticmethod
    def _insert(
        conn: sqlite3.Connection,
        table: str,
        columns: tuple[str, ...],
        run: str,
        story: int,
        rows: list[tuple[Any, ...]],
    ) -> None:
        names = ", ".join(("run", "story", "position", *columns))
        marks = ", ".join("?" * (len(columns) + 3))
        conn.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            [(run, story, i, *row) for i, row in enumerate(rows)],
        )

    # -- reading ----------------------------------------------------------------------

    @staticmethod
    def _article(conn: sqlite3.Connection, article_id: str) -> Article | None:
        row = conn.execute(
            f"SELECT {', '.join(codec.ARTICLE_COLUMNS)} FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return codec.article_from_row(row) if row is not None else None

    def get_article(self, article_id: str) -> Article | None:
        """The stored article with this id (as first saved), or None."""
        try:
            return self._article(self._conn, article_id)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot read the store ({_reason(exc)})", source=self.path) from exc

    def _run_id(self, run_id: str | None) -> str:
        if run_id is None:
            rows = self._query("SELECT id FROM runs ORDER BY seq DESC LIMIT 1")
            if not rows:
                raise StorageError("the store holds no analysis yet", source=self.path)
            return str(rows[0][0])
        if not self._query("SELECT 1 FROM runs WHERE id = ?", (run_id,)):
            raise StorageError(f"no run {run_id!r} in the store", source=self.path)
        return run_id

    def load_analysis(self, run_id: str | None = None) -> Analysis:
        """The analysis saved as ``run_id`` (the latest run when None), exactly as saved."""
        run = self._run_id(run_id)
        row = self._query("SELECT algorithms FROM runs WHERE id = ?", (run,))[0]
        algorithms = json.loads(row[0])
        rejections = tuple(
            codec.rejection_from_row(row)
            for row in self._query(
                "SELECT stage, source, reason FROM rejections WHERE run = ? ORDER BY position",
                (run,),
            )
        )
        stories = tuple(
            replace(
                self._load_story(run, pos, sid, headline, ids),
                first_report=first,
                blindspots=codec.blindspots_from_text(spots),
            )  # fmt: skip
            for pos, sid, headline, ids, first, spots in self._query(
                "SELECT position, id, headline, article_ids, first_report, blindspots "
                "FROM stories WHERE run = ? ORDER BY position",
                (run,),
            )
        )
        return Analysis(stories=stories, rejections=rejections, algorithms=algorithms)

    def _rows(self, table: str, columns: tuple[str, ...], run: str, story: int) -> list[Any]:
        return self._query(
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
        rows = self._query(
            "SELECT r.id, r.created, r.newsprism, r.algorithms, "
            "(SELECT count(*) FROM stories s WHERE s.run = r.id), "
            "(SELECT count(*) FROM rejections j WHERE j.run = r.id) "
            "FROM runs r ORDER BY r.seq DESC"
        )
        return [
            {"id": rid, "created": created, "newsprism": version,
             "algorithms": json.loads(algorithms), "stories": stories, "rejections": rejected}
            for rid, created, version, algorithms, stories, rejected in rows
        ]  # fmt: skip

    def list_stories(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """Stories of one run (every run when None, newest run first), with counts."""
        where, params = ("WHERE s.run = ?", (self._run_id(run_id),)) if run_id else ("", ())
        rows = self._query(
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
             "articles": articles, "claims": claims, "discrepancies": discrepancies}
            for run, created, sid, headline, articles, claims, discrepancies in rows
        ]  # fmt: skip

    # -- browsing (the web app and the JSON API; see storage.browse) ---------------------

    def load_story(self, story_id: str) -> tuple[str, StoryAnalysis] | None:
        """(run id, analysis) of the latest run that analysed ``story_id``, or None."""
        rows = self._query(
            "SELECT s.run, s.position, s.headline, s.article_ids FROM stories s "
            "JOIN runs r ON r.id = s.run WHERE s.id = ? ORDER BY r.seq DESC LIMIT 1",
            (story_id,),
        )
        if not rows:
            return None
        run, pos, headline, ids = rows[0]
        return str(run), self._load_story(run, pos, story_id, headline, ids)

    def story_summaries(
        self, limit: int = 50, offset: int = 0, query: str | None = None
    ) -> tuple[int, list[dict[str, Any]]]:
        """(how many stories match, the summaries of ``limit`` of them from ``offset``),
        newest first, of every story of the runs and of the corpus; ``query``: words that
        must each be in the headline, a title or a claim."""
        return browse.story_page(self._query, limit, offset, query)

    def story_summary(self, story_id: str) -> dict[str, Any] | None:
        """The summary of one story (as in ``story_summaries``), or None."""
        return browse.story_summary(self._query, story_id)

    def article_stories(self, article_id: str) -> list[str]:
        """Ids of the stories holding an article: its corpus story, then analysed ones."""
        return browse.article_stories(self._query, article_id)

    def revision(self) -> str:
        """Changes whenever a run is saved or an article joins the corpus."""
        return browse.revision(self._query)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: int(self._query(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}
