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


MIGRATIONS = (*MIGRATIONS, _corpus)


def _browse(conn: sqlite3.Connection) -> None:
    """An index of every story for browsing (``storage.browse``), kept by triggers.

    ``story_index`` has one row per story id, of a run or of the corpus: its latest
    analysis (run, position, run sequence), the latest publication date of the articles
    it has held and the time of its latest change. ``story_text`` (FTS5, contentless)
    indexes the words a search looks at: headlines, article titles and claim texts; the
    rowid of an entry is its story's ``n`` shifted left by ``TEXT_BITS``, plus a count, so
    a match gives its story without a look-up. Triggers on the tables that
    ``save_analysis`` and ``add`` write keep both up to date, so the code that writes them
    does not need to know; rows already stored are indexed here once."""
    conn.execute(
        """CREATE TABLE story_index (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            run TEXT,
            pos INTEGER,
            seq INTEGER,
            last TEXT,
            updated TEXT NOT NULL,
            texts INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX story_index_newest ON story_index(last, updated, id)")
    conn.execute(
        "CREATE VIRTUAL TABLE story_text USING fts5(body, content = '', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for trigger in _BROWSE_TRIGGERS:
        conn.execute(trigger)
    for backfill in _BROWSE_BACKFILL:
        conn.execute(backfill)


TEXT_BITS = 24  # story_text rowid = story_index.n << TEXT_BITS | number of the text


def _index_text(story: str, body: str) -> str:
    """Statements (for a trigger body) that index ``body`` under the story ``story``."""
    return f"""
        UPDATE story_index SET texts = texts + 1 WHERE id = {story};
        INSERT INTO story_text (rowid, body)
        SELECT (i.n << {TEXT_BITS}) + i.texts, b.body FROM story_index i,
            (SELECT {body} AS body) b
        WHERE i.id = {story} AND b.body IS NOT NULL;"""


_LATER_DATE = "nullif(max(coalesce(last, ''), coalesce({new}, '')), '')"
_RUN_STORY = "(SELECT id FROM stories WHERE run = new.run AND position = new.story)"

_BROWSE_TRIGGERS = (
    f"""CREATE TRIGGER story_index_run AFTER INSERT ON stories BEGIN
        INSERT INTO story_index (id, run, pos, seq, last, updated)
        SELECT new.id, new.run, new.position, r.seq, NULL, r.created FROM runs r
        WHERE r.id = new.run
        ON CONFLICT (id) DO UPDATE SET run = excluded.run, pos = excluded.pos,
            seq = excluded.seq, updated = excluded.updated;
        {_index_text("new.id", "new.headline")}
    END""",
    f"""CREATE TRIGGER story_index_run_article AFTER INSERT ON story_articles BEGIN
        UPDATE story_index SET last = {
        _LATER_DATE.format(new="(SELECT published FROM articles WHERE id = new.article)")
    }
        WHERE id = {_RUN_STORY};
        {_index_text(_RUN_STORY, "(SELECT title FROM articles WHERE id = new.article)")}
    END""",
    f"""CREATE TRIGGER story_text_claim AFTER INSERT ON claims BEGIN
        {_index_text(_RUN_STORY, "new.text")}
    END""",
    """CREATE TRIGGER story_index_corpus AFTER INSERT ON corpus_stories BEGIN
        INSERT INTO story_index (id, run, pos, seq, last, updated)
        VALUES (new.id, NULL, NULL, NULL, NULL, new.created) ON CONFLICT (id) DO NOTHING;
    END""",
    f"""CREATE TRIGGER story_index_corpus_article AFTER INSERT ON corpus_articles BEGIN
        UPDATE story_index SET last = {_LATER_DATE.format(new="new.published")},
            updated = max(updated, new.added)
        WHERE id = new.story;
        {_index_text("new.story", "(SELECT title FROM articles WHERE id = new.id)")}
    END""",
)

_BROWSE_BACKFILL = (
    """INSERT INTO story_index (id, run, pos, seq, last, updated)
    SELECT s.id, s.run, s.position, max(r.seq), NULL, r.created
    FROM stories s JOIN runs r ON r.id = s.run GROUP BY s.id""",
    """INSERT INTO story_index (id, run, pos, seq, last, updated)
    SELECT id, NULL, NULL, NULL, NULL, created FROM corpus_stories WHERE true
    ON CONFLICT (id) DO NOTHING""",
    """UPDATE story_index SET last = (
        SELECT max(a.published) FROM stories s
        JOIN story_articles m ON m.run = s.run AND m.story = s.position
        JOIN articles a ON a.id = m.article WHERE s.id = story_index.id)""",
    f"""UPDATE story_index SET last = {
        _LATER_DATE.format(
            new="(SELECT max(published) FROM corpus_articles c WHERE c.story = story_index.id)"
        )
    },
        updated = max(updated, coalesce(
            (SELECT max(added) FROM corpus_articles c WHERE c.story = story_index.id), ''))""",
    """CREATE TEMP TABLE browse_texts AS
    SELECT i.n AS n, row_number() OVER (PARTITION BY i.n) AS k, t.body AS body
    FROM (
        SELECT id AS story, headline AS body FROM stories
        UNION ALL
        SELECT s.id, a.title FROM stories s
        JOIN story_articles m ON m.run = s.run AND m.story = s.position
        JOIN articles a ON a.id = m.article WHERE a.title IS NOT NULL
        UNION ALL
        SELECT s.id, c.text FROM stories s
        JOIN claims c ON c.run = s.run AND c.story = s.position
        UNION ALL
        SELECT c.story, a.title FROM corpus_articles c JOIN articles a ON a.id = c.id
        WHERE a.title IS NOT NULL
    ) t JOIN story_index i ON i.id = t.story""",
    f"INSERT INTO story_text (rowid, body) SELECT (n << {TEXT_BITS}) + k, body FROM browse_texts",
    """UPDATE story_index SET texts = c.k
    FROM (SELECT n, max(k) AS k FROM browse_texts GROUP BY n) c WHERE c.n = story_index.n""",
    "DROP TABLE browse_texts",
)

MIGRATIONS = (*MIGRATIONS, _browse)
