"""PostgresStore on a real throwaway server (tests/pgserver.py): the same behaviour as the
SQLite store, for analyses and for the corpus, and every command with a postgresql:// URL."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from test_cli_corpus import _write
from test_storage_sqlite import failed_save_leaves_earlier_runs_intact
from test_stories_incremental import COUNCIL, FOLLOW_UP, QUAKE_A, QUAKE_B, WIRE_COPY

from newsprism import corpus
from newsprism.errors import StorageError
from newsprism.interfaces.cli import main
from newsprism.report.example import example_analysis
from newsprism.resources import Resources
from newsprism.storage import SQLiteStore, Store, open_store
from newsprism.storage.migrations import MIGRATIONS
from newsprism.storage.postgres import PostgresStore

CLOCK = lambda: datetime(2024, 3, 14, 9, 30, tzinfo=UTC)  # noqa: E731
ALL = [*QUAKE_A, *QUAKE_B, *COUNCIL, WIRE_COPY]


def test_storage_postgres_round_trip_is_lossless(pg_url: str, tmp_path: Path) -> None:
    analysis = example_analysis()
    with PostgresStore(pg_url, clock=CLOCK) as store:
        assert isinstance(store, Store)
        run = store.save_analysis(analysis)
    with (
        PostgresStore(pg_url, clock=CLOCK) as store,
        SQLiteStore(tmp_path / "n.db", clock=CLOCK) as lite,
    ):
        lite_run = lite.save_analysis(analysis)
        assert store.load_analysis() == analysis and store.load_analysis(run) == analysis
        assert store.counts() == lite.counts()
        assert [dict(s, run=None) for s in store.list_stories()] == [
            dict(s, run=None) for s in lite.list_stories()
        ]
        assert store.list_runs()[0]["id"] == run and lite.list_runs()[0]["id"] == lite_run


def test_storage_postgres_saving_twice_keeps_one_row_per_article(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        store.save_analysis(example_analysis())
        store.save_analysis(example_analysis())
        counts = store.counts()
    assert counts["articles"] == 3 and counts["runs"] == 2 and counts["claims"] == 26


def test_storage_postgres_schema_is_migrated_once(pg_url: str) -> None:
    PostgresStore(pg_url).close()
    PostgresStore(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        (version,) = conn.execute("SELECT version FROM newsprism_schema").fetchall()
        kinds = dict(conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'corpus_articles'").fetchall())  # fmt: skip
    assert version == (len(MIGRATIONS),)
    assert kinds["lead"] == "bytea" and kinds["seq"] == "bigint"


def test_storage_postgres_database_of_another_application_is_left_untouched(
    pg_url: str,
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(StorageError, match="another application"):
        open_store(pg_url)
    with psycopg.connect(pg_url) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("photos",)]


def test_storage_postgres_failed_save_leaves_earlier_runs_intact(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        failed_save_leaves_earlier_runs_intact(store)


def test_storage_postgres_text_with_a_nul_is_refused_whole(pg_url: str) -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    bad = dataclasses.replace(sa.articles[0], title="Ferry\x00")
    with PostgresStore(pg_url) as store:
        with pytest.raises(StorageError, match="nothing was stored") as info:
            store.save_analysis(
                dataclasses.replace(
                    analysis, stories=(dataclasses.replace(sa, articles=(bad, *sa.articles[1:])),)
                )
            )
        assert "\n" not in str(info.value)
        assert store.counts()["runs"] == 0  # fmt: skip


def test_storage_postgres_corpus_equals_sqlite(
    pg_url: str, tmp_path: Path, resources: Resources
) -> None:
    with PostgresStore(pg_url) as pg, SQLiteStore(tmp_path / "c.db") as lite:
        for store in (pg, lite):
            corpus.add(store, ALL[:4], resources.embedder, batch_size=3)
            corpus.add(store, [*ALL[4:], FOLLOW_UP], resources.embedder)
        assert pg.corpus_stories() == lite.corpus_stories()
        assert pg.corpus_counts() == lite.corpus_counts()
        assert pg.near_duplicate_pairs() == lite.near_duplicate_pairs()
        story = pg.corpus_stories()[0]["id"]
        assert pg.corpus_story_articles(story) == lite.corpus_story_articles(story)
        index = corpus.load_index(pg)
    assert index.n_docs == len(ALL) + 1 and len(index.story_ids) == 3


def test_cli_postgres_url_works_for_every_command(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _write(tmp_path / "in", [*QUAKE_A, *QUAKE_B])
    assert main(["add", str(folder), "--db", pg_url]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == len(QUAKE_A) + len(QUAKE_B)
    assert main(["stories", "--db", pg_url]) == 0
    stories = json.loads(capsys.readouterr().out)["stories"]
    assert [s["size"] for s in stories] == [len(QUAKE_A), len(QUAKE_B)]
    out = tmp_path / "r.json"
    assert main(["analyze", "--story", stories[1]["id"], "--db", pg_url, "--json", str(out)]) == 0
    (story,) = json.loads(out.read_text(encoding="utf-8"))["stories"]
    assert story["id"] == stories[1]["id"] and story["claims"]
    assert main(["analyze", str(_write(tmp_path / "c", COUNCIL)), "--db", pg_url,
                 "--json", str(tmp_path / "c.json")]) == 0  # fmt: skip
    with PostgresStore(pg_url) as store:
        assert store.counts()["runs"] == 2


def test_storage_postgres_browsing_equals_sqlite(
    pg_url: str, tmp_path: Path, resources: Resources
) -> None:
    with (
        PostgresStore(pg_url, clock=CLOCK) as pg,
        SQLiteStore(tmp_path / "b.db", clock=CLOCK) as lite,
    ):
        for store in (pg, lite):
            corpus.add(store, [*QUAKE_A, *QUAKE_B], resources.embedder, clock=CLOCK)
            store.save_analysis(example_analysis())

        def same(x: object) -> object:  # run ids are random: compare all but them
            if isinstance(x, tuple):
                return (x[0], [dict(d, run=bool(d["run"])) for d in x[1]])
            return dict(x, run=bool(x["run"])) if isinstance(x, dict) else x

        total, page = pg.story_summaries()
        assert same((total, page)) == same(lite.story_summaries())
        assert total == 3
        hits = pg.story_summaries(query="ferr")  # a word prefix, any case
        assert same(hits) == same(lite.story_summaries(query="ferr")) and hits[0] == 1
        assert pg.story_summaries(query="zzzz") == (0, [])
        sid = page[0]["id"]
        assert same(pg.story_summary(sid)) == same(lite.story_summary(sid))
        analysed = next(p["id"] for p in page if p["run"])
        pg_story, lite_story = pg.load_story(analysed), lite.load_story(analysed)
        assert pg_story is not None and lite_story is not None
        assert pg_story[1] == lite_story[1]
        article = QUAKE_A[0].id
        assert pg.article_stories(article) == lite.article_stories(article)
        before = pg.revision()
        corpus.add(pg, [FOLLOW_UP], resources.embedder)
        assert pg.revision() != before
