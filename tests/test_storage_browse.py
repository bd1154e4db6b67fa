"""The browsing reads of the store (storage.browse) on real SQLite files: every story of
the runs and of the corpus, newest first, searched, summarised, and a revision."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newsprism.interfaces.cli import main
from newsprism.model import Analysis
from newsprism.report.example import example_analysis
from newsprism.storage import SQLiteStore

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "articles"


def _later_copy(analysis: Analysis, days: int, story_id: str) -> Analysis:
    """The example story again under another id, as articles (new ids) published later."""
    (sa,) = analysis.stories
    articles = tuple(
        dataclasses.replace(a, id=f"{a.id}x{days}", published=f"2024-04-{1 + days:02d}")
        for a in sa.articles
    )
    ids = tuple(a.id for a in articles)
    story = dataclasses.replace(sa.story, id=story_id, headline=f"Later story {days}", articles=ids)
    copy = dataclasses.replace(sa, story=story, articles=articles)
    return dataclasses.replace(analysis, stories=(copy,))


def test_storage_browse_lists_every_story_newest_first(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        store.save_analysis(example_analysis())
        store.save_analysis(_later_copy(example_analysis(), 3, "s_later3"))
        store.save_analysis(_later_copy(example_analysis(), 9, "s_later9"))
        total, page = store.story_summaries(limit=2)
        _, rest = store.story_summaries(limit=2, offset=2)
    assert total == 3
    assert [s["id"] for s in page] == ["s_later9", "s_later3"] and len(rest) == 1
    assert page[0]["last"] == "2024-04-10" and page[0]["size"] == 3


def test_storage_browse_summary_counts_statuses(tmp_path: Path) -> None:
    analysis = example_analysis()
    (sa,) = analysis.stories
    with SQLiteStore(tmp_path / "n.db") as store:
        store.save_analysis(analysis)
        summary = store.story_summary(sa.story.id)
    assert summary is not None
    counts = {s: sum(g.status == s for g in sa.groups) for s in summary["statuses"]}
    assert summary["statuses"] == counts and summary["discrepancies"] == len(sa.discrepancies)
    assert [a["outlet"] for a in summary["articles"]] == [a.outlet for a in sa.articles]


def test_storage_browse_search_matches_claims_and_word_starts(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        store.save_analysis(example_analysis())
        store.save_analysis(_later_copy(example_analysis(), 3, "s_later3"))
        whole = store.story_summaries(query="Nordlys harbour")[0]  # words of claims
        start = store.story_summaries(query="Nordl")[0]
        titled = store.story_summaries(query="Later")[0]  # a headline
        missing = store.story_summaries(query="Nordlys zebra")[0]
        symbols = store.story_summaries(query='"* - Nordlys')[0]  # no FTS syntax error
        operator = store.story_summaries(query="Nordlys OR zebra")[0]  # OR is a word here
    assert (whole, start, titled, missing, symbols, operator) == (2, 2, 1, 0, 2, 0)


def test_storage_browse_holds_corpus_stories_before_analysis(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert main(["add", *sorted(str(p) for p in DEMO.glob("tram_*")), "--db", str(db)]) == 0
    with SQLiteStore(db) as store:
        total, (summary,) = store.story_summaries()
        assert store.load_story(summary["id"]) is None
        found = store.story_summaries(query="tram")[0]
        stories = store.article_stories(summary["articles"][0]["id"])
    assert total == 1 and summary["corpus"] and not summary["current"]
    assert summary["run"] is None and summary["statuses"] is None and summary["size"] == 3
    assert found == 1 and stories == [summary["id"]]


def test_storage_browse_revision_moves_on_every_write(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "n.db") as store:
        empty = store.revision()
        store.save_analysis(example_analysis())
        saved = store.revision()
        assert store.revision() == saved
    assert empty != saved


def test_storage_browse_indexes_a_store_made_before_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with SQLiteStore(db) as store:
        store.save_analysis(example_analysis())
        conn = store._conn  # make it a store written before the browsing index existed
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE story_index")
        conn.execute("DROP TABLE story_text")
    with SQLiteStore(db) as store:
        total, (summary,) = store.story_summaries(query="Nordlys")
    assert total == 1 and summary["id"] == example_analysis().stories[0].story.id
