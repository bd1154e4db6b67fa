"""Read-only queries of the SQLite store for browsing it (the web app and the JSON API).

A *story* here is every story id the store knows: the stories of the runs of ``analyze``
(the latest run that holds an id is that story's analysis) and the stories of the corpus
built by ``add`` (whose current members count, whether or not an analysis covers them
yet). The functions take the store's ``query`` function, so they never write.

A summary is a plain dict (the same keys for every store; see ``/docs/web.md``)::

    {"id", "headline", "first", "last", "size",
     "articles": [{"id", "source", "outlet", "url", "title", "published"}],  # earliest first
     "statuses": {"corroborated": n, "single_source": n, "disputed": n} or None,
     "discrepancies": n or None,   # None: no stored analysis
     "run": run id of the analysis or None,
     "corpus": bool,               # a story of the `add` corpus
     "current": bool}              # the analysis covers every current member

Stories are listed newest first: by their latest publication date (stories without one
last), then by id. A search keeps the stories where every word of the query begins a word of
the headline, of an article's title or of a claim (FTS5, ``unicode61`` tokens: case and
diacritics are ignored), in any analysis the story has had.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ..model import GROUP_STATUSES, Article
from ..stories.grouping import headline as first_headline

Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]

MAX_QUERY_WORDS = 8

# story_index and story_text: see ensure_index
_ROWS = (
    "SELECT i.id, i.run, i.pos, s.headline FROM story_index i "
    "LEFT JOIN stories s ON s.run = i.run AND s.position = i.pos"
)
_NEWEST = "ORDER BY i.last DESC, i.updated DESC, i.id DESC"  # NULL dates sort last

_MEMBER_COLUMNS = "a.id, a.source, a.outlet, a.url, a.title, a.published, substr(a.text, 1, 400)"


def query_words(text: str | None) -> list[str]:
    """The words of a search that can match (at most ``MAX_QUERY_WORDS``)."""
    return [w for w in (text or "").split() if any(ch.isalnum() for ch in w)][:MAX_QUERY_WORDS]


def _match(word: str) -> str:
    """An FTS5 query for the words that start with ``word`` (quoted: no operators)."""
    return '"' + word.replace('"', '""') + '"*'


def _matching(query: Query, words: Sequence[str]) -> list[int]:
    """``story_index.n`` of the stories that hold every word (one FTS pass per word)."""
    one = f"SELECT DISTINCT rowid >> {TEXT_BITS} FROM story_text WHERE story_text MATCH ?"
    sql = " INTERSECT ".join([one] * len(words))
    return [int(r[0]) for r in query(sql, tuple(map(_match, words)))]


def story_page(
    query: Query, limit: int, offset: int, search: str | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching stories, the summaries of ``limit`` of them from ``offset``)."""
    words = query_words(search)
    if not words:
        total = int(query("SELECT count(*) FROM story_index", ())[0][0])
        rows = query(f"{_ROWS} {_NEWEST} LIMIT ? OFFSET ?", (limit, offset))
    else:
        found = _matching(query, words)
        total = len(found)
        rows = query(f"{_ROWS} WHERE i.n IN (SELECT value FROM json_each(?)) {_NEWEST} "
                     "LIMIT ? OFFSET ?", (json.dumps(found), limit, offset))  # fmt: skip
    return total, [_summary(query, *row) for row in rows]


def story_summary(query: Query, story_id: str) -> dict[str, Any] | None:
    """The summary of one story, or None when the store does not hold it."""
    rows = query(f"{_ROWS} WHERE i.id = ?", (story_id,))
    return _summary(query, *rows[0]) if rows else None


def _summary(
    query: Query, story_id: str, run: str | None, pos: int | None, headline: str | None
) -> dict[str, Any]:
    corpus_rows = query(
        f"SELECT {_MEMBER_COLUMNS} FROM corpus_articles c JOIN articles a ON a.id = c.id "
        "WHERE c.story = ? ORDER BY c.seq",
        (story_id,),
    )
    analysed_rows: list[tuple[Any, ...]] = []
    statuses: dict[str, int] | None = None
    discrepancies: int | None = None
    if run is not None:
        analysed_rows = query(
            f"SELECT {_MEMBER_COLUMNS} FROM story_articles m JOIN articles a "
            "ON a.id = m.article WHERE m.run = ? AND m.story = ? ORDER BY m.position",
            (run, pos),
        )
        counts: dict[str, int] = {
            str(status): int(n)
            for status, n in query(
                "SELECT status, count(*) FROM claim_groups WHERE run = ? AND story = ? "
                "GROUP BY status",
                (run, pos),
            )
        }
        statuses = {status: int(counts.get(status, 0)) for status in GROUP_STATUSES}
        discrepancies = int(query("SELECT count(*) FROM discrepancies WHERE run = ? AND story = ?",
                                  (run, pos))[0][0])  # fmt: skip
    rows = corpus_rows or analysed_rows
    rows = sorted(rows, key=lambda r: r[5] or "9999")  # stable: stored order breaks ties
    dates = [r[5] for r in rows if r[5]]
    analysed = {r[0] for r in analysed_rows}
    if headline is None:
        headline = first_headline(
            [Article(id=r[0], source=r[1], text=r[6] or "", title=r[4]) for r in rows]
        )
    return {
        "id": story_id,
        "headline": headline,
        "first": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "size": len(rows),
        "articles": [
            {
                "id": r[0],
                "source": r[1],
                "outlet": r[2],
                "url": r[3],
                "title": r[4],
                "published": r[5],
            }
            for r in rows
        ],  # fmt: skip
        "statuses": statuses,
        "discrepancies": discrepancies,
        "run": run,
        "corpus": bool(corpus_rows),
        "current": run is not None and all(r[0] in analysed for r in corpus_rows),
    }


def article_stories(query: Query, article_id: str) -> list[str]:
    """Ids of the stories that hold an article: its corpus story first, then the stories of
    the runs that analysed it, newest run first (each id once)."""
    found = [str(r[0]) for r in query("SELECT story FROM corpus_articles WHERE id = ?",
                                      (article_id,))]  # fmt: skip
    found += [
        str(r[0])
        for r in query(
            "SELECT s.id FROM story_articles m JOIN stories s ON s.run = m.run "
            "AND s.position = m.story JOIN runs r ON r.id = m.run WHERE m.article = ? "
            "ORDER BY r.seq DESC",
            (article_id,),
        )
    ]
    return list(dict.fromkeys(found))


def revision(query: Query) -> str:
    """A token that changes whenever a run is saved or an article joins the corpus."""
    (runs, added), = query(
        "SELECT (SELECT coalesce(max(seq), 0) FROM runs), "
        "(SELECT coalesce(max(seq), 0) FROM corpus_articles)",
        (),
    )  # fmt: skip
    return f"{runs}.{added}"


def ensure_index(conn: sqlite3.Connection) -> None:
    """Create the browsing index of a store (in autocommit mode) unless it has one.

    It is SQLite's own, apart from the schema migrations the stores share: one
    ``BEGIN IMMEDIATE`` transaction checks that it is missing, creates it and fills it from
    the rows already stored, so two processes opening a store at once make it once. A
    store that has it already is only read: opening it takes no write lock.

    ``story_index`` has one row per story id, of a run or of the corpus: its latest
    analysis (run, position, run sequence), the latest publication date of the articles
    it has held and the time of its latest change. ``story_text`` (FTS5, contentless)
    indexes the words a search looks at: headlines, article titles and claim texts; the
    rowid of an entry is its story's ``n`` shifted left by ``TEXT_BITS``, plus a count, so
    a match gives its story without a look-up. Triggers on the tables that
    ``save_analysis`` and ``add`` write keep both up to date, so the code that writes them
    does not need to know."""
    if _has_index(conn):  # the usual case: no write lock taken
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _has_index(conn):  # another process may have made it meanwhile
            _create_index(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _has_index(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_index'").fetchall())


def _create_index(conn: sqlite3.Connection) -> None:
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
