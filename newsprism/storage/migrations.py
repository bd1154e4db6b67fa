"""Schema migrations of the SQLite store: small functions, one transaction each.

``PRAGMA user_version`` holds the number of migrations applied. A migration is appended,
never edited once released: a store made by an older newsprism is brought up to date by
running the functions after its version, in order.

Tables that belong to one run hang off ``runs`` with ``ON DELETE CASCADE``; articles are
shared by every run, keyed by ``Article.id``. Tuples of nested objects are JSON columns.
Column names avoid SQL keywords (``span_start``/``span_end``, ``group_id``, ...).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence


def _core(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            newsprism TEXT NOT NULL,
            algorithms TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            outlet TEXT,
            title TEXT,
            published TEXT,
            language TEXT NOT NULL,
            byline TEXT NOT NULL,
            url TEXT,
            removed TEXT NOT NULL,
            repairs INTEGER NOT NULL,
            first_run TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE rejections (
            run TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            stage TEXT NOT NULL,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (run, position)
        )"""
    )


def _stories(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE stories (
            run TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            headline TEXT NOT NULL,
            article_ids TEXT NOT NULL,
            PRIMARY KEY (run, position)
        )"""
    )
    conn.execute(
        """CREATE TABLE story_articles (
            run TEXT NOT NULL,
            story INTEGER NOT NULL,
            position INTEGER NOT NULL,
            article TEXT NOT NULL REFERENCES articles(id),
            variant TEXT,
            PRIMARY KEY (run, story, position),
            FOREIGN KEY (run, story) REFERENCES stories(run, position) ON DELETE CASCADE
        )"""
    )
    conn.execute(
        """CREATE TABLE claims (
            run TEXT NOT NULL,
            story INTEGER NOT NULL,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            article TEXT NOT NULL REFERENCES articles(id),
            text TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            content TEXT NOT NULL,
            content_start INTEGER NOT NULL,
            content_end INTEGER NOT NULL,
            speaker TEXT,
            via TEXT,
            quote INTEGER NOT NULL,
            quote_text TEXT,
            hedge TEXT,
            negated INTEGER NOT NULL,
            quantities TEXT NOT NULL,
            dates TEXT NOT NULL,
            entities TEXT NOT NULL,
            PRIMARY KEY (run, story, position),
            FOREIGN KEY (run, story) REFERENCES stories(run, position) ON DELETE CASCADE
        )"""
    )


def _comparisons(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE claim_groups (
            run TEXT NOT NULL,
            story INTEGER NOT NULL,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            claims TEXT NOT NULL,
            articles TEXT NOT NULL,
            independent_sources INTEGER NOT NULL,
            status TEXT NOT NULL,
            sources TEXT NOT NULL,
            origin TEXT,
            PRIMARY KEY (run, story, position),
            FOREIGN KEY (run, story) REFERENCES stories(run, position) ON DELETE CASCADE
        )"""
    )
    conn.execute(
        """CREATE TABLE discrepancies (
            run TEXT NOT NULL,
            story INTEGER NOT NULL,
            position INTEGER NOT NULL,
            id TEXT NOT NULL,
            kind TEXT NOT NULL,
            claims TEXT NOT NULL,
            explanation TEXT NOT NULL,
            group_id TEXT,
            conflict_values TEXT NOT NULL,
            diff TEXT,
            PRIMARY KEY (run, story, position),
            FOREIGN KEY (run, story) REFERENCES stories(run, position) ON DELETE CASCADE
        )"""
    )
    conn.execute(
        """CREATE TABLE derivations (
            run TEXT NOT NULL,
            story INTEGER NOT NULL,
            position INTEGER NOT NULL,
            article TEXT NOT NULL,
            derived_from TEXT NOT NULL,
            kind TEXT NOT NULL,
            evidence TEXT NOT NULL,
            score REAL,
            external INTEGER NOT NULL,
            PRIMARY KEY (run, story, position),
            FOREIGN KEY (run, story) REFERENCES stories(run, position) ON DELETE CASCADE
        )"""
    )


def _indexes(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX claims_by_article ON claims(article)")
    conn.execute("CREATE INDEX stories_by_id ON stories(id)")
    conn.execute("CREATE INDEX story_articles_by_article ON story_articles(article)")


def _claim_frames(conn: sqlite3.Connection) -> None:
    """Where each claim's speaker, cue and cited outlet are written, as one JSON object."""
    conn.execute("ALTER TABLE claims ADD COLUMN frame TEXT NOT NULL DEFAULT '{}'")


MIGRATIONS: Sequence[Callable[[sqlite3.Connection], None]] = (
    _core,
    _stories,
    _comparisons,
    _indexes,
    _claim_frames,
)

TABLES = (
    "runs",
    "articles",
    "rejections",
    "stories",
    "story_articles",
    "claims",
    "claim_groups",
    "discrepancies",
    "derivations",
)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn`` (in autocommit mode) up to the latest schema; return its version.

    Each migration runs in its own ``BEGIN IMMEDIATE`` transaction together with the
    version bump, so an interrupted upgrade leaves the store at the last whole step.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute(f"PRAGMA user_version = {number:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = number
    return version


def _corpus(conn: sqlite3.Connection) -> None:
    """The incremental corpus (``newsprism add``): stories that grow article by article,
    per-article features, a document-frequency table and near-duplicate pairs."""
    conn.execute(
        """CREATE TABLE corpus_stories (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            first_article TEXT NOT NULL REFERENCES articles(id),
            created TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE corpus_articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE REFERENCES articles(id),
            story TEXT NOT NULL REFERENCES corpus_stories(id),
            published TEXT,
            lead BLOB,
            terms BLOB,
            names BLOB,
            signature BLOB,
            added TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX corpus_articles_by_story ON corpus_articles(story)")
    conn.execute(
        """CREATE TABLE corpus_terms (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE,
            df INTEGER NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE near_duplicates (
            article TEXT PRIMARY KEY REFERENCES articles(id),
            original TEXT NOT NULL REFERENCES articles(id),
            jaccard REAL NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE corpus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _story_outcome(conn: sqlite3.Connection) -> None:
    """What compare decides for a whole story: its first report and its blindspots."""
    conn.execute("ALTER TABLE stories ADD COLUMN first_report TEXT")
    conn.execute("ALTER TABLE stories ADD COLUMN blindspots TEXT NOT NULL DEFAULT '[]'")


MIGRATIONS = (*MIGRATIONS, _corpus, _story_outcome)
