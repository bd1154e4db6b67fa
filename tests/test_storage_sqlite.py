"""SQLiteStore on real files: idempotent articles, lossless runs, refusals, rollback."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsprism.errors import StorageError
from newsprism.model import Analysis, Claim
from newsprism.report.example import example_analysis
from newsprism.storage import SQLiteStore, Store, open_store
from newsprism.storage.migrations import MIGRATIONS


def test_storage_round_trip_is_lossless(tmp_path: Path) -> None:
    analysis = example_analysis()
    with SQLiteStore(tmp_path / "n.db") as store:
        run = store.save_analysis(analysis)
    with SQLiteStore(tmp_path / "n.db") as store:
        assert store.load_analysis() == analysis
        assert store.load_analysis(run) == analysis


def test_storage_saving_twice_keeps_one_row_per_article(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        first = store.save_analysis(example_analysis())
        second = store.save_analysis(example_analysis())
        counts = store.counts()
        assert first != second
    assert counts["articles"] == 3
    assert counts["runs"] == 2 and counts["claims"] == 26 and counts["rejections"] == 2


def test_storage_latest_run_is_loaded_by_default(tmp_path: Path) -> None:
    analysis = example_analysis()
    smaller = Analysis(stories=(), rejections=analysis.rejections, algorithms={"x": "x.v1"})
    with SQLiteStore(tmp_path / "n.db") as store:
        old = store.save_analysis(analysis)
        store.save_analysis(smaller)
        assert store.load_analysis() == smaller
        assert store.load_analysis(old) == analysis
        assert [r["stories"] for r in store.list_runs()] == [0, 1]


def test_storage_keeps_a_runs_own_copy_of_changed_article_metadata(tmp_path: Path) -> None:
    analysis = example_analysis()
    sa = analysis.stories[0]
    renamed = dataclasses.replace(sa.articles[0], outlet="NPA Wire", title=None)
    changed = Analysis(stories=(dataclasses.replace(sa, articles=(renamed, *sa.articles[1:])),))
    with SQLiteStore(tmp_path / "n.db") as store:
        store.save_analysis(analysis)
        store.save_analysis(changed)
        assert store.load_analysis() == changed
        stored = store.get_article(renamed.id)
        assert stored is not None and stored.outlet == "NPA"
        assert store.counts()["articles"] == 3


def test_storage_get_article_returns_none_for_an_unknown_id(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        store.save_analysis(example_analysis())
        article = example_analysis().stories[0].articles[2]
        assert store.get_article(article.id) == article
        assert store.get_article("a000000000000") is None


def test_storage_list_stories_counts_articles_claims_discrepancies(tmp_path: Path) -> None:
    clock = lambda: datetime(2024, 3, 14, 9, 30, tzinfo=UTC)  # noqa: E731
    with SQLiteStore(tmp_path / "n.db", clock=clock) as store:
        run = store.save_analysis(example_analysis())
        assert store.list_stories() == [
            {
                "run": run,
                "created": "2024-03-14T09:30:00+00:00",
                "id": example_analysis().stories[0].story.id,
                "headline": "Ferry runs aground off Havstad, all 42 rescued",
                "articles": 3,
                "claims": 13,
                "discrepancies": 2,
            }
        ]


def test_storage_empty_store_has_nothing_to_load(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        assert store.list_runs() == [] and store.list_stories() == []
        with pytest.raises(StorageError, match="holds no analysis yet"):
            store.load_analysis()
        with pytest.raises(StorageError, match="no run 'r1'"):
            store.load_analysis("r1")


def test_storage_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    junk = bytes(range(256)) * 40
    path.write_bytes(junk)
    with pytest.raises(StorageError, match="not an SQLite database") as info:
        SQLiteStore(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.db"]


def test_storage_corrupt_database_body_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "truncated.db"
    junk = b"SQLite format 3\x00" + b"\xff" * 200
    path.write_bytes(junk)
    with pytest.raises(StorageError, match="cannot open the store"):
        SQLiteStore(path)
    assert path.read_bytes() == junk


def test_storage_unwritable_location_is_refused(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    with pytest.raises(StorageError, match="cannot open the store"):
        SQLiteStore(not_a_dir / "n.db")


def test_storage_database_of_another_application_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="another application"):
        SQLiteStore(path)
    assert path.read_bytes() == before


def test_storage_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StorageError, match="newer than this newsprism knows"):
        SQLiteStore(path)


def failed_save_leaves_earlier_runs_intact(store: Store) -> None:
    """A save that breaks a constraint stores nothing (shared with the PostgreSQL tests)."""
    analysis = example_analysis()
    sa = analysis.stories[0]
    orphan = Claim("azzz:0-4", "azzz", "Text", 0, 4, "Text", 0, 4)  # article not in input
    broken = Analysis(stories=(dataclasses.replace(sa, claims=(*sa.claims, orphan)),))
    store.save_analysis(Analysis(stories=(), rejections=analysis.rejections))
    before = store.counts()
    with pytest.raises(StorageError, match="nothing was stored"):
        store.save_analysis(broken)
    assert store.counts() == before
    assert store.get_article(sa.articles[0].id) is None


def test_storage_failed_save_leaves_earlier_runs_intact(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        failed_save_leaves_earlier_runs_intact(store)


def test_storage_uses_wal_foreign_keys_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    conn.close()
    with SQLiteStore(path) as store:
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_storage_open_store_takes_paths_and_sqlite_urls(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "a.db"))
    assert isinstance(store, SQLiteStore) and isinstance(store, Store)
    store.close()
    url_store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    url_store.close()
    assert (tmp_path / "b.db").is_file()


def test_storage_unreachable_postgres_is_one_line_without_the_password() -> None:
    with pytest.raises(StorageError, match="cannot connect to PostgreSQL") as info:
        open_store("postgresql://team:s3cret@127.0.0.1:9/newsprism")  # port 9: nothing there
    message = str(info.value)
    assert "\n" not in message and "s3cret" not in message and "team:***@" in message
